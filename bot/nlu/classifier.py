"""Intent and region classification: pure, no I/O; rules come in as data (``Rules``, see rules.py).

How a message is read:
1. normalise — cut the raw text first (jieba's cost grows badly on long repeated input), then
   NFKC (full-width digits and letters), lower case, traditional → simplified, meaningful emoji
   read as words (👍 → 点赞), whitespace and punctuation removed (voice transcripts, spaced-out
   characters); at most ``MAX_CHARS``.
2. find keywords, combo terms and place names in one Aho-Corasick pass over a "fuzzy shadow" of
   the text (toneless pinyin with the usual fuzzy initials/finals, plus look-alike characters), so
   homophone and look-alike typos such as 「欠心」「招骋」 still count. A typo must keep at least
   half of the keyword's characters and must not be a real word itself (「事业」 ≠ 失业).
3. where it matters, ask our own ``jieba.Tokenizer`` (domain user dictionary) for token boundaries:
   a short place name must not be split (「大连锁」 is 大/连锁, not 大连), a typo must not straddle
   a word, overlapping keywords of two intents go with the segmentation. Most messages need no
   segmentation at all, which keeps the classifier about as cheap as one ``jieba.lcut``.
4. a negation cue (「不是问」「不要」…) just before a keyword turns it against its intent, up to a
   clause break or a stop word (「不是问加班是工资…」); a cue may overlap the keyword (「不找工作」).
   A focus cue (「我想问」「而是」) strengthens it: 「不是问失业金，我想问培训」. Intents whose
   phrases are negations themselves (退订: 「别再发了」) are immune.
5. per intent, evidence saturates (each further hit counts ``repeat_factor`` of the one before);
   greetings and thanks yield to any real question; the best wins if it clears ``threshold``,
   else ``unknown``. A message that is only a place name is ``place_only_intent`` (set_region).
"""

from __future__ import annotations

import logging
import math
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import jieba

MAX_CHARS = 200
UNKNOWN = "unknown"
# A keyword may match through a typo only if it is distinctive: this weight for up to three
# characters, a little less for longer ones. Short weak phrases have near-homophones everywhere
# (钱了 ≈ 欠了, 办什么 ≈ 帮什么).
FUZZY_MIN_WEIGHT = 2.5

# Where a keyword may count (``Keyword.mode``).
ANYWHERE = "any"  # as a substring
WORD = "word"  # only as whole jieba tokens (or a run of them)
MESSAGE = "message"  # only as the whole message
WITH_PLACE = "place"  # as a substring, and only when the message also names a place

_STRIP = re.compile(r"[\s\W_]+", re.UNICODE)
# Context right before a place name that makes it someone's home, not where they are now.
_HOME_CUES = ("老家", "家乡", "户口", "户籍", "回")


@dataclass(frozen=True)
class Keyword:
    text: str
    intent: str
    weight: float
    mode: str = ANYWHERE


@dataclass(frozen=True)
class Combo:
    """Fires when every group has at least one of its terms in the text (not negated)."""

    intent: str
    groups: tuple[tuple[str, ...], ...]
    weight: float


@dataclass(frozen=True)
class Place:
    alias: str
    region: str | None  # contract region id (shared/intents.md); None for a place outside them
    place: str | None  # most specific id: a district id or the region id
    priority: int  # 2 district, 1 region, 0 weak (ambiguous) name, -1 outside the regions


