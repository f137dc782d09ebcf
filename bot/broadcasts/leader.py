"""Which process leads the broadcast scheduler: an ``flock`` on ``<database>.scheduler.lock``.

Kept apart from scheduler.py (APScheduler) so that commands which only read, or send once
(``broadcast send-now``), need not import the scheduler's machinery.
"""

from __future__ import annotations

import fcntl
import os
import socket
import threading
from dataclasses import dataclass

from ..storage.store import Store


@dataclass(frozen=True)
class Leader:
    """The process leading the scheduler, as it last wrote itself into ``scheduler_state``."""

    holder: str
    pid: int
    started: float
    last_poll: float


def last_seen(store: Store) -> Leader | None:
    """Who leads the scheduler and when it last polled (for the desk and the CLI)."""
    row = store.conn.execute(
        "SELECT holder, pid, started, last_poll FROM scheduler_state WHERE name = 'leader'"
    ).fetchone()
    return Leader(row["holder"], row["pid"], row["started"], row["last_poll"]) if row else None


class LeaderLock:
    """An exclusive, non-blocking ``flock``. Two instances conflict even within one process."""

    _memory = threading.Lock()  # for ":memory:" databases, which live in one process anyway

    def __init__(self, database: str) -> None:
        self.path = None if database == ":memory:" else database + ".scheduler.lock"
        self._fd: int | None = None
        self._held_memory = False

    def acquire(self) -> bool:
        if self.held:
            return True
        if self.path is None:
            self._held_memory = self._memory.acquire(blocking=False)
            return self._held_memory
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            return False
        os.ftruncate(fd, 0)
        os.write(fd, f"{socket.gethostname()} {os.getpid()}\n".encode())
        self._fd = fd
        return True

    @property
    def held(self) -> bool:
        return self._fd is not None or self._held_memory

    def release(self) -> None:
        if self._fd is not None:
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None
        if self._held_memory:
            self._memory.release()
            self._held_memory = False
