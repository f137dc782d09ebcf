"""Classifier cost per message, as a ratio to bare ``jieba.lcut`` on the same messages.

    .venv/bin/python bench/classifier_speed.py [PATH] [--rounds=N]

The messages are the texts of PATH (default ../shared/eval/intents-dev.jsonl), repeated. Both sides
are warmed up, then timed interleaved for several rounds (so drift in machine load hits both);
the best round of each is reported. The baseline is the global jieba with default settings
(HMM on), i.e. what "just segment the message" costs. Target: ratio ≤ 1.5.
"""

from __future__ import annotations

import json
import logging
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import jieba  # noqa: E402

from bot.nlu.rules import load_classifier  # noqa: E402

DEFAULT_PATH = ROOT.parent / "shared" / "eval" / "intents-dev.jsonl"
REPEAT = 10


def per_message_us(fn: Callable[[str], object], texts: list[str]) -> float:
    start = time.perf_counter()
    for text in texts:
        fn(text)
    return (time.perf_counter() - start) / len(texts) * 1e6


def main(argv: list[str]) -> int:
    rounds = next((int(a.split("=", 1)[1]) for a in argv if a.startswith("--rounds=")), 7)
    paths = [a for a in argv if not a.startswith("--")]
    path = Path(paths[0]) if paths else DEFAULT_PATH
    lines = path.read_text(encoding="utf-8").splitlines()
    texts = [json.loads(line)["text"] for line in lines if line.strip()] * REPEAT

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    classifier = load_classifier()
    for fn in (jieba.lcut, classifier.classify):  # warm up: dictionaries, caches
        per_message_us(fn, texts)

    timings: dict[str, list[float]] = {"jieba.lcut": [], "classify": []}
    for _ in range(rounds):
        timings["jieba.lcut"].append(per_message_us(jieba.lcut, texts))
        timings["classify"].append(per_message_us(classifier.classify, texts))

    base, ours = min(timings["jieba.lcut"]), min(timings["classify"])
    print(f"{len(texts)} messages × {rounds} rounds (best round shown)")
    print(f"jieba.lcut   {base:8.1f} µs/msg")
    print(f"classify     {ours:8.1f} µs/msg")
    print(f"ratio        {ours / base:8.2f}  (target ≤ 1.5)")
    print(f"throughput   {1e6 / ours:8.0f} messages/s classified, one thread")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