@dataclass
class Rules:
    keywords: list[Keyword]
    combos: list[Combo]
    places: list[Place]
    negations: dict[str, int]  # cue → characters allowed between cue and keyword
    # cue → where in it a negated keyword may already begin (「不找工作」: 找工作 begins inside 不找);
    # a cue not listed reaches only past its end.
    negation_starts: dict[str, int] = field(default_factory=dict)
    not_negations: list[str] = field(default_factory=list)  # phrases holding a cue that negate nothing
    focus: dict[str, int] = field(default_factory=dict)  # cue → gap, as for negations
    focus_factor: float = 1.5  # weight multiplier for a keyword right after a focus cue
    confusables: dict[str, str] = field(default_factory=dict)  # look-alike typo → meant character
    # Dialect spelling → Mandarin (咋 → 怎么, 冇 → 没有), applied to messages; rules.py applies it to
    # every phrase too, so a keyword written either way matches both.
    dialect: dict[str, str] = field(default_factory=dict)
    # Emoji and symbols that say something (👍 → 点赞), read before punctuation is stripped.
    symbols: dict[str, str] = field(default_factory=dict)
    words: list[tuple[str, int | None, str | None]] = field(default_factory=list)  # jieba user dict
    threshold: float = 1.0
    fuzzy_factor: float = 0.8
    place_only_intent: str | None = "set_region"
    repeat_factor: float = 0.5
    with_place_max_chars: int = 14
    lose_ties: frozenset[str] = frozenset()  # intents that lose a tie to any other
    courtesy: frozenset[str] = frozenset()  # win only when no other intent clears the threshold
    fillers: tuple[str, ...] = ()  # words that say nothing (嗯, 那个): ignored around a bare place name
    negation_proof: frozenset[str] = frozenset()  # intents whose phrases are negations (别再发了)
    negation_stops: list[str] = field(default_factory=list)  # words where a negation's reach ends


@dataclass(frozen=True)
class Result:
    text: str
    intent: str
    region: str | None
    score: float
    place: str | None = None
    scores: dict[str, float] = field(default_factory=dict, compare=False, repr=False)


# -- character tables ------------------------------------------------------------------------------

# Fuzzy pinyin: speakers and voice input confuse these pairs; fold each to one form.
_FUZZY_INITIALS = [("zh", "z"), ("ch", "c"), ("sh", "s"), ("l", "n")]
_FUZZY_FINALS = [("ang", "an"), ("eng", "en"), ("ing", "in")]


def _fold_syllable(syl: str) -> str:
    for a, b in _FUZZY_INITIALS:
        if syl.startswith(a):
            syl = b + syl[len(a) :]
            break
    for a, b in _FUZZY_FINALS:
        if syl.endswith(a):
            syl = syl[: -len(a)] + b
            break
    return syl


