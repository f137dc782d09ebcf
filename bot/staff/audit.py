"""The audit log: who did what to which record, kept in SQLite next to the data.

Generic on purpose: ``record(store, actor, action, target, detail)``. The actor is a staff name on
the desk (only names of real accounts: a failed login under a name nobody has is recorded as
``UNKNOWN_ACTOR``, since people type passwords into the name field) or ``cli:<os user>`` on the
command line. Never put a worker's phone, name or OpenID in ``detail``: the target (a case number)
is enough to find them. As a last line of defence ``record`` masks anything that looks like a
mobile number (``138****1234``).

Targets name their object: ``QX-…`` a complaint, ``broadcast:N`` a broadcast, ``user:NAME`` an
account, ``complaints`` the register as a whole; ``link_of`` in the desk turns them into links.
"""

from __future__ import annotations

import re
from typing import Any

from ..storage.store import Store

UNKNOWN_ACTOR = "（未知用户名）"

ACTION_NAMES = {
    "login": "登录",
    "login_failed": "登录失败",
    "logout": "退出",
    "view_phone": "查看完整电话",
    "search_caller": "按电话或姓名查找",
    "status_change": "修改投诉状态",
    "assign": "指派经办人",
    "case_note": "添加内部备注",
    "callback": "记录回访",
    "export": "导出投诉",
    "audit_export": "导出操作记录",
    "purge": "清除过期个人信息",
    "user_add": "新建账号",
    "user_disable": "停用账号",
}

# A mainland mobile number, also written with spaces or dashes (139 1234 5678, +86 139-1234-5678).
_PHONE = re.compile(r"(?<![0-9])(1[3-9]\d)[\s-]?(\d{4})[\s-]?(\d{4})(?![0-9])")


def mask_phones(text: str) -> str:
    """Every mobile number in ``text`` as 138****1234."""
    return _PHONE.sub(lambda m: f"{m.group(1)}****{m.group(3)}", text)


def record(store: Store, actor: str, action: str, target: str, detail: str = "") -> int:
    """Append one entry; joins the caller's transaction when there is one."""
    cur = store.conn.execute(
        "INSERT INTO audit (actor, action, target, detail, created) VALUES (?, ?, ?, ?, ?)",
        (actor, action, target or "", mask_phones(detail or ""), store.clock()),
    )
    return int(cur.lastrowid or 0)


def recent(
    store: Store,
    limit: int = 100,
    target: str | None = None,
    action: str | None = None,
    *,
    actor: str | None = None,
    since: float | None = None,
    until: float | None = None,
) -> list[dict[str, Any]]:
    """Newest first; optionally only one target, action or actor, and a time range [since, until)."""
    sql = "SELECT id, actor, action, target, detail, created FROM audit WHERE 1=1"
    args: list[Any] = []
    for clause, value in (
        ("target = ?", target),
        ("action = ?", action),
        ("actor = ?", actor),
        ("created >= ?", since),
        ("created < ?", until),
    ):
        if value is not None and value != "":
            sql += f" AND {clause}"
            args.append(value)
    rows = store.conn.execute(sql + " ORDER BY id DESC LIMIT ?", [*args, limit])
    return [dict(r) for r in rows]


def actors(store: Store) -> list[str]:
    """Everyone who appears in the log (for the filter's drop-down)."""
    return [r[0] for r in store.conn.execute("SELECT DISTINCT actor FROM audit ORDER BY actor")]
