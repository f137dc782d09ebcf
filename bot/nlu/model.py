"""The classifier's data: rules as loaded from intents/ (``Rules``) and what it returns (``Result``)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

# Where a keyword may count (``Keyword.mode``).
ANYWHERE = "any"  # as a substring
WORD = "word"  # only as whole jieba tokens (or a run of them)
MESSAGE = "message"  # only as the whole message
WITH_PLACE = "place"  # as a substring, and only when the message also names a place


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
    clause: bool = False  # every group within one clause (「…等通知 … 我不想干等了」 refuses nothing)


@dataclass(frozen=True)
class Place:
    alias: str
    region: str | None  # contract region id (shared/intents.md); None for a place outside them
    place: str | None  # most specific id: a district id or the region id
    priority: int  # 2 district, 1 region, 0 weak (ambiguous) name, -1 outside the regions, -2 a kind of place


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
    # Cues that mark the point (「主要是」「最要紧的是」): of two topics asked, the one after leads.
    lead: dict[str, int] = field(default_factory=dict)
    # (story topic, question topic) pairs where the question asks what the story's topic holds
    # (children's activities are family care), so the question does not lead the story.
    story_holds: frozenset[tuple[str, str]] = frozenset()
    # (problem, means) pairs: told of the problem, a worker who names the means plainly asks about it.
    means: tuple[tuple[str, str], ...] = ()
    # (told, asked) pairs: the first topic, told first, leads the second asked after it.
    told_first: frozenset[tuple[str, str]] = frozenset()
    # (told, asked) pairs: the second, asked after the first was told, leads it when stronger.
    asked_leads: frozenset[tuple[str, str]] = frozenset()
    # Cues after a keyword that say it is dealt with (「失业金领到了」「加班费的事解决了」): cue →
    # characters allowed between the keyword and the cue; the keyword counts against its intent.
    settled: dict[str, int] = field(default_factory=dict)
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
    # A relative who works (「我儿子在黄埔工地上干活」) is a worker asked about, not family left at home:
    # a ``people`` keyword followed, within ``people_within`` characters of its clause, by one of
    # ``at_work`` counts for no intent.
    people: frozenset[str] = frozenset()
    # Words of despair (「不想活了」): emergency help leads whatever else the message asks.
    urgent: tuple[str, ...] = ()
    at_work: tuple[str, ...] = ()
    people_within: int = 12
    # A trade named as the worker's job (「当厨师」「开叉车」「做护理员」) is not a wish to learn it:
    # a ``trades`` keyword right after one of ``trade_verbs`` counts for no intent.
    trades: frozenset[str] = frozenset()
    trade_verbs: tuple[str, ...] = ()


@dataclass(frozen=True)
class Result:
    text: str
    intent: str
    region: str | None
    score: float
    place: str | None = None
    scores: dict[str, float] = field(default_factory=dict, compare=False, repr=False)
    # Every intent that clears the threshold (greetings and thanks aside), in the order the message
    # first names them: 「大连补贴多少，另外法律援助找谁」 → (stay_subsidy, legal_aid).
    asked: tuple[str, ...] = ()
    # The place name the message gives when it lies outside every region (「我在合肥」 → 合肥).
    elsewhere: str | None = None
    # A message typed in toneless pinyin, as the hanzi the rules read it as (「wo yao tousu qianxin」 →
    # 「要投诉欠薪」): what the dialogue and the complaint form look at; ``text`` stays as typed.
    reading: str | None = None
    # The message with dialect words respelled as Mandarin (「要等几耐」 → 「要等多久」), when that
    # changes it: what the dialogue's follow-up checks read. Field values keep the words as typed.
    heard: str | None = None
    # The staff decided the intent: a hotline label (bot/nlu/learned.py) or an official's keyword
    # (bot/content/live.py). The turn model (bot/dialogue/second.py) does not overrule it.
    labelled: bool = False
    # The place is only where the worker's family is (「孩子不在安庆 在山东老家」): answered for, not
    # where the worker is.
    family_only: bool = False
    # The place is named as where the worker comes from (「我是桐城人」「俺是黑龙江户口」).
    home: bool = False


class Classifies(Protocol):
    """What the dialogue and the desk need of a classifier (the rules, or the rules with labels)."""

    def classify(self, raw: str) -> Result: ...

    def words(self, text: str) -> list[str]:
        """``text`` cut into words the way the classifier reads it (the domain's jieba dictionary)."""
        ...
