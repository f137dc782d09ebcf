"""Per-process turn counts, summed up in the log once a period (the turn's own lines are DEBUG)."""

from __future__ import annotations

import logging
import threading
import time
from collections import Counter
from collections.abc import Callable

# The summary is the turn's, in the turn's log (operators filter on bot.dialogue.turn).
log = logging.getLogger("bot.dialogue.turn")


class TurnStats:
    """Turn counts per process, logged at INFO once a period; each turn itself is logged at DEBUG.

    A log record per push cost ~16 µs of CPU, as much as parsing the push's XML. The counts say what
    the per-turn lines said in aggregate (message types, intents, redeliveries) and name no one.
    """

    def __init__(self, every: float = 60.0, clock: Callable[[], float] = time.monotonic) -> None:
        self.every = every
        self.clock = clock
        self._lock = threading.Lock()
        self._since = clock()
        self._kinds: Counter[str] = Counter()
        self._intents: Counter[str] = Counter()

    def count(self, kind: str, intent: str | None = None) -> None:
        with self._lock:
            self._kinds[kind] += 1
            if intent:
                self._intents[intent] += 1
            now = self.clock()
            if now - self._since < self.every:
                return
            since, kinds, intents = self._since, self._kinds, self._intents
            self._since, self._kinds, self._intents = now, Counter(), Counter()
        log.info(
            "turns in the last %.0fs: %d (%s); intents: %s",
            now - since,
            kinds.total(),
            ", ".join(f"{k} {n}" for k, n in kinds.most_common()),
            ", ".join(f"{k} {n}" for k, n in intents.most_common()) or "-",
        )
