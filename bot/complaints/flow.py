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
    Found,
    clauses,
    cn_small,
    compact,
    find_values,
    leftover,
    normalize,
    show_value,
)
from .register import Complaint, Register

# -- the form (a dialogue Flow) --------------------------------------------------------------------


# Asking to file, not asking how to: 「那我现在登记一个」「想投诉工地欠薪」「举报老板拖欠工资」.
_WANTS_TO_FILE = re.compile(
    r"(?:想|要|帮我|帮忙|给我|准备|打算|申请)(?:去|来|再|帮我)?(?:投诉|举报|告(?!诉|知)|登记|反映)"
    r"|^(?:投诉|举报)|登记"
    r"|(?:投诉|举报)(?:一下)?.{0,12}(?:欠|拖欠|工资|工钱|薪)"
)
_NOT_FILING = re.compile(
    r"(?:不|没|别|不用|不必|无需)(?:想|要|打算|准备|必要)?(?:去|再)?(?:投诉|举报|告(?!诉|知)|登记)"
    r"|已经|投诉过|举报过|告过|登记过|之前投诉|进度|撤销|撤回"
)
_HOW = re.compile(
    r"[?？]|吗|么|咋|怎|如何|哪|啥|什么|谁|能不能|可不可以|要不要|该不该|有没有|有用|会不会|是不是|行不行"
    r"|管用|流程|步骤|[能可]以?投诉不|不$"
)
_WAGE_WORDS = re.compile(r"欠|拖欠|工资|工钱|薪|加班费|不给钱|没给钱|不发|没发|不结|没结")
# A name the worker gives when asking to file: 「我要投诉宏达劳务公司拖欠工资」.
_NAMED_IN_FILING = re.compile(
    r"(?:投诉|举报|告)(?:一下)?([\u4e00-\u9fffA-Za-z0-9]{2,20}?"
    r"(?:公司|集团|劳务|厂|装修队|施工队|工程队|包工队|超市|酒店|餐厅|饭店|物流|项目部))"
    r"(?=欠|拖欠|不给|没给|不发|没发|的工资|$|\s)"
)
_GENERIC_ONLY = re.compile(
    r"(?:我们的?|俺们|他们|那个|这个|黑心)?(?:老板|包工头|工头|老总|公司|厂|厂里|厂子|工地|单位|项目部|队里|他|他们)"
)
_GENERIC_NAME = re.compile(r"^(?:我们|我|他们|他|这个|那个|这家|那家|一个|一家|某|的|他家|黑心)")

# What a question about something else looks like (a field value is a name, a place, a number).
_ASKS = re.compile(
    r"[?？]|吗|呢$|怎么|咋|多少|如何|哪里|哪儿|在哪|找谁|啥|什么|有没有|能不能|可以.*不|几倍|给不给"
)
# What a field value looks like even when it holds a topic word (「华强技能培训学校」).
_NAME_ENDS = re.compile(
    r"(公司|厂|工地|集团|店|项目部|项目|中心|学校|医院|酒店|队|部|社|场|所|行|老板|工头|经理|"
    r"劳务|建筑|建设|工程|装饰|装修|物业|家政|科技|实业|贸易|物流|餐饮|人力|服务|电子|机械|制造|食品|服装)$"
)

