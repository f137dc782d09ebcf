"""Load and check the classifier's rules: the data in ``intents/``.

    intents/<intent>.toml   one file per intent: "weight" = [phrases] tables, combos (see any file)
    intents/settings.toml   scoring knobs, negation and focus cues, dialect spellings, typo characters
    intents/regions.toml    place names per contract region and Anqing district, and other places
    intents/dict.txt        jieba user dictionary: ``word [freq] [tag]`` per line

Phrases are stored as the classifier sees messages: normalised (see ``classifier.normalise``) and
respelled with the dialect table, so either spelling in a rule file matches both in a message.

``validate`` lists every problem in words a content editor can act on; ``load_rules`` refuses
data with problems (``ContentError``), so a typo in a rule file stops start-up, not a chat.
"""

from __future__ import annotations

import math
import re
import tomllib
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..config import DATA_ROOT
from ..errors import ContentError
from ..ids import INTENTS, NAMED_REGIONS
from .classifier import (
    ANYWHERE,
    MESSAGE,
    WITH_PLACE,
    WORD,
    Classifier,
    Combo,
    Keyword,
    Place,
    Rules,
    normalise,
    respeller,
)

DEFAULT_DIR = DATA_ROOT / "intents"
# Kinds of place nearly every city has (经开区, 高新区): an alias of this shape names no city.
PLACE_KINDS = re.compile(r"(开发区|经开区|高新区|新区|工业园|产业园|工业区)$")
# The same kinds anywhere in a message (「我在经开区上班」 says which kind of place, not which city).
PLACE_KIND_IN = re.compile(PLACE_KINDS.pattern.removesuffix("$"))


SPECIAL_FILES = {"settings.toml", "regions.toml"}
COMBO_KEYS = {"groups", "weight", "clause"}  # clause: every group within one clause, or the last
# Keyword tables in an intent file and where their phrases may count.
KEYWORD_TABLES = {
    "keywords": ANYWHERE,
    "whole_word": WORD,
    "whole_message": MESSAGE,
    "with_place": WITH_PLACE,
}
MAX_WEIGHT = 5.0


