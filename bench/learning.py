"""Does labelling a batch of misses fix paraphrases of them, without costing the dev set?

    .venv/bin/python bench/learning.py [--sweep] [--rounds=N]

Data: tests/data/learning-2026-12-03.jsonl, groups of messages (``group``): one ``seed`` a staff
member would label, and paraphrases of it that are never labelled. The misses are the seeds the
current rules classify wrongly; they are labelled (in memory, as staff would at the desk) and the
learned layer (bot/nlu/learned.py) is built from them. Then, rules alone vs rules + labels:

* the labelled misses themselves (exact texts),
* the paraphrases of the misses (never labelled: the point of the exercise),
* the dev set (../shared/eval/intents-dev.jsonl) and the held-out batch
  (tests/data/heldout-2026-12-03.jsonl), which must not get worse,
* classifier cost per message as a ratio to bare ``jieba.lcut`` (as bench/classifier_speed.py:
  interleaved rounds, best round, but CPU time rather than wall time), on the dev and held-out texts.

``--sweep`` also tries other features and thresholds and prints one line per setting, plus a
leave-one-out run: label every message of a group but one, predict that one (all groups).
"""

from __future__ import annotations

import json
import logging
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import jieba  # noqa: E402
from accuracy import evaluate  # noqa: E402

from bot.nlu.classifier import Classifier  # noqa: E402
from bot.nlu.learned import STRONG, THRESHOLD, UNSEEN_WEIGHT, WEAK, Learning  # noqa: E402
from bot.nlu.rules import load_classifier  # noqa: E402

DATA = ROOT / "tests" / "data"
GROUPS = DATA / "learning-2026-12-03.jsonl"
HELDOUT = DATA / "heldout-2026-12-03.jsonl"
DEV = ROOT.parent / "shared" / "eval" / "intents-dev.jsonl"

Row = dict[str, object]
Example = tuple[str, str, str | None]


class Fixed:
    """A label source that never changes (the desk's would be the store)."""

    def __init__(self, examples: Sequence[Example]) -> None:
        self._examples = list(examples)

    def version(self) -> int:
        return 1

    def examples(self) -> tuple[int, list[Example]]:
        return 1, self._examples


def read(path: Path) -> list[Row]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def accuracy(predict: Callable[[str], str], rows: Sequence[Row]) -> float:
    return sum(predict(str(r["text"])) == r["intent"] for r in rows) / len(rows) if rows else 0.0


def scores(classify: Callable[[str], tuple[str, str | None]], rows: Sequence[Row]) -> tuple[float, float]:
    plain = [{k: v for k, v in r.items() if k in ("text", "intent", "region")} for r in rows]
    result = evaluate(plain, classify)  # type: ignore[arg-type]
    return result["macro_f1"], result["accuracy"]


def learner(rules: Classifier, examples: Sequence[Example], **options: object) -> Learning:
    tokens = bool(options.pop("tokens", False))
    model = Learning(rules, Fixed(examples), tokenize=rules.tokenizer.lcut if tokens else None, **options)  # type: ignore[arg-type]
    model.refresh(force=True)
    return model


def per_message_us(fn: Callable[[str], object], texts: Sequence[str]) -> float:
    """CPU time of this process per message (other engineers' test runs share the machine)."""
    start = time.process_time()
    for text in texts:
        fn(text)
    return (time.process_time() - start) / len(texts) * 1e6


def cost(
    rules: Classifier, learned: Learning, texts: Sequence[str], rounds: int
) -> tuple[float, float, float]:
    """Best-round µs per message: jieba.lcut, rules, rules + labels."""
    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    texts = list(texts) * 5
    fns = (jieba.lcut, rules.classify, learned.classify)
    for fn in fns:
        per_message_us(fn, texts[:200])
    best = [float("inf")] * 3
    for _ in range(rounds):
        for i, fn in enumerate(fns):
            best[i] = min(best[i], per_message_us(fn, texts))
    return best[0], best[1], best[2]


