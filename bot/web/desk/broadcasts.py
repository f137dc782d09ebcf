"""The desk's 群发 pages for officials: compose from a template, preview as on a phone, send a
preview to the test OpenIDs, schedule (once, or daily at HH:MM between two dates), list with
status and results, edit and cancel until sending starts, send now.

A module-level blueprint (``bp``, mounted at ``/desk/broadcasts``) that reaches the process's
typed services with ``bot.services.current()`` and reuses the desk's login, roles, CSRF check,
security headers and base template. Pages are templates/desk/broadcasts/*.html, the style is
static/broadcasts.css. Every schedule, edit, cancel and preview goes to the audit log (the
Broadcasts service records them). Nothing here sends a mass message: the scheduler does.

Scheduling what may be a mistake (a template whose campaign has ended, the same template to the
same region within 7 days, a template written for another region) needs a confirmation typed or
ticked beside the schedule button; cancel and send-now are styled as dangerous and their
confirmation says what will happen.
"""

from __future__ import annotations

import logging
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from datetime import timedelta
from pathlib import Path

from flask import Blueprint, flash, g, redirect, render_template, request, send_from_directory, url_for
from flask.typing import ResponseReturnValue
from werkzeug.datastructures import MultiDict
from werkzeug.wrappers import Response

from ...broadcasts.leader import last_seen
from ...broadcasts.model import (
    CAUTION_NAMES,
    KIND_NAMES,
    STATUS_NAMES,
    Broadcast,
    Caution,
    Draft,
    PlanError,
    Schedule,
    beijing,
    parse_day,
    parse_when,
)
from ...broadcasts.sender import StuckSending
from ...broadcasts.service import Broadcasts
from ...errors import BotError
from ...services import current
from ...staff import audit
from ...staff.lookup import region_choices
from ...timefmt import shown
from . import auth

log = logging.getLogger(__name__)

PREVIEW_WAIT = 15.0  # seconds a page waits for WeChat's preview API before answering anyway
STATIC = Path(__file__).resolve().parent.parent / "static"

bp = Blueprint("desk_broadcasts", __name__, template_folder="../templates")
_previews: ThreadPoolExecutor | None = None


def _pool() -> ThreadPoolExecutor:
    """WeChat's preview API runs off the request thread (one small pool per process)."""
    global _previews
    if _previews is None:
        _previews = ThreadPoolExecutor(max_workers=2, thread_name_prefix="preview")
    return _previews


def _b() -> Broadcasts:
    return current().broadcasts


def _when(ts: float | None) -> str:
    return shown(ts)


# -- every request ------------------------------------------------------------------------------------


@bp.before_request
def _before() -> ResponseReturnValue | None:
    """The desk's guard (auth.guard), with the store of this process's services."""
    import secrets

    g.csp_nonce = secrets.token_urlsafe(16)
    auth.load_staff(current().store)
    if request.method == "POST" and not auth.csrf_ok():
        log.warning("desk: POST %s refused, CSRF token missing or wrong", request.path)
        return _error(auth.CSRF_MESSAGE, 400)
    return None


@bp.after_request
def _after(resp: Response) -> Response:
    auth.security_headers(resp.headers, g.get("csp_nonce", ""))
    return resp


@bp.context_processor
def _context() -> dict[str, object]:
    return auth.base_context() | {
        "b": _b(),
        "when": _when,
        "kind_names": KIND_NAMES,
        "status_names": STATUS_NAMES,
        "action_names": audit.ACTION_NAMES,
    }


def _page(name: str, title: str, status: int = 200, **values: object) -> ResponseReturnValue:
    return render_template(f"desk/broadcasts/{name}.html", page_title=title, **values), status


def _error(message: str, status: int) -> ResponseReturnValue:
    return _page("error", "出错了", status, message=message)


def _missing(broadcast_id: int) -> ResponseReturnValue:
    return _error(f"没有编号为 {broadcast_id} 的群发。", 404)


def _staff_name() -> str:
    staff = auth.current()
    assert staff is not None
    return staff.name


# -- forms --------------------------------------------------------------------------------------------


