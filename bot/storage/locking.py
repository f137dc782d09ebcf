"""The store's write lock: one writer at a time across threads and processes."""

from __future__ import annotations

import fcntl
import os
import threading
import time


class StoreBusy(Exception):
    """The write lock could not be had within the caller's time budget."""


class WriteLock:
    """One writer at a time across threads (a mutex) and processes (flock on ``<db>.lock``).

    Without a timeout the kernel wakes a waiter the moment the holder releases the lock (or dies:
    a crashed writer never leaves it behind). With one (the webhook's), a contended flock is
    retried every ``POLL_SECONDS`` until the deadline. Only one thread per process ever polls (the
    others wait on the mutex, woken at once), and a turn holds the lock for well under a
    millisecond, so the poll must be finer than that: backing off to 4 ms made waiters sleep
    through several free lock windows, and under load pushes spent 3–4 ms waiting for a lock that
    was busy half the time.
    """

    POLL_SECONDS = 0.0002

    def __init__(self, db_path: str) -> None:
        self._mutex = threading.Lock()
        self._path = None if db_path == ":memory:" else db_path + ".lock"
        self._fd: int | None = None

    def acquire(self, timeout: float | None = None) -> None:
        deadline = None if timeout is None else time.monotonic() + timeout
        if not self._mutex.acquire(timeout=-1 if timeout is None else timeout):
            raise StoreBusy("another thread holds the write lock")
        if self._path is None:
            return
        try:
            if self._fd is None:
                self._fd = os.open(self._path, os.O_RDWR | os.O_CREAT, 0o600)
            if deadline is None:
                fcntl.flock(self._fd, fcntl.LOCK_EX)
                return
            while True:
                try:
                    fcntl.flock(self._fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    return
                except BlockingIOError:
                    if time.monotonic() + self.POLL_SECONDS > deadline:
                        raise StoreBusy("another process holds the write lock") from None
                    time.sleep(self.POLL_SECONDS)
        except BaseException:
            self._mutex.release()
            raise

    def release(self) -> None:
        try:
            if self._fd is not None:
                fcntl.flock(self._fd, fcntl.LOCK_UN)
        finally:
            self._mutex.release()
