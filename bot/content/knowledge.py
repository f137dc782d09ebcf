"""The knowledge base: sources, regions, scripted answers and broadcast templates from content/.

Everything here is data written from the policy documents; this module loads it, resolves a
region to its answer (district → city → national) and renders the text a worker sees.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..errors import ContentError
from ..ids import INTENTS, NATIONAL, REGIONS, TOPIC_INTENTS

MAX_ANSWER_CHARS = 600
BROADCAST_KINDS = ("letter", "notice")


@dataclass(frozen=True)
class Source:
    id: str
    number: str
    issuer: str
    title: str
    date: date
    region: str
    seed: str
    short: str


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

    @property
    def name(self) -> str:
        return self.path.stem

    def expired(self, today: date) -> bool:
        return self.valid_until is not None and today > self.valid_until


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
    unknown = set(meta) - known
    if unknown:
        raise ContentError(f"{path}: unknown front matter key(s): {', '.join(sorted(unknown))}")
    for key in ("valid_from", "valid_until"):
        if key in meta and not isinstance(meta[key], date):
            raise ContentError(f"{path}: {key} must be a TOML date (2021-01-21)")
    return Document(path=path, body=body, **{k: meta[k] for k in meta})


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
        geo = content_dir / "geo.toml"
        self.boxes = tomllib.loads(geo.read_text(encoding="utf-8")) if geo.is_file() else {}
        self.broadcasts: list[Document] = [
            _document(p) for p in sorted((content_dir / "broadcasts").glob("*/*.md"))
        ]

    @staticmethod
    def _load_sources(path: Path) -> dict[str, Source]:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
        fields = ("number", "issuer", "title", "date", "region", "seed", "short")
        return {sid: Source(sid, **{k: v[k] for k in fields}) for sid, v in raw.items()}

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

    def render(self, doc: Document, today: date) -> str:
        """The body, the one-line source, and a note when the campaign has ended."""
        src = self.sources[doc.source]
        lines = [doc.body, f"（依据：{src.short}，{_cn_date(src.date)}）"]
        if doc.valid_until and doc.expired(today):
            ask = doc.ask or self.region(doc.region).hotline
            lines.append(f"⚠ 这项活动已于{_cn_date(doc.valid_until)}结束，现在怎么办请先拨打 {ask} 问清楚。")
        return "\n".join(lines)

    def reply(self, intent: str, place: str | None, today: date) -> str | None:
        doc = self.answer(intent, place)
        return self.render(doc, today) if doc else None

    def search(self, intent: str | None = None, region: str | None = None) -> list[Document]:
        return [
            d
            for (rid, iid), d in sorted(self.answers.items())
            if (intent is None or iid == intent) and (region is None or rid == region)
        ]

    # -- validation (python -m bot check) -------------------------------------------------------

    def problems(self, today: date | None = None) -> list[str]:
        today = today or date.today()
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
            if doc.source not in self.sources:
                out.append(f"{where}: source {doc.source!r} is not in sources.toml")
                continue
            text = self.render(doc, today)
            if len(text) > MAX_ANSWER_CHARS:
                out.append(f"{where}: {len(text)} characters with footer, limit {MAX_ANSWER_CHARS}")
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
