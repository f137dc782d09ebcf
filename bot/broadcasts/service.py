"""Scheduled broadcasts (慰问信, 倡议书 and notices): model, planner, quota, send-once logic, results.

The SQLite tables are the source of truth; the scheduler (bot/scheduler.py) only arms timers from
them. A broadcast is a title and body (from a template in content/broadcasts/, edited), one or
more target regions, and a schedule: one time, or every day at HH:MM between two dates. Planning
materialises one *send* row per (occurrence, region), each with a deterministic ``clientmsgid``.

Sending one occurrence:
1. claim: in one write transaction its rows go ``scheduled → sending`` and the text is frozen
   (so an edit either lands before the claim, or is refused for this occurrence);
2. the region tags are brought up to date (bot/tags.py), so who opted out a minute ago is out;
3. one ``message/mass/sendall`` per region tag, with the row's clientmsgid; the attempt is
   counted first, the answer recorded after. A retry of an accepted send answers 45065
   (``AlreadySent``) and is recorded as sent: a crash between WeChat's answer and our record
   costs nothing on restart (``recover``), and nothing is sent twice.
4. WeChat later pushes ``MASSSENDJOBFINISH`` to the webhook; ``on_mass_finish`` stores its
   counts by msg_id (it may arrive before step 3 is recorded, so it is kept in its own table).

Audience: one tag per region (a region's tag includes its districts' followers) and the national
tag for everyone — tags rather than OpenID lists because a subscription account (订阅号) may only
mass-send to a tag or to all, and ``is_to_all`` would reach those who opted out. A broadcast to
several regions is one mass send per region (each follower is in exactly one of them).

Quota (the planner refuses, in Chinese, what WeChat would refuse or silently filter):
subscription account — 1 mass send per (Beijing) day for the whole account;
service account — each follower receives at most 4 mass messages per calendar month.
"""

from __future__ import annotations

import json
import logging
import os
import re
import secrets
import socket
import sqlite3
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any, Protocol

from ..config import BroadcastSettings
from ..content.knowledge import BROADCAST_KINDS, Document, Knowledge
from ..errors import BotError, WeChatError
from ..ids import NATIONAL
from ..staff import audit
from ..storage.store import Store
from ..timefmt import BEIJING as BEIJING  # re-exported: broadcasts speak Beijing time
from ..timefmt import beijing as beijing
from ..wechat.api import (
    AlreadySent,
    AuthError,
    MassResult,
    QuotaExceeded,
    TransientWeChatError,
    unanswered_before,
)
from ..wechat.push import Message
from .tags import TAG_GONE, TagMirror, TagsAPI

log = logging.getLogger(__name__)

DAILY_QUOTA = 1  # subscription account: mass sends per day
MONTHLY_QUOTA = 4  # service account: mass messages per follower per month
MAX_DAYS = 120  # a recurring schedule covers at most this many days
MAX_TITLE = 64
MAX_TEXT = 2000  # characters of one rendered message
EARLY_SECONDS = 1.0  # a timer firing this early still counts as on time
PLACEHOLDERS = {"{region_name}": "地区名", "{hotline}": "热线电话", "{date}": "发送日期"}
KIND_NAMES = {"letter": "慰问信", "notice": "通知/倡议书"}
STATUS_NAMES = {
    "scheduled": "待发送",
    "sending": "发送中",
    "sent": "已发出",
    "failed": "失败",
    "missed": "错过",
    "cancelled": "已取消",
    "skipped": "无人可发",
}
FINAL = ("sent", "failed", "missed", "cancelled", "skipped")

audit.ACTION_NAMES.update(
    {
        "broadcast_schedule": "安排群发",
        "broadcast_edit": "修改群发",
        "broadcast_cancel": "取消群发",
        "broadcast_send": "群发发送",
        "broadcast_send_now": "立即群发",
        "broadcast_preview": "群发预览",
        "broadcast_missed": "群发错过",
    }
)


class PlanError(BotError):
    """A broadcast that cannot be scheduled, edited or sent as asked; ``problems`` are in Chinese."""

    def __init__(self, problems: Sequence[str]) -> None:
        super().__init__("；".join(problems))
        self.problems = list(problems)


class MassAPI(TagsAPI, Protocol):
    def mass_send_text(
        self, text: str, *, tag_id: int | None = None, is_to_all: bool = False, clientmsgid: str
    ) -> MassResult: ...

    def mass_preview_text(self, text: str, openid: str) -> None: ...


# -- time -------------------------------------------------------------------------------------------


