"""The desk's pages: login, scripted answers, complaints, unanswered questions, audit, accounts."""

from __future__ import annotations

import logging
from datetime import date, datetime, timedelta
from typing import Any

from flask import Blueprint, Response, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue

from ...complaints.register import CLOSED, STATUSES, TRANSITIONS, Complaint
from ...services import Services
from ...staff import accounts, audit
from ...staff.lookup import intent_choices, intent_name, lookup, region_choices, region_title
from ...timefmt import BEIJING, shown
from . import auth

log = logging.getLogger(__name__)

LIST_LIMIT = 200
EXPORT_LIMIT = 100_000


def _fmt_time(ts: float | None) -> str:
    return shown(ts)


def _fmt_date(d: date | None) -> str:
    return f"{d.year}年{d.month}月{d.day}日" if d else ""


def _day(text: str) -> date | None:
    try:
        return date.fromisoformat(text.strip()) if text.strip() else None
    except ValueError:
        return None


def _today(services: Services) -> date:
    return services.bot.today()


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


def register_views(bp: Blueprint, services: Services) -> None:
    store = services.store
    knowledge = services.knowledge
    register = services.complaints

    # -- every request --------------------------------------------------------------------------

    auth.guard(bp, store, lambda: (render_template("desk/error.html", message=auth.CSRF_MESSAGE), 400))

    @bp.context_processor
    def _context() -> dict[str, Any]:
        return auth.base_context() | {
            "fmt_time": _fmt_time,
            "fmt_date": _fmt_date,
            "region_title": lambda rid: region_title(knowledge, rid),
            "intent_name": intent_name,
            "action_names": audit.ACTION_NAMES,
            "role_names": accounts.ROLE_NAMES,
        }

    # -- login ------------------------------------------------------------------------------------

    @bp.route("/login", methods=["GET", "POST"])
    def login() -> ResponseReturnValue:
        back = auth.safe_next(request.values.get("next"))
        if request.method == "GET":
            if auth.current() is not None:
                return redirect(back or url_for("desk.home"))
            return render_template("desk/login.html", next=back or "", name="", error=None)
        name = request.form.get("name", "").strip()[: accounts.MAX_NAME + 8]
        password = request.form.get("password", "")
        ip = auth.client_ip()
        error, status, checked = "用户名或密码不对，请再试一次。", 401, True
        try:
            account = accounts.login(store, name, password, ip)
        except accounts.Throttled as exc:
            account, error, status, checked = None, exc.message, 429, exc.fresh
        if account is None:
            if checked:  # refusals while locked are not logged one by one (no flooding the log)
                locked = "，已锁定15分钟" if status == 429 else ""
                audit.record(store, name or "-", "login_failed", "", f"ip {ip}{locked}")
            log.info("desk: login refused from %s (%d)", ip, status)
            return render_template("desk/login.html", next=back or "", name=name, error=error), status
        auth.start_session(store, account)
        audit.record(store, account.name, "login", "", f"ip {ip}")
        log.info("desk: staff #%d logged in", account.id)
        return redirect(back or url_for("desk.home"))

    @bp.post("/logout")
    def logout() -> ResponseReturnValue:
        staff = auth.current()
        if staff is not None:
            audit.record(store, staff.name, "logout", "", f"ip {auth.client_ip()}")
            log.info("desk: staff #%d logged out", staff.id)
        auth.end_session(store)
        flash("你已退出登录。", "ok")
        return redirect(url_for("desk.login"))

    # -- home -------------------------------------------------------------------------------------

    @bp.get("/")
    @auth.require("hotline")
    def home() -> ResponseReturnValue:
        counts = {
            s: store.conn.execute("SELECT COUNT(*) FROM complaints WHERE status = ?", (s,)).fetchone()[0]
            for s in STATUSES
        }
        return render_template("desk/home.html", counts=counts, statuses=STATUSES)

    # -- scripted answers -------------------------------------------------------------------------

    @bp.get("/answers")
    @auth.require("hotline")
    def answers() -> ResponseReturnValue:
        query = request.args.get("q", "")[:200]
        found = lookup(
            knowledge,
            services.bot.classifier,
            query,
            intent=request.args.get("intent") or None,
            region=request.args.get("region") or None,
            today=_today(services),
        )
        return render_template(
            "desk/answers.html",
            found=found,
            query=query,
            intent_filter=request.args.get("intent", ""),
            region_filter=request.args.get("region", ""),
            intents=intent_choices(),
            regions=region_choices(knowledge),
        )

    # -- complaints -------------------------------------------------------------------------------

    def _filters() -> tuple[dict[str, Any], dict[str, str], list[str]]:
        """(register.search arguments, the form's values, problems to show)."""
        a = request.args
        form = {k: a.get(k, "").strip()[:100] for k in ("status", "region", "from", "to", "q")}
        query: dict[str, Any] = {}
        problems = []
        if form["status"] in STATUSES:
            query["status"] = form["status"]
        if form["region"] in knowledge.regions:
            query["region"] = form["region"]
        for key, arg, shift in (("from", "since", 0), ("to", "until", 1)):
            if form[key]:
                day = _day(form[key])
                if day is None:
                    problems.append(f"日期「{form[key]}」看不懂，请用 2021-02-01 这样的格式。")
                else:
                    midnight = datetime.combine(day + timedelta(days=shift), datetime.min.time(), BEIJING)
                    query[arg] = midnight.timestamp()
        if form["q"]:
            query["text"] = form["q"]
        return query, form, problems

    @bp.get("/complaints")
    @auth.require("hotline")
    def complaints() -> ResponseReturnValue:
        query, form, problems = _filters()
        rows = register.search(**query, limit=LIST_LIMIT + 1)
        return render_template(
            "desk/complaints.html",
            rows=rows[:LIST_LIMIT],
            more=len(rows) > LIST_LIMIT,
            limit=LIST_LIMIT,
            form=form,
            problems=problems,
            statuses=STATUSES,
            regions=region_choices(knowledge),
            export_args={k: v for k, v in form.items() if v},
        )

    @bp.get("/complaints.csv")
    @auth.require("hotline")
    def complaints_csv() -> ResponseReturnValue:
        query, form, _ = _filters()
        staff = auth.current()
        assert staff is not None
        rows = register.search(**query, limit=EXPORT_LIMIT)
        described = "，".join(f"{k}={v}" for k, v in form.items() if v) or "全部"
        audit.record(store, staff.name, "export", "complaints", f"{len(rows)} 条；筛选：{described}")
        log.info("desk: staff #%d exported %d complaints", staff.id, len(rows))
        body = "\ufeff" + register.export_csv(rows)
        stamp = datetime.now().strftime("%Y%m%d-%H%M")
        return Response(
            body.encode("utf-8"),
            content_type="text/csv; charset=utf-8",
            headers={"Content-Disposition": f'attachment; filename="complaints-{stamp}.csv"'},
        )

    def _case(case_no: str) -> Complaint | None:
        found: Complaint | None = register.get(case_no[:40])
        return found

    @bp.get("/complaints/<case_no>")
    @auth.require("hotline")
    def complaint(case_no: str) -> ResponseReturnValue:
        case = _case(case_no)
        if case is None:
            return render_template("desk/error.html", message=f"没有编号为 {case_no} 的投诉。"), 404
        staff = auth.current()
        assert staff is not None
        if case.phone:
            audit.record(store, staff.name, "view_phone", case.case_no)
        return render_template(
            "desk/complaint.html",
            case=case,
            history=register.history(case.id),
            allowed=TRANSITIONS.get(case.status, ()),
            closed=case.status in CLOSED,
            trail=audit.recent(store, 20, target=case.case_no),
        )

    @bp.post("/complaints/<case_no>/status")
    @auth.require("hotline")
    def change_status(case_no: str) -> ResponseReturnValue:
        case = _case(case_no)
        if case is None:
            return render_template("desk/error.html", message=f"没有编号为 {case_no} 的投诉。"), 404
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
                updated = register.set_status(case.case_no, status, note, actor=staff.name)
                audit.record(store, staff.name, "status_change", case.case_no, f"{case.status} → {status}")
        except (ValueError, KeyError) as exc:
            flash(f"没改成：{exc}", "error")
            return back
        log.info("desk: staff #%d set a case to %s", staff.id, status)
        flash(f"已改为「{status}」。" + _notify(services, updated), "ok")
        return back

    # -- unanswered, audit ---------------------------------------------------------------------------

    # (the unanswered questions and their labels: labels.py)

    @bp.get("/audit")
    @auth.require("official")
    def audit_log() -> ResponseReturnValue:
        target = request.args.get("target", "").strip()[:60] or None
        action = request.args.get("action", "").strip()[:40] or None
        rows = audit.recent(store, 300, target=target, action=action)
        return render_template("desk/audit.html", rows=rows, target=target or "", action=action or "")

    # -- accounts (admin) -------------------------------------------------------------------------

    @bp.get("/users")
    @auth.require("admin")
    def users() -> ResponseReturnValue:
        return render_template("desk/users.html", users=accounts.list_users(store), roles=accounts.ROLES)

    @bp.post("/users")
    @auth.require("admin")
    def add_user() -> ResponseReturnValue:
        staff = auth.current()
        assert staff is not None
        name = request.form.get("name", "")
        role = request.form.get("role", "")
        password = request.form.get("password", "")
        if password != request.form.get("password2", ""):
            flash("两次输入的密码不一样。", "error")
            return redirect(url_for("desk.users"))
        try:
            account = accounts.add_user(store, name, role, password)
        except accounts.AccountError as exc:
            flash(str(exc), "error")
            return redirect(url_for("desk.users"))
        audit.record(store, staff.name, "user_add", account.name, account.role)
        flash(f"已新建账号 {account.name}（{account.role_name}）。", "ok")
        return redirect(url_for("desk.users"))

    @bp.post("/users/<name>/disable")
    @auth.require("admin")
    def disable_user(name: str) -> ResponseReturnValue:
        staff = auth.current()
        assert staff is not None
        if name == staff.name:
            flash("不能停用自己的账号。", "error")
            return redirect(url_for("desk.users"))
        try:
            accounts.disable_user(store, name)
        except accounts.AccountError as exc:
            flash(str(exc), "error")
            return redirect(url_for("desk.users"))
        audit.record(store, staff.name, "user_disable", name)
        flash(f"已停用 {name}，它的登录也已失效。", "ok")
        return redirect(url_for("desk.users"))
