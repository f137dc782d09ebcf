"""A correction of a step already answered: which step, and what is right, said in numbers
(「哦不对 是5700 打反了」) or in words (「地方搞错了 是旅顺口区水师营 不是铁山」), including Cantonese
(「人数写错咗 唔系20系26个」). ``flow.ComplaintFlow`` changes the values ``changes`` finds."""

from __future__ import annotations

import re
from typing import Any

from ..numbers import cn_small, parse_amount
from . import answer, reading
from .fields import BY_KEY, FIELDS, normalize, show_value
from .values import clauses, meant

# 「地方搞错了 是旅顺口区水师营 不是铁山」「老板名字写错了 应该是何建军」: a step named as wrong,
# then what is right (numbers are read by ``answer.read``: 「钱数不对 是4万6」).
NAMED_FIX = re.compile(
    # (a hesitation may come first: 「等一下 老板名字写错了 是张红」「不好意思 地方填错了…」)
    r"^(?:(?:哦|噢|啊|哎呀|哎哟|哎|唉|诶|呃|不对|那个|刚才|刚刚|前面|之前|上面|还有|对了|等下|等一下|等等|稍等"
    r"|等会儿?|不好意思|对不起|抱歉|sorry)[\s,，。!！~…]*)*"
    r"(?P<what>干活的?地方|干活地点|地方|地址|地点|工地|位置|老板的?名字|老板|公司名?|单位名?|厂名|饭店|店名?"
    r"|欠薪时间|时间|月份|我的名字|名字|称呼|人数|几个人|电话|手机号?|号码|钱数?|金额)(?:的?(?:名字|名称|全名))?(?:那|那里)?(?:刚才|刚刚)?[我俺]?(?:刚才|刚刚)?[写填说打记整]?的?"
    r"(?:(?:错了|不对|搞错了|弄错了|反了|岔了|少了|多了|不全|得?不细|得?不够细)[\s,，。]*(?:应该|应当|其实|正确的)?(?:是|叫|在|写成|改成|改为)?"
    # 「时间那写具体点 改成2020年12月」「月份改成…」: the step named, and the value it should hold
    r"|(?:那|那里|那项)?[写填]?得?(?:具体|详细|准确)(?:一?点|些)?[\s,，。]*(?:是|写成|改成|改为)?"
    r"|[\s,，]*(?:改成|改为|换成)|那一?[栏项][写填]成?"
    r"|(?:补一下|补充一下|补充|再补一句)[\s,，。]*(?:是|在)?)"  # 「地点补一下 是…」: the fuller value
    r"(?P<value>[^\s,，。].*?)(?:[\s,，]*(?:而)?不是.*)?[\s。!！]*$"
)
_NAMED_FIELD = {
    "人数": "workers",
    "几个人": "workers",
    "电话": "phone",
    "手机": "phone",
    "号码": "phone",
    "老板": "employer",
    "公司": "employer",
    "单位": "employer",
    "厂名": "employer",
    "饭店": "employer",
    "店": "employer",
    "时间": "period",
    "月份": "period",
    "钱": "amount",
    "金额": "amount",
}


def mandarin(text: str) -> str:
    """A Cantonese correction in Mandarin words: 「写错咗 系8600唔系6800」 → 「写错了 是8600不是6800」."""
    said = normalize(text).replace("咗", "了").replace("唔系", "不是").replace("唔啱", "不对")
    return re.sub(r"(?<![不是])系(?=[\d一二两三四五六七八九十])", "是", said)


def named_fix(text: str) -> tuple[str, str] | None:
    """(field key, value as said) for a correction that names the step it corrects, or None."""
    m = NAMED_FIX.match(mandarin(text))
    if m is None:
        return None
    value = re.sub(r"^(?:而)?不是[^是]*?是", "", m["value"].strip())  # 「不是20是26个」: the second
    value = re.sub(r"^(?:全名|全称|名字|名称)(?:是|叫)", "", value)  # 「…写错了 全名是金福来酒楼」
    return (_key(m["what"]), value) if len(value) >= 2 else None


# The start of ``NAMED_FIX``: a step named as wrong, whatever follows (「手机号填错了 中间有一位不对」).
_NAMED_WRONG = re.compile(NAMED_FIX.pattern.split("(?P<value>")[0])


