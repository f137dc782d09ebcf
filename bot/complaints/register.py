"""The wage-complaint register: cases, their status history, CSV export and the retention purge.

A case is saved inside the turn's transaction (``create``), so the case number is on disk before
the reply that shows it leaves. Case work (assignee, due dates, internal notes, callbacks) is in
``casework``; this module keeps the case itself.
"""

from __future__ import annotations

import csv
import io
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..storage.store import Store
from ..timefmt import beijing, shown
from .fields import mask_phone

STATUSES = ("待受理", "已受理", "处理中", "已办结", "不予受理")
CLOSED = ("已办结", "不予受理")
# Which status may follow which (staff cannot reopen a closed case by accident).
TRANSITIONS = {
    "待受理": ("已受理", "不予受理"),
    "已受理": ("处理中", "已办结", "不予受理"),
    "处理中": ("已办结", "不予受理"),
    "已办结": (),
    "不予受理": (),
}

PURGED = "（已清除）"

EVENT_INSERT = (
    "INSERT INTO complaint_events (complaint_id, status, note, actor, created) VALUES (?, ?, ?, ?, ?)"
)

# -- the register -------------------------------------------------------------------------------


@dataclass
class Complaint:
    id: int
    case_no: str
    openid: str | None
    user_hash: str
    region: str | None
    employer: str
    site: str
    amount: int
    period: str
    workers: int | None  # None: the worker could not say
    phone: str | None
    name: str | None
    status: str
    note: str
    notified: bool
    created: float
    updated: float
    anonymised: bool
    assignee: str | None = None
    status_since: float | None = None

    @property
    def masked_phone(self) -> str:
        return mask_phone(self.phone)

    @property
    def masked_name(self) -> str:
        return mask_name(self.name)

    @property
    def open(self) -> bool:
        return self.status not in CLOSED


def mask_name(name: str | None) -> str:
    """张三丰 → 张**: enough for staff to confirm a caller, not enough to read off a list."""
    return name[0] + "*" * max(1, len(name) - 1) if name else "—"


def caller_query(text: str) -> tuple[str, str] | None:
    """How a search box query finds a caller: ("phone", 11 digits), ("tail", 4 digits), ("name", …).

    A number written with spaces or dashes still counts; None when the query cannot be either.
    """
    compact = "".join(c for c in text if not c.isspace() and c != "-")
    if compact.startswith("+86"):
        compact = compact[3:]
    if compact.isdigit() and len(compact) == 11 and compact.startswith("1"):
        return ("phone", compact)
    if compact.isdigit() and len(compact) == 4:
        return ("tail", compact)
    if 2 <= len(compact) <= 8 and not any(c.isdigit() for c in compact):
        return ("name", compact)
    return None


def _row(row: Any) -> Complaint:
    d = dict(row)
    d["notified"] = bool(d["notified"])
    d["anonymised"] = bool(d["anonymised"])
    return Complaint(**d)


