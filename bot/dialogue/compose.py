"""Shaping answers for a phone screen: a short first answer, the full one on request, several topics
in one reply.

A scripted answer (content/answers) opens with one line that answers the question. The short form
keeps that line, adds whom to call and the amount when that line lacks them, keeps the source and
any ⚠ line, and ends with how to get the rest. The full text stays one reply away (「详细」), and
the desk always shows the whole text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

MAX_REPLY_BYTES = 2040  # WeChat cuts a text reply past about 2048 bytes of UTF-8
MORE_HINT = "回复「详细」看办理步骤和材料"
SHORT_ENOUGH = 170  # characters: a text this short is already one phone screen
_STEP = re.compile(r"^\d+[.、．]\s*")
_AMOUNT = re.compile(r"\d[\d,.]*\s*(元|块|倍|%)")
_FOOTER = ("（依据", "⚠")

TOPIC_NAMES = {
    "unemployment_benefit": "失业金",
    "wage_arrears": "欠薪维权",
    "legal_aid": "法律援助",
    "stay_subsidy": "留岗补贴",
    "holiday_pay": "春节加班费",
    "job_services": "找工作",
    "skills_training": "技能培训",
    "social_assistance": "临时救助",
    "family_care": "留守老人孩子",
    "festival_activities": "过年活动",
}


def _bigrams(text: str) -> frozenset[str]:
    return frozenset(text[i : i + 2] for i in range(len(text) - 1))


_line_bigrams = lru_cache(maxsize=2048)(_bigrams)  # answer lines repeat; questions do not


def _closest(lines: Sequence[str], question: str, said: str) -> str | None:
    """The line sharing most two-character pieces with the question (at least three, not counting
    what the opening line already says), if any."""
    asked = _bigrams(re.sub(r"[\W_]+", "", question)) - _line_bigrams(said)
    best, best_n = None, 2
    for line in lines:
        n = len(asked & _line_bigrams(line))
        if n > best_n:
            best, best_n = line, n
    return best


def short(full: str, phones: Sequence[str], question: str = "") -> str:
    """The first screen of an answer; ``full`` itself when it has nothing more to hold back.

    Beside the opening line it keeps the line closest to the question (「红包能抵加班费吗」 → the
    line on 红包 and 加班费), the amount, and the number to call, each only when not said yet."""
    lines = full.split("\n")
    head, rest = lines[0], lines[1:]
    footer = [line for line in rest if line.startswith(_FOOTER)]
    body = [line for line in rest if not line.startswith(_FOOTER)]
    if len(full) <= SHORT_ENOUGH or not body:
        return full
    extra: list[str] = []
    closest = _closest(body, question, head) if question else None
    if closest:
        extra.append("· " + _amount_clause(_STEP.sub("", closest), 70))
    if not _AMOUNT.search(head + "".join(extra)):
        amount = next((line for line in body if _AMOUNT.search(line)), None)
        if amount:
            extra.append("· " + _amount_clause(_STEP.sub("", amount)))
    said = head + "".join(extra)
    if not any(p in said for p in phones):
        # The number the answer itself gives first (12348 for legal aid, not the region's 12333).
        found = [(line.find(p), i, p) for i, line in enumerate(body) for p in phones if p in line]
        if found:
            extra.append(f"☎ 咨询电话：{min((i, pos, p) for pos, i, p in found)[2]}")
    return "\n".join([head, *extra, *footer, MORE_HINT])


def _amount_clause(line: str, most: int = 60) -> str:
    """A long line cut to the part that carries its amount: 「1000元/人是发给企业的：……」."""
    if len(line) <= most:
        return line
    label, _, rest = line.partition("：")
    if rest and _AMOUNT.search(label):
        return label
    for clause in re.split(r"(?<=[，；。])", rest or line):
        if _AMOUNT.search(clause):
            return (label + "：" if rest else "") + clause.rstrip("，；。")
    return line[:most] + "……"


def fits(parts: Sequence[str], limit: int = MAX_REPLY_BYTES) -> bool:
    return len("\n\n".join(parts).encode()) <= limit


def topic_name(intent: str) -> str:
    return TOPIC_NAMES.get(intent, intent)
