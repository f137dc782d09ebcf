"""Reading a message as the matcher sees it: NFKC, lower case, simplified, respelled, no punctuation;
and the fuzzy-pinyin table that lets homophone typos match (see ``classifier``)."""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable

import ahocorasick

MAX_CHARS = 200
# Question words typed in pinyin inside hanzi (「初四初五zenme算」), which no keyword holds.
PINYIN_WORDS = {"zenme": "怎么", "zenmeban": "怎么办", "shenme": "什么", "duoshao": "多少", "nali": "哪里"}
PINYIN_WORDS |= {"nage": "哪个", "sha": "啥", "keyi": "可以", "youmeiyou": "有没有", "ma": "吗", "ne": "呢"}
PINYIN_WORDS |= {"wo": "我", "women": "我们", "zai": "在", "wozai": "我在", "ni": "你"}  # 「wo在大连」
# Topics typed as pinyin initials, as young workers do: 「syj咋领」「zgz 黄埔」「找rg」.
PINYIN_WORDS |= {"syj": "失业金", "flyz": "法律援助", "jbf": "加班费", "zgz": "找工作"}
PINYIN_WORDS |= {"jnpx": "技能培训", "rg": "人工"}
_STRIP = re.compile(r"[\s\W_]+", re.UNICODE)

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


def _build_tables() -> tuple[dict[int, str], dict[int, str], dict[str, str], frozenset[str]]:
    """(traditional → simplified, hanzi → one private-use char per folded syllable, folded syllable →
    that char, every toneless syllable as typed)."""
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
    every = (one for all_of in pinyin_dict.values() for one in all_of.split(","))
    plain = frozenset(_strip_tone(one).replace("ü", "u") for one in every)
    return t2s, phon, syllables, plain


_T2S, _PHON, _SYLLABLES, _PLAIN_SYLLABLES = _build_tables()


# (not to a rare character outside the basic block: OpenCC writes Cantonese 嗰 as 𠮶)
_T2S_COMMON = {k: v for k, v in _T2S.items() if len(v) == 1 and "\u4e00" <= v <= "\u9fff"}


def simplified(text: str) -> str:
    """Traditional characters as simplified ones: 「一萬三」「成個車間十幾個」."""
    return text.translate(_T2S_COMMON)


_PINYIN_TOKEN = re.compile(r"[a-z]+")
_LONGEST_SYLLABLE = max(map(len, _PLAIN_SYLLABLES))


def split_syllables(word: str) -> list[str] | None:
    """「shiyejin」 → shi ye jin: the fewest syllables that spell the word, or None if none do.
    (Fewest: 「xian」 is one syllable, not xi an; 「fangan」 → fang an.)"""
    word = word.replace("v", "u")
    best: list[list[str] | None] = [[]] + [None] * len(word)
    for end in range(1, len(word) + 1):
        for start in range(max(0, end - _LONGEST_SYLLABLE), end):
            head = best[start]
            shorter = head is not None and (best[end] is None or len(head) + 1 < len(best[end] or ()))
            if shorter and head is not None and word[start:end] in _PLAIN_SYLLABLES:
                best[end] = [*head, word[start:end]]
    return best[-1]


# English words that split into pinyin syllables (me·nu): typed as English, not as pinyin.
_ENGLISH = frozenset({"menu", "help", "hello", "hi", "ok", "okay", "bye", "sorry", "thanks", "please", "plz"})


def pinyin_shadow(raw: str) -> str | None:
    """A message typed in toneless pinyin (「shi ye jin zen me ling」) as the fuzzy shadow the
    keywords are matched in (one class per folded syllable), or None when it is not pinyin: a
    single word, a word that is no syllable in a short message, or more than one in five."""
    text = unicodedata.normalize("NFKC", raw[: MAX_CHARS * 4]).lower().replace("ü", "v")
    if re.search(r"[^a-z0-9\s',.?!，。？！]", text) or _ENGLISH.issuperset(text.split()):
        return None
    words: list[str] = []
    for word in _PINYIN_TOKEN.findall(text):
        split = None if _fold_syllable(word.replace("v", "u")) in _SYLLABLES else split_syllables(word)
        words += split or [word]
    if len(words) < 2:
        return None
    shadow = [_SYLLABLES.get(_fold_syllable(w.replace("v", "u")), "") for w in words]
    misses = sum(not c for c in shadow)
    if (misses and len(words) < 5) or 5 * misses > len(shadow):
        return None
    return "".join(c or "\x00" for c in shadow)[:MAX_CHARS]


@functools.lru_cache(maxsize=1024)  # the dialogue's checks normalise the same message several times
def normalise(text: str) -> str:
    """Full-width → half-width, lower case, simplified, no spaces or punctuation; at most MAX_CHARS."""
    return _normalise(text)[0]


def respeller(dialect: dict[str, str]) -> Callable[[str], str]:
    """A function that rewrites dialect spellings as Mandarin, longest first."""
    if not dialect:
        return str
    pattern = re.compile("|".join(re.escape(k) for k in sorted(dialect, key=len, reverse=True)))
    machine = ahocorasick.Automaton()  # tells in one C pass whether any is there (most have none)
    for key in dialect:
        machine.add_word(key, key)
    machine.make_automaton()

    def respell(text: str) -> str:
        for _ in machine.iter(text):
            return pattern.sub(lambda m: dialect[m.group()], text)
        return text

    return respell


# A number said digit by digit, as voice input writes it: 「打一二三三三」 (five or more: a hotline).
_SPOKEN_DIGITS = re.compile(r"[零〇一二三四五六七八九幺]{5,}")
_DIGITS = str.maketrans("零〇一二三四五六七八九幺", "001234567891")


def _normalise(
    text: str, respell: Callable[[str], str] = str, symbols: dict[int, str] | None = None
) -> tuple[str, frozenset[int]]:
    """The normalised (and respelled) text, and where in it spaces or punctuation stood (a clause
    break, unless the message is spaced out character by character)."""
    # Keep enough raw text for MAX_CHARS survivors even if it is spaced out ("欠 薪 了").
    text = unicodedata.normalize("NFKC", text[: MAX_CHARS * 4]).lower().translate(_T2S)
    text = _SPOKEN_DIGITS.sub(lambda m: m.group().translate(_DIGITS), text)  # 「一二三五一」 is 12351
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
