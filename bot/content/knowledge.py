"""The knowledge base: sources, regions, scripted answers and broadcast templates from content/.

Everything here is data written from the policy documents; this module loads it, resolves a
region to its answer (district → city → national) and renders the text a worker sees.

Each answer is either *standing* (labour law, hotlines: never expires) or a *campaign* answer
(valid until a date). Inside its dates a campaign answer is shown as written. Outside them the
worker first gets what still applies now (the next standing or current answer along the region
chain, else a line with the number to call), then one ⚠ line saying what the campaign offered and
when it ended. Standing answers never carry a ⚠ line, even where they mention a region's extras.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

from .. import timefmt
from ..errors import ContentError
from ..ids import INTENTS, NATIONAL, REGIONS, TOPIC_INTENTS

MAX_ANSWER_CHARS = 600
BROADCAST_KINDS = ("letter", "notice")
STANDING, CAMPAIGN = "standing", "campaign"
VALIDITIES = (STANDING, CAMPAIGN)
# 「{ended:2021-02-28}」 in a body becomes 「（已结束）」 once that day is past, else nothing.
ENDED_TOKEN = re.compile(r"\{ended:(\d{4})-(\d{2})-(\d{2})\}")


@dataclass(frozen=True)
class Source:
    id: str
    number: str
    issuer: str
    title: str
    date: date | None  # None: the document carries no date (we do not invent one)
    region: str
    seed: str  # file name in ../shared/seeds; empty for national law and general facts
    short: str

    def cite(self) -> str:
        """The short form shown after 「依据：」: name, and the date when the document has one."""
        return f"{self.short}，{_cn_date(self.date)}" if self.date else self.short


@dataclass(frozen=True)
class Contact:
    name: str
    phone: str
    source: str


@dataclass(frozen=True)
class Region:
    id: str
    name: str
    label: str
    parent: str
    hotline: str
    contacts: tuple[Contact, ...]


@dataclass(frozen=True)
class Document:
    """A scripted answer or a broadcast template: front matter plus body."""

    path: Path
    region: str
    source: str
    body: str
    intent: str = ""
    kind: str = ""
    title: str = ""
    valid_from: date | None = None
    valid_until: date | None = None
    ask: str = ""
    validity: str = ""  # answers: "standing" or "campaign"
    offered: str = ""  # campaign answers: one line on what the campaign offered
    also: tuple[str, ...] = ()  # further source ids (a standing rule's regional extras)

    @property
    def name(self) -> str:
        return self.path.stem

    @property
    def standing(self) -> bool:
        return self.validity == STANDING

    def expired(self, today: date) -> bool:
        return not self.standing and self.valid_until is not None and today > self.valid_until

    def current(self, today: date) -> bool:
        """Whether the text holds today: always for standing answers, inside the dates otherwise."""
        if self.standing:
            return True
        started = self.valid_from is None or self.valid_from <= today
        return started and not self.expired(today)


def split_front_matter(text: str, path: Path) -> tuple[dict[str, Any], str]:
    parts = text.split("+++\n", 2)
    if len(parts) != 3 or parts[0].strip():
        raise ContentError(f"{path}: expected +++ TOML front matter +++ then the body")
    try:
        meta = tomllib.loads(parts[1])
    except tomllib.TOMLDecodeError as exc:
        raise ContentError(f"{path}: bad front matter: {exc}") from exc
    return meta, parts[2].strip()


def _document(path: Path) -> Document:
    meta, body = split_front_matter(path.read_text(encoding="utf-8"), path)
    known = {"intent", "region", "source", "kind", "title", "valid_from", "valid_until", "ask"}
    known |= {"validity", "offered", "also"}
    unknown = set(meta) - known
    if unknown:
        raise ContentError(f"{path}: unknown front matter key(s): {', '.join(sorted(unknown))}")
    for key in ("valid_from", "valid_until"):
        if key in meta and not isinstance(meta[key], date):
            raise ContentError(f"{path}: {key} must be a TOML date (2021-01-21)")
    also = meta.pop("also", [])
    if not (isinstance(also, list) and all(isinstance(a, str) for a in also)):
        raise ContentError(f"{path}: also must be a list of source ids")
    return Document(path=path, body=body, also=tuple(also), **{k: meta[k] for k in meta})


def _cn_date(d: date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


class Knowledge:
    def __init__(self, content_dir: Path) -> None:
        self.dir = content_dir
        self.sources = self._load_sources(content_dir / "sources.toml")
        self.regions = self._load_regions(content_dir / "regions")
        self.answers: dict[tuple[str, str], Document] = {}
        for path in sorted((content_dir / "answers").glob("*/*.md")):
            doc = _document(path)
            self.answers[(doc.region, doc.intent)] = doc
        # Rendered replies of one day, by (intent, place): a turn asks for the same few dozen all day.
        # An attribute, so a live reload (which swaps ``__dict__``) starts with an empty one.
        self._replies: dict[tuple[str, str | None], str | None] = {}
        self._replies_day: date | None = None
        geo = content_dir / "geo.toml"
        self.boxes = tomllib.loads(geo.read_text(encoding="utf-8")) if geo.is_file() else {}
        self.broadcasts: list[Document] = [
            _document(p) for p in sorted((content_dir / "broadcasts").glob("*/*.md"))
        ]

    @staticmethod
    def _load_sources(path: Path) -> dict[str, Source]:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
        fields = ("number", "issuer", "title", "region", "seed", "short")
        out = {}
        for sid, v in raw.items():
            when = v.get("date")
            if when is not None and not isinstance(when, date):
                raise ContentError(f"{path}: [{sid}] date must be a TOML date or left out")
            out[sid] = Source(sid, date=when, **{k: v[k] for k in fields})
        return out

    @staticmethod
    def _load_regions(folder: Path) -> dict[str, Region]:
        regions = {}
        for path in sorted(folder.glob("*.toml")):
            raw = tomllib.loads(path.read_text(encoding="utf-8"))
            contacts = tuple(Contact(**c) for c in raw.get("contacts", []))
            regions[path.stem] = Region(
                path.stem, raw["name"], raw["label"], raw.get("parent", ""), raw["hotline"], contacts
            )
        return regions

    # -- lookups ---------------------------------------------------------------------------------

    def chain(self, place: str | None) -> list[str]:
        """The place, its parents, then national: where to look for an answer, in order."""
        out: list[str] = []
        current = place if place in self.regions else NATIONAL
        while current and current not in out:
            out.append(current)
            current = self.regions[current].parent if current in self.regions else ""
        if NATIONAL not in out:
            out.append(NATIONAL)
        return out

    def city(self, place: str | None) -> str:
        """The contract region id for a place (a district maps to its city)."""
        for rid in self.chain(place):
            if rid in REGIONS:
                return rid
        return NATIONAL

    def region(self, place: str | None) -> Region:
        return self.regions[self.chain(place)[0]]

    def hotline(self, place: str | None) -> str:
        return self.region(place).hotline

    def contacts(self, place: str | None) -> list[Contact]:
        """Numbers for this place, most specific first, each number once."""
        seen: set[str] = set()
        out = []
        for rid in self.chain(place):
            for c in self.regions[rid].contacts:
                if c.phone not in seen:
                    seen.add(c.phone)
                    out.append(c)
        return out

    def place_at(self, lat: float, lon: float) -> str | None:
        """The region a coordinate falls in (content/geo.toml), or None outside them all."""
        for rid, spec in self.boxes.items():
            lat_min, lat_max, lon_min, lon_max = spec["box"]
            if lat_min <= lat <= lat_max and lon_min <= lon <= lon_max:
                return str(rid)
        return None

    def answer(self, intent: str, place: str | None) -> Document | None:
        for rid in self.chain(place):
            doc = self.answers.get((rid, intent))
            if doc:
                return doc
        return None

    def footer(self, doc: Document) -> str:
        """「（依据：…）」: the document's source, then any further ones, each with its date."""
        cites = [self.sources[s].cite() for s in (doc.source, *doc.also) if s in self.sources]
        return f"（依据：{'；'.join(cites)}）"

    @staticmethod
    def body(doc: Document, today: date) -> str:
        """The body with each 「{ended:…}」 turned into 「（已结束）」 once its day is past."""

        def ended(m: re.Match[str]) -> str:
            return "（已结束）" if today > date(int(m[1]), int(m[2]), int(m[3])) else ""

        return ENDED_TOKEN.sub(ended, doc.body)

    def still_applies(self, doc: Document, today: date) -> Document | None:
        """The answer that holds today after ``doc``'s region in its chain (its city, national)."""
        chain = self.chain(doc.region)
        for rid in chain[chain.index(doc.region) + 1 :] if doc.region in chain else chain:
            other = self.answers.get((rid, doc.intent))
            if other is not None and other.current(today):
                return other
        return None

    def render(self, doc: Document, today: date) -> str:
        """What the bot sends for ``doc`` today (see the module docstring)."""
        if doc.current(today):
            return f"{self.body(doc, today)}\n{self.footer(doc)}"
        now = self.still_applies(doc, today)
        if now is not None:
            lines = [self.body(now, today), self.footer(now)]
        else:
            label = (
                doc.body[: doc.body.index("】") + 1] if doc.body.startswith("【") and "】" in doc.body else ""
            )
            lines = [f"{label}现在的政策请拨打 {doc.ask or self.region(doc.region).hotline} 问清楚。"]
        if doc.expired(today) and doc.valid_until is not None:
            src = self.sources.get(doc.source)
            cited = f"（{src.short}）" if src else ""
            lines.append(f"⚠ {doc.offered or '这项活动'}{cited}，已于{_cn_date(doc.valid_until)}结束。")
        return "\n".join(lines)

    def reply(self, intent: str, place: str | None, today: date) -> str | None:
        if today != self._replies_day:
            self._replies, self._replies_day = {}, today
        key = (intent, place)
        if key not in self._replies:
            doc = self.answer(intent, place)
            self._replies[key] = self.render(doc, today) if doc else None
        return self._replies[key]

    def search(self, intent: str | None = None, region: str | None = None) -> list[Document]:
        return [
            d
            for (rid, iid), d in sorted(self.answers.items())
            if (intent is None or iid == intent) and (region is None or rid == region)
        ]

    # -- validation (python -m bot check) -------------------------------------------------------

    def problems(self, today: date | None = None) -> list[str]:
        today = today or timefmt.today()
        out: list[str] = []
        for rid, region in self.regions.items():
            if region.parent and region.parent not in self.regions:
                out.append(f"regions/{rid}.toml: unknown parent {region.parent!r}")
            if rid != NATIONAL and self.city(rid) == NATIONAL:
                out.append(f"regions/{rid}.toml: not under any region id of intents.md")
            out += [
                f"regions/{rid}.toml: contact {c.phone} cites unknown source {c.source!r}"
                for c in region.contacts
                if c.source not in self.sources
            ]
        for intent in TOPIC_INTENTS:
            if (NATIONAL, intent) not in self.answers:
                out.append(f"answers/national/{intent}.md is missing: every topic intent needs one")
        for doc in self.answers.values():
            where = doc.path.relative_to(self.dir)
            if doc.intent not in TOPIC_INTENTS:
                out.append(f"{where}: intent {doc.intent!r} is not a topic intent of intents.md")
            if doc.region not in self.regions or doc.path.parent.name != doc.region:
                out.append(f"{where}: region {doc.region!r} unknown or not its folder")
            elif doc.path.stem != doc.intent:
                out.append(f"{where}: file name must be the intent id")
            # sources, standing/campaign, wording and length: see checks.py
        out += [f"geo.toml: unknown region {rid!r}" for rid in self.boxes if rid not in self.regions]
        for doc in self.broadcasts:
            where = doc.path.relative_to(self.dir)
            if doc.kind not in BROADCAST_KINDS:
                out.append(f"{where}: kind must be one of {BROADCAST_KINDS}")
            if doc.region not in self.regions:
                out.append(f"{where}: unknown region {doc.region!r}")
            if doc.source not in self.sources:
                out.append(f"{where}: source {doc.source!r} is not in sources.toml")
            if not doc.title:
                out.append(f"{where}: title is empty")
        assert set(TOPIC_INTENTS) <= set(INTENTS)
        return out


@lru_cache(maxsize=4)
def load_knowledge(content_dir: str) -> Knowledge:
    return Knowledge(Path(content_dir))
