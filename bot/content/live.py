"""This process's knowledge and classifier, kept to the content published at the desk.

``LiveContent`` is built once per process (``bot.services.build``) from the shipped files and the
published overlay. ``refresh()`` is called at the start of every request (a hook the desk
registers) and every classification: it costs a clock read (~0.8 µs measured, against ~375 µs for
a classification); at most every ``reload_seconds`` it also reads the content version (one row,
~14 µs). When the version moved, a thread applies the published overlay to a copy of the shipped
folders and loads it: answers and sources in ~0.15 s, which the request that noticed waits for
(up to ``WAIT_SECONDS``), so it already answers with them; a new classifier (keywords, aliases)
takes ~2 s and is swapped in by a later request. So a publish reaches every worker process within
``reload_seconds`` plus a moment, without a restart, and only one request per publish waits.

The ``Knowledge`` object is swapped *in place* (its attributes replaced in one assignment), because
the bot, the complaint form, the broadcasts and the desk each hold a reference to it. The object is
this holder's own copy: the ``load_knowledge`` cache that other ``Services`` in the same process
may share is never touched. The classifier is swapped by reference: the bot classifies through
this holder (``classify``).
"""

from __future__ import annotations

import copy
import dataclasses
import logging
import os
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

from ..config import ContentSettings
from ..nlu.classifier import Classifier, Result
from ..nlu.rules import load_rules
from ..nlu.text import normalise
from ..storage.store import Store
from .editing import published_overlay, version
from .knowledge import Knowledge
from .overlay import Payload, Tree, apply, copy_tree

log = logging.getLogger(__name__)

WAIT_SECONDS = 0.5  # how long the request that notices a new version waits for the reload


class LiveContent:
    def __init__(
        self,
        store: Store,
        settings: ContentSettings,
        knowledge: Knowledge,
        classifier: Classifier,
        *,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.store = store
        self.base = Tree(Path(settings.content_dir), Path(settings.intents_dir))
        self.every = settings.reload_seconds
        self.clock = clock
        self.knowledge = copy.copy(knowledge)  # ours to swap in place (see the module docstring)
        self._shipped_knowledge = knowledge
        self._shipped_classifier = classifier
        self._classifier = classifier
        self._version = 0
        self._phrases: frozenset[tuple[str, str]] = frozenset()  # keyword/alias overlay in the classifier
        self._desk_words: tuple[tuple[str, str], ...] = ()  # (keyword, intent) published at the desk
        self._next = 0.0
        self._lock = threading.Lock()
        self._pending: tuple[int, Knowledge, Classifier, frozenset[tuple[str, str]]] | None = None
        self._building: int | None = None  # the pid whose thread is building
        self.reload(wait=True)

    @property
    def classifier(self) -> Classifier:
        return self._classifier

    @property
    def version(self) -> int:
        return self._version

    def words(self, text: str) -> list[str]:
        return self.classifier.words(text)

    def classify(self, raw: str) -> Result:
        self.refresh()
        result = self._classifier.classify(raw)
        said = normalise(raw) if self._desk_words else ""
        if any(intent == result.intent and word in said for word, intent in self._desk_words):
            # An official's keyword decided it: the static turn model does not overrule the desk.
            return dataclasses.replace(result, labelled=True)
        return result

    def refresh(self) -> None:
        """Cheap: swap in a finished reload; look for a new version at most every ``every`` seconds."""
        if self._pending is not None:
            self._swap()
        now = self.clock()
        if now < self._next:
            return
        self._next = now + self.every
        self.reload(wait=False)

    def reload(self, wait: bool) -> None:
        """Load the published content if its version moved; in the background unless ``wait``."""
        current = version(self.store)
        if current == self._version:
            return
        if wait:
            self._pending = self._build(current)
            self._swap()
            return
        with self._lock:
            if self._building == os.getpid():
                return
            self._building = os.getpid()
        worker = threading.Thread(target=self._build_in_background, args=(current,), daemon=True)
        worker.start()
        # Most edits reload in ~0.15 s: wait that long, so this very request already answers with
        # them; a new classifier (~2 s) keeps building in the background and a later request swaps it.
        worker.join(WAIT_SECONDS)
        if self._pending is not None:
            self._swap()

    # -- internals --------------------------------------------------------------------------------

    def _build_in_background(self, target: int) -> None:
        try:
            self._pending = self._build(target)
        except Exception:  # a bad state must not kill the process; the old content keeps serving
            log.exception(
                "content reload to version %d failed; still serving version %d", target, self._version
            )
            self._next = self.clock() + self.every * 5
        finally:
            with self._lock:
                self._building = None
            self.store.close()  # this thread's connection

    def _build(self, target: int) -> tuple[int, Knowledge, Classifier, frozenset[tuple[str, str]]]:
        started = time.perf_counter()
        # The version first: if a publish lands in between, the overlay is the newer one and the
        # next refresh sees the version move and loads again (never the other way round).
        current = version(self.store)
        overlay = published_overlay(self.store)
        phrases = frozenset((k, key) for (k, key) in overlay if k in ("keyword", "alias"))
        if not overlay:
            knowledge, classifier = Knowledge(self.base.content), self._shipped_classifier
        else:
            knowledge, classifier = self._load(overlay, rebuild_rules=phrases != self._phrases)
        log.info(
            "content version %d loaded (%d desk edits) in %.0f ms",
            current,
            len(overlay),
            (time.perf_counter() - started) * 1000,
        )
        return current, knowledge, classifier, phrases

    def _load(
        self, overlay: dict[tuple[str, str], Payload], rebuild_rules: bool
    ) -> tuple[Knowledge, Classifier]:
        with tempfile.TemporaryDirectory(prefix="liugong-live-") as tmp:
            tree = copy_tree(self.base, Path(tmp))
            apply(overlay, tree)
            knowledge = Knowledge(tree.content)
            classifier = self._classifier
            if rebuild_rules:
                has_phrases = any(k in ("keyword", "alias") for k, _ in overlay)
                classifier = Classifier(load_rules(tree.intents)) if has_phrases else self._shipped_classifier
        knowledge.dir = self.base.content  # the copy is gone; nothing reads files after loading
        return knowledge, classifier

    def _swap(self) -> None:
        with self._lock:
            pending, self._pending = self._pending, None
        if pending is None:
            return
        target, knowledge, classifier, phrases = pending
        self.knowledge.__dict__ = knowledge.__dict__  # one assignment: readers see old or new
        self._classifier = classifier
        self._phrases = phrases
        self._desk_words = tuple(
            (normalise(phrase), intent)
            for kind, key in sorted(phrases)
            if kind == "keyword"
            for intent, _, phrase in [key.partition("|")]
        )
        self._version = target
