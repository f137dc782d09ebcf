"""The learned layer: what hotline staff labelled, consulted beside the keyword rules.

``Examples`` is a nearest-example model: each labelled message becomes a TF-IDF vector over its
character bigrams and trigrams (n-grams made only of function characters such as 「怎么」「有没有」
are left out) and, optionally, its jieba tokens; a message's match is the labelled example with the
highest cosine similarity, found through an inverted index (only examples sharing a feature are
touched). Nearest-example fits the data: a few labels per topic at first, each one a phrasing the
rules missed, and an out-of-scope label (``unknown``) is as good an example as any other.

``Learning`` wraps the rules classifier (``classify(text) -> Result``, so the bot, the desk lookup
and the CLI take it in its place):

1. the exact words of a labelled message (as the classifier normalises them) get the label;
2. a learned match at or above ``strong`` similarity wins whatever the rules say (a close
   paraphrase of a label);
3. when the rules are sure (any intent but ``unknown`` at or above ``weak`` confidence), their
   answer stands, so labels rarely move what the rules already answer well (the dev-set score);
4. otherwise a learned match at or above ``threshold`` similarity wins.
A learned answer keeps the region the message itself names (as the rules read it).

It follows the labels without a restart: at most every ``check_every`` seconds a process reads the
labels' version counter (one indexed row) and rebuilds its model when it moved, in the thread that
noticed; other threads keep the old model meanwhile. The per-turn cost is the rules' plus, only for
messages the rules are unsure of, one feature extraction and an index walk.
"""

from __future__ import annotations

import dataclasses
import logging
import math
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol

from .classifier import UNKNOWN, Result, normalise
from .model import Classifies

log = logging.getLogger(__name__)

# Function characters: an n-gram made only of these says how, not what (「有没有」「怎么」「可以吗」).
STOP_CHARS = frozenset(
    "的了吗呢啊吧呀嘛么哦我你他她它们是在有没能可以怎咋什啥哪里多少请问想一下个这那就还都也要会给去该"
)
NGRAMS = (2, 3)

# Defaults measured with bench/learning.py (see bench/README.md).
THRESHOLD = 0.2
STRONG = 0.7
WEAK = 0.9
UNSEEN_WEIGHT = 0.6
CHECK_EVERY = 2.0


class LabelSource(Protocol):
    """Where labels live (``staff.labels`` over the store, wired in ``services``)."""

    def version(self) -> int: ...

    def examples(self) -> tuple[int, list[tuple[str, str, str | None]]]: ...


@dataclass(frozen=True)
class Match:
    intent: str
    region: str | None
    similarity: float
    example: str  # the labelled text it matched


def features(text: str, tokenize: Callable[[str], list[str]] | None = None) -> dict[str, int]:
    """Character bigrams and trigrams of the normalised text (and its tokens, prefixed with ``w:``),
    with how often each occurs; n-grams made only of function characters are left out."""
    found: dict[str, int] = {}
    stop = [c in STOP_CHARS for c in text]
    last = len(text) - 1
    for i in range(last):
        both = stop[i] and stop[i + 1]
        if not both:
            gram = text[i : i + 2]
            found[gram] = found.get(gram, 0) + 1
        if i + 2 <= last and not (both and stop[i + 2]):
            gram = text[i : i + 3]
            found[gram] = found.get(gram, 0) + 1
    if last == 0 and not stop[0]:
        found[text] = 1
    if tokenize is not None:
        for token in tokenize(text):
            if len(token) > 1 and not STOP_CHARS.issuperset(token):
                key = "w:" + token
                found[key] = found.get(key, 0) + 1
    return found


def _tf(count: int) -> float:
    return 1.0 if count == 1 else 1.0 + math.log(count)


