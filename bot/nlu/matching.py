"""Matching machinery for the classifier: one-pass multi-keyword search (Aho-Corasick) and lazily
segmented token boundaries (jieba only when a hit needs it)."""

from __future__ import annotations

from collections.abc import Iterable

import jieba


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
                if not (end < len(text) and text[end - 1].isdigit() and text[end].isdigit()):  # 「188号」
                    self._bounds.add(end)  # no cut inside a number: the dictionary holds 88 (1|88)
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