class Register:
    """The complaint cases in SQLite: create, look up, change status, export, purge."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def create(self, openid: str, region: str | None, fields: dict[str, Any]) -> Complaint:
        from ..storage.store import hash_openid

        now = self.store.clock()
        day = beijing(now).strftime("%Y%m%d")
        with self.store.transaction() as conn:
            self.store.make_durable()
            n = conn.execute(
                "SELECT COUNT(*) FROM complaints WHERE case_no LIKE ?", (f"QX-{day}-%",)
            ).fetchone()[0]
            case_no = f"QX-{day}-{n + 1:04d}"
            cur = conn.execute(
                "INSERT INTO complaints (case_no, openid, user_hash, region, employer, site, amount, period,"
                " workers, phone, name, status, note, notified, created, updated, status_since)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '待受理', '', 1, ?, ?, ?)",
                (
                    case_no,
                    openid,
                    hash_openid(openid),
                    region,
                    fields["employer"],
                    fields["site"],
                    fields["amount"],
                    fields["period"],
                    fields["workers"],
                    fields["phone"],
                    fields.get("name"),
                    now,
                    now,
                    now,
                ),
            )
            conn.execute(
                EVENT_INSERT,
                (cur.lastrowid, "待受理", "工人通过公众号登记", "worker", now),
            )
            conn.execute("UPDATE users SET cases = 1 WHERE openid = ?", (openid,))
        found = self.get(case_no)
        assert found is not None
        return found

    def get(self, case_no: str) -> Complaint | None:
        row = self.store.conn.execute("SELECT * FROM complaints WHERE case_no = ?", (case_no,)).fetchone()
        return _row(row) if row else None

    def of_user(self, openid: str) -> list[Complaint]:
        rows = self.store.conn.execute(
            "SELECT * FROM complaints WHERE openid = ? ORDER BY id DESC", (openid,)
        )
        return [_row(r) for r in rows]

    def history(self, complaint_id: int) -> list[dict[str, Any]]:
        rows = self.store.conn.execute(
            "SELECT status, note, actor, created FROM complaint_events WHERE complaint_id = ? ORDER BY id",
            (complaint_id,),
        )
        return [dict(r) for r in rows]

    def search(
        self,
        *,
        status: str | None = None,
        region: str | None = None,
        since: float | None = None,
        until: float | None = None,
        text: str | None = None,
        assignee: str | None = None,
        overdue: dict[str, float] | None = None,
        now: float | None = None,
        limit: int = 200,
    ) -> list[Complaint]:
        """Newest first. ``text`` matches the case number, employer, site and latest note, and a
        caller: a full phone number, its last 4 digits or the worker's name (see ``caller_query``).
        ``overdue`` (days per open status, e.g. ``ComplaintSettings.time_limits()``) keeps only the
        cases past their due date at ``now``; ``assignee`` '-' means nobody yet."""
        sql = "SELECT * FROM complaints WHERE 1=1"
        args: list[object] = []
        if assignee == "-":
            sql += " AND assignee IS NULL"
        elif assignee:
            sql, args = sql + " AND assignee = ?", [*args, assignee]
        if overdue is not None:
            at = self.store.clock() if now is None else now
            parts = []
            for st, days in overdue.items():
                parts.append("(status = ? AND COALESCE(status_since, created) < ?)")
                args += [st, at - days * 86400]
            sql += f" AND ({' OR '.join(parts) or '0'})"
        if status:
            sql, args = sql + " AND status = ?", [*args, status]
        if region:
            sql, args = sql + " AND (region = ? OR region LIKE ?)", [*args, region, f"{region}-%"]
        if since is not None:
            sql, args = sql + " AND created >= ?", [*args, since]
        if until is not None:
            sql, args = sql + " AND created < ?", [*args, until]
        if text:
            like = f"%{text}%"
            clauses = "case_no LIKE ? OR employer LIKE ? OR site LIKE ? OR note LIKE ?"
            args += [like, like, like, like]
            caller = caller_query(text)
            if caller is not None:
                kind, value = caller
                if kind == "phone":
                    clauses, args = clauses + " OR phone = ?", [*args, value]
                elif kind == "tail":
                    clauses, args = clauses + " OR substr(phone, -4) = ?", [*args, value]
                else:
                    clauses, args = clauses + " OR instr(name, ?) > 0", [*args, value]
            sql += f" AND ({clauses})"
        rows = self.store.conn.execute(sql + " ORDER BY id DESC LIMIT ?", [*args, limit])
        return [_row(r) for r in rows]

    def set_status(self, case_no: str, status: str, note: str, actor: str) -> Complaint:
        if status not in STATUSES:
            raise ValueError(f"unknown status {status!r}; one of {', '.join(STATUSES)}")
        now = self.store.clock()
        with self.store.transaction() as conn:
            current = self.get(case_no)
            if current is None:
                raise KeyError(case_no)
            if status not in TRANSITIONS[current.status]:
                allowed = "、".join(TRANSITIONS[current.status]) or "无（已结案）"
                raise ValueError(f"{current.status} 之后只能改为：{allowed}")
            conn.execute(
                "UPDATE complaints SET status = ?, note = ?, notified = 0, updated = ?, status_since = ?"
                " WHERE id = ?",
                (status, note.strip(), now, now, current.id),
            )
            conn.execute(
                EVENT_INSERT,
                (current.id, status, note.strip(), actor, now),
            )
        updated = self.get(case_no)
        assert updated is not None
        return updated

    def mark_notified(self, complaint_id: int) -> None:
        self.store.conn.execute("UPDATE complaints SET notified = 1 WHERE id = ?", (complaint_id,))

    def export_csv(
        self, complaints: list[Complaint], region_name: Callable[[str | None], str] | None = None
    ) -> str:
        """CSV for the labour inspection team; cells that a spreadsheet would run as formulas are defused.

        ``region_name`` turns a region id into what staff read (安庆市宜秀区, not anqing-yixiu).
        """
        place = region_name or (lambda rid: rid or "")
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(
            [
                "编号",
                "状态",
                "登记时间",
                "地区",
                "欠薪单位",
                "地点",
                "金额(元)",
                "欠薪时间",
                "人数",
                "电话",
                "姓名",
                "最新说明",
                "经办人",
            ]
        )
        for c in complaints:
            row = [
                c.case_no,
                c.status,
                shown(c.created),
                place(c.region),
                c.employer,
                c.site,
                c.amount,
                c.period,
                "" if c.workers is None else c.workers,
                c.phone or "",
                c.name or "",
                c.note,
                c.assignee or "",
            ]
            writer.writerow([_defuse(v) for v in row])
        return out.getvalue()

    def purge(self, older_than_days: int) -> int:
        """Anonymise closed cases older than N days: personal fields go, the numbers stay for statistics.

        Staff notes go too (the latest note, the status history's notes, internal notes and
        callback records): staff write names and phone numbers in them.
        """
        cutoff = self.store.clock() - older_than_days * 86400
        with self.store.transaction() as conn:
            ids = [
                r[0]
                for r in conn.execute(
                    "SELECT id FROM complaints WHERE status IN (?, ?) AND updated < ? AND anonymised = 0",
                    (*CLOSED, cutoff),
                )
            ]
            for cid in ids:
                conn.execute(
                    "UPDATE complaints SET openid = NULL, phone = NULL, name = NULL, employer = ?,"
                    " site = ?, note = CASE WHEN note = '' THEN '' ELSE ? END, anonymised = 1 WHERE id = ?",
                    (PURGED, PURGED, PURGED, cid),
                )
                conn.execute(
                    "UPDATE complaint_events SET note = ? WHERE complaint_id = ? AND note != ''",
                    (PURGED, cid),
                )
                conn.execute(  # the callback's outcome is a fixed choice: kept for the statistics
                    "UPDATE complaint_notes SET body = ? WHERE complaint_id = ? AND body != ''", (PURGED, cid)
                )
            return len(ids)


def status_news(complaint: Complaint) -> str:
    """What the worker is told when staff move their case."""
    note = f"：{complaint.note}" if complaint.note else ""
    return f"📌 你的欠薪投诉 {complaint.case_no} 有新进展：{complaint.status}{note}"


def _defuse(value: Any) -> Any:
    """Prefix ' to a cell a spreadsheet would read as a formula, also behind invisible characters
    (a byte order mark, zero-width or other format characters, spaces)."""
    if not isinstance(value, str):
        return value
    if value[:1] in ("\t", "\r"):
        return "'" + value
    shown = value.lstrip(" \u3000\n")
    while shown and unicodedata.category(shown[0]) in ("Cf", "Zs", "Cc"):
        shown = shown[1:]
    if shown[:1] in ("=", "+", "-", "@", "＝", "＋", "－", "＠"):
        return "'" + value
    return value
