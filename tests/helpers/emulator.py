"""Run the WeChat emulator (or any WSGI app) on 127.0.0.1 in a background thread, for tests.

def test_x(emulator):                      # fixture: default emulator, plain mode
    api = WeChatAPI(emulator.settings(), tmp_path / "db.sqlite")
    emulator.state.add_follower("o1")

with run_emulator(webhook_url=..., clock=clock) as emu:   # custom options
    ...
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from typing import Any

import pytest
from flask import Flask
from werkzeug.serving import WSGIRequestHandler, make_server

from bot.config import WeChatSettings
from bot.wechat import emulator
from bot.wechat.emulator import EmulatorState

APP_ID = "wxemulator00000001"
APP_SECRET = "emulator-secret-7f3c9a2e51"
PUSH_TOKEN = "emulator-push-token"
AES_KEY = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG"


class FakeClock:
    """A settable clock shared by the emulator and the client."""

    def __init__(self, start: float = 1_700_000_000.0) -> None:
        self.now = start
        self._lock = threading.Lock()

    def __call__(self) -> float:
        with self._lock:
            return self.now

    def advance(self, seconds: float) -> None:
        with self._lock:
            self.now += seconds


class _QuietHandler(WSGIRequestHandler):
    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        pass  # request lines carry access tokens and secrets; keep them out of caplog


@contextmanager
def serve_in_thread(app: Callable[..., Any]) -> Iterator[str]:
    """Serve a WSGI app on 127.0.0.1 on a free port; yields its base URL."""
    server = make_server("127.0.0.1", 0, app, threaded=True, request_handler=_QuietHandler)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), name="test-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@dataclass
class RunningEmulator:
    url: str
    state: EmulatorState
    app: Flask

    def settings(self, **overrides: Any) -> WeChatSettings:
        """WeChatSettings pointing at this emulator."""
        base = WeChatSettings(
            token=PUSH_TOKEN,
            app_id=self.state.app_id,
            app_secret=self.state.app_secret,
            encoding_aes_key=AES_KEY,
            api_base_url=f"{self.url}/cgi-bin/",
        )
        return replace(base, **overrides)

    def section(self) -> dict[str, str]:
        """The ``[wechat]`` config section of a bot talking to this emulator (for make_settings)."""
        s = self.settings()
        keys = ("token", "app_id", "app_secret", "encoding_aes_key", "api_base_url")
        return {key: getattr(s, key) for key in keys}


@contextmanager
def run_emulator(**options: Any) -> Iterator[RunningEmulator]:
    """Start ``create_emulator(**options)`` (test credentials by default) on a free port."""
    defaults: dict[str, Any] = {
        "app_id": APP_ID,
        "app_secret": APP_SECRET,
        "token": PUSH_TOKEN,
        "encoding_aes_key": AES_KEY,
    }
    running = emulator.start("127.0.0.1", 0, **(defaults | options))  # the one way the bot starts it
    try:
        yield RunningEmulator(running.url, running.state, running.server.app)  # type: ignore[arg-type]
    finally:
        running.state.close()  # release hanging requests and finish background jobs before shutdown
        running.stop()


@pytest.fixture(name="emulator")
def emulator_fixture() -> Iterator[RunningEmulator]:
    """The ``emulator`` fixture (import ``emulator_fixture`` to make it available)."""
    with run_emulator() as running:
        yield running
