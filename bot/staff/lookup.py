"""Finding scripted answers for hotline staff: the desk's 「话术查询」 and ``python -m bot lookup``.

A query goes through the bot's own classifier, so staff find what a worker would get from the
same words — typos included (「欠心」 → wage_arrears). With a region (chosen, or named in the
query) the answers are listed along the bot's lookup chain: district, city, national; the first
one is the answer the bot sends there. Without a region, the intent's answers in every region.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from .. import timefmt
from ..content.knowledge import Document, Knowledge
from ..dialogue.numbered import MENU
from ..ids import NATIONAL, TOPIC_INTENTS
from ..nlu.model import Classifies

INTENT_NAMES: dict[str, str] = dict(MENU)


def intent_name(intent: str) -> str:
    return INTENT_NAMES.get(intent, intent)


def region_title(knowledge: Knowledge, rid: str | None) -> str:
    """「安庆市宜秀区」 for a district, 「大连市」 for a region, the id itself if unknown."""
    if not rid:
        return "未知地区"
    region = knowledge.regions.get(rid)
    if region is None:
        return rid
    parent = knowledge.regions.get(region.parent)
    if parent is not None and parent.id != NATIONAL and not region.name.startswith(parent.label):
        return parent.name + region.name
    return region.name


def region_choices(knowledge: Knowledge) -> list[tuple[str, str]]:
    """(id, title) for a drop-down: national, then each region followed by its districts."""
    out: list[tuple[str, str]] = []
    if NATIONAL in knowledge.regions:
        out.append((NATIONAL, region_title(knowledge, NATIONAL)))
    tops = sorted(r for r, reg in knowledge.regions.items() if reg.parent == NATIONAL)
    for top in tops:
        out.append((top, region_title(knowledge, top)))
        kids = sorted(r for r, reg in knowledge.regions.items() if reg.parent == top)
        out += [(kid, "　" + region_title(knowledge, kid)) for kid in kids]
    listed = {rid for rid, _ in out}
    out += [(rid, region_title(knowledge, rid)) for rid in sorted(knowledge.regions) if rid not in listed]
    return out


def intent_choices() -> list[tuple[str, str]]:
    return [(iid, intent_name(iid)) for iid in TOPIC_INTENTS]


@dataclass(frozen=True)
class Hit:
    doc: Document
    intent: str
    intent_name: str
    region: str
    region_name: str
    source_short: str
    source_number: str
    source_date: date | None
    valid_from: date | None
    valid_until: date | None
    expired: bool
    text: str
    sent_by_bot: bool = False  # the answer the bot sends for the looked-up region

    @property
    def key(self) -> str:
        return f"{self.region}/{self.intent}"


@dataclass
class Lookup:
    query: str
    intent: str | None  # the topic shown (from the query or the filter), None: nothing chosen
    region: str | None  # the region used (filter or detected in the query)
    detected_intent: str | None = None  # what the classifier made of the query
    detected_region: str | None = None
    score: float = 0.0
    hits: list[Hit] = field(default_factory=list)

    @property
    def understood(self) -> bool:
        return self.intent is not None


def _hit(knowledge: Knowledge, doc: Document, today: date, sent: bool = False) -> Hit:
    src = knowledge.sources.get(doc.source)
    return Hit(
        doc=doc,
        intent=doc.intent,
        intent_name=intent_name(doc.intent),
        region=doc.region,
        region_name=region_title(knowledge, doc.region),
        source_short=src.short if src else doc.source,
        source_number=src.number if src else "",
        source_date=src.date if src else None,
        valid_from=doc.valid_from,
        valid_until=doc.valid_until,
        expired=doc.expired(today),
        text=knowledge.render(doc, today),
        sent_by_bot=sent,
    )


def answers_for(knowledge: Knowledge, intent: str | None, region: str | None, today: date) -> list[Hit]:
    """An intent's answers for a region's chain (bot's choice first), or in every region."""
    if region:
        chain = knowledge.chain(region)
        intents = [intent] if intent else list(TOPIC_INTENTS)
        hits = []
        for iid in intents:
            docs = [knowledge.answers[(rid, iid)] for rid in chain if (rid, iid) in knowledge.answers]
            hits += [_hit(knowledge, d, today, sent=i == 0) for i, d in enumerate(docs)]
        return hits
    if intent:
        return [_hit(knowledge, d, today) for d in knowledge.search(intent=intent)]
    return []


def lookup(
    knowledge: Knowledge,
    classifier: Classifies,
    query: str = "",
    *,
    intent: str | None = None,
    region: str | None = None,
    today: date | None = None,
) -> Lookup:
    """Scripted answers for a query and/or an intent and region filter.

    An explicit ``intent``/``region`` wins over what the classifier reads in the query.
    """
    today = today or timefmt.today()
    query = query.strip()
    intent = intent if intent in TOPIC_INTENTS else None
    region = region if region in knowledge.regions else None
    found = Lookup(query=query, intent=intent, region=region)
    if query:
        result = classifier.classify(query)
        found.detected_intent = result.intent
        found.detected_region = result.place or result.region
        found.score = result.score
        if found.intent is None and result.intent in TOPIC_INTENTS:
            found.intent = result.intent
        if found.region is None and found.detected_region in knowledge.regions:
            found.region = found.detected_region
        if found.intent is None:
            return found  # not a topic the bot answers: show nothing rather than every answer
    found.hits = answers_for(knowledge, found.intent, found.region, today)
    return found


# -- full text: when the classifier finds no topic --------------------------------------------------

# Words that say nothing about the topic: never searched for, never highlighted.
_STOP = frozenset(
    [
        "怎么",
        "怎么样",
        "什么",
        "怎样",
        "如何",
        "哪里",
        "多少",
        "请问",
        "一下",
        "可以",
        "没有",
        "现在",
        "今天",
        "我们",
        *list("的了吗呢啊吧么我你他她是在有和就也都要会能咋"),
    ]
)


def search_terms(query: str, cut: Callable[[str], list[str]] | None = None) -> list[str]:
    """The words of a query worth looking for in text: ``cut`` (a jieba ``Tokenizer.lcut``) splits
    it (the classifier's ``words``); without one, the query's runs of CJK characters, letters and digits."""
    import re

    query = query.strip()[:200]
    if cut is not None:
        words = [w.strip() for w in cut(query)]
    else:
        words = re.findall(r"[\u4e00-\u9fff]+|[A-Za-z0-9]+", query)
    terms: list[str] = []
    for w in words:
        if not w or w in _STOP or not re.fullmatch(r"[\u4e00-\u9fff]+|[A-Za-z0-9]+", w):
            continue
        if w not in terms:
            terms.append(w)
    longer = [t for t in terms if len(t) > 1]
    return longer or terms


def full_text(knowledge: Knowledge, terms: list[str], today: date, limit: int = 10) -> list[Hit]:
    """Answers whose text contains the most of ``terms`` (then the longest matches), best first."""
    if not terms:
        return []
    import re

    # A number matches whole numbers only: 1234 is not in 12348.
    patterns = {t: re.compile(rf"(?<!\d){re.escape(t)}(?!\d)") if t.isdigit() else None for t in terms}
    scored = []
    for (_rid, _iid), doc in sorted(knowledge.answers.items()):
        text = knowledge.render(doc, today)
        found = [t for t, p in patterns.items() if (p.search(text) if p else t in text)]
        if found:
            scored.append((-len(found), -sum(len(t) for t in found), doc))
    scored.sort(key=lambda x: (x[0], x[1]))
    return [_hit(knowledge, doc, today) for _, _, doc in scored[:limit]]
