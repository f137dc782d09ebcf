from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from emulator_helpers import emulator_fixture  # noqa: F401 - the `emulator` fixture for every test
from wechat_helpers import WeChat, text_xml

from bot.app import Services, build, create_app
from bot.config import Settings, from_dict

AES_KEY = "kWxPEV2UEDyxWpmPdKC3F4dgPDmOvfKX1HGnEUDS1aR"


def make_settings(tmp_path: Path, mode: str = "plain", **sections: dict[str, Any]) -> Settings:
    raw: dict[str, Any] = {
        "wechat": {
            "token": "test-token",
            "app_id": "wx1234567890abcdef",
            "app_secret": "test-secret",
            "encoding_aes_key": AES_KEY,
            "mode": mode,
        },
        "storage": {"database": str(tmp_path / "bot.db")},
    }
    for name, values in sections.items():
        raw.setdefault(name, {}).update(values)
    return from_dict(raw, source="test", env={})


class Harness:
    """A Flask app on a real SQLite file, and a WeChat that signs pushes for it."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.services: Services = build(settings)
        self.app = create_app(settings, self.services)
        self.client = self.app.test_client()
        self.wechat = WeChat(settings.wechat)

    @property
    def path(self) -> str:
        return self.settings.server.webhook_path

    def post(self, xml: str, **kw: Any) -> Any:
        query, body = self.wechat.push(xml, **kw)
        return self.client.post(self.path, query_string=query, data=body, content_type="text/xml")

    def say(self, text: str, openid: str = "o-worker-1", **kw: Any) -> str:
        """Send a text as a worker and return the reply text (asserting a well-formed addressed reply)."""
        resp = self.post(text_xml(text, openid, **kw))
        assert resp.status_code == 200, resp.data
        fields = self.wechat.open_reply(resp.data)
        assert fields["ToUserName"] == openid
        assert fields["FromUserName"] == "gh_liugong"
        return fields["Content"]


@pytest.fixture
def harness_factory(tmp_path: Path) -> Callable[..., Harness]:
    def make(mode: str = "plain", **sections: dict[str, Any]) -> Harness:
        h = Harness(make_settings(tmp_path, mode, **sections))
        h.services.bot.today = lambda: date(
            2021, 2, 1
        )  # inside the 2021 campaign unless a test says otherwise
        return h

    return make


@pytest.fixture
def harness(harness_factory: Callable[..., Harness]) -> Harness:
    return harness_factory()


@pytest.fixture(params=["plain", "compat", "safe"])
def any_mode(request: pytest.FixtureRequest, harness_factory: Callable[..., Harness]) -> Harness:
    return harness_factory(request.param)
