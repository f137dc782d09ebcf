"""The wage-complaint register: cases, their status history, CSV export and the retention purge.

A case is saved inside the turn's transaction (``create``), so the case number is on disk before
the reply that shows it leaves.
"""

from __future__ import annotations

import csv
import io
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
    workers: int
    phone: str | None
    name: str | None
    status: str
    note: str
    notified: bool
    created: float
    updated: float
    anonymised: bool

    @property
    def masked_phone(self) -> str:
        return mask_phone(self.phone)


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
                " workers, phone, name, status, note, notified, created, updated)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '待受理', '', 1, ?, ?)",
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
        limit: int = 200,
    ) -> list[Complaint]:
        sql = "SELECT * FROM complaints WHERE 1=1"
        args: list[object] = []
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
            sql += " AND (case_no LIKE ? OR employer LIKE ? OR site LIKE ? OR note LIKE ?)"
            args += [like, like, like, like]
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
                "UPDATE complaints SET status = ?, note = ?, notified = 0, updated = ? WHERE id = ?",
                (status, note.strip(), now, current.id),
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

    def export_csv(self, complaints: list[Complaint]) -> str:
        """CSV for the labour inspection team; cells that a spreadsheet would run as formulas are defused."""
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
            ]
        )
        for c in complaints:
            row = [
                c.case_no,
                c.status,
                shown(c.created),
                c.region or "",
                c.employer,
                c.site,
                c.amount,
                c.period,
                c.workers,
                c.phone or "",
                c.name or "",
                c.note,
            ]
            writer.writerow([_defuse(v) for v in row])
        return out.getvalue()

    def purge(self, older_than_days: int) -> int:
        """Anonymise closed cases older than N days: personal fields go, the numbers stay for statistics."""
        cutoff = self.store.clock() - older_than_days * 86400
        with self.store.transaction() as conn:
            cur = conn.execute(
                "UPDATE complaints SET openid = NULL, phone = NULL, name = NULL, employer = '（已清除）',"
                " site = '（已清除）', anonymised = 1"
                " WHERE status IN (?, ?) AND updated < ? AND anonymised = 0",
                (*CLOSED, cutoff),
            )
            return cur.rowcount


def status_news(complaint: Complaint) -> str:
    """What the worker is told when staff move their case."""
    note = f"：{complaint.note}" if complaint.note else ""
    return f"📌 你的欠薪投诉 {complaint.case_no} 有新进展：{complaint.status}{note}"


def _defuse(value: Any) -> Any:
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value
