"""Scripted multi-turn dialogues through the whole bot: the share that pass, turn by turn.

    .venv/bin/python bench/dialogues.py [PATH ...] [--verbose] [--today=YYYY-MM-DD]

PATH defaults to tests/data/dialogues-dev.jsonl. One dialogue a line:

    {"region": "anqing" | null,          # the worker's saved region before the first turn
     "turns": [{"text": "...",
                "expect_intent": "...",  # what the bot took the turn to be about
                "expect_region": "...",  # optional: the contract region it answered for
                "expect_any": ["..."]}]} # the reply contains at least one of these (none: no check)

Each dialogue is one new worker on a fresh SQLite file, talking to the bot as wired by
``services.build`` (the same Bot the webhook runs). A dialogue passes when every turn is right.

The bot's calendar is pinned to ``--today`` (default 2021-02-10, inside the campaigns the seeds
describe), so the score measures the conversation, not which campaigns have ended since.
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.config import from_dict  # noqa: E402
from bot.services import Services, build  # noqa: E402
from bot.wechat.push import Message  # noqa: E402

DEFAULT_PATH = ROOT / "tests" / "data" / "dialogues-dev.jsonl"
CAMPAIGN_DAY = date(2021, 2, 10)


@dataclass
class TurnCheck:
    text: str
    ok: bool
    why: str
    reply: str


@dataclass
class Score:
    dialogues: int
    dialogues_ok: int
    turns: int
    turns_ok: int
    failures: list[tuple[int, list[TurnCheck]]]

    @property
    def dialogue_rate(self) -> float:
        return self.dialogues_ok / self.dialogues if self.dialogues else 0.0

    @property
    def turn_rate(self) -> float:
        return self.turns_ok / self.turns if self.turns else 0.0


def load(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def services_in(folder: Path, today: date = CAMPAIGN_DAY) -> Services:
    raw = {"storage": {"database": str(folder / "dialogues.db")}}
    services = build(from_dict(raw, source="bench/dialogues.py", env={}))
    services.bot.today = lambda: today
    return services


def _message(openid: str, text: str, n: int) -> Message:
    return Message(
        to_user="gh_liugong",
        from_user=openid,
        create_time=int(time.time()) + n,
        msg_type="text",
        msg_id=uuid.uuid4().hex,
        content=text,
    )


def run_dialogue(services: Services, dialogue: dict[str, Any]) -> list[TurnCheck]:
    openid = "bench-" + uuid.uuid4().hex[:12]
    store, bot, knowledge = services.store, services.bot, services.knowledge
    if dialogue.get("region"):
        with store.transaction():
            user = store.user(openid)
            user.region = dialogue["region"]
            store.save_user(user)
    checks = []
    for n, turn in enumerate(dialogue["turns"]):
        outcome = bot.take(_message(openid, turn["text"], n))
        reply = outcome.reply or ""
        why = []
        if outcome.intent != turn["expect_intent"]:
            why.append(f"intent {outcome.intent} ≠ {turn['expect_intent']}")
        want_region = turn.get("expect_region")
        got_region = knowledge.city(outcome.region)
        if want_region and got_region != want_region:
            why.append(f"region {got_region} ≠ {want_region}")
        wants = turn.get("expect_any") or []
        if wants and not any(w in reply for w in wants):
            why.append(f"reply lacks any of {wants}")
        checks.append(TurnCheck(turn["text"], not why, "; ".join(why), reply))
    return checks


def score(dialogues: list[dict[str, Any]], services: Services) -> Score:
    failures = []
    turns = turns_ok = dialogues_ok = 0
    for i, dialogue in enumerate(dialogues, 1):
        checks = run_dialogue(services, dialogue)
        turns += len(checks)
        turns_ok += sum(c.ok for c in checks)
        if all(c.ok for c in checks):
            dialogues_ok += 1
        else:
            failures.append((i, checks))
    return Score(len(dialogues), dialogues_ok, turns, turns_ok, failures)


def main(argv: list[str]) -> int:
    verbose = "--verbose" in argv
    paths = [Path(a) for a in argv if not a.startswith("--")] or [DEFAULT_PATH]
    days = [date.fromisoformat(a.split("=", 1)[1]) for a in argv if a.startswith("--today=")]
    day = days[0] if days else CAMPAIGN_DAY
    with tempfile.TemporaryDirectory() as tmp:
        services = services_in(Path(tmp), day)
        for path in paths:
            result = score(load(path), services)
            dialogues = f"{result.dialogues_ok}/{result.dialogues} ({result.dialogue_rate:.3f})"
            turns = f"{result.turns_ok}/{result.turns} ({result.turn_rate:.3f})"
            print(f"{path.name}: dialogues {dialogues}, turns {turns}")
            for i, checks in result.failures:
                print(f"  dialogue {i}:")
                for c in checks:
                    mark = "ok " if c.ok else "XX "
                    if c.ok and not verbose:
                        print(f"    {mark}{c.text}")
                        continue
                    print(f"    {mark}{c.text}  {c.why}")
                    if not c.ok or verbose:
                        print("        → " + c.reply.replace("\n", " ⏎ ")[:160])
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
