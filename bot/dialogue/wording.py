"""Clause-level reading shared by the dialogue memory and the place statements: where a message's
clauses break, and whether it asks anything of us."""

from __future__ import annotations

import re

from ..nlu.classifier import Result
from ..nlu.clauses import QUESTION_CLAUSE

CLAUSES = re.compile(r"[\s，,。！!？?；;、]+")


def asks(text: str) -> bool:
    """Whether a message asks anything of us (a question clause or mark), a plan to ask others aside."""
    text = NOT_ASKING.sub("", text)  # 「好 我去问下人事」 plans to ask someone else
    return bool(QUESTION_CLAUSE.search(text)) or "?" in text or "？" in text


# Question words that ask nothing of us: a plan to ask someone else, 「没我啥事」.
NOT_ASKING = re.compile(
    r"[去再先](?:问下|问一下|问问)|没[我俺](?:啥|什么)事|没(?:啥|什么)(?:关系|用)|没几[天年个]|没多久"
    r"|(?:啥|什么)[也都](?:不|没)"  # 「啥也不懂」: knowing nothing, said
)


def first_clause(text: str) -> str:
    return next((p for p in CLAUSES.split(text.strip()) if p), "")


def one_clause(text: str) -> bool:
    return len([p for p in CLAUSES.split(text.strip()) if p]) == 1


# 「…顺便问下…」「另外…」: one more thing asked beside what the message does.
BESIDES = re.compile(r"顺便|顺带|另外|还想问|再问一?下|还有个事")
COMMANDS = ("subscribe", "unsubscribe")
COMMAND_SURE = 3.0  # a command named this strongly is meant beside a question without 「顺便」


def command_beside(intent: str, result: Result, text: str) -> str:
    """A command given beside a question, to do as well as answer it ("" if none): 「我想订阅通知
    顺便问下…」 leads with it, 「…有啥活动 顺便订阅一下」「帮我订阅 另外…」 name it after the topic."""
    if intent in COMMANDS:
        return intent if BESIDES.search(text) else ""
    command = next((t for t in result.asked if t in COMMANDS), "")
    sure = result.scores.get(command, 0.0) >= COMMAND_SURE
    return command if command and (sure or BESIDES.search(text)) else ""
