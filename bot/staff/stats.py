"""Numbers for the desk's dashboard: SQL aggregates over what the store already keeps.

Each function is one GROUP BY (or one short ordered list) over a table the bot writes anyway:

* ``question_counts`` — questions per (Beijing day, intent, region) and how many went unanswered,
  one UPSERT per question in the turn's transaction (``Store.count_question``);
* ``complaints`` — the register: cases per status and age, and those past their time limit;
* ``follower_counts`` — followers per region, following or not, taking broadcasts or not (kept
  by triggers on ``users``);
* ``broadcasts`` / ``broadcast_sends`` / ``mass_results`` — sends to come and results of past ones.

The functions return typed rows of ids and numbers; labels, tables and charts are the web layer's
job (``bot/web/desk/dashboard.py``). Nothing here reads a question's text, an openid, a phone
number or a name.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from ..complaints.register import CLOSED

BY = ("day", "week")
DAYS = 30  # the daily view: the last 30 days, today included
WEEKS = 12  # the weekly view: the last 12 weeks (Monday to Sunday), this one included
DAY_SECONDS = 86400

# Age of an open case in whole days since it was filed: (label, first day, last day or None).
AGE_BUCKETS: tuple[tuple[str, int, int | None], ...] = (
    ("3天内", 0, 3),
    ("4–7天", 4, 7),
    ("8–15天", 8, 15),
    ("16–30天", 16, 30),
    ("31–60天", 31, 60),
    ("60天以上", 61, None),
)


@dataclass(frozen=True)
class Window:
    """The dashboard's time window: periods of a day or a week, oldest first, the last one current."""

    by: str
    starts: tuple[date, ...]
    last: date  # today

    @property
    def first(self) -> date:
        return self.starts[0]

    def period_of(self, day: date) -> date:
        return day - timedelta(days=day.weekday()) if self.by == "week" else day


def window(today: date, by: str = "day") -> Window:
    if by == "week":
        monday = today - timedelta(days=today.weekday())
        starts = tuple(monday - timedelta(weeks=n) for n in range(WEEKS - 1, -1, -1))
    else:
        starts = tuple(today - timedelta(days=n) for n in range(DAYS - 1, -1, -1))
    return Window("week" if by == "week" else "day", starts, today)


# -- questions ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class QuestionCount:
    period: date  # the day, or the Monday of the week
    key: str  # the intent, or the region as stored ('' when the worker has not said where)
    asked: int
    unanswered: int


def questions(conn: sqlite3.Connection, win: Window, by: str = "intent") -> list[QuestionCount]:
    """Questions per period and intent (``by="intent"``) or per period and region (``by="region"``)."""
    period = "date(day, '-6 days', 'weekday 1')" if win.by == "week" else "day"
    key = "region" if by == "region" else "intent"
    rows = conn.execute(
        f"SELECT {period} AS period, {key}, SUM(asked), SUM(unanswered) FROM question_counts"  # noqa: S608 - fixed expressions
        f" WHERE day BETWEEN ? AND ? GROUP BY period, {key}",
        (win.first.isoformat(), win.last.isoformat()),
    )
    days = {
        d.isoformat(): d
        for d in (win.first + timedelta(days=n) for n in range((win.last - win.first).days + 1))
    }
    return [QuestionCount(days[p], k, a, u) for p, k, a, u in rows]


def asked_between(conn: sqlite3.Connection, first: date, last: date) -> tuple[int, int]:
    """(questions, unanswered) from ``first`` to ``last``, both included."""
    row = conn.execute(
        "SELECT COALESCE(SUM(asked), 0), COALESCE(SUM(unanswered), 0) FROM question_counts"
        " WHERE day BETWEEN ? AND ?",
        (first.isoformat(), last.isoformat()),
    ).fetchone()
    return int(row[0]), int(row[1])


def counting_since(conn: sqlite3.Connection) -> date | None:
    """The first day with a counted question (counting began with migration 0400)."""
    row = conn.execute("SELECT MIN(day) FROM question_counts").fetchone()
    return date.fromisoformat(row[0]) if row and row[0] else None


