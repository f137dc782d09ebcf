"""What a broadcast is: schedules, drafts, sends, statuses, the limits and the placeholders.

Plain values only (no SQLite, no WeChat): the planner, the repository, the sender and the desk all
speak these. Times are Beijing time, as officials write them.
"""

from __future__ import annotations

import re
import sqlite3
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Protocol

from ..errors import BotError
from ..staff import audit
from ..timefmt import BEIJING, beijing, cn_date
from .tags import TagsAPI

if TYPE_CHECKING:  # the API module pulls in wechatpy: commands that only read skip it
    from ..wechat.api import MassResult

DAILY_QUOTA = 1  # subscription account: mass sends per day
MONTHLY_QUOTA = 4  # service account: mass messages per follower per month
MAX_DAYS = 120  # a recurring schedule covers at most this many days
MAX_TITLE = 64
MAX_TEXT = 2000  # characters of one rendered message
MAX_SENDER = 40  # characters of the sending office's name
EARLY_SECONDS = 1.0  # a timer firing this early still counts as on time
DUPLICATE_DAYS = 7  # the same template to the same region again within this many days needs a yes
PLACEHOLDERS = {
    "{region_name}": "地区名",
    "{hotline}": "热线电话",
    "{date}": "发送日期",
    "{sender}": "发件单位",
}
KIND_NAMES = {"letter": "慰问信", "notice": "通知/倡议书"}
STATUS_NAMES = {
    "scheduled": "待发送",
    "sending": "发送中",
    "retrying": "等待重试",
    "sent": "已发出",
    "failed": "失败",
    "missed": "错过",
    "cancelled": "已取消",
    "skipped": "无人可发",
}
FINAL = ("sent", "failed", "missed", "cancelled", "skipped")
# What an official confirms to schedule past a caution (planner.cautions), as the audit log names it.
CAUTION_NAMES = {"stale": "活动期已过", "duplicate": "7天内重复", "region": "模板写给别的地区"}
# Sends that use (or may have used) the mass-send quota.
QUOTA_STATUSES = ("scheduled", "sending", "retrying", "sent")

audit.ACTION_NAMES.update(
    {
        "broadcast_schedule": "安排群发",
        "broadcast_edit": "修改群发",
        "broadcast_cancel": "取消群发",
        "broadcast_send": "群发发送",
        "broadcast_send_now": "立即群发",
        "broadcast_preview": "群发预览",
        "broadcast_missed": "群发错过",
        "broadcast_retry": "群发稍后重试",
    }
)

__all__ = ["BEIJING", "beijing", "cn_date"]  # re-exported: broadcasts speak Beijing time


class PlanError(BotError):
    """A broadcast that cannot be scheduled, edited or sent as asked; ``problems`` are in Chinese."""

    def __init__(self, problems: Sequence[str], cautions: Sequence[Caution] = ()) -> None:
        super().__init__("；".join(problems))
        self.problems = list(problems)
        # Every caution the plan raised when one of them is unconfirmed (its text is among the
        # problems): the desk shows a confirmation field for each, the CLI names its --confirm.
        self.cautions = list(cautions)


class MassAPI(TagsAPI, Protocol):
    def mass_send_text(
        self, text: str, *, tag_id: int | None = None, is_to_all: bool = False, clientmsgid: str
    ) -> MassResult: ...

    def mass_preview_text(self, text: str, openid: str) -> None: ...


@dataclass(frozen=True)
class Caution:
    """Something that may be a mistake: scheduling goes ahead only once an official confirms it.

    ``code`` names it (``stale``, ``duplicate``, ``region``); ``phrase``, if set, must be typed
    word for word (the desk's field, the CLI's ``--confirm CODE``), else a tick is enough.
    """

    code: str
    text: str
    phrase: str = ""


# -- time -------------------------------------------------------------------------------------------


