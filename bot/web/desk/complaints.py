"""The complaint register on the desk: list and filters, a case, its status, the CSV export.

Nothing with a side effect is a GET: the full phone number and name are shown by a POST (the
「显示完整电话」 button, audited), and the export is a POST, so a link from another site can
neither reveal a worker nor start an export in a staff member's name.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from flask import Blueprint, Response, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from werkzeug.datastructures import MultiDict

from ...complaints.casework import CALLBACK_OUTCOMES, CaseWork
from ...complaints.register import CLOSED, STATUSES, TRANSITIONS, Complaint
from ...services import Services, current
from ...staff import audit
from ...staff.lookup import region_choices, region_title
from . import auth, common

log = logging.getLogger("bot.web.desk")

LIST_LIMIT = 200
EXPORT_LIMIT = 100_000
FILTER_KEYS = ("status", "region", "from", "to", "q", "assignee", "overdue")


def casework_of(services: Services) -> CaseWork:
    return CaseWork(services.store, services.settings.complaints.time_limits())


@dataclass
class Filters:
    query: dict[str, Any] = field(default_factory=dict)  # register.search arguments
    form: dict[str, str] = field(default_factory=dict)  # what the form shows
    problems: list[str] = field(default_factory=list)


def filters(services: Services, values: MultiDict[str, str]) -> Filters:
    f = Filters(form={k: values.get(k, "").strip()[:100] for k in FILTER_KEYS})
    form, query = f.form, f.query
    if form["status"] in STATUSES:
        query["status"] = form["status"]
    if form["region"] in services.knowledge.regions:
        query["region"] = form["region"]
    for key, arg, shift in (("from", "since", 0), ("to", "until", 1)):
        if form[key]:
            day = common.parse_day(form[key])
            if day is None:
                f.problems.append(f"日期「{form[key]}」看不懂，请用 2021-02-01 这样的格式。")
            else:
                query[arg] = common.day_start(day, shift)
    if form["q"]:
        query["text"] = form["q"]
    if form["assignee"]:
        staff = auth.current()
        query["assignee"] = staff.name if form["assignee"] == "me" and staff else form["assignee"]
    if form["overdue"]:
        form["overdue"] = "1"
        query["overdue"] = services.settings.complaints.time_limits()
    return f


def _described(form: dict[str, str]) -> str:
    return "，".join(f"{k}={v}" for k, v in form.items() if v) or "全部"


def _missing(case_no: str) -> ResponseReturnValue:
    return render_template("desk/error.html", message=f"没有编号为 {case_no} 的投诉。"), 404


def register(bp: Blueprint) -> None:
    @bp.get("/complaints")
    @auth.require("hotline")
    def complaints() -> ResponseReturnValue:
        services = current()
        f = filters(services, request.args)
        rows = services.complaints.search(**f.query, limit=LIST_LIMIT + 1)
        if f.form["q"]:
            common.audit_caller_search(services, f.form["q"], rows, "投诉列表")
        work = casework_of(services)
        now = services.store.clock()
        return render_template(
            "desk/complaints.html",
            rows=rows[:LIST_LIMIT],
            more=len(rows) > LIST_LIMIT,
            limit=LIST_LIMIT,
            form=f.form,
            problems=f.problems,
            statuses=STATUSES,
            regions=region_choices(services.knowledge),
            assignees=work.assignees(),
            due={c.id: work.due(c) for c in rows},
            overdue={c.id for c in rows if work.overdue(c, now)},
            terms=[f.form["q"]] if f.form["q"] else [],
            highlight=common.highlight,
        )

    @bp.post("/complaints.csv")
    @auth.require("hotline")
    def complaints_csv() -> ResponseReturnValue:
        services = current()
        f = filters(services, request.form)
        staff = auth.current()
        assert staff is not None
        rows = services.complaints.search(**f.query, limit=EXPORT_LIMIT)
        detail = f"{len(rows)} 条；筛选：{_described(f.form)}"
        audit.record(services.store, staff.name, "export", "complaints", detail)
        log.info("desk: staff #%d exported %d complaints", staff.id, len(rows))
        body = "\ufeff" + services.complaints.export_csv(
            rows, lambda rid: region_title(services.knowledge, rid)
        )
        stamp = datetime.now().strftime("%Y%m%d-%H%M")
        return Response(
            body.encode("utf-8"),
            content_type="text/csv; charset=utf-8",
            headers={"Content-Disposition": f'attachment; filename="complaints-{stamp}.csv"'},
        )

    def case_page(case: Complaint, reveal: bool) -> ResponseReturnValue:
        services = current()
        work = casework_of(services)
        return render_template(
            "desk/complaint.html",
            case=case,
            reveal=reveal,
            history=services.complaints.history(case.id),
            allowed=TRANSITIONS.get(case.status, ()),
            closed=case.status in CLOSED,
            due=work.due(case),
            overdue=work.overdue(case),
            assignees=work.assignees(),
            notes=work.notes(case),
            outcomes=CALLBACK_OUTCOMES,
            now=common.fmt_time(services.store.clock()).replace(" ", "T"),
            trail=audit.recent(services.store, 20, target=case.case_no),
        )

    @bp.get("/complaints/<case_no>")
    @auth.require("hotline")
    def complaint(case_no: str) -> ResponseReturnValue:
        case = current().complaints.get(case_no[:40])
        return _missing(case_no) if case is None else case_page(case, reveal=False)

    @bp.post("/complaints/<case_no>/reveal")
    @auth.require("hotline")
    def reveal(case_no: str) -> ResponseReturnValue:
        services = current()
        case = services.complaints.get(case_no[:40])
        if case is None:
            return _missing(case_no)
        staff = auth.current()
        assert staff is not None
        if case.phone or case.name:
            audit.record(services.store, staff.name, "view_phone", case.case_no)
        return case_page(case, reveal=True)

    @bp.post("/complaints/<case_no>/status")
    @auth.require("hotline")
    def change_status(case_no: str) -> ResponseReturnValue:
        services = current()
        store = services.store
        case = services.complaints.get(case_no[:40])
        if case is None:
            return _missing(case_no)
        staff = auth.current()
        assert staff is not None
        status = request.form.get("status", "")
        note = request.form.get("note", "").strip()[:500]
        back = redirect(url_for("desk.complaint", case_no=case.case_no))
        if status not in TRANSITIONS.get(case.status, ()):
            allowed = "、".join(TRANSITIONS.get(case.status, ())) or "无（已结案）"
            flash(f"「{case.status}」之后只能改为：{allowed}。", "error")
            return back
        try:
            with store.transaction():
                updated = services.complaints.set_status(case.case_no, status, note, actor=staff.name)
                audit.record(store, staff.name, "status_change", case.case_no, f"{case.status} → {status}")
        except (ValueError, KeyError) as exc:
            flash(f"没改成：{exc}", "error")
            return back
        log.info("desk: staff #%d set a case to %s", staff.id, status)
        flash(f"已改为「{status}」。" + _notify(services, updated), "ok")
        return back


def _notify(services: Services, case: Complaint) -> str:
    """Tell the worker if the app can (``services.notify_status``); say what happened, for the flash.

    ``notify_status`` returns None when the worker has not written within 48 hours (they see the
    news next time they write), else a Future of the customer-service message (not waited for).
    """
    later = "工人下次给公众号发消息时会看到新进展。"
    try:
        sent = services.notify_status(case)
    except Exception:
        log.exception("desk: notifying the worker failed")
        return "现在通知不了工人，" + later
    if sent is None:
        return "工人48小时内没发过消息，暂时不能主动通知；" + later
    return "正在通过公众号消息通知工人（没发成的话，" + later.rstrip("。") + "）。"