def named_wrong(text: str) -> str | None:
    """The field a message says is wrong, though what is right cannot be read from it."""
    m = _NAMED_WRONG.match(mandarin(text))
    return _key(m["what"]) if m else None


# 「叫刘俊 不是刘军」「是大观区 不是宜秀区」: what is right, and what was written in its place.
_SWAP = re.compile(
    r"(?:叫|是|姓)(?P<right>[\u4e00-\u9fff]{2,8}?)[\s,，]*(?:而)?不是(?P<wrong>[\u4e00-\u9fff]{2,8}?)[\s。!！]*$"
)

# 「不是李德福 是李德富」「老板不姓张 姓章」: what was written, then what is right.
_SWAP_BACK = re.compile(
    # (a name for a name: not 「不是大观 是在开发区那边干的」, where the work was)
    r"不(?:是|叫)(?P<wrong>[\u4e00-\u9fff]{2,4}?)[\s,，]*(?:而)?(?:是|叫)(?!在)(?P<right>[^\s,，。!！的那干区县市厂]{2,4}?)"
    r"(?=[\s,，。!！]|$)"
    r"|不姓(?P<wrong1>[\u4e00-\u9fff])[\s,，]*(?:而)?(?:是)?姓(?P<right1>[\u4e00-\u9fff])(?=[\s,，。!！]|$)"
)


def _key(what: str) -> str:
    key = next((k for w, k in _NAMED_FIELD.items() if what.startswith(w) or what.endswith(w)), None)
    return key or ("name" if what in ("我的名字", "名字", "称呼") else "site")


def changes(text: str, fields: dict[str, Any]) -> dict[str, Any]:
    """Values a message gives for steps already answered (at the summary, or at a later step) that
    differ from what those steps hold."""
    text = mandarin(text)  # (「金额写错咗 系8600唔系6800」)
    _, others, _ = answer.read(BY_KEY["employer"], text, numbers_only=True)
    right = [v for c in clauses(text) if (m := reading.SAID_RIGHT.match(c)) and (v := parse_amount(m[1]))]
    if len(right) == 1 and fields.get("amount") and "amount" in others:
        others["amount"] = right[0]  # 「欠的钱我说错了 是7500 少打了一千」: the sum said to be right
    if (had := fields.get("amount")) and all(
        fields.get(k) == v for k, v in others.items() if k in fields
    ):  # (「打错了 是68000 俺们六个人的」: the head count is a step still to come)
        # 「哦不对 是5700 打反了」: a bare number that corrects something is the amount (not the
        # wrong one named again: 「钱数说错了 是三万二 两万三是前年那回的」)
        # (「写6500」「改成6500」: the value to write)
        plain = (meant(reading.CORRECTING.sub("", c)) for c in clauses(text))
        cut = (re.sub("^(?:[写填改]成?|改为|是)", "", c) for c in plain)
        bare = [v for c in cut if (v := parse_amount(c)) and v != had]
        others = {"amount": bare[0]} if len(bare) == 1 and bare[0] >= 100 else {}
    if not others and (fix := named_fix(text)) and (value := BY_KEY[fix[0]].parse(fix[1])):
        others = {fix[0]: value}  # 「地方搞错了 是旅顺口区水师营 不是铁山」「人数写错咗 唔系20系26个」
    if not others and (swap := _SWAP.search(text) or _SWAP_BACK.search(text)):  # 「老板叫刘俊不是刘军」
        said, wrong = swap["right"] or swap["right1"], swap["wrong"] or swap["wrong1"]
        others = {k: v.replace(wrong, said) for k, v in fields.items() if isinstance(v, str) and wrong in v}
    if set(others) == {"name"} and "name" not in fields and "employer" in fields:
        others = {"employer": others["name"]}  # 「刚才名字写错了 是宏达建材」 before step 7: the firm's
    return {k: v for k, v in others.items() if k in fields and fields[k] != v}


