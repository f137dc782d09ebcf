"""An in-process bot on a real SQLite file, and a WeChat that signs pushes for it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from bot.app import create_app
from bot.config import Settings, from_dict
from bot.services import Services, build
from helpers.wechat import WeChat, text_xml

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