# Leaving the form. A cue anywhere in a clause (「不弄了 取消」「退出吧 不要了」「先不登记了」), with the
# other clauses only filler (「回头问问老乡」「再想想」); 「不取消」 keeps going.
_LEAVE_CUE = re.compile(
    r"取消|退出|放弃|算了(?![一下算\d零一二两三四五六七八九十几])|不要了|不用了|先不|懒得|没必要"
    r"|不(?:想|要|用|再|打算|准备)?(?:填|弄|登记|投诉|举报|搞|办|整|告(?!诉|知)|写|提交|申请|继续)"
    r"|别(?:填|弄|登记|投诉|搞|办)"
    r"|(?:以后|回头|改天|下次|过两天|过几天|等等|晚点|明天|有空|到时候)再(?:说|填|弄|登记|来|办|搞|投诉|告)?"
    r"|再说(?:吧|了|啦)?$"
)
_OTHER_OBJECT = re.compile(
    r"(?:取消|退出|关掉|关闭)(?:订阅|推送|通知|关注|提醒|消息|群)"
    r"|(?:订阅|推送|通知|关注|提醒|消息|群)[^，,\s]{0,4}(?:取消|退出|关掉|不要|别发|不用)"
)
_STRONG_LEAVE = re.compile(r"取消|退出|放弃|不(?:想|要|用)?(?:登记|投诉|举报|告(?!诉|知)|弄|办|搞)")
_NOT_YET = re.compile(r"先不(?:提交|确认|交|发)|(?:以后|回头|改天|明天|晚点)再(?:提交|确认|交|发)")
_KEEP_GOING = re.compile(
    r"(?:不|别|不要|不用|没|没有|不是|没说|不想)要?(?:取消|退出|放弃|算了)|不是不想?(?:填|弄|登记|投诉)"
)
_CONTINUE = re.compile(r"(?:继续|接着)(?:填|登记|弄|来|写|吧)*|(?:我)?还要(?:填|登记|投诉)")
_PAUSE = re.compile(
    r"(?:我|俺|那|那我|那就|还是|先|就|再|得|要|回去|回家|回头|跟|和|去)*"
    r"(?:问问|问一下|问下|去问问|去问|商量|考虑|想想|想一想|琢磨|打听|等等|等一下|等会儿?|稍等|找找|核实)"
    r".{0,8}"
)
_ACK = re.compile(
    r"(?:那|那我|我|俺)?(?:好的?|好吧|好嘞|行|行吧|中|嗯+|哦+|噢|ok|收到|知道|晓得|懂|明白|要得|可以|没问题|哈+"
    r"|谢谢?|多谢|感谢|麻烦|辛苦|拜拜?|再见|先这样|新年快乐|过年好|先下|下线|先走|先忙|去?试试看?)+"
    r"(?:你们?|您|老铁|大哥|大姐|啊|了)*"
)
# Reasons given for leaving, which are not answers: 「太麻烦」「在上班」.
_REASON = re.compile(
    r"(?:太|好|真|有点|挺)?(?:麻烦|复杂|啰嗦|烦)|(?:没|没有)(?:时间|空|用)|有事|(?:在|要)(?:忙|上班|干活)"
    r"|忙|不方便"
)
_PARTICLES = re.compile(r"[吧了啦呀啊哈呢嘛哦]+$")
# Skipping the name: 「不想留名字」「不方便说」.
_WEAK_SKIP = re.compile(r"跳过|匿名|保密|不方便|不(?:想|要|用)?(?:留|写|填|说|告诉)")

