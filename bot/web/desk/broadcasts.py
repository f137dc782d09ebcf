"""The desk's 群发 pages for officials: compose from a template, preview as on a phone, send a
preview to the test OpenIDs, schedule (once, or daily at HH:MM between two dates), list with
status and results, edit and cancel until sending starts.

A blueprint of its own (``create_desk_broadcasts(services)``, mounted at ``/desk/broadcasts``)
that reuses the desk's login, roles, CSRF check, security headers and base template. Every
schedule, edit, cancel and preview goes to the audit log (bot/broadcasts.py records them).
Nothing here sends a mass message: the scheduler process does, at the set time.

The page templates are strings below (one module, no template files); their lines are long.
"""
# ruff: noqa: E501

from __future__ import annotations

import logging
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from datetime import timedelta
from typing import Any

from flask import Blueprint, Response, flash, redirect, render_template_string, request, url_for
from flask.typing import ResponseReturnValue
from werkzeug.datastructures import MultiDict

from ...broadcasts.scheduler import last_seen
from ...broadcasts.service import (
    KIND_NAMES,
    STATUS_NAMES,
    Broadcast,
    Broadcasts,
    Draft,
    PlanError,
    Schedule,
    beijing,
    parse_day,
    parse_when,
)
from ...errors import BotError
from ...services import Services
from ...staff import audit
from ...staff.lookup import region_choices
from . import auth

log = logging.getLogger(__name__)

PREVIEW_WAIT = 15.0  # seconds a page waits for WeChat's preview API before answering anyway

CSS = """
.bc-grid { display: grid; grid-template-columns: minmax(0, 1fr) 20rem; gap: 1.2rem; align-items: start; }
.bc-regions { display: flex; flex-wrap: wrap; gap: .2rem .9rem; }
.bc-regions label, .bc-when label.inline { flex-direction: row; align-items: center; gap: .3rem; color: inherit; }
.bc-when { display: flex; flex-direction: column; gap: .5rem; background: #fff; border: 1px solid #dde2e8;
  border-radius: 8px; padding: .7rem .9rem; }
.bc-when .row { display: flex; flex-wrap: wrap; gap: .6rem; align-items: flex-end; }
.bc-buttons { display: flex; flex-wrap: wrap; gap: .6rem; align-items: center; }
.bc-actions { margin-top: 1rem; }
.bc-actions form.inline { display: flex; gap: .5rem; align-items: center; }
.bc-actions label.inline { flex-direction: row; align-items: center; gap: .3rem; color: inherit; }
textarea.bc-body { width: 100%; min-height: 18rem; }
input.bc-title { width: 100%; }
.phone { width: 19rem; max-width: 100%; border: 10px solid #1f2328; border-radius: 28px; background: #ededed;
  overflow: hidden; }
.phone .bar { background: #f7f7f7; border-bottom: 1px solid #ddd; text-align: center; padding: .5rem;
  font-size: .9rem; font-weight: 600; }
.phone .chat { padding: .8rem .6rem 1.2rem; max-height: 32rem; overflow-y: auto; }
.phone .bubble { background: #fff; border-radius: 6px; padding: .6rem .7rem; font-size: .88rem; line-height: 1.55;
  white-space: pre-wrap; word-break: break-word; }
.phone .meta { text-align: center; font-size: .75rem; color: #999; margin-bottom: .5rem; }
.bc-templates { list-style: none; padding: 0; display: grid; gap: .5rem; }
.bc-templates a { display: block; padding: .6rem .8rem; background: #fff; border: 1px solid #dde2e8;
  border-radius: 8px; text-decoration: none; }
ul.problems { margin: .3rem 0 1rem; padding-left: 1.2rem; color: #8a1c1c; }
ul.warnings { margin: .3rem 0 1rem; padding-left: 1.2rem; color: #6b4e00; }
@media (max-width: 52rem) { .bc-grid { grid-template-columns: 1fr; } }
"""

