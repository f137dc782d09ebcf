"""The in-chat complaint form (a dialogue flow).

The form asks one field at a time and keeps its draft in the user's row (``users.state``), so
a worker can leave and come back; it expires after ``draft_ttl_hours``. 「确认」 saves the case
inside the turn's transaction, so the case number is on disk before the reply leaves.
"""

from __future__ import annotations

import re
from typing import Any

from ..content.knowledge import Knowledge
from ..ids import TOPIC_INTENTS
from ..nlu.classifier import Result
from ..storage.store import User
from .fields import (
    BY_KEY,
    CANCEL_WORDS,
    CONFIRM_WORDS,
    FIELDS,
    SKIP_WORDS,
    START_WORDS,
    Field,
    cn_small,
    normalize,
    show_value,
)
from .register import Complaint, Register

# -- the form (a dialogue Flow) --------------------------------------------------------------------


# 「那我现在登记一个」「帮我登记欠薪」: asking to file, not asking how to.
_WANTS_TO_FILE = re.compile(r"(登记|帮我投诉|我要投诉|我想投诉|要举报|帮我举报)")
_HOW = re.compile(r"[?？]|吗|么|咋|怎|如何|哪|啥|什么|谁")
_OTHER_THING = re.compile(r"地区|地方|城市|手机|电话|名字|信息|资料")
# 「先不弄了」「不填了」: leaving the form, in words the fixed list does not hold.
_LEAVE = re.compile(
    r"^(先|还是|那)?(算了[，,]?)?(先)?(不|别)(弄|填|登记|投诉|搞|办)(了|啦)?(吧)?$"
    r"|^(算了|不要了|取消|退出)(吧|啦|了|吧了)?$"
)
# What a question about something else looks like (a field value is a name, a place, a number).
_ASKS = re.compile(
    r"[?？]|吗|呢$|怎么|咋|多少|如何|哪里|哪儿|在哪|找谁|啥|什么|有没有|能不能|可以.*不|几倍|给不给"
)
# What a field value looks like even when it holds a topic word (「华强技能培训学校」).
_NAME_ENDS = re.compile(
    r"(公司|厂|工地|集团|店|项目部|项目|中心|学校|医院|酒店|队|部|社|场|所|行|老板|工头|经理|"
    r"劳务|建筑|建设|工程|装饰|装修|物业|家政|科技|实业|贸易|物流|餐饮|人力|服务|电子|机械|制造|食品|服装)$"
)


