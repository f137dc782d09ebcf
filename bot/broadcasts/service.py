"""Scheduled broadcasts (慰问信, 倡议书 and notices): the ``Broadcasts`` facade over their parts.

The SQLite tables are the source of truth; the scheduler (scheduler.py) only arms timers from
them. A broadcast is a title and body (from a template in content/broadcasts/, edited), the
sending office ({sender}), one or more target regions, and a schedule: one time, or every day at
HH:MM between two dates. Planning materialises one *send* row per (occurrence, region), each with
a deterministic ``clientmsgid``.

    model.py       records, schedules, statuses, limits, placeholders
    planner.py     pure: send times, quotas, text problems, cautions (need a yes), warnings
    repository.py  the SQL: create, edit, cancel, read
    templates.py   template lookup, region labels, rendering
    sender.py      claim, deliver, retry later, recover, expire, send-now, errors in words
    results.py     MASSSENDJOBFINISH counts from the webhook
    tags.py        each follower's region mirrored into WeChat tags

Audience: one tag per region (a region's tag includes its districts' followers) and the national
tag for everyone — tags rather than OpenID lists because a subscription account (订阅号) may only
mass-send to a tag or to all, and ``is_to_all`` would reach those who opted out. A broadcast to
several regions is one mass send per region (each follower is in exactly one of them).

Quota (the planner refuses, in Chinese, what WeChat would refuse or silently filter):
subscription account — 1 mass send per (Beijing) day for the whole account;
service account — each follower receives at most 4 mass messages per calendar month.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import datetime
from typing import TYPE_CHECKING

from ..config import BroadcastSettings
from ..content.knowledge import Document, Knowledge
from ..errors import WeChatError
from ..ids import NATIONAL
from ..staff import audit
from ..storage.store import Store
from . import planner
from .model import BEIJING as BEIJING
from .model import CAUTION_NAMES
from .model import FINAL as FINAL
from .model import KIND_NAMES as KIND_NAMES
from .model import STATUS_NAMES as STATUS_NAMES
from .model import Broadcast as Broadcast
from .model import Caution as Caution
from .model import Draft as Draft
from .model import MassAPI as MassAPI
from .model import PlanError as PlanError
from .model import Schedule as Schedule
from .model import Send as Send
from .model import beijing as beijing
from .model import cn_date as cn_date
from .model import occurrence_key as occurrence_key
from .model import parse_day as parse_day
from .model import parse_when as parse_when
from .repository import Repository
from .results import Results
from .sender import Sender, StuckSending, explain
from .tags import TagMirror
from .templates import Templates

if TYPE_CHECKING:
    from ..wechat.push import Message

__all__ = ["BroadcastSettings", "StuckSending"]

log = logging.getLogger(__name__)
Rows = list[tuple[datetime, str]]


class Broadcasts:
    """Templates, planning, the table, preview and delivery of broadcasts, for the desk, CLI and scheduler."""

    def __init__(
        self,
        store: Store,
        knowledge: Knowledge,
        api: Callable[[], MassAPI],
        *,
        account_type: str = "subscription",
        settings: BroadcastSettings | None = None,
        clock: Callable[[], float] = time.time,
        after_accept: Callable[[Send], None] | None = None,
    ) -> None:
        """``after_accept`` runs after WeChat accepted a send, before it is recorded (tests crash there)."""
        self.store = store
        self.knowledge = knowledge
        self.api = api
        self.account_type = account_type
        self.settings = settings or BroadcastSettings()
        self.clock = clock
        self.tags = TagMirror(store, knowledge, api)
        self.repo = Repository(store, clock)
        self.texts = Templates(knowledge)
        self.results = Results(store, clock)
        self.sender = Sender(
            store,
            self.repo,
            self.texts,
            self.tags,
            api,
            self.settings,
            clock,
            self._quota_for_now,
            after_accept,
        )
        # Templates and regions
        self.template_name = Templates.template_name
        self.templates = self.texts.templates
        self.template = self.texts.template
        self.region_label = self.texts.region_label
        self.regions_label = self.texts.regions_label
        self.render = self.texts.render
        self.normalize_regions = self.texts.normalize_regions
        # Reading
        self.get = self.repo.get
        self.recent = self.repo.recent
        self.send = self.repo.send
        self.pending = self.repo.pending
        # Delivery
        self.expire = self.sender.expire
        self.fire = self.sender.fire
        self.recover = self.sender.recover
        self.prepone = self.sender.prepone
        self.on_mass_finish: Callable[[Message], None] = self.results.on_mass_finish

    @property
    def instance(self) -> str:
        return self.sender.instance

    @property
    def listeners(self) -> list[Callable[[Send], None]]:
        """Called with each send that reaches a final state (sent, failed, missed, skipped)."""
        return self.sender.listeners

    @property
    def grace(self) -> float:
        return self.sender.grace

    def audience_size(self, regions: Iterable[str]) -> int:
        return sum(len(self.tags.members(r)) for r in regions)

    # -- planning ----------------------------------------------------------------------------------

    def text_problems(self, draft: Draft) -> list[str]:
        problems = planner.text_problems(draft)
        if problems:
            return problems
        today = beijing(self.clock())
        return planner.length_problems(
            self.render(draft.title, draft.body, r, today, draft.sender) for r in draft.regions or (NATIONAL,)
        )

    def quota_problems(
        self,
        rows: Sequence[tuple[datetime, str]],
        exclude_broadcast: int | None = None,
        exclude_sends: Iterable[int] = (),
    ) -> list[str]:
        existing = self.repo.booked(exclude_broadcast, exclude_sends)
        return planner.quota_problems(
            self.account_type, rows, existing, self.texts.chains(), self.texts.labels()
        )

    def _quota_for_now(self, rows: Sequence[tuple[datetime, str]], exclude_sends: Sequence[int]) -> list[str]:
        return self.quota_problems(rows, exclude_sends=exclude_sends)

    def _doc(self, draft: Draft) -> Document | None:
        return self.template(draft.template) if draft.template else None

    def cautions(
        self, draft: Draft, rows: Sequence[tuple[datetime, str]], exclude: int | None = None
    ) -> list[Caution]:
        """What needs an official's confirmation before ``rows`` are booked."""
        recent = self.repo.same_template(draft.template, [t for t, _ in rows], exclude)
        return planner.cautions(
            draft, self._doc(draft), rows, recent, self.texts.chains(), self.texts.labels()
        )

    def plan(
        self, draft: Draft, exclude: int | None = None, confirm: Mapping[str, str] | None = None
    ) -> Rows:
        """The (time, region) sends ``draft`` needs, or PlanError saying in Chinese why not.

        ``confirm`` maps a caution's code to what the official typed or ticked; a caution left
        unconfirmed refuses the plan (its ``cautions`` tell the desk which fields to show).
        """
        problems = self.text_problems(draft)
        regions: tuple[str, ...] = ()
        try:
            regions = self.normalize_regions(draft.regions)
        except PlanError as exc:
            problems += exc.problems
        times, schedule_problems = planner.send_times(draft, self.clock())
        problems += schedule_problems
        if problems:
            raise PlanError(problems)
        rows = [(t, r) for t in times for r in regions]
        problems = self.quota_problems(rows, exclude_broadcast=exclude)
        if problems:
            raise PlanError(problems)
        found = self.cautions(draft, rows, exclude)
        missing = planner.unconfirmed(found, confirm or {})
        if missing:
            raise PlanError([c.text for c in missing], found)
        return rows

    def cautions_of(self, draft: Draft, exclude: int | None = None) -> list[Caution]:
        """The cautions ``draft`` raises as it stands (none while it cannot be planned at all)."""
        try:
            regions = self.normalize_regions(draft.regions)
        except PlanError:
            return []
        times, _ = planner.send_times(draft, self.clock())
        return self.cautions(draft, [(t, r) for t in times for r in regions], exclude)

    def warnings(self, draft: Draft) -> list[str]:
        """Things worth a second look that do not stop scheduling."""
        try:
            times = draft.schedule.times()
        except PlanError:
            times = []
        return planner.warnings(draft, self._doc(draft), times, self.account_type)

    # -- creating, editing, cancelling ---------------------------------------------------------------

    def _normalized(self, draft: Draft) -> Draft:
        return Draft(
            draft.kind,
            draft.title.strip(),
            draft.body.strip(),
            self.normalize_regions(draft.regions),
            draft.schedule,
            draft.template,
            draft.sender.strip(),
        )

    def _describe(self, draft: Draft, confirm: Mapping[str, str] | None = None) -> str:
        text = f"「{draft.title}」→ {self.regions_label(draft.regions)}；{draft.schedule.describe()}"
        confirmed = [CAUTION_NAMES.get(code, code) for code in confirm or {}]
        return text + (f"；已确认：{'、'.join(confirmed)}" if confirmed else "")

    def create(self, draft: Draft, actor: str, confirm: Mapping[str, str] | None = None) -> Broadcast:
        """Plan and store a broadcast (quota checked under the write lock), or raise PlanError."""
        draft = self._normalized(draft)
        with self.store.transaction():
            rows = self.plan(draft, confirm=confirm)
            bid = self.repo.insert(draft, actor)
            self.repo.insert_sends(bid, rows)
            used = {c.code: "" for c in self.cautions(draft, rows, bid)} if confirm else {}
            audit.record(
                self.store, actor, "broadcast_schedule", f"broadcast:{bid}", self._describe(draft, used)
            )
        log.info("broadcast #%d scheduled by %s: %d send(s)", bid, actor, len(rows))
        found = self.get(bid)
        assert found is not None
        return found

    def edit(
        self, broadcast_id: int, draft: Draft, actor: str, confirm: Mapping[str, str] | None = None
    ) -> Broadcast:
        """Change a broadcast until its sending starts. Once some of a recurring series has gone
        out only the text of the rest may change."""
        draft = self._normalized(draft)
        with self.store.transaction():
            current = self._require(broadcast_id)
            if not current.editable:
                raise PlanError(["这条群发已经开始发送、已经结束或已取消，不能再修改"])
            moved = draft.schedule != current.schedule or draft.regions != current.regions
            if moved and current.started:
                raise PlanError(["已经发出过一部分，只能修改标题和正文；要改时间或地区，请取消后重新安排"])
            if moved:
                rows = self.plan(draft, exclude=broadcast_id, confirm=confirm)
                self.repo.drop_scheduled(broadcast_id)
                self.repo.insert_sends(broadcast_id, rows)
            else:
                problems = self.text_problems(draft)
                if problems:
                    raise PlanError(problems)
            self.repo.update(broadcast_id, draft)
            changed = [
                name
                for name, before, after in (
                    ("标题", current.title, draft.title),
                    ("正文", current.body, draft.body),
                    ("发件单位", current.sender, draft.sender),
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
        with self.store.transaction():
            self._require(broadcast_id)
            n = self.repo.cancel(broadcast_id, actor)
            if n == 0:
                raise PlanError(["没有待发送的内容可以取消：已经开始发送、已经结束或已取消"])
            audit.record(
                self.store, actor, "broadcast_cancel", f"broadcast:{broadcast_id}", f"取消了 {n} 次待发送"
            )
        log.info("broadcast #%d cancelled by %s (%d send(s))", broadcast_id, actor, n)
        return n

    def _require(self, broadcast_id: int) -> Broadcast:
        found = self.get(broadcast_id)
        if found is None:
            raise PlanError([f"没有编号为 {broadcast_id} 的群发"])
        return found

    # -- preview -----------------------------------------------------------------------------------

    def preview_text(self, draft: Draft) -> str:
        try:
            when = draft.schedule.times()[0]
        except (PlanError, IndexError):
            when = beijing(self.clock())
        region = draft.regions[0] if draft.regions else NATIONAL
        return self.render(draft.title, draft.body, region, when, draft.sender)

    def preview(
        self, draft: Draft, actor: str, openids: Sequence[str] | None = None, target: str = "draft"
    ) -> int:
        """Send the rendered text to the test OpenIDs through the preview API (no quota used)."""
        problems = self.text_problems(draft)
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
