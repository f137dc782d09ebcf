"""A text turn is worked out before the write lock is taken, and written only if nothing moved.

The lock is then held for a few statements, not for the turn's thinking (bench/README.md). These
tests make the other writer act at the worst moment, between the turn's read and its write, on a
real SQLite file, from another thread with its own connection.
"""

from __future__ import annotations

import dataclasses
import threading
from collections.abc import Callable
from typing import Any

import pytest
from helpers.harness import Harness

from bot.dialogue.turn import Bot


def _meanwhile(monkeypatch: pytest.MonkeyPatch, act: Callable[[Any], None]) -> list[str | None]:
    """Patch ``Bot.turn`` so that ``act(msg)`` runs in another thread during the first turn worked
    out; return the regions each turn was worked out for."""
    real = Bot.turn
    regions: list[str | None] = []

    def turn(self: Bot, msg: Any, user: Any, result: Any, trace: Any = None) -> str | None:
        regions.append(user.region)
        if len(regions) == 1:
            other = threading.Thread(target=act, args=(msg,))
            other.start()
            other.join()
        return real(self, msg, user, result, trace)

    monkeypatch.setattr(Bot, "turn", turn)
    return regions


def test_a_turn_is_worked_out_again_if_the_worker_changed_meanwhile(
    harness: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = harness.services.store
    harness.say("我在大连打工", "o-race")

    def moved(_: Any) -> None:  # the desk (or another push) sets the worker's place to 安庆
        store.save_user(dataclasses.replace(store.user("o-race"), region="anqing"))
        store.close()

    regions = _meanwhile(monkeypatch, moved)
    reply = harness.say("失业金怎么领", "o-race")
    assert regions == ["dalian", "anqing"]  # the first answer was dropped, not written over the move
    assert "安庆" in reply and "大连" not in reply
    assert store.user("o-race").region == "anqing"


def test_a_push_answered_meanwhile_is_answered_once(
    harness: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    store, bot = harness.services.store, harness.services.bot
    replies: list[str | None] = []

    def redelivered(msg: Any) -> None:  # WeChat's retry of the same push, taken by another thread
        replies.append(bot.respond(msg))
        store.close()

    regions = _meanwhile(monkeypatch, redelivered)
    reply = harness.say("今天天气怎么样呀", "o-twice")
    assert len(regions) == 2  # ours, then the retry's; ours is not written
    assert replies == [reply]  # both answers are the one stored
    assert store.unanswered()[0]["times"] == 1  # counted once


def test_the_counters_a_turn_queued_are_written_with_it(harness: Harness) -> None:
    store = harness.services.store
    harness.say("今天天气怎么样呀", "o-count")
    harness.say("安庆失业金怎么领", "o-count")
    counts = {
        (r["intent"], r["region"]): r["asked"]
        for r in store.conn.execute("SELECT intent, region, asked FROM question_counts")
    }
    assert counts == {("unknown", ""): 1, ("unemployment_benefit", "anqing"): 1}
    assert [u["text"] for u in store.unanswered()] == ["今天天气怎么样呀"]


def test_a_form_in_progress_is_taken_under_the_lock(harness: Harness) -> None:
    store = harness.services.store
    speculative = 0
    real = store.speculate

    def counting() -> Any:
        nonlocal speculative
        speculative += 1
        return real()

    store.speculate = counting  # type: ignore[method-assign]
    assert "第1步" in harness.say("我要投诉欠薪", "o-form")
    assert speculative == 1
    harness.say("大连顺达建筑公司", "o-form")  # a form in progress: under the lock throughout
    assert speculative == 1
    assert store.user("o-form").state is not None