def _form_of(draft: Draft, confirm: dict[str, str] | None = None) -> dict[str, object]:
    s = draft.schedule
    return {
        "template": draft.template,
        "kind": draft.kind,
        "title": draft.title,
        "body": draft.body,
        "sender": draft.sender,
        "regions": list(draft.regions),
        "mode": "daily" if s.recurring else "once",
        "once_at": s.at.strftime("%Y-%m-%dT%H:%M") if s.at else "",
        "daily_at": s.daily,
        "first_day": s.first_day.isoformat() if s.first_day else "",
        "last_day": s.last_day.isoformat() if s.last_day else "",
        "confirm": confirm or {},
    }


def _draft_of(form: MultiDict[str, str]) -> tuple[Draft, list[str]]:
    """The draft in the form, and what is wrong with its schedule (the text may still be previewed)."""
    problems: list[str] = []
    schedule = Schedule()
    try:
        if form.get("mode") == "daily":
            schedule = Schedule.every_day(
                form.get("daily_at", ""),
                parse_day(form.get("first_day", "")),
                parse_day(form.get("last_day", "")),
            )
        elif form.get("once_at", "").strip():
            schedule = Schedule.once(parse_when(form["once_at"]))
        else:
            problems.append("请填写发送时间")
    except PlanError as exc:
        problems += exc.problems
    draft = Draft(
        kind=form.get("kind", ""),
        title=form.get("title", "").strip()[:200],
        body=form.get("body", "").replace("\r\n", "\n").strip()[:10_000],
        regions=tuple(form.getlist("regions")),
        schedule=schedule,
        template=form.get("template", "")[:100],
        sender=form.get("sender", "").strip()[:100],
    )
    return draft, problems


def _confirm_of(form: MultiDict[str, str]) -> dict[str, str]:
    return {code: form[f"confirm_{code}"][:50] for code in CAUTION_NAMES if form.get(f"confirm_{code}")}


def _send_preview(draft: Draft, target: str) -> None:
    """WeChat's preview API, off the request thread, waited for a bounded time."""
    future = _pool().submit(_b().preview, draft, _staff_name(), None, target)
    try:
        n = future.result(timeout=PREVIEW_WAIT)
    except FutureTimeout:
        flash("微信接口有点慢，预览还在发送中，请稍后看测试号的手机。", "error")
    except BotError as exc:
        flash(f"预览没发出去：{exc}", "error")
    else:
        flash(f"预览已发给 {n} 个测试号，请在手机上查看。", "ok")


def _scheduler_problem() -> str | None:
    b = _b()
    state = last_seen(b.store)
    if state is not None and b.clock() - state.last_poll <= 3 * b.settings.poll_seconds + 60:
        return None
    return "调度器没有在运行，到点不会发送。请让管理员启动：python -m bot scheduler" + (
        f"（上次运行 {_when(state.last_poll)}）" if state else ""
    )


# -- pages --------------------------------------------------------------------------------------------


@bp.get("/style.css")
def css() -> Response:
    resp = send_from_directory(STATIC, "broadcasts.css", mimetype="text/css", max_age=3600)
    resp.headers["Cache-Control"] = "max-age=3600"
    return resp


@bp.get("/")
@auth.require("official")
def index() -> ResponseReturnValue:
    return _page("index", "群发", items=_b().recent(200), scheduler_problem=_scheduler_problem())


@bp.get("/new")
@auth.require("official")
def new() -> ResponseReturnValue:
    b = _b()
    knowledge = current().knowledge
    name = request.args.get("template", "")
    doc = b.template(name) if name else None
    if doc is None and not request.args.get("blank"):
        kind = request.args.get("kind", "")
        region = request.args.get("region", "")
        found = b.templates(kind or None, region or None) if kind or region else []
        return _page(
            "pick",
            "新建群发",
            kind=kind,
            region=region,
            regions=region_choices(knowledge),
            templates=found,
            today=beijing(b.clock()).date(),
        )
    region = request.args.get("region", "")
    start = (beijing(b.clock()) + timedelta(days=1)).replace(hour=9, minute=0, second=0, microsecond=0)
    draft = Draft(
        kind=doc.kind if doc else "notice",
        title=doc.title if doc else "",
        body=doc.body if doc else "",
        regions=((region if region in knowledge.regions else doc.region),) if doc else (),
        schedule=Schedule.once(start),
        template=b.template_name(doc) if doc else "",
    )
    return _compose(draft, url_for("desk_broadcasts.create"))


