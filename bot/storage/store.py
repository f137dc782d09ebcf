"""SQLite storage shared by every process: users, processed pushes, unanswered questions.

The schema lives in ``migrations`` (applied when a ``Store`` opens); this module reads and writes it.

One file, WAL mode, a connection per thread. Writes that must be atomic across processes
(a push handled once, a complaint saved once) run inside ``Store.transaction()``, which takes
SQLite's write lock up front (``BEGIN IMMEDIATE``) so two workers cannot interleave.

WAL checkpoints run off the request path (checkpoint.py); the write lock and ``StoreBusy`` are in
locking.py.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

import sqlite_utils

from . import checkpoint, migrations
from .locking import StoreBusy, WriteLock

__all__ = ["DEDUPE_KEEP_SECONDS", "Store", "StoreBusy", "User", "WriteLock", "beijing_day", "hash_openid"]

log = logging.getLogger(__name__)

# Processed pushes are kept this long: WeChat redelivers within seconds, staff never need them.
DEDUPE_KEEP_SECONDS = 3 * 24 * 3600
BUSY_TIMEOUT_MS = 10_000

# SQLite's own inline WAL checkpoint, kept only as a safety net (~128 MB): checkpoint.py does the work.
AUTOCHECKPOINT_PAGES = 32768

# This process's id, kept current by an at-fork hook: ``Store.conn`` compares it on every call, and
# os.getpid() is a system call.
_PID = os.getpid()


def _after_fork() -> None:
    global _PID
    _PID = os.getpid()


os.register_at_fork(after_in_child=_after_fork)


@lru_cache(maxsize=8192)
def hash_openid(openid: str) -> str:
    """A stable pseudonym for logs and analytics: never write an OpenID in clear."""
    return hashlib.sha256(("liugong:" + openid).encode()).hexdigest()[:12]


class Speculative(Exception):
    """A turn worked out in ``Store.speculate()`` needs the write lock after all."""


@dataclass
class User:
    openid: str
    region: str | None = None
    subscribed: bool = True
    followed: bool = True
    last_seen: float = 0.0
    state: dict[str, Any] | None = None
    # Has filed a wage complaint (complaints.Register.create sets it; it is never cleared): the
    # complaint form looks for case news only for these users, not on every turn of everyone.
    cases: bool = False


class Store:
    def __init__(self, path: str | Path, clock: Callable[[], float] = time.time) -> None:
        self.path = str(path)
        self.clock = clock
        self._local = threading.local()
        self._pid = os.getpid()
        self._writer = WriteLock(self.path)
        self.commits = 0  # transactions committed by this process (the checkpointer's cue)
        self._checkpointed_by: checkpoint.Checkpointer | None = None
        if self.path != ":memory:":
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
            _private_file(self.path)  # SQLite gives the -wal and -shm files the database's mode
        migrations.apply(self)

    # -- connections -----------------------------------------------------------------------------

    @property
    def conn(self) -> sqlite3.Connection:
        if self._pid != _PID:
            # A connection must never cross fork() (gunicorn --preload): start afresh in the child.
            self._local, self._pid = threading.local(), _PID
            self._writer = WriteLock(self.path)
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is None:
            conn = self._connect()
            self._local.conn = conn
            self._local.busy_ms = BUSY_TIMEOUT_MS
        return conn

    def _connect(self) -> sqlite3.Connection:
        conn = sqlite3.connect(
            self.path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None, check_same_thread=False
        )
        conn.row_factory = sqlite3.Row
        conn.execute("PRAGMA journal_mode=WAL")
        # NORMAL in WAL mode survives process crashes; make_durable() adds the fsync where a
        # power cut must not lose a write either.
        conn.execute("PRAGMA synchronous=NORMAL")
        conn.execute("PRAGMA foreign_keys=ON")
        conn.execute(f"PRAGMA wal_autocheckpoint={AUTOCHECKPOINT_PAGES}")
        return conn

    @property
    def db(self) -> sqlite_utils.Database:
        conn = self.conn
        db: sqlite_utils.Database | None = getattr(self._local, "db", None)
        if db is None:
            db = sqlite_utils.Database(conn)
            self._local.db = db
        return db

    def close(self) -> None:
        for name in ("conn", "reader"):
            conn = getattr(self._local, name, None)
            if conn is not None:
                conn.close()
                setattr(self._local, name, None)
        self._local.db = None

    @contextmanager
    def transaction(self, timeout: float | None = None) -> Iterator[sqlite3.Connection]:
        """BEGIN IMMEDIATE … COMMIT: the write lock is held from the first statement.

        Writers first queue on ``WriteLock`` so they wake the moment the lock is free, instead of
        polling in SQLite's busy handler (1–100 ms sleeps that made p99 ten times p50 under load).
        With ``timeout``, raise ``StoreBusy`` rather than wait longer for the lock (the webhook
        has WeChat's 5-second deadline to keep).
        """
        conn = self.conn
        if conn.in_transaction:  # nested use joins the outer transaction
            yield conn
            return
        if getattr(self._local, "deferred", None) is not None:
            raise Speculative("a transaction inside speculate()")
        if self._checkpointed_by is None or self._checkpointed_by is not checkpoint.running():
            self._watch()
        self._writer.acquire(timeout)
        try:
            self._local.durable = False
            self._local.question = None
            self._begin(conn, timeout)
            try:
                yield conn
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")
            self.commits += 1
            if self._local.durable:
                self._sync_wal()
        finally:
            self._writer.release()

    @property
    def reader(self) -> sqlite3.Connection:
        """This thread's read-only connection (``speculate``)."""
        _ = self.conn  # (a new process starts its connections afresh)
        reader: sqlite3.Connection | None = getattr(self._local, "reader", None)
        if reader is None:
            reader = self._connect()
            reader.execute("PRAGMA query_only = 1")
            self._local.reader = reader
        return reader

    def trace(self, callback: Callable[[str], object] | None) -> None:
        """Have this thread's connections report every statement they run (tests, benchmarks)."""
        for conn in (self.conn, self.reader):
            conn.set_trace_callback(callback)

    @contextmanager
    def speculate(self) -> Iterator[list[tuple[Callable[..., None], tuple[Any, ...]]]]:
        """Read-only, outside the write lock: a turn worked out here may be committed later.

        Statements run on the thread's second, ``query_only`` connection (any write raises
        ``sqlite3.OperationalError``; toggling the pragma on one connection would re-prepare every
        statement), a ``transaction()`` raises ``Speculative``, and the dashboard's counters
        (``count_question``, ``record_unanswered``) are queued in the list yielded for the caller
        to replay in its transaction.
        """
        if self.path == ":memory:":  # (a second connection would open another, empty database)
            raise Speculative("an in-memory store has one connection a thread")
        writer, db, reader = self.conn, getattr(self._local, "db", None), self.reader
        pending: list[tuple[Callable[..., None], tuple[Any, ...]]] = []
        self._local.conn, self._local.db, self._local.deferred = reader, None, pending
        try:
            yield pending
        finally:
            self._local.conn, self._local.db, self._local.deferred = writer, db, None

    def _watch(self) -> None:
        if self.path != ":memory:":
            self._checkpointed_by = checkpoint.watch(self)

    def opened_in(self, pid: int) -> bool:
        """Whether this store's connections belong to process ``pid`` (not a parent across fork)."""
        return self._pid == pid

    def checkpoint(self, rewind_at: int | None = None) -> tuple[int, int]:
        """A PASSIVE checkpoint: copy what it can of the WAL into the database, waiting for nobody.

        Returns (pages in the WAL, pages copied). If the WAL holds ``rewind_at`` pages or more, the
        pages written meanwhile are then copied under the write lock, so the next writer finds the
        WAL fully copied and starts it over (under steady writes it would otherwise only grow: a
        writer starts the WAL over only if no page is left to copy when its transaction begins).
        Raises ``StoreBusy`` if the lock stays taken past a second: the next round tries again.
        """
        conn = self.conn
        _, pages, copied = conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
        if rewind_at is not None and pages >= rewind_at:
            self._writer.acquire(1.0)
            try:
                _, pages, copied = conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
            finally:
                self._writer.release()
        return pages, copied

    def _begin(self, conn: sqlite3.Connection, timeout: float | None) -> None:
        """BEGIN IMMEDIATE; a writer outside our lock (a backup, sqlite3 shell) may still hold SQLite's.

        SQLite waits for it up to the connection's busy timeout: ``timeout`` if given, else the
        default. The connection keeps the last one set (a webhook thread sets its budget once, not
        twice per push), so statements outside ``transaction()`` on such a thread wait that long.
        """
        busy_ms = BUSY_TIMEOUT_MS if timeout is None else int(timeout * 1000)
        if self._local.busy_ms != busy_ms:
            conn.execute(f"PRAGMA busy_timeout = {busy_ms}")
            self._local.busy_ms = busy_ms
        try:
            conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            if timeout is None:
                raise
            raise StoreBusy(str(exc)) from exc

    def make_durable(self) -> None:
        """This transaction must survive a power cut, not just a crash (a case number shown to a worker).

        The store runs with synchronous=NORMAL (WAL: safe against process crashes, one fsync per
        checkpoint); a transaction marked here is fsynced at commit, as synchronous=FULL would.
        """
        self._local.durable = True

    def _sync_wal(self) -> None:
        if self.path == ":memory:":
            return
        fd = os.open(self.path + "-wal", os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)

    def backup(self, dest: str | Path) -> Path:
        """An online, consistent copy (SQLite backup API) while servers keep writing; checked after."""
        dest = Path(dest)
        dest.parent.mkdir(parents=True, exist_ok=True)
        tmp = dest.with_name(dest.name + ".part")
        tmp.unlink(missing_ok=True)
        _private_file(str(tmp))
        target = sqlite3.connect(tmp)
        try:
            self.conn.backup(target, pages=1024)
            if target.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
                raise RuntimeError("backup failed its integrity check")
        finally:
            target.close()
        tmp.replace(dest)
        return dest

    # -- users -----------------------------------------------------------------------------------

    def user(self, openid: str) -> User:
        row = self.conn.execute(
            "SELECT region, subscribed, followed, last_seen, state, cases FROM users WHERE openid = ?",
            (openid,),
        ).fetchone()
        return User(openid) if row is None else _user(openid, tuple(row))

    def recall(self, key: str, openid: str) -> tuple[bool, str | None, User]:
        """(already processed?, the stored reply, the user) for a push, in one statement.

        The turn's two lookups — the dedupe row and the sender's row — as one LEFT JOIN of both
        primary-key probes, so a push costs one SELECT instead of two.
        """
        row = self.conn.execute(_RECALL, (key, openid)).fetchone()
        if row[2] is None:
            user = User(openid)
            self._local.read = (openid, self.row_of(user))
        else:
            user = _user(openid, columns := tuple(row)[3:])
            self._local.read = (openid, columns)
        return bool(row[0]), row[1], user

    def row_as_read(self, user: User) -> tuple[Any, ...]:
        """``row_of`` the user as this thread's last ``recall`` read them (its columns as stored, the
        state's JSON not written again); ``row_of`` the user now if that read was of someone else."""
        read = getattr(self._local, "read", None)
        return read[1] if read is not None and read[0] == user.openid else self.row_of(user)

    def save_user(self, user: User) -> None:
        self.conn.execute(_SAVE_USER, (user.openid, *self.row_of(user)))

    def save_user_if(self, user: User, was: tuple[Any, ...]) -> bool:
        """``save_user``, only if the worker's row still holds ``was`` (``row_of`` the user as read;
        a row still absent counts as its defaults). False, writing nothing, if it changed."""
        return self.conn.execute(_SAVE_USER_IF, (user.openid, *self.row_of(user), *was)).rowcount == 1

    @staticmethod
    def row_of(user: User) -> tuple[Any, ...]:
        """The user's columns after the openid, as the users table holds them."""
        state = json.dumps(user.state, ensure_ascii=False) if user.state else None
        return user.region, int(user.subscribed), int(user.followed), user.last_seen, state, int(user.cases)

    def audience(self, regions: list[str] | None, limit: int = -1) -> list[str]:
        """Followers who have not opted out, in the given places (None: everyone); the first
        ``limit`` of them by openid (-1: all)."""
        sql = "SELECT openid FROM users WHERE subscribed = 1 AND followed = 1"
        args: list[object] = []
        if regions is not None:
            sql += f" AND region IN ({','.join('?' * len(regions))})"
            args = [*regions]
        return [r[0] for r in self.conn.execute(sql + " ORDER BY openid LIMIT ?", [*args, limit])]

    # -- processed pushes (WeChat redelivery) ----------------------------------------------------

    def processed(self, key: str) -> tuple[bool, str | None]:
        row = self.conn.execute("SELECT reply FROM processed WHERE key = ?", (key,)).fetchone()
        return (True, row[0]) if row else (False, None)

    def remember(self, key: str, reply: str | None) -> None:
        now = self.clock()
        self.conn.execute("INSERT INTO processed (key, reply, created) VALUES (?, ?, ?)", (key, reply, now))
        # Cheap housekeeping: roughly one insert in a hundred trims the old rows.
        if int(now * 1000) % 100 == 0:
            self.conn.execute("DELETE FROM processed WHERE created < ?", (now - DEDUPE_KEEP_SECONDS,))

    def forget_replies(self, openid: str) -> None:
        """Drop the stored replies of one user's pushes (a cancelled complaint's summary echoes their
        phone and name); the rows stay, so a redelivery is still answered once, with nothing."""
        for kind in ("msg", "evt"):
            prefix = f"{kind}:{openid}:"
            self.conn.execute(
                "UPDATE processed SET reply = NULL WHERE key >= ? AND key < ? AND reply IS NOT NULL",
                (prefix, prefix[:-1] + ";"),  # ';' sorts right after ':': the key range of the prefix
            )

    # -- unanswered questions --------------------------------------------------------------------

    def record_unanswered(self, text: str, openid: str, region: str | None) -> None:
        """Keep the question for staff, and count it unanswered (the one ``count_question`` counted
        in this transaction; else a new ``unknown`` one)."""
        if (deferred := getattr(self._local, "deferred", None)) is not None:
            deferred.append((self.record_unanswered, (text, openid, region)))
            return
        now = self.clock()
        self.conn.execute(
            "INSERT INTO unanswered (text, user_hash, region, created) VALUES (?, ?, ?, ?)",
            (text[:500], hash_openid(openid), region, now),
        )
        key = getattr(self._local, "question", None)
        self._local.question = None
        if key is None:
            key = (beijing_day(now), "unknown", region or "")
            self.conn.execute(_COUNT_QUESTION, key)
        self.conn.execute(_COUNT_UNANSWERED, key)

    def count_question(self, intent: str, region: str | None) -> None:
        """One question about ``intent`` from ``region`` today (Beijing day): the dashboard's counters.

        Called in the turn's transaction, one UPSERT of a small row keyed (day, intent, region); no
        text, no openid. ``record_unanswered`` later in the same transaction marks it unanswered.
        """
        if (deferred := getattr(self._local, "deferred", None)) is not None:
            deferred.append((self.count_question, (intent, region)))
            return
        key = (beijing_day(self.clock()), intent, region or "")
        self.conn.execute(_COUNT_QUESTION, key)
        self._local.question = key

    def unanswered(self, limit: int = 100) -> list[dict[str, Any]]:
        """What workers asked that the bot could not answer, most frequent first."""
        rows = self.conn.execute(
            "SELECT text, COUNT(*) AS times, COUNT(DISTINCT user_hash) AS people, MAX(created) AS last"
            " FROM unanswered GROUP BY text ORDER BY times DESC, last DESC LIMIT ?",
            (limit,),
        )
        return [dict(r) for r in rows]


_RECALL = (
    "SELECT p.key IS NOT NULL, p.reply, u.openid,"
    " u.region, u.subscribed, u.followed, u.last_seen, u.state, u.cases"
    " FROM (SELECT ?1 AS key, ?2 AS openid) AS q"
    " LEFT JOIN processed AS p ON p.key = q.key"
    " LEFT JOIN users AS u ON u.openid = q.openid"
)
_COUNT_QUESTION = (
    "INSERT INTO question_counts (day, intent, region, asked) VALUES (?, ?, ?, 1)"
    " ON CONFLICT(day, intent, region) DO UPDATE SET asked = asked + 1"
)
_COUNT_UNANSWERED = (
    "UPDATE question_counts SET unanswered = unanswered + 1 WHERE day = ? AND intent = ? AND region = ?"
)
# ``cases`` only ever goes from 0 to 1 (complaints.Register.create may set it in the same turn).
_SAVE_USER = (
    "INSERT INTO users (openid, region, subscribed, followed, last_seen, state, cases)"
    " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(openid) DO UPDATE SET"
    " region=excluded.region, subscribed=excluded.subscribed, followed=excluded.followed,"
    " last_seen=excluded.last_seen, state=excluded.state, cases=max(cases, excluded.cases)"
)

_SAVE_USER_IF = (
    _SAVE_USER + " WHERE users.region IS ? AND users.subscribed = ? AND users.followed = ?"
    " AND users.last_seen = ? AND users.state IS ? AND users.cases = ?"
)


def beijing_day(ts: float) -> str:
    """The Beijing calendar day of a timestamp, '2021-02-01' (UTC+8 all year: no DST in China)."""
    return _epoch_day(int((ts + 8 * 3600) // 86400))


@lru_cache(maxsize=8)
def _epoch_day(n: int) -> str:
    return date.fromordinal(_EPOCH_ORDINAL + n).isoformat()


_EPOCH_ORDINAL = date(1970, 1, 1).toordinal()


def _private_file(path: str) -> None:
    """Create ``path`` readable by its owner only (0600), or take group and other access away."""
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        if os.fstat(fd).st_mode & 0o077:
            # Somebody else's file: the operator decides its mode.
            with contextlib.suppress(PermissionError):
                os.fchmod(fd, 0o600)
    finally:
        os.close(fd)


def _user(openid: str, row: tuple[Any, ...]) -> User:
    region, subscribed, followed, last_seen, state, cases = row
    return User(
        openid=openid,
        region=region,
        subscribed=bool(subscribed),
        followed=bool(followed),
        last_seen=last_seen,
        state=json.loads(state) if state else None,
        cases=bool(cases),
    )
