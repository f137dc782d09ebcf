"""WeChat's 5-second deadline: a locked database answers `success` at once and follows up by message."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable
from contextlib import AbstractContextManager, contextmanager
from typing import Any

import pytest
from helpers.emulator import RunningEmulator
from helpers.harness import Harness
from helpers.wechat import text_xml

from bot.storage.store import StoreBusy, WriteLock


@contextmanager
def sqlite_writer_elsewhere(h: Harness) -> Any:
    """Another program (a backup, an sqlite3 shell) holds SQLite's own write lock."""
    other = sqlite3.connect(h.settings.storage.database, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        yield
    finally:
        other.execute("COMMIT")
        other.close()


@contextmanager
def bot_writer_elsewhere(h: Harness) -> Any:
    """Another worker process of the bot is in the middle of a (slow) write."""
    lock = WriteLock(h.settings.storage.database)  # its own file description: a different owner
    lock.acquire()
    try:
        yield
    finally:
        lock.release()


@pytest.mark.parametrize("locked", [sqlite_writer_elsewhere, bot_writer_elsewhere])
def test_locked_database_gets_success_then_a_customer_service_message(
    harness_factory, emulator: RunningEmulator, locked: Callable[[Harness], AbstractContextManager[None]]
) -> None:
    api = emulator.settings()
    h = harness_factory(
        wechat={"app_id": api.app_id, "app_secret": api.app_secret, "api_base_url": api.api_base_url},
        server={"reply_budget_seconds": 0.3},
    )
    emulator.state.record_inbound("o-slow")  # the worker just wrote: WeChat's 48-hour window is open
    with locked(h):
        started = time.monotonic()
        resp = h.post(text_xml("过年加班工资怎么算", openid="o-slow"))
        elapsed = time.monotonic() - started
        assert resp.status_code == 200 and resp.data == b"success"
        assert elapsed < 2, f"webhook held the request {elapsed:.1f}s"
        assert emulator.state.inbox["o-slow"] == []
    assert emulator.state.wait_for(lambda: len(emulator.state.inbox["o-slow"]) == 1, timeout=10)
    (msg,) = emulator.state.inbox["o-slow"]
    assert "300%" in msg["text"]


def test_write_lock_wait_is_bounded_and_the_lock_frees_on_release(tmp_path) -> None:
    db = str(tmp_path / "x.db")
    holder, waiter = WriteLock(db), WriteLock(db)
    holder.acquire()
    started = time.monotonic()
    with pytest.raises(StoreBusy):
        waiter.acquire(timeout=0.1)
    assert time.monotonic() - started < 1
    holder.release()
    waiter.acquire(timeout=0.1)
    waiter.release()


def test_fast_turns_are_answered_inline(harness_factory) -> None:
    h = harness_factory(server={"reply_budget_seconds": 4.0})
    assert "300%" in h.say("春节上班加班费怎么算")