def _compose(
    draft: Draft,
    action: str,
    broadcast_id: int | None = None,
    problems: list[str] | None = None,
    show_preview: bool = False,
    status: int = 200,
    cautions: list[Caution] | None = None,
    confirm: dict[str, str] | None = None,
) -> ResponseReturnValue:
    b = _b()
    text = when = ""
    audience = None
    warnings: list[str] = []
    if show_preview:
        text = b.preview_text(draft)
        try:
            when = draft.schedule.times()[0].strftime("%m月%d日 %H:%M")
        except (PlanError, IndexError):
            when = ""
        try:
            audience = b.audience_size(b.normalize_regions(draft.regions))
        except PlanError:
            audience = None
        warnings = b.warnings(draft)
    if not broadcast_id or show_preview:  # beside the schedule button from the start
        cautions = cautions or b.cautions_of(draft, broadcast_id)
    return _page(
        "compose",
        "修改群发" if broadcast_id else "新建群发",
        status,
        form=_form_of(draft, confirm),
        action=action,
        broadcast_id=broadcast_id,
        regions=region_choices(current().knowledge),
        problems=problems or [],
        cautions=cautions or [],
        warnings=warnings,
        audience=audience,
        text=text,
        phone_text=text,
        phone_when=when,
    )


def _split(exc: PlanError) -> tuple[list[str], list[Caution]]:
    """A refusal's hard problems, and the cautions an official may confirm."""
    texts = {c.text for c in exc.cautions}
    return [p for p in exc.problems if p not in texts], exc.cautions


def _submit(broadcast_id: int | None) -> ResponseReturnValue:
    b = _b()
    draft, schedule_problems = _draft_of(request.form)
    confirm = _confirm_of(request.form)
    action = (
        url_for("desk_broadcasts.update", broadcast_id=broadcast_id)
        if broadcast_id
        else url_for("desk_broadcasts.create")
    )
    target = f"broadcast:{broadcast_id}" if broadcast_id else "draft"
    what = request.form.get("do", "preview")
    if what != "save":
        if what == "test":
            _send_preview(draft, target)
        problems: list[str] = []
        cautions: list[Caution] = []
        try:
            b.plan(draft, exclude=broadcast_id, confirm=confirm)  # say now what scheduling would refuse
        except PlanError as exc:
            problems, cautions = _split(exc)
        return _compose(draft, action, broadcast_id, problems, True, 200, cautions, confirm)
    if schedule_problems:
        return _compose(draft, action, broadcast_id, schedule_problems, True, 400, None, confirm)
    try:
        if broadcast_id:
            item = b.edit(broadcast_id, draft, _staff_name(), confirm)
            flash("已保存修改。", "ok")
        else:
            item = b.create(draft, _staff_name(), confirm)
            flash(f"已安排：{item.schedule.describe()}，发给{b.regions_label(item.regions)}。", "ok")
    except PlanError as exc:
        problems, cautions = _split(exc)
        return _compose(draft, action, broadcast_id, problems, True, 400, cautions, confirm)
    return redirect(url_for("desk_broadcasts.show", broadcast_id=item.id))


@bp.post("/new")
@auth.require("official")
def create() -> ResponseReturnValue:
    return _submit(None)


def _cancel_effect(b: Broadcasts, item: Broadcast) -> str:
    waiting = [s for s in item.sends if s.status == "scheduled"]
    first = waiting[0].occurrence if waiting else ""
    return f"确认取消：{len(waiting)} 次待发送（{first} 起，发给{b.regions_label(item.regions)}）都不会再发"


def _resend(b: Broadcasts, item: Broadcast) -> dict[str, str] | None:
    """What 「现在就发」 would do, in words for its confirmation; None if there is nothing to do."""
    if item.cancelled:
        return None
    for status, label in (
        ("failed", "重新发送失败的"),
        ("retrying", "现在就重试"),
        ("scheduled", "现在就发"),
    ):
        rows = [s for s in item.sends if s.status == status]
        if rows:
            occurrence = rows[0].occurrence
            regions = b.regions_label(dict.fromkeys(s.region for s in rows if s.occurrence == occurrence))
            if status == "scheduled":
                effect = f"确认立即发送：把 {occurrence} 那一次提前到现在，马上群发给{regions}的关注者"
            else:
                effect = (
                    f"确认立即发送：{occurrence} 那一次给{regions}的群发现在重发"
                    "（用同一编号，微信不会重复发送）"
                )
            return {"label": label, "effect": effect}
    return None


