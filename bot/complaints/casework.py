"""Case work on a complaint: who has it, when it is due, internal notes and callbacks (回访).

Nothing here reaches the worker: the worker sees the status and the note staff write with it
(``Register.set_status``); the notes and callback records here are for staff only. A case is due
``[complaints] due_days[status]`` days after it entered its current status; past that, while
still open, it is overdue.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..storage.store import Store
from .register import Complaint

CALLBACK_OUTCOMES = ("已接通", "未接通", "号码有误", "工人不愿沟通")
MAX_NOTE = 1000


class CaseWorkError(ValueError):
    """A case-work request that cannot be done; the message is for the staff member."""


@dataclass(frozen=True)
class Note:
    id: int
    kind: str  # "note" or "callback"
    author: str
    body: str
    outcome: str
    happened: float
    created: float


class CaseWork:
    """Assignees, due dates, internal notes and callback records over the register's cases."""

    def __init__(self, store: Store, time_limits: dict[str, float]) -> None:
        self.store = store
        self.time_limits = dict(time_limits)

    # -- due dates ------------------------------------------------------------------------------

    def due(self, case: Complaint) -> float | None:
        """When the case is due to leave its status (None: closed, or no limit for the status)."""
        days = self.time_limits.get(case.status)
        if days is None or not case.open:
            return None
        return (case.status_since or case.created) + days * 86400

    def overdue(self, case: Complaint, now: float | None = None) -> bool:
        due = self.due(case)
        return due is not None and (self.store.clock() if now is None else now) > due

    # -- the assignee ------------------------------------------------------------------------------

    def assign(self, case: Complaint, assignee: str | None) -> Complaint:
        """Give the case to an enabled desk account (None: to nobody)."""
        if assignee is not None:
            row = self.store.conn.execute("SELECT disabled FROM staff WHERE name = ?", (assignee,)).fetchone()
            if row is None or row[0]:
                raise CaseWorkError(f"没有可用的账号「{assignee}」")
        self.store.conn.execute(
            "UPDATE complaints SET assignee = ?, updated = ? WHERE id = ?",
            (assignee, self.store.clock(), case.id),
        )
        return Complaint(**{**case.__dict__, "assignee": assignee, "updated": self.store.clock()})

    def assignees(self) -> list[str]:
        """Enabled desk accounts, by name: who a case can be given to."""
        rows = self.store.conn.execute("SELECT name FROM staff WHERE disabled = 0 ORDER BY name")
        return [r[0] for r in rows]

    # -- notes and callbacks -------------------------------------------------------------------------

    def add_note(self, case: Complaint, author: str, body: str) -> int:
        body = body.strip()[:MAX_NOTE]
        if not body:
            raise CaseWorkError("备注是空的")
        return self._insert(case, "note", author, body, "", self.store.clock())

    def add_callback(self, case: Complaint, author: str, happened: float, outcome: str, body: str) -> int:
        """A callback to the worker: when it happened, who called, the outcome, what was said."""
        if outcome not in CALLBACK_OUTCOMES:
            raise CaseWorkError(f"回访结果请选：{'、'.join(CALLBACK_OUTCOMES)}")
        if happened > self.store.clock() + 300:
            raise CaseWorkError("回访时间不能晚于现在")
        return self._insert(case, "callback", author, body.strip()[:MAX_NOTE], outcome, happened)

    def _insert(
        self, case: Complaint, kind: str, author: str, body: str, outcome: str, happened: float
    ) -> int:
        cur = self.store.conn.execute(
            "INSERT INTO complaint_notes (complaint_id, kind, author, body, outcome, happened, created)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            (case.id, kind, author, body, outcome, happened, self.store.clock()),
        )
        return int(cur.lastrowid or 0)

    def notes(self, case: Complaint) -> list[Note]:
        """Internal notes and callbacks, newest first."""
        rows = self.store.conn.execute(
            "SELECT id, kind, author, body, outcome, happened, created FROM complaint_notes"
            " WHERE complaint_id = ? ORDER BY happened DESC, id DESC",
            (case.id,),
        )
        return [_note(r) for r in rows]


def _note(row: Any) -> Note:
    return Note(**dict(row))
