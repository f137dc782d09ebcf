"""Staff accounts for the desk: argon2 password hashes, login throttling, server-side sessions.

There are no default accounts and no default passwords: the first admin is created with
``python -m bot users add NAME --role admin``. Failed logins are counted per name and client
address together: after a few failures that address waits before it may try that name again,
longer after each failure, and one address may fail only so often in an hour. Nobody can lock
the owner out from elsewhere (see "throttling" below).
Sessions live in SQLite (only a hash of the token), so logging out or disabling an account
ends the session everywhere, in every worker process.
"""

from __future__ import annotations

import hashlib
import secrets
import threading
from dataclasses import dataclass
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from ..storage.store import Store

ROLES = ("hotline", "official", "admin")
ROLE_NAMES = {"hotline": "热线坐席", "official": "业务干部", "admin": "管理员"}
# A role may do everything the roles before it may do.
ROLE_RANK = {role: i for i, role in enumerate(ROLES, 1)}

MIN_PASSWORD = 10
MAX_NAME = 32

# Login throttling (see "throttling" below).
FREE_FAILURES = 3
BASE_DELAY = 30.0
MAX_DELAY = 15 * 60.0
MAX_PER_ADDRESS = 30
FAILURE_WINDOW = 3600.0
MAX_CONCURRENT_HASHES = 2
HASH_WAIT = 10.0

SESSION_MAX_AGE = 12 * 3600

_hasher = PasswordHasher()
_hashing = threading.BoundedSemaphore(MAX_CONCURRENT_HASHES)
_dummy_hash: str | None = None


class AccountError(ValueError):
    """A request about accounts that cannot be done; the message is for the person asking."""


