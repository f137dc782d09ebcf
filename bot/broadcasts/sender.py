"""Delivery: claim an occurrence, bring the tags up to date, one mass send per region, record it.

1. claim: in one write transaction the occurrence's rows go ``scheduled → sending`` and the text
   is frozen (so an edit either lands before the claim, or is refused for this occurrence);
2. the region tags are brought up to date (bot/broadcasts/tags.py): who opted out a minute ago is out;
3. one ``message/mass/sendall`` per region tag, with the row's clientmsgid; the attempt is counted
   first, the answer recorded after. A retry of an accepted send answers 45065 (``AlreadySent``)
   and is recorded as sent: a crash between WeChat's answer and our record costs nothing on
   restart (``recover``), and nothing is sent twice.

A transient failure (WeChat busy on every attempt, errcode -1/45009, a network failure, 45066
"retried too fast"), of the mass send or of the tag sync before it, is not final: the send goes
``retrying`` and the scheduler tries again later, with backoff, with the same clientmsgid and the
same frozen text, as long as the next try still falls inside the send window (the planned time
plus ``grace_minutes``). Only then is it 失败.
"""

from __future__ import annotations

import logging
import os
import secrets
import socket
from collections.abc import Callable, Iterable, Sequence
from datetime import datetime

from ..config import BroadcastSettings
from ..errors import WeChatError
from ..staff import audit
from ..storage.store import Store
from .model import (
    EARLY_SECONDS,
    STATUS_NAMES,
    MassAPI,
    PlanError,
    Send,
    beijing,
    occurrence_time,
)
from .repository import Repository
from .tags import TAG_GONE, TagMirror
from .templates import Templates

log = logging.getLogger(__name__)

TOO_FAST = 45066  # the same clientmsgid retried within a minute
FIRST_RETRY_SECONDS = 120.0  # then 4, 8, 16 … minutes, while inside the send window
Quota = Callable[[Sequence[tuple[datetime, str]], Sequence[int]], list[str]]


class StuckSending(PlanError):
    """Nothing to send now: the occurrence is in ``sending`` (a live scheduler, or a dead one)."""

    def __init__(self, sends: Sequence[Send]) -> None:
        super().__init__(["这条群发正在发送中（或者发送它的调度器中途停了）"])
        self.sends = list(sends)


def _api_errors() -> tuple[type[WeChatError], ...]:
    """The API module's error classes, imported when first needed (it pulls in wechatpy)."""
    from ..wechat.api import AlreadySent, AuthError, QuotaExceeded, TransientWeChatError

    return AlreadySent, AuthError, QuotaExceeded, TransientWeChatError


def retryable(exc: WeChatError) -> bool:
    """Worth trying again later with the same clientmsgid."""
    transient = _api_errors()[3]
    return isinstance(exc, transient) or exc.errcode == TOO_FAST


def explain(exc: WeChatError) -> str:
    """A WeChat failure in words an official can act on."""
    from ..wechat.api import unanswered_before

    _, auth, quota, transient = _api_errors()
    if isinstance(exc, quota):
        why = "群发次数已用完（可能有人在公众号后台另外群发过）"
    elif isinstance(exc, auth):
        why = "公众号的 AppID/AppSecret 或接口权限有问题，请管理员检查配置"
    elif isinstance(exc, transient):
        why = "微信接口暂时连不上或太忙，结果不确定；重试不会重复发送"
    elif exc.errcode == TOO_FAST:
        why = "微信说同一条群发重试得太快，要隔一分钟再试；重试不会重复发送"
    elif exc.errcode == 48001:
        why = "公众号没有这个接口的权限"
    elif exc.errcode == TAG_GONE:
        why = "这个地区的用户标签在公众号后台被删掉了，没有发出；标签会自动重建，稍后点「重新发送」即可"
    else:
        why = "微信拒绝了这次群发"
    text = f"{why}（微信错误码 {exc.errcode}）"
    if unanswered_before(exc) and not isinstance(exc, transient):
        # A timed-out attempt, then a refusal of the retry: the first one may have gone through.
        text += (
            "。之前有一次请求没等到微信回答，可能已经发出：请到公众号后台「已群发」里核对；重试不会重复发送"
        )
    return text


def explain_tags(exc: WeChatError) -> str:
    """A failure of the region-tag sync (or of the token fetch it needed), for officials."""
    _, auth, _, transient = _api_errors()
    if isinstance(exc, transient):
        why = "微信接口暂时连不上或太忙"
    elif isinstance(exc, auth):
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


