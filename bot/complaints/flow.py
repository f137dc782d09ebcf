"""The in-chat complaint form (a dialogue flow).

The form asks one field at a time and keeps its draft in the user's row (``users.state``), so
a worker can leave and come back; it expires after ``draft_ttl_hours``. 「确认」 saves the case
inside the turn's transaction, so the case number is on disk before the reply leaves.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from ..content.knowledge import Knowledge
from ..nlu.classifier import Result
from ..nlu.text import simplified
from ..storage.store import User
from . import answer, exits, filing, fixes, hints, reading, summary, where
from .fields import (
    BY_KEY,
    CANCEL_WORDS,
    CONFIRM_WORDS,
    EMOJI_END,
    FIELDS,
    SKIP_WORDS,
    START_WORDS,
    Field,
    from_pinyin,
    normalize,
    show_value,
    strip_pasted,
)
from .register import Complaint, Register
from .values import DURATION, clauses

# Every way of asking to file (``filing.WANTS_TO_FILE``, 头诉 for 投诉) and every confirm word holds one
# of these: a worker with no form open whose message has none is answered without reading it for one.
MAY_FILE = re.compile(r"[投头頭偷举舉告登灯等记記反报報填弄办辦理确確提交对對是没沒案系係啱冇]")
# What may come between 「修改 3」 and the new value: 「修改 3 应该是7400」「改4 改成十月到十二月」.
_NEW_VALUE = re.compile(r"^[\s,，:：]*(?:应该是|应该系|应该|其实是|是|系|改成|改为|改|为|成)?")
# 「欠俺一万多」「好几千」: a sum said roughly, which the amount step asks for exactly.
ROUGH_SUM = re.compile(r"[\d一二两三四五六七八九十][百千万]多|[千万]几|几[千万]")

# -- the form (a dialogue Flow) --------------------------------------------------------------------


class ComplaintFlow:
    """Plugs into ``dialogue.Bot.flows``: starts, continues and reports on complaints."""

    topic = "wage_arrears"

    def __init__(self, register: Register, knowledge: Knowledge, *, draft_ttl_hours: float = 24) -> None:
        self.register = register
        self.knowledge = knowledge
        self.ttl = draft_ttl_hours * 3600

    def _draft(self, user: User) -> dict[str, Any] | None:
        draft = (user.state or {}).get("complaint")
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
        if not MAY_FILE.search(text) and self._draft(user) is None:
            return None
        text = simplified(strip_pasted(from_pinyin(result.text) or text))  # (「一萬三」: traditional)
        words = EMOJI_END.sub("", normalize(text)).rstrip("。！!.")  # (「确认✅」)
        if words.replace(" ", "") in CONFIRM_WORDS:
            words = words.replace(" ", "")  # 「确认 提交」
        elif ok := summary.OK_THEN_CONFIRM.match(words):
            words = ok[1] or ok[2] or "确认"  # 「啱 确认」「都冇问题 就提交」「确认 都没问题」
        draft = self._draft(user)
        now = self.register.store.clock()
        # (「我要登计欠心」: asking to file as the rules heard it, 登记欠薪)
        heard = normalize(simplified(result.heard)) if result.heard else words
        if draft and now - draft["touched"] > self.ttl:
            self._set(user, None)
            if words in START_WORDS or filing.wants_to_file(heard, result):
                return self._start(text, user, result, now)
            return None  # expired: the caller answers normally (see ``notice``)
        if not draft:
            if words in START_WORDS or filing.wants_to_file(heard, result):
                return self._start(text, user, result, now)
            if words in CONFIRM_WORDS and (recent := self._recent_case(user, now)):
                return (
                    f"你的投诉已经登记好了，编号 {recent.case_no}，不用重复提交。回复「投诉进度」可以查看。"
                )
            return None
        step = draft["step"]
        field = BY_KEY.get(step)
        if field and field.skippable and (words in SKIP_WORDS or exits.skips_optional(words)):
            draft["touched"] = now
            draft["fields"][field.key] = None
            return ("" if words in SKIP_WORDS else "可以不留，名字这项跳过了。\n") + self._next(user, draft)
        leaving = exits.at_step(words, field) if words not in CANCEL_WORDS else "leave"
        if leaving == "leave":
            self._set(user, None)
            self.register.store.forget_replies(user.openid)  # stored replies echo the summary
            return "好的，这次登记取消了，填的内容已经删掉。需要时回复「投诉」重新开始。"
        if leaving == "restart":
            self._set(user, None)
            self.register.store.forget_replies(user.openid)
            return self._start(
                text, user, result, now, lead="好，前面填的不要了，我们从头来。随时回复「取消」可以放弃。"
            )
        draft["touched"] = now
        if draft.pop("asked_leave", False) and leaving == "ack":
            draft["paused"] = True  # 「好的谢谢」 to 「你是想取消吗」: kept, and the thanks answered as such
            self._set(user, draft)
            return None
        if leaving == "unclear":
            draft["asked_leave"] = True
            self._set(user, draft)
            where = "回复「确认」提交" if field is None else f"接着填：{field.ask}"
            return f"你是想取消这次登记吗？要取消请回复「取消」；不取消就{where}"
        if leaving == "pause":
            hours = f"{self.ttl / 3600:.0f}小时内有效"
            if field is None:
                return f"好，不着急，填好的内容先给你留着（{hours}），想好了回复「确认」提交。"
            draft["paused"] = True  # until the worker comes back to it, other questions are just answered
            self._set(user, draft)
            return (
                f"好，不着急，填到一半的内容先给你留着（{hours}），想好了回复「继续」接着填"
                f"{re.split('[？。，]', field.ask)[0]}；不想登记了回复「取消」。"
            )
        if draft.get("paused") and field is not None:
            again = words in START_WORDS or filing.wants_to_file(heard, result)  # 「现在有空了 我要登记」
            # 「问清楚了 现在登记」: with a draft kept, a wish to file resumes it however the rest was read
            again = again or filing.resumes(words)
            if leaving == "continue" or exits.CONTINUE.fullmatch(words) or again:
                draft.pop("paused")
                return f"好，接着填{'，前面填的还在' if again else ''}。\n{field.ask}"
            if not (
                reading.answers_step(field, text, words)
                or answer.only_values(text)
                or (field.key == "amount" and answer.gives_value(field, text, words))
            ):
                return None  # 「那要是年后她还不给 还能咋整」: answered as any question (「139…」 resumes)
            draft.pop("paused")
        if field is None:
            return self._at_summary(words, text, user, draft, result, leaving)
        return self._at_field(field, words, text, user, draft, result, leaving)

    def _at_field(
        self,
        field: Field,
        words: str,
        text: str,
        user: User,
        draft: dict[str, Any],
        result: Result,
        leaving: str | None,
    ) -> str | None:
        """A message at a field's step: the answer, values of other fields, a question, or none of these."""
        offered = draft.get(f"{field.key}_hint") is not None or hints.back_to_step_one(field, words, draft)
        if leaving == "ack" and offered and reading.SAME_PLACE.fullmatch(words):
            leaving = None  # 「嗯」「嗯呐」 to the place offered back: yes to it (``hints.with_hint``)
        if leaving == "ack":  # 「好的」: go on; 「好嘞 谢了」「好的 先这样」: answered as thanks or goodbye
            if exits.BYE.search(words):
                draft["paused"] = True  # the draft kept for when the worker comes back
                self._set(user, draft)
                return None
            return None if "谢" in words or draft.get("paused") else field.ask  # (a paused form stays so)
        if (rest := reading.after_already_said(text) or reading.known_part(field, text)) is not None:
            text, words = rest, normalize(rest)  # the values, not the protest or what is forgotten
            result = replace(result, heard=None)  # (what the rules heard was the whole message)
        if leaving == "continue":
            return f"好，接着填。\n{field.ask}"
        if tip := hints.step_tip(field.key, words, result):
            return f"{tip}\n{field.ask}"  # 「我的欠费停机了」「就用这个微信号」「算我自己不」
        if reading.MORE_DETAIL.fullmatch(words):
            return None  # 「详细说说」 after a question answered mid-form: the rest of that answer
        if words in START_WORDS or (filing.wants_to_file(words, result) and not filing.filing_rest(words)):
            return f"你的投诉正在登记，接着填就行。\n{field.ask}"
        if words in CONFIRM_WORDS and not draft.get(f"{field.key}_hint"):
            return f"还没填完呢。{field.ask}"
        if (edited := self._edit(words, user, draft)) is not None:
            return edited  # 「修改4」 before the summary: that step again, then on from where it was
        was = draft["fields"].get(field.key)
        if reading.FIXES_EARLIER.search(words) and (fixed := self._correct(text, user, draft)):
            if draft["fields"].get(field.key) != was:  # 「修改 3」, 「8600 刚才打错了」: the step's answer
                return f"{fixed}\n{self._next(user, draft)}"
            return f"{fixed}\n{field.ask}"  # 「钱数错了 是一万八不是一万五」 at a later step
        if (same := fixes.same_again(text, draft["fields"], field.key)) is not None:
            return f"{same}\n{field.ask}"  # 「…老板名字写错了 是张红」 with 张红 already there
        if reading.STATUS_ASK.search(words) and not filing.WANTS_TO_FILE.search(words):
            mine = self.status(user) or "你还没有提交过欠薪投诉。"
            return f"{mine}\n\n{self.reminder(user)}"
        unsure = (
            bool(reading.UNSURE.search(words))
            and not reading.ASKS.search(reading.UNSURE_OF.sub("", words))
            and not answer.gives_value(field, text, words)  # 「不知道具体多少 大概两万」 gives one
        )
        if reading.FORM_ASK.search(words):  # 「写村名可以吗」「从哪天算」: what to put down, asked
            return f"{field.hint}\n{field.ask}"
        if field.key in hints.UNKNOWABLE and (unsure or words in SKIP_WORDS):
            draft["fields"][field.key] = hints.unknown(field, words, text)  # 「记不清了」: noted, and on
            return f"好，{field.label}先记「不清楚」，工作人员核实时会再问你。\n{self._next(user, draft)}"
        if (
            not field.skippable
            and reading.WEAK_SKIP.search(words)
            and (not reading.QUESTION.search(words) or reading.MAY_I.search(words))  # 「不留行不行」
            and not answer.gives_value(field, text, words)
            and not reading.names_or_places(field, words)
        ):
            return f"{field.hint}\n{field.ask}"  # 「电话不想留」: say why it is asked
        if field.key == "amount" and unsure:  # 「欠了老多了 说不清」: a doubt (「说不清」 alone: a person)
            return f"{field.hint}\n{field.ask}"
        # (「为啥要填这么多 直接给我个电话不行吗」 asks for a number instead: answered as a question)
        if (
            reading.WHY_ASKED.search(words)
            and field.hint
            and (result.intent != "human_agent" or field.key == "phone")
            and not (field.key == "phone" and answer.gives_value(field, text, words))  # 「…一定要留吗 137…」
        ):
            return f"{reading.why_asked(field, words)}\n{field.ask}"
        settled = (tail := reading.answer_after_question(field, text)) is not None
        if tail is not None:
            text, words = tail, normalize(tail)  # the question was about the step; the answer follows
        elif reading.is_question(field, text, result):
            return None  # answered normally, then ``reminder`` says where the form stands
        named = any(reading.NAME_ENDS.search(c) or reading.COMPANY_END.search(c) for c in clauses(words))
        if result.intent == "set_region" and (
            (field.key == "employer" and not named) or reading.SWITCH.search(words)
        ):
            return None  # 「我在安庆」「切换到大连」: noted as at any time; the step asked again
        value, others, told = answer.read(field, text)
        if field.key == "employer" and others.get("workers") == 1 and re.search("[他她]一个", text):
            del others["workers"]  # 「包工头叫王小军 没得公司 就他一个人」: the boss works alone
        if field.key == "site" and isinstance(value, str) and answer.is_rate(value):
            value = None  # 「一个月五千二 三个月 一共一万五千六」 at the site step: the pay, not a place
        total = (
            None
            if field.key == "amount" or "amount" in others
            else answer.by_the_month(text, others.get("period"))
        )
        if total:  # 「每个月四千八 欠咗两个月」 at another step: the sum, and step 4 still asks which months
            others = {**others, "amount": total}
            del others["period"]
        if (hint := draft.get(f"{field.key}_hint")) is not None:
            value, others = hints.with_hint(field, hint, words, text, value, others)
        sum_told = (field.key == "amount" and value is not None) or "amount" in others
        if sum_told and reading.sums_up(others.get("period"), text):
            del others["period"]  # 「三个月一共一万八」: how the sum adds up; step 4 asks which months
        no_place = not (result.place or result.elsewhere or reading.PLACE_WORD.search(words))
        if field.key == "site" and value is not None and no_place:
            if (count := hints.head_count(text)) is not None:
                value = None  # 「十四个」「…一共三个」: how many, not where
                others.setdefault("workers", count)
            elif reading.WAGE_STORY.search(words) and not re.search("[区县镇乡村路街]", str(value)):
                value = None  # 「老板躲着不见 钱一直没给」 tells of the arrears, not of a place
                if not others and not reading.ASKS.search(words):  # (「…哪里能找新活」 asks)
                    return f"这一步要的是干活的地方。{field.ask}"
        numeric = field.key in ("amount", "workers", "phone")
        chosen = numeric and value is not None and reading.WRITE_THIS.search(text)
        if (
            not (numeric and answer.gives_value(field, text, words))
            and not (field.key == "period" and answer.told_beside(field, text))
            and not (field.key == "period" and answer.leads_with_period(text))
            and not chosen
            and not settled
            and reading.asks_or_unsure(words, field)
        ):
            if reading.ABOUT_FORM.search(words) or reading.UNSURE.search(words):
                return f"{field.hint}\n{field.ask}"
            return None  # a question of its own: answered normally, then the reminder
        if value is not None and field.key == "employer" and "site" in told:
            if "worked" in told:  # 「…活是在道里区那个商场干的」: said to be where the work was
                others = {**others, "site": told["site"]}
            else:  # 「甘井子的华信建设」「…的工地 欠我两万」: offered back; step 2 still asks where it was
                draft["site_hint"] = told["site"]
        if value is not None and field.key == "amount" and "workers" not in draft["fields"]:
            hints.hint_workers(draft, others, text)  # told beside the sum: step 5 asks, offering it
        said, kept = self._store(draft, others, text)
        if field.key == "site" and (boss := told.get("boss")) and (added := where.add_boss(draft, boss)):
            said.append(added)
        whence = ""
        if value is None and field.key == "site" and said and (hint := draft.get("site_hint")):
            # The worker moved on (「欠我两万零五百 冬月和腊月的」): the site is the place given at step 1
            value, whence = hint, "（按第1步说的）"
        elif value is not None:
            placed = result.place or result.elsewhere  # (a place not covered is offered back too)
            if field.key == "employer" and (placed or reading.WHERE_WORD.search(words)):
                # (the clause that says where: 「…厂叫伟强家私 喺黄埔大沙地」)
                spot = [c for c in clauses(str(value)) if re.match(r"(?:在|喺|系)\S{2,}", c)]
                told_place = where.place_part(str(value), reading.WHERE_WORD)  # 「南岗区的 宏图装饰」: 南岗区
                place = re.sub(r"^(?:在|喺|系)", "", spot[-1]) if spot else told_place
                draft.setdefault("site_hint", place)
            if field.key in ("employer", "site") and result.place:
                user.region = result.place  # the case goes to where the work was (as in ``_start``)
        if value is not None:
            draft["fields"][field.key] = value
            if "phone" in (field.key, *others) and "name" not in draft["fields"]:
                name = reading.name_beside_phone(text)  # 「139… 叫我阿珍」「139… 名字就不留了」
                if name is not None:
                    draft["fields"]["name"] = name or None
                    said.append(f"{BY_KEY['name'].label} {show_value('name', name or None)}")
            if said:  # a message that held more than the answer: show how it was read
                said.insert(0, f"{field.label} {show_value(field.key, value)}{whence}")
            return "\n".join([*reading.noted(said, kept), self._next(user, draft)])
        if said or kept:
            if field.key in hints.UNKNOWABLE and hints.moved_on(field, others):  # 「139…」 at step 5
                draft["fields"][field.key] = hints.unknown(field, "", "")
                return "\n".join([*reading.noted(said, kept), self._next(user, draft)])
            self._set(user, draft)
            return "\n".join([*reading.noted(said, kept), field.ask])
        return f"{field.ask.partition('：')[0]}：{field.retry}"  # 「第3步：没看懂金额…」

    def reminder(self, user: User) -> str:
        draft = self._draft(user)
        if not draft:
            return ""
        if draft["step"] == "confirm":
            return "——你的欠薪投诉还没提交，回复「确认」提交，或「取消」不登记。"
        if draft.get("paused"):
            return "——填到一半的欠薪投诉先给你留着，想接着填回复「继续」，不要了回复「取消」。"
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

    def _start(self, text: str, user: User, result: Result, now: float, lead: str = "") -> str:
        draft: dict[str, Any] = {"step": FIELDS[0].key, "fields": {}, "touched": now}
        if result.place:
            user.region = result.place  # 「我人在大连 要投诉…」: the place counts as for any other answer
        notes: list[str] = []
        if normalize(text).rstrip("。！!.") not in START_WORDS:
            # Values in the asking itself (「想投诉宏达劳务公司 欠我们五个人工资」): keep the unmistakable.
            _, others, _ = answer.read(BY_KEY["employer"], text, numbers_only=True)
            if found := reading.named_employer(text):
                others["employer"] = found
            if ROUGH_SUM.search(text):
                others.pop("amount", None)  # 「欠俺一万多」: how much is not yet said; step 3 asks
            if DURATION.fullmatch(str(others.get("period", ""))):
                others.pop("period")  # 「工资拖了三个月 想投诉」: how long, not which months; step 4 asks
            notes = reading.noted(*self._store(draft, others, text))
        draft["step"] = self._first_empty(draft)
        self._set(user, draft)
        lead = lead or "好，我帮你登记欠薪投诉，一次回一个问题就行。随时回复「取消」可以放弃。"
        ask = self._summary(draft) if draft["step"] == "confirm" else BY_KEY[draft["step"]].ask
        return "\n\n".join([lead, "\n".join([*notes, ask])])

    @staticmethod
    def _first_empty(draft: dict[str, Any]) -> str:
        return next((f.key for f in FIELDS if f.key not in draft["fields"]), "confirm")

    def _next(self, user: User, draft: dict[str, Any]) -> str:
        draft["step"] = self._first_empty(draft)  # (after 「修改 3」 at the summary: the summary)
        self._set(user, draft)
        if draft["step"] == "confirm":
            return self._summary(draft)
        return BY_KEY[draft["step"]].ask + hints.offer_hint(draft)

    def _store(self, draft: dict[str, Any], others: dict[str, Any], text: str) -> tuple[list[str], list[str]]:
        """Put values of other fields in place: into an empty field, or over one the worker says is wrong.
        Returns what was stored (「被欠金额 15000元」) and notes on what was not."""
        stored, kept = [], []
        correcting = bool(reading.CORRECTING.search(normalize(text)))
        for key in (f.key for f in FIELDS):
            if key not in others:
                continue
            value, now = others[key], draft["fields"].get(key)
            if now == value:
                continue
            label = BY_KEY[key].label
            if key not in draft["fields"] or now is None or correcting:
                draft["fields"][key] = value
                stored.append(f"{label} {show_value(key, value)}")
            else:
                n = [f.key for f in FIELDS].index(key) + 1
                kept.append(f"{label}之前填的是 {show_value(key, now)}，要改的话核对时回复「修改 {n}」。")
        return stored, kept

    def _summary(self, draft: dict[str, Any]) -> str:
        lines = ["请核对你的投诉："]
        for i, f in enumerate(FIELDS, 1):
            lines.append(f"{i}. {f.label}：{show_value(f.key, draft['fields'].get(f.key))}")
        lines.append(
            "没问题回复「确认」提交；要改哪项回复「修改 几」，比如「修改 3」；不登记了回复「取消」。"
        )
        return "\n".join(lines)

    def _at_summary(
        self, words: str, text: str, user: User, draft: dict[str, Any], result: Result, leaving: str | None
    ) -> str | None:
        confirms = words in CONFIRM_WORDS or summary.CONFIRMS.fullmatch(words) or summary.agrees(words)
        if confirms or answer.restates(words, text, draft["fields"]):
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
        if (edited := self._edit(words, user, draft)) is not None:
            return edited
        if summary.drops_name(words, draft["fields"]):  # 「名字也删了吧」; 「那跳过」 again
            draft["fields"]["name"] = None
            return f"好，名字不留。\n\n{self._summary(draft)}"
        if leaving or words in START_WORDS:
            pass  # 「好的」「不取消」: the prompt below
        elif not reading.QUESTION.search(words):
            # 「电话换成139…」「金额是4万」 at the summary: a correction of what it shows.
            if fixed := self._correct(text, user, draft):
                return f"{fixed}\n\n{self._summary(draft)}"
            if same := fixes.same_again(text, draft["fields"], "confirm"):  # 「金额那栏写两万」, as it is
                return f"{same}\n\n{self._summary(draft)}"
            wrong = fixes.named_wrong(text)  # 「手机号填错了 中间有一位不对」: that step, asked again
            if wrong is not None and wrong in draft["fields"]:
                draft["step"] = wrong
                self._set(user, draft)
                return BY_KEY[wrong].ask
        elif reading.is_question(BY_KEY["employer"], text, result):
            return None  # answered normally, then the reminder
        return "请回复「确认」提交，「修改 几」改某一项（比如「修改 3」），或「取消」不登记。"

    def _edit(self, words: str, user: User, draft: dict[str, Any]) -> str | None:
        """「修改 3」 at the summary, or mid-form for a step already answered: that step asked again
        (then on to the first empty step or the summary); None if the message is no such request."""
        asked = fixes.item_to_edit(words, draft["step"] == "confirm")
        if asked is None or (field := BY_KEY[asked[0]]).key not in draft["fields"]:
            return None  # no such request, or not answered yet: nothing to change
        draft["step"] = field.key
        # 「修改 3 应该是7400」: the new value said with the item (a number, not a remark)
        parts = sorted(reversed(clauses(asked[1])), key=lambda c: not fixes.SAYS_NEW.match(c))
        told = [v for c in parts if (v := field.parse(_NEW_VALUE.sub("", c)))]  # (「是九个 漏了一个」)
        if field.key in ("amount", "workers", "phone", "period") and told:  # (「…看岔了 是九千三」)
            draft["fields"][field.key] = told[0]
            return self._next(user, draft)
        self._set(user, draft)
        return field.ask

    def _correct(self, text: str, user: User, draft: dict[str, Any]) -> str | None:
        """Values a message gives for steps already answered (at the summary, or at a later step):
        change them and say so; None if it changes nothing."""
        changed = fixes.changes(text, draft["fields"])
        if not changed:
            return None
        draft["fields"].update(changed)
        self._set(user, draft)
        said = "、".join(f"{BY_KEY[k].label} {show_value(k, v)}" for k, v in changed.items())
        return f"改好了：{said}。"

    def filed_recently(self, user: User) -> bool:
        """Whether the worker filed a complaint within the last hour."""
        return self._recent_case(user, self.register.store.clock()) is not None

    def _recent_case(self, user: User, now: float) -> Complaint | None:
        if not user.cases:
            return None
        cases = self.register.of_user(user.openid)
        return cases[0] if cases and now - cases[0].created < 3600 else None