BASE = """{% extends "desk/base.html" %}
{% block title %}{{ page_title }}{% endblock %}
{% block content %}
<link rel="stylesheet" href="{{ url_for('desk_broadcasts.css') }}">
<p class="meta"><a href="{{ url_for('desk_broadcasts.index') }}">群发列表</a> ·
  <a href="{{ url_for('desk_broadcasts.new') }}">新建群发</a></p>
{{ body | safe }}
{% endblock %}"""

PHONE = """
<div class="phone" aria-label="手机上的样子">
  <div class="bar">留工助手</div>
  <div class="chat"><div class="meta">{{ when }}</div><div class="bubble" id="phone-text">{{ text }}</div></div>
</div>"""

INDEX = """
<h1>群发（慰问信、通知）</h1>
{% if scheduler_problem %}<p class="flash error">{{ scheduler_problem }}</p>{% endif %}
<p><a class="button" href="{{ url_for('desk_broadcasts.new') }}">新建群发</a></p>
{% if items %}
<div class="scroll"><table class="list">
<thead><tr><th>#</th><th>标题</th><th>发给</th><th>时间</th><th>状态</th><th>结果</th></tr></thead>
<tbody>
{% for item in items %}
<tr>
  <td class="num">{{ item.id }}</td>
  <td class="text"><a href="{{ url_for('desk_broadcasts.show', broadcast_id=item.id) }}">{{ item.title }}</a>
    <br><small class="meta">{{ kind_names.get(item.kind, item.kind) }} · {{ item.created_by }}</small></td>
  <td>{{ b.regions_label(item.regions) }}</td>
  <td>{{ item.schedule.describe() }}{% if item.next_due %}<br><small class="meta">下次 {{ when(item.next_due) }}</small>{% endif %}</td>
  <td><span class="status">{{ status_names.get(item.status, item.status) }}</span></td>
  <td>{% for s, n in item.counts | dictsort %}{{ status_names.get(s, s) }} {{ n }}{% if not loop.last %}，{% endif %}{% endfor %}</td>
</tr>
{% endfor %}
</tbody></table></div>
{% else %}
<p class="hint">还没有群发。</p>
{% endif %}
"""

PICK = """
<h1>新建群发：先选模板</h1>
<form method="get" class="filters" action="{{ url_for('desk_broadcasts.new') }}">
  <label>类型
    <select name="kind">
      {% for k, name in kind_names.items() %}<option value="{{ k }}" {% if k == kind %}selected{% endif %}>{{ name }}</option>{% endfor %}
    </select></label>
  <label>地区
    <select name="region">
      {% for rid, title in regions %}<option value="{{ rid }}" {% if rid == region %}selected{% endif %}>{{ title }}</option>{% endfor %}
    </select></label>
  <button type="submit">看模板</button>
</form>
{% if templates %}
<ul class="bc-templates">
{% for doc in templates %}
  <li><a href="{{ url_for('desk_broadcasts.new', template=b.template_name(doc), region=region) }}">
    <strong>{{ doc.title }}</strong><br><small class="meta">{{ kind_names[doc.kind] }} · {{ b.region_label(doc.region) }}
    {% if doc.valid_until %}· 活动期到 {{ doc.valid_until }}{% endif %}</small></a></li>
{% endfor %}
</ul>
{% elif kind %}<p class="hint">这个地区没有这类模板。</p>{% endif %}
<p><a href="{{ url_for('desk_broadcasts.new', blank=1) }}">不用模板，从空白开始</a></p>
"""