class Sender:
    def __init__(
        self,
        store: Store,
        repo: Repository,
        templates: Templates,
        tags: TagMirror,
        api: Callable[[], MassAPI],
        settings: BroadcastSettings,
        clock: Callable[[], float],
        quota: Quota,
        after_accept: Callable[[Send], None] | None = None,
    ) -> None:
        self.store = store
        self.repo = repo
        self.templates = templates
        self.tags = tags
        self.api = api
        self.settings = settings
        self.clock = clock
        self.quota = quota
        self.instance = f"{socket.gethostname()}:{os.getpid()}:{secrets.token_hex(3)}"
        # Called with each send that reaches a final state (sent, failed, missed, skipped).
        self.listeners: list[Callable[[Send], None]] = []
        # Runs after WeChat accepted a send and before it is recorded (tests pass one to crash there).
        self.after_accept = after_accept

    @property
    def grace(self) -> float:
        return self.settings.grace_minutes * 60

    def _notify(self, sends: Iterable[Send]) -> None:
        for send in sends:
            for listener in list(self.listeners):
                try:
                    listener(send)
                except Exception:
                    log.exception("broadcast listener failed")

    def expire(self, actor: str = "scheduler") -> list[Send]:
        """Close what is still waiting past its send window: the server was down (错过), or WeChat
        stayed busy through every automatic retry (失败)."""
        cutoff = self.clock() - self.grace
        missed: list[Send] = []
        with self.store.transaction() as conn:
            late = self.repo.sends("s.status IN ('scheduled', 'retrying') AND s.due < ?", (cutoff,))
            for s in late:
                if s.status == "retrying":  # closed by _finish below, like any other failure
                    conn.execute("UPDATE broadcast_sends SET status = 'sending' WHERE id = ?", (s.id,))
                    continue
                conn.execute(
                    "UPDATE broadcast_sends SET status = 'missed', error = ? WHERE id = ?",
                    (f"到点时服务没有运行，超过了 {self.settings.grace_minutes:g} 分钟的补发时限", s.id),
                )
                missed.append(s)
                audit.record(
                    self.store,
                    actor,
                    "broadcast_missed",
                    f"broadcast:{s.broadcast_id}",
                    f"{s.occurrence} {s.region}",
                )
        done = [s for s in (self.repo.send(s.id) for s in missed) if s]
        if done:
            log.warning("%d broadcast send(s) missed their time", len(done))
        self._notify(done)
        gave_up = [
            self._finish(s, "failed", actor, error=f"{s.error}；自动重试到补发时限仍未成功")
            for s in late
            if s.status == "retrying"
        ]
        return done + gave_up

    def _claim(self, broadcast_id: int, occurrence: str) -> list[Send]:
        """scheduled/retrying → sending for one occurrence's ready rows, in one transaction. [] if none."""
        now = self.clock()
        with self.store.transaction() as conn:
            rows = [
                s
                for s in self.repo.sends(
                    "s.broadcast_id = ? AND s.occurrence = ? AND s.status IN ('scheduled', 'retrying')",
                    (broadcast_id, occurrence),
                )
                if s.ready_at - EARLY_SECONDS <= now <= s.due + self.grace  # later: expire() reports it
            ]
            if not rows:
                return []
            b = conn.execute(
                "SELECT title, body, sender FROM broadcasts WHERE id = ?", (broadcast_id,)
            ).fetchone()
            # {date} is the occurrence's planned date, not ``due``: 「立即发送」 moves ``due`` to now, and
            # two days of a daily series resent on one day must not read the same (nor change on retry).
            when = occurrence_time(occurrence)
            for send in rows:
                if send.status == "retrying":  # text frozen at the first claim: same words, same clientmsgid
                    conn.execute(
                        "UPDATE broadcast_sends SET status = 'sending', claimed = ?, claimed_by = ?"
                        " WHERE id = ? AND status = 'retrying'",
                        (now, self.instance, send.id),
                    )
                    continue
                text = self.templates.render(b["title"], b["body"], send.region, when, b["sender"])
                conn.execute(
                    "UPDATE broadcast_sends SET status = 'sending', text = ?, claimed = ?, claimed_by = ?"
                    " WHERE id = ? AND status = 'scheduled'",
                    (text, now, self.instance, send.id),
                )
        return [s for s in (self.repo.send(r.id) for r in rows) if s]

    def fire(
        self,
        broadcast_id: int,
        occurrence: str,
        actor: str = "scheduler",
        on_send: Callable[[Send], None] | None = None,
    ) -> list[Send]:
        """Send one occurrence if it is due and nobody claimed it; returns the sends as they ended."""
        claimed = self._claim(broadcast_id, occurrence)
        if claimed:
            log.info("broadcast #%d %s: claimed %d send(s)", broadcast_id, occurrence, len(claimed))
        return self._deliver(claimed, actor, on_send)

    def recover(self, actor: str = "scheduler", broadcast_id: int | None = None) -> list[Send]:
        """Finish sends a dead process left in ``sending`` (call only while holding the scheduler lock).

        Within the grace window they are sent again with the same clientmsgid: WeChat either takes
        them now or answers 45065 for the earlier, accepted attempt. Older ones are reported, not sent.
        """
        where, params = "s.status = 'sending'", list[object]()
        if broadcast_id is not None:
            where, params = where + " AND s.broadcast_id = ?", [broadcast_id]
        rows = self.repo.sends(where, params)
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
        """Make the failed sends (to retry), a waiting retry or the next occurrence due now; returns it.

        Raises ``StuckSending`` when the only thing left is in ``sending``.
        """
        now = self.clock()
        with self.store.transaction() as conn:
            b = self.repo.get(broadcast_id)
            if b is None:
                raise PlanError([f"没有编号为 {broadcast_id} 的群发"])
            for status in ("failed", "retrying", "scheduled"):
                waiting = [s for s in b.sends if s.status == status]
                if waiting:
                    occurrence = waiting[0].occurrence
                    rows = [s for s in waiting if s.occurrence == occurrence]
                    break
            else:
                stuck = [s for s in b.sends if s.status == "sending"]
                if stuck:
                    raise StuckSending(stuck)
                raise PlanError(["没有待发送或失败的内容：这条群发已经发完或已取消"])
            # A retry still inside its send window just goes now (its quota is booked already);
            # anything else is due again from now, within the quota.
            in_window = status == "retrying" and now <= rows[0].due + self.grace
            if not in_window:
                problems = self.quota([(beijing(now), s.region) for s in rows], [s.id for s in rows])
                if problems:
                    raise PlanError(problems)
            for s in rows:
                if in_window:
                    conn.execute("UPDATE broadcast_sends SET retry_at = ? WHERE id = ?", (now, s.id))
                else:
                    conn.execute(
                        "UPDATE broadcast_sends SET status = 'scheduled', due = ?, error = '', retries = 0,"
                        " retry_at = NULL WHERE id = ?",
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
            if retryable(exc):  # WeChat busy: the tags (and the sends) get another try later
                return [self._retry_later(s, actor, held_back(s, exc)) for s in sends]
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
        already_sent = _api_errors()[0]
        try:
            result = self.api().mass_send_text(send.text, tag_id=tag_id, clientmsgid=send.clientmsgid)
            msg_id: int | None = result["msg_id"]
            data_id = result["msg_data_id"]
        except WeChatError as exc:
            if not isinstance(exc, already_sent):
                log.warning("broadcast send #%d refused: %s", send.id, exc)
                if exc.errcode == TAG_GONE:  # the next sync makes the tag again; a resend then works
                    self.tags.forget(send.region)
                if retryable(exc):
                    return self._retry_later(send, actor, explain(exc))
                return self._finish(send, "failed", actor, error=explain(exc))
            msg_id, data_id = getattr(exc, "msg_id", None), None
            note = "微信确认上次已经受理（发送中断后重试），没有重复发送"
        if self.after_accept is not None:
            self.after_accept(send)
        return self._finish(send, "sent", actor, msg_id=msg_id, data_id=data_id, note=note)

    def _retry_later(self, send: Send, actor: str, error: str) -> Send:
        """Back to the scheduler for another try (same clientmsgid), if one fits in the send window."""
        retries = send.retries + 1
        at = self.clock() + FIRST_RETRY_SECONDS * 2 ** (retries - 1)
        if at > send.due + self.grace:
            return self._finish(
                send, "failed", actor, error=f"{error}；自动重试了 {send.retries} 次，到补发时限仍未成功"
            )
        note = f"第 {retries} 次自动重试安排在 {beijing(at):%H:%M}"
        with self.store.transaction() as conn:
            conn.execute(
                "UPDATE broadcast_sends SET status = 'retrying', retry_at = ?, retries = ?, error = ?,"
                " note = ? WHERE id = ? AND status = 'sending'",
                (at, retries, error, note, send.id),
            )
            detail = f"{send.occurrence} {self.templates.region_label(send.region)}：{error}；{note}"
            audit.record(self.store, actor, "broadcast_retry", f"broadcast:{send.broadcast_id}", detail)
        log.info("broadcast #%d send #%d retrying at %s", send.broadcast_id, send.id, beijing(at))
        return self.repo.send(send.id) or send

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
                " error = ?, retry_at = NULL WHERE id = ? AND status = 'sending'",
                (status, self.clock() if status == "sent" else None, msg_id, data_id, note, error, send.id),
            )
            what = f"{send.occurrence} {self.templates.region_label(send.region)}：{STATUS_NAMES[status]}"
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
        final = self.repo.send(send.id) or send
        self._notify([final])
        return final
