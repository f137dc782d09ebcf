"""The numbered menu: replying 「3」 (or 「三」) asks the menu's third topic."""

from __future__ import annotations

import re
import unicodedata

# The numbered menu: replying a number asks that topic.
MENU: tuple[tuple[str, str], ...] = (
    ("unemployment_benefit", "失业金"),
    ("wage_arrears", "欠薪维权"),
    ("legal_aid", "法律援助"),
    ("stay_subsidy", "留岗补贴"),
    ("holiday_pay", "春节加班费"),
    ("job_services", "找工作"),
    ("skills_training", "技能培训"),
    ("social_assistance", "临时救助"),
    ("family_care", "留守老人孩子"),
    ("festival_activities", "过年活动"),
)
_CN_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}


# A number picked in words, perhaps after a slip: 「选3」「我要看9」「点错了 我要选2」「换一个 看下七」.
_PICKED = re.compile(
    # (「不是7 按错了 我要8」: the number said not to be meant, then the slip)
    r"(?:(?:按错了?|点错了?|选错了?|搞错了?|错了|不对|不是这个|不是(?:\d{1,2}|[一二三四五六七八九十])号?|不是|换个|换一个)"
    r"[\s，,。！!]*)*"
    r"(?:[我俺额咱]?(?:要|想)?再?(?:看看|看下|看一下|瞅瞅|瞧瞧|看|选|按|点|查|讲下|讲讲|说下|说说)|[我俺额咱]?要|(?<=\s)是)(第)?(\d{1,2}|[一二三四五六七八九十])(号|个)?[吧啊呀]?"
)

# A bare ordinal picks from the menu from the third on: 「第二个」「第一个」 after an answer to two
# questions mean one of those (bot/dialogue/memory.py).
_ORDINAL = re.compile(r"(?:那|那个|我要|要)?第([3-9]|10|[三四五六七八九十])(?:个|项|条|种)?[呢吧啊的嘞]?")


def menu_pick(text: str) -> str | None:
    """「3」「３」「三」「3.」「我要看3」「3呢」 → the menu's third topic."""
    t = unicodedata.normalize("NFKC", text).strip().rstrip(".、。号呢").removeprefix("那")  # 「那5呢」
    if (m := _PICKED.fullmatch(t)) and (m[1] or m[3] != "个"):  # (「要3个」 is a count; 「要第3个」 picks)
        t = m[2]
    elif m := _ORDINAL.fullmatch(t):  # 「第七个」「那第六个呢」
        t = m[1]
    n = int(t) if t.isdigit() and len(t) <= 2 else _CN_DIGITS.get(t, 0)
    return MENU[n - 1][0] if 1 <= n <= len(MENU) else None


# Two of the menu's numbers at once: 「3和4」「6跟7都看看」「我想看2和5」.
_TWO = r"(\d{1,2}|十|[一二三四五六七八九])号?"
_PICKS = re.compile(
    r"(?:[我俺]?(?:要|想)?(?:看|选|问))?"
    + _TWO
    + r"(?:和|跟|同|还有|、|,|\s)+"
    + _TWO
    + r"(?:都|两个都|俩都|两个)?(?:想|要)?(?:看看?|看下|看一下|问问?|要|选)?[吧啊呀吗嘛]?"
)


def menu_picks(text: str) -> list[str]:
    """「3」 → its topic; 「3和4」「6跟7都看看」 → both, in the order said; else none."""
    if one := menu_pick(text):
        return [one]
    m = _PICKS.fullmatch(unicodedata.normalize("NFKC", text).strip().rstrip("。.!！"))
    picks = [p for n in m.groups() if (p := menu_pick(n))] if m else []
    return picks if len(set(picks)) == 2 else []
