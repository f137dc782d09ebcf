"""The desk's 内容维护 pages for officials: edit answers, register policy documents, add keywords and
place aliases; draft → preview as on a phone → publish (or submit, and a second official approves);
every version with its diff and a one-click rollback. The work is done by ``ContentEditor``
(bot/content/editing.py); these views only read forms and render.

Who edits: officials (业务干部) and admins, not a new ``editor`` role. Officials already answer
for what the 公众号 says (they sign and schedule the broadcasts) and read the audit log; a bureau
running this has a handful of them, and ``[content] require_approval`` gives the four-eyes check a
separate role would. (A new role would also mean rebuilding the staff table for its CHECK.)

Registered on the desk blueprint (``register_content_views``), so the desk's login, roles, CSRF
check and security headers apply. It also hooks ``LiveContent.refresh`` before every request of the
app (webhook included): a publish reaches this process within ``[content] reload_seconds``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from werkzeug.datastructures import MultiDict

from ...content.checker import answer_fields_from_file
from ...content.editing import KIND_NAMES, STATUS_NAMES, ContentEditor, EditRefused, Revision
from ...content.knowledge import CAMPAIGN, STANDING, Document, Knowledge
from ...content.overlay import Payload, answer_key, keyword_key
from ...ids import TOPIC_INTENTS
from ...services import Services
from ...staff.lookup import intent_name, region_choices
from . import auth

TABLE_NAMES = {
    "keywords": "消息里出现就算",
    "whole_word": "作为完整的词出现才算",
    "whole_message": "整条消息就是这个词才算",
    "with_place": "消息里同时有地名才算",
}
WEIGHTS = ("3", "2.5", "2", "1.5", "1", "0.5")


@dataclass
class Preview:
    """What a worker would see: the text today and, for a campaign, the day after it ends."""

    label: str
    text: str


def register_content_views(bp: Blueprint, services: Services) -> None:
    editor = ContentEditor(services.store, services.settings.content, today=lambda: services.bot.today())
    knowledge = services.knowledge
    live = services.content

    if live is not None:
        bp.before_app_request(live.refresh)  # every request of the app, the webhook's too

    def actor() -> str:
        staff = auth.current()
        assert staff is not None
        return staff.name

    def page(template: str, status: int = 200, **values: Any) -> ResponseReturnValue:
        common = {
            "kind_names": KIND_NAMES,
            "status_names": STATUS_NAMES,
            "require_approval": editor.require_approval,
            "me": actor(),
        }
        return render_template(f"desk/{template}", **common, **values), status

    # -- index -------------------------------------------------------------------------------------

    @bp.get("/content")
    @auth.require("official")
    def content_index() -> ResponseReturnValue:
        regions = region_choices(knowledge)
        region = request.args.get("region") or "national"
        region = region if region in knowledge.regions else "national"
        overlay = editor.overlay()
        rows = []
        for intent in TOPIC_INTENTS:
            own = knowledge.answers.get((region, intent))
            used = knowledge.answer(intent, region)
            rows.append(
                {
                    "intent": intent,
                    "own": own,
                    "used_from": used.region if used is not None and own is None else None,
                    "edited": ("answer", answer_key(region, intent)) in overlay,
                }
            )
        return page(
            "content.html",
            regions=regions,
            region=region,
            rows=rows,
            open_revisions=editor.open_revisions(),
            recent=editor.recent(15),
            version=editor.version(),
            today=services.bot.today(),
        )

    # -- answers -----------------------------------------------------------------------------------

    def base_meta(region: str, intent: str) -> tuple[dict[str, Any], str]:
        """The answer as published now: the desk's version, else the shipped file, else the inherited one."""
        published = editor.overlay().get(("answer", answer_key(region, intent)))
        if published is not None and not published.get("retired"):
            return dict(published["meta"]), str(published["body"])
        path = editor.base.content / "answers" / region / f"{intent}.md"
        if path.exists():
            return answer_fields_from_file(path)
        doc = knowledge.answer(intent, region)
        meta = _doc_meta(doc) if doc else {"source": "", "validity": STANDING}
        return {**meta, "intent": intent, "region": region}, doc.body if doc else ""

    def answer_form(region: str, intent: str, form: MultiDict[str, str] | None, problems: list[str]) -> Any:
        meta, body = base_meta(region, intent)
        if form is None and (rid := request.args.get("from", type=int)):
            draft = editor.revision(rid)
            if draft is not None and draft.kind == "answer" and draft.payload and "meta" in draft.payload:
                meta, body = dict(draft.payload["meta"]), str(draft.payload["body"])
        if form is not None:
            meta, body = _answer_payload(meta, region, intent, form)
            body = form.get("body", "")
        key = answer_key(region, intent)
        history = editor.history("answer", key)
        return page(
            "content_answer.html",
            422 if problems else 200,
            region=region,
            intent=intent,
            meta=meta,
            body=body,
            own=(region, intent) in knowledge.answers,
            inherited=knowledge.answer(intent, region),
            sources=sorted(knowledge.sources.values(), key=lambda s: (s.region != region, s.region, s.id)),
            problems=problems,
            history=history,
            diffs={r.id: editor.diff(r) for r in history if r.status == "published"},
            current_id=max(((r.seq, r.id) for r in history if r.seq is not None), default=(0, None))[1],
            edited=("answer", key) in editor.overlay(),
            note=form.get("note", "") if form else "",
        )

    @bp.get("/content/answer/<region>/<intent>")
    @auth.require("official")
    def content_answer(region: str, intent: str) -> ResponseReturnValue:
        if region not in knowledge.regions or intent not in TOPIC_INTENTS:
            return page("error.html", 404, message="没有这个地区或类别。")
        result: ResponseReturnValue = answer_form(region, intent, None, [])
        return result

    @bp.post("/content/answer/<region>/<intent>")
    @auth.require("official")
    def content_answer_save(region: str, intent: str) -> ResponseReturnValue:
        if region not in knowledge.regions or intent not in TOPIC_INTENTS:
            return page("error.html", 404, message="没有这个地区或类别。")
        meta, _ = base_meta(region, intent)
        if request.form.get("retire"):
            payload: Payload = {"retired": True}
        else:
            new_meta, body = _answer_payload(meta, region, intent, request.form)
            payload = {"meta": new_meta, "body": body}
        try:
            rev = editor.save_draft("answer", answer_key(region, intent), payload, actor(), _note())
        except EditRefused as exc:
            result: ResponseReturnValue = answer_form(region, intent, request.form, exc.problems)
            return result
        flash("草稿已保存。看一下手机上的样子，没问题就发布。", "ok")
        return redirect(url_for("desk.content_revision", rev_id=rev.id))

    # -- sources and phrases ------------------------------------------------------------------------

    @bp.route("/content/source", methods=["GET", "POST"])
    @auth.require("official")
    def content_source() -> ResponseReturnValue:
        form = request.form if request.method == "POST" else MultiDict()
        problems: list[str] = []
        if request.method == "POST":
            sid = form.get("id", "").strip()
            payload: Payload = {
                k: form.get(k, "").strip() for k in ("number", "issuer", "title", "date", "region")
            }
            payload |= {
                "seed": "",
                "short": form.get("short", "").strip(),
                "link": form.get("link", "").strip(),
            }
            if sid in knowledge.sources and ("source", sid) not in editor.overlay():
                problems = [f"编号「{sid}」已经登记过了，请换一个。"]
            else:
                try:
                    rev = editor.save_draft("source", sid, payload, actor(), _note())
                except EditRefused as exc:
                    problems = exc.problems
                else:
                    flash("草稿已保存。核对无误后发布。", "ok")
                    return redirect(url_for("desk.content_revision", rev_id=rev.id))
        return page(
            "content_source.html",
            422 if problems else 200,
            form=form,
            problems=problems,
            regions=region_choices(knowledge),
        )

    @bp.route("/content/phrase", methods=["GET", "POST"])
    @auth.require("official")
    def content_phrase() -> ResponseReturnValue:
        form = request.form if request.method == "POST" else MultiDict(request.args)
        problems: list[str] = []
        if request.method == "POST":
            phrase = form.get("phrase", "").strip()
            if form.get("kind") == "alias":
                kind, key = "alias", phrase
                payload: Payload = {"place": form.get("place", ""), "phrase": phrase}
            else:
                intent = form.get("intent", "")
                kind, key = "keyword", keyword_key(intent, phrase)
                weight = _number(form.get("weight", ""))
                payload = {
                    "intent": intent,
                    "table": form.get("table", ""),
                    "weight": weight,
                    "phrase": phrase,
                }
            try:
                rev = editor.save_draft(kind, key, payload, actor(), _note())
            except EditRefused as exc:
                problems = exc.problems
            else:
                flash("草稿已保存（没有和已有的词冲突）。发布后机器人就认这个词。", "ok")
                return redirect(url_for("desk.content_revision", rev_id=rev.id))
        return page(
            "content_phrase.html",
            422 if problems else 200,
            form=form,
            problems=problems,
            intents=[(i, intent_name(i)) for i in TOPIC_INTENTS],
            tables=TABLE_NAMES,
            weights=WEIGHTS,
            places=region_choices(knowledge),
        )

    # -- one revision: preview, diff, actions -------------------------------------------------------

    @bp.get("/content/revision/<int:rev_id>")
    @auth.require("official")
    def content_revision(rev_id: int) -> ResponseReturnValue:
        rev = editor.revision(rev_id)
        if rev is None:
            return page("error.html", 404, message="没有这一版。")
        previews: list[Preview] = []
        problems: list[str] = []
        if rev.status in ("draft", "pending"):
            checked = editor.check(rev.kind, rev.key, rev.payload)
            problems = checked.problems
            if checked.knowledge is not None:
                previews = _previews(rev, checked.knowledge, services.bot.today())
        return page(
            "content_revision.html",
            rev=rev,
            previews=previews,
            problems=problems,
            diff=editor.diff(rev),
            history=editor.history(rev.kind, rev.key),
            title=_title(rev, knowledge),
            edited=(rev.kind, rev.key) in editor.overlay(),
            is_current=(current := editor.current(rev)) is not None and current.id == rev.id,
            # published by someone after this draft was written: publishing would replace it
            newer=current
            if current is not None
            and rev.status in ("draft", "pending")
            and (current.published or 0) > rev.created
            else None,
        )

    @bp.post("/content/revision/<int:rev_id>/<action>")
    @auth.require("official")
    def content_act(rev_id: int, action: str) -> ResponseReturnValue:
        steps = {
            "publish": (editor.publish, "已发布：几秒内机器人就按新内容回答。"),
            "approve": (editor.approve, "已审核并发布：几秒内机器人就按新内容回答。"),
            "discard": (editor.discard, "草稿已放弃（记录还在）。"),
            "rollback": (editor.rollback, "已恢复到这一版并发布：几秒内生效。"),
        }
        if action not in steps:
            return page("error.html", 404, message="没有这个操作。")
        step, done = steps[action]
        try:
            rev = step(rev_id, actor())
        except EditRefused as exc:
            for p in exc.problems:
                flash(p, "error")
            return redirect(url_for("desk.content_revision", rev_id=rev_id))
        if rev.status == "pending":
            done = "已提交，等另一位干部审核后发布。"
        flash(done, "ok")
        return redirect(url_for("desk.content_revision", rev_id=rev.id))

    @bp.post("/content/restore/<kind>/<path:key>")
    @auth.require("official")
    def content_restore(kind: str, key: str) -> ResponseReturnValue:
        try:
            rev = editor.restore_shipped(kind, key, actor())
        except EditRefused as exc:
            for p in exc.problems:
                flash(p, "error")
            return redirect(url_for("desk.content_index"))
        flash("已恢复到文件里的原版并发布：几秒内生效。", "ok")
        return redirect(url_for("desk.content_revision", rev_id=rev.id))