def cn_date(d: date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


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

    def to_row(self) -> dict[str, Any]:
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


def occurrence_key(when: datetime) -> str:
    return when.astimezone(BEIJING).strftime("%Y-%m-%d %H:%M")


def occurrence_time(key: str) -> datetime:
    """The planned time of an occurrence (its key), whatever ``due`` says after a resend."""
    return datetime.strptime(key, "%Y-%m-%d %H:%M").replace(tzinfo=BEIJING)


# -- records ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Draft:
    kind: str
    title: str
    body: str
    regions: tuple[str, ...]
    schedule: Schedule
    template: str = ""


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
    finish_status: str | None = None
    total: int | None = None
    filter_count: int | None = None
    sent_count: int | None = None
    error_count: int | None = None

    @property
    def status_name(self) -> str:
        return STATUS_NAMES.get(self.status, self.status)


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

    @property
    def draft(self) -> Draft:
        return Draft(self.kind, self.title, self.body, self.regions, self.schedule, self.template)

    @property
    def counts(self) -> Counter[str]:
        return Counter(s.status for s in self.sends)

    @property
    def status(self) -> str:
        """The broadcast as a whole: sending, scheduled, cancelled, or its latest outcome."""
        counts = self.counts
        for status in ("sending", "scheduled"):
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
        pending = [s.due for s in self.sends if s.status == "scheduled"]
        return min(pending) if pending else None


# -- schema ---------------------------------------------------------------------------------------


_SEND_SELECT = (
    "SELECT s.*, r.status AS finish_status, r.total, r.filter_count, r.sent_count, r.error_count"
    " FROM broadcast_sends s LEFT JOIN mass_results r ON r.msg_id = s.msg_id"
)


def _send(row: sqlite3.Row) -> Send:
    return Send(
        id=row["id"],
        broadcast_id=row["broadcast_id"],
        occurrence=row["occurrence"],
        region=row["region"],
        due=row["due"],
        status=row["status"],
        clientmsgid=row["clientmsgid"],
        text=row["text"],
        attempts=row["attempts"],
        sent=row["sent"],
        msg_id=row["msg_id"],
        note=row["note"],
        error=row["error"],
        finish_status=row["finish_status"],
        total=row["total"],
        filter_count=row["filter_count"],
        sent_count=row["sent_count"],
        error_count=row["error_count"],
    )


def explain(exc: WeChatError) -> str:
    """A WeChat failure in words an official can act on."""
    if isinstance(exc, QuotaExceeded):
        why = "群发次数已用完（可能有人在公众号后台另外群发过）"
    elif isinstance(exc, AuthError):
        why = "公众号的 AppID/AppSecret 或接口权限有问题，请管理员检查配置"
    elif isinstance(exc, TransientWeChatError):
        why = "微信接口暂时连不上或太忙，结果不确定；重试不会重复发送"
    elif exc.errcode == 48001:
        why = "公众号没有这个接口的权限"
    elif exc.errcode == TAG_GONE:
        why = "这个地区的用户标签在公众号后台被删掉了，没有发出；标签会自动重建，稍后点「重新发送」即可"
    else:
        why = "微信拒绝了这次群发"
    text = f"{why}（微信错误码 {exc.errcode}）"
    if unanswered_before(exc) and not isinstance(exc, TransientWeChatError):
        # A timed-out attempt, then a refusal of the retry: the first one may have gone through.
        text += (
            "。之前有一次请求没等到微信回答，可能已经发出：请到公众号后台「已群发」里核对；重试不会重复发送"
        )
    return text


def explain_tags(exc: WeChatError) -> str:
    """A failure of the region-tag sync (or of the token fetch it needed), for officials."""
    if isinstance(exc, TransientWeChatError):
        why = "微信接口暂时连不上或太忙"
    elif isinstance(exc, AuthError):
        why = "公众号的 AppID/AppSecret 或接口权限有问题，请管理员检查配置"
    elif exc.errcode == 48001:
        why = "公众号没有用户标签接口的权限"
    elif exc.errcode == TAG_GONE:
        why = "地区标签在公众号后台被删掉了，下次会自动重建"
    else:
        why = "微信拒绝了更新用户标签"
    return f"{why}（微信错误码 {exc.errcode}）"


def held_back(send: Send, exc: WeChatError) -> str:
    """Why ``send`` was not (re)sent because the region tags could not be brought up to date.

    A send with an earlier attempt (recovered after a crash, or retried) may already have been
    accepted by WeChat: it must not read as unsent, or an official may schedule it again.
    """
    if send.attempts:
        return (
            f"更新地区标签失败，这次没有重试：{explain_tags(exc)}。之前的尝试可能已经发出，"
            "请到公众号后台「已群发」里核对；再次重发不会重复发送"
        )
    return (
        f"更新地区标签失败，为免发错人（发给已退订的人，或漏掉新关注的人），这次没有发送：{explain_tags(exc)}。"
        "微信恢复后可以重发"
    )


# -- the service -----------------------------------------------------------------------------------


class Broadcasts:
    def __init__(
        self,
        store: Store,
        knowledge: Knowledge,
        api: Callable[[], MassAPI],
        *,
        account_type: str = "subscription",
        settings: BroadcastSettings | None = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.store = store
        self.knowledge = knowledge
        self.api = api
        self.account_type = account_type
        self.settings = settings or BroadcastSettings()
        self.clock = clock
        self.tags = TagMirror(store, knowledge, api)
        self.instance = f"{socket.gethostname()}:{os.getpid()}:{secrets.token_hex(3)}"
        # Called with each send that reaches a final state (sent, failed, missed, skipped).
        self.listeners: list[Callable[[Send], None]] = []
        # Test seam: runs after WeChat accepted a send and before it is recorded (simulated crashes).
        self.after_accept: Callable[[Send], None] | None = None

    @property
    def grace(self) -> float:
        return self.settings.grace_minutes * 60

    # -- templates and text ----------------------------------------------------------------------

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

    def render(self, title: str, body: str, region: str, when: datetime) -> str:
        """What a follower in ``region`` reads: the title line, then the body with placeholders filled."""
        reg = self.knowledge.region(region)
        values = {"{region_name}": reg.name, "{hotline}": reg.hotline, "{date}": cn_date(when.date())}
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

    def audience_size(self, regions: Iterable[str]) -> int:
        return sum(len(self.tags.members(r)) for r in regions)

    # -- planning ----------------------------------------------------------------------------------

    def _text_problems(self, draft: Draft) -> list[str]:
        problems = []
        if draft.kind not in BROADCAST_KINDS:
            problems.append("类型只能是慰问信或通知")
        title = draft.title.strip()
        if not title:
            problems.append("请填写标题")
        elif len(title) > MAX_TITLE:
            problems.append(f"标题太长（{len(title)} 字），最多 {MAX_TITLE} 字")
        if not draft.body.strip():
            problems.append("请填写正文")
        strange = sorted(set(re.findall(r"\{[^{}\s]{0,30}\}", draft.body)) - set(PLACEHOLDERS))
        if strange:
            allowed = "、".join(f"{k}（{v}）" for k, v in PLACEHOLDERS.items())
            problems.append(f"正文里有不认识的占位符 {'、'.join(strange)}，只能用 {allowed}")
        if not problems:
            today = beijing(self.clock())
            longest = max(len(self.render(title, draft.body, r, today)) for r in draft.regions or (NATIONAL,))
            if longest > MAX_TEXT:
                problems.append(f"正文太长（{longest} 字），一条消息最多 {MAX_TEXT} 字")
        return problems

    def plan(self, draft: Draft, exclude: int | None = None) -> list[tuple[datetime, str]]:
        """The (time, region) sends ``draft`` needs, or PlanError saying in Chinese why not."""
        problems = self._text_problems(draft)
        regions: tuple[str, ...] = ()
        times: list[datetime] = []
        try:
            regions = self.normalize_regions(draft.regions)
        except PlanError as exc:
            problems += exc.problems
        try:
            times = draft.schedule.times()
        except PlanError as exc:
            problems += exc.problems
        now = self.clock()
        if draft.schedule.at is not None and times and times[0].timestamp() < now - 60:
            problems.append(f"发送时间 {occurrence_key(times[0])} 已经过去了")
        times = [t for t in times if t.timestamp() >= now - 60]
        if draft.schedule.recurring and not times and not problems:
            problems.append("这段日期里的发送时间都已经过去了")
        if problems:
            raise PlanError(problems)
        rows = [(t, r) for t in times for r in regions]
        problems = self.quota_problems(rows, exclude_broadcast=exclude)
        if problems:
            raise PlanError(problems)
        return rows

    def warnings(self, draft: Draft) -> list[str]:
        """Things worth a second look that do not stop scheduling (a template's campaign ended)."""
        doc = self.template(draft.template) if draft.template else None
        out = []
        try:
            times = draft.schedule.times()
        except PlanError:
            times = []
        if doc and times:
            if doc.valid_until and times[-1].date() > doc.valid_until:
                out.append(f"模板的活动期到{cn_date(doc.valid_until)}为止，之后发出的内容可能已经过时")
            if doc.valid_from and times[0].date() < doc.valid_from:
                out.append(f"模板的活动从{cn_date(doc.valid_from)}开始，早于这个日期发送请核对内容")
        if self.account_type == "subscription" and draft.schedule.recurring:
            out.append("订阅号每天只能群发 1 次：每天发送会占用这段日期里每一天的群发次数")
        return out

    def quota_problems(
        self,
        rows: Sequence[tuple[datetime, str]],
        exclude_broadcast: int | None = None,
        exclude_sends: Iterable[int] = (),
    ) -> list[str]:
        skip = set(exclude_sends)
        sql = (  # the sends that use the quota
            "SELECT s.id, s.broadcast_id, s.due, s.region, b.title FROM broadcast_sends s"
            " JOIN broadcasts b ON b.id = s.broadcast_id WHERE s.status IN ('scheduled', 'sending', 'sent')"
        )
        existing = [
            (r["id"], r["broadcast_id"], beijing(r["due"]), r["region"], r["title"])
            for r in self.store.conn.execute(sql)
            if r["broadcast_id"] != exclude_broadcast and r["id"] not in skip
        ]
        if self.account_type == "service":
            return self._monthly_problems(rows, existing)
        return self._daily_problems(rows, existing)

    def _daily_problems(self, rows: Sequence[tuple[datetime, str]], existing: list[Any]) -> list[str]:
        new = Counter(t.date() for t, _ in rows)
        taken: dict[date, list[tuple[int, str]]] = defaultdict(list)
        for _, bid, when, _, title in existing:
            taken[when.date()].append((bid, title))
        if any(n > DAILY_QUOTA for n in new.values()):
            return [
                f"订阅号每天只能群发 {DAILY_QUOTA} 次。这条选了 {max(new.values())} 个地区，"
                "每个地区要单独群发一次，同一天发不了。请只选一个地区，或者选「全国」发给所有订阅者"
            ]
        busy = sorted(d for d in new if len(taken[d]) + new[d] > DAILY_QUOTA)
        if not busy:
            return []
        first = busy[0]
        others = "、".join(f"「{title}」（#{bid}）" for bid, title in dict.fromkeys(taken[first]))
        more = f"等 {len(busy)} 天" if len(busy) > 1 else ""
        return [
            f"订阅号每天只能群发 {DAILY_QUOTA} 次，{cn_date(first)}{more}已经安排了{others}，不能再发。"
            "请换一天，或者先取消那一条"
        ]

    def _monthly_problems(self, rows: Sequence[tuple[datetime, str]], existing: list[Any]) -> list[str]:
        def per_month(items: Iterable[tuple[datetime, str]]) -> dict[str, Counter[str]]:
            out: dict[str, Counter[str]] = defaultdict(Counter)
            for when, region in items:
                out[f"{when.year}年{when.month}月"][region] += 1
            return out

        new = per_month(rows)
        old = per_month((when, region) for _, _, when, region, _ in existing)
        problems = []
        for month, counts in new.items():
            worst, worst_leaf, before = 0, NATIONAL, 0
            for leaf in self.knowledge.regions:
                chain = self.knowledge.chain(leaf)
                total = sum(counts[r] + old[month][r] for r in chain)
                if total > worst:
                    worst, worst_leaf, before = total, leaf, sum(old[month][r] for r in chain)
            if worst > MONTHLY_QUOTA:
                who = "所有" if worst_leaf == NATIONAL else f"{self.region_label(worst_leaf)}的"
                problems.append(
                    f"服务号每位关注者每月最多收到 {MONTHLY_QUOTA} 次群发："
                    f"{month}{who}关注者已经安排了 {before} 次，加上这条要收到 {worst} 次，"
                    "超出的人会收不到。请减少次数、改到下个月，或者先取消别的群发"
                )
        return problems

    # -- creating, editing, cancelling ---------------------------------------------------------------

    def _clientmsgid(self, broadcast_id: int, when: datetime, region: str) -> str:
        """Deterministic per broadcast, occurrence and region; unique per database (``install``)."""
        install = self.store.conn.execute(
            "SELECT value FROM broadcast_meta WHERE name = 'install'"
        ).fetchone()
        return f"lg{install[0]}-{broadcast_id}-{when:%Y%m%d%H%M}-{region}"[:64]

    def _insert_sends(self, broadcast_id: int, rows: Sequence[tuple[datetime, str]]) -> None:
        for when, region in rows:
            self.store.conn.execute(
                "INSERT INTO broadcast_sends (broadcast_id, occurrence, region, due, clientmsgid)"
                " VALUES (?, ?, ?, ?, ?)",
                (
                    broadcast_id,
                    occurrence_key(when),
                    region,
                    when.timestamp(),
                    self._clientmsgid(broadcast_id, when, region),
                ),
            )

    def _normalized(self, draft: Draft) -> Draft:
        return Draft(
            draft.kind,
            draft.title.strip(),
            draft.body.strip(),
            self.normalize_regions(draft.regions),
            draft.schedule,
            draft.template,
        )

    def _describe(self, draft: Draft) -> str:
        return f"「{draft.title}」→ {self.regions_label(draft.regions)}；{draft.schedule.describe()}"

    def create(self, draft: Draft, actor: str) -> Broadcast:
        """Plan and store a broadcast (quota checked under the write lock), or raise PlanError."""
        draft = self._normalized(draft)
        now = self.clock()
        with self.store.transaction() as conn:
            rows = self.plan(draft)
            cur = conn.execute(
                "INSERT INTO broadcasts (kind, template, title, body, regions, once_at, daily_at, first_day,"
                " last_day, created_by, created, updated) VALUES (:kind, :template, :title, :body, :regions,"
                " :once_at, :daily_at, :first_day, :last_day, :actor, :now, :now)",
                {
                    "kind": draft.kind,
                    "template": draft.template,
                    "title": draft.title,
                    "body": draft.body,
                    "regions": json.dumps(list(draft.regions)),
                    "actor": actor,
                    "now": now,
                    **draft.schedule.to_row(),
                },
            )
            bid = int(cur.lastrowid or 0)
            self._insert_sends(bid, rows)
            audit.record(self.store, actor, "broadcast_schedule", f"broadcast:{bid}", self._describe(draft))
        log.info("broadcast #%d scheduled by %s: %d send(s)", bid, actor, len(rows))
        found = self.get(bid)
        assert found is not None
        return found

    def edit(self, broadcast_id: int, draft: Draft, actor: str) -> Broadcast:
        """Change a broadcast until its sending starts. Once some of a recurring series has gone
        out only the text of the rest may change."""
        draft = self._normalized(draft)
        with self.store.transaction() as conn:
            current = self._require(broadcast_id)
            if not current.editable:
                raise PlanError(["这条群发已经开始发送、已经结束或已取消，不能再修改"])
            moved = draft.schedule != current.schedule or draft.regions != current.regions
            if moved and current.started:
                raise PlanError(["已经发出过一部分，只能修改标题和正文；要改时间或地区，请取消后重新安排"])
            if moved:
                rows = self.plan(draft, exclude=broadcast_id)
                conn.execute(
                    "DELETE FROM broadcast_sends WHERE broadcast_id = ? AND status = 'scheduled'",
                    (broadcast_id,),
                )
                self._insert_sends(broadcast_id, rows)
            else:
                problems = self._text_problems(draft)
                if problems:
                    raise PlanError(problems)
            conn.execute(
                "UPDATE broadcasts SET kind = :kind, template = :template, title = :title, body = :body,"
                " regions = :regions, once_at = :once_at, daily_at = :daily_at, first_day = :first_day,"
                " last_day = :last_day, updated = :now WHERE id = :id",
                {
                    "kind": draft.kind,
                    "template": draft.template,
                    "title": draft.title,
                    "body": draft.body,
                    "regions": json.dumps(list(draft.regions)),
                    "now": self.clock(),
                    "id": broadcast_id,
                    **draft.schedule.to_row(),
                },
            )
            changed = [
                name
                for name, before, after in (
                    ("标题", current.title, draft.title),
                    ("正文", current.body, draft.body),
                    ("地区", current.regions, draft.regions),
                    ("时间", current.schedule, draft.schedule),
                    ("类型", current.kind, draft.kind),
                )
                if before != after
            ]
            detail = f"改了{'、'.join(changed) or '（无变化）'}：{self._describe(draft)}"
            audit.record(self.store, actor, "broadcast_edit", f"broadcast:{broadcast_id}", detail)
        found = self.get(broadcast_id)
        assert found is not None
        return found

    def cancel(self, broadcast_id: int, actor: str) -> int:
        """Cancel every send not yet started; returns how many."""
        now = self.clock()
        with self.store.transaction() as conn:
            self._require(broadcast_id)
            n = conn.execute(
                "UPDATE broadcast_sends SET status = 'cancelled'"
                " WHERE broadcast_id = ? AND status = 'scheduled'",
                (broadcast_id,),
            ).rowcount
            if n == 0:
                raise PlanError(["没有待发送的内容可以取消：已经开始发送、已经结束或已取消"])
            conn.execute(
                "UPDATE broadcasts SET cancelled = ?, cancelled_by = ? WHERE id = ?",
                (now, actor, broadcast_id),
            )
            audit.record(
                self.store, actor, "broadcast_cancel", f"broadcast:{broadcast_id}", f"取消了 {n} 次待发送"
            )
        log.info("broadcast #%d cancelled by %s (%d send(s))", broadcast_id, actor, n)
        return int(n)

    # -- reading -----------------------------------------------------------------------------------

    def _broadcast(self, row: sqlite3.Row, sends: Sequence[Send]) -> Broadcast:
        return Broadcast(
            id=row["id"],
            kind=row["kind"],
            template=row["template"],
            title=row["title"],
            body=row["body"],
            regions=tuple(json.loads(row["regions"])),
            schedule=Schedule.from_row(row),
            created_by=row["created_by"],
            created=row["created"],
            updated=row["updated"],
            cancelled=row["cancelled"],
            cancelled_by=row["cancelled_by"],
            sends=tuple(sends),
        )

    def get(self, broadcast_id: int) -> Broadcast | None:
        row = self.store.conn.execute("SELECT * FROM broadcasts WHERE id = ?", (broadcast_id,)).fetchone()
        if row is None:
            return None
        sends = self.store.conn.execute(
            _SEND_SELECT + " WHERE s.broadcast_id = ? ORDER BY s.due, s.id", (broadcast_id,)
        )
        return self._broadcast(row, [_send(s) for s in sends])

    def _require(self, broadcast_id: int) -> Broadcast:
        found = self.get(broadcast_id)
        if found is None:
            raise PlanError([f"没有编号为 {broadcast_id} 的群发"])
        return found

    def recent(self, limit: int = 200) -> list[Broadcast]:
        rows = self.store.conn.execute(
            "SELECT * FROM broadcasts ORDER BY id DESC LIMIT ?", (limit,)
        ).fetchall()
        if not rows:
            return []
        sends: dict[int, list[Send]] = defaultdict(list)
        marks = ",".join("?" * len(rows))
        for s in self.store.conn.execute(
            _SEND_SELECT + f" WHERE s.broadcast_id IN ({marks}) ORDER BY s.due, s.id",
            [r["id"] for r in rows],
        ):
            sends[s["broadcast_id"]].append(_send(s))
        return [self._broadcast(r, sends[r["id"]]) for r in rows]

    def send(self, send_id: int) -> Send | None:
        row = self.store.conn.execute(_SEND_SELECT + " WHERE s.id = ?", (send_id,)).fetchone()
        return _send(row) if row else None

    def pending(self) -> list[tuple[int, str, float]]:
        """(broadcast id, occurrence, due) of every occurrence still to send."""
        rows = self.store.conn.execute(
            "SELECT broadcast_id, occurrence, MIN(due) AS due FROM broadcast_sends WHERE status = 'scheduled'"
            " GROUP BY broadcast_id, occurrence ORDER BY due"
        )
        return [(r["broadcast_id"], r["occurrence"], r["due"]) for r in rows]

    # -- preview -----------------------------------------------------------------------------------

    def preview_text(self, draft: Draft) -> str:
        try:
            when = draft.schedule.times()[0]
        except (PlanError, IndexError):
            when = beijing(self.clock())
        region = draft.regions[0] if draft.regions else NATIONAL
        return self.render(draft.title, draft.body, region, when)

    def preview(
        self, draft: Draft, actor: str, openids: Sequence[str] | None = None, target: str = "draft"
    ) -> int:
        """Send the rendered text to the test OpenIDs through the preview API (no quota used)."""
        problems = self._text_problems(draft)
        if problems:
            raise PlanError(problems)
        to = list(openids if openids is not None else self.settings.preview_openids)
        if not to:
            raise PlanError(["还没有配置测试微信号：请管理员在配置文件 [broadcasts] preview_openids 里填写"])
        text = self.preview_text(draft)
        api = self.api()
        failed = []
        for openid in to:
            try:
                api.mass_preview_text(text, openid)
            except WeChatError as exc:
                failed.append(explain(exc))
        audit.record(
            self.store,
            actor,
            "broadcast_preview",
            target,
            f"「{draft.title}」发给 {len(to) - len(failed)} 个测试号",
        )
        if failed:
            raise PlanError([f"{len(failed)} 个测试号没收到：{failed[0]}"])
        return len(to)

    # -- sending -----------------------------------------------------------------------------------

    def _notify(self, sends: Iterable[Send]) -> None:
        for send in sends:
            for listener in list(self.listeners):
                try:
                    listener(send)
                except Exception:
                    log.exception("broadcast listener failed")

    def expire(self, actor: str = "scheduler") -> list[Send]:
        """Mark missed every send still waiting past its grace window (the server was down)."""
        cutoff = self.clock() - self.grace
        with self.store.transaction() as conn:
            ids = [
                r[0]
                for r in conn.execute(
                    "SELECT id FROM broadcast_sends WHERE status = 'scheduled' AND due < ?", (cutoff,)
                )
            ]
            for send_id in ids:
                conn.execute(
                    "UPDATE broadcast_sends SET status = 'missed', error = ? WHERE id = ?",
                    (f"到点时服务没有运行，超过了 {self.settings.grace_minutes:g} 分钟的补发时限", send_id),
                )
            missed = [s for s in (self.send(i) for i in ids) if s]
            for s in missed:
                audit.record(
                    self.store,
                    actor,
                    "broadcast_missed",
                    f"broadcast:{s.broadcast_id}",
                    f"{s.occurrence} {s.region}",
                )
        if missed:
            log.warning("%d broadcast send(s) missed their time", len(missed))
        self._notify(missed)
        return missed

    def _claim(self, broadcast_id: int, occurrence: str) -> list[Send]:
        """scheduled → sending for one occurrence, in one transaction, text frozen. [] if not ours."""
        now = self.clock()
        with self.store.transaction() as conn:
            rows = [
                _send(r)
                for r in conn.execute(
                    _SEND_SELECT + " WHERE s.broadcast_id = ? AND s.occurrence = ? AND s.status = 'scheduled'"
                    " ORDER BY s.id",
                    (broadcast_id, occurrence),
                )
            ]
            if not rows or now < rows[0].due - EARLY_SECONDS:
                return []
            if now > rows[0].due + self.grace:
                return []  # expire() reports it
            b = conn.execute("SELECT title, body FROM broadcasts WHERE id = ?", (broadcast_id,)).fetchone()
            # {date} is the occurrence's planned date, not ``due``: 「立即发送」 moves ``due`` to now, and
            # two days of a daily series resent on one day must not read the same (nor change on retry).
            when = occurrence_time(occurrence)
            for send in rows:
                conn.execute(
                    "UPDATE broadcast_sends SET status = 'sending', text = ?, claimed = ?, claimed_by = ?"
                    " WHERE id = ? AND status = 'scheduled'",
                    (self.render(b["title"], b["body"], send.region, when), now, self.instance, send.id),
                )
        return [s for s in (self.send(r.id) for r in rows) if s]

    def fire(
        self,
        broadcast_id: int,
        occurrence: str,
        actor: str = "scheduler",
        on_send: Callable[[Send], None] | None = None,
    ) -> list[Send]:
        """Send one occurrence if it is due and nobody claimed it; returns the final sends."""
        claimed = self._claim(broadcast_id, occurrence)
        if claimed:
            log.info("broadcast #%d %s: claimed %d send(s)", broadcast_id, occurrence, len(claimed))
        return self._deliver(claimed, actor, on_send)

    def recover(self, actor: str = "scheduler") -> list[Send]:
        """Finish sends a dead process left in ``sending`` (call only while holding the scheduler lock).

        Within the grace window they are sent again with the same clientmsgid: WeChat either takes
        them now or answers 45065 for the earlier, accepted attempt. Older ones are reported, not sent.
        """
        rows = [
            _send(r)
            for r in self.store.conn.execute(
                _SEND_SELECT + " WHERE s.status = 'sending' ORDER BY s.due, s.id"
            )
        ]
        late = [s for s in rows if self.clock() > s.due + self.grace]
        reported = [
            self._finish(
                s,
                "failed",
                actor,
                error="发送中断，已超过补发时限"
                + ("：请到公众号后台「已群发」里核对是否已经发出" if s.attempts else "，没有发出"),
            )
            for s in late
        ]
        todo = [s for s in rows if s not in late]
        if todo:
            log.warning("recovering %d interrupted broadcast send(s)", len(todo))
        return reported + self._deliver(todo, actor)

    def prepone(self, broadcast_id: int, actor: str) -> str:
        """Make the next pending occurrence (or the failed ones, to retry) due now; returns it."""
        now = self.clock()
        with self.store.transaction() as conn:
            b = self._require(broadcast_id)
            failed = [s for s in b.sends if s.status == "failed"]
            waiting = [s for s in b.sends if s.status == "scheduled"]
            if failed:
                occurrence = failed[0].occurrence
                rows = [s for s in failed if s.occurrence == occurrence]
            elif waiting:
                occurrence = waiting[0].occurrence
                rows = [s for s in waiting if s.occurrence == occurrence]
            else:
                raise PlanError(["没有待发送或失败的内容：这条群发已经发完或已取消"])
            problems = self.quota_problems(
                [(beijing(now), s.region) for s in rows], exclude_sends=[s.id for s in rows]
            )
            if problems:
                raise PlanError(problems)
            for s in rows:
                conn.execute(
                    "UPDATE broadcast_sends SET status = 'scheduled', due = ?, error = '' WHERE id = ?",
                    (now, s.id),
                )
            audit.record(self.store, actor, "broadcast_send_now", f"broadcast:{broadcast_id}", occurrence)
        return occurrence

    def _deliver(
        self, sends: Sequence[Send], actor: str, on_send: Callable[[Send], None] | None = None
    ) -> list[Send]:
        if not sends:
            return []
        try:
            self.tags.sync()  # whoever opted out or moved a minute ago is out of the tags now
        except WeChatError as exc:
            log.warning("broadcast: tag sync failed, %d send(s) held back: %s", len(sends), exc)
            return [self._finish(s, "failed", actor, error=held_back(s, exc)) for s in sends]
        done = []
        for send in sends:
            try:
                result = self._send_one(send, actor)
            except Exception:
                log.exception("broadcast send #%d crashed", send.id)
                result = self._finish(
                    send, "failed", actor, error="内部错误，详见服务器日志；重试不会重复发送"
                )
            done.append(result)
            if on_send:
                on_send(result)
        return done

    def _send_one(self, send: Send, actor: str) -> Send:
        assert send.text is not None
        if send.attempts == 0 and not self.tags.members(send.region, limit=1):
            return self._finish(
                send, "skipped", actor, error="没有符合条件的关注者（都退订了，或这个地区还没有人）"
            )
        try:
            tag_id = self.tags.tag_ids({send.region})[send.region]
        except WeChatError as exc:
            log.warning("broadcast send #%d: no tag id: %s", send.id, exc)
            return self._finish(send, "failed", actor, error=held_back(send, exc))
        with self.store.transaction() as conn:  # counted before the call: a retry knows it may have gone out
            conn.execute("UPDATE broadcast_sends SET attempts = attempts + 1 WHERE id = ?", (send.id,))
        note = ""
        try:
            result = self.api().mass_send_text(send.text, tag_id=tag_id, clientmsgid=send.clientmsgid)
            msg_id: int | None = result["msg_id"]
            data_id = result["msg_data_id"]
        except AlreadySent as exc:
            msg_id, data_id = exc.msg_id, None
            note = "微信确认上次已经受理（发送中断后重试），没有重复发送"
        except WeChatError as exc:
            log.warning("broadcast send #%d refused: %s", send.id, exc)
            if exc.errcode == TAG_GONE:  # the next sync makes the tag again; a resend then works
                self.tags.forget(send.region)
            return self._finish(send, "failed", actor, error=explain(exc))
        if self.after_accept is not None:
            self.after_accept(send)
        return self._finish(send, "sent", actor, msg_id=msg_id, data_id=data_id, note=note)

    def _finish(
        self,
        send: Send,
        status: str,
        actor: str,
        *,
        msg_id: int | None = None,
        data_id: int | None = None,
        note: str = "",
        error: str = "",
    ) -> Send:
        with self.store.transaction() as conn:
            conn.execute(
                "UPDATE broadcast_sends SET status = ?, sent = ?, msg_id = ?, msg_data_id = ?, note = ?,"
                " error = ? WHERE id = ? AND status = 'sending'",
                (status, self.clock() if status == "sent" else None, msg_id, data_id, note, error, send.id),
            )
            what = f"{send.occurrence} {self.region_label(send.region)}：{STATUS_NAMES[status]}"
            detail = (
                what
                + (f"，msg_id {msg_id}" if msg_id else "")
                + (f"（{error or note}）" if error or note else "")
            )
            audit.record(self.store, actor, "broadcast_send", f"broadcast:{send.broadcast_id}", detail)
        log.info(
            "broadcast #%d send #%d %s %s",
            send.broadcast_id,
            send.id,
            status,
            f"msg_id={msg_id}" if msg_id else "",
        )
        final = self.send(send.id) or send
        self._notify([final])
        return final

    # -- results -----------------------------------------------------------------------------------

    def on_mass_finish(self, msg: Message) -> None:
        """MASSSENDJOBFINISH from the webhook: keep the counts by msg_id (SQLite only, no API call)."""
        fields = msg.fields

        def number(name: str) -> int | None:
            value = str(fields.get(name, "")).strip()
            return int(value) if value.lstrip("-").isdigit() else None

        msg_id = number("MsgID") or number("MsgId")
        if msg_id is None:
            log.warning("MASSSENDJOBFINISH without a MsgID ignored")
            return
        self.store.conn.execute(
            "INSERT OR REPLACE INTO mass_results"
            " (msg_id, status, total, filter_count, sent_count, error_count, received)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                msg_id,
                str(fields.get("Status", "")),
                number("TotalCount"),
                number("FilterCount"),
                number("SentCount"),
                number("ErrorCount"),
                self.clock(),
            ),
        )
        log.info("mass send %d finished: %s", msg_id, fields.get("Status", ""))