def parse_when(text: str) -> datetime:
    """「2021-02-01 09:00」 or 「2021-02-01T09:00」, Beijing time."""
    try:
        parsed = datetime.fromisoformat(text.strip().replace("T", " "))
    except ValueError:
        raise PlanError([f"时间「{text}」看不懂，请写成 2021-02-01 09:00"]) from None
    return parsed.replace(tzinfo=BEIJING) if parsed.tzinfo is None else parsed.astimezone(BEIJING)


def parse_day(text: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise PlanError([f"日期「{text}」看不懂，请写成 2021-02-01"]) from None


def parse_hhmm(text: str) -> str:
    m = re.fullmatch(r"([01]?\d|2[0-3]):([0-5]\d)", text.strip())
    if not m:
        raise PlanError([f"每天的时间「{text}」看不懂，请写成 09:00"])
    return f"{int(m[1]):02d}:{m[2]}"


def occurrence_key(when: datetime) -> str:
    return when.astimezone(BEIJING).strftime("%Y-%m-%d %H:%M")


def occurrence_time(key: str) -> datetime:
    """The planned time of an occurrence (its key), whatever ``due`` says after a resend."""
    return datetime.strptime(key, "%Y-%m-%d %H:%M").replace(tzinfo=BEIJING)


@dataclass(frozen=True)
class Schedule:
    """One time (``at``), or every day at ``daily`` (HH:MM) from ``first_day`` to ``last_day``."""

    at: datetime | None = None
    daily: str = ""
    first_day: date | None = None
    last_day: date | None = None

    @classmethod
    def once(cls, at: datetime) -> Schedule:
        return cls(at=at.astimezone(BEIJING))

    @classmethod
    def every_day(cls, hhmm: str, first: date, last: date) -> Schedule:
        return cls(daily=parse_hhmm(hhmm), first_day=first, last_day=last)

    @property
    def recurring(self) -> bool:
        return bool(self.daily)

    def times(self) -> list[datetime]:
        if self.at is not None:
            return [self.at]
        if not (self.daily and self.first_day and self.last_day):
            raise PlanError(["请填写发送时间：一次性的时间，或者每天几点和起止日期"])
        if self.last_day < self.first_day:
            raise PlanError(["结束日期不能早于开始日期"])
        days = (self.last_day - self.first_day).days + 1
        if days > MAX_DAYS:
            raise PlanError([f"每天发送最多安排 {MAX_DAYS} 天，现在是 {days} 天"])
        hour, minute = map(int, self.daily.split(":"))
        return [
            datetime.combine(self.first_day + timedelta(days=i), datetime.min.time(), BEIJING).replace(
                hour=hour, minute=minute
            )
            for i in range(days)
        ]

    def describe(self) -> str:
        if self.at is not None:
            return f"{cn_date(self.at.date())} {self.at:%H:%M} 发送一次"
        if self.first_day and self.last_day:
            return f"每天 {self.daily}，{cn_date(self.first_day)}至{cn_date(self.last_day)}"
        return "未安排"

    def to_row(self) -> dict[str, float | str | None]:
        return {
            "once_at": self.at.timestamp() if self.at else None,
            "daily_at": self.daily or None,
            "first_day": self.first_day.isoformat() if self.first_day else None,
            "last_day": self.last_day.isoformat() if self.last_day else None,
        }

    @classmethod
    def from_row(cls, row: sqlite3.Row) -> Schedule:
        if row["once_at"] is not None:
            return cls(at=beijing(row["once_at"]))
        return cls(
            daily=row["daily_at"] or "",
            first_day=date.fromisoformat(row["first_day"]) if row["first_day"] else None,
            last_day=date.fromisoformat(row["last_day"]) if row["last_day"] else None,
        )


# -- records ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Draft:
    kind: str
    title: str
    body: str
    regions: tuple[str, ...]
    schedule: Schedule
    template: str = ""
    sender: str = ""  # 发件单位: fills {sender}, typed by the official (never template text)


@dataclass(frozen=True)
class Send:
    """One mass send: one occurrence of a broadcast to one region's tag."""

    id: int
    broadcast_id: int
    occurrence: str
    region: str
    due: float
    status: str
    clientmsgid: str
    text: str | None
    attempts: int
    sent: float | None
    msg_id: int | None
    note: str
    error: str
    retry_at: float | None = None
    retries: int = 0
    finish_status: str | None = None
    total: int | None = None
    filter_count: int | None = None
    sent_count: int | None = None
    error_count: int | None = None

    @property
    def status_name(self) -> str:
        return STATUS_NAMES.get(self.status, self.status)

    @property
    def ready_at(self) -> float:
        """When it may be (re)sent: its due time, or the next retry after a transient failure."""
        return self.retry_at if self.status == "retrying" and self.retry_at is not None else self.due


@dataclass(frozen=True)
class Broadcast:
    id: int
    kind: str
    template: str
    title: str
    body: str
    regions: tuple[str, ...]
    schedule: Schedule
    created_by: str
    created: float
    updated: float
    cancelled: float | None
    cancelled_by: str | None
    sends: tuple[Send, ...] = ()
    sender: str = ""

    @property
    def draft(self) -> Draft:
        return Draft(
            self.kind, self.title, self.body, self.regions, self.schedule, self.template, self.sender
        )

    @property
    def counts(self) -> Counter[str]:
        return Counter(s.status for s in self.sends)

    @property
    def status(self) -> str:
        """The broadcast as a whole: sending, retrying, scheduled, cancelled, or its latest outcome."""
        counts = self.counts
        for status in ("sending", "retrying", "scheduled"):
            if counts[status]:
                return status
        if self.cancelled:
            return "cancelled"
        done = [s for s in self.sends if s.status in FINAL]
        return max(done, key=lambda s: (s.due, s.id)).status if done else "cancelled"

    @property
    def editable(self) -> bool:
        return self.counts["scheduled"] > 0

    @property
    def started(self) -> bool:
        return any(s.status not in ("scheduled", "cancelled") for s in self.sends)

    @property
    def next_due(self) -> float | None:
        pending = [s.ready_at for s in self.sends if s.status in ("scheduled", "retrying")]
        return min(pending) if pending else None


@dataclass(frozen=True)
class Existing:
    """A send already using the quota (or a recent one), as the planner sees it."""

    send_id: int
    broadcast_id: int
    when: datetime
    region: str
    title: str
    template: str = ""
    status: str = "scheduled"


def as_json(item: Broadcast) -> dict[str, object]:
    """A broadcast for scripts (``broadcast list|show --json``): ids, times in ISO 8601, statuses."""

    def iso(ts: float | None) -> str | None:
        return beijing(ts).isoformat() if ts else None

    s = item.schedule
    return {
        "id": item.id,
        "kind": item.kind,
        "template": item.template,
        "title": item.title,
        "body": item.body,
        "sender": item.sender,
        "regions": list(item.regions),
        "schedule": {
            "at": s.at.isoformat() if s.at else None,
            "daily": s.daily or None,
            "first_day": s.first_day.isoformat() if s.first_day else None,
            "last_day": s.last_day.isoformat() if s.last_day else None,
        },
        "status": item.status,
        "counts": dict(item.counts),
        "next_due": iso(item.next_due),
        "created_by": item.created_by,
        "created": iso(item.created),
        "updated": iso(item.updated),
        "cancelled": iso(item.cancelled),
        "cancelled_by": item.cancelled_by,
        "sends": [
            {
                "id": x.id,
                "occurrence": x.occurrence,
                "region": x.region,
                "status": x.status,
                "due": iso(x.due),
                "retry_at": iso(x.retry_at) if x.status == "retrying" else None,
                "attempts": x.attempts,
                "sent": iso(x.sent),
                "msg_id": x.msg_id,
                "clientmsgid": x.clientmsgid,
                "note": x.note,
                "error": x.error,
                "result": None
                if x.finish_status is None
                else {
                    "status": x.finish_status,
                    "total": x.total,
                    "filter_count": x.filter_count,
                    "sent_count": x.sent_count,
                    "error_count": x.error_count,
                },
            }
            for x in item.sends
        ],
    }
