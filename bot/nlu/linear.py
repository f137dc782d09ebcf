"""A linear model of a turn: which topic a message asks, read from its characters and the topic the
bot answered just before.

The keyword rules read one message alone and are exact about what they know; people chatting
refer back, spell by ear and name things the rules have no word for. This model is the second
opinion: averaged perceptrons (three shufflings, averaged) over the message's character unigrams
and bigrams as the classifier normalises it, the previous topic, and each character paired with the
previous topic. It is trained on labelled dialogues and messages (every turn of a dialogue is an
example, with the topic answered before it): ``bot learn fit`` (``make model``) writes
``intents/turns.tsv`` from the batches in tests/data in under a minute. A guess costs ~7 µs
(bench/README.md, "The turn model"); the dialogue consults it in ``bot/dialogue/second.py``.
"""

from __future__ import annotations

import functools
import random
import sys
from array import array
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
    is then one big-integer addition per feature, done in C (bench/README.md, "The turn model").

    In memory a character's row beside a previous topic is stored already added to the character's
    own row, one table per previous topic: a guess looks up one row per distinct character and one
    per bigram, and builds no feature strings."""

    def __init__(self, weights: dict[str, dict[str, float]], labels: Sequence[str]) -> None:
        self.labels = tuple(labels)
        rows = {f: _pack([row.get(lb, 0.0) for lb in self.labels]) for f, row in weights.items()}
        self.size = len(rows)  # features kept
        beside = {f: row for f, row in rows.items() if _pair(f)}
        self._rows = {f: row for f, row in rows.items() if f not in beside}  # unigrams, bigrams, topics
        chars = {f: row for f, row in self._rows.items() if len(f) == 1}
        self._chars: dict[str, dict[str, int]] = {}  # previous topic -> character -> summed row
        for feat, row in beside.items():
            table = self._chars.setdefault(feat[:-2], dict(chars))  # (shares the unigram rows' ints)
            table[feat[-1]] = row + chars.get(feat[-1], 0)

    def guess(self, text: str, prev: str | None) -> Guess | None:
        s = normalise(text)[:MAX_CHARS]
        prev = prev or START
        chars = set(s)
        bigrams = {s[i : i + 2] for i in range(len(s) - 1)}
        found = [
            *filter(None, map(self._chars.get(prev, self._rows).get, chars)),
            *filter(None, map(self._rows.get, bigrams)),
        ]
        if not found:
            return None
        total = sum(found, self._rows.get("p:" + prev, 0))
        fields = array("I")  # (every field has the same bias: the order and the gaps are unbiased)
        fields.frombytes(total.to_bytes(4 * len(self.labels), sys.byteorder))
        second, top = sorted(fields)[-2:]
        features = 1 + 2 * len(chars) + len(bigrams)  # the topic; each character, alone and beside it
        return Guess(self.labels[fields.index(top)], (top - second) / SCALE / features)

    def weights(self, feat: str) -> list[float]:
        if not _pair(feat):
            return _unpack(self._rows[feat], len(self.labels), 1)
        row = self._chars[feat[:-2]][feat[-1]]
        own = self._rows.get(feat[-1])
        return _unpack(row - own if own else row, len(self.labels), 1)

    def features(self) -> list[str]:
        """Every feature the model keeps a row for."""
        own = self._rows.get  # (where a character has no row beside a topic, its table holds its own)
        pairs = [
            f"{prev}|{c}"
            for prev, table in self._chars.items()
            for c, row in table.items()
            if row is not own(c)
        ]
        return sorted([*self._rows, *pairs])

    # -- storage ------------------------------------------------------------------------------

    def dump(self, path: Path) -> None:
        lines = [f"# labels\t{' '.join(self.labels)}"]
        for feat in self.features():
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
# of fewer than 2 ** (WIDTH - 18) rows never carries from one field into the next. A guess reads at
# most 1 + 3 * MAX_CHARS rows. (The file keeps 4 significant digits: SCALE is finer than that.)
SCALE = 1 << 16
BIAS = 1 << 17
WIDTH = 32  # one unsigned int per field: a sum is read back with array("I")
MAX_CHARS = 5000
_MASK = (1 << WIDTH) - 1


def _pair(feat: str) -> bool:
    """A character beside a previous topic (``prev|c``), not a character, bigram or ``p:`` topic."""
    return len(feat) > 2 and feat[-2] == "|" and not feat.startswith("p:")


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
