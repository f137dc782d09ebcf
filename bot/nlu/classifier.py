"""Intent and region classification: pure, no I/O; rules come in as data (``Rules``, see rules.py).

How a message is read:
1. normalise — cut the raw text first (jieba's cost grows badly on long repeated input), then
   NFKC (full-width digits and letters), lower case, traditional → simplified, meaningful emoji
   read as words (👍 → 点赞), whitespace and punctuation removed (voice transcripts, spaced-out
   characters); at most ``MAX_CHARS``. A message typed in toneless pinyin is first spelt as the
   keywords and places that sound like it (「shi ye jin」 → 失业金).
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

import dataclasses
import logging
import math
import re
from bisect import bisect_right
from collections.abc import Iterable

import jieba

from ..ids import TOPIC_INTENTS
from .clauses import CORRECTION, QUESTION_CLAUSE, pick_place
from .matching import (
    Hit,
    _Automaton,
    _Bounds,
    _count_combos,
    _Entry,
    _find_all,
    covered,
    in_one_clause,
    only_names,
    read_pinyin,
    rengong_as_wages,
    saturate,
    without_lead,
)
from .model import ANYWHERE, MESSAGE, WITH_PLACE, WORD, Combo, Keyword, Place, Result, Rules
from .order import PLAIN_TOPIC, focused_from, order_asked, second_question, stronger_first, told_first
from .text import _PHON, MAX_CHARS, PINYIN_WORDS, _normalise, normalise, pinyin_shadow, respeller

__all__ = [
    "ANYWHERE",
    "MAX_CHARS",
    "MESSAGE",
    "UNKNOWN",
    "WITH_PLACE",
    "WORD",
    "Classifier",
    "Combo",
    "Keyword",
    "Place",
    "Result",
    "Rules",
    "_Automaton",
    "normalise",
    "respeller",
]

UNKNOWN = "unknown"
ACKNOWLEDGE = "smalltalk"
_KNOWS = re.compile(r"(?<![想不])(?:知道|晓得|懂|明白)")
_LONGEST_SETTLED_KEYWORD = 5  # how far back from a settled cue a keyword may begin, past the gap
# A word this strong (or the first of a topic named only weakly) sets where the topic is first asked.
ORDER_MIN = 1.5
# Latin letters inside a Chinese message: pinyin of two syllables or more (「falv yuanzhu」) is read.
_LATIN_RUN = re.compile(r"[A-Za-z]{2,}(?:[ '’]+[A-Za-z]+)*")


_PINYIN_ASKS = re.compile(r"(?:\bma|\bme|[?？])\s*[?？]*\s*$|\b(?:zen ?me|shen ?me|na ?li|ru ?he)\b", re.I)
_NUMBER = re.compile(r"\d{5}")
# Topics of the holiday ahead, asked where the worker is now when that is the place named last:
# 「在鹤岗干了三年 今年上黄埔了 过年加班咋算」 (not 「我现在在黄埔 …问下宜秀那边有没有补贴」)
_WHERE_NOW = frozenset({"holiday_pay", "stay_subsidy", "festival_activities"})
# Question words in a pinyin message, as their shadows (「zen me」): read as one word each.
_ASKING_SHADOWS = {
    shadow: PINYIN_WORDS[word]
    for word, syllables in (("zenme", "zen me"), ("shenme", "shen me"), ("duoshao", "duo shao"))
    if (shadow := pinyin_shadow(syllables))
}
_PINYIN_NE = re.compile(r"\sne\s*[?？]*\s*$", re.IGNORECASE)  # 「na dongguan ne」: its 呢, not 了 (l/n)


class Classifier:
    def __init__(self, rules: Rules) -> None:
        self.rules = rules
        jieba.setLogLevel(logging.WARNING)
        self.tokenizer = jieba.Tokenizer()
        self.tokenizer.initialize()
        for word, freq, tag in rules.words:
            self.tokenizer.add_word(word, freq, tag)
        # Only whole-word keywords join the dictionary (all would bend the segmentation, the arbiter)
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
        cues = [cue for cue, _ in self._negations] + list(rules.settled)
        self._negation_re = re.compile("|".join(re.escape(cue) for cue in cues)) if cues else None

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
                start = m.start()
                for e in self._singles[m.group()]:
                    found.append((start, start + 1, e, False))
        for last, (n, _, entries) in self._automaton.found(self._fuzz(text)):
            start, end = last + 1 - n, last + 1
            piece = text[start:end]
            for e in entries:
                if e.text == piece:
                    found.append((start, end, e, False))
                # A typo is rarely a dictionary word, so jieba leaves it standing on its own; a fuzzy
                # "hit" that straddles a real word (怀宁工地 → 宁工 ≈ 零工) is a coincidence.
                elif e.fuzzy and self._plausible_typo(piece, e.text) and bounds.aligned(start, end):
                    found.append((start, end, e, True))
        hits: list[Hit] = []
        places: list[tuple[int, int, Place]] = []
        cuts = sorted(bounds.breaks)
        for hit in found:
            start, end, e, _ = hit
            if e.picky and not e.fits(start, end, bounds):
                continue
            if cuts and (i := bisect_right(cuts, start)) < len(cuts) and cuts[i] < end:
                continue  # 「厂在集贤路上 门牌号忘了」: no phrase spans a clause break (上门)
            if text[start] in "不没" and bounds.a_not_a(start):
                continue
            if e.place is not None:
                if e.place.region is None and text[end : end + 1] in ("路", "街", "巷"):
                    continue  # 「厂在长春路那边」 (in Dalian): a street named after a city elsewhere
                places.append((start, end, e.place))
            else:
                hits.append(hit)
        hits.sort(key=lambda h: h[0] * 1024 - h[1])  # (the text is at most MAX_CHARS long)
        return hits, places

    def _plausible_typo(self, piece: str, meant: str) -> bool:
        same = sum(a == b for a, b in zip(piece, meant, strict=True))
        # (a phrase of three or more sounds heard right by voice input: 十页金 for 失业金)
        return (2 * same >= len(meant) or len(meant) >= 3) and not self._is_word(piece)

    def _negated_from(self, text: str, bounds: _Bounds) -> list[tuple[int, int]]:
        """(earliest, latest) start positions that a negation cue reaches."""
        if self._negation_re is None or not self._negation_re.search(text):
            return []
        excused = covered(text, self.rules.not_negations)
        # A negation ends at a clause break or where the positive part begins: 「不是问加班 是工资」.
        stops = bounds.breaks.union(*(_find_all(text, word) for word in self.rules.negation_stops))
        reach = []
        for cue, gap in self._negations:
            for pos in _find_all(text, cue):
                end = pos + len(cue)
                if any(b in bounds.breaks for b in range(pos + 1, end + 1)):
                    continue  # 「能申请法律援助不 请律师…」: a 不 that ends a question negates nothing after
                if not excused.issuperset(range(pos, end)) and not bounds.a_not_a(pos):
                    last = min([end + gap] + [s - 1 for s in stops if end < s <= end + gap])
                    reach.append((pos + self.rules.negation_starts.get(cue, len(cue)), last))
        for cue, gap in self.rules.settled.items():  # 「失业金领到了」: what comes before is dealt with
            for pos in _find_all(text, cue):
                if text[pos + len(cue) : pos + len(cue) + 1] in ("吗", "么", "没", "不", "嘛"):
                    continue  # 「补贴有了吗」 asks
                if text[max(0, pos - len(cue)) : pos] == cue:
                    continue  # 「懂了懂了」 says it twice; it settles nothing before it
                if text[pos - 1 : pos] in ("没", "冇"):
                    continue  # 「兜里一点钱都没有了」: none left, nothing settled
                first = max([0] + [b for b in bounds.breaks if b <= pos])
                reach.append((max(first, pos - gap - _LONGEST_SETTLED_KEYWORD), pos - 1))
        return reach

    def _evidence(
        self, text: str, hits: list[Hit], bounds: _Bounds, with_place: bool
    ) -> tuple[dict[str, list[float]], dict[str, int], dict[str, list[tuple[int, float]]]]:
        """intent → the weights of its hits (negative when negated) and of its combos that fired;
        intent → where its first positive keyword begins; intent → where each of its positive
        keywords begins (combo terms are mostly question words, so they say nothing of the clause)."""
        negation = self._negated_from(text, bounds)
        focus = focused_from(text, self.rules.focus) if negation else []
        found: list[tuple[int, int, Keyword, float]] = []
        counted: set[int] = set()  # id() of the keywords already counted
        reach = -1  # where the longest-reaching keyword so far ends
        groups: set[tuple[int, int]] = set()
        nested: list[tuple[int, int, str, list[tuple[int, int]]]] = []  # terms inside longer keywords
        # A sound-alike never counts where the text itself spells a keyword (「被欠了」 is not 「被抢了」).
        spelled = (
            {(s, e) for s, e, entry, fuzzy in hits if not fuzzy and entry.keyword}
            if any(hit[3] for hit in hits)
            else set()
        )
        for start, end, entry, fuzzy in hits:  # by start, longer first
            if fuzzy and (start, end) in spelled:
                continue
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
            if entry.text[0] in "不别没" and start + 1 in bounds.breaks:
                continue  # 「能发我一份不 想收通知」: the 不 ends the question before, it negates nothing
            if entry.text in self.rules.people and self._at_work(text, end, bounds):
                continue  # 「我妈在大连一个酒店做保洁」: she is the worker asked about
            if entry.text in self.rules.trades and text[:start].endswith(self.rules.trade_verbs):
                continue  # 「在金州饭店当厨师」: the job, not a course
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
        first: dict[str, int] = {}
        starts: dict[str, list[tuple[int, float]]] = {}
        if (
            whole := self._whole.get(text) or self._whole.get(without_lead(text, self.rules.fillers))
        ) is not None:
            evidence[whole.intent] = [whole.weight]
        for s1, e1, kw, weight in found:
            # Overlapping keywords (找个工作/工作人员): trust segmentation unless the longer splits a word
            if len(found) > 1:
                rivals = [
                    (s2, e2)
                    for s2, e2, k, _ in found
                    if s2 < e1 and s1 < e2 and e2 - s2 >= e1 - s1 and k.intent != kw.intent
                ]
                if rivals and not bounds.aligned(s1, e1) and any(bounds.aligned(s2, e2) for s2, e2 in rivals):
                    continue
            evidence.setdefault(kw.intent, []).append(weight)
            if weight > 0:  # (a typo names its topic as plainly as the word: 失叶金 is 失业金)
                starts.setdefault(kw.intent, []).append((s1, max(weight, kw.weight)))
        for intent, where in starts.items():
            # The order topics are asked in: where each is first named by a word that could carry it
            # (「厂里就剩几个人 有啥活动没 一个人怪孤单的」: 就剩 hints at hardship, 活动 asks)
            named = [s for s, w in where if w >= ORDER_MIN] or [s for s, _ in where]
            first[intent] = min(named)

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
        # (in the combos' own order, not the set's: a tie between two topics must not turn on a combo
        # added elsewhere, which reshuffles the set)
        for c, n in sorted(have.items()):
            if n == sizes[c]:
                combo = self.rules.combos[c]
                if combo.clause and not in_one_clause(
                    c, text, hits, bounds, self._term_groups, sizes[c], self.rules
                ):
                    continue
                evidence.setdefault(combo.intent, []).append(combo.weight)
        return evidence, first, starts

    def _at_work(self, text: str, end: int, bounds: _Bounds) -> bool:
        """Whether a work word follows ``end`` in the same clause, close by."""
        stop = min([b for b in bounds.breaks if b > end] + [end + self.rules.people_within, len(text)])
        after = text[end:stop]
        return any(word in after for word in self.rules.at_work)

    # -- public -----------------------------------------------------------------------------------

    def _from_pinyin(self, shadow: str) -> str:
        return read_pinyin(shadow, self._automaton, self._by_shadow, _ASKING_SHADOWS)

    def _hanzi_for(self, run: re.Match[str]) -> str:
        if word := PINYIN_WORDS.get(run.group().lower().replace(" ", "")):
            return word  # 「初四初五zenme算」: a question word, which no keyword holds
        shadow = pinyin_shadow(run.group())
        return " ".join(self._from_pinyin(shadow).split()) if shadow else run.group()

    def words(self, text: str) -> list[str]:
        return list(self.tokenizer.lcut(text))

    def classify(self, raw: str) -> Result:
        if raw.isascii() and (shadow := pinyin_shadow(raw)) is not None:
            ne = bool(_PINYIN_NE.search(raw)) and len(shadow) > 1
            reading = self._from_pinyin(shadow[:-1] if ne else shadow) + ("呢" if ne else "")
            if _PINYIN_ASKS.search(raw):  # 「wang shang neng tousu ma」 asks; the reading keeps its 吗
                reading += "吗"
            result = self.classify(reading)
            return dataclasses.replace(result, text=raw, reading=" ".join(reading.split()) or None)
        if _LATIN_RUN.search(raw):  # 「没工作俩月了 shi ye bao xian zen me ling」: pinyin inside hanzi
            mixed = _LATIN_RUN.sub(self._hanzi_for, raw)
            if mixed != raw:
                return dataclasses.replace(self.classify(mixed), text=raw, reading=mixed)
        symbols = self._symbols if self._symbol_re is not None and self._symbol_re.search(raw) else None
        text, breaks = _normalise(raw, self._respell, symbols)
        if not text:
            return Result(raw, UNKNOWN, None, 0.0)
        bounds = _Bounds(self.tokenizer, text, breaks)
        hits, places = self._scan(text, bounds)
        hits = rengong_as_wages(raw, hits)  # 「照平日人工计」: Cantonese wages, not a person
        place, home = (pick_place(text, places, breaks=breaks) if places else None) or (None, False)
        with_place = place is not None and len(text) <= self.rules.with_place_max_chars
        evidence, first, starts = self._evidence(text, hits, bounds, with_place)
        if (fix := CORRECTION.search(text)) and any(s >= fix.end() for v in starts.values() for s, _ in v):
            # 「问下加班费 哦不对 我要问失业金」: what was said before the correction is taken back
            for k in [k for k, v in starts.items() if all(s < fix.start() for s, _ in v)]:
                del evidence[k], starts[k]
        scores = {intent: saturate(weights, self.rules.repeat_factor) for intent, weights in evidence.items()}

        courtesy, threshold, only = self.rules.courtesy, self.rules.threshold, self.rules.place_only_intent
        ties = self.rules.lose_ties
        if place is not None and with_place and only and only_names(text, places, self.rules.fillers):
            scores[only] = max(scores.get(only, 0.0), threshold)
        if len(scores) <= 1:  # most messages: one intent or none, nothing to weigh
            best_intent, best = next(iter(scores.items()), (UNKNOWN, 0.0))
            if best < threshold:
                best_intent = UNKNOWN
            second = best if scores and best_intent not in scores else 0.0
            asked = [k for k, v in scores.items() if v >= threshold]
        else:
            # 「你好，失业金怎么领」 asks about 失业金: courtesy counts only if nothing else does.
            # A command word (订阅) beats a greeting only if it is as strong: 「你好，刚关注的，这个能干啥」
            # asks for the menu, though 关注 hints at subscribing.
            polite = max((v for k, v in scores.items() if k in courtesy), default=0.0)
            if any(
                v >= max(threshold, polite / 3)  # (「你好 …第一次用 不回家 能问些啥」: the menu)
                and (k not in self.rules.lose_ties or v >= polite or (k == only and place is not None))
                for k, v in scores.items()
                if k not in courtesy
            ):  # (「你好 我在东莞电子厂做」 says where the worker is: a place named is no mere hint)
                candidates = {k: v for k, v in scores.items() if k not in courtesy}
            else:
                candidates = scores
            # On a tie an off-topic phrase (流量套餐) beats the topic word inside it (流量), and a topic
            # beats a conversation intent.
            best_intent, best = max(
                candidates.items(),
                key=lambda kv: (kv[1], kv[0] == UNKNOWN, kv[0] not in ties),
                default=(UNKNOWN, 0.0),
            )
            if best < threshold:
                best_intent = UNKNOWN
            second = max((v for k, v in scores.items() if k != best_intent), default=0.0)
            asked = sorted(
                (k for k, v in candidates.items() if v >= threshold),
                key=lambda k: (first.get(k, 999), -candidates[k]),
            )
        if best_intent == ACKNOWLEDGE and breaks and len(scores) == 1:
            # 「好的 扫码是扫哪个码」「行 谢谢 要带啥」: thanks, then a question about what was answered
            said = max(s for s, _ in starts.get(best_intent, [(0, 0.0)]))
            rest = text[min((b for b in breaks if b > said), default=len(text)) :]
            asking = QUESTION_CLAUSE.search(rest) or raw.rstrip().endswith(("?", "？"))  # 「…个人拿不到？」
            if asking and not _KNOWS.search(rest):  # (「好的 知道咋弄了」)
                best_intent, asked = UNKNOWN, []
        margin = best - max(second, 0.0)
        confidence = round(1 / (1 + math.exp(-2 * (best - self.rules.threshold) - margin)), 3)
        if len(asked) > 1:
            said_first = asked[0]
            asked = order_asked(text, breaks, asked, scores, starts, best_intent, self.rules)
            if (
                asked
                and asked[0] in ties
                and best_intent in asked
                and best_intent not in ties
                # (tied too: 「被欠薪了 打什么电话」; not 「12348打不通 还有别的电话没」, another number)
                and (scores[asked[0]] < best or (scores[asked[0]] == best and not _NUMBER.search(text)))
            ):
                asked.remove(
                    best_intent
                )  # 「冇得工作了 政府有冇钱发」: a hint of a command never leads a topic
                asked.insert(0, best_intent)
            # (an off-topic question well under a plain story topic is about it: 「欠钱不还 能报警不」)
            off = bool(asked) and asked[0] == UNKNOWN and best >= max(PLAIN_TOPIC, scores[UNKNOWN] + 0.5)
            if asked and asked[0] != said_first and best_intent == said_first and not off:
                best_intent = asked[0]  # 「厂子黄了老板跑了 失业金能领不」 is about 失业金
            elif (
                asked
                and asked[0] != best_intent
                and not (asked[0] == UNKNOWN and best >= scores[UNKNOWN] + 1.5)  # (off-topic, then a topic)
                and best_intent in asked
                and second_question(text, breaks, first.get(asked[0], -1), first.get(best_intent, -1))
            ):
                best_intent = asked[0]  # 「欠薪能投诉吗 还有加班费咋算」: the first question leads
            said_at = (text, breaks, starts)
            best_intent, asked = told_first(said_first, best_intent, asked, scores, self.rules, said_at)
        if len(asked) > 1 and (lead := focused_from(text, self.rules.lead)):
            named = [(s, e.keyword.intent) for s, _, e, _ in hits if e.keyword]
            marked = {min((x for x in named if a <= x[0] <= b), default=(0, ""))[1] for a, b in lead}
            led = [k for k in asked if k in marked]  # the first topic named after each cue
            if len(led) == 1:  # 「…还有最要紧的是宿舍不让住了」: the topic marked as the point leads
                asked.remove(led[0])
                asked.insert(0, led[0])
                best_intent = led[0]
        asked = stronger_first(text, breaks, first, asked, best_intent, self.rules.means)
        family_only, kin = False, best_intent == "family_care"
        if (len(places) > 1 and best_intent in TOPIC_INTENTS and (place is not None or kin)) or (
            places and place is None and kin
        ):  # 「去年在安庆干活 包工头没结账 人现在在成都」: a question is about where it happened
            # (the story ends where the worker is: the place it names last)
            now = best_intent in _WHERE_NOW and place is max(places, key=lambda p: p[0])[2]
            worked = best_intent == "wage_arrears"  # (owed where the work was)
            where = pick_place(text, places, now=now, kin=kin, breaks=breaks, worked=worked)
            if where is not None:
                family_only = place is None  # only the family's home was named: the worker is elsewhere
                place, home = where
        heard = self._respell(raw)
        return Result(
            raw,
            best_intent,
            place.region if place else None,
            confidence,
            place.place if place else None,
            scores,
            tuple(asked),
            place.alias if place is not None and place.priority == -1 else None,
            heard=heard if heard != raw else None,
            family_only=family_only,
            home=home and place is not None,
        )

    def classify_many(self, texts: Iterable[str]) -> list[Result]:
        return [self.classify(t) for t in texts]