@bp.get("/<int:broadcast_id>")
@auth.require("official")
def show(broadcast_id: int) -> ResponseReturnValue:
    b = _b()
    item = b.get(broadcast_id)
    if item is None:
        return _missing(broadcast_id)
    due = item.next_due or (item.sends[-1].due if item.sends else None)
    text = next((s.text for s in reversed(item.sends) if s.text), None) or b.preview_text(item.draft)
    return _page(
        "show",
        f"群发 #{broadcast_id}",
        item=item,
        phone_text=text,
        phone_when=beijing(due).strftime("%m月%d日 %H:%M") if due else "",
        trail=audit.recent(b.store, 50, target=f"broadcast:{broadcast_id}"),
        resend=_resend(b, item),
        cancel_effect=_cancel_effect(b, item),
    )


@bp.get("/<int:broadcast_id>/edit")
@auth.require("official")
def edit(broadcast_id: int) -> ResponseReturnValue:
    item = _b().get(broadcast_id)
    if item is None:
        return _missing(broadcast_id)
    if not item.editable:
        flash("这条群发已经开始发送、已经结束或已取消，不能再修改。", "error")
        return redirect(url_for("desk_broadcasts.show", broadcast_id=broadcast_id))
    return _compose(item.draft, url_for("desk_broadcasts.update", broadcast_id=broadcast_id), broadcast_id)


@bp.post("/<int:broadcast_id>/edit")
@auth.require("official")
def update(broadcast_id: int) -> ResponseReturnValue:
    if _b().get(broadcast_id) is None:
        return _missing(broadcast_id)
    return _submit(broadcast_id)


@bp.post("/<int:broadcast_id>/test")
@auth.require("official")
def test(broadcast_id: int) -> ResponseReturnValue:
    item = _b().get(broadcast_id)
    if item is None:
        return _missing(broadcast_id)
    _send_preview(item.draft, f"broadcast:{broadcast_id}")
    return redirect(url_for("desk_broadcasts.show", broadcast_id=broadcast_id))


@bp.post("/<int:broadcast_id>/cancel")
@auth.require("official")
def cancel(broadcast_id: int) -> ResponseReturnValue:
    b = _b()
    if b.get(broadcast_id) is None:
        return _missing(broadcast_id)
    if request.form.get("confirm") != "1":
        flash("请先勾选确认。", "error")
    else:
        try:
            n = b.cancel(broadcast_id, _staff_name())
            flash(f"已取消，{n} 次待发送不会再发。", "ok")
        except PlanError as exc:
            flash(str(exc), "error")
    return redirect(url_for("desk_broadcasts.show", broadcast_id=broadcast_id))


@bp.post("/<int:broadcast_id>/send-now")
@auth.require("official")
def send_now(broadcast_id: int) -> ResponseReturnValue:
    """Retry the failed sends, or bring the next one forward; the scheduler sends it."""
    b = _b()
    if b.get(broadcast_id) is None:
        return _missing(broadcast_id)
    if request.form.get("confirm") != "1":
        flash("请先勾选确认。", "error")
        return redirect(url_for("desk_broadcasts.show", broadcast_id=broadcast_id))
    try:
        occurrence = b.prepone(broadcast_id, _staff_name())
    except StuckSending:
        if problem := _scheduler_problem():
            flash(
                f"这条停在「发送中」，{problem}。调度器启动后会先把它补发完：补发时限内用同一编号重发"
                "（微信不会重复发送），超过时限的标为失败并写明原因。",
                "error",
            )
        else:
            flash("这条正在由调度器发送，不会重复发送；刷新本页看结果。", "ok")
    except PlanError as exc:
        flash(str(exc), "error")
    else:
        if problem := _scheduler_problem():
            flash(f"已安排立即发送（{occurrence} 那一次），但{problem}", "error")
        else:
            wait = max(1, round(b.settings.poll_seconds))
            flash(f"已安排立即发送（{occurrence} 那一次），{wait} 秒内发出，刷新本页看结果。", "ok")
    return redirect(url_for("desk_broadcasts.show", broadcast_id=broadcast_id))


__all__ = ["bp"]
