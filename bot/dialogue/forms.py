"""What the dialogue needs of a multi-turn form (``bot.complaints.flow.ComplaintFlow`` is the one)."""

from __future__ import annotations

from typing import Protocol

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