# -- helpers ----------------------------------------------------------------------------------------


def _note() -> str:
    return request.form.get("note", "").strip()[:200]


def _number(text: str) -> float | str:
    try:
        return float(text)
    except ValueError:
        return text


def _doc_meta(doc: Document) -> dict[str, Any]:
    meta: dict[str, Any] = {"intent": doc.intent, "region": doc.region, "source": doc.source}
    if doc.also:
        meta["also"] = list(doc.also)
    meta["validity"] = doc.validity
    for k in ("valid_from", "valid_until"):
        if (v := getattr(doc, k)) is not None:
            meta[k] = v.isoformat()
    if doc.offered:
        meta["offered"] = doc.offered
    if doc.ask:
        meta["ask"] = doc.ask
    return meta


def _answer_payload(
    base: dict[str, Any], region: str, intent: str, form: MultiDict[str, str]
) -> tuple[dict[str, Any], str]:
    """The front matter from the form, in the order the file had it; keys the form leaves empty go."""
    meta = dict(base)
    validity = form.get("validity", "")
    values: dict[str, Any] = {
        "intent": intent,
        "region": region,
        "source": form.get("source", "").strip(),
        "validity": validity,
        "valid_from": form.get("valid_from", "").strip() if validity == CAMPAIGN else "",
        "valid_until": form.get("valid_until", "").strip() if validity == CAMPAIGN else "",
        "offered": form.get("offered", "").strip() if validity == CAMPAIGN else "",
        "ask": form.get("ask", "").strip(),
    }
    for k, v in values.items():
        if v:
            meta[k] = v
        else:
            meta.pop(k, None)
    body = form.get("body", "").replace("\r\n", "\n").strip()
    return meta, body