class Examples:
    """Labelled messages, indexed for the nearest one by cosine similarity of TF-IDF vectors."""

    def __init__(
        self,
        examples: Sequence[tuple[str, str, str | None]],
        tokenize: Callable[[str], list[str]] | None = None,
        unseen_weight: float = UNSEEN_WEIGHT,
    ) -> None:
        self.tokenize = tokenize
        self.exact: dict[str, tuple[str, str | None]] = {}
        rows: list[tuple[str, str, str | None, dict[str, int]]] = []
        for text, intent, region in examples:
            key = normalise(text)
            if not key:
                continue
            self.exact[key] = (intent, region)  # a later label of the same words wins
            rows.append((text, intent, region, features(key, tokenize)))
        df: dict[str, int] = {}
        for *_, feats in rows:
            for f in feats:
                df[f] = df.get(f, 0) + 1
        n = len(rows)
        self.idf = {f: math.log((n + 1) / (d + 1)) + 1.0 for f, d in df.items()}
        # A feature no label has is as rare as can be: it weighs in a message's length (a long
        # message sharing one word with a label is not close to it).
        self.unseen = (math.log(n + 1) + 1.0) * unseen_weight
        self.labels: list[tuple[str, str, str | None]] = []
        self.index: dict[str, list[tuple[int, float]]] = {}
        for text, intent, region, feats in rows:
            vec = self._vector(feats)
            if not vec:
                continue
            row = len(self.labels)
            self.labels.append((text, intent, region))
            for f, w in vec.items():
                self.index.setdefault(f, []).append((row, w))

    def __len__(self) -> int:
        return len(self.labels)

    def _vector(self, feats: dict[str, int]) -> dict[str, float]:
        """Unit-length TF-IDF (sublinear tf) over the labelled features; the others count in the norm."""
        idf = self.idf
        vec: dict[str, float] = {}
        rest = 0.0
        for f, c in feats.items():
            weight = idf.get(f)
            if weight is None:
                rest += 1.0 if c == 1 else _tf(c) ** 2
            else:
                vec[f] = weight if c == 1 else _tf(c) * weight
        if not vec:
            return vec
        norm = math.sqrt(sum(w * w for w in vec.values()) + rest * self.unseen**2)
        return {f: w / norm for f, w in vec.items()}

    def label_of(self, text: str) -> tuple[str, str | None] | None:
        """The label of exactly these words (as normalised), if any."""
        return self.exact.get(normalise(text))

    def nearest(self, text: str, key: str | None = None) -> Match | None:
        """The most similar labelled message, or None if none shares a feature.

        ``key`` is the text already normalised (``classifier.normalise``), if the caller has it.
        """
        key = normalise(text) if key is None else key
        if not key or not self.labels:
            return None
        scores: dict[int, float] = {}
        index = self.index
        for f, w in self._vector(features(key, self.tokenize)).items():
            for row, v in index[f]:
                scores[row] = scores.get(row, 0.0) + w * v
        if not scores:
            return None
        row, sim = max(scores.items(), key=lambda kv: kv[1])
        text_, intent, region = self.labels[row]
        return Match(intent, region, round(sim, 4), text_)


def decide(
    result: Result,
    model: Examples,
    threshold: float = THRESHOLD,
    weak: float = WEAK,
    strong: float = STRONG,
) -> Result:
    """The rules' result, or what the labels say instead (see the module docstring)."""
    key = normalise(result.text)
    exact = model.exact.get(key)
    if exact is not None:
        intent, region = exact
        region = result.region or region
        return Result(result.text, intent, region, 1.0, result.place or region, result.scores, labelled=True)
    sure = result.intent != UNKNOWN and result.score >= weak
    if sure and strong > 1.0:
        return result  # nothing could override it: skip the search
    match = model.nearest(result.text, key)
    if match is None or match.intent == result.intent:
        return result
    if match.similarity >= strong or (not sure and match.similarity >= threshold):
        # The label decides what is asked; where it was asked from, and the pinyin reading, stay.
        return dataclasses.replace(
            result, intent=match.intent, score=match.similarity, asked=(match.intent,), labelled=True
        )
    return result


class Learning:
    """The rules classifier with the staff's labels beside it; rebuilt when the labels change."""

    def __init__(
        self,
        rules: Classifies,
        source: LabelSource,
        *,
        tokenize: Callable[[str], list[str]] | None = None,
        threshold: float = THRESHOLD,
        weak: float = WEAK,
        strong: float = STRONG,
        unseen_weight: float = UNSEEN_WEIGHT,
        check_every: float = CHECK_EVERY,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.rules = rules
        self.source = source
        self.tokenize = tokenize
        self.threshold = threshold
        self.weak = weak
        self.strong = strong
        self.unseen_weight = unseen_weight
        self.check_every = check_every
        self.clock = clock
        self.model = Examples(())
        self.version: int | None = None
        self._next_check = 0.0
        self._rebuilding = threading.Lock()

    def refresh(self, force: bool = False) -> Examples:
        """The current model, rebuilt first if the labels changed (checked every few seconds)."""
        now = self.clock()
        if not force and now < self._next_check:
            return self.model
        if not self._rebuilding.acquire(blocking=force):
            return self.model  # another thread is rebuilding: use the model we have
        try:
            self._next_check = now + self.check_every
            if force or self.source.version() != self.version:
                version, examples = self.source.examples()
                first = self.version is None
                self.model = Examples(examples, self.tokenize, self.unseen_weight)
                self.version = version
                # A change of labels is news (INFO); the first read in a process is not.
                log.log(
                    logging.DEBUG if first else logging.INFO,
                    "learned layer: %d labelled examples (labels version %d)",
                    len(self.model),
                    version,
                )
        except Exception:  # the labels are an extra: a failed read must never cost a worker's answer
            log.exception("learned layer: reading the labels failed; keeping the model we have")
        finally:
            self._rebuilding.release()
        return self.model

    def words(self, text: str) -> list[str]:
        return self.rules.words(text)

    def classify(self, raw: str) -> Result:
        result = self.rules.classify(raw)
        model = self.refresh()
        if not model.exact:
            return result
        return decide(result, model, self.threshold, self.weak, self.strong)
