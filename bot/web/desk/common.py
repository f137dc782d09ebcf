"""Helpers the desk's page modules share: formatting, highlighting, the caller-search audit."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

from flask import url_for
from markupsafe import Markup, escape
from werkzeug.routing import BuildError

from ...complaints.register import Complaint, caller_query, mask_name
from ...services import Services
from ...staff import accounts, audit
from ...timefmt import BEIJING, shown
from . import auth


def fmt_time(ts: float | None) -> str:
    return shown(ts)


def fmt_date(d: date | None) -> str:
    return f"{d.year}年{d.month}月{d.day}日" if d else ""


def fmt_day(ts: float | None) -> str:
    return shown(ts, "%m月%d日") if ts else ""


def parse_day(text: str) -> date | None:
    try:
        return date.fromisoformat(text.strip()) if text.strip() else None
    except ValueError:
        return None


def day_start(day: date, shift: int = 0) -> float:
    """Midnight (Beijing time) at the start of ``day`` + ``shift`` days, as a timestamp."""
    return datetime.combine(day + timedelta(days=shift), datetime.min.time(), BEIJING).timestamp()


def highlight(text: str | None, terms: list[str]) -> Markup:
    """``text`` escaped, with every occurrence of ``terms`` in <mark> (longest terms first)."""
    text = text or ""
    terms = sorted({t for t in terms if t}, key=len, reverse=True)
    if not terms:
        return escape(text)
    alternatives = (rf"(?<!\d){re.escape(t)}(?!\d)" if t.isdigit() else re.escape(t) for t in terms)
    pattern = re.compile("|".join(alternatives), re.IGNORECASE)
    out, last = [], 0
    for m in pattern.finditer(text):
        out.append(escape(text[last : m.start()]))
        out.append(Markup("<mark>") + escape(m.group(0)) + Markup("</mark>"))
        last = m.end()
    out.append(escape(text[last:]))
    return Markup("").join(out)


def audit_link(target: str, action: str) -> str | None:
    """The desk page of an audit entry's object, if it has one the viewer may open."""
    staff = auth.current()
    if target.startswith("QX-"):
        return url_for("desk.complaint", case_no=target)
    if target.startswith("broadcast:") and target[10:].isdigit():
        try:
            return url_for("desk_broadcasts.show", broadcast_id=int(target[10:]))
        except BuildError:  # the broadcasts pages are not mounted in this app
            return None
    if action in ("user_add", "user_disable") and staff is not None and staff.can("admin"):
        return url_for("desk.users") + "#user-" + target
    if target == "complaints":
        return url_for("desk.complaints")
    return None


def audit_detail(entry: dict[str, object]) -> str:
    """An entry's detail as staff read it (role ids from older entries shown in Chinese)."""
    detail = str(entry.get("detail") or "")
    return accounts.ROLE_NAMES.get(detail, detail)


def audit_caller_search(services: Services, query: str, rows: list[Complaint], where: str) -> None:
    """Record a search for a caller by phone, last 4 digits or name (the phone masked, the name too).

    A phone query is recorded always; a name query when it found somebody by that name.
    """
    caller = caller_query(query)
    staff = auth.current()
    if caller is None or staff is None:
        return
    kind, value = caller
    if kind == "phone":
        detail = f"电话 {value[:3]}****{value[-4:]}"
    elif kind == "tail":
        detail = f"电话尾号 {value}"
    elif any(c.name and value in c.name for c in rows):
        detail = f"姓名 {mask_name(value)}"
    else:
        return
    audit.record(
        services.store, staff.name, "search_caller", "complaints", f"{detail}，{where}，{len(rows)} 条结果"
    )