COMPOSE = """
<h1>{% if broadcast_id %}修改群发 #{{ broadcast_id }}{% else %}新建群发{% endif %}</h1>
{% if problems %}<ul class="problems" role="alert">{% for p in problems %}<li>{{ p }}</li>{% endfor %}</ul>{% endif %}
{% if warnings %}<ul class="warnings">{% for w in warnings %}<li>{{ w }}</li>{% endfor %}</ul>{% endif %}
<div class="bc-grid">
<form method="post" class="stack" action="{{ action }}">
  <input type="hidden" name="{{ csrf_field }}" value="{{ csrf_token() }}">
  <input type="hidden" name="template" value="{{ form.template }}">
  {% if form.template %}<p class="meta">模板：{{ form.template }}</p>{% endif %}
  <label>类型
    <select name="kind">{% for k, name in kind_names.items() %}
      <option value="{{ k }}" {% if k == form.kind %}selected{% endif %}>{{ name }}</option>{% endfor %}</select></label>
  <label>标题 <input class="bc-title" name="title" value="{{ form.title }}" maxlength="64" required></label>
  <label>正文（可用 {region_name} 地区名、{hotline} 热线、{date} 发送日期，发送时自动换成本地内容）
    <textarea class="bc-body" name="body" required>{{ form.body }}</textarea></label>
  <fieldset class="bc-regions"><legend>发给（退订的人不会收到）</legend>
    {% for rid, title in regions %}
    <label><input type="checkbox" name="regions" value="{{ rid }}" {% if rid in form.regions %}checked{% endif %}>
      {{ '全国（所有订阅者）' if rid == 'national' else title }}</label>
    {% endfor %}
  </fieldset>
  <div class="bc-when">
    <label class="inline"><input type="radio" name="mode" value="once" {% if form.mode != 'daily' %}checked{% endif %}> 发一次</label>
    <div class="row"><label>时间（北京时间）<input type="datetime-local" name="once_at" value="{{ form.once_at }}"></label></div>
    <label class="inline"><input type="radio" name="mode" value="daily" {% if form.mode == 'daily' %}checked{% endif %}> 每天发</label>
    <div class="row">
      <label>每天几点 <input type="time" name="daily_at" value="{{ form.daily_at }}"></label>
      <label>从 <input type="date" name="first_day" value="{{ form.first_day }}"></label>
      <label>到 <input type="date" name="last_day" value="{{ form.last_day }}"></label>
    </div>
  </div>
  {% if audience is not none %}<p class="meta">按现在的订阅情况，约 {{ audience }} 位关注者会收到。</p>{% endif %}
  <div class="bc-buttons">
    <button type="submit" name="do" value="preview" class="secondary">预览</button>
    <button type="submit" name="do" value="test" class="secondary">发给测试号</button>
    <button type="submit" name="do" value="save">{% if broadcast_id %}保存修改{% else %}安排发送{% endif %}</button>
  </div>
</form>
<div>{% if text %}<h2>手机上的样子</h2>{{ phone | safe }}{% else %}<p class="hint">点「预览」看手机上的样子。</p>{% endif %}</div>
</div>
"""

