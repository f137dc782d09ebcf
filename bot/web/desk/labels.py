"""The desk's 「没答上的问题」: what workers asked that the bot could not answer, and labelling it.

A hotline user gives a message an intent and a region, or marks it 「不在服务范围」 (``unknown``).
The label is stored and audited (``staff.labels``); every worker process picks it up within a few
seconds (``nlu.learned``), so the same words and close paraphrases of them get that topic's answer.
Registered on the ``desk`` blueprint itself (``register_label_views``), so the endpoint stays
``desk.unanswered``.
"""

from __future__ import annotations

import logging
from typing import Any

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue

from ...ids import REGIONS
from ...services import Services
from ...staff import labels
from ...staff.lookup import intent_name, region_title
from . import auth

log = logging.getLogger(__name__)

LIST_LIMIT = 200
OUT_OF_SCOPE = "unknown"

# What staff can pick: the topics, then what the bot handles itself, then 「不在服务范围」.
CONVERSATION_NAMES = {
    "human_agent": "要找人工 / 要电话",
    "complaint_status": "问投诉进度",
    "subscribe": "要订阅通知",
    "unsubscribe": "要退订通知",
    "greeting": "打招呼 / 看菜单",
    "smalltalk": "道谢 / 寒暄",
    "set_region": "只说了自己在哪",
}
TOPIC_IDS = (
    "unemployment_benefit",
    "wage_arrears",
    "legal_aid",
    "stay_subsidy",
    "holiday_pay",
    "job_services",
    "skills_training",
    "social_assistance",
    "family_care",
    "festival_activities",
)


def label_name(intent: str) -> str:
    if intent == OUT_OF_SCOPE:
        return "不在服务范围"
    return CONVERSATION_NAMES.get(intent) or intent_name(intent)


def intent_options() -> list[tuple[str, str]]:
    return [(i, intent_name(i)) for i in TOPIC_IDS] + list(CONVERSATION_NAMES.items())


def register_label_views(bp: Blueprint, services: Services) -> None:
    store = services.store
    knowledge = services.knowledge

    def region_options() -> list[tuple[str, str]]:
        return [(r, region_title(knowledge, r)) for r in REGIONS if r != "national"]

    @bp.get("/unanswered")
    @auth.require("hotline")
    def unanswered() -> ResponseReturnValue:
        show = request.args.get("show", "open")
        rows = store.unanswered(LIST_LIMIT)
        found = labels.by_key(store, [r["text"] for r in rows])
        items: list[dict[str, Any]] = [r | {"label": found.get(r["text"])} for r in rows]
        for item in items:  # what the bot makes of it now (a label on a paraphrase may cover it)
            if item["label"] is None:
                now = services.bot.classifier.classify(item["text"]).intent
                item["now"] = None if now == OUT_OF_SCOPE else now
        open_count = sum(1 for i in items if i["label"] is None)
        if show != "all":
            items = [i for i in items if i["label"] is None]
        return render_template(
            "desk/unanswered.html",
            rows=items,
            show="all" if show == "all" else "open",
            open_count=open_count,
            labelled_count=len(rows) - open_count,
            intents=intent_options(),
            regions=region_options(),
            label_name=label_name,
            out_of_scope=OUT_OF_SCOPE,
        )

    @bp.post("/unanswered/label")
    @auth.require("hotline")
    def label() -> ResponseReturnValue:
        staff = auth.current()
        assert staff is not None
        text = request.form.get("text", "")
        intent = OUT_OF_SCOPE if request.form.get("out_of_scope") else request.form.get("intent", "")
        region = request.form.get("region", "") or None
        if intent == OUT_OF_SCOPE:
            region = None
        back = redirect(url_for("desk.unanswered", show=request.form.get("show") or None))
        if not intent:
            flash("请先选这个问题属于哪一类，或者点「不在服务范围」。", "error")
            return back
        try:
            saved = labels.add(store, text, intent, region, staff.name, regions=REGIONS)
        except labels.LabelError as exc:
            flash(f"没标成：{exc}", "error")
            return back
        log.info("desk: staff #%d labelled label#%d as %s", staff.id, saved.id, saved.intent)
        services.learning.refresh(force=True)  # this process answers with it at once; others within seconds
        where = f"（{region_title(knowledge, saved.region)}）" if saved.region else ""
        if saved.intent == OUT_OF_SCOPE:
            flash("已标为「不在服务范围」。", "ok")
        else:
            soon = "几秒钟后，机器人就会这样回答这句话和意思相近的问法。"
            flash(f"已标为「{label_name(saved.intent)}」{where}。{soon}", "ok")
        return back

    @bp.post("/unanswered/label/<int:label_id>/delete")
    @auth.require("hotline")
    def unlabel(label_id: int) -> ResponseReturnValue:
        staff = auth.current()
        assert staff is not None
        if labels.remove(store, label_id, staff.name):
            log.info("desk: staff #%d withdrew label#%d", staff.id, label_id)
            services.learning.refresh(force=True)
            flash("已撤销这条标注。", "ok")
        else:
            flash("这条标注已经不在了。", "error")
        return redirect(url_for("desk.unanswered", show="all"))