# A question, which is never stored as a value; and a question or doubt about the form itself.
_QUESTION = re.compile(
    r"[?？]|吗|怎么|咋|如何|哪|谁|啥|什么|多少|多久|为什么|为啥|几[天号点倍岁年路]|几个月|几$"
    r"|([^\W\d_])不\1"  # 「能不能」「办不办」「搞不搞」
    r"|[^\s，,不没]{2,}(?<![先就还都也])[不没](?=$|[\s，,。])"  # 「能报销不」「现在能办不」「发了没」
    r"|还是(?!没|不)"  # 「月底还是年底」
    r"|有冇|点样|边度|乜嘢|咩"
)
_ABOUT_FORM = re.compile(
    r"怎么填|怎么写|填什么|写什么|填啥|写啥|要填|要写|必须|一定要|可以不|能不能不|不填|不写|不留"
    r"|这一步|这一项|这个问题|这里|这儿"
)
_UNSURE = re.compile(r"不知道|不清楚|记不清|记不得|不记得|忘了|搞不清|说不清|不太清楚")
_UNSURE_REST = re.compile(
    r"不知道|不清楚|记不清|记不得|不记得|忘了|搞不清|说不清|不太清楚|具体|准确|确切|全名|名字|叫什么|叫啥|公司|老板"
    r"|地址|地方|在哪|多少|金额|钱数|钱|人数|几个人|时间|哪个月|电话|号码|真|也|都|的|了|啊|呀|我|他|他们|是|这个"
)
# Asking after a complaint already filed: 「查查我的投诉」「投诉处理得怎么样了」.
_STATUS_ASK = re.compile(r"查.{0,6}投诉|投诉.{0,6}(?:进度|进展|结果|怎么样|处理得?怎么|有人管|受理了)")
# A message about the arrears rather than a place (at the site step), and words that name a place.
_WAGE_STORY = re.compile(r"欠|拖欠|工资|工钱|结账|没结|没给|不给|不发|没发|跑路|卷走|躲着|不还")
_PLACE_WORD = re.compile(
    r"工地|厂|公司|项目|小区|楼盘|车间|园区|大厦|广场|商场|码头|矿|店|酒店|饭店|学校|医院|市场"
    r"|那边|这边|附近|一带|[区县市镇乡村路街省](?=$|[\s，,的])"
)
# Changing the region the bot answers for (not a place of work): 「切换到安庆」「地区改成大连」.
_SWITCH = re.compile(r"^(?:帮我|请)?(?:切换|换|改|设)|地区|定位")
_CORRECTING = re.compile(r"改成|改为|换成|应该是|其实是|不对|错了|说错|写错|更正|重新")
# A clause that names the boss (「老板叫王五」「工头姓赵」) or the employer (「叫兴旺木器厂」).
_BOSS = re.compile(
    r"^(?:那个|这个|我们|我们的)?(?:老板娘?|包工头|工头|老总|经理|负责人|班组长|承包人|队长|厂长)"
    r"(?:的名字)?(?:叫|姓|是|名叫|名字叫)[\u4e00-\u9fffA-Za-z·]{1,6}$"
    r"|^[\u4e00-\u9fff](?:老板娘?|包工头|工头|总|经理|厂长)$"  # 「刘老板」
)
_NAMED = re.compile(
    r"^(?:公司|厂子?|单位|老板|工地)?(?:名字|名)?(?:叫|是|名叫)([\u4e00-\u9fffA-Za-z0-9·]{2,30})$"
)
# A place of work that is not an employer's name: 「…小区工地」「开发区那边」.
_SITE_END = re.compile(
    r"(?:工地|项目|项目部|小区|楼盘|车间|园区|大厦|广场|商场|码头|矿|那边|这边|附近|一带|区|县|市|镇|乡|村|路|街)$"
)
_PLACE_END = r"(?:区|县|市|镇|乡|村|省|路|街|开发区|园区|新区|城南|城北|城东|城西)"
_PLACE_OF = re.compile(
    rf"^([\u4e00-\u9fff]{{1,12}}?(?:{_PLACE_END}(?:那边|这边|附近)?|那边|这边|附近|一带))的"
    r"(?:一个|一家|那个|那家|这个|这家)?([\u4e00-\u9fffA-Za-z0-9·]{2,30})$"
)
_PHYSICAL = re.compile(r"(?:厂|工地|店|酒店|超市|餐馆|饭店|医院|学校|项目|工程|小区|车间|矿)$")
_COMPANY_END = re.compile(
    r"(?:公司|集团|劳务|厂|装修队|施工队|工程队|包工队|队|店|超市|酒店|餐厅|饭店|物流|项目部)$"
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
            if words in START_WORDS or self._wants_to_file(words, result):
                return self._start(text, user, result, now)
            return None  # expired: the caller answers normally (see ``notice``)
        if not draft:
            if words in START_WORDS or self._wants_to_file(words, result):
                return self._start(text, user, result, now)
            if words in CONFIRM_WORDS and (recent := self._recent_case(user, now)):
                return (
                    f"你的投诉已经登记好了，编号 {recent.case_no}，不用重复提交。回复「投诉进度」可以查看。"
                )
            return None
        step = draft["step"]
        field = BY_KEY.get(step)
        if field and field.skippable and (words in SKIP_WORDS or self._skips(words)):
            draft["touched"] = now
            draft["fields"][field.key] = None
            return self._next(user, draft)
        leaving = _leaving(words) if words not in CANCEL_WORDS else "leave"
        if (
            leaving == "leave"
            and field is None
            and _NOT_YET.search(words)
            and not _STRONG_LEAVE.search(words)
        ):
            leaving = "pause"  # 「先不提交」 at the summary holds the finished form back, it does not drop it
        if leaving == "leave":
            self._set(user, None)
            self.register.store.forget_replies(user.openid)  # stored replies echo the summary
            return "好的，这次登记取消了，填的内容已经删掉。需要时回复「投诉」重新开始。"
        draft["touched"] = now
        if leaving == "unclear":
            where = "回复「确认」提交" if field is None else f"接着填：{field.ask}"
            return f"你是想取消这次登记吗？要取消请回复「取消」；不取消就{where}"
        if leaving == "pause":
            hours = f"{self.ttl / 3600:.0f}小时内有效"
            if field is None:
                return f"好，不着急，填好的内容先给你留着（{hours}），想好了回复「确认」提交。"
            return f"好，不着急，填到一半的内容先给你留着（{hours}），想好了直接回我就行。\n{field.ask}"
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
        if leaving == "ack":
            return field.ask
        if leaving == "continue":
            return f"好，接着填。\n{field.ask}"
        if words in START_WORDS or (self._wants_to_file(words, result) and not _filing_rest(words)):
            return f"你的投诉正在登记，接着填就行。\n{field.ask}"
        if words in CONFIRM_WORDS:
            return f"还没填完呢。{field.ask}"
        if _STATUS_ASK.search(words) and not _WANTS_TO_FILE.search(words):
            mine = self.status(user) or "你还没有提交过欠薪投诉。"
            return f"{mine}\n\n{self.reminder(user)}"
        if (
            not field.skippable
            and _WEAK_SKIP.search(words)
            and not _QUESTION.search(words)
            and not self._gives_value(field, text, words)
        ):
            return f"{field.hint}\n{field.ask}"  # 「电话不想留」: say why it is asked
        if self._is_question(field, text, result):
            return None  # answered normally, then ``reminder`` says where the form stands
        named = bool(_NAME_ENDS.search(words) or _COMPANY_END.search(words))
        if result.intent == "set_region" and (
            (field.key == "employer" and not named) or _SWITCH.search(words)
        ):
            # 「我在安庆」「切换到大连」: the place is noted as at any time, and the step asked again
            return None
        value, others, told = self._read(field, text)
        no_place = not (result.place or result.elsewhere or _PLACE_WORD.search(words))
        if field.key == "site" and value is not None and no_place and _WAGE_STORY.search(words):
            value = None  # 「老板躲着不见 钱一直没给」 tells of the arrears, not of a place
            if not others:
                return f"这一步要的是干活的地方。{field.ask}"
        numeric = field.key in ("amount", "workers", "phone")
        if not (numeric and field.parse(text) is not None) and _asks_or_unsure(words, field):
            if _ABOUT_FORM.search(words) or _UNSURE.search(words):
                return f"{field.hint}\n{field.ask}"
            return None  # a question of its own: answered normally, then the reminder
        if value is not None and field.key == "employer" and "site" in told:
            others = {**others, "site": told["site"]}
        said, kept = self._store(draft, others, text)
        if field.key == "site" and (boss := told.get("boss")) and (added := self._add_boss(draft, boss)):
            said.append(added)
        if value is not None:
            draft["fields"][field.key] = value
            if said:  # a message that held more than the answer: show how it was read
                said.insert(0, f"{field.label} {show_value(field.key, value)}")
            return "\n".join([*_noted(said, kept), self._next(user, draft)])
        if said or kept:
            self._set(user, draft)
            return "\n".join([*_noted(said, kept), field.ask])
        return field.retry

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

    def _start(self, text: str, user: User, result: Result, now: float) -> str:
        draft: dict[str, Any] = {"step": FIELDS[0].key, "fields": {}, "touched": now, "editing": False}
        if result.place:
            user.region = result.place  # 「我人在大连 要投诉…」: the place counts as for any other answer
        notes: list[str] = []
        if normalize(text).rstrip("。！!.") not in START_WORDS:
            # Values in the asking itself (「想投诉宏达劳务公司 欠我们五个人工资」): keep the unmistakable.
            _, others, _ = self._read(BY_KEY["employer"], text, numbers_only=True)
            if found := _named_employer(text):
                others["employer"] = found
            notes = _noted(*self._store(draft, others, text))
        draft["step"] = self._first_empty(draft)
        self._set(user, draft)
        lead = "好，我帮你登记欠薪投诉，一次回一个问题就行。随时回复「取消」可以放弃。"
        ask = self._summary(draft) if draft["step"] == "confirm" else BY_KEY[draft["step"]].ask
        return "\n\n".join([lead, "\n".join([*notes, ask])])

    @staticmethod
    def _first_empty(draft: dict[str, Any]) -> str:
        return next((f.key for f in FIELDS if f.key not in draft["fields"]), "confirm")

    def _next(self, user: User, draft: dict[str, Any]) -> str:
        if draft.get("editing"):
            draft["editing"] = False
            draft["step"] = "confirm"
        else:
            draft["step"] = self._first_empty(draft)
        self._set(user, draft)
        if draft["step"] == "confirm":
            return self._summary(draft)
        return BY_KEY[draft["step"]].ask

    def _read(
        self, field: Field, text: str, *, numbers_only: bool = False
    ) -> tuple[Any, dict[str, Any], dict[str, str]]:
        """What a message answers: the value for ``field`` (or None), values it unmistakably gives for
        other fields, and what it told about the site or the boss besides (used at the first two steps).

        A value of another field comes from a clause that is nothing but values (「拖了四个月工资」 is a
        period, 「每人六七千」 an amount), or is a phone, an amount with its unit or a head count anywhere.
        What is left over is the answer to the field asked."""
        numeric = field.key in ("amount", "workers", "phone")
        every = clauses(text)
        parts = [p for p in every if not _only_filing(p)]  # 「我要投诉 …」: the asking is not an answer
        if not numeric and len(parts) == 1 and _looks_like_name(field, parts[0]):
            by_clause: list[tuple[str, list[Found]]] = [(parts[0], [])]  # 「一万家超市」 is a name
        else:
            by_clause = [(part, find_values(part)) for part in parts]
        found = any(values for _, values in by_clause)
        own: Any = None
        others: dict[str, Any] = {}
        rest: list[str] = []
        taken: list[Found] = []
        for part, values in by_clause:
            pure = not leftover(part, values)
            distinct = [v for v in values if v.key != "period"]
            taken += values if pure else distinct
            if not pure:
                left = leftover(part, distinct) if distinct else part
                rest.append(left if _looks_like_name(field, left) else part)
        for key, value in _settle(taken).items():
            if key == field.key:
                own = value
            else:
                others[key] = value
        if numeric:
            if own is None and not others:
                own = field.parse(text)  # 「8000」「6」: bare numbers answer the field asked
            return own, others, {}
        if numbers_only:
            return None, others, {}
        if not found:
            rest = parts
        told: dict[str, str] = {}
        if field.key in ("employer", "site") and rest:
            rest, told = _split_site_and_boss(field.key, rest)
        if field.key == "period" and own is not None:
            rest = [own, *rest]
        as_typed = not found and not told and len(parts) == len(every)
        answer = text if as_typed else " ".join(rest)
        value = field.parse(answer) if answer.strip() else None
        if found and isinstance(value, str) and _GENERIC_ONLY.fullmatch(value):
            value = None  # 「老板欠我4800」 names no one: the amount is kept, the question asked again
        return value, others, told

    def _store(self, draft: dict[str, Any], others: dict[str, Any], text: str) -> tuple[list[str], list[str]]:
        """Put values of other fields in place: into an empty field, or over one the worker says is wrong.
        Returns what was stored (「被欠金额 15000元」) and notes on what was not."""
        stored, kept = [], []
        correcting = bool(_CORRECTING.search(normalize(text)))
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

    @staticmethod
    def _add_boss(draft: dict[str, Any], boss: str) -> str:
        """「工头姓赵」 told at the site step: added to the employer, which it describes."""
        employer = draft["fields"].get("employer")
        if not employer:
            draft["fields"]["employer"] = boss
        elif boss not in employer:
            draft["fields"]["employer"] = f"{employer}（{boss}）"
        else:
            return ""
        return f"{BY_KEY['employer'].label} {draft['fields']['employer']}"

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
        if leaving or words in START_WORDS:
            pass  # 「好的」「不取消」: the prompt below
        elif not _QUESTION.search(words):
            # 「电话换成139…」「金额是4万」 at the summary: a correction of what it shows.
            _, others, _ = self._read(BY_KEY["employer"], text, numbers_only=True)
            changed = {k: v for k, v in others.items() if draft["fields"].get(k) != v}
            if changed:
                draft["fields"].update(changed)
                self._set(user, draft)
                said = "、".join(f"{BY_KEY[k].label} {show_value(k, v)}" for k, v in changed.items())
                return f"改好了：{said}。\n\n{self._summary(draft)}"
        elif self._is_question(BY_KEY["employer"], text, result):
            return None  # answered normally, then the reminder
        return "请回复「确认」提交，「修改 几」改某一项（比如「修改 3」），或「取消」不登记。"

    @staticmethod
    def _gives_value(field: Field, text: str, words: str) -> bool:
        if field.key in ("amount", "workers", "phone"):
            return field.parse(text) is not None or any(find_values(part) for part in clauses(text))
        return _looks_like_name(field, words)

    def _skips(self, words: str) -> bool:
        """「不想留名字」「不方便说」 at a step that may be skipped (and not a cancel, 「不登记了」)."""
        return bool(_WEAK_SKIP.search(words)) and not _STRONG_LEAVE.search(_KEEP_GOING.sub("", words))

    def _is_question(self, field: Field, text: str, result: Result) -> bool:
        """Is this a question about something else rather than the answer to the field asked?

        It is when it reads as another topic (or a bot command) and either asks (「法律援助找谁」) or
        names the topic with nothing that makes it a value of this field (「加班费怎么算」 needs no
        question mark; 「华强技能培训学校」 is an employer's name, 「3万」 an amount, 「电话139…」 a
        phone)."""
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
        gives = any(f.key != "period" for part in clauses(text) for f in find_values(part))
        if gives and not _QUESTION.search(words):
            return False  # 「电话 139 0000 1111」「我们五个人 每人六千」 give values
        command = result.intent in ("subscribe", "unsubscribe", "human_agent", "complaint_status")
        looks_like_value = not command and (
            bool(_NAME_ENDS.search(words.rstrip("。！!.")))
            or (field.key == "site" and result.region is not None)
        )
        return result.score >= 0.9 and not looks_like_value

    @staticmethod
    def _wants_to_file(words: str, result: Result) -> bool:
        """「举报欠薪」「想投诉工地欠薪」「我要告老板拖欠工资」; not 「怎么投诉」「欠薪去哪投诉」 (asking
        how) nor 「不想投诉」「我已经投诉过了」."""
        if not _WANTS_TO_FILE.search(words) or _HOW.search(words) or _NOT_FILING.search(words):
            return False
        if result.intent in ("wage_arrears", "unknown"):
            return True
        return result.intent != "complaint_status" and bool(_WAGE_WORDS.search(words))

    def _recent_case(self, user: User, now: float) -> Complaint | None:
        if not user.cases:
            return None
        cases = self.register.of_user(user.openid)
        return cases[0] if cases and now - cases[0].created < 3600 else None


# -- reading a message in the form ------------------------------------------------------------------


def _settle(found: list[Found]) -> dict[str, Any]:
    """One value a field: where a message gives two different ones (「一个月六千 … 一共差了八万」) the one
    said to be the total, else none (guessing is worse than asking)."""
    out: dict[str, Any] = {}
    for key in dict.fromkeys(f.key for f in found):
        mine = [f for f in found if f.key == key]
        if len({f.value for f in mine}) > 1:
            mine = [f for f in mine if f.total]
        if len({f.value for f in mine}) == 1:
            out[key] = mine[0].value
    return out


def _noted(said: list[str], kept: list[str]) -> list[str]:
    return ([f"记下了：{'、'.join(said)}。"] if said else []) + kept


def _leaving(words: str) -> str | None:
    """Whether a message leaves the form: "leave"; "unclear" (a leave cue beside what may be an answer);
    "pause" (「我跟家里商量下」); "continue" (「不取消 继续」); "ack" (「好的」); None for anything else."""
    if _QUESTION.search(words):
        return None  # 「取消了还能再投诉吗」 asks
    parts = [p for p in re.split(r"[\s,，。.!！;；、~～…]+", words.lower()) if p]
    if not parts:
        return None
    leave = unclear = pause = kept = False
    for part in parts:
        if _OTHER_OBJECT.search(part):
            unclear = True  # 「推送取消掉」 is about something else
            continue
        bare = _KEEP_GOING.sub("", part)
        kept = kept or bare != part
        if _LEAVE_CUE.search(bare):
            leave = True
            continue
        core = _PARTICLES.sub("", bare)
        if not core or _ACK.fullmatch(core) or _CONTINUE.fullmatch(core) or _REASON.fullmatch(core):
            continue
        if _PAUSE.fullmatch(core):
            pause = True
            continue
        unclear = True
    if leave:
        return "unclear" if unclear else "leave"
    if unclear:
        return None
    if kept or any(_CONTINUE.fullmatch(_PARTICLES.sub("", p)) for p in parts):
        return "continue"
    if pause:
        return "pause"
    return "ack"


def _only_filing(clause: str) -> bool:
    return clause in START_WORDS or bool(_WANTS_TO_FILE.search(clause) and not _filing_rest(clause))


def _filing_rest(words: str) -> str:
    """What a message asking to file says besides asking (「我要投诉」 says nothing more)."""
    rest = _WANTS_TO_FILE.sub("", words)
    rest = re.sub(
        r"我们?|他们?|帮我|一下|再|那|的|了|吧|啊|呀|一个|新的|欠薪|欠工资|拖欠|工资|工钱|欠钱|欠|钱|老板|包工头|工头"
        r"|公司|工地|单位|厂|这个|那个|还|也|要|想|不给|没给|不发|没发|跑了|跑路|[\s,，。.!！]",
        "",
        rest,
    )
    return rest


def _asks_or_unsure(words: str, field: Field) -> bool:
    """A question (「这个要填什么」) or a doubt (「不知道公司叫啥」) rather than an answer."""
    if _QUESTION.search(words):
        one = len(clauses(words)) == 1  # 「叫什么来着华强公司」 names; 「…还能学不 在大观区」 asks
        return not (
            one and _looks_like_name(field, words.rstrip("?？")) and not re.search(r"[?？]|吗", words)
        )
    return bool(_UNSURE.search(words)) and not _UNSURE_REST.sub("", words).strip(" ，,。.!！")


def _looks_like_name(field: Field, words: str) -> bool:
    if field.key not in ("employer", "site"):
        return False
    return bool(_NAME_ENDS.search(words) or _SITE_END.search(words) or _COMPANY_END.search(words))


def _named_employer(text: str) -> str | None:
    m = _NAMED_IN_FILING.search(compact(text))
    if not m or _GENERIC_NAME.match(m.group(1)):
        return None
    return m.group(1)


def _split_site_and_boss(key: str, parts: list[str]) -> tuple[list[str], dict[str, str]]:
    """At the employer or site step, a message may also say where, or who the boss is:
    「…楼盘工地 工头姓赵」, 「高新区的兴旺木器厂」. Returns the parts answering ``key`` and what was
    told besides ({"site": …} at the employer step, {"boss": …} at the site step)."""
    employer: list[str] = []
    site: list[str] = []
    boss: list[str] = []
    for part in parts:
        named = _NAMED.match(part)
        place = _PLACE_OF.match(part)
        if _BOSS.match(part):
            boss.append(part)
        elif named:
            employer.append(named.group(1))
        elif place:
            name = place.group(2)
            site.append(part if _PHYSICAL.search(name) else place.group(1))
            if len(name) > 2 and not _GENERIC_NAME.match(name):
                employer.append(name)
        elif _SITE_END.search(part) and not _COMPANY_END.search(part):
            site.append(part)
        else:
            employer.append(part)
    if key == "employer":
        name = " ".join(employer)
        if boss:
            name = f"{name}（{'，'.join(boss)}）" if name else "，".join(boss)
        return ([name], {"site": " ".join(site)}) if name and site else (parts, {})
    # the site step
    where = site + employer
    if boss and where:
        return where, {"boss": " ".join(boss)}
    return parts, {}
