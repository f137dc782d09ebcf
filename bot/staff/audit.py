"""The audit log: who did what to which record, kept in SQLite next to the data.

Generic on purpose: ``record(store, actor, action, target, detail)``. Actions used so far:
``login``, ``login_failed``, ``logout``, ``view_phone``, ``status_change``, ``export``, ``purge``,
``user_add``, ``user_disable`` (broadcasts add their own). The actor is a staff name on the desk
or ``cli:<os user>`` on the command line. Never put a worker's phone, name or OpenID in
``detail``: the target (a case number) is enough to find them.
"""

from __future__ import annotations

from typing import Any

from ..storage.store import Store

ACTION_NAMES = {
    "login": "登录",
    "login_failed": "登录失败",
    "logout": "退出",
    "view_phone": "查看完整电话",
    "status_change": "修改投诉状态",
    "export": "导出投诉",
    "purge": "清除过期个人信息",
    "user_add": "新建账号",
    "user_disable": "停用账号",
}


def record(store: Store, actor: str, action: str, target: str, detail: str = "") -> int:
    """Append one entry; joins the caller's transaction when there is one."""
    cur = store.conn.execute(
        "INSERT INTO audit (actor, action, target, detail, created) VALUES (?, ?, ?, ?, ?)",
        (actor, action, target or "", detail or "", store.clock()),
    )
    return int(cur.lastrowid or 0)


def recent(
    store: Store, limit: int = 100, target: str | None = None, action: str | None = None
) -> list[dict[str, Any]]:
    """Newest first; optionally only the entries about one target and/or of one action."""
    sql = "SELECT id, actor, action, target, detail, created FROM audit WHERE 1=1"
    args: list[Any] = []
    if target:
        sql, args = sql + " AND target = ?", [*args, target]
    if action:
        sql, args = sql + " AND action = ?", [*args, action]
    rows = store.conn.execute(sql + " ORDER BY id DESC LIMIT ?", [*args, limit])
    return [dict(r) for r in rows]
