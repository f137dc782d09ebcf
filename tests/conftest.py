from __future__ import annotations

import logging
import os
import re
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from emulator_helpers import emulator_fixture  # noqa: F401 - the `emulator` fixture for every test
from wechat_helpers import WeChat, text_xml

from bot.app import create_app
from bot.config import Settings, from_dict
from bot.services import Services, build

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


# -- personal data never reaches the logs ---------------------------------------------------------
# Every log record of the whole run (DEBUG and up, every logger) and the stderr of every server
# process the suite starts are kept; at the end the run fails if any phone number or fixture name
# shows up in clear.

LOG_DIR = Path(__file__).resolve().parents[1] / "var" / "test-logs"
PII_NAMES = ("王小明", "李四", "张三丰")
PHONE = re.compile(r"(?<![0-9A-Za-z])1[3-9]\d{9}(?![0-9A-Za-z])")


def pytest_configure(config: pytest.Config) -> None:
    LOG_DIR.mkdir(parents=True, exist_ok=True)
    for old in LOG_DIR.glob("*.log"):
        old.unlink()
    handler = logging.FileHandler(LOG_DIR / "suite.log", encoding="utf-8")
    handler.setLevel(logging.DEBUG)
    handler.setFormatter(logging.Formatter("%(name)s %(levelname)s %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    os.environ["LIUGONG_TEST_LOG_DIR"] = str(LOG_DIR)


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    leaks = []
    for path in sorted(LOG_DIR.glob("*.log")):
        for n, line in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), 1):
            if PHONE.search(line) or any(name in line for name in PII_NAMES):
                leaks.append(f"{path.name}:{n}: {line[:160]}")
    if leaks:
        print("\npersonal data found in logs:\n" + "\n".join(leaks[:20]))
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
