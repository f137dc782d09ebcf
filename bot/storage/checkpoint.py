"""WAL checkpoints off the request path: one daemon thread per writing process.

SQLite's own checkpoint runs inside the COMMIT that crossed 1,000 pages, under our write lock: it
held the lock for 10–30 ms of page copies and fsyncs every 100–200 turns (~100 µs a turn on average,
and the p99; bench/README.md). Here a thread checkpoints every ``CHECKPOINT_SECONDS`` while there are
writes, outside the lock; past ``REWIND_PAGES`` the store copies the short tail under the lock so the
next writer starts the WAL over. SQLite's inline checkpoint stays as the safety net, at
``store.AUTOCHECKPOINT_PAGES``, should the thread be stuck or dead.
"""

from __future__ import annotations

import logging
import os
import sqlite3
import threading
import time
import weakref
from pathlib import Path
from typing import TYPE_CHECKING

from .locking import StoreBusy

if TYPE_CHECKING:
    from .store import Store

log = logging.getLogger(__name__)

CHECKPOINT_SECONDS = 0.1
REWIND_PAGES = 4096


class Checkpointer:
    """One daemon thread per process: WAL checkpoints for the stores this process writes to.

    Every ``CHECKPOINT_SECONDS``, for each store with commits since its last look, a PASSIVE
    checkpoint on the thread's own connection, outside the write lock: turns keep committing while
    pages are copied and fsynced. Once the WAL holds ``REWIND_PAGES`` the few pages written during
    that copy are copied under the write lock (a millisecond or two, rarely), so the WAL starts over
    rather than growing. Stores are held weakly; a store whose file is gone is dropped. The thread
    does not survive fork(): ``_after_fork`` forgets it and the child's first transaction starts
    another (``watch``).
    """

    def __init__(self, interval: float = CHECKPOINT_SECONDS) -> None:
        self.interval = interval
        self._stores: weakref.WeakSet[Store] = weakref.WeakSet()
        self._seen: weakref.WeakKeyDictionary[Store, int] = weakref.WeakKeyDictionary()
        self._thread = threading.Thread(target=self._run, name="wal-checkpoint", daemon=True)
        self._thread.start()

    def watch(self, store: Store) -> None:
        self._stores.add(store)

    def _run(self) -> None:
        while True:
            time.sleep(self.interval)
            if _running is not self:  # replaced in a forked child (threads do not cross fork)
                return
            with _housekeeping:
                try:
                    self.round()
                except Exception:
                    log.exception("WAL checkpoint round failed")

    def round(self) -> None:
        pid = os.getpid()
        for store in list(self._stores):
            commits = store.commits
            if self._seen.get(store) == commits or not store.opened_in(pid):
                continue
            self._seen[store] = commits
            try:
                store.checkpoint(rewind_at=REWIND_PAGES)
            except StoreBusy:
                pass
            except sqlite3.Error as exc:
                log.warning("WAL checkpoint of %s failed: %s", store.path, exc)
                if not Path(store.path).exists():
                    self._stores.discard(store)


_running: Checkpointer | None = None
# Held by the checkpointer while it works and across fork(); guards starting it.
_housekeeping = threading.Lock()


def running() -> Checkpointer | None:
    """This process's checkpointer, if it has started one."""
    return _running


def watch(store: Store) -> Checkpointer:
    """Have this process's checkpointer look after ``store``'s WAL (started on first use)."""
    global _running
    with _housekeeping:
        if _running is None:
            _running = Checkpointer()
        _running.watch(store)
        return _running


def _before_fork() -> None:
    # The checkpointer must not be inside SQLite (holding its mutexes) when the process forks.
    _housekeeping.acquire()


def _after_fork_parent() -> None:
    _housekeeping.release()


def _after_fork_child() -> None:
    global _running, _housekeeping
    # The checkpointer's thread did not cross fork(): the child's first transaction starts another.
    _running, _housekeeping = None, threading.Lock()


os.register_at_fork(before=_before_fork, after_in_parent=_after_fork_parent, after_in_child=_after_fork_child)
