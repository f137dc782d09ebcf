"""Staff accounts for the desk: argon2 password hashes, login throttling, server-side sessions.

There are no default accounts and no default passwords: the first admin is created with
``python -m bot users add NAME --role admin``. A failed login is recorded per name and per
client address; five failures within 15 minutes lock that name (or address) for 15 minutes.
Sessions live in SQLite (only a hash of the token), so logging out or disabling an account
ends the session everywhere, in every worker process.
"""

from __future__ import annotations

import hashlib
import secrets
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

MAX_FAILURES = 5
FAILURE_WINDOW = 15 * 60
LOCK_SECONDS = 15 * 60

SESSION_MAX_AGE = 12 * 3600

_hasher = PasswordHasher()
_dummy_hash: str | None = None


class AccountError(ValueError):
    """A request about accounts that cannot be done; the message is for the person asking."""


class Throttled(Exception):
    """Too many failed logins: refuse until ``seconds`` have passed."""

    def __init__(self, seconds: float, fresh: bool = False) -> None:
        super().__init__(f"locked for {int(seconds)}s")
        self.seconds = max(1, int(seconds))
        self.fresh = fresh  # this attempt was checked (and failed) and caused the lock

    @property
    def message(self) -> str:
        minutes = max(1, -(-self.seconds // 60))
        return f"登录失败次数太多，为了账号安全已暂停登录，请 {minutes} 分钟后再试。忘记密码请找管理员重置。"


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


def locked_for(store: Store, name: str, ip: str) -> float:
    """Seconds until this name and this address may try again (0: they may now)."""
    now = store.clock()
    row = store.conn.execute(
        "SELECT MAX(until) FROM login_locks WHERE (kind = 'name' AND key = ?) OR (kind = 'ip' AND key = ?)",
        (_clean_name(name), ip),
    ).fetchone()
    until = row[0] or 0.0
    return max(0.0, until - now)


def _record_failure(store: Store, name: str, ip: str) -> float:
    """Note a failed login; return the seconds of lock it caused (0 if none)."""
    now = store.clock()
    since = now - FAILURE_WINDOW
    locked = 0.0
    with store.transaction() as conn:
        conn.execute("INSERT INTO login_attempts (name, ip, created) VALUES (?, ?, ?)", (name, ip, now))
        for kind, key in (("name", name), ("ip", ip)):
            n = conn.execute(
                f"SELECT COUNT(*) FROM login_attempts WHERE {kind} = ? AND created > ?",  # noqa: S608 (fixed column)
                (key, since),
            ).fetchone()[0]
            if n >= MAX_FAILURES:
                conn.execute(
                    "INSERT INTO login_locks (kind, key, until) VALUES (?, ?, ?)"
                    " ON CONFLICT(kind, key) DO UPDATE SET until = excluded.until",
                    (kind, key, now + LOCK_SECONDS),
                )
                locked = LOCK_SECONDS
        # Housekeeping: attempts older than a day and expired locks say nothing any more.
        conn.execute("DELETE FROM login_attempts WHERE created < ?", (now - 86400,))
        conn.execute("DELETE FROM login_locks WHERE until < ?", (now,))
    return locked


def login(store: Store, name: str, password: str, ip: str) -> Account | None:
    """Check a login: the account, None for a wrong name or password, or raise ``Throttled``."""
    name = _clean_name(name)
    wait = locked_for(store, name, ip)
    if wait > 0:
        raise Throttled(wait)
    account = verify(store, name, password)
    if account is not None:
        store.conn.execute("DELETE FROM login_attempts WHERE name = ?", (name,))
        return account
    locked = _record_failure(store, name, ip)
    if locked:
        raise Throttled(locked, fresh=True)
    return None


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
