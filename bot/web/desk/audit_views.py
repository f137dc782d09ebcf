"""The audit log (officials): filter by date, user, action and object; export as CSV."""

from __future__ import annotations

import csv
import io
from datetime import datetime
from typing import Any

from flask import Blueprint, Response, render_template, request
from flask.typing import ResponseReturnValue
from werkzeug.datastructures import MultiDict

from ...services import current
from ...staff import audit
from . import auth, common

PAGE_LIMIT = 300
EXPORT_LIMIT = 100_000
KEYS = ("from", "to", "actor", "action", "target")


def _filters(values: MultiDict[str, str]) -> tuple[dict[str, Any], dict[str, str], list[str]]:
    form = {k: values.get(k, "").strip()[:60] for k in KEYS}
    query: dict[str, Any] = {"target": form["target"] or None, "action": form["action"] or None}
    query["actor"] = form["actor"] or None
    problems = []
    for key, arg, shift in (("from", "since", 0), ("to", "until", 1)):
        if form[key]:
            day = common.parse_day(form[key])
            if day is None:
                problems.append(f"日期「{form[key]}」看不懂，请用 2021-02-01 这样的格式。")
            else:
                query[arg] = common.day_start(day, shift)
    return query, form, problems


def register(bp: Blueprint) -> None:
    @bp.get("/audit")
    @auth.require("official")
    def audit_log() -> ResponseReturnValue:
        store = current().store
        query, form, problems = _filters(request.args)
        rows = audit.recent(store, PAGE_LIMIT, **query)
        return render_template(
            "desk/audit.html",
            rows=rows,
            form=form,
            problems=problems,
            actors=audit.actors(store),
            limit=PAGE_LIMIT,
        )

    @bp.post("/audit.csv")
    @auth.require("official")
    def audit_csv() -> ResponseReturnValue:
        store = current().store
        staff = auth.current()
        assert staff is not None
        query, form, _ = _filters(request.form)
        rows = audit.recent(store, EXPORT_LIMIT, **query)
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(["时间", "人员", "操作", "对象", "详情"])
        for r in rows:
            writer.writerow(
                [
                    common.fmt_time(r["created"]),
                    r["actor"],
                    audit.ACTION_NAMES.get(r["action"], r["action"]),
                    r["target"],
                    common.audit_detail(r),
                ]
            )
        described = "，".join(f"{k}={v}" for k, v in form.items() if v) or "全部"
        audit.record(store, staff.name, "audit_export", "audit", f"{len(rows)} 条；筛选：{described}")
        stamp = datetime.now().strftime("%Y%m%d-%H%M")
        return Response(
            ("\ufeff" + out.getvalue()).encode("utf-8"),
            content_type="text/csv; charset=utf-8",
            headers={"Content-Disposition": f'attachment; filename="audit-{stamp}.csv"'},
        )
