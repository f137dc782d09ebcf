"""Where a turn's writes happen: the write lock is held for them, not for the turn's thinking.

A text turn is worked out first on a read-only connection (``ahead``), then written in a short
transaction if the worker's row is as it was read; otherwise, and for events, forms in progress and
turns that write more than the dashboard's counters, the whole turn runs under the lock
(``under_lock``). Both answer a redelivered push with the reply stored the first time.
"""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING

from ..nlu.classifier import Result
from ..storage.store import Speculative, User
from ..wechat.push import Message
from . import compose

if TYPE_CHECKING:
    from .turn import Bot, Trace

# Events WeChat itself sends about the account (FromUserName is a system id such as mphelper):
# handled, never answered, and the sender is not a follower to be stored.
SYSTEM_EVENTS = {
    "masssendjobfinish",
    "templatesendjobfinish",
    "qualification_verify_success",
    "qualification_verify_fail",
    "naming_verify_success",
    "naming_verify_fail",
    "annual_renew",
    "verify_expired",
}


def ahead(
    bot: Bot, msg: Message, result: Result | None, trace: Trace, lock_timeout: float | None
) -> tuple[str, str | None, User] | None:
    """The turn worked out before the write lock is taken, which is then held only to write it:
    the other workers' turns wait for a few short statements, not for a whole turn's thinking.
    None when it needs the lock throughout: a form in progress, a turn that writes more than
    the dashboard's counters, or the worker's row changed meanwhile (a second push at once)."""
    store = bot.store
    seen, reply, user = store.recall(msg.dedupe_key, msg.from_user)
    if seen:
        return "seen", reply, user
    if any(flow.active(user) for flow in bot.flows):
        return None
    was = store.row_as_read(user)
    try:
        with store.speculate() as pending:
            reply = bot.turn(msg, user, result, trace)
        reply = compose.fit(reply) if reply else reply
        user.last_seen = bot.clock()
        with store.transaction(lock_timeout):
            if not store.save_user_if(user, was):
                raise Speculative("the worker's row changed")
            store.remember(msg.dedupe_key, reply)  # IntegrityError: answered meanwhile
            for write, args in pending:
                write(*args)
    except (Speculative, sqlite3.Error):  # (query_only refused a write)
        return None
    return "turn", reply, user


def under_lock(
    bot: Bot, msg: Message, result: Result | None, trace: Trace, lock_timeout: float | None
) -> tuple[str, str | None, User]:
    """The turn under the write lock from the first read to the last write."""
    with bot.store.transaction(lock_timeout):
        seen, reply, user = bot.store.recall(msg.dedupe_key, msg.from_user)
        if seen:
            return "seen", reply, user
        if msg.msg_type == "event" and msg.event in SYSTEM_EVENTS:
            handler = bot.event_handlers.get(msg.event)
            if handler:
                handler(msg)
            bot.store.remember(msg.dedupe_key, None)
            return "system", None, user
        reply = bot.turn(msg, user, result, trace)
        reply = compose.fit(reply) if reply else reply
        user.last_seen = bot.clock()
        bot.store.save_user(user)
        bot.store.remember(msg.dedupe_key, reply)
    return "turn", reply, user