# -- complaints ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CaseCount:
    status: str
    age: int  # index into AGE_BUCKETS
    cases: int
    overdue: int | None  # open cases past their time limit; None when no limits were given


def complaints(
    conn: sqlite3.Connection, now: float, limits: Mapping[str, float] | None = None
) -> list[CaseCount]:
    """Cases per status and age bucket (whole days since filed), and how many are overdue.

    ``limits``: days a case may stay in each open status (``ComplaintSettings.time_limits()``); a
    case is overdue once it has been in its status longer than that, as the desk's overdue filter
    and flag count it (``CaseWork.overdue``).
    """
    bucket = " ".join(
        f"WHEN age <= {last} THEN {n}" for n, (_, _, last) in enumerate(AGE_BUCKETS) if last is not None
    )
    args: list[object] = []
    overdue = "NULL"
    limited = {s: d for s, d in (limits or {}).items() if s not in CLOSED}
    if limits is not None:
        whens = " ".join("WHEN status = ? THEN COALESCE(status_since, created) < ?" for _ in limited)
        overdue = f"SUM(CASE {whens} ELSE 0 END)" if limited else "0"
        for status, days in limited.items():
            args += [status, now - days * DAY_SECONDS]
    rows = conn.execute(
        f"SELECT status, CASE {bucket} ELSE {len(AGE_BUCKETS) - 1} END AS bucket, COUNT(*), {overdue}"  # noqa: S608 - fixed expressions
        f" FROM (SELECT *, CAST((? - created) / {DAY_SECONDS} AS INTEGER) AS age FROM complaints)"
        " GROUP BY status, bucket",
        [*args, now],
    )
    return [CaseCount(s, b, n, None if o is None else int(o)) for s, b, n, o in rows]


# -- followers ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class FollowerCount:
    region: str  # as stored, '' when not known
    followed: bool  # still follows the 公众号
    subscribed: bool  # takes the broadcasts (has not replied 「退订」)
    users: int


def followers(conn: sqlite3.Connection) -> list[FollowerCount]:
    """From ``follower_counts``, which triggers on ``users`` keep (migration 0401): a few rows to
    read, not every follower to group."""
    rows = conn.execute(
        "SELECT region, followed, subscribed, users FROM follower_counts WHERE users > 0"
        " ORDER BY region, followed, subscribed"
    )
    return [FollowerCount(r, bool(f), bool(s), n) for r, f, s, n in rows]


# -- broadcasts ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Send:
    """One broadcast to one region at one time, and WeChat's result when it has come back."""

    broadcast_id: int
    title: str
    kind: str
    region: str
    due: float
    status: str  # broadcast_sends.status: scheduled, sending, sent, failed, missed, skipped, cancelled
    sent: float | None
    result: str | None  # mass_results.status, e.g. 'send success'
    total: int | None
    filtered: int | None
    delivered: int | None
    errors: int | None


_SENDS = (
    "SELECT s.broadcast_id, b.title, b.kind, s.region, s.due, s.status, s.sent,"
    " r.status, r.total, r.filter_count, r.sent_count, r.error_count"
    " FROM broadcast_sends s JOIN broadcasts b ON b.id = s.broadcast_id"
    " LEFT JOIN mass_results r ON r.msg_id = s.msg_id"
)


def upcoming_sends(conn: sqlite3.Connection, now: float, limit: int = 10) -> list[Send]:
    """Sends still to go, soonest first (a send that is late still shows until it is made)."""
    rows = conn.execute(
        _SENDS + " WHERE s.status IN ('scheduled', 'sending') ORDER BY s.due, s.id LIMIT ?", (limit,)
    )
    return [Send(*row) for row in rows]


def recent_sends(conn: sqlite3.Connection, since: float, now: float, limit: int = 20) -> list[Send]:
    """Sends made (or failed, missed, skipped) since ``since``, the latest first; cancelled ones left out."""
    rows = conn.execute(
        _SENDS + " WHERE s.status IN ('sent', 'failed', 'missed', 'skipped') AND s.due >= ? AND s.due <= ?"
        " ORDER BY s.due DESC, s.id DESC LIMIT ?",
        (since, now, limit),
    )
    return [Send(*row) for row in rows]
