"""Broadcast templates (content/broadcasts/) and the regions they go to: lookup, labels, rendering."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from ..content.knowledge import Document, Knowledge
from ..ids import NATIONAL
from .model import PlanError, cn_date


class Templates:
    """What officials pick from and what a follower in a region reads."""

    def __init__(self, knowledge: Knowledge) -> None:
        self.knowledge = knowledge

    @staticmethod
    def template_name(doc: Document) -> str:
        return f"{doc.region}/{doc.name}"

    def templates(self, kind: str | None = None, region: str | None = None) -> list[Document]:
        """Templates of ``kind`` for ``region``: its own first, then its parents' and national ones."""
        chain = self.knowledge.chain(region) if region else None
        docs = [
            d
            for d in self.knowledge.broadcasts
            if (kind is None or d.kind == kind) and (chain is None or d.region in chain)
        ]
        if chain is not None:
            docs.sort(key=lambda d: chain.index(d.region))
        return docs

    def template(self, name: str) -> Document | None:
        return next((d for d in self.knowledge.broadcasts if self.template_name(d) == name), None)

    def region_label(self, region: str) -> str:
        if region == NATIONAL:
            return "全国（所有订阅者）"
        reg = self.knowledge.regions.get(region)
        return reg.label if reg else region

    def regions_label(self, regions: Iterable[str]) -> str:
        return "、".join(self.region_label(r) for r in regions)

    def chains(self) -> dict[str, tuple[str, ...]]:
        """Every region id → the ids whose broadcasts its followers get (itself, its city, national)."""
        return {r: tuple(self.knowledge.chain(r)) for r in self.knowledge.regions}

    def labels(self) -> dict[str, str]:
        return {r: self.region_label(r) for r in self.knowledge.regions}

    def render(self, title: str, body: str, region: str, when: datetime, sender: str = "") -> str:
        """What a follower in ``region`` reads: the title line, then the body with placeholders filled.

        ``{date}`` is the planned date of the send (not the day it was written or retried).
        """
        reg = self.knowledge.region(region)
        values = {
            "{region_name}": reg.name,
            "{hotline}": reg.hotline,
            "{date}": cn_date(when.date()),
            "{sender}": sender.strip(),
        }
        text = body.strip()
        for placeholder, value in values.items():
            text = text.replace(placeholder, value)
        return f"【{title.strip()}】\n{text}"

    def normalize_regions(self, regions: Iterable[str]) -> tuple[str, ...]:
        """Known region ids, national alone if chosen, no district whose city is also chosen."""
        chosen = {r.strip() for r in regions if r and r.strip()}
        unknown = sorted(r for r in chosen if r not in self.knowledge.regions)
        if unknown:
            raise PlanError([f"不认识的地区：{'、'.join(unknown)}"])
        if not chosen:
            raise PlanError(["请至少选择一个地区（或「全国」）"])
        if NATIONAL in chosen:
            return (NATIONAL,)
        kept = [r for r in chosen if not any(p in chosen for p in self.knowledge.chain(r)[1:])]
        order = list(self.knowledge.regions)
        return tuple(sorted(kept, key=order.index))
