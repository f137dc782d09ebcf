"""The desk's home page: a dashboard for the signed-in role, and each of its tables as CSV.

Every panel is a table of numbers (SQL aggregates from ``bot.staff.stats``) with a chart drawn from
that same table in the browser (``static/dashboard.js`` with the vendored Apache ECharts), so what
the chart shows is what the table and the CSV say. Without JavaScript the tables are all there.

Hotline staff see their work first (complaints, then questions); officials and admins see the
questions, followers and broadcasts first, then the complaints.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import date, timedelta

from flask import Blueprint, Response, current_app, render_template, request
from flask.typing import ResponseReturnValue

from ...services import Services
from ...staff import stats
from ...storage.store import beijing_day
from . import auth
from .panels import (
    OPEN,
    RECENT_DAYS,
    Panel,
    broadcast_panels,
    complaint_panels,
    follower_panel,
    question_panels,
    when,
)


@dataclass
class Kpi:
    label: str
    value: str
    sub: str = ""
    tone: str = ""  # up | down | warn: how the sub-line is coloured
    link: tuple[str, dict[str, str]] | None = None  # (endpoint, arguments) of the page behind it


@dataclass
class Dashboard:
    by: str
    today: date
    kpis: list[Kpi] = field(default_factory=list)
    panels: list[Panel] = field(default_factory=list)
    since: date | None = None  # the first day questions were counted


# -- the page -----------------------------------------------------------------------------------------


def build(services: Services, by: str, official: bool) -> Dashboard:
    """Every number the staff member sees, as of now (officials and admins see more)."""
    store, knowledge = services.store, services.knowledge
    conn = store.conn
    now = store.clock()
    today = date.fromisoformat(beijing_day(now))
    win = stats.window(today, by)
    dash = Dashboard(win.by, today, since=stats.counting_since(conn))

    asked_today, _ = stats.asked_between(conn, today, today)
    asked_yday, _ = stats.asked_between(conn, today - timedelta(days=1), today - timedelta(days=1))
    week = stats.asked_between(conn, today - timedelta(days=6), today)
    before = stats.asked_between(conn, today - timedelta(days=13), today - timedelta(days=7))
    dash.kpis.append(Kpi("今天的问题", str(asked_today), f"昨天 {asked_yday}"))
    dash.kpis.append(unanswered_kpi(week, before))

    cases = stats.complaints(conn, now, services.settings.complaints.time_limits())
    open_cases = sum(c.cases for c in cases if c.status in OPEN)
    late = sum(c.overdue or 0 for c in cases)
    dash.kpis.append(
        Kpi("没办结的投诉", str(open_cases), f"超期 {late} 件", "warn", ("desk.complaints", {"overdue": "1"}))
        if late
        else Kpi("没办结的投诉", str(open_cases), "没有超期", "", ("desk.complaints", {}))
    )

    questions = question_panels(
        knowledge, win, stats.questions(conn, win, "intent"), stats.questions(conn, win, "region")
    )
    complaints = complaint_panels(cases)
    if not official:
        dash.panels = complaints + questions
        return dash

    followers = stats.followers(conn)
    following = sum(c.users for c in followers if c.followed)
    taking = sum(c.users for c in followers if c.followed and c.subscribed)
    dash.kpis.append(Kpi("关注的工人", str(following), f"接收通知 {taking}"))
    upcoming = stats.upcoming_sends(conn, now)
    recent = stats.recent_sends(conn, now - RECENT_DAYS * stats.DAY_SECONDS, now)
    nxt = upcoming[0] if upcoming else None
    dash.kpis.append(Kpi("下一次群发", when(nxt.due), nxt.title) if nxt else Kpi("下一次群发", "未安排", ""))
    dash.panels = [
        *questions,
        follower_panel(knowledge, followers),
        *broadcast_panels(knowledge, upcoming, recent, followers),
        *complaints,
    ]
    return dash


def unanswered_kpi(week: tuple[int, int], before: tuple[int, int]) -> Kpi:
    asked, missed = week
    if not asked:
        return Kpi("近7天没答上", "—", "近7天还没有问题")
    rate = 100 * missed / asked
    value = f"{rate:.1f}%"
    if not before[0]:
        return Kpi("近7天没答上", value, f"{missed} / {asked} 个问题")
    change = rate - 100 * before[1] / before[0]
    if abs(change) < 0.05:
        return Kpi("近7天没答上", value, "和前7天持平")
    word, tone = ("高", "up") if change > 0 else ("低", "down")
    return Kpi("近7天没答上", value, f"比前7天{word} {abs(change):.1f} 个百分点", tone)


def csv_cell(value: str | float | None) -> str | float:
    """A cell as a spreadsheet must read it: text that would start a formula gets a leading quote."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and value.lstrip("\ufeff\u200b\u200c\u200d\u2060 ")[:1] in (
        "=",
        "+",
        "-",
        "@",
        "\t",
        "\r",
    ):
        return "'" + value
    return value


def panel_csv(panel: Panel) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(
        [panel.key_label, *(c.label + (f"（{c.unit}）" if c.unit else "") for c in panel.columns)]
    )
    for row in panel.rows:
        writer.writerow(
            [csv_cell(row.label), *(csv_cell(c.text if c.value is None else c.value) for c in row.cells)]
        )
    return out.getvalue()


def register_dashboard(bp: Blueprint, services: Services) -> None:
    def _by() -> str:
        by = request.args.get("by", "day")
        return by if by in stats.BY else "day"

    @bp.get("/")
    @auth.require("hotline")
    def home() -> ResponseReturnValue:
        staff = auth.current()
        assert staff is not None
        dash = build(services, _by(), staff.can("official"))
        return render_template(
            "desk/home.html",
            dash=dash,
            has_search="desk.search" in current_app.view_functions,
        )

    @bp.get("/dashboard/<name>.csv")
    @auth.require("hotline")
    def dashboard_csv(name: str) -> ResponseReturnValue:
        staff = auth.current()
        assert staff is not None
        by = _by()
        dash = build(services, by, staff.can("official"))
        panel = next((p for p in dash.panels if p.id == name), None)
        if panel is None:
            return render_template("desk/error.html", message="没有这张表，或者你的账号看不到它。"), 404
        body = "\ufeff" + panel_csv(panel)
        filename = f"dashboard-{panel.id}-{by}-{dash.today.isoformat()}.csv"
        return Response(
            body.encode("utf-8"),
            content_type="text/csv; charset=utf-8",
            headers={"Content-Disposition": f'attachment; filename="{filename}"'},
        )
