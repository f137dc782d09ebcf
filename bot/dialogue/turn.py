"""One conversation turn: a verified push in, the text to send back out (or None for `success`).

``Bot.respond`` is the only entry point. It classifies first (pure, outside any lock), returns the
stored reply if this push was already handled (WeChat redelivers slow pushes, possibly to another
worker process), else takes the turn, saves the user and remembers the reply in one SQLite write
transaction (``writing.py``: worked out before it where it can be). So a push is processed once
and always gets the same answer.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from .. import timefmt
from ..content.knowledge import Knowledge
from ..ids import TOPIC_INTENTS
from ..nlu.classifier import Result, normalise
from ..nlu.linear import TurnModel
from ..nlu.model import Classifies
from ..nlu.rules import PLACE_KIND_IN
from ..storage.store import Store, User, hash_openid
from ..wechat.push import Message
from . import compose, conditions, forms, memory, news, replies, second, whereabouts, wording
from .forms import Flow
from .memory import SETTLES, Memo
from .numbered import menu_picks
from .stats import TurnStats
from .writing import ahead, under_lock

log = logging.getLogger(__name__)

# 「我在桐城一个电子厂上班 过年不回去了」: staying put, this faintly, in a statement of where; and what
# staying put over the holiday is read as (``whereabouts.stays``)
WEAK_TOPIC, STAYING, HOLIDAY_STAY = 2.0, ("holiday_pay",), ("stay_subsidy", "holiday_pay", "unknown")


# Menu (CLICK) event keys: an intent id, or these aliases.
CLICK_ALIASES = {"menu": "greeting", "help": "greeting", "hotline": "human_agent"}


@dataclass
class Trace:
    """What the turn was taken to be about, filled in as it is taken."""

    intent: str | None
    source: str = "message"  # message | context | menu
    # Answered for a region other than the worker's saved one (where their family is), and which.
    elsewhere: bool = False
    region: str | None = None


@dataclass(frozen=True)
class Outcome:
    """What a turn did, for ``bot ask --json``, ``bot chat --debug`` and the dialogue runner."""

    reply: str | None
    intent: str | None
    region: str | None
    score: float
    source: str  # message | context | menu

    def as_dict(self, city: Callable[[str | None], str]) -> dict[str, str | float | None]:
        """{"reply", "intent", "region", "score", "from"}; region is the contract id the answer was for."""
        region = city(self.region) if self.intent else self.region
        return {
            "reply": self.reply,
            "intent": self.intent,
            "region": region,
            "score": self.score,
            "from": self.source,
        }


class Bot:
    def __init__(
        self,
        knowledge: Knowledge,
        classifier: Classifies,
        store: Store,
        *,
        flows: Sequence[Flow] = (),
        turns: TurnModel | None = None,
        event_handlers: Mapping[str, Callable[[Message], None]] | None = None,
        today: Callable[[], date] = timefmt.today,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.knowledge = knowledge
        self.classifier = classifier
        self.turns = turns  # the turn model's second opinion (bot/dialogue/second.py)
        self.store = store
        self.today = today
        self.clock = clock
        self.stats = TurnStats()
        # Other features (complaint form, broadcast results) plug in when the bot is built, not imported.
        self.flows: tuple[Flow, ...] = tuple(flows)
        self.event_handlers: Mapping[str, Callable[[Message], None]] = dict(event_handlers or {})

    # -- entry point -----------------------------------------------------------------------------

    def take(self, msg: Message, lock_timeout: float | None = None) -> Outcome:
        """``respond``, and what the turn was taken to be about (``bot ask --json``, the dialogue runner).

        Raises ``storage.StoreBusy`` if the database stays locked past ``lock_timeout`` seconds."""
        result = self.classifier.classify(msg.text) if msg.text.strip() else None
        trace = Trace(result.intent if result else None)
        done = ahead(self, msg, result, trace, lock_timeout) if msg.msg_type in ("text", "voice") else None
        if done is None:
            trace = Trace(result.intent if result else None)
            done = under_lock(self, msg, result, trace, lock_timeout)
        kind, reply, user = done
        if kind == "seen":
            log.info("redelivery answered from store user=%s", hash_openid(msg.from_user))
            self.stats.count("redelivered")
            return Outcome(reply, None, user.region, 0.0, "message")
        if kind == "system":
            self.stats.count("system event")
            return Outcome(None, None, None, 0.0, "message")
        if log.isEnabledFor(logging.DEBUG):  # (the pseudonym costs a hash: only when it is written)
            log.debug(
                "turn user=%s type=%s intent=%s from=%s region=%s",
                hash_openid(msg.from_user),
                msg.msg_type,
                trace.intent or "-",
                trace.source,
                user.region or "-",
            )
        kind = f"{msg.event} event" if msg.msg_type == "event" else msg.msg_type
        self.stats.count(kind, trace.intent if result else None)
        score = 1.0 if trace.source == "menu" else result.score if result else 0.0
        region = trace.region if trace.elsewhere else user.region
        return Outcome(reply, trace.intent, region, score, trace.source)

    def respond(self, msg: Message, lock_timeout: float | None = None) -> str | None:
        """The reply to a push (None: answer `success`). Raises ``storage.StoreBusy`` as ``take``."""
        return self.take(msg, lock_timeout).reply

    def turn(self, msg: Message, user: User, result: Result | None, trace: Trace | None = None) -> str | None:
        trace = trace or Trace(result.intent if result else None)
        if msg.msg_type == "event":
            return self.on_event(msg, user)
        if msg.msg_type in ("text", "voice"):
            if result is None:
                if msg.msg_type == "voice":
                    return "不好意思，这条语音我没听清。可以再说一遍，或者打字问我。\n\n" + replies.menu(
                        self.knowledge, user.region
                    )
                return replies.menu(self.knowledge, user.region)
            return self.on_text(msg.text, user, result, trace)
        if msg.msg_type == "location" and any(flow.active(user) for flow in self.flows):
            where = msg.label or f"{msg.latitude},{msg.longitude}"
            stub = Result(text=where, intent="unknown", region=None, score=0.0)
            return self.on_text(where, user, stub, trace)
        if msg.msg_type == "location" and msg.latitude is not None and msg.longitude is not None:
            place = self.knowledge.place_at(msg.latitude, msg.longitude)
            if place:
                user.region = place
                return replies.region_confirmed(self.knowledge, place)
            return replies.region_not_covered(self.knowledge)
        return "我现在只看得懂文字和语音。请直接打字或发语音告诉我你想问什么，回复「菜单」看我能帮什么。"

    # -- text --------------------------------------------------------------------------------------

    def on_text(self, text: str, user: User, result: Result, trace: Trace | None = None) -> str:
        trace = trace or Trace(result.intent)
        said = result.reading or text  # a pinyin message, as the hanzi the rules read it as
        notes = [n for flow in self.flows if (n := flow.notice(user))]
        for flow in self.flows:
            was_open = flow.active(user)
            reply = flow.handle(said, user, result)
            if reply is not None:
                trace.intent = flow.topic
                if was_open and not flow.active(user) and flow.topic in TOPIC_INTENTS:
                    # 「…先不登记了」 then 「要是初六还不给呢」: what follows is about the form's topic
                    memory.keep(user, Memo(flow.topic, user.region, self.clock()))
                return "\n\n".join([*notes, reply])
        reply = self.understood(text, user, forms.beside(result, self.open_form(user)), trace)
        reminders = [flow.reminder(user) for flow in self.flows if flow.active(user)]
        return "\n\n".join([*notes, reply, *reminders])

    def understood(self, text: str, user: User, result: Result, trace: Trace) -> str:
        """Resolve the turn against the message, the menu and the dialogue memory, then answer."""
        memo = memory.recall(user, self.clock())
        result = conditions.where_from(text, result, memo, user.region)  # 「我是桐城人 算不算市外」
        result = whereabouts.own_city_kind(self.classifier, self.knowledge, text, result, user.region)
        # 「xuyao shenme cailiao」 read as hanzi, 「要等几耐」 as 「要等多久」, for the follow-up checks
        # (a pinyin reading drops 「na…ne」: the ellipsis checks read the text; 「宜秀ne」 read as 宜秀呢)
        spoken = result.heard or (result.reading if result.reading and not text.isascii() else text)
        heard = result.heard or result.reading or text
        picks = menu_picks(text)  # 「3」; 「3和4」: both
        picked, intent = (picks[0], picks[0]) if picks else (None, result.intent)
        asked = picks or [t for t in result.asked if t in TOPIC_INTENTS]
        detailed = False
        closed = not picked and memory.closes(spoken, result) and not whereabouts.stays_put(spoken)
        if closed:
            intent, asked = "smalltalk", []  # 「好 我打过去」「行 我跟我妈讲」
        if memo and not picked and memory.only_an_aside(spoken, result, asked):
            intent, asked = "unknown", []  # 「那安庆呢 我闺女在安庆也是一个人」: the aside asks nothing new
        if memo and intent == "smalltalk" and not closed and memory.asks_after_all(spoken, result):
            intent = "unknown"  # 「…才行吧」「那我还是去桐城好了 桐城有没有」: its 行吧/好了 is no thanks
        weak_status = bool(memo) and memory.weak_status(result)
        if weak_status:  # 「多久能受理」 after a legal-aid answer asks about legal aid
            # (「那投诉呢」: how to complain about unpaid wages)
            intent = "wage_arrears" if memory.HOW_TO_COMPLAIN.match(normalise(spoken)) else "unknown"
        if intent == "unknown" and not picked and whereabouts.left_here(spoken):
            user.region = None
            trace.intent = "set_region"
            return "好的，记下了。你现在在哪个城市？说「我在安庆」这样告诉我；没说之前先按全国的政策回答你。"
        weak = intent in STAYING and result.scores.get(intent, 0.0) <= WEAK_TOPIC and len(asked) <= 1
        # (a topic named no more strongly than the place: 「下礼拜去黄埔那边进厂了 切到黄埔」)
        placed = whereabouts.placed(spoken, result, intent)
        hint = memo is None and len(asked) <= 1 and whereabouts.only_hinted(spoken, result, intent)
        if memo and not (picked or closed) and conditions.tells_conditions(spoken, result, memo):
            intent, asked, trace.source = memo.topic, [memo.topic], "context"  # 「我们厂在迎江 不在园区里」
        elif (intent == "unknown" or ((weak or placed or hint) and not picked)) and whereabouts.states_where(
            spoken, result, anywhere=memo is None and (intent == "unknown" or hint)
        ):
            intent = "set_region"  # 「我在宁波一个鞋厂上班 做针车的」: longer than the rules' 我在 reach
        elif not picked and intent in HOLIDAY_STAY and whereabouts.stays(spoken, result, self.classifier):
            intent = "set_region"  # 「我在牡丹江食堂帮厨 今年不回家了」
        by_number = memo is not None and memory.asks_second(spoken)  # 「第二个呢」
        kin = memo is not None and memo.topic != "family_care" and memory.kin_too(heard)  # 「娃能参加不」
        back = memory.back_to_first(spoken, memo) if memo else None
        if picked:
            trace.source = "menu"
        elif memo and memory.doubts(spoken):
            intent, asked, trace.source = memo.topic, [memo.topic], "context"  # 「不对吧 老乡说拿了两千」
        elif memo and back:  # 「回到最开始 那个1000是给谁的」
            intent, asked, trace.source, detailed = back, [back], "context", memory.wants_details(spoken)
        elif memo and memory.asks_help_there(heard, result):
            intent, asked, trace.source = memo.topic, [memo.topic], "context"  # 「大连有啥帮助」
        elif memo and by_number and memo.others:
            intent, asked, trace.source = memo.others[0], list(memo.others), "context"  # 「第二个呢」
            detailed = memory.wants_details(spoken)  # 「第二个说详细点」
        elif memo and by_number:  # after one answer: its second point, in the whole answer
            intent, asked, trace.source, detailed = memo.topic, [memo.topic], "context", True
        elif memo and intent in TOPIC_INTENTS and memory.wants_more(spoken):  # 「还有别的招没」: 招 is no job
            intent, asked, trace.source, detailed = memo.topic, [memo.topic, *memo.others], "context", True
        elif (
            not memo and intent == "unknown" and memory.wants_more(spoken) and (form := self.open_form(user))
        ):
            # 「详细」 in a form begun with no answer before it: the form topic's details
            intent, asked, trace.source, detailed = form, [form], "context", True
        elif memo and intent in ("unknown", "smalltalk", "human_agent") and memory.wants_it_again(spoken):
            intent, asked, trace.source = memo.topic, [memo.topic], "context"  # 「没看懂 再说一遍」
        elif (
            memo
            and not closed
            and (
                intent in ("unknown", "set_region")
                or memory.about_last_answer(spoken, result)
                # 「俺闺女在黄埔呢」 after the holiday-pay answer: the same question, where she is
                or (
                    result.place
                    and result.scores.get(intent, 0.0) < memory.ASIDE_MAX
                    and memory.is_ellipsis(spoken)
                )
            )
            and (result.scores.get("unknown", 0.0) <= 0 or memory.leads_with_ellipsis(spoken))
        ):
            # (a message with off-topic words, 「今天天气怎么样」, is not about the last answer)
            # 「我是在鹤岗打工的」 says where; 「我在大观 那边咋说的」 asks the last question there
            says_where = (
                intent == "set_region"
                and whereabouts.says_where(spoken)
                and not whereabouts.asks_beside(spoken)
            )
            if (result.place or result.elsewhere) and (
                ((memory.is_ellipsis(spoken) or memory.leads_with_ellipsis(spoken)) and not says_where)
                or (memo.topic == "family_care" and memory.FAMILY_HOME.match(normalise(spoken)))
                or (memory.WORKED_THERE.match(normalise(spoken)) and not wording.asks(spoken))
            ):  # (「我家在怀宁县」 after the family answer, 「活是在安庆干的」: the same question, there)
                # 「那大连呢」; 「迎江那个补贴呢」 after two answers asks the other one there
                first = wording.first_clause(spoken)  # 「孩子那个呢 在德州跟着他姥姥」: the hint leads
                hinted = memory.hinted_topic(result if first == spoken else self.classifier.classify(first))
                about = hinted if hinted in memo.others else memo.topic
                intent, asked, trace.source = about, [about], "context"
            elif (
                intent == "unknown"
                and (hinted := memory.hinted_topic(result))
                and (hinted in memo.others or len(spoken) <= memory.HINT_MAX_CHARS)
                and memory.is_ellipsis(spoken)
            ):
                intent, asked, trace.source = hinted, [hinted], "context"  # 「孩子那个呢」「工资的事呢」
            elif intent != "set_region" and (
                memory.goes_on(spoken, heard, result) or self.echoes(heard, memo)
            ):
                intent, asked, detailed = memo.topic, [memo.topic, *memo.others], True
                trace.source = "context"
        elif (
            (memo or (form := self.open_form(user)))  # (a form begun with no answer before it)
            and intent in TOPIC_INTENTS
            and intent != (memo.topic if memo else form)
            and (
                memory.is_weak_follow_up(heard, result)
                or (memo and result.scores.get(intent, 0.0) < SETTLES and self.echoes(heard, memo, True))
                or (memo and intent == "family_care" and kin)  # 「孩子能参加不」
            )
        ):
            # 「有补贴没」 after a training answer asks about training's subsidy, not a new topic; after
            # an answer to two questions, 「补贴那个钱给谁」 is about the second one; in a form begun
            # with no answer before it, 「对了 要带啥证据」 is about the form's topic.
            about = (intent if intent in memo.others else memo.topic) if memo else form
            intent, asked, trace.source, detailed = about, [about], "context", True
        if not (picked or closed or by_number or kin or back or result.labelled) and (
            other := second.overrule(
                self.turns, second.model_text(text, result), memo, intent, asked, trace.source == "context"
            )
        ):
            intent, asked = other  # the turn model is sure the rules misread it (staff labels stand)
            trace.source = "context" if memo and intent == memo.topic else trace.source
        if (
            memo
            and not picked
            and len(asked) > 1
            and memo.topic in asked[1:]
            and (
                memory.is_follow_up(heard)
                or result.intent == memo.topic
                or result.scores.get(memo.topic, 0.0) >= 2 * result.scores.get(result.intent, 0.0)
                or result.scores.get(memo.topic) == result.scores.get(result.intent)  # a tie: the one on
            )
            and (
                max(result.scores.get(t, 0.0) for t in asked if t != memo.topic) < memory.ASIDE_MAX
                or result.scores.get(memo.topic, 0.0) >= max(result.scores.get(t, 0.0) for t in asked)
            )
        ):
            # 「学完有补贴没得」 after a training answer: training's subsidy first; but not over a topic
            # named more strongly (「发了红包就不给三倍了 这合理吗」: 三倍 asks; 「找律师要钱不」)
            asked[:] = [memo.topic, *(t for t in asked if t != memo.topic)]
            intent = memo.topic
        if weak_status and intent == "unknown":
            intent = "complaint_status"
        elif news.asks_news(
            user, intent, heard, self.clock(), lambda: any(flow.filed_recently(user) for flow in self.flows)
        ):
            intent = "complaint_status"  # 「啥时候有信」 from a worker who filed: news of the complaint
        elif intent == "complaint_status" and news.arrears_in_general(user, result, heard):
            intent, asked = "wage_arrears", ["wage_arrears"]  # 「欠薪一般多久能处理」, nothing on file
        if not picked and intent in TOPIC_INTENTS and memory.wants_details(text):
            detailed = True
        if (
            memo
            and not picked
            and intent == memo.topic == (asked or [intent])[0]
            and not (result.place or result.elsewhere or memory.wants_it_again(spoken))
        ):
            detailed = True  # the same topic asked again after its first screen: the rest (again)
        done = ""
        if not picked and asked and (command := wording.command_beside(intent, result, spoken)):
            # 「我想订阅通知 顺便问下大连失业金网上能办不」: the command done, and the question answered
            done = self.answer(command, user, result, text) + "\n\n"
            intent = asked[0]
        if asked and intent in TOPIC_INTENTS:
            intent = asked[0]
        trace.intent = intent
        note, before = done, user.region
        if not picked and result.place:
            user.region = result.place
        elif not picked and result.elsewhere:
            user.region = None
            if intent in TOPIC_INTENTS:
                note += f"{result.elsewhere}还没有本地政策，先按全国的政策回答你：\n"
        elif not picked and not user.region and (kind := PLACE_KIND_IN.search(text)):
            note += (
                f"很多城市都有{kind.group()}，先按全国的政策回答你；"
                "说「我在大连」这样告诉我哪个城市，答案更准。\n"
            )
        if intent in TOPIC_INTENTS:
            self.store.count_question(intent, user.region)  # the dashboard's counters (bot/staff/stats.py)
            reply = note + self.topics(asked or [intent], user, detailed, text)
            if result.family_only and intent == "family_care" and not picked:
                trace.elsewhere, trace.region = True, user.region
                user.region = before  # answered for where the family is; the worker has not moved
            return reply
        if intent == "set_region" and memo:
            self.store.count_question(intent, user.region)
            detailed = memory.wants_details(spoken)  # 「人在哈尔滨 要准备啥材料」: the whole answer there
            # (「搬回大连了 那钱给我还是给厂里」 asks; 「我人在大庆呢」 only says where)
            if detailed or whereabouts.asked_there(spoken, result, known=bool(before)):
                trace.intent = memo.topic  # 「回大连的话也能学吗」: the place noted, the question asked there
            return self.region_switched(result, user, memo, detailed)
        return self.answer(intent, user, result, text)

    def open_form(self, user: User) -> str:
        """The topic of the form the worker has open ("" if none)."""
        return next((flow.topic for flow in self.flows if flow.active(user)), "")

    def echoes(self, text: str, memo: Memo, sums_only: bool = False) -> bool:
        """「我是电信的卡」 after the 10GB answer: a short message that picks up a word of the answer
        just given (电信) is about it; so is one naming a sum the answer gave (「那一千块钱给谁」)."""
        sums, size = memory.amounts(text), len(normalise(text))
        if size > 2 * memory.FRAGMENT_MAX_CHARS or (sums_only and not sums):
            return False
        full = self.knowledge.reply(memo.topic, memo.region, self.today()) or ""
        if sums_only or size > memory.FRAGMENT_MAX_CHARS or any(s in full for s in sums):
            return any(s in full for s in sums)
        return memory.picks_up(self.classifier.words(text), full)

    def topics(self, asked: Sequence[str], user: User, detailed: bool = False, question: str = "") -> str:
        """Each topic asked, short (or in full when asked for), as many as one reply holds; any left
        over are offered by name. The first is remembered for follow-ups."""
        parts: list[str] = []
        left: list[str] = []
        for intent in asked:
            part = "" if detailed and parts else self.topic_reply(intent, user, detailed, question)
            if part and (not parts or compose.fits([*parts, part], compose.MAX_REPLY_BYTES - 120)):
                parts.append(part)
            elif part or (detailed and parts):
                left.append(intent)
        if left and detailed:  # the whole of one answer per reply: name how to get the others
            names = "、".join(f"「{compose.topic_name(t)}详细」" for t in left)
            parts.append(f"你还问了别的，回复{names}看它的步骤。")
        elif left:
            names = "、".join(f"「{compose.topic_name(t)}」" for t in left)
            parts.append(f"你还问了{names}，回复名称就能看。")
        memory.keep(user, Memo(asked[0], user.region, self.clock(), detailed, tuple(asked[1:])))
        return "\n\n".join(parts)

    def topic_reply(self, intent: str, user: User, detailed: bool = False, question: str = "") -> str:
        reply = replies.topic(self.knowledge, intent, user.region, self.today(), detailed, question)
        return reply + "".join(flow.offer(intent, user) for flow in self.flows) if reply else ""

    def region_switched(self, result: Result, user: User, memo: Memo, detailed: bool = False) -> str:
        """「我人在大连」 after a question: note the place, and answer that question again for it."""
        if result.place:
            said = replies.region_confirmed(self.knowledge, result.place)
        else:
            said = replies.region_not_covered(self.knowledge, result.elsewhere)
        label = self.knowledge.region(user.region).label
        again = self.topics([memo.topic], user, detailed)
        return f"{said}\n\n刚才问的{compose.topic_name(memo.topic)}，按{label}的政策：\n{again}"

    def answer(self, intent: str, user: User, result: Result, text: str) -> str:
        place = user.region
        self.store.count_question(intent, place)  # the dashboard's counters (bot/staff/stats.py)
        if intent in TOPIC_INTENTS:
            reply = self.topics([intent], user)
            if reply:
                return reply
        match intent:
            case "greeting":
                return replies.menu(self.knowledge, user.region)
            case "set_region":
                if result.place:
                    return replies.region_confirmed(self.knowledge, result.place, text)
                if not result.elsewhere and (kind := PLACE_KIND_IN.search(text)):
                    return replies.which_city(self.knowledge, kind.group())
                return replies.region_not_covered(self.knowledge, result.elsewhere)
            case "human_agent":
                return replies.human_agent(self.knowledge, place)
            case "subscribe":
                user.subscribed = True
                return replies.SUBSCRIBED
            case "unsubscribe":
                user.subscribed = False
                return replies.UNSUBSCRIBED
            case "smalltalk":
                return replies.THANKS
            case "complaint_status":
                news.asked_status(user, self.clock())
                status = next((s for flow in self.flows if (s := flow.status(user)) is not None), None)
                return status or replies.nothing_filed(self.knowledge, user.region)
        self.store.record_unanswered(text, user.openid, place)
        return replies.unanswered(self.knowledge, place)

    # -- events ------------------------------------------------------------------------------------

    def on_event(self, msg: Message, user: User) -> str | None:
        event = msg.event
        handler = self.event_handlers.get(event)
        if handler:
            handler(msg)
        if event == "subscribe":
            user.followed = True
            user.subscribed = True
            return replies.welcome(self.knowledge, user.region)
        if event == "unsubscribe":
            user.followed = False
            return None
        if event == "location":
            if msg.latitude is not None and msg.longitude is not None:
                place = self.knowledge.place_at(msg.latitude, msg.longitude)
                if place and not (user.region and self.knowledge.city(user.region) == place):
                    user.region = place  # silently: WeChat sends this on its own, nobody asked
            return None
        if event == "click":
            key = msg.event_key.strip()
            intent = CLICK_ALIASES.get(key.lower(), key)
            if intent in TOPIC_INTENTS or intent in ("greeting", "human_agent", "complaint_status"):
                stub = Result(text="", intent=intent, region=None, score=1.0)
                return self.answer(intent, user, stub, "")
            return replies.menu(self.knowledge, user.region)
        return None
