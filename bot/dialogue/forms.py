"""What the dialogue needs of a multi-turn form (``bot.complaints.flow.ComplaintFlow`` is the one)."""

from __future__ import annotations

import dataclasses
from typing import Protocol

from ..ids import TOPIC_INTENTS
from ..nlu.model import Result
from ..storage.store import User


class Flow(Protocol):
    """A multi-turn form (the wage complaint) that can take over the conversation."""

    topic: str  # the intent a turn taken by the form counts as

    def active(self, user: User) -> bool: ...

    def handle(self, text: str, user: User, result: Result) -> str | None: ...

    def reminder(self, user: User) -> str: ...

    def offer(self, intent: str, user: User) -> str: ...

    def status(self, user: User) -> str | None: ...

    def notice(self, user: User) -> str | None: ...

    def filed_recently(self, user: User) -> bool: ...


def beside(result: Result, form: str) -> Result:
    """A question asked in a form that also names the form's topic (「钱不发我就走人 哪有别的活」
    in the wage form): the wages owed are what the form is taking; the other topic is the question,
    answered first. (The form's topic stays among those asked: the rules found it in the message.)"""
    others = tuple(t for t in result.asked if t != form and t in TOPIC_INTENTS)
    if not form or form not in result.asked or not others:
        return result
    return dataclasses.replace(result, intent=others[0], asked=(*others, form))