def _strip_tone(syl: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", syl) if not unicodedata.combining(c))


def _build_tables() -> tuple[dict[int, str], dict[int, str]]:
    """(traditional → simplified, hanzi → one private-use char per folded syllable)."""
    import opencc
    from pypinyin.pinyin_dict import pinyin_dict

    hanzi = "".join(chr(c) for c in range(0x4E00, 0xA000))
    simplified = opencc.OpenCC("t2s").convert(hanzi)
    t2s = {ord(a): b for a, b in zip(hanzi, simplified, strict=True) if a != b}
    syllables: dict[str, str] = {}
    phon: dict[int, str] = {}
    for code, readings in pinyin_dict.items():
        syl = _fold_syllable(_strip_tone(readings.split(",")[0]))
        phon[code] = syllables.setdefault(syl, chr(0xE000 + len(syllables)))
    return t2s, phon


_T2S, _PHON = _build_tables()


def normalise(text: str) -> str:
    """Full-width → half-width, lower case, simplified, no spaces or punctuation; at most MAX_CHARS."""
    return _normalise(text)[0]


def respeller(dialect: dict[str, str]) -> Callable[[str], str]:
    """A function that rewrites dialect spellings as Mandarin, longest first."""
    if not dialect:
        return str
    pattern = re.compile("|".join(re.escape(k) for k in sorted(dialect, key=len, reverse=True)))
    return lambda text: pattern.sub(lambda m: dialect[m.group()], text)


def _normalise(
    text: str, respell: Callable[[str], str] = str, symbols: dict[int, str] | None = None
) -> tuple[str, frozenset[int]]:
    """The normalised (and respelled) text, and where in it spaces or punctuation stood (a clause
    break, unless the message is spaced out character by character)."""
    # Keep enough raw text for MAX_CHARS survivors even if it is spaced out ("欠 薪 了").
    text = unicodedata.normalize("NFKC", text[: MAX_CHARS * 4]).lower().translate(_T2S)
    if symbols:
        text = text.translate(symbols)
    pieces = _STRIP.split(text)
    joined = "".join(pieces)
    if len(pieces) * 2 > len(joined) + 2:  # spaced out: the gaps say nothing
        return respell(joined)[:MAX_CHARS], frozenset()
    if respell(joined) != joined:  # respell clause by clause, to keep the breaks in place
        pieces = [respell(piece) for piece in pieces]
        joined = "".join(pieces)
    breaks: set[int] = set()
    pos = 0
    for piece in pieces[:-1]:
        pos += len(piece)
        breaks.add(pos)
    return joined[:MAX_CHARS], frozenset(breaks)


# -- the classifier --------------------------------------------------------------------------------


def _find_all(text: str, word: str) -> list[int]:
    """Every start of ``word`` in ``text``, overlapping ones included."""
    found = []
    pos = text.find(word)
    while pos != -1:
        found.append(pos)
        pos = text.find(word, pos + 1)
    return found


def _count_combos(groups: Iterable[tuple[int, int]]) -> dict[int, int]:
    """combo → how many of its groups are satisfied (a plain dict: Counter is slow here)."""
    have: dict[int, int] = {}
    for c, _ in groups:
        have[c] = have.get(c, 0) + 1
    return have


class _Automaton:
    """Aho-Corasick: every occurrence of every key in one left-to-right pass over the text."""

    def __init__(self, keys: Iterable[str]) -> None:
        self.goto: list[dict[str, int]] = [{}]
        self.out: list[tuple[str, ...]] = [()]
        for key in keys:
            state = 0
            for ch in key:
                if ch not in self.goto[state]:
                    self.goto[state][ch] = len(self.goto)
                    self.goto.append({})
                    self.out.append(())
                state = self.goto[state][ch]
            self.out[state] += (key,)
        self.fail = [0] * len(self.goto)
        queue = list(self.goto[0].values())
        for state in queue:  # breadth first: a state's fail link is set before its children need it
            for ch, child in self.goto[state].items():
                queue.append(child)
                fail = self.fail[state]
                while fail and ch not in self.goto[fail]:
                    fail = self.fail[fail]
                self.fail[child] = self.goto[fail].get(ch, 0)
                self.out[child] += self.out[self.fail[child]]

    def find(self, text: str) -> list[tuple[int, int, str]]:
        goto, fail, out = self.goto, self.fail, self.out
        found = []
        state = 0
        for end, ch in enumerate(text, 1):
            while state and ch not in goto[state]:
                state = fail[state]
            state = goto[state].get(ch, 0)
            for key in out[state]:
                found.append((end - len(key), end, key))
        return found


class _Bounds:
    """Token boundaries of the text, segmented only if some hit needs them (jieba is the big cost)."""

    def __init__(self, tokenizer: jieba.Tokenizer, text: str, breaks: frozenset[int] = frozenset()) -> None:
        self._tokenizer = tokenizer
        self._text = text
        self._breaks = breaks
        self._bounds: set[int] | None = None

    def could_split(self, start: int, end: int) -> bool:
        """Whether some dictionary word crosses the start or the middle of a two-character name
        (九龙|江, 伟大|连, 大|连锁), so that the segmentation might disown it. Cheap: most names
        need no segmentation at all."""
        mid = start + 1
        return any(self._word_across(a, start, a + 4) for a in range(max(0, start - 3), start)) or (
            self._word_across(mid, mid + 1, mid + 4)
        )

    def _word_across(self, a: int, pos: int, last: int) -> bool:
        """Whether a dictionary word text[a:b] with pos < b <= last exists. jieba's dictionary holds
        every prefix of its words (with frequency 0), so the search stops at the first non-prefix."""
        text, freq = self._text, self._tokenizer.FREQ
        for b in range(a + 1, min(len(text), last) + 1):
            f = freq.get(text[a:b])
            if f is None:
                return False
            if f and b > pos:
                return True
        return False

    def __contains__(self, pos: int) -> bool:
        if self._bounds is None:
            text = self._text
            if pos <= 0 or pos >= len(text) or pos in self._breaks:
                return True
            ascii_run = text[pos - 1 : pos + 1].isascii() and text[pos - 1 : pos + 1].isalnum()
            if not ascii_run and not self._crossed(pos):
                return True  # tokens are dictionary words or single characters: no word, no cut
            self._bounds = {0}
            end = 0
            for token in self._tokenizer.cut(text, HMM=False):
                end += len(token)
                self._bounds.add(end)
        return pos in self._bounds or pos in self._breaks

    def _crossed(self, pos: int) -> bool:
        """Whether some dictionary word (up to 5 characters) spans ``pos``."""
        return any(self._word_across(a, pos, a + 5) for a in range(max(0, pos - 4), pos))

    @property
    def breaks(self) -> frozenset[int]:
        return self._breaks

    def aligned(self, start: int, end: int) -> bool:
        return start in self and end in self

    def a_not_a(self, pos: int) -> bool:
        """Whether text[pos] is the 不/没 of an A-not-A question (给不给, 有没有): it negates nothing.
        Not across a clause break, and the first A must start a token: 「就是，不是问…」 negates."""
        text = self._text
        return (
            0 < pos < len(text) - 1
            and text[pos] in "不没"
            and text[pos - 1] == text[pos + 1]
            and pos not in self._breaks
            and (pos - 1) in self
        )


class _Entry:
    """Something the scan looks for: a keyword, a combo term or a place name."""

    __slots__ = ("fuzzy", "keyword", "picky", "place", "term", "text")

    def __init__(
        self, text: str, keyword: Keyword | None = None, term: bool = False, place: Place | None = None
    ) -> None:
        self.text, self.keyword, self.term, self.place = text, keyword, term, place
        # Whether a homophone or look-alike may stand for it: not place names, not weak keywords.
        if keyword is not None:
            self.fuzzy = keyword.weight >= FUZZY_MIN_WEIGHT - (0.5 if len(text) > 3 else 0)
        else:
            self.fuzzy = place is None
        # Whether the segmentation has a say (see ``fits``).
        self.picky = (place is not None and len(text) == 2) or (keyword is not None and keyword.mode == WORD)

    def fits(self, start: int, end: int, bounds: _Bounds) -> bool:
        """Whether the hit agrees with the segmentation."""
        if self.place is not None:
            # A short name must start a token and not be cut in two (大/连锁, 九龙江); it may begin
            # a longer one (黄埔军校, 大连人).
            return not bounds.could_split(start, end) or (start in bounds and start + 1 not in bounds)
        return bounds.aligned(start, end)  # a whole-word keyword


Hit = tuple[int, int, _Entry, bool]  # start, end, what, found only through the fuzzy shadow


class Classifier:
    def __init__(self, rules: Rules) -> None:
        self.rules = rules
        jieba.setLogLevel(logging.WARNING)
        self.tokenizer = jieba.Tokenizer()
        self.tokenizer.initialize()
        for word, freq, tag in rules.words:
            self.tokenizer.add_word(word, freq, tag)
        # Only whole-word keywords join the dictionary: adding every phrase would bend the segmentation
        # towards our keywords, and the segmentation is what arbitrates between overlapping ones.
        for kw in rules.keywords:
            if kw.mode == WORD and len(kw.text) >= 2 and not self._is_word(kw.text):
                self.tokenizer.add_word(kw.text, 20)
        for place in rules.places:
            if not self._is_word(place.alias):
                self.tokenizer.add_word(place.alias, 50)
        # Fuzzy shadow: pinyin classes, with each look-alike typo sent to the class of what was meant.
        self._respell = respeller(rules.dialect)
        self._symbols = {ord(k): v for k, v in rules.symbols.items() if len(k) == 1}
        self._symbol_re = re.compile("[" + "".join(map(chr, self._symbols)) + "]") if self._symbols else None
        self._shadow = dict(_PHON)
        for bad, meant in rules.confusables.items():
            self._shadow[ord(bad)] = self._shadow.get(ord(meant), meant)

        self._whole = {kw.text: kw for kw in rules.keywords if kw.mode == MESSAGE}
        entries = [_Entry(kw.text, keyword=kw) for kw in rules.keywords if kw.mode != MESSAGE]
        entries += [
            _Entry(t, term=True) for t in sorted({t for c in rules.combos for g in c.groups for t in g})
        ]
        entries += [_Entry(p.alias, place=p) for p in rules.places]
        # One pass over the fuzzy shadow finds exact hits and typos alike (an exact hit is one whose
        # surface is the entry's text); single characters, which have no typos, go by a regex.
        self._singles: dict[str, list[_Entry]] = {}
        self._by_shadow: dict[str, list[_Entry]] = {}
        for entry in entries:
            if len(entry.text) == 1:
                self._singles.setdefault(entry.text, []).append(entry)
            else:
                self._by_shadow.setdefault(self._fuzz(entry.text), []).append(entry)
        self._single_re = re.compile("[" + re.escape("".join(self._singles)) + "]") if self._singles else None
        self._automaton = _Automaton(self._by_shadow)
        # combo term → the (combo, group) pairs it satisfies
        self._term_groups: dict[str, list[tuple[int, int]]] = {}
        for c, combo in enumerate(rules.combos):
            for g, group in enumerate(combo.groups):
                for term in group:
                    pairs = self._term_groups.setdefault(term, [])
                    if (c, g) not in pairs:  # a group may list a term twice once respelled (咋样, 怎么样)
                        pairs.append((c, g))
        self._combo_sizes = [len(combo.groups) for combo in rules.combos]
        self._proof_groups = {
            term: [(c, g) for c, g in pairs if rules.combos[c].intent in rules.negation_proof]
            for term, pairs in self._term_groups.items()
        }
        self._negations = sorted(rules.negations.items(), key=lambda kv: -len(kv[0]))
        # One regex search tells whether any negation cue is in the text at all (most have none).
        self._negation_re = (
            re.compile("|".join(re.escape(cue) for cue, _ in self._negations)) if self._negations else None
        )

    def _fuzz(self, text: str) -> str:
        return text.translate(self._shadow)

    def _is_word(self, text: str) -> bool:
        return bool(self.tokenizer.FREQ.get(text, 0))

    # -- matching ---------------------------------------------------------------------------------

    def _scan(self, text: str, bounds: _Bounds) -> tuple[list[Hit], list[tuple[int, int, Place]]]:
        """Every keyword and combo-term hit, ordered by start, longer first; and the place names."""
        found: list[Hit] = []
        if self._single_re is not None:
            for m in self._single_re.finditer(text):
                found.extend((m.start(), m.end(), e, False) for e in self._singles[m.group()])
        for start, end, key in self._automaton.find(self._fuzz(text)):
            piece = text[start:end]
            for e in self._by_shadow[key]:
                if e.text == piece:
                    found.append((start, end, e, False))
                # A typo is rarely a dictionary word, so jieba leaves it standing on its own; a fuzzy
                # "hit" that straddles a real word (怀宁工地 → 宁工 ≈ 零工) is a coincidence.
                elif e.fuzzy and self._plausible_typo(piece, e.text) and bounds.aligned(start, end):
                    found.append((start, end, e, True))
        hits: list[Hit] = []
        places: list[tuple[int, int, Place]] = []
        for hit in found:
            start, end, e, _ = hit
            if e.picky and not e.fits(start, end, bounds):
                continue
            if text[start] in "不没" and bounds.a_not_a(start):
                continue
            if e.place is not None:
                places.append((start, end, e.place))
            else:
                hits.append(hit)
        hits.sort(key=lambda h: (h[0], h[0] - h[1]))
        return hits, places

    def _plausible_typo(self, piece: str, meant: str) -> bool:
        same = sum(a == b for a, b in zip(piece, meant, strict=True))
        return 2 * same >= len(meant) and not self._is_word(piece)

    def _focused_from(self, text: str) -> list[tuple[int, int]]:
        """(earliest, latest) start positions that a focus cue reaches."""
        reach = []
        for cue, gap in self.rules.focus.items():
            pos = text.find(cue)
            while pos != -1:
                reach.append((pos + len(cue), pos + len(cue) + gap))
                pos = text.find(cue, pos + 1)
        return reach

    def _negated_from(self, text: str, bounds: _Bounds) -> list[tuple[int, int]]:
        """(earliest, latest) start positions that a negation cue reaches."""
        if self._negation_re is None or not self._negation_re.search(text):
            return []
        excused: set[int] = set()
        for phrase in self.rules.not_negations:
            for pos in _find_all(text, phrase):
                excused.update(range(pos, pos + len(phrase)))
        # A negation ends at a clause break or where the positive part begins: 「不是问加班 是工资」.
        stops = bounds.breaks.union(*(_find_all(text, word) for word in self.rules.negation_stops))
        reach = []
        for cue, gap in self._negations:
            for pos in _find_all(text, cue):
                end = pos + len(cue)
                if not excused.issuperset(range(pos, end)) and not bounds.a_not_a(pos):
                    last = min([end + gap] + [s - 1 for s in stops if end < s <= end + gap])
                    reach.append((pos + self.rules.negation_starts.get(cue, len(cue)), last))
        return reach

    @staticmethod
    def _pick_place(text: str, found: list[tuple[int, int, Place]]) -> Place | None:
        """The most specific place; a home town (「老家安庆」) only if nothing else is named."""
        best: tuple[tuple[int, int, int], Place] | None = None
        for start, end, place in found:
            if any(s <= start and end <= e and e - s > end - start for s, e, _ in found):
                continue  # inside a longer name: 五大连池 is not 大连
            home = any(cue in text[max(0, start - 3) : start] for cue in _HOME_CUES)
            key = (0 if home else 1, place.priority, -start)
            if best is None or key > best[0]:
                best = (key, place)
        return best[1] if best else None

    def _evidence(
        self, text: str, hits: list[Hit], bounds: _Bounds, with_place: bool
    ) -> dict[str, list[float]]:
        """intent → the weights of its hits (negative when negated) and of its combos that fired."""
        negation = self._negated_from(text, bounds)
        focus = self._focused_from(text) if negation else []
        found: list[tuple[int, int, Keyword, float]] = []
        counted: set[int] = set()  # id() of the keywords already counted
        reach = -1  # where the longest-reaching keyword so far ends
        groups: set[tuple[int, int]] = set()
        nested: list[tuple[int, int, str, list[tuple[int, int]]]] = []  # terms inside longer keywords
        for start, end, entry, fuzzy in hits:  # by start, longer first
            inside = (
                [(s, e) for s, e, _, _ in found if s <= start and end <= e and e - s > end - start]
                if end <= reach
                else None
            )
            negated = bool(negation) and any(lo <= start <= hi for lo, hi in negation)
            if entry.term:
                if negated:  # counts only for intents that are negations themselves (别再发了)
                    groups.update(self._proof_groups.get(entry.text, ()))
                elif inside:
                    nested.append((start, end, entry.text, inside))
                else:
                    groups.update(self._term_groups[entry.text])
                continue
            kw = entry.keyword
            if inside or kw is None or id(kw) in counted:
                continue  # a longer keyword already covers this span, or counted already
            negated = negated and kw.intent not in self.rules.negation_proof
            if kw.mode == WITH_PLACE and not with_place:
                continue
            counted.add(id(kw))
            weight = kw.weight * (self.rules.fuzzy_factor if fuzzy else 1.0)
            if focus and not negated and any(lo <= start <= hi for lo, hi in focus):
                weight *= self.rules.focus_factor
            found.append((start, end, kw, -weight if negated else weight))
            reach = max(reach, end)

        evidence: dict[str, list[float]] = {}
        if (whole := self._whole.get(text)) is not None:
            evidence[whole.intent] = [whole.weight]
        for s1, e1, kw, weight in found:
            # Two keywords of different intents overlapping (找个工作 / 工作人员): unless the one that
            # splits a word is the longer, believe the segmentation.
            if len(found) > 1:
                rivals = [
                    (s2, e2)
                    for s2, e2, k, _ in found
                    if s2 < e1 and s1 < e2 and e2 - s2 >= e1 - s1 and k.intent != kw.intent
                ]
                if rivals and not bounds.aligned(s1, e1) and any(bounds.aligned(s2, e2) for s2, e2 in rivals):
                    continue
            evidence.setdefault(kw.intent, []).append(weight)

        sizes = self._combo_sizes
        # A combo term inside a longer keyword counts, unless it splits a word there (工作|人员);
        # segment only for terms of combos that the terms found, nested ones included, can complete.
        if nested:
            reachable = groups.union(*(self._term_groups[term] for _, _, term, _ in nested))
            reach_count = _count_combos(reachable)
            for start, end, term, inside in nested:
                new = [(c, g) for c, g in self._term_groups[term] if reach_count.get(c) == sizes[c]]
                new = [cg for cg in new if cg not in groups]
                if new and (bounds.aligned(start, end) or not any(bounds.aligned(s, e) for s, e in inside)):
                    groups.update(new)
        have = _count_combos(groups)
        for c, n in have.items():
            if n == sizes[c]:
                combo = self.rules.combos[c]
                evidence.setdefault(combo.intent, []).append(combo.weight)
        return evidence

    def _only_names(self, text: str, place: Place) -> bool:
        """Whether the message is just the place name, give or take fillers (「嗯 大连的」)."""
        rest = text.replace(place.alias, "", 1)
        for filler in self.rules.fillers:
            rest = rest.replace(filler, "")
        return len(rest) <= 1

    def _saturate(self, weights: list[float]) -> float:
        """Negative evidence counts in full; positive evidence by strength, each next one less."""
        if len(weights) == 1:
            return weights[0]
        positive = sorted((w for w in weights if w > 0), reverse=True)
        factor = self.rules.repeat_factor
        return sum(w * factor**i for i, w in enumerate(positive)) + sum(w for w in weights if w < 0)

    # -- public -----------------------------------------------------------------------------------

    def classify(self, raw: str) -> Result:
        symbols = self._symbols if self._symbol_re is not None and self._symbol_re.search(raw) else None
        text, breaks = _normalise(raw, self._respell, symbols)
        if not text:
            return Result(raw, UNKNOWN, None, 0.0)
        bounds = _Bounds(self.tokenizer, text, breaks)
        hits, places = self._scan(text, bounds)
        place = self._pick_place(text, places) if places else None
        with_place = place is not None and len(text) <= self.rules.with_place_max_chars
        evidence = self._evidence(text, hits, bounds, with_place)
        scores = {intent: self._saturate(weights) for intent, weights in evidence.items()}

        courtesy, threshold, only = self.rules.courtesy, self.rules.threshold, self.rules.place_only_intent
        if place is not None and with_place and only and self._only_names(text, place):
            scores[only] = max(scores.get(only, 0.0), threshold)
        # 「你好，失业金怎么领」 asks about 失业金: courtesy counts only if nothing else does.
        if any(v >= threshold for k, v in scores.items() if k not in courtesy):
            candidates = {k: v for k, v in scores.items() if k not in courtesy}
        else:
            candidates = scores
        ties = self.rules.lose_ties
        best_intent, best = max(
            candidates.items(), key=lambda kv: (kv[1], kv[0] not in ties), default=(UNKNOWN, 0.0)
        )
        if best < threshold:
            best_intent = UNKNOWN
        second = max((v for k, v in scores.items() if k != best_intent), default=0.0)
        margin = best - max(second, 0.0)
        confidence = round(1 / (1 + math.exp(-2 * (best - self.rules.threshold) - margin)), 3)
        return Result(
            raw,
            best_intent,
            place.region if place else None,
            confidence,
            place.place if place else None,
            scores,
        )

    def classify_many(self, texts: Iterable[str]) -> list[Result]:
        return [self.classify(t) for t in texts]