def main(argv: list[str]) -> int:
    rounds = next((int(a.split("=", 1)[1]) for a in argv if a.startswith("--rounds=")), 5)
    rules = load_classifier()
    groups = read(GROUPS)
    dev, heldout = read(DEV), read(HELDOUT)

    def plain(text: str) -> str:
        return rules.classify(text).intent

    seeds = [r for r in groups if r["seed"]]
    misses = [r for r in seeds if plain(str(r["text"])) != r["intent"]]
    missed = {r["group"] for r in misses}
    paraphrases = [r for r in groups if not r["seed"] and r["group"] in missed]
    others = [r for r in groups if not r["seed"] and r["group"] not in missed]
    labels: list[Example] = [(str(r["text"]), str(r["intent"]), None) for r in misses]
    print(f"{len(groups)} messages in {len(seeds)} groups; the rules miss {len(misses)} seeds:")
    print(f"label those {len(labels)}, test on their {len(paraphrases)} paraphrases (never labelled)\n")

    def both(c: Callable[[str], object]) -> Callable[[str], tuple[str, str | None]]:
        def run(text: str) -> tuple[str, str | None]:
            r = c(text)
            return r.intent, r.region  # type: ignore[attr-defined]

        return run

    def table(title: str, model: Learning) -> None:
        learned = both(model.classify)
        ours = both(rules.classify)
        print(f"{title}")
        print(f"{'set':34} {'rules':>13} {'rules+labels':>13}")
        sets = (
            ("labelled misses (exact)", misses),
            ("their paraphrases", paraphrases),
            ("paraphrases of seeds not missed", others),
        )
        for name, rows in sets:
            a = accuracy(lambda t: ours(t)[0], rows)
            b = accuracy(lambda t: learned(t)[0], rows)
            print(f"{name + f' ({len(rows)})':34} {f'acc {a:.3f}':>13} {f'acc {b:.3f}':>13}")
        for name, rows in (("dev set", dev), ("held-out 2026-12-03", heldout)):
            fa, aa = scores(ours, rows)
            fb, ab = scores(learned, rows)
            print(f"{name + f' ({len(rows)}) F1/acc':34} {fa:6.3f}/{aa:.3f} {fb:6.3f}/{ab:.3f}")
        print()

    default = learner(rules, labels)
    table(
        f"default: char 2-3-grams, threshold {THRESHOLD}, strong {STRONG}, weak {WEAK},"
        f" unseen-feature weight {UNSEEN_WEIGHT}",
        default,
    )

    texts = [str(r["text"]) for r in dev + heldout]
    lcut, rule_us, learned_us = cost(rules, default, texts, rounds)
    print(f"CPU per message ({len(texts)} dev + held-out texts × 5, best of {rounds} interleaved rounds):")
    print(f"  jieba.lcut {lcut:6.1f} µs   rules {rule_us:6.1f} µs ({rule_us / lcut:.2f}x)   ", end="")
    print(f"rules+labels {learned_us:6.1f} µs ({learned_us / lcut:.2f}x)")

    if "--sweep" in argv:
        sweep(rules, groups, labels, misses, paraphrases, dev, heldout)
    return 0


def intent_of(model: Learning) -> Callable[[str], str]:
    return lambda text: model.classify(text).intent


def sweep(
    rules: Classifier,
    groups: list[Row],
    labels: list[Example],
    misses: list[Row],
    paraphrases: list[Row],
    dev: list[Row],
    heldout: list[Row],
) -> None:
    print(
        "\nsweep (accuracy): paraphrases of the labelled misses | dev | held-out, with the misses labelled;"
    )
    print("leave-one-out over every group message; dev | held-out with every group message labelled")
    settings: list[dict[str, object]] = []
    for unseen in (0.0, 0.6, 1.0):
        for threshold, strong in ((0.2, 0.35), (0.2, 0.5), (0.2, 0.7), (0.3, 0.5), (0.3, 0.7), (0.3, 1.01)):
            settings.append({"unseen_weight": unseen, "threshold": threshold, "strong": strong})
    settings.append(
        {"unseen_weight": UNSEEN_WEIGHT, "threshold": THRESHOLD, "strong": STRONG, "tokens": True}
    )
    settings.append({"unseen_weight": UNSEEN_WEIGHT, "threshold": THRESHOLD, "strong": STRONG, "weak": 0.75})
    every: list[Example] = [(str(r["text"]), str(r["intent"]), None) for r in groups]
    for options in settings:
        model = learner(rules, labels, **dict(options))
        para, dev_acc, held = (accuracy(intent_of(model), rows) for rows in (paraphrases, dev, heldout))
        right = 0
        for row in groups:
            rest: list[Example] = [(str(r["text"]), str(r["intent"]), None) for r in groups if r is not row]
            right += learner(rules, rest, **dict(options)).classify(str(row["text"])).intent == row["intent"]
        full = learner(rules, every, **dict(options))
        dev_all, held_all = (accuracy(intent_of(full), rows) for rows in (dev, heldout))
        shown = " ".join(f"{k}={v}" for k, v in options.items())
        print(
            f"  {shown:52} {para:.3f} | {dev_acc:.3f} | {held:.3f}   loo {right / len(groups):.3f}"
            f"   all {dev_all:.3f} | {held_all:.3f}"
        )


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
