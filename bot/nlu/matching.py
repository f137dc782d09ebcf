"""Matching machinery for the classifier: one-pass multi-keyword search (Aho-Corasick) and lazily
segmented token boundaries (jieba only when a hit needs it)."""

from __future__ import annotations

import functools
import math
import re
import weakref
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

import ahocorasick
import jieba

from .model import WORD, Keyword, Place, Rules


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
    """Aho-Corasick (pyahocorasick, in C): every occurrence of every key in one pass over the text."""

    def __init__(self, keys: Iterable[str] | Mapping[str, object]) -> None:
        self._machine = ahocorasick.Automaton()
        for key in keys:
            value = keys[key] if isinstance(keys, Mapping) else None
            self._machine.add_word(key, (len(key), key, value))
        self._empty = not len(self._machine)
        if not self._empty:
            self._machine.make_automaton()

    def find(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, key) of every occurrence, by end."""
        if self._empty or not text:
            return []
        return [(last + 1 - n, last + 1, key) for last, (n, key, _) in self._machine.iter(text)]

    def found(self, text: str) -> Iterator[tuple[int, tuple[int, str, Any]]]:
        """(last index, (length, key, value)) of every occurrence, by end: the raw C iterator."""
        return iter(()) if self._empty else self._machine.iter(text)


_HAN = re.compile("[\u4e00-\u9fd5a-zA-Z0-9+#&._%-]+")  # what jieba segments as one block
_ALNUM = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")


_WEIGHTS: weakref.WeakKeyDictionary[jieba.Tokenizer, tuple[float, float, dict[str, float]]] = (
    weakref.WeakKeyDictionary()
)


def _weights(tokenizer: jieba.Tokenizer) -> tuple[float, dict[str, float]]:
    """log(total) and a cache of each word's log-probability, as jieba's route computes them."""
    total = float(tokenizer.total)
    known = _WEIGHTS.get(tokenizer)
    if known is None or known[0] != total or len(known[2]) > 200_000:
        known = _WEIGHTS[tokenizer] = (total, math.log(total), {})
    return known[1], known[2]


def token_ends(tokenizer: jieba.Tokenizer, text: str) -> list[int]:
    """Where the tokens of ``tokenizer.cut(text, HMM=False)`` end, computed as jieba does (the same
    dictionary DAG and most probable route, ties alike) in one loop without its generators: a
    third of messages need segmenting, and this is most of what they cost."""
    ends: list[int] = []
    if not _HAN.fullmatch(text):
        end = 0
        for token in tokenizer.cut(text, HMM=False):
            end += len(token)
            ends.append(end)
        return ends
    get, n = tokenizer.FREQ.get, len(text)
    logtotal, weight = _weights(tokenizer)
    score = [0.0] * (n + 1)
    nxt = [0] * (n + 1)  # idx -> where the best word starting at idx ends
    for idx in range(n - 1, -1, -1):
        best, best_end = -math.inf, 0
        end, frag = idx + 1, text[idx]
        f = get(frag)
        while f is not None:  # the dictionary holds every prefix of its words (frequency 0)
            if f:
                w = weight.get(frag)
                if w is None:
                    w = weight[frag] = math.log(f) - logtotal
                s = w + score[end]
                if s > best or (s == best and end > best_end):
                    best, best_end = s, end
            if end >= n:
                break
            end += 1
            frag = text[idx:end]
            f = get(frag)
        if not best_end:  # no word starts here: the character alone
            best, best_end = -logtotal + score[idx + 1], idx + 1
        score[idx], nxt[idx] = best, best_end
    x = 0
    while x < n:  # single letters and digits in a row are one token, as jieba joins them
        y = nxt[x]
        if not (y == x + 1 and text[x] in _ALNUM and y < n and nxt[y] == y + 1 and text[y] in _ALNUM):
            ends.append(y)
        x = y
    return ends


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
            pair = text[pos - 1 : pos + 1]
            if not (pair.isascii() and pair.isalnum()) and not self._crossed(pos):
                return True  # tokens are dictionary words or single characters: no word, no cut
            self._bounds = {0}
            for end in token_ends(self._tokenizer, text):
                if not (end < len(text) and text[end - 1].isdigit() and text[end].isdigit()):  # 「188号」
                    self._bounds.add(end)  # no cut inside a number: the dictionary holds 88 (1|88)
        return pos in self._bounds or pos in self._breaks

    def _crossed(self, pos: int) -> bool:
        """Whether some dictionary word (up to 5 characters) spans ``pos`` (``_word_across`` inlined:
        this runs for most hits)."""
        text, get = self._text, self._tokenizer.FREQ.get
        n = len(text)
        for a in range(max(0, pos - 4), pos):
            for b in range(a + 1, min(n, a + 5) + 1):
                f = get(text[a:b])
                if f is None:
                    break
                if f and b > pos:
                    return True
        return False

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


# A keyword may match through a typo only if it is distinctive: this weight for up to three
# characters, a little less for longer ones. Short weak phrases have near-homophones everywhere
# (钱了 ≈ 欠了, 办什么 ≈ 帮什么).
FUZZY_MIN_WEIGHT = 2.5


class _Entry:
    """Something the scan looks for: a keyword, a combo term or a place name."""

    __slots__ = ("fuzzy", "keyword", "picky", "place", "term", "text")

    def __init__(
        self, text: str, keyword: Keyword | None = None, term: bool = False, place: Place | None = None
    ) -> None:
        self.text, self.keyword, self.term, self.place = text, keyword, term, place
        # Whether a homophone or look-alike may stand for it: not weak keywords; a short place name only
        # if it is one of ours and not short for being there (留连: 留量 is no place). Voice input
        # spells 大连 as 大联 and 哈尔滨 as 哈尔并; a real word (黄浦, Shanghai's) never counts as a typo.
        if keyword is not None:
            self.fuzzy = keyword.weight >= FUZZY_MIN_WEIGHT - (0.5 if len(text) > 3 else 0)
        else:
            ours = place is not None and place.region is not None and text[0] not in "留在返"
            self.fuzzy = place is None or len(text) >= 3 or ours
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


def covered(text: str, phrases: Iterable[str]) -> set[int]:
    """The positions of ``text`` inside any occurrence of any of ``phrases``."""
    return {i for phrase in phrases for p in _find_all(text, phrase) for i in range(p, p + len(phrase))}


def cover_reading(shadow: str, automaton: _Automaton, by_shadow: Mapping[str, list[_Entry]]) -> str:
    """Hanzi for a pinyin message: the keywords, terms and places whose sound matches, side by side,
    chosen to cover as much of it as they can (「dalian shiye」: 大连 失业, not 大连市 and a stray 业), in
    as few words as they can, keywords before place names; syllables that match nothing become a
    pause."""
    n = len(shadow)
    starting: dict[int, list[tuple[int, str]]] = {}
    for start, end, key in automaton.find(shadow):
        starting.setdefault(start, []).append((end, key))
    # best[i]: (covered, -words, keywords) for shadow[i:], and the first span of that cover
    best: list[tuple[tuple[int, int, int], tuple[int, str] | None]] = [((0, 0, 0), None)] * (n + 1)
    for i in range(n - 1, -1, -1):
        best[i] = best[i + 1][0], None
        for end, key in starting.get(i, ()):  # (on a tie, the word that starts first: 「qian xin le」)
            (c, w, k), _ = best[end]
            place = all(e.place for e in by_shadow[key])
            score = (c + end - i, w - 1, k + (not place))
            if score > best[i][0] or (score == best[i][0] and best[i][1] is None):
                best[i] = (score, (end, key))
    out, i = [], 0
    while i < n:
        span = best[i][1]
        if span is None:
            out.append(" ")
            i += 1
            continue
        end, key = span
        out.append(
            max(by_shadow[key], key=lambda e: e.keyword.weight if e.keyword else 0.5 if e.term else 1.0).text
        )
        i = end
    return "".join(out)


def in_one_clause(
    c: int,
    text: str,
    hits: list[Hit],
    bounds: _Bounds,
    term_groups: Mapping[str, list[tuple[int, int]]],
    size: int,
    rules: Rules,
) -> bool:
    """Whether one clause holds a term of every group of combo ``c``, or the last clause completes it
    (「通知太多了 取消吧」; not 「…等通知 我不想干等了 这边有厂招人不」)."""
    cuts = sorted(bounds.breaks)
    seen: dict[int, set[int]] = {}
    # (a cue inside a phrase that negates nothing refuses nothing either: 别的厂)
    excused = covered(text, rules.not_negations)
    for start, _, entry, _ in hits:
        if entry.term and start not in excused:
            for c2, g in term_groups[entry.text]:
                if c2 == c:
                    seen.setdefault(bisect_right(cuts, start), set()).add(g)
    last = bisect_right(cuts, len(text) - 1)
    return last in seen or any(len(groups) == size for groups in seen.values())


def saturate(weights: list[float], factor: float) -> float:
    """A topic's score from its evidence: negative evidence counts in full; positive evidence by
    strength, each next one ``factor`` times the one before."""
    if len(weights) == 1:
        return weights[0]
    positive = sorted((w for w in weights if w > 0), reverse=True)
    return sum(w * factor**i for i, w in enumerate(positive)) + sum(w for w in weights if w < 0)


def only_names(text: str, places: list[tuple[int, int, Place]], fillers: Iterable[str]) -> bool:
    """Whether the message is only place names, give or take fillers (「安庆的 安庆经开区」)."""
    covered = {i for start, end, _ in places for i in range(start, end)}
    rest = "".join(c for i, c in enumerate(text) if i not in covered)
    for filler in fillers:
        rest = rest.replace(filler, "")
    return len(rest) <= 1


def read_pinyin(
    shadow: str, automaton: _Automaton, by_shadow: Mapping[str, list[_Entry]], asking: Mapping[str, str]
) -> str:
    """``cover_reading``; but a question word (``asking``: shadow → hanzi) that the cover broke up is
    read as one, and the rest around it (「na zen me tou su」 is 那怎么投诉, not 拿证…)."""
    reading = cover_reading(shadow, automaton, by_shadow)
    at = min(
        ((i, q) for q in asking if (i := shadow.find(q)) >= 0 and asking[q] not in reading),
        key=lambda x: (x[0], -len(x[1])),
        default=None,
    )
    if at is None:
        return reading
    i, q = at
    before = read_pinyin(shadow[:i], automaton, by_shadow, asking)
    return f"{before} {asking[q]} {read_pinyin(shadow[i + len(q) :], automaton, by_shadow, asking)}"


# 人工 is Cantonese for wages (「老细话初一照平日人工计」); in Cantonese it asks for a person only with a
# word that says so (「有冇人工」「揾人工」「转人工」「人工客服」).
_CANTONESE = re.compile(
    r"唔|咗|嘅|佢|喺|冇|俾|啲|咁|嗰|乜|嘢|揾|睇|哋|啱|点样|点算|係|系咪|边度|而家|呢度|咩|嚟|畀"
)
_ASKS_A_PERSON = re.compile(
    r"(?:转|接|找|搵|揾|要|真)人工|人工(?:客服|服务|台|接听|坐席|热线|电话)|有冇人工|有人工|人工冇"
)


def rengong_as_wages(raw: str, hits: list[Hit]) -> list[Hit]:
    """The hits, less the person's 人工 where 人工 means wages (三倍人工 and 拖人工 still count)."""
    if "人工" not in raw or not _CANTONESE.search(raw) or _ASKS_A_PERSON.search(raw):
        return hits
    return [h for h in hits if not (k := h[2].keyword) or (k.text, k.intent) != ("人工", "human_agent")]


def without_lead(text: str, fillers: tuple[str, ...]) -> str:
    """A short message without the words that say nothing before it (「嗯 那个 我想问问」 →
    「想问问」), to match a whole-message phrase; "" when nothing of three characters is left."""
    if len(text) > 12:
        return ""
    rest = _leading(fillers).sub("", text, count=1)
    return rest if 3 <= len(rest) < len(text) else ""


@functools.cache
def _leading(fillers: tuple[str, ...]) -> re.Pattern[str]:
    """Any run of ``fillers`` at the start (longest first, as the rules list them)."""
    return re.compile("^(?:" + "|".join(map(re.escape, fillers)) + ")+")
