"""WeChat's 5-second deadline: a slow turn answers `success` at once and follows up by message."""

from __future__ import annotations

import threading
import time

from emulator_helpers import RunningEmulator
from wechat_helpers import text_xml


def test_slow_database_gets_success_then_a_customer_service_message(
    harness_factory, emulator: RunningEmulator
) -> None:
    api = emulator.settings()
    h = harness_factory(
        wechat={"app_id": api.app_id, "app_secret": api.app_secret, "api_base_url": api.api_base_url},
        server={"reply_budget_seconds": 0.3},
    )
    emulator.state.record_inbound("o-slow")  # the worker just wrote: WeChat's 48-hour window is open
    store = h.services.store
    unlocked = threading.Event()
    real_processed = store.processed

    def locked_db(key: str):  # the database is stuck (another process holds the write lock)
        assert unlocked.wait(10)
        return real_processed(key)

    store.processed = locked_db  # type: ignore[method-assign]
    started = time.monotonic()
    resp = h.post(text_xml("过年加班工资怎么算", openid="o-slow"))
    elapsed = time.monotonic() - started
    assert resp.status_code == 200 and resp.data == b"success"
    assert elapsed < 2, f"webhook held the request {elapsed:.1f}s"
    assert emulator.state.inbox["o-slow"] == []

    unlocked.set()
    assert emulator.state.wait_for(lambda: len(emulator.state.inbox["o-slow"]) == 1, timeout=10)
    (msg,) = emulator.state.inbox["o-slow"]
    assert "300%" in msg["text"]


def test_fast_turns_are_answered_inline(harness_factory) -> None:
    h = harness_factory(server={"reply_budget_seconds": 4.0})
    assert "300%" in h.say("春节上班加班费怎么算")
