"""Scripted answers (话术查询) and the global search over answers and complaints."""

from __future__ import annotations

from flask import Blueprint, render_template, request
from flask.typing import ResponseReturnValue

from ...complaints.register import caller_query
from ...services import Services, current
from ...staff.lookup import Hit, full_text, intent_choices, lookup, region_choices, search_terms
from . import auth, common

SEARCH_COMPLAINTS = 20


def _fallback(services: Services, query: str) -> tuple[list[str], list[Hit]]:
    """Words of the query and the answers containing them, for when no topic was recognised."""
    terms = search_terms(query, services.bot.classifier.words)
    return terms, full_text(services.knowledge, terms, services.bot.today())


def register(bp: Blueprint) -> None:
    @bp.get("/answers")
    @auth.require("hotline")
    def answers() -> ResponseReturnValue:
        services = current()
        query = request.args.get("q", "")[:200]
        found = lookup(
            services.knowledge,
            services.bot.classifier,
            query,
            intent=request.args.get("intent") or None,
            region=request.args.get("region") or None,
            today=services.bot.today(),
        )
        terms, fallback = (
            _fallback(services, found.query) if found.query and not found.understood else ([], [])
        )
        return render_template(
            "desk/answers.html",
            found=found,
            query=query,
            terms=terms,
            fallback=fallback,
            highlight=common.highlight,
            intent_filter=request.args.get("intent", ""),
            region_filter=request.args.get("region", ""),
            intents=intent_choices(),
            regions=region_choices(services.knowledge),
        )

    @bp.get("/search")
    @auth.require("hotline")
    def search() -> ResponseReturnValue:
        """One box over answers and complaints: the topic first, then the words; matches marked."""
        services = current()
        query = request.args.get("q", "").strip()[:200]
        found = lookup(services.knowledge, services.bot.classifier, query, today=services.bot.today())
        caller = caller_query(query)
        number = caller is not None and caller[0] in ("phone", "tail")
        # A phone number (or its last digits) is somebody calling, not a question: no answers for it.
        terms, fallback = _fallback(services, query) if query and not number else ([], [])
        if number:
            found.hits = []
        hits = found.hits if found.understood else fallback
        cases = services.complaints.search(text=query, limit=SEARCH_COMPLAINTS + 1) if query else []
        if query:
            common.audit_caller_search(services, query, cases, "全局搜索")
        return render_template(
            "desk/search.html",
            query=query,
            found=found,
            hits=hits[:10],
            terms=[*terms, query],
            cases=cases[:SEARCH_COMPLAINTS],
            caller_first=number or bool(cases and not found.understood),
            more_cases=len(cases) > SEARCH_COMPLAINTS,
            highlight=common.highlight,
        )
