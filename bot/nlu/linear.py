"""A linear model of a turn: which topic a message asks, read from its characters and the topic the
bot answered just before.

The keyword rules read one message alone and are exact about what they know; people chatting
refer back, spell by ear and name things the rules have no word for. This model is the second
opinion: averaged perceptrons (three shufflings, averaged) over the message's character unigrams
and bigrams as the classifier normalises it, the previous topic, and each character paired with the
previous topic. It is trained on labelled dialogues and messages (every turn of a dialogue is an
example, with the topic answered before it): ``bot learn fit`` (``make model``) writes
``intents/turns.tsv`` from the batches in tests/data in under a minute. A guess costs ~17 µs
(bench/README.md, "The turn model"); the dialogue consults it in ``bot/dialogue/second.py``.
"""

from __future__ import annotations

import functools
import math
import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..ids import INTENTS, TOPIC_INTENTS
from .text import normalise

FILE = "turns.tsv"  # in intents/
START = "-"  # the previous topic of a first message
EPOCHS = 8
SEEDS = 3
PRUNE = 1e-3  # averaged weights smaller than this (relative to the largest) are not kept


@dataclass(frozen=True)
class Guess:
    intent: str
    margin: float  # the best score minus the second best, per feature of the message


def features(text: str, prev: str) -> list[str]:
    """The message's distinct character unigrams and bigrams, the previous topic, and each character
    paired with the previous topic (sorted: a model trained twice is the same file)."""
    return sorted(_features(normalise(text), prev))


def _features(s: str, prev: str) -> set[str]:
    found = {"p:" + prev}
    found.update(s)
    found.update(s[i : i + 2] for i in range(len(s) - 1))
    # Each character also beside the previous topic: 「钱给我自己吗」 after the unemployment answer is
    # about unemployment benefit, after the training answer about training.
    found.update(f"{prev}|{c}" for c in s)
    return found


class TurnModel:
    """Weights a feature gives each label. Each feature's row is packed into one integer, a
    fixed-point field of ``WIDTH`` bits per label, biased to stay positive: summing a message's rows
    is then one big-integer addition per feature, done in C (bench/README.md, "The turn model")."""

    def __init__(self, weights: dict[str, dict[str, float]], labels: Sequence[str]) -> None:
        self.labels = tuple(labels)
        self.rows = {f: _pack([row.get(lb, 0.0) for lb in self.labels]) for f, row in weights.items()}

    def guess(self, text: str, prev: str | None) -> Guess | None:
        feats = _features(normalise(text), prev or START)
        get = self.rows.get
        rows = [row for f in feats if (row := get(f)) is not None]
        if len(rows) < 2:
            return None
        totals = _unpack(sum(rows), len(self.labels), len(rows))
        best = max(range(len(totals)), key=totals.__getitem__)
        top = totals[best]
        totals[best] = -math.inf
        return Guess(self.labels[best], (top - max(totals)) / len(feats))

    def weights(self, feat: str) -> list[float]:
        return _unpack(self.rows[feat], len(self.labels), 1)

    # -- storage ------------------------------------------------------------------------------

    def dump(self, path: Path) -> None:
        lines = [f"# labels\t{' '.join(self.labels)}"]
        for feat in sorted(self.rows):
            pairs = sorted(zip(self.labels, self.weights(feat), strict=True))
            lines.append(f"{feat}\t" + " ".join(f"{label}:{w:.4g}" for label, w in pairs if w))
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")

    @classmethod
    def load(cls, path: Path) -> TurnModel | None:
        """The model in ``path`` (None if there is none: the rules answer alone). Raises ValueError
        on a malformed file."""
        if not path.exists():
            return None
        weights: dict[str, dict[str, float]] = {}
        labels: list[str] = []
        for line in path.read_text(encoding="utf-8").splitlines():
            feat, _, row = line.partition("\t")
            if feat == "# labels":
                labels = row.split()
                continue
            weights[feat] = {label: float(w) for label, _, w in (item.partition(":") for item in row.split())}
        return cls(weights, labels)


# Packed rows: a weight (at most 1 in size) is round(w * SCALE) + BIAS in a WIDTH-bit field; a sum
# of fewer than 2 ** (WIDTH - 26) rows never carries from one field into the next.
SCALE = 1 << 24
BIAS = 1 << 25
WIDTH = 40
_MASK = (1 << WIDTH) - 1


def _pack(weights: Sequence[float]) -> int:
    packed = 0
    for i, weight in enumerate(weights):
        if not -1.0 <= weight <= 1.0:  # (a wider one would spill into its neighbour's field)
            raise ValueError(f"weight {weight} is outside [-1, 1]")
        packed |= (round(weight * SCALE) + BIAS) << (WIDTH * i)
    return packed