def _previews(rev: Revision, knowledge: Knowledge, today: date) -> list[Preview]:
    payload = rev.payload or {}
    if rev.kind == "answer":
        region, intent = rev.key.split("/", 1)
        doc = knowledge.answers.get((region, intent))
        if doc is None:
            used = knowledge.answer(intent, region)
            text = knowledge.render(used, today) if used else "（没有答复）"
            return [Preview("停用后，这个地区的工人收到上级地区的答复", text)]
        out = [Preview(f"今天（{today.isoformat()}）工人收到", knowledge.render(doc, today))]
        if doc.valid_from and today < doc.valid_from:
            out.append(Preview(f"活动开始后（{doc.valid_from}）", knowledge.render(doc, doc.valid_from)))
        if doc.valid_until and today <= doc.valid_until:
            after = doc.valid_until + timedelta(days=1)
            out.append(Preview(f"活动结束后（{after}）", knowledge.render(doc, after)))
        return out
    if rev.kind == "source":
        src = knowledge.sources.get(rev.key)
        return [Preview("答复末尾的依据这样显示", f"（依据：{src.cite()}）")] if src else []
    if rev.kind == "keyword":
        return [
            Preview(
                "发布后",
                f"消息里有「{payload.get('phrase')}」，算作问「{intent_name(payload.get('intent', ''))}」",
            )
        ]
    place = str(payload.get("place", ""))
    name = knowledge.regions[place].name if place in knowledge.regions else place
    return [Preview("发布后", f"消息里有「{payload.get('phrase')}」，算作人在「{name}」")]


def _title(rev: Revision, knowledge: Knowledge) -> str:
    if rev.kind == "answer":
        region, intent = rev.key.split("/", 1)
        name = knowledge.regions[region].name if region in knowledge.regions else region
        return f"{intent_name(intent)} · {name}"
    return f"{KIND_NAMES.get(rev.kind, rev.kind)}：{rev.key}"


__all__ = ["register_content_views"]
