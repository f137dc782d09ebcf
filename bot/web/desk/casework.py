"""Case work on the desk: give a case to somebody, internal notes, callback (回访) records.

All of it is audited, and none of it is ever shown to the worker.
"""

from __future__ import annotations

import logging
from datetime import datetime

from flask import Blueprint, flash, redirect, request, url_for
from flask.typing import ResponseReturnValue

from ...complaints.casework import CaseWorkError
from ...services import current
from ...staff import audit
from ...timefmt import BEIJING
from . import auth
from .complaints import casework_of

log = logging.getLogger("bot.web.desk")


def _when(text: str) -> float | None:
    """A datetime-local field (Beijing time) as a timestamp."""
    try:
        return datetime.fromisoformat(text.strip()).replace(tzinfo=BEIJING).timestamp()
    except ValueError:
        return None


def _no_such_case(case_no: str) -> ResponseReturnValue:
    flash(f"没有编号为 {case_no} 的投诉。", "error")
    return redirect(url_for("desk.complaints"))


def register(bp: Blueprint) -> None:
    @bp.post("/complaints/<case_no>/assign")
    @auth.require("hotline")
    def assign(case_no: str) -> ResponseReturnValue:
        services = current()
        staff = auth.current()
        assert staff is not None
        case = services.complaints.get(case_no[:40])
        if case is None:
            return _no_such_case(case_no)
        chosen = request.form.get("assignee", "").strip()
        take = request.form.get("take") == "1"  # the 「我来办」 button
        assignee = staff.name if take or chosen == "me" else (chosen or None)
        try:
            with services.store.transaction():
                casework_of(services).assign(case, assignee)
                audit.record(
                    services.store,
                    staff.name,
                    "assign",
                    case.case_no,
                    f"{case.assignee or '无'} → {assignee or '无'}",
                )
        except CaseWorkError as exc:
            flash(str(exc), "error")
        else:
            flash(f"已交给 {assignee}。" if assignee else "已取消指派。", "ok")
        return redirect(url_for("desk.complaint", case_no=case.case_no))

    @bp.post("/complaints/<case_no>/notes")
    @auth.require("hotline")
    def add_note(case_no: str) -> ResponseReturnValue:
        services = current()
        staff = auth.current()
        assert staff is not None
        case = services.complaints.get(case_no[:40])
        if case is None:
            return _no_such_case(case_no)
        work = casework_of(services)
        kind = request.form.get("kind", "note")
        body = request.form.get("body", "")
        try:
            with services.store.transaction():
                if kind == "callback":
                    happened = _when(request.form.get("happened", ""))
                    if happened is None:
                        raise CaseWorkError("回访时间看不懂，请重新选一下。")
                    outcome = request.form.get("outcome", "")
                    work.add_callback(case, staff.name, happened, outcome, body)
                    audit.record(services.store, staff.name, "callback", case.case_no, outcome)
                else:
                    work.add_note(case, staff.name, body)
                    audit.record(
                        services.store, staff.name, "case_note", case.case_no, f"{len(body.strip())} 字"
                    )
        except CaseWorkError as exc:
            flash(str(exc), "error")
        else:
            flash("已记下回访。" if kind == "callback" else "已添加内部备注（工人看不到）。", "ok")
        return redirect(url_for("desk.complaint", case_no=case.case_no) + "#notes")
