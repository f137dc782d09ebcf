"""Does the turn model (bot/nlu/linear.py) help on dialogues it was not trained on?

For a split point N it trains the model only on what came before — dialogue batches numbered below
N (and our dev dialogues), and the message batches older than the first message batch given — then
scores dialogue batches N… three ways on the same build: the rules alone (no model), and the rules
with that model's second opinion (bot/dialogue/second.py). The shipped model (``make model``) is
trained on every batch; this is how it does on batches it never saw.

Usage:
    python bench/turn_model.py 132 05i       # batches 132… ; messages from heldout-2026-12-05i on held out
    python bench/turn_model.py 132 05i 137   # only up to batch 137
"""

from __future__ import annotations

import json
import re
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from dialogues import CAMPAIGN_DAY, load, score

from bot.config import DATA_ROOT, from_dict
from bot.nlu import linear
from bot.services import build

DATA = Path(__file__).resolve().parent.parent / "tests" / "data"


def number(path: Path) -> int:
    found = re.search(r"-(\d+)\.jsonl$", path.name)
    return int(found.group(1)) if found else 0  # dialogues-dev.jsonl: ours, always trained on


def main(argv: list[str]) -> int:
    first, messages_from = int(argv[0]), argv[1]
    last = int(argv[2]) if len(argv) > 2 else 10**6
    dialogues = sorted(DATA.glob("dialogues-*.jsonl"), key=number)
    train_files = [p for p in dialogues if number(p) < first]
    train_files += [
        p for p in sorted(DATA.glob("heldout-*.jsonl")) if p.stem[len("heldout-2026-12-") :] < messages_from
    ]
    test_files = [p for p in dialogues if first <= number(p) <= last]
    records = [
        json.loads(line)
        for p in train_files
        for line in p.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    model = linear.train(linear.examples(records))
    print(f"trained on {len(train_files)} files ({len(records)} records); scoring {len(test_files)} batches")
    totals = {"rules alone": [0, 0], "rules + turn model": [0, 0]}
    with tempfile.TemporaryDirectory() as tmp:
        intents = Path(tmp) / "intents"
        shutil.copytree(DATA_ROOT / "intents", intents)
        (intents / linear.FILE).unlink(missing_ok=True)
        for name in totals:
            if name != "rules alone":
                model.dump(intents / linear.FILE)
            raw = {
                "storage": {"database": str(Path(tmp) / f"{len(name)}.db")},
                "content": {"intents_dir": str(intents)},
            }
            services = build(from_dict(raw, source="bench/turn_model.py", env={}))
            services.bot.today = lambda: CAMPAIGN_DAY
            rates = []
            for path in test_files:
                result = score(load(path), services)
                totals[name][0] += result.dialogues_ok
                totals[name][1] += result.dialogues
                rates.append(f"{number(path)}: {result.dialogues_ok}")
            ok, n = totals[name]
            print(f"{name:20s} {ok} / {n} ({ok / n:.3f})   " + ", ".join(rates))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
