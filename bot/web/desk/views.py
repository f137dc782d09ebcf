"""The desk's pages, one module per page group, all on the ``desk`` blueprint.

``register_views`` adds what every request needs (security plumbing, the template context), then
each page module's routes: ``login`` (login, logout), ``answers`` (scripted answers and the global
search), ``complaints`` (the register), ``casework`` (assignee, notes, callbacks), ``audit_views``
(the audit log) and ``users`` (accounts).
"""

from __future__ import annotations

import logging
from typing import Any

from flask import Blueprint, render_template

from ...services import Services
from ...staff import accounts, audit
from ...staff.lookup import intent_name, region_title
from . import answers, audit_views, auth, casework, common, complaints, login, users

log = logging.getLogger(__name__)


def register_views(bp: Blueprint, services: Services) -> None:
    store = services.store
    knowledge = services.knowledge

    # -- every request --------------------------------------------------------------------------

    auth.guard(bp, store, lambda: (render_template("desk/error.html", message=auth.CSRF_MESSAGE), 400))

    @bp.context_processor
    def _context() -> dict[str, Any]:
        return auth.base_context() | {
            "fmt_time": common.fmt_time,
            "fmt_date": common.fmt_date,
            "fmt_day": common.fmt_day,
            "region_title": lambda rid: region_title(knowledge, rid),
            "intent_name": intent_name,
            "action_names": audit.ACTION_NAMES,
            "role_names": accounts.ROLE_NAMES,
            "audit_link": common.audit_link,
            "audit_detail": common.audit_detail,
        }

    for module in (login, answers, complaints, casework, audit_views, users):
        module.register(bp)

    # -- home: the dashboard (dashboard.py) ---------------------------------------------------------

    # (the unanswered questions and their labels: labels.py)