class ComplaintFlow:
    """Plugs into ``dialogue.Bot.flows``: starts, continues and reports on complaints."""

    topic = "wage_arrears"

    def __init__(self, register: Register, knowledge: Knowledge, *, draft_ttl_hours: float = 24) -> None:
        self.register = register
        self.knowledge = knowledge
        self.ttl = draft_ttl_hours * 3600

    def _draft(self, user: User) -> dict[str, Any] | None:
        state = user.state or {}
        draft = state.get("complaint")
        return draft if isinstance(draft, dict) else None

    def _set(self, user: User, draft: dict[str, Any] | None) -> None:
        state = dict(user.state or {})
        if draft is None:
            state.pop("complaint", None)
        else:
            state["complaint"] = draft
        user.state = state or None

    # Flow protocol ---------------------------------------------------------------------------------

    def active(self, user: User) -> bool:
        draft = self._draft(user)
        return draft is not None and self.register.store.clock() - draft["touched"] <= self.ttl

    def handle(self, text: str, user: User, result: Result) -> str | None:
        words = normalize(text).rstrip("。！!.")
        draft = self._draft(user)
        now = self.register.store.clock()
        if draft and now - draft["touched"] > self.ttl:
            self._set(user, None)
            if words in START_WORDS:
                return self._start(user, now)
            return None  # expired: the caller answers normally (see ``notice``)
        if not draft:
            if words in START_WORDS or self._wants_to_file(words, result):
                return self._start(user, now)
            if words in CONFIRM_WORDS and (recent := self._recent_case(user, now)):
                return (
                    f"你的投诉已经登记好了，编号 {recent.case_no}，不用重复提交。回复「投诉进度」可以查看。"
                )
            return None
        if words in CANCEL_WORDS or _LEAVE.match(words):
            self._set(user, None)
            self.register.store.forget_replies(user.openid)  # stored replies echo the summary
            return "好的，这次登记取消了，填的内容已经删掉。需要时回复「投诉」重新开始。"
        draft["touched"] = now
        step = draft["step"]
        if step == "confirm":
            return self._at_summary(words, user, draft)
        field = BY_KEY[step]
        if field.skippable and words in SKIP_WORDS:
            value = None
        else:
            value = field.parse(text)
            if value is None or self._is_question(field, text, result):
                if self._is_question(field, text, result):
                    return None  # answered normally, then ``reminder`` says where the form stands
                return field.retry
        draft["fields"][field.key] = value
        return self._next(user, draft)

    def reminder(self, user: User) -> str:
        draft = self._draft(user)
        if not draft:
            return ""
        if draft["step"] == "confirm":
            return "——你的欠薪投诉还没提交，回复「确认」提交，或「取消」不登记。"
        return f"——你的欠薪投诉还没填完。{BY_KEY[draft['step']].ask}（回复「取消」可放弃）"

    def offer(self, intent: str, user: User) -> str:
        if intent == "wage_arrears" and not self.active(user):
            return "\n👉 想让我帮你登记投诉，回复「投诉」。"
        return ""

    def status(self, user: User) -> str | None:
        cases = self.register.of_user(user.openid)
        if not cases:
            return None
        lines = ["你登记的欠薪投诉："]
        for c in cases[:5]:
            note = f"（{c.note}）" if c.note else ""
            lines.append(f"· {c.case_no} {c.employer[:12]}：{c.status}{note}")
            if not c.notified:
                self.register.mark_notified(c.id)
        lines.append(f"有疑问请拨打 {self.knowledge.hotline(user.region)}，报上编号。")
        return "\n".join(lines)

    def notice(self, user: User) -> str | None:
        """Tell the worker about status changes they have not heard of yet, and about an expired draft."""
        out = []
        draft = self._draft(user)
        if draft and self.register.store.clock() - draft["touched"] > self.ttl:
            self._set(user, None)
            out.append("你之前没填完的欠薪投诉已过期删除了，需要时回复「投诉」重新登记。")
        for c in self.register.of_user(user.openid) if user.cases else ():
            if not c.notified:
                note = f"：{c.note}" if c.note else ""
                out.append(f"📌 你的投诉 {c.case_no} 有新进展：{c.status}{note}")
                self.register.mark_notified(c.id)
        return "\n".join(out) or None

    # internals --------------------------------------------------------------------------------------

    def _start(self, user: User, now: float) -> str:
        self._set(user, {"step": FIELDS[0].key, "fields": {}, "touched": now, "editing": False})
        return (
            "好，我帮你登记欠薪投诉，一共7个问题，一次回一个。随时回复「取消」可以放弃。\n\n" + FIELDS[0].ask
        )

    def _next(self, user: User, draft: dict[str, Any]) -> str:
        if draft.get("editing"):
            draft["editing"] = False
            draft["step"] = "confirm"
        else:
            keys = [f.key for f in FIELDS]
            i = keys.index(draft["step"]) + 1
            draft["step"] = keys[i] if i < len(keys) else "confirm"
        self._set(user, draft)
        if draft["step"] == "confirm":
            return self._summary(draft)
        return BY_KEY[draft["step"]].ask

    def _summary(self, draft: dict[str, Any]) -> str:
        lines = ["请核对你的投诉："]
        for i, f in enumerate(FIELDS, 1):
            lines.append(f"{i}. {f.label}：{show_value(f.key, draft['fields'].get(f.key))}")
        lines.append(
            "没问题回复「确认」提交；要改哪项回复「修改 几」，比如「修改 3」；不登记了回复「取消」。"
        )
        return "\n".join(lines)

    def _at_summary(self, words: str, user: User, draft: dict[str, Any]) -> str:
        if words in CONFIRM_WORDS:
            region = user.region
            case = self.register.create(user.openid, region, draft["fields"])
            user.cases = True
            self._set(user, None)
            hotline = self.knowledge.hotline(region)
            legal = next((c.phone for c in self.knowledge.contacts(region) if c.phone == "12348"), "12348")
            return (
                f"✅ 已登记，投诉编号 {case.case_no}，请记下来。\n"
                f"接下来：工作人员会打你留的电话核实；也可以拨打 {hotline} "
                "或到当地劳动保障监察机构，报上编号。"
                f"需要打官司的，拨 {legal} 申请法律援助。\n回复「投诉进度」随时查看处理情况。"
            )
        m = re.fullmatch(r"(?:修改|改)\s*第?\s*([1-7一二三四五六七])\s*[项个]?", words)
        if m:
            n = m.group(1)
            idx = int(n) if n.isdigit() else int(cn_small(n) or 0)
            field = FIELDS[idx - 1]
            draft["step"] = field.key
            draft["editing"] = True
            self._set(user, draft)
            return field.ask
        return "请回复「确认」提交，「修改 几」改某一项（比如「修改 3」），或「取消」不登记。"

    def _is_question(self, field: Field, text: str, result: Result) -> bool:
        """Is this a question about something else rather than the answer to the field asked?

        It is when it reads as another topic (or a bot command) and either asks (「法律援助找谁」) or
        names the topic with nothing that makes it a value of this field (「加班费怎么算」 needs no
        question mark; 「华强技能培训学校」 is an employer's name, and 「3万」 an amount)."""
        if field.key in ("amount", "phone", "workers") and field.parse(text) is not None:
            return False
        other = result.intent in TOPIC_INTENTS and result.intent != "wage_arrears"
        other = other or result.intent in (
            "greeting",
            "human_agent",
            "complaint_status",
            "unsubscribe",
            "subscribe",
        )
        if not other:
            return False
        words = normalize(text)
        if _ASKS.search(words):
            return True
        looks_like_value = bool(_NAME_ENDS.search(words.rstrip("。！!."))) or (
            field.key == "site" and result.region is not None
        )
        return result.score >= 0.9 and not looks_like_value

    @staticmethod
    def _wants_to_file(words: str, result: Result) -> bool:
        return (
            result.intent in ("wage_arrears", "unknown")
            and bool(_WANTS_TO_FILE.search(words))
            and not (_HOW.search(words))
        )

    def _recent_case(self, user: User, now: float) -> Complaint | None:
        if not user.cases:
            return None
        cases = self.register.of_user(user.openid)
        return cases[0] if cases and now - cases[0].created < 3600 else None