SHOW = """
<h1>群发 #{{ item.id }}「{{ item.title }}」 <span class="status">{{ status_names.get(item.status, item.status) }}</span></h1>
<dl class="fields">
  <dt>类型</dt><dd>{{ kind_names.get(item.kind, item.kind) }}{% if item.template %}（模板 {{ item.template }}）{% endif %}</dd>
  <dt>发给</dt><dd>{{ b.regions_label(item.regions) }}</dd>
  <dt>时间</dt><dd>{{ item.schedule.describe() }}</dd>
  <dt>安排人</dt><dd>{{ item.created_by }}，{{ when(item.created) }}</dd>
  {% if item.cancelled %}<dt>取消</dt><dd>{{ item.cancelled_by }}，{{ when(item.cancelled) }}</dd>{% endif %}
</dl>
{% if item.editable %}
<div class="bc-buttons bc-actions">
  <a class="button secondary" href="{{ url_for('desk_broadcasts.edit', broadcast_id=item.id) }}">修改</a>
  <form method="post" class="inline" action="{{ url_for('desk_broadcasts.test', broadcast_id=item.id) }}">
    <input type="hidden" name="{{ csrf_field }}" value="{{ csrf_token() }}">
    <button type="submit" class="secondary">发给测试号</button></form>
  <form method="post" class="inline" action="{{ url_for('desk_broadcasts.cancel', broadcast_id=item.id) }}">
    <input type="hidden" name="{{ csrf_field }}" value="{{ csrf_token() }}">
    <label class="inline"><input type="checkbox" name="confirm" value="1" required> 确认取消</label>
    <button type="submit">取消群发</button></form>
</div>
{% endif %}
{% if resendable %}
<div class="bc-buttons bc-actions">
  <form method="post" class="inline" action="{{ url_for('desk_broadcasts.send_now', broadcast_id=item.id) }}">
    <input type="hidden" name="{{ csrf_field }}" value="{{ csrf_token() }}">
    <label class="inline"><input type="checkbox" name="confirm" value="1" required> 确认</label>
    <button type="submit">{{ '重新发送失败的' if item.counts['failed'] else '现在就发' }}</button></form>
  <small class="meta">已经发出的不会重复发送。</small>
</div>
{% endif %}
<h2>发送记录</h2>
<div class="scroll"><table class="list">
<thead><tr><th>时间</th><th>地区</th><th>状态</th><th>微信结果</th><th>说明</th></tr></thead>
<tbody>
{% for s in item.sends %}
<tr class="send-row">
  <td>{{ s.occurrence }}</td><td>{{ b.region_label(s.region) }}</td>
  <td><span class="status">{{ s.status_name }}</span></td>
  <td>{% if s.msg_id %}msg_id {{ s.msg_id }}{% endif %}
    {% if s.finish_status is not none %}<br>{{ s.finish_status }}：共 {{ s.total }} 人，过滤后 {{ s.filter_count }}，
      成功 {{ s.sent_count }}，失败 {{ s.error_count }}{% elif s.status == 'sent' %}<br><small class="meta">等微信回报结果</small>{% endif %}</td>
  <td class="text">{{ s.error or s.note }}</td>
</tr>
{% endfor %}
</tbody></table></div>
<h2>手机上的样子</h2>
{{ phone | safe }}
{% if trail %}
<h2>操作记录</h2>
<div class="scroll"><table class="list">
<thead><tr><th>时间</th><th>人员</th><th>操作</th><th>详情</th></tr></thead>
<tbody>{% for a in trail %}<tr><td>{{ when(a.created) }}</td><td>{{ a.actor }}</td>
<td>{{ action_names.get(a.action, a.action) }}</td><td class="text">{{ a.detail }}</td></tr>{% endfor %}</tbody>
</table></div>
{% endif %}
"""


def _when(ts: float | None) -> str:
    return beijing(ts).strftime("%Y-%m-%d %H:%M") if ts else ""


def _form_of(draft: Draft) -> dict[str, Any]:
    s = draft.schedule
    return {
        "template": draft.template,
        "kind": draft.kind,
        "title": draft.title,
        "body": draft.body,
        "regions": list(draft.regions),
        "mode": "daily" if s.recurring else "once",
        "once_at": s.at.strftime("%Y-%m-%dT%H:%M") if s.at else "",
        "daily_at": s.daily,
        "first_day": s.first_day.isoformat() if s.first_day else "",
        "last_day": s.last_day.isoformat() if s.last_day else "",
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
    )
    return draft, problems