def _unpack(packed: int, size: int, rows: int) -> list[float]:
    """The per-label sums of ``rows`` packed rows added together."""
    offset = rows * BIAS
    return [(((packed >> (WIDTH * i)) & _MASK) - offset) / SCALE for i in range(size)]


def shared(path: Path) -> TurnModel | None:
    """``TurnModel.load``, read once per process while the file stays the same (a model is only read
    after loading, so every bot built in a process, and every thread, can share it)."""
    try:
        stat = path.stat()
    except FileNotFoundError:
        return None
    return _load(str(path), stat.st_mtime_ns, stat.st_size)


@functools.lru_cache(maxsize=4)
def _load(path: str, mtime_ns: int, size: int) -> TurnModel | None:
    return TurnModel.load(Path(path))


def examples(lines: Iterable[dict[str, Any]]) -> list[tuple[str, str, str]]:
    """(text, previous topic, topic) from labelled JSONL records: a message (``text``, ``intent``) or
    a dialogue (``turns`` of ``text``, ``expect_intent``), whose turns follow the topic last answered."""
    out: list[tuple[str, str, str]] = []
    for record in lines:
        if "turns" not in record:
            out.append((record["text"], START, record["intent"]))
            continue
        before = START
        for turn in record["turns"]:
            out.append((turn["text"], before, turn["expect_intent"]))
            if turn["expect_intent"] in TOPIC_INTENTS:
                before = turn["expect_intent"]
    return out


def train(examples: Iterable[tuple[str, str, str]], epochs: int = EPOCHS, seeds: int = SEEDS) -> TurnModel:
    """Averaged multiclass perceptrons over (text, previous topic, topic) examples, one per shuffling
    seed, averaged in turn (one perceptron's margins depend on the order it saw the examples in)."""
    data = [(features(text, prev or START), label) for text, prev, label in examples]
    labels = sorted({label for _, label in data})
    merged: dict[str, dict[str, float]] = {}
    for seed in range(seeds):
        for feat, row in _perceptron(data, labels, epochs, seed).items():
            into = merged.setdefault(feat, {})
            for label, weight in row.items():
                into[label] = into.get(label, 0.0) + weight / seeds
    return TurnModel(merged, labels)


def _perceptron(
    data: list[tuple[list[str], str]], labels: list[str], epochs: int, seed: int
) -> dict[str, dict[str, float]]:
    """One averaged perceptron's weights, scaled so the largest is 1 (tiny ones dropped)."""
    w: dict[str, dict[str, float]] = {}
    acc: dict[str, dict[str, float]] = {}  # sum over steps of each weight, kept lazily via stamps
    stamp: dict[tuple[str, str], int] = {}
    step = 0
    order = list(range(len(data)))
    rng = random.Random(seed)

    def bump(feat: str, label: str, delta: float) -> None:
        row, arow = w.setdefault(feat, {}), acc.setdefault(feat, {})
        key = (feat, label)
        old = row.get(label, 0.0)
        arow[label] = arow.get(label, 0.0) + old * (step - stamp.get(key, 0))
        stamp[key] = step
        row[label] = old + delta

    for _ in range(epochs):
        rng.shuffle(order)
        for i in order:
            step += 1
            feats, gold = data[i]
            totals = dict.fromkeys(labels, 0.0)
            for f in feats:
                for label, wt in w.get(f, {}).items():
                    totals[label] += wt
            best = max(labels, key=lambda lb: (totals[lb], lb != gold))  # a tie is a mistake
            if best != gold:
                for f in feats:
                    bump(f, gold, 1.0)
                    bump(f, best, -1.0)
    averaged: dict[str, dict[str, float]] = {}
    for feat, row in w.items():
        for label, wt in row.items():
            total = acc[feat][label] + wt * (step - stamp[(feat, label)])
            averaged.setdefault(feat, {})[label] = total / step
    top = max((abs(v) for row in averaged.values() for v in row.values()), default=1.0)
    kept = {
        feat: {lb: v / top for lb, v in row.items() if abs(v) >= PRUNE * top}
        for feat, row in averaged.items()
    }
    return {f: r for f, r in kept.items() if r}


def problems(intents_dir: Path) -> list[str]:
    """What ``bot check`` says about ``intents/turns.tsv``."""
    path = intents_dir / FILE
    try:
        model = TurnModel.load(path)
    except ValueError as exc:
        return [f"{path}: malformed ({exc})"]
    if model is None:
        return []
    unknown = sorted(set(model.labels) - set(INTENTS))
    return [f"{path}: intent {label!r} is not in intents.md" for label in unknown]
