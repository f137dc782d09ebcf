"""Values told before their step asked for them: the place a firm is, at step 1; a head count said
beside the sum. Each is offered at its step (「对」 takes it) unless it was said unmistakably. And
what to tell a worker who cannot give a step's value as asked (a phone out of use, a WeChat id)."""

from __future__ import annotations

import re
from typing import Any

from ..ids import TOPIC_INTENTS
from ..nlu.model import Result
from ..numbers import cn_small
from .fields import BY_KEY, FIELDS, Field
from .reading import BOSS, NAMES_SOMEONE, SAME_PLACE, UNSURE_REST, WHICH_TO_WRITE
from .values import _CN_NUMERAL, COUPLE, clauses, compact, lone_sum

# Steps a worker may not know the answer to, which are noted as unknown rather than asked again: the
# staff ask when they call. (The sum is asked again, with a hint: a case needs one.)
UNKNOWABLE = ("period", "workers")


def unknown(field: Field, words: str, text: str) -> Any:
    """What an unknown period or head count is noted as: 「好几个月了记不清」 keeps what it does say."""
    if field.key == "workers":
        return None
    told = UNSURE_REST.sub("", words.replace("跳过", "")).strip(" ，,。吧呢啊")
    return text.strip() if told else "不清楚"


def moved_on(field: Field, others: dict[str, Any]) -> bool:
    """Whether a message at a step gives only later steps' values: the worker went on without it."""
    order = [f.key for f in FIELDS]
    return bool(others) and all(order.index(k) > order.index(field.key) for k in others)


_BARE_SUM = re.compile(r"[\d.]+[万千元块wk]?|[一二两三四五六七八九十百千万点]+[元块]?")


def back_to_step_one(field: Field, words: str, draft: dict[str, Any]) -> bool:
    """「对的」 at the site step when nothing was offered: the worker takes the firm named at step 1 for
    where the work was (「福田华美塑胶厂」 said it). That firm is offered, for ``with_hint`` to take."""
    firm = draft["fields"].get("employer")
    if field.key != "site" or draft.get("site_hint") is not None or not firm:
        return False
    if not (SAME_PLACE.fullmatch(words) and re.search(r"对|是|系|就|那|没错|冇错|啱", words)):
        return False
    draft["site_hint"] = re.sub(r"（[^）]*）", "", str(firm)) or firm
    return True


def with_hint(
    field: Field, hint: Any, words: str, text: str, value: Any, others: dict[str, Any]
) -> tuple[Any, dict[str, Any]]:
    """At a step whose value was told before it was asked (the place a firm is, at step 1; a head
    count beside the sum): 「对」 takes it, and so does going on to the next step (a bare sum at the
    site step, a phone number at the head-count step). See the flow's ``_hint``."""
    if SAME_PLACE.fullmatch(words):
        return hint, others
    yes, _, rest = words.partition(" ")  # 「对 5200 十月到十二月」: yes to it, then the next steps' values
    if rest and SAME_PLACE.fullmatch(yes) and re.search(r"对|是|系|啱|嗯|没错", yes):
        head = rest.split(" ")[0]
        total = lone_sum(head) if _BARE_SUM.fullmatch(head) else None
        if total is not None or others:
            return hint, {"amount": total, **others} if total is not None else others
        if field.key == "site" and isinstance(value, str) and value.startswith(yes):
            return value[len(yes) :].strip(), others  # 「对 金州区 海湾那个小区」: yes, and where exactly
    if field.key == "site" and value is None and not others and (total := lone_sum(text)) is not None:
        return value, {"amount": total}
    if field.key == "workers" and value is None and ("phone" in others or re.search(r"\d{7}", text)):
        return hint, others
    return value, others


# A count said as the number of people owed: 「我们班组十一个人都欠着」「一共4个人」「就我一个」.
_SAID_AS_COUNT = re.compile(
    rf"(?:一共|总共|共有|我们|咱们|俺们|我哋|我地|班组|班里|车间|全厂|厂里|队里)[^\d{_CN_NUMERAL}\s，,。]{{0,3}}"
    rf"[\d{_CN_NUMERAL}]+(?:个人|个|人|名)|[\d{_CN_NUMERAL}]+(?:个人|个|人|名)(?:都|全|一起|一块儿?)|(?:就|只有)[我俺他她]自?己?[一1]个|得[我俺]一个"
    # 「就我和我哥两个人」 (not 「…两个人的」, whose the sum is), 「一起被欠的有15个人」, 「我们两口子」;
    # 「就我自己」 as a clause of its own
    rf"|(?:和|跟|同|与)[^\d{_CN_NUMERAL}\s，,]{{1,4}}[\d{_CN_NUMERAL}]+(?:个人|个|人)(?![人的])"
    rf"|(?:一起|一块儿?|被欠|欠薪|欠钱|连[我俺]|算上[我俺]|加上[我俺])[^\d{_CN_NUMERAL}\s，,]{{0,5}}[\d{_CN_NUMERAL}]+(?:个人|个(?![月天])|人|名)"
    rf"|{COUPLE.pattern}"
    r"|(?:^|[\s，,])(?:就|只有)[我俺](?:自己|一个人?)?(?:$|[\s，,])"
    rf"|(?:我们|咱们|俺们|我地|我哋)[^\s，,]{{1,6}}?的有[\d{_CN_NUMERAL}]+个"  # 「我们一块来的有六个」
)