class _Reader:
    """Collects rules and problems in one pass, so ``validate`` and ``load_rules`` agree."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.problems: list[str] = []
        self.rules = Rules(keywords=[], combos=[], places=[], negations={})
        self.respell = respeller({})

    def problem(self, where: str, message: str) -> None:
        self.problems.append(f"{where}: {message}")

    def toml(self, path: Path) -> dict[str, Any] | None:
        try:
            return tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
            self.problem(path.name, f"cannot read: {exc}")
            return None

    def weight(self, where: str, value: object) -> float | None:
        if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
            self.problem(where, f"weight must be a number, not {value!r}")
            return None
        if not 0 < value <= MAX_WEIGHT:
            self.problem(where, f"weight {value} is outside (0, {MAX_WEIGHT}]")
            return None
        return float(value)

    def strings(self, where: str, value: object) -> list[str]:
        if isinstance(value, list) and all(isinstance(v, str) for v in value):
            return value
        self.problem(where, f"expected a list of strings, not {value!r}")
        return []

    def phrase(self, where: str, text: object) -> str | None:
        """The phrase as the classifier will see it, or None (with a problem) if it can never match."""
        norm = self.respell(normalise(text)) if isinstance(text, str) else ""
        if not norm:
            self.problem(where, f"phrase {text!r} is empty once normalised and can never match")
            return None
        return norm

    # -- files ------------------------------------------------------------------------------------

    def read(self) -> None:
        if not self.root.is_dir():
            self.problem(str(self.root), "not a directory")
            return
        steps = [(self.settings, self.root / "settings.toml")]  # first: its dialect respells phrases
        steps += [
            (self.intent_file, p) for p in sorted(self.root.glob("*.toml")) if p.name not in SPECIAL_FILES
        ]
        steps += [(self.regions, self.root / "regions.toml"), (self.dictionary, self.root / "dict.txt")]
        for step, path in steps:
            try:
                step(path)
            except (AttributeError, TypeError, ValueError) as exc:  # a table where a list belongs, …
                self.problem(path.name, f"malformed: {exc}")
        self.conflicts()

    def intent_file(self, path: Path) -> None:
        data = self.toml(path)
        if data is None:
            return
        name = path.name
        intent = data.get("intent")
        if intent not in INTENTS:
            self.problem(name, f"unknown intent id {intent!r} (known: see shared/intents.md)")
            return
        for key in data.keys() - {"intent", "combo", *KEYWORD_TABLES}:
            self.problem(name, f"unknown key {key!r}")
        for table, mode in KEYWORD_TABLES.items():
            entries = data.get(table, {})
            if not isinstance(entries, dict):
                self.problem(name, f'[{table}] must be a table of "weight" = [phrases]')
                continue
            for key, texts in entries.items():
                where = f"{name} [{table}] {key!r}"
                weight = self.weight(where, _number(key))
                for text in self.strings(where, texts):
                    phrase = self.phrase(where, text)
                    if phrase is not None and weight is not None:
                        self.rules.keywords.append(Keyword(phrase, intent, weight, mode))
        combos = data.get("combo", [])
        for n, combo in enumerate(combos if isinstance(combos, list) else [combos], 1):
            self.combo(f"{name} combo #{n}", intent, combo)

    def combo(self, where: str, intent: str, combo: object) -> None:
        if not isinstance(combo, dict) or not {"groups", "weight"} <= combo.keys() <= COMBO_KEYS:
            self.problem(where, "needs `groups` (lists of phrases) and `weight`, and may say `clause`")
            return
        clause = combo.get("clause", False)
        if not isinstance(clause, bool):
            self.problem(where, "`clause` is true or false")
            return
        groups = combo["groups"]
        if (
            not isinstance(groups, list)
            or len(groups) < 2
            or not all(isinstance(g, list) and g for g in groups)
        ):
            self.problem(where, "`groups` must hold at least two non-empty lists of phrases")
            return
        weight = self.weight(where, combo["weight"])
        # Respelling may make two phrases of a group one (咋样, 怎么样): keep each once.
        parsed = tuple(tuple(dict.fromkeys(p for t in g if (p := self.phrase(where, t)))) for g in groups)
        if weight is not None:
            self.rules.combos.append(Combo(intent, parsed, weight, clause))

    def settings(self, path: Path) -> None:
        data = self.toml(path) if path.exists() else {}
        if data is None:
            return
        rules, name = self.rules, path.name
        known = {
            "threshold",
            "fuzzy_factor",
            "place_only_intent",
            "repeat_factor",
            "with_place_max_chars",
            "lose_ties",
            "courtesy",
            "fillers",
            "negations",
            "not_negations",
            "focus",
            "lead",
            "story_holds",
            "means",
            "told_first",
            "asked_leads",
            "settled",
            "focus_factor",
            "confusables",
            "dialect",
            "symbols",
            "negation_proof",
            "negation_stops",
            "people",
            "at_work",
            "people_within",
            "trades",
            "trade_verbs",
            "urgent",
        }
        for key in data.keys() - known:
            self.problem(name, f"unknown key {key!r}")
        for spelling, mandarin in data.get("dialect", {}).items():
            key, value = normalise(spelling), normalise(mandarin) if isinstance(mandarin, str) else ""
            if key and value:
                rules.dialect[key] = value
                if (raw := spelling.strip()) != key:  # (the message is respelled as written: 「嗰边」)
                    rules.dialect[raw] = value
            else:
                self.problem(name, f"[dialect] {spelling!r} = {mandarin!r}: both sides must be words")
        self.respell = respeller(rules.dialect)
        for symbol, meaning in data.get("symbols", {}).items():
            value = normalise(meaning) if isinstance(meaning, str) else ""
            if len(symbol) != 1 or normalise(symbol) or not value:
                self.problem(name, f"[symbols] {symbol!r} = {meaning!r}: one symbol, not a letter, to words")
            else:
                rules.symbols[symbol] = value
        threshold = self.weight(f"{name} threshold", data.get("threshold", rules.threshold))
        rules.threshold = threshold if threshold is not None else rules.threshold
        for key, top in (("fuzzy_factor", 1), ("repeat_factor", 1), ("focus_factor", 3)):
            factor = data.get(key, getattr(rules, key))
            if isinstance(factor, int | float) and not isinstance(factor, bool) and 0 <= factor <= top:
                setattr(rules, key, float(factor))
            else:
                self.problem(name, f"{key} must be between 0 and {top}, not {factor!r}")
        max_chars = data.get("with_place_max_chars", rules.with_place_max_chars)
        if isinstance(max_chars, int) and not isinstance(max_chars, bool) and max_chars > 0:
            rules.with_place_max_chars = max_chars
        else:
            self.problem(name, f"with_place_max_chars must be a positive whole number, not {max_chars!r}")
        only = data.get("place_only_intent", rules.place_only_intent)
        if only not in INTENTS:
            self.problem(name, f"place_only_intent: unknown intent id {only!r}")
        rules.place_only_intent = only
        for key in ("lose_ties", "courtesy", "negation_proof"):
            intents = self.strings(f"{name} {key}", data.get(key, []))
            for intent in intents:
                if intent not in INTENTS:
                    self.problem(name, f"{key}: unknown intent id {intent!r}")
            setattr(rules, key, frozenset(intents))
        fillers = self.strings(f"{name} fillers", data.get("fillers", []))
        rules.fillers = tuple(
            sorted((p for f in fillers if (p := self.phrase(f"{name} fillers", f))), key=len, reverse=True)
        )
        for table in ("negations", "focus", "lead", "settled"):
            for cue, gap in data.get(table, {}).items():
                # 「不*找」: the cue is 不找, and a negated keyword may begin at the star (找工作).
                head, star, _ = cue.partition("*")
                if star and (table != "negations" or not normalise(head) or cue.count("*") > 1):
                    self.problem(name, f"[{table}] {cue!r}: one star, inside a negation cue only")
                    continue
                phrase = self.phrase(f"{name} [{table}]", cue)
                if not isinstance(gap, int) or isinstance(gap, bool) or not 0 <= gap <= 5:
                    self.problem(name, f"[{table}] {cue!r}: gap must be a whole number 0–5, not {gap!r}")
                elif phrase:
                    getattr(rules, table)[phrase] = gap
                    if star and len(start := self.respell(normalise(head))) < len(phrase):
                        rules.negation_starts[phrase] = len(start)
        for key in ("story_holds", "means", "told_first", "asked_leads"):
            pairs = []
            for pair in data.get(key, []):
                if not (isinstance(pair, list) and len(pair) == 2 and all(p in INTENTS for p in pair)):
                    self.problem(name, f"{key}: {pair!r} is not a pair of intent ids")
                else:
                    pairs.append((pair[0], pair[1]))
            setattr(rules, key, tuple(pairs) if key == "means" else frozenset(pairs))
        for key in ("not_negations", "negation_stops"):
            for phrase in self.strings(f"{name} {key}", data.get(key, [])):
                if norm := self.phrase(f"{name} {key}", phrase):
                    getattr(rules, key).append(norm)
        for key in ("people", "at_work", "trades", "trade_verbs", "urgent"):
            words = self.strings(f"{name} {key}", data.get(key, []))
            phrases = [p for w in words if (p := self.phrase(f"{name} {key}", w))]
            setattr(rules, key, type(getattr(rules, key))(phrases))  # a frozenset or a tuple
        within = data.get("people_within", rules.people_within)
        if isinstance(within, int) and not isinstance(within, bool) and 0 < within <= 30:
            rules.people_within = within
        else:
            self.problem(name, f"people_within must be a whole number 1–30, not {within!r}")
        for bad, meant in data.get("confusables", {}).items():
            if not (isinstance(meant, str) and len(bad) == len(meant) == 1 and bad != meant):
                self.problem(name, f"[confusables] {bad!r} = {meant!r}: map one character to another")
            else:
                rules.confusables[bad] = meant

    def regions(self, path: Path) -> None:
        data = self.toml(path)
        if data is None:
            return
        name = path.name
        for key in data.keys() - {"region", "place", "other"}:
            self.problem(name, f"unknown key {key!r}")
        seen: dict[str, str] = {}

        def add(alias: object, region: str | None, place: str | None, priority: int) -> None:
            label = place or "other"
            where = f"{name} {label}"
            text = self.phrase(where, alias)
            if text is None:
                return
            if seen.setdefault(text, label) != label:
                self.problem(where, f"alias {text!r} is also given to {seen[text]}")
                return
            self.rules.places.append(Place(text, region, place, priority))

        for entry in data.get("region", []):
            rid = entry.get("id")
            if rid not in NAMED_REGIONS:
                self.problem(name, f"unknown region id {rid!r} (known: {', '.join(NAMED_REGIONS)})")
                continue
            for alias in self.strings(f"{name} {rid}", entry.get("aliases", [])):
                add(alias, rid, rid, 1)
            for alias in self.strings(f"{name} {rid}", entry.get("weak", [])):
                add(alias, rid, rid, 0)
        for entry in data.get("place", []):
            pid, rid = entry.get("id"), entry.get("region")
            if rid not in NAMED_REGIONS:
                self.problem(name, f"place {pid!r}: unknown region id {rid!r}")
            elif not isinstance(pid, str) or not pid.startswith(f"{rid}-"):
                self.problem(name, f"place id {pid!r} must start with its region id {rid!r} and a dash")
            else:
                for alias in self.strings(f"{name} {pid}", entry.get("aliases", [])):
                    add(alias, rid, pid, 2)
        for alias in self.strings(f"{name} other", data.get("other", {}).get("aliases", [])):
            # 「经开区」 alone says "somewhere", not "outside the regions": it names no place to reset to.
            add(alias, None, None, -2 if isinstance(alias, str) and PLACE_KINDS.search(alias) else -1)

    def dictionary(self, path: Path) -> None:
        if not path.exists():
            return
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            parts = line.split()
            if not parts or parts[0].startswith("#"):
                continue
            if len(parts) > 3 or (len(parts) > 1 and not parts[1].isdigit()):
                self.problem(f"{path.name}:{n}", f"expected `word [freq] [tag]`, got {line!r}")
                continue
            freq = int(parts[1]) if len(parts) > 1 else None
            self.rules.words.append((parts[0], freq, parts[2] if len(parts) > 2 else None))

    def conflicts(self) -> None:
        """The same phrase twice in one intent, or with equal weight in two intents (a coin toss)."""
        seen: dict[tuple[str, str], Keyword] = {}
        by_text: dict[tuple[str, float], str] = {}
        for kw in self.rules.keywords:
            if (old := seen.get((kw.intent, kw.text))) is not None:
                self.problem(kw.intent, f"keyword {kw.text!r} is listed twice ({old.mode}, {kw.mode})")
            seen[(kw.intent, kw.text)] = kw
            other = by_text.setdefault((kw.text, kw.weight), kw.intent)
            if other != kw.intent:
                self.problem(
                    kw.intent,
                    f"keyword {kw.text!r} has the same weight {kw.weight} in {other}: "
                    "which one wins is arbitrary",
                )


def _number(key: str) -> float | str:
    """A table key as a number if it reads as one (weights are keys: "2.5" = [...])."""
    try:
        return float(key)
    except ValueError:
        return key


def _read(intents_dir: Path) -> _Reader:
    reader = _Reader(Path(intents_dir))
    reader.read()
    return reader


def validate(intents_dir: Path = DEFAULT_DIR) -> list[str]:
    """Every problem in the rule data, one human-readable line each; empty when all is well."""
    return _read(intents_dir).problems


def load_rules(intents_dir: Path = DEFAULT_DIR) -> Rules:
    reader = _read(intents_dir)
    if reader.problems:
        raise ContentError(f"{intents_dir}: " + "; ".join(reader.problems))
    return reader.rules


@lru_cache(maxsize=4)
def load_classifier(intents_dir: Path | None = None) -> Classifier:
    """The classifier for ``intents_dir`` (default: the repository's intents/), built once."""
    return Classifier(load_rules(intents_dir or DEFAULT_DIR))
