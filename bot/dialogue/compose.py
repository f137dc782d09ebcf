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
from dataclasses import dataclass
from functools import lru_cache

MAX_REPLY_BYTES = 2040  # WeChat cuts a text reply past about 2048 bytes of UTF-8
MORE_HINT = "回复「详细」看办理步骤和材料"
SHORT_ENOUGH = 170  # characters: a text this short is already one phone screen
_STEP = re.compile(r"^\d+[.、．]\s*")
_AMOUNT = re.compile(r"\d[\d,.]*\s*(元|块|倍|%)")
_FOOTER = ("（依据", "⚠")
_ASKING_END = re.compile(r"[不吗么呢没嘛][?？]?(?=$|[\s,，。!！?？])")

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


@dataclass(frozen=True)
class _Answer:
    """What ``short`` needs of one answer text, worked out once per text (answers repeat)."""

    head: str
    footer: tuple[str, ...]
    # body lines a question may pick: (the line as shown, its two-character pieces)
    picks: tuple[tuple[str, frozenset[str]], ...]
    head_pieces: frozenset[str]
    head_amount: bool
    amount: str | None  # the first amount line, cut to its amount
    phones: tuple[tuple[int, int, str], ...]  # (line, position, number) of each number in the body
    whole: bool  # short enough as it is


@lru_cache(maxsize=1024)
def _answer(full: str, phones: tuple[str, ...]) -> _Answer:
    lines = full.split("\n")
    head, rest = lines[0], lines[1:]
    body = [line for line in rest if not line.startswith(_FOOTER)]
    amount = next((line for line in body if _AMOUNT.search(line)), None)
    return _Answer(
        head=head,
        footer=tuple(line for line in rest if line.startswith(_FOOTER)),
        picks=tuple(("· " + _amount_clause(_STEP.sub("", line), 70), _bigrams(line)) for line in body),
        head_pieces=_bigrams(head),
        head_amount=bool(_AMOUNT.search(head)),
        amount="· " + _amount_clause(_STEP.sub("", amount)) if amount else None,
        phones=tuple(
            sorted((i, line.find(p), p) for i, line in enumerate(body) for p in phones if p in line)
        ),
        whole=len(full) <= SHORT_ENOUGH or not body,
    )


# How the answers say what workers ask in other words: a bus back to work is 「点对点」 return service.
_SAID_AS = {"包车": "点对点返岗", "组织的车": "点对点返岗", "车接": "点对点返岗", "接我们回": "点对点返岗"}
_SAID_AS |= {"户口": "户籍"}  # (「户口是本地的也行不」: the line on 户籍)


def _closest(answer: _Answer, question: str) -> str | None:
    """The line sharing most two-character pieces with the question, not counting what the opening
    line already says: at least three, or two that no other line shares as many of, or one that no
    other line shares at all (「春联去哪领」 → the line on 春联)."""
    question += "".join(said for word, said in _SAID_AS.items() if word in question)
    # (the particle that ends a question is no piece of what is asked: 「加班费不」 is not 「费不」)
    question = _ASKING_END.sub(" ", question)
    asked = _bigrams(question) - answer.head_pieces  # pieces with punctuation match no line anyway
    counts = sorted(((len(asked & pieces), i) for i, (_, pieces) in enumerate(answer.picks)), reverse=True)
    if not counts or counts[0][0] < 1:
        return None
    n, i = counts[0]
    if n <= 2 and len(counts) > 1 and counts[1][0] >= max(n, 1):
        return None
    return answer.picks[i][0]


def short(full: str, phones: Sequence[str], question: str = "") -> str:
    """The first screen of an answer; ``full`` itself when it has nothing more to hold back.

    Beside the opening line it keeps the line closest to the question (「红包能抵加班费吗」 → the
    line on 红包 and 加班费), the amount, and the number to call, each only when not said yet."""
    answer = _answer(full, tuple(phones))
    if answer.whole:
        return full
    extra: list[str] = []
    closest = _closest(answer, question) if question else None
    if closest:
        extra.append(closest)
    if answer.amount and not answer.head_amount and not (closest and _AMOUNT.search(closest)):
        extra.append(answer.amount)
    said = answer.head + "".join(extra)
    if answer.phones and answer.phones[0][2] not in said:
        # The number the answer itself gives first (12348 for legal aid, not the region's 12333),
        # though a line picked for the question names another.
        extra.append(f"☎ 咨询电话：{answer.phones[0][2]}")
    return "\n".join([answer.head, *extra, *answer.footer, MORE_HINT])


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


TRUNCATED = "……（消息太长没显示完，回复「人工」查电话）"


def fit(text: str, limit: int = MAX_REPLY_BYTES) -> str:
    """Keep a reply inside WeChat's limit, cutting whole lines from the end."""
    if len(text.encode()) <= limit:
        return text
    budget = limit - len(TRUNCATED.encode()) - 1
    kept: list[str] = []
    for line in text.split("\n"):
        if len("\n".join([*kept, line]).encode()) > budget:
            break
        kept.append(line)
    if not kept:  # one enormous line
        kept = [text.encode()[:budget].decode(errors="ignore")]
    return "\n".join(kept) + "\n" + TRUNCATED


def fits(parts: Sequence[str], limit: int = MAX_REPLY_BYTES) -> bool:
    return len("\n\n".join(parts).encode()) <= limit


def topic_name(intent: str) -> str:
    return TOPIC_NAMES.get(intent, intent)