def create_desk_broadcasts(services: Services) -> Blueprint:
    store = services.store
    knowledge = services.knowledge
    b: Broadcasts = services.broadcasts
    previews = ThreadPoolExecutor(max_workers=2, thread_name_prefix="preview")
    bp = Blueprint("desk_broadcasts", __name__)

    auth.guard(bp, store, lambda: (page("出错了", f'<p class="flash error">{auth.CSRF_MESSAGE}</p>'), 400))

    @bp.context_processor
    def _context() -> dict[str, Any]:
        return auth.base_context() | {
            "b": b,
            "when": _when,
            "kind_names": KIND_NAMES,
            "status_names": STATUS_NAMES,
            "action_names": audit.ACTION_NAMES,
        }

    def page(title: str, body: str) -> str:
        return render_template_string(BASE, page_title=title, body=body)

    def part(source: str, **values: Any) -> str:
        return render_template_string(source, **values)

    def phone(text: str, when: str) -> str:
        return part(PHONE, text=text, when=when)

    def staff_name() -> str:
        staff = auth.current()
        assert staff is not None
        return staff.name

    def send_preview(draft: Draft, target: str) -> None:
        """WeChat's preview API, off the request thread, waited for a bounded time."""
        future = previews.submit(b.preview, draft, staff_name(), None, target)
        try:
            n = future.result(timeout=PREVIEW_WAIT)
        except FutureTimeout:
            flash("微信接口有点慢，预览还在发送中，请稍后看测试号的手机。", "error")
        except BotError as exc:
            flash(f"预览没发出去：{exc}", "error")
        else:
            flash(f"预览已发给 {n} 个测试号，请在手机上查看。", "ok")

    def scheduler_problem() -> str | None:
        state = last_seen(store)
        if state is not None and b.clock() - state["last_poll"] <= 3 * b.settings.poll_seconds + 60:
            return None
        return "调度器没有在运行，到点不会发送。请让管理员启动：python -m bot scheduler" + (
            f"（上次运行 {_when(state['last_poll'])}）" if state else ""
        )

    # -- pages --------------------------------------------------------------------------------------

    @bp.get("/style.css")
    def css() -> Response:
        return Response(CSS, mimetype="text/css", headers={"Cache-Control": "max-age=3600"})

    @bp.get("/")
    @auth.require("official")
    def index() -> ResponseReturnValue:
        return page("群发", part(INDEX, items=b.recent(200), scheduler_problem=scheduler_problem()))

    @bp.get("/new")
    @auth.require("official")
    def new() -> ResponseReturnValue:
        name = request.args.get("template", "")
        doc = b.template(name) if name else None
        if doc is None and not request.args.get("blank"):
            kind = request.args.get("kind", "")
            region = request.args.get("region", "")
            found = b.templates(kind or None, region or None) if kind or region else []
            body = part(PICK, kind=kind, region=region, regions=region_choices(knowledge), templates=found)
            return page("新建群发", body)
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
        return compose(draft, url_for("desk_broadcasts.create"))

    def compose(
        draft: Draft,
        action: str,
        broadcast_id: int | None = None,
        problems: list[str] | None = None,
        show_preview: bool = False,
        status: int = 200,
    ) -> ResponseReturnValue:
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
        body = part(
            COMPOSE,
            form=_form_of(draft),
            action=action,
            broadcast_id=broadcast_id,
            regions=region_choices(knowledge),
            problems=problems or [],
            warnings=warnings,
            audience=audience,
            text=text,
            phone=phone(text, when) if text else "",
        )
        return page("修改群发" if broadcast_id else "新建群发", body), status

    def submit(broadcast_id: int | None) -> ResponseReturnValue:
        draft, schedule_problems = _draft_of(request.form)
        action = (
            url_for("desk_broadcasts.update", broadcast_id=broadcast_id)
            if broadcast_id
            else url_for("desk_broadcasts.create")
        )
        target = f"broadcast:{broadcast_id}" if broadcast_id else "draft"
        what = request.form.get("do", "preview")
        if what == "test":
            send_preview(draft, target)
            return compose(draft, action, broadcast_id, show_preview=True)
        if what != "save":
            try:
                b.plan(draft, exclude=broadcast_id)  # say now what scheduling would refuse
                problems = []
            except PlanError as exc:
                problems = exc.problems
            return compose(draft, action, broadcast_id, problems, show_preview=True)
        if schedule_problems:
            return compose(draft, action, broadcast_id, schedule_problems, show_preview=True, status=400)
        try:
            if broadcast_id:
                item = b.edit(broadcast_id, draft, staff_name())
                flash("已保存修改。", "ok")
            else:
                item = b.create(draft, staff_name())
                flash(f"已安排：{item.schedule.describe()}，发给{b.regions_label(item.regions)}。", "ok")
        except PlanError as exc:
            return compose(draft, action, broadcast_id, exc.problems, show_preview=True, status=400)
        return redirect(url_for("desk_broadcasts.show", broadcast_id=item.id))

    @bp.post("/new")
    @auth.require("official")
    def create() -> ResponseReturnValue:
        return submit(None)

    def _get(broadcast_id: int) -> Broadcast | None:
        return b.get(broadcast_id)

    def missing(broadcast_id: int) -> ResponseReturnValue:
        return page("出错了", f'<p class="flash error">没有编号为 {broadcast_id} 的群发。</p>'), 404

    @bp.get("/<int:broadcast_id>")
    @auth.require("official")
    def show(broadcast_id: int) -> ResponseReturnValue:
        item = _get(broadcast_id)
        if item is None:
            return missing(broadcast_id)
        due = item.next_due or (item.sends[-1].due if item.sends else None)
        text = next((s.text for s in reversed(item.sends) if s.text), None) or b.preview_text(item.draft)
        body = part(
            SHOW,
            item=item,
            phone=phone(text, beijing(due).strftime("%m月%d日 %H:%M") if due else ""),
            trail=audit.recent(store, 50, target=f"broadcast:{broadcast_id}"),
            resendable=not item.cancelled and any(s.status in ("failed", "scheduled") for s in item.sends),
        )
        return page(f"群发 #{broadcast_id}", body)

    @bp.get("/<int:broadcast_id>/edit")
    @auth.require("official")
    def edit(broadcast_id: int) -> ResponseReturnValue:
        item = _get(broadcast_id)
        if item is None:
            return missing(broadcast_id)
        if not item.editable:
            flash("这条群发已经开始发送、已经结束或已取消，不能再修改。", "error")
            return redirect(url_for("desk_broadcasts.show", broadcast_id=broadcast_id))
        return compose(item.draft, url_for("desk_broadcasts.update", broadcast_id=broadcast_id), broadcast_id)

    @bp.post("/<int:broadcast_id>/edit")
    @auth.require("official")
    def update(broadcast_id: int) -> ResponseReturnValue:
        if _get(broadcast_id) is None:
            return missing(broadcast_id)
        return submit(broadcast_id)

    @bp.post("/<int:broadcast_id>/test")
    @auth.require("official")
    def test(broadcast_id: int) -> ResponseReturnValue:
        item = _get(broadcast_id)
        if item is None:
            return missing(broadcast_id)
        send_preview(item.draft, f"broadcast:{broadcast_id}")
        return redirect(url_for("desk_broadcasts.show", broadcast_id=broadcast_id))

    @bp.post("/<int:broadcast_id>/cancel")
    @auth.require("official")
    def cancel(broadcast_id: int) -> ResponseReturnValue:
        if _get(broadcast_id) is None:
            return missing(broadcast_id)
        if request.form.get("confirm") != "1":
            flash("请先勾选「确认取消」。", "error")
        else:
            try:
                n = b.cancel(broadcast_id, staff_name())
                flash(f"已取消，{n} 次待发送不会再发。", "ok")
            except PlanError as exc:
                flash(str(exc), "error")
        return redirect(url_for("desk_broadcasts.show", broadcast_id=broadcast_id))

    @bp.post("/<int:broadcast_id>/send-now")
    @auth.require("official")
    def send_now(broadcast_id: int) -> ResponseReturnValue:
        """Retry the failed sends, or bring the next one forward; the scheduler sends it."""
        if _get(broadcast_id) is None:
            return missing(broadcast_id)
        if request.form.get("confirm") != "1":
            flash("请先勾选「确认」。", "error")
        else:
            try:
                occurrence = b.prepone(broadcast_id, staff_name())
                if problem := scheduler_problem():
                    flash(f"已安排立即发送（{occurrence} 那一次），但{problem}", "error")
                else:
                    wait = max(1, round(b.settings.poll_seconds))
                    flash(f"已安排立即发送（{occurrence} 那一次），{wait} 秒内发出，刷新本页看结果。", "ok")
            except PlanError as exc:
                flash(str(exc), "error")
        return redirect(url_for("desk_broadcasts.show", broadcast_id=broadcast_id))

    return bp


__all__ = ["create_desk_broadcasts"]