class Throttled(Exception):
    """Too many failed logins from this address: refuse until ``seconds`` have passed."""

    def __init__(self, seconds: float) -> None:
        super().__init__(f"wait {int(seconds)}s")
        self.seconds = max(1, -int(-seconds // 1))

    @property
    def message(self) -> str:
        wait = f"{self.seconds} 秒" if self.seconds < 60 else f"{-(-self.seconds // 60)} 分钟"
        return f"登录失败次数太多，为了账号安全请 {wait}后再试。忘记密码请找管理员重置。"


class Busy(Exception):
    """Too many logins are being checked at this moment; try again shortly."""

    message = "现在登录的人比较多，请过几秒再试。"


@dataclass(frozen=True)
class Account:
    id: int
    name: str
    role: str
    disabled: bool
    created: float

    @property
    def role_name(self) -> str:
        return ROLE_NAMES.get(self.role, self.role)

    def can(self, role: str) -> bool:
        """Has this account at least the rights of ``role``?"""
        return not self.disabled and ROLE_RANK.get(self.role, 0) >= ROLE_RANK[role]


def _account(row: Any) -> Account:
    return Account(row["id"], row["name"], row["role"], bool(row["disabled"]), row["created"])


def _clean_name(name: str) -> str:
    return name.strip()


# -- accounts ---------------------------------------------------------------------------------------


def add_user(store: Store, name: str, role: str, password: str) -> Account:
    name = _clean_name(name)
    if not name or len(name) > MAX_NAME or any(c.isspace() for c in name):
        raise AccountError(f"用户名要 1 到 {MAX_NAME} 个字符，不能有空格")
    if role not in ROLES:
        raise AccountError(f"角色必须是 {' / '.join(ROLES)} 之一")
    if len(password) < MIN_PASSWORD:
        raise AccountError(f"密码至少 {MIN_PASSWORD} 个字符")
    if name.lower() in password.lower():
        raise AccountError("密码里不能包含用户名")
    digest = _hasher.hash(password)
    with store.transaction() as conn:
        if conn.execute("SELECT 1 FROM staff WHERE name = ?", (name,)).fetchone():
            raise AccountError(f"用户名 {name} 已经存在")
        conn.execute(
            "INSERT INTO staff (name, role, password_hash, disabled, created) VALUES (?, ?, ?, 0, ?)",
            (name, role, digest, store.clock()),
        )
    found = get_user(store, name)
    assert found is not None
    return found


def get_user(store: Store, name: str) -> Account | None:
    row = store.conn.execute("SELECT * FROM staff WHERE name = ?", (_clean_name(name),)).fetchone()
    return _account(row) if row else None


def list_users(store: Store) -> list[Account]:
    return [_account(r) for r in store.conn.execute("SELECT * FROM staff ORDER BY name")]


def disable_user(store: Store, name: str) -> Account:
    """Disable an account and end its sessions (accounts are never deleted: the audit log names them)."""
    with store.transaction() as conn:
        row = conn.execute("SELECT id FROM staff WHERE name = ?", (_clean_name(name),)).fetchone()
        if row is None:
            raise AccountError(f"没有用户 {name}")
        conn.execute("UPDATE staff SET disabled = 1 WHERE id = ?", (row["id"],))
        conn.execute("DELETE FROM desk_sessions WHERE staff_id = ?", (row["id"],))
    found = get_user(store, name)
    assert found is not None
    return found


def _dummy() -> str:
    global _dummy_hash
    if _dummy_hash is None:
        _dummy_hash = _hasher.hash(secrets.token_urlsafe(16))
    return _dummy_hash


def verify(store: Store, name: str, password: str) -> Account | None:
    """The account if the name and password match and it is enabled, else None.

    An unknown name still costs one argon2 verification (against a dummy hash), so the answer
    time does not tell which names exist.
    """
    row = store.conn.execute("SELECT * FROM staff WHERE name = ?", (_clean_name(name),)).fetchone()
    digest = row["password_hash"] if row else _dummy()
    try:
        _hasher.verify(digest, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return None
    if row is None or row["disabled"]:
        return None
    if _hasher.check_needs_rehash(digest):
        store.conn.execute(
            "UPDATE staff SET password_hash = ? WHERE id = ?", (_hasher.hash(password), row["id"])
        )
    return _account(row)


# -- throttling -------------------------------------------------------------------------------------
#
# Every attempt is written down (one row: name, address, time) in its own short transaction BEFORE
# the password is hashed, so concurrent attempts cannot all read "no failures yet" and hash at once.
# A success removes the rows of that name and address; whatever is left are failures (or attempts
# still being hashed, which count too).
#
# Two limits, neither of which lets a stranger lock somebody else out:
# - per account AND address: FREE_FAILURES tries, then a delay that doubles with each further
#   failure (BASE_DELAY, 2x, 4x … up to MAX_DELAY). Another address, one that has not been failing,
#   is not slowed down at all: the owner at her own desk still gets in;
# - per address: at most MAX_PER_ADDRESS failures in FAILURE_WINDOW, whatever the names.
# At most MAX_CONCURRENT_HASHES argon2 checks run at once in a process (each takes 64 MiB).


def _wait(now: float, conn: Any, name: str, ip: str) -> float:
    since = now - FAILURE_WINDOW
    pair = conn.execute(
        "SELECT COUNT(*), MAX(created) FROM login_attempts WHERE name = ? AND ip = ? AND created > ?",
        (name, ip, since),
    ).fetchone()
    wait = 0.0
    if pair[0] >= FREE_FAILURES:
        delay = min(BASE_DELAY * 2 ** (pair[0] - FREE_FAILURES), MAX_DELAY)
        wait = max(wait, pair[1] + delay - now)
    # The address's failures fall out of the window one by one: wait for the oldest one that counts.
    row = conn.execute(
        "SELECT created FROM login_attempts WHERE ip = ? AND created > ? ORDER BY created DESC"
        " LIMIT 1 OFFSET ?",
        (ip, since, MAX_PER_ADDRESS - 1),
    ).fetchone()
    if row is not None:
        wait = max(wait, row[0] + FAILURE_WINDOW - now)
    return wait


def locked_for(store: Store, name: str, ip: str) -> float:
    """Seconds until this name may be tried again from this address (0: now)."""
    return _wait(store.clock(), store.conn, _clean_name(name), ip)


def _count_attempt(store: Store, name: str, ip: str) -> int:
    """Check the limits and write the attempt down, atomically; the attempt's row id."""
    now = store.clock()
    with store.transaction() as conn:
        wait = _wait(now, conn, name, ip)
        if wait > 0:
            raise Throttled(wait)
        cur = conn.execute("INSERT INTO login_attempts (name, ip, created) VALUES (?, ?, ?)", (name, ip, now))
        # Housekeeping: attempts older than a day say nothing any more.
        conn.execute("DELETE FROM login_attempts WHERE created < ?", (now - 86400,))
    return int(cur.lastrowid or 0)


def login(store: Store, name: str, password: str, ip: str) -> Account | None:
    """Check a login: the account, None for a wrong name or password; raise ``Throttled`` or ``Busy``."""
    name = _clean_name(name)
    attempt = _count_attempt(store, name, ip)
    if not _hashing.acquire(timeout=HASH_WAIT):
        store.conn.execute("DELETE FROM login_attempts WHERE id = ?", (attempt,))  # never checked
        raise Busy()
    try:
        account = verify(store, name, password)
    finally:
        _hashing.release()
    if account is not None:
        store.conn.execute("DELETE FROM login_attempts WHERE name = ? AND ip = ?", (name, ip))
    return account


# -- sessions -------------------------------------------------------------------------------------


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def open_session(store: Store, account: Account) -> str:
    """A new session token for this account (the cookie holds it; SQLite keeps only its hash)."""
    token = secrets.token_urlsafe(32)
    now = store.clock()
    with store.transaction() as conn:
        conn.execute(
            "INSERT INTO desk_sessions (token_hash, staff_id, created) VALUES (?, ?, ?)",
            (_token_hash(token), account.id, now),
        )
        conn.execute("DELETE FROM desk_sessions WHERE created < ?", (now - SESSION_MAX_AGE,))
    return token


def session_account(store: Store, token: str) -> Account | None:
    """The enabled account behind a session token that is still valid, else None."""
    row = store.conn.execute(
        "SELECT staff.*, desk_sessions.created AS opened FROM desk_sessions"
        " JOIN staff ON staff.id = desk_sessions.staff_id WHERE token_hash = ?",
        (_token_hash(token),),
    ).fetchone()
    if row is None or row["disabled"] or store.clock() - row["opened"] > SESSION_MAX_AGE:
        return None
    return _account(row)


def close_session(store: Store, token: str) -> None:
    store.conn.execute("DELETE FROM desk_sessions WHERE token_hash = ?", (_token_hash(token),))