# A head count that is a clause of its own beside the sum: 「十一万 九个人 五月到八月的」.
_COUNT_CLAUSE = re.compile(rf"[\d{_CN_NUMERAL}]+(?:个人|名|个工人|个工友)")


def hint_workers(draft: dict[str, Any], others: dict[str, Any], text: str) -> None:
    """「四万三 七个人的」: a head count told beside the sum is offered at step 5, not taken unasked
    (workers told their own share, 「我一个人是两万六」, as often as the count); one said as the
    number of people owed (「我们车间四十二个人都没发」), or in a clause of its own (「十一万 九个人
    五月到八月的」), is taken."""
    alone = any(_COUNT_CLAUSE.fullmatch(c) for c in clauses(text))  # 「三十二万 二十六个人 …」
    if "workers" in others and not alone and not _SAID_AS_COUNT.search(compact(text)):
        draft["workers_hint"] = others.pop("workers")


def offer_hint(draft: dict[str, Any]) -> str:
    """The value told before its step asked for it, offered at that step."""
    step, hint = draft["step"], draft.get(f"{draft['step']}_hint")
    if hint is None:
        return ""
    told = f"就在{hint}" if step == "site" else "就你一个人" if hint == 1 else f"就是{hint}个人"
    return f"（{told}的话，回「对」就行）"


_HEAD_COUNT = re.compile(r"^(?:一共|总共|共|总共有|一共有)?([\d一二两三四五六七八九十百]+)个人?$")


def head_count(text: str) -> int | None:
    """「十四个」「还有两个老乡也冇拿到 一共三个」: a head count said last, with no word of a place."""
    parts = clauses(text)
    m = _HEAD_COUNT.match(parts[-1]) if parts else None
    if not m:
        return None
    n = m.group(1)
    count = int(n) if n.isdigit() else int(cn_small(n) or 0)
    return count if 1 <= count <= 100_000 else None


# The number given last time (「号码还是上回那个」): each complaint asks for it again.
_AS_BEFORE = re.compile(r"上次|上回|之前(?:留|给|填)|原来(?:那个|的)")
_NO_PHONE = re.compile(r"欠费|停机|没话费|(?:手机|电话)(?:坏了|丢了|被偷|没电|打不通)")
_USE_OTHER = re.compile(
    r"(?:用|留|填|写)[我俺]?(?:老婆|媳妇|老公|爱人|家里人|孩子|儿子|女儿|工友|朋友|老乡|哥|姐|弟|妹|个仔|个女|细佬|家姐)(?:的|嘅)"
)


# Whether the worker counts themself at the head-count step: 「算我自己不」「包不包括我」.
_COUNTS_ME = re.compile(
    r"算不算[我俺]|算上?[我俺](?:自己)?(?:不|吗|么|嘛|没)|包不包括[我俺]|包括[我俺](?:自己)?(?:不|吗|么|嘛)"
)
_A_COUNT = re.compile(r"\d|[一二两三四五六七八九十几]个")


def step_tip(step: str, words: str, result: Result) -> str | None:
    """What to say to a message about the step rather than an answer to it (None: nothing)."""
    if step == "workers" and _COUNTS_ME.search(words) and not _A_COUNT.search(words):
        return "要把你自己也算上。"
    if (
        step in ("employer", "site", "amount", "period")
        and WHICH_TO_WRITE.search(words)
        and not (step == "employer" and _names_beside(words))
    ):  # 「该填厂子还是填工头」「填一个人的还是全班的」: which to put down (a name beside it is taken)
        return BY_KEY[step].hint
    return phone_tip(words, result) if step == "phone" else None


def _names_beside(words: str) -> bool:
    """A firm or boss named beside the question which to write (「中介叫鑫达人力 …该写哪个」)."""
    asks = [c for c in clauses(words) if not WHICH_TO_WRITE.search(c)]
    return any(NAMES_SOMEONE.search(c) or BOSS.search(c) for c in asks)


def phone_tip(words: str, result: Result) -> str | None:
    """At the phone step, what to say to a WeChat id offered (「电话就是这个微信号」: staff call), or to
    the worker's own phone out of use or another's offered (「我的欠费停机了」); None for hardship
    told with it and asked about (「停机了 饭都吃不上 有地方帮一下不」)."""
    if re.search(r"\d{5}", re.sub(r"[\s\-－—.·]", "", words)):
        return None  # (「139 2866 1043 微信同号」: a number, spaced out)
    if re.search(r"微信号?|vx|wx", words) and not re.search(r"[吗么?？]|怎么|咋|啥|什么|哪", words):
        return "工作人员要打电话联系你，微信号这边看不到。"
    if _AS_BEFORE.search(words):
        return "每次登记都要再留一次号码，麻烦再发一遍。"
    another = _USE_OTHER.search(words) is not None
    if not (another or _NO_PHONE.search(words)):
        return None
    other_topic = result.intent in TOPIC_INTENTS and result.intent != "wage_arrears"
    if another or not (other_topic and result.scores.get(result.intent, 0.0) >= 3):
        return "用家里人或工友的号码也行，能打通就行。"
    return None