def same_again(text: str, fields: dict[str, Any], step: str) -> str | None:
    """「等一下 老板名字写错了 是张红」 when an earlier step already holds 张红: that it does (the
    message answers no step); None for any other message."""
    if (fix := named_fix(text)) is None or fix[0] == step or fix[0] not in fields:
        return None
    value = BY_KEY[fix[0]].parse(fix[1])
    if value is None or fields[fix[0]] != value:
        return None
    return f"{BY_KEY[fix[0]].label}填的就是 {show_value(fix[0], value)}，不用改。"


# An item of the summary said to be wrong, with no new value: 「手机号不对 我要改一下」「名字写错了」.
_ITEM_WORDS = {
    "phone": "(?:电话|手机)号码|电话|手机号?|号码",
    "amount": "金额|钱数|钱",
    "period": "时间|月份",
    "workers": "人数",
    "name": "名字|姓名|称呼",
    "site": "(?:干活的?)?(?:地点|地方|地址)",
    "employer": "单位|老板|公司",
}
_ITEM = "(?:" + "|".join(f"(?P<{k}>{v})" for k, v in _ITEM_WORDS.items()) + ")"  # (read by m.lastgroup)
_ITEM_WRONG = re.compile(
    "(" + _ITEM + r")(?:那项|那个|这项)?"
    r"(?:好像|可能)?(?:不对|错了|[写填输打]错了|有误)?(?:一位|一个数)?[\s,，]*"  # 「电话好像输错了一位 改下」
    r"(?:[我俺]?(?:要|想)改(?:一?下)?|得改|改一?下|帮我改一?下|重新填)?[吧啊呢了]?"
)
_WRONG = re.compile(r"不对|错|有误|改|重新填")
_ITEM_FIRST = re.compile(  # 「第三项改一下」
    r"第([1-7一二三四五六七])[项个条步](?:要|得|我要|我想)?(?:改|修改|重填|重新填)(?:一下|下)?[吧啊呢]?"
)


# 「改一下人数 …」: change, then the item named.
_CHANGE_ITEM = re.compile("^(?:帮我|[我俺](?:要|想)|要|想)?改(?:一)?下" + _ITEM)  # (「我想改下人数」)
# 「人数改一下 是七个」: the item named, then the change and its value.
_ITEM_CHANGE = re.compile("^(?:把)?" + _ITEM + "(?:那项|那个)?(?:也|再)?(?:要|得)?改(?:一)?下")

SAYS_NEW = re.compile(r"[\s,，:：]*(?:应该是|其实是|是|系|改成|改为)")  # a new value said


def _nth(n: str) -> str:
    """The key of the form's ``n``-th step (「3」 or 「三」)."""
    return FIELDS[(int(n) if n.isdigit() else int(cn_small(n) or 0)) - 1].key


def item_to_edit(words: str, at_summary: bool) -> tuple[str, str] | None:
    """The field 「修改 3」 asks to change, and what follows it (「修改 3 应该是7400」); at the summary
    also an item said to be wrong (「手机号不对 我要改一下」)."""
    # (a remark may follow: 「修改 3 钱写错了」; not a value: 「改3万5」 is a correction)
    # (「电话错了 修改 6」: what is wrong may come first)
    if m := re.search(
        r"(?:(?<![^\s,，])改(?:一下|下)?|修[改该](?:一下)?)\s*第?\s*([1-7一二三四五六七])\s*[项个条步]?(?![\d.万千百块元月号下])",
        words,
    ):
        # (「是八千 改第三步」: the value first; 「修改 3 是七千二不是七千」: not the one said not to be)
        return _nth(m[1]), reading.NOT_THIS.sub("", words[m.end() :]) or words[: m.start()]
    if m := _ITEM_FIRST.fullmatch(words):
        return _nth(m[1]), ""  # 「第三项改一下」: the item first
    if at_summary and (m := _CHANGE_ITEM.match(words)):
        return str(m.lastgroup), words[m.end() :]  # 「改一下人数 是六个」: the item, then its value
    if at_summary and (m := _ITEM_CHANGE.match(words)) and SAYS_NEW.match(words[m.end() :]):
        return str(m.lastgroup), words[m.end() :]
    named = _ITEM_WRONG.fullmatch(words) if at_summary and _WRONG.search(words) else None
    return next(((k, "") for k, v in named.groupdict().items() if v), None) if named else None
