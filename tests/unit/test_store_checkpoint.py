"""WAL checkpoints run on the store's background thread, off the turns' COMMITs, and the WAL starts over."""

from __future__ import annotations

import itertools
import os
import struct
import time
from pathlib import Path

import pytest

from bot.storage import checkpoint
from bot.storage.store import AUTOCHECKPOINT_PAGES, Store


def wal_restarts(path: Path) -> int:
    """The WAL header's checkpoint sequence number: how many times a writer started the WAL over."""
    with open(str(path) + "-wal", "rb") as fh:
        header = fh.read(32)
    return int(struct.unpack(">I", header[12:16])[0]) if len(header) == 32 else 0


def test_commits_leave_checkpoints_to_the_background_and_the_wal_starts_over(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(checkpoint, "REWIND_PAGES", 16)
    store = Store(tmp_path / "bot.db")
    # SQLite's own checkpoint (inside some COMMIT) only as a safety net, far away.
    assert store.conn.execute("PRAGMA wal_autocheckpoint").fetchone()[0] == AUTOCHECKPOINT_PAGES
    deadline = time.monotonic() + 30
    for n in itertools.count():
        with store.transaction():
            store.remember(f"msg:o-1:{n}", "回复" * 500)
        if wal_restarts(tmp_path / "bot.db") >= 2:
            break
        assert time.monotonic() < deadline, "the WAL never started over"
        time.sleep(0.002)
    assert store.conn.execute("SELECT COUNT(*) FROM processed").fetchone()[0] == n + 1
    assert store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_a_forked_child_gets_its_own_checkpointer(tmp_path: Path) -> None:
    store = Store(tmp_path / "bot.db")
    with store.transaction():
        store.remember("msg:o-1:1", "a")
    parent = checkpoint.running()
    assert parent is not None
    pid = os.fork()
    if pid == 0:  # the child: exit 0 if its first transaction started a live checkpointer of its own
        ok = False
        try:
            with store.transaction():
                store.remember("msg:o-1:2", "b")
            mine = checkpoint.running()
            ok = mine is not None and mine is not parent and mine._thread.is_alive()
        finally:
            os._exit(0 if ok else 1)
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0
    assert checkpoint.running() is parent and parent._thread.is_alive()
    assert store.processed("msg:o-1:2") == (True, "b")
