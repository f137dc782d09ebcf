"""Broadcasts against the WeChat emulator over real HTTP: planner, quota, audience, send-once, results."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from helpers.emulator import (
    APP_ID,
    APP_SECRET,
    PUSH_TOKEN,
    FakeClock,
    RunningEmulator,
    run_emulator,
    serve_in_thread,
)
from helpers.harness import AES_KEY, make_settings
from helpers.paths import ROOT

from bot.app import create_app
from bot.broadcasts.service import (
    BEIJING,
    Broadcast,
    Broadcasts,
    BroadcastSettings,
    Draft,
    PlanError,
    Schedule,
    Send,
    beijing,
    cn_date,
)
from bot.content.knowledge import load_knowledge
from bot.errors import WeChatError
from bot.services import build
from bot.staff import audit
from bot.storage.store import Store, User
from bot.wechat.api import WeChatAPI

SENDALL = "message/mass/sendall"


class Crash(BaseException):
    """Stands for the process dying: not an Exception, so nothing on the way catches it."""


@dataclass
class Env:
    """A store, the real content, an API client and Broadcasts, all on one emulator."""

    emulator: RunningEmulator
    store: Store
    api: WeChatAPI
    b: Broadcasts
    clock: Any  # FakeClock, or time.time
    db: Path

    def follower(self, openid: str, region: str | None = None, subscribed: bool = True) -> None:
        self.store.save_user(User(openid, region=region, subscribed=subscribed))
        self.emulator.state.add_follower(openid)

    def mass(self, openid: str) -> list[str]:
        with self.emulator.state.lock:
            return [m["text"] for m in self.emulator.state.inbox.get(openid, []) if m["type"] == "mass"]

    def wait_delivered(self, openid: str, n: int = 1) -> None:
        assert self.emulator.state.wait_for(
            lambda: sum(m["type"] == "mass" for m in self.emulator.state.inbox.get(openid, [])) >= n, 10
        ), f"{openid} did not receive {n} mass message(s)"

    def draft(
        self,
        regions: tuple[str, ...] = ("anqing",),
        at: datetime | None = None,
        title: str = "测试通知",
        body: str = "留在{region_name}过年的朋友，有事请拨打{hotline}。{date}",
        kind: str = "notice",
    ) -> Draft:
        when = at or beijing(self.clock()) + timedelta(minutes=5)
        return Draft(kind, title, body, regions, Schedule.once(when))

    def schedule(self, *args: Any, **kw: Any) -> Broadcast:
        return self.b.create(self.draft(*args, **kw), actor="干部甲")

    def fire_next(self, broadcast: Broadcast) -> list[Send]:
        """Move the clock to the broadcast's next send and fire it, as the scheduler's job would."""
        fresh = self.b.get(broadcast.id)
        assert fresh is not None and fresh.next_due is not None
        self.clock.now = max(self.clock(), fresh.next_due)
        occurrence = next(s.occurrence for s in fresh.sends if s.status == "scheduled")
        return self.b.fire(broadcast.id, occurrence)

    def restart(self, **kw: Any) -> Broadcasts:
        """A new process on the same database: new store connection, new Broadcasts."""
        store = Store(self.db, clock=self.clock)
        return Broadcasts(
            store,
            self.b.knowledge,
            lambda: self.api,
            account_type=self.b.account_type,
            settings=self.b.settings,
            clock=self.clock,
            **kw,
        )


def make_env(
    tmp_path: Path,
    emulator: RunningEmulator,
    account_type: str = "subscription",
    clock: Any = None,
    **settings: Any,
) -> Env:
    """``clock``: a FakeClock starting now unless given (``time.time`` for real-time scheduler tests)."""
    clock = clock or FakeClock(time.time())
    db = tmp_path / "bot.db"
    store = Store(db, clock=clock)
    api = WeChatAPI(emulator.settings(), db, sleep=lambda s: None)
    b = Broadcasts(
        store,
        load_knowledge(str(ROOT / "content")),
        lambda: api,
        account_type=account_type,
        settings=BroadcastSettings(**settings),
        clock=clock,
    )
    return Env(emulator, store, api, b, clock, db)


@pytest.fixture
def emu() -> Iterator[RunningEmulator]:
    # Plenty of daily quota in the emulator: the planner's own quota is tested on its own.
    with run_emulator(daily_quota=100) as running:
        yield running


@pytest.fixture
def env(tmp_path: Path, emu: RunningEmulator) -> Iterator[Env]:
    made = make_env(tmp_path, emu)
    yield made
    made.api.close()


# --- text and templates


def test_templates_exist_for_every_region_and_render_without_placeholders(env: Env) -> None:
    for region in ("national", "anqing", "dalian", "heilongjiang", "guangzhou-huangpu"):
        kinds = {d.kind for d in env.b.templates(region=region) if d.region == region}
        assert kinds == {"letter", "notice"}, region
    letter = env.b.template("anqing/letter-1")
    assert letter is not None
    text = env.b.render(letter.title, letter.body, "anqing", datetime(2021, 2, 9, 9, 0, tzinfo=BEIJING))
    assert text.startswith("【致留在安庆过年务工朋友的慰问信】")
    assert "您留在安庆市过年" in text and "请拨打12333" in text and "2021年2月9日" in text
    assert "{" not in text
    # A district's templates are its city's, then national ones.
    assert [d.region for d in env.b.templates("letter", "anqing-yixiu")] == ["anqing", "national"]


def test_unknown_placeholder_and_empty_text_are_refused(env: Env) -> None:
    with pytest.raises(PlanError) as caught:
        env.b.create(env.draft(title="", body="你好 {name}"), "干部甲")
    assert "请填写标题" in caught.value.problems
    assert any("{name}" in p for p in caught.value.problems)


def test_regions_are_normalized(env: Env) -> None:
    assert env.b.normalize_regions(["anqing-daguan", "anqing", "dalian"]) == ("anqing", "dalian")
    assert env.b.normalize_regions(["dalian", "national"]) == ("national",)
    with pytest.raises(PlanError, match="不认识的地区"):
        env.b.normalize_regions(["atlantis"])


def test_a_time_in_the_past_is_refused(env: Env) -> None:
    with pytest.raises(PlanError, match="已经过去了"):
        env.schedule(at=beijing(env.clock() - 3600))


# --- quota


def test_subscription_account_allows_one_mass_send_a_day(env: Env) -> None:
    day = beijing(env.clock()) + timedelta(days=1)
    first = env.schedule(at=day.replace(hour=9, minute=0), title="第一条")
    with pytest.raises(PlanError) as caught:
        env.schedule(at=day.replace(hour=15, minute=0), regions=("dalian",), title="第二条")
    message = str(caught.value)
    assert "订阅号每天只能群发 1 次" in message and "「第一条」" in message and f"#{first.id}" in message
    # Several regions on one day are several mass sends: refused with the reason.
    with pytest.raises(PlanError, match="这条选了 2 个地区"):
        env.schedule(at=day + timedelta(days=1), regions=("anqing", "dalian"))
    # The next day is free; cancelling frees the first day.
    env.schedule(at=day + timedelta(days=1), regions=("dalian",))
    env.b.cancel(first.id, "干部甲")
    env.schedule(at=day.replace(hour=15, minute=0), regions=("dalian",))


def test_subscription_daily_schedule_takes_every_day(env: Env) -> None:
    today = beijing(env.clock()).date()
    daily = Draft(
        "notice",
        "每日提醒",
        "记得拨打{hotline}",
        ("national",),
        Schedule.every_day("09:00", today + timedelta(days=1), today + timedelta(days=10)),
    )
    made = env.b.create(daily, "干部甲")
    assert len(made.sends) == 10
    assert made.schedule.describe().startswith("每天 09:00")
    with pytest.raises(PlanError, match="订阅号每天只能群发 1 次"):
        env.schedule(at=datetime.combine(today + timedelta(days=5), datetime.min.time(), BEIJING))


def test_service_account_allows_four_per_follower_a_month(tmp_path: Path, emu: RunningEmulator) -> None:
    env = make_env(tmp_path, emu, account_type="service")
    start = datetime(2031, 3, 2, 9, 0, tzinfo=BEIJING)
    for i in range(4):
        env.schedule(at=start + timedelta(days=i), regions=("anqing",), title=f"安庆{i}")
    # Dalian's followers have had none: fine, even two on one day (service accounts have no daily cap).
    env.schedule(at=start, regions=("dalian",))
    env.schedule(at=start, regions=("dalian", "heilongjiang"))
    with pytest.raises(PlanError) as caught:
        env.schedule(at=start + timedelta(days=5), regions=("anqing-yixiu",))
    assert "服务号每位关注者每月最多收到 4 次群发" in str(caught.value)
    assert "2031年3月" in str(caught.value) and "安庆" in str(caught.value)
    # Everyone includes Anqing's followers: refused too. Next month is fine.
    with pytest.raises(PlanError, match="服务号"):
        env.schedule(at=start + timedelta(days=6), regions=("national",))
    env.schedule(at=datetime(2031, 4, 1, 9, 0, tzinfo=BEIJING), regions=("national",))
    env.api.close()


# --- audience and sending


def test_only_subscribed_followers_of_the_region_receive_it(env: Env) -> None:
    env.follower("o-anqing", "anqing")
    env.follower("o-daguan", "anqing-daguan")  # a district of Anqing
    env.follower("o-optout", "anqing", subscribed=False)
    env.follower("o-dalian", "dalian")
    env.follower("o-nowhere")
    sends = env.fire_next(env.schedule(regions=("anqing",)))
    assert [s.status for s in sends] == ["sent"]
    env.wait_delivered("o-anqing")
    env.wait_delivered("o-daguan")
    assert env.mass("o-anqing") == env.mass("o-daguan") == [sends[0].text]
    assert "留在安庆市过年的朋友" in (sends[0].text or "")
    assert env.mass("o-optout") == env.mass("o-dalian") == env.mass("o-nowhere") == []

    # Everyone: all who have not opted out, wherever they are (the next day: one a day).
    env.clock.advance(86400)
    everyone = env.fire_next(env.schedule(regions=("national",), title="全国通知"))
    assert [s.status for s in everyone] == ["sent"]
    for openid, n in (("o-anqing", 2), ("o-daguan", 2), ("o-dalian", 1), ("o-nowhere", 1)):
        env.wait_delivered(openid, n)
    assert env.mass("o-optout") == []


def test_opting_out_a_minute_before_the_send_is_respected(env: Env) -> None:
    env.follower("o-1", "dalian")
    env.follower("o-2", "dalian")
    env.b.tags.sync()  # both are in the Dalian tag now
    broadcast = env.schedule(regions=("dalian",))
    user = env.store.user("o-2")
    user.subscribed = False  # 退订 through the webhook: SQLite only
    env.store.save_user(user)
    env.fire_next(broadcast)
    env.wait_delivered("o-1")
    assert env.mass("o-2") == []


def test_several_regions_are_one_send_each_with_their_own_text(tmp_path: Path, emu: RunningEmulator) -> None:
    env = make_env(tmp_path, emu, account_type="service")
    env.follower("o-a", "anqing")
    env.follower("o-d", "dalian")
    sends = env.fire_next(env.schedule(regions=("dalian", "anqing")))
    assert sorted(s.region for s in sends) == ["anqing", "dalian"]
    assert len({s.clientmsgid for s in sends}) == 2
    env.wait_delivered("o-a")
    env.wait_delivered("o-d")
    assert "安庆市" in env.mass("o-a")[0] and "大连市" in env.mass("o-d")[0]
    env.api.close()


def test_a_region_nobody_lives_in_is_skipped_without_using_quota(env: Env) -> None:
    env.follower("o-1", "dalian")
    sends = env.fire_next(env.schedule(regions=("heilongjiang",)))
    assert [s.status for s in sends] == ["skipped"]
    assert env.emulator.state.count(SENDALL) == 0


def test_firing_twice_or_early_sends_once(env: Env) -> None:
    env.follower("o-1", "anqing")
    broadcast = env.schedule(regions=("anqing",))
    occurrence = broadcast.sends[0].occurrence
    assert env.b.fire(broadcast.id, occurrence) == []  # five minutes early: nothing
    env.clock.now = broadcast.sends[0].due
    first = env.b.fire(broadcast.id, occurrence)
    again = env.b.fire(broadcast.id, occurrence)
    assert [s.status for s in first] == ["sent"] and again == []
    env.wait_delivered("o-1")
    assert env.emulator.state.count(SENDALL) == 1


def test_two_senders_racing_for_one_broadcast_send_it_once(env: Env) -> None:
    env.follower("o-1", "anqing")
    broadcast = env.schedule(regions=("anqing",))
    env.clock.now = broadcast.sends[0].due
    other = env.restart()
    start = threading.Barrier(2)
    results: list[list[Send]] = []

    def run(b: Broadcasts) -> None:
        start.wait(5)
        results.append(b.fire(broadcast.id, broadcast.sends[0].occurrence))

    threads = [threading.Thread(target=run, args=(b,)) for b in (env.b, other)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert sorted(len(r) for r in results) == [0, 1]
    env.wait_delivered("o-1")
    assert env.emulator.state.count(SENDALL) == 1 and len(env.mass("o-1")) == 1


def test_a_crash_after_wechat_accepted_does_not_send_twice(env: Env) -> None:
    env.follower("o-1", "anqing")
    env.follower("o-2", "anqing")
    broadcast = env.schedule(regions=("anqing",))

    def crash(send: Send) -> None:
        raise Crash("killed between WeChat's answer and our record")

    env.b = env.restart(after_accept=crash)
    with pytest.raises(Crash):
        env.fire_next(broadcast)
    env.wait_delivered("o-1")
    stuck = env.b.get(broadcast.id)
    assert stuck is not None and stuck.sends[0].status == "sending" and stuck.sends[0].msg_id is None

    restarted = env.restart()
    recovered = restarted.recover()
    assert [s.status for s in recovered] == ["sent"]
    assert recovered[0].msg_id is not None and "没有重复发送" in recovered[0].note
    assert env.emulator.state.count(SENDALL) == 2  # the retry reached WeChat, which answered 45065
    with env.emulator.state.lock:
        assert len(env.emulator.state.mass_jobs) == 1
        assert recovered[0].msg_id in env.emulator.state.mass_jobs
    assert len(env.mass("o-1")) == len(env.mass("o-2")) == 1


def test_a_crash_before_wechat_answered_is_sent_on_recovery(env: Env) -> None:
    env.follower("o-1", "anqing")
    broadcast = env.schedule(regions=("anqing",))
    env.clock.now = broadcast.sends[0].due
    claimed = env.b.sender._claim(broadcast.id, broadcast.sends[0].occurrence)  # then the process died
    assert [s.status for s in claimed] == ["sending"]
    assert [s.status for s in env.restart().recover()] == ["sent"]
    env.wait_delivered("o-1")
    assert len(env.mass("o-1")) == 1


def test_an_interrupted_send_older_than_the_grace_window_is_reported_not_sent(env: Env) -> None:
    env.follower("o-1", "anqing")
    broadcast = env.schedule(regions=("anqing",))
    env.clock.now = broadcast.sends[0].due
    env.b.sender._claim(broadcast.id, broadcast.sends[0].occurrence)
    env.clock.advance(env.b.grace + 60)
    [send] = env.restart().recover()
    assert send.status == "failed" and "超过补发时限" in send.error
    assert env.emulator.state.count(SENDALL) == 0


def test_missed_beyond_the_grace_window_and_sent_late_within_it(env: Env) -> None:
    env.follower("o-1", "anqing")
    late = env.schedule(regions=("anqing",), title="晚一点也要发")
    env.clock.now = late.sends[0].due + env.b.grace - 60  # the server was down, back within grace
    assert env.b.expire() == []
    assert [s.status for s in env.b.fire(late.id, late.sends[0].occurrence)] == ["sent"]

    env.clock.advance(86400)
    missed = env.schedule(regions=("anqing",), title="错过了")
    env.clock.now = missed.sends[0].due + env.b.grace + 1
    assert env.b.fire(missed.id, missed.sends[0].occurrence) == []
    [gone] = env.b.expire()
    assert gone.status == "missed" and "补发时限" in gone.error
    assert audit.recent(env.store, 5, target=f"broadcast:{missed.id}", action="broadcast_missed")


def test_token_expiring_mid_run_costs_one_refresh(tmp_path: Path, emu: RunningEmulator) -> None:
    env = make_env(tmp_path, emu, account_type="service")
    for i, region in enumerate(("anqing", "dalian", "heilongjiang")):
        env.follower(f"o-{i}", region)
    broadcast = env.schedule(regions=("anqing", "dalian", "heilongjiang"))
    env.b.tags.sync()
    tokens_before = emu.state.count("token")
    assert tokens_before == 1
    expired = []

    def expire_after_first(send: Send) -> None:
        if not expired:
            emu.state.expire_tokens()
            expired.append(send)

    env.clock.now = broadcast.sends[0].due
    sends = env.b.fire(broadcast.id, broadcast.sends[0].occurrence, on_send=expire_after_first)
    assert [s.status for s in sends] == ["sent"] * 3
    assert emu.state.count("token") == tokens_before + 1
    env.api.close()


def test_wechat_refusal_is_recorded_and_a_retry_is_safe(env: Env) -> None:
    env.follower("o-1", "anqing")
    broadcast = env.schedule(regions=("anqing",))
    env.emulator.state.inject_fault(SENDALL, errcode=45028)
    [failed] = env.fire_next(broadcast)
    assert failed.status == "failed" and "45028" in failed.error and "群发次数已用完" in failed.error
    occurrence = env.b.prepone(broadcast.id, "干部甲")
    [sent] = env.b.fire(broadcast.id, occurrence, actor="干部甲")
    assert sent.status == "sent"
    env.wait_delivered("o-1")
    assert len(env.mass("o-1")) == 1


def test_days_of_a_daily_series_resent_on_one_day_keep_their_own_date(
    tmp_path: Path, emu: RunningEmulator
) -> None:
    env = make_env(tmp_path, emu, account_type="service")
    env.follower("o-1", "dalian")
    first = (beijing(env.clock()) + timedelta(days=1)).date()
    draft = Draft(
        "notice",
        "每日提醒",
        "{region_name}：{date}",
        ("dalian",),
        Schedule.every_day("09:00", first, first + timedelta(days=1)),
    )
    broadcast = env.b.create(draft, "干部甲")
    env.b.tags.sync()
    env.emulator.state.inject_fault(SENDALL, errcode=45028, times=2)
    assert [s.status for s in env.fire_next(broadcast)] == ["failed"]
    assert [s.status for s in env.fire_next(broadcast)] == ["failed"]
    env.clock.advance(86400)
    texts = []
    for _ in range(2):  # 「立即发送」 twice on the same day: each day's text, each once
        occurrence = env.b.prepone(broadcast.id, "干部甲")
        [sent] = env.b.fire(broadcast.id, occurrence, actor="干部甲")
        assert sent.status == "sent"
        texts.append(sent.text)
    env.wait_delivered("o-1", 2)
    assert sorted(env.mass("o-1")) == sorted(texts)
    days = [cn_date(first), cn_date(first + timedelta(days=1))]
    assert [t.endswith(day) for t, day in zip(texts, days, strict=True)] == [True, True], texts
    env.api.close()


# --- editing and cancelling


def test_edit_and_cancel_until_sending_starts_all_audited(env: Env) -> None:
    env.follower("o-1", "anqing")
    broadcast = env.schedule(regions=("anqing",))
    edited = env.b.edit(broadcast.id, env.draft(title="改过的标题"), "干部乙")
    assert edited.title == "改过的标题"
    later = beijing(env.clock()) + timedelta(hours=2)
    moved = env.b.edit(broadcast.id, env.draft(title="改过的标题", at=later), "干部乙")
    assert moved.next_due == later.timestamp()
    env.fire_next(moved)
    with pytest.raises(PlanError, match="不能再修改"):
        env.b.edit(broadcast.id, env.draft(title="太晚了"), "干部乙")
    with pytest.raises(PlanError, match="没有待发送的内容可以取消"):
        env.b.cancel(broadcast.id, "干部乙")
    env.wait_delivered("o-1")
    assert env.mass("o-1")[0].startswith("【改过的标题】")

    cancelled = env.schedule(regions=("anqing",), at=beijing(env.clock()) + timedelta(days=1))
    assert env.b.cancel(cancelled.id, "干部丙") == 1
    assert env.b.get(cancelled.id).status == "cancelled"  # type: ignore[union-attr]
    assert env.b.fire(cancelled.id, cancelled.sends[0].occurrence) == []

    actions = [(a["actor"], a["action"]) for a in reversed(audit.recent(env.store, 50))]
    assert ("干部甲", "broadcast_schedule") in actions
    assert actions.count(("干部乙", "broadcast_edit")) == 2
    assert ("scheduler", "broadcast_send") in actions
    assert ("干部丙", "broadcast_cancel") in actions


def test_a_recurring_series_sends_each_day_and_keeps_text_edits_for_the_rest(env: Env) -> None:
    env.follower("o-1", "dalian")
    today = beijing(env.clock()).date()
    draft = Draft(
        "notice",
        "每日提醒",
        "第一版",
        ("dalian",),
        Schedule.every_day("09:00", today + timedelta(1), today + timedelta(3)),
    )
    series = env.b.create(draft, "干部甲")
    assert len(series.sends) == 3
    env.fire_next(series)
    env.wait_delivered("o-1")
    with pytest.raises(PlanError, match="只能修改标题和正文"):
        env.b.edit(series.id, Draft("notice", "每日提醒", "第一版", ("anqing",), draft.schedule), "干部甲")
    env.b.edit(series.id, Draft("notice", "每日提醒", "第二版", ("dalian",), draft.schedule), "干部甲")
    env.fire_next(series)
    env.wait_delivered("o-1", 2)
    assert [t.split("\n")[1] for t in env.mass("o-1")] == ["第一版", "第二版"]
    assert env.b.cancel(series.id, "干部甲") == 1
    counts = env.b.get(series.id).counts  # type: ignore[union-attr]
    assert counts == {"sent": 2, "cancelled": 1}


# --- preview and results


def test_preview_goes_to_test_openids_only(tmp_path: Path, emu: RunningEmulator) -> None:
    env = make_env(tmp_path, emu, preview_openids=["o-tester"])
    env.follower("o-tester")
    env.follower("o-worker", "anqing")
    assert env.b.preview(env.draft(), "干部甲") == 1
    with emu.state.lock:
        got = emu.state.inbox["o-tester"]
        assert [m["type"] for m in got] == ["preview"] and "安庆市" in got[0]["text"]
        assert emu.state.inbox.get("o-worker", []) == []
    assert emu.state.count(SENDALL) == 0
    with pytest.raises(PlanError, match="preview_openids"):
        make_env(tmp_path / "x", emu).b.preview(env.draft(), "干部甲")
    env.api.close()


def test_results_arrive_through_the_webhook(tmp_path: Path, emu: RunningEmulator) -> None:
    settings = make_settings(tmp_path, wechat=emu.section())
    services = build(settings)
    with serve_in_thread(create_app(settings, services)) as url:
        emu.state.webhook_url = url + settings.server.webhook_path
        b = services.broadcasts
        for openid in ("o-1", "o-2", "o-3"):
            services.store.save_user(User(openid, region="dalian"))
            emu.state.add_follower(openid)
        emu.state.add_follower("o-3", subscribed=False)  # left WeChat's side, not yet ours
        broadcast = b.create(
            Draft("letter", "慰问信", "新年好", ("dalian",), Schedule.once(beijing(time.time()))), "干部甲"
        )
        [send] = b.fire(broadcast.id, broadcast.sends[0].occurrence)
        assert send.status == "sent" and send.msg_id
        assert emu.state.wait_for(lambda: any(d["status"] == 200 for d in emu.state.deliveries), 10)
        result = b.get(broadcast.id).sends[0]  # type: ignore[union-attr]
        assert (
            result.finish_status,
            result.total,
            result.filter_count,
            result.sent_count,
            result.error_count,
        ) == (
            "send success",
            3,
            2,
            2,
            0,
        )
    services.wechat_api().close()


def test_recurring_schedule_validation(env: Env) -> None:
    today = beijing(env.clock()).date()
    with pytest.raises(PlanError, match="结束日期不能早于开始日期"):
        env.b.create(
            Draft("notice", "t", "b", ("anqing",), Schedule.every_day("09:00", today + timedelta(3), today)),
            "x",
        )
    with pytest.raises(PlanError, match="每天的时间"):
        Schedule.every_day("25:00", today, today)
    with pytest.raises(PlanError, match="最多安排 120 天"):
        env.b.create(
            Draft(
                "notice",
                "t",
                "b",
                ("anqing",),
                Schedule.every_day("09:00", date(2031, 1, 1), date(2031, 12, 31)),
            ),
            "x",
        )


# --- the command line and the menu


def _config(tmp_path: Path, emu: RunningEmulator | str, db: str = "cli.db") -> Path:
    """A config for commands: the emulator's API (or the URL given), a database in ``tmp_path``."""
    url = emu if isinstance(emu, str) else emu.url
    path = tmp_path / "config.toml"
    path.write_text(
        f"""
[wechat]
token = "{PUSH_TOKEN}"
app_id = "{APP_ID}"
app_secret = "{APP_SECRET}"
encoding_aes_key = "{AES_KEY}"
api_base_url = "{url}/cgi-bin/"

[storage]
database = "{tmp_path / db}"
""",
        encoding="utf-8",
    )
    return path


def test_cli_new_list_show_send_now_and_cancel(tmp_path: Path, emu: RunningEmulator) -> None:
    from click.testing import CliRunner

    from bot.cli.broadcasts import broadcast

    config = str(_config(tmp_path, emu))
    store = Store(tmp_path / "cli.db")
    store.save_user(User("o-1", region="dalian"))
    emu.state.add_follower("o-1")
    runner = CliRunner()

    def run(*args: str) -> Any:
        return runner.invoke(broadcast, [*args, "--config", config], catch_exceptions=False)

    letter = ("new", "--template", "dalian/letter-1", "--at", "2031-01-25 09:00", "--sender", "大连市人社局")
    stale = run(*letter)  # the campaign ended years before: not without an explicit yes
    assert stale.exit_code == 1 and "活动期" in stale.output and "--confirm stale" in stale.output
    assert "#1" not in run("list").output
    made = run(*letter, "--confirm", "stale")
    assert made.exit_code == 0, made.output
    assert "已安排：#1" in made.output and "大连" in made.output
    refused = run("new", "--template", "national/notice-1", "--at", "2031-01-25 15:00")
    assert refused.exit_code == 1 and "订阅号每天只能群发 1 次" in refused.output
    assert "#1" in run("list").output
    sent = run("send-now", "1")
    assert sent.exit_code == 0, sent.output
    assert "群发中" in sent.output and "已发出" in sent.output
    assert emu.state.wait_for(lambda: len(emu.state.inbox.get("o-1", [])) == 1, 10)
    received = emu.state.inbox["o-1"][0]["text"]
    assert "大连市" in received and "{" not in received
    shown = run("show", "1")
    assert "已发出" in shown.output and "msg_id" in shown.output
    assert run("cancel", "1").exit_code == 1  # nothing left to cancel
    actions = {(a["actor"].split(":")[0], a["action"]) for a in audit.recent(store, 20)}
    assert {
        ("cli", "broadcast_schedule"),
        ("cli", "broadcast_send_now"),
        ("cli", "broadcast_send"),
    } <= actions


def test_menu_push_reaches_wechat_and_keys_are_intents(tmp_path: Path, emu: RunningEmulator) -> None:
    from click.testing import CliRunner

    from bot.cli.wechat import menu_group
    from bot.dialogue.menu import build_menu
    from bot.errors import ContentError

    result = CliRunner().invoke(menu_group, ["push", "--config", str(_config(tmp_path, emu))])
    assert result.exit_code == 0, result.output
    menu = emu.state.menu
    assert menu is not None and [b["name"] for b in menu["button"]] == ["问政策", "过年·找活", "帮助"]
    keys = {leaf.get("key") for b in menu["button"] for leaf in b["sub_button"]}
    assert {"wage_arrears", "menu", "hotline"} <= keys
    with pytest.raises(ContentError, match="not an intent"):
        build_menu({"button": [{"name": "坏", "key": "no_such_intent"}]})
    with pytest.raises(ContentError, match="1–16 bytes"):
        build_menu({"button": [{"name": "一二三四五六", "key": "menu"}]})


def _delete_tag_in_the_admin(emulator: RunningEmulator, name: str) -> None:
    """What an editor deleting the tag in the 公众号 admin does: the tag and its members are gone."""
    with emulator.state.lock:
        [tag_id] = [i for i, n in emulator.state.tags.items() if n == name]
        del emulator.state.tags[tag_id]
        for follower in emulator.state.followers.values():
            follower.tags.discard(tag_id)


def test_a_region_tag_deleted_in_the_admin_is_made_again_and_the_resend_reaches_everyone(env: Env) -> None:
    env.follower("o-1", "dalian")
    env.follower("o-2", "dalian")
    env.b.tags.sync()
    _delete_tag_in_the_admin(env.emulator, "留工·大连")
    broadcast = env.schedule(regions=("dalian",))
    [failed] = env.fire_next(broadcast)  # nothing was dirty, so only the send finds out
    assert failed.status == "failed" and "45159" in failed.error and "删掉" in failed.error
    assert env.b.tags.pending() == 2  # both carried the lost tag: they are re-tagged next sync
    occurrence = env.b.prepone(broadcast.id, "干部甲")
    [sent] = env.b.fire(broadcast.id, occurrence, actor="干部甲")
    assert sent.status == "sent"
    for openid in ("o-1", "o-2"):
        env.wait_delivered(openid)
        assert len(env.mass(openid)) == 1


def test_a_tag_deleted_in_the_admin_fails_one_sync_then_heals(env: Env) -> None:
    env.follower("o-1", "dalian")
    env.b.tags.sync()
    _delete_tag_in_the_admin(env.emulator, "留工·大连")
    env.follower("o-2", "dalian")  # a new follower: the next sync tags into the lost tag
    with pytest.raises(WeChatError) as refused:
        env.b.tags.sync()
    assert refused.value.errcode == 45159
    env.b.tags.sync()
    with env.emulator.state.lock:
        names = {
            openid: {env.emulator.state.tags[t] for t in env.emulator.state.followers[openid].tags}
            for openid in ("o-1", "o-2")
        }
    assert names["o-1"] == names["o-2"] == {"留工·大连", "留工·全国"}


# --- issue 12: broadcasts that cannot go stale or astray


def test_busy_wechat_is_retried_later_in_the_window_with_the_same_clientmsgid(env: Env) -> None:
    env.follower("o-1", "anqing")
    broadcast = env.schedule(regions=("anqing",))
    env.emulator.state.inject_fault(SENDALL, errcode=-1, times=3)  # every attempt of the first try
    [waiting] = env.fire_next(broadcast)
    assert waiting.status == "retrying" and waiting.retry_at is not None
    assert "-1" in waiting.error and "第 1 次自动重试" in waiting.note
    assert env.b.get(broadcast.id).status == "retrying"  # type: ignore[union-attr]
    [(bid, occurrence, when)] = env.b.pending()  # the scheduler arms it again, for the retry time
    assert (bid, when) == (broadcast.id, waiting.retry_at)
    assert env.b.fire(bid, occurrence) == []  # not before its time
    env.emulator.state.inject_fault(SENDALL, errcode=45066)  # "retried too fast": also transient
    env.clock.now = waiting.retry_at
    [again] = env.b.fire(bid, occurrence)
    assert again.status == "retrying" and again.retries == 2 and again.retry_at > waiting.retry_at  # type: ignore[operator]
    env.clock.now = again.retry_at or 0
    [sent] = env.b.fire(bid, occurrence)
    assert sent.status == "sent" and sent.clientmsgid == waiting.clientmsgid and sent.text == waiting.text
    env.wait_delivered("o-1")
    assert len(env.mass("o-1")) == 1
    with env.emulator.state.lock:
        assert [j.clientmsgid for j in env.emulator.state.mass_jobs.values()] == [waiting.clientmsgid]
    actions = [a["action"] for a in audit.recent(env.store, 20, target=f"broadcast:{broadcast.id}")]
    assert actions.count("broadcast_retry") == 2 and "broadcast_send" in actions


def test_busy_wechat_through_the_whole_window_ends_failed_with_the_reason(env: Env) -> None:
    env.follower("o-1", "anqing")
    broadcast = env.schedule(regions=("anqing",))
    env.emulator.state.inject_fault(SENDALL, errcode=-1, times=1000)
    [send] = env.fire_next(broadcast)
    tries = 1
    while send.status == "retrying":
        env.clock.now = send.retry_at or 0
        [send] = env.b.fire(broadcast.id, send.occurrence)
        tries += 1
    assert send.status == "failed" and "微信错误码 -1" in send.error and "到补发时限仍未成功" in send.error
    assert send.sent is None and env.clock() <= send.due + env.b.grace
    assert 3 <= tries <= 8  # backoff: a handful of tries in two hours, not one a minute
    assert env.b.pending() == []


def test_a_retry_the_scheduler_never_ran_is_closed_by_expire(env: Env) -> None:
    env.follower("o-1", "anqing")
    broadcast = env.schedule(regions=("anqing",))
    env.emulator.state.inject_fault(SENDALL, errcode=45009, times=3)
    [send] = env.fire_next(broadcast)
    assert send.status == "retrying"
    env.clock.advance(env.b.grace + 60)  # the scheduler was down until past the window
    [closed] = env.b.expire()
    assert closed.status == "failed" and "45009" in closed.error and "补发时限" in closed.error


def test_send_now_on_a_waiting_retry_sends_it_now(env: Env) -> None:
    env.follower("o-1", "anqing")
    broadcast = env.schedule(regions=("anqing",))
    env.emulator.state.inject_fault(SENDALL, errcode=-1, times=3)
    [send] = env.fire_next(broadcast)
    assert send.status == "retrying"
    occurrence = env.b.prepone(broadcast.id, "干部甲")
    [sent] = env.b.fire(broadcast.id, occurrence, "干部甲")
    assert sent.status == "sent" and sent.clientmsgid == send.clientmsgid


def test_sender_fills_the_signature_and_is_required_when_used(env: Env) -> None:
    env.follower("o-1", "dalian")
    body = "大连的朋友：新年好！\n{sender}\n{date}"
    with pytest.raises(PlanError, match="发件单位"):
        env.schedule(regions=("dalian",), body=body)
    draft = env.draft(regions=("dalian",), body=body)
    made = env.b.create(Draft(**{**draft.__dict__, "sender": " 大连市人力资源和社会保障局 "}), "干部甲")
    assert made.sender == "大连市人力资源和社会保障局"
    assert env.b.preview_text(made.draft).endswith(
        f"大连市人力资源和社会保障局\n{cn_date(made.schedule.at.date())}"
    )  # type: ignore[union-attr]
    [sent] = env.fire_next(made)
    env.wait_delivered("o-1")
    assert env.mass("o-1") == [sent.text] and "大连市人力资源和社会保障局\n" in (sent.text or "")


def test_past_dated_duplicate_and_foreign_templates_need_confirmation(env: Env) -> None:
    letter = env.b.template("dalian/letter-1")
    assert letter is not None and letter.valid_until is not None
    when = beijing(env.clock()) + timedelta(days=1)

    def draft(region: str, at: datetime) -> Draft:
        return Draft(
            "letter",
            letter.title,
            letter.body,
            (region,),
            Schedule.once(at),
            "dalian/letter-1",
            "大连市人社局",
        )

    with pytest.raises(PlanError) as refused:
        env.b.create(draft("dalian", when), "干部甲")
    assert [c.code for c in refused.value.cautions] == ["stale"]
    assert env.b.recent() == []
    first = env.b.create(draft("dalian", when), "干部甲", confirm={"stale": "确认照发"})
    trail = audit.recent(env.store, 5, target=f"broadcast:{first.id}")
    assert "已确认：活动期已过" in trail[0]["detail"]

    # Three days later to Dalian again: a duplicate; to Heilongjiang: Dalian's letter elsewhere.
    with pytest.raises(PlanError) as again:
        env.b.create(draft("dalian", when + timedelta(days=3)), "干部甲", confirm={"stale": "确认照发"})
    assert [c.code for c in again.value.cautions] == ["stale", "duplicate"]
    assert any(f"#{first.id}" in p for p in again.value.problems)
    with pytest.raises(PlanError) as astray:
        env.b.create(draft("heilongjiang", when + timedelta(days=4)), "干部甲", confirm={"stale": "确认照发"})
    assert [c.code for c in astray.value.cautions] == ["stale", "region"]
    assert any("写给大连的" in p and "发给黑龙江" in p for p in astray.value.problems)
    yes = {"stale": "确认照发", "duplicate": "1", "region": "1"}
    env.b.create(draft("dalian", when + timedelta(days=3)), "干部甲", confirm=yes)
    env.b.create(draft("heilongjiang", when + timedelta(days=4)), "干部甲", confirm=yes)
    assert len(env.b.recent()) == 3


# --- the broadcast CLI, scripted


def _cli(tmp_path: Path, emu: RunningEmulator) -> Any:
    from click.testing import CliRunner

    from bot.cli.broadcasts import broadcast

    config = str(_config(tmp_path, emu))
    runner = CliRunner()

    def run(*args: str) -> Any:
        return runner.invoke(broadcast, [*args, "--config", config], catch_exceptions=False)

    return run


def _soon(minutes: int = 2) -> str:
    return (beijing(time.time()) + timedelta(minutes=minutes)).strftime("%Y-%m-%d %H:%M")


def test_cli_list_and_show_speak_json(tmp_path: Path, emu: RunningEmulator) -> None:
    import json

    run = _cli(tmp_path, emu)
    body = tmp_path / "body.txt"
    body.write_text("{region_name}的朋友：新年好！\n{sender}\n{date}", encoding="utf-8")
    made = run("new", "--kind", "notice", "--title", "问候", "--body-file", str(body), "--region", "dalian",
               "--at", "2031-01-25 09:00", "--sender", "大连市人社局")  # fmt: skip
    assert made.exit_code == 0, made.output
    listed = json.loads(run("list", "--json").output)
    assert listed["scheduler"] is None
    [item] = listed["broadcasts"]
    assert (item["id"], item["status"], item["regions"], item["sender"]) == (
        1,
        "scheduled",
        ["dalian"],
        "大连市人社局",
    )
    assert item["schedule"]["at"] == "2031-01-25T09:00:00+08:00" and item["counts"] == {"scheduled": 1}
    shown = json.loads(run("show", "1", "--json").output)
    [send] = shown["sends"]
    assert (
        send["status"] == "scheduled" and send["due"] == "2031-01-25T09:00:00+08:00" and send["clientmsgid"]
    )
    assert shown["text"].startswith("【问候】\n大连市的朋友") and shown["text"].endswith(
        "大连市人社局\n2031年1月25日"
    )
    assert run("show", "9", "--json").exit_code == 1


def test_cli_send_now_exit_status_tells_a_script_what_happened(tmp_path: Path, emu: RunningEmulator) -> None:
    run = _cli(tmp_path, emu)
    store = Store(tmp_path / "cli.db")
    store.save_user(User("o-1", region="dalian"))
    emu.state.add_follower("o-1")

    def new(region: str, minutes: int) -> None:
        made = run("new", "--template", "national/notice-1", "--region", region, "--at", _soon(minutes),
                   "--sender", "人社部门", "--confirm", "stale")  # fmt: skip
        assert made.exit_code == 0, made.output

    new("heilongjiang", 2)  # nobody follows from Heilongjiang: skipped, and that is no error
    nobody = run("send-now", "1")
    assert nobody.exit_code == 0 and "无人可发" in nobody.output
    run("cancel", "1")
    new("dalian", 3)
    emu.state.inject_fault(SENDALL, errcode=-1, times=3)  # WeChat busy on every attempt: retry later
    busy = run("send-now", "2")
    assert busy.exit_code == 75 and "等待重试" in busy.output and "自动重试" in busy.output
    emu.state.inject_fault(SENDALL, errcode=48001)
    refused = run("send-now", "2")  # an official does not wait: now; WeChat refuses for good
    assert refused.exit_code == 1 and "失败" in refused.output and "48001" in refused.output
    sent = run("send-now", "2")
    assert sent.exit_code == 0 and "已发出" in sent.output
    assert run("send-now", "2").exit_code == 1  # nothing left: refused, with the reason
    assert emu.state.wait_for(lambda: len(emu.state.inbox.get("o-1", [])) == 1, 10)


def test_cli_send_now_finishes_a_send_a_dead_scheduler_left_sending(
    tmp_path: Path, emu: RunningEmulator
) -> None:
    run = _cli(tmp_path, emu)
    store = Store(tmp_path / "cli.db")
    store.save_user(User("o-1", region="dalian"))
    emu.state.add_follower("o-1")
    made = run("new", "--template", "dalian/notice-1", "--at", _soon(), "--sender", "大连市人社局",
               "--confirm", "stale")  # fmt: skip
    assert made.exit_code == 0, made.output
    # A scheduler claims the send, then dies before calling WeChat (its lock goes with it).
    api = WeChatAPI(emu.settings(), tmp_path / "cli.db", sleep=lambda s: None)
    dead = Broadcasts(store, load_knowledge(str(ROOT / "content")), lambda: api)
    occurrence = dead.prepone(1, "scheduler")
    [claimed] = dead.sender._claim(1, occurrence)
    assert claimed.status == "sending"
    recovered = run("send-now", "1")
    assert recovered.exit_code == 0, recovered.output
    assert "停在「发送中」" in recovered.output and "已发出" in recovered.output
    assert "已经发完或已取消" not in recovered.output
    assert emu.state.wait_for(lambda: len(emu.state.inbox.get("o-1", [])) == 1, 10)
    api.close()


CLASSIFIER_MODULES = ("jieba", "bot.nlu.classifier", "wechatpy", "apscheduler")


def test_broadcast_show_loads_neither_the_classifier_nor_wechatpy(
    tmp_path: Path, emu: RunningEmulator
) -> None:
    import subprocess
    import sys

    run = _cli(tmp_path, emu)
    assert run("new", "--template", "national/notice-1", "--at", "2031-01-25 09:00", "--confirm", "stale",
               "--sender", "人社部门").exit_code == 0  # fmt: skip
    code = (
        "import sys\n"
        "from bot.cli import main\n"
        f"sys.argv = ['bot', 'broadcast', 'show', '1', '--config', {str(_config(tmp_path, emu))!r}]\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        f"print(sorted(m for m in sys.modules if m.startswith({CLASSIFIER_MODULES!r})), file=sys.stderr)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert "就地过年倡议书" in done.stdout, done.stderr
    assert done.stderr.strip().splitlines()[-1] == "[]"


def test_shipped_templates_carry_full_dates_and_leave_the_signature_to_the_official(env: Env) -> None:
    from bot.broadcasts import planner

    planned = datetime(2031, 1, 25, 9, 0, tzinfo=BEIJING)
    docs = env.b.templates()
    assert len(docs) >= 10
    for doc in docs:
        draft = Draft(doc.kind, doc.title, doc.body, (doc.region,), Schedule.once(planned), "", "某某单位")
        assert planner.text_problems(draft) == [], doc.path
        dated = [w for w in planner.warnings(draft, doc, [planned], "service") if "年份" in w]
        assert dated == [], (doc.path, dated)
        text = env.b.preview_text(draft)
        assert "{" not in text and "今年" not in text, doc.path
        if "{date}" in doc.body:
            assert "2031年1月25日" in text, doc.path  # {date} is the planned date
        if doc.kind == "letter":  # letters are signed by the office the official names
            assert "{sender}" in doc.body and "某某单位" in text, doc.path


# --- the desk: send-now on a send a dead scheduler left 发送中


def test_desk_send_now_on_a_stuck_send_says_what_will_happen(harness: Any) -> None:
    import re

    from bot.staff import accounts

    b = harness.services.broadcasts
    at = beijing(time.time()).replace(microsecond=0) + timedelta(minutes=5)
    item = b.create(
        Draft("notice", "通知", "{region_name}的朋友：过年好", ("dalian",), Schedule.once(at)), "甲"
    )
    occurrence = b.prepone(item.id, "scheduler")
    [claimed] = b.sender._claim(item.id, occurrence)  # … and the scheduler that claimed it died
    assert claimed.status == "sending"

    accounts.add_user(harness.services.store, "zhao", "official", "correct-horse-battery")
    client = harness.app.test_client()

    def csrf(path: str) -> str:
        found = re.search(r'name="csrf_token" value="([^"]+)"', client.get(path).get_data(as_text=True))
        assert found
        return found.group(1)

    login = {"csrf_token": csrf("/desk/login"), "name": "zhao", "password": "correct-horse-battery"}
    assert client.post("/desk/login", data=login).status_code == 302
    page = f"/desk/broadcasts/{item.id}"
    shown = client.get(page).get_data(as_text=True)
    assert "发送中" in shown and 'class="danger"' not in shown  # nothing to cancel or bring forward
    resp = client.post(
        page + "/send-now", data={"csrf_token": csrf(page), "confirm": "1"}, follow_redirects=True
    )
    said = resp.get_data(as_text=True)
    assert "停在「发送中」" in said and "调度器没有在运行" in said and "同一编号重发" in said
    assert "已经发完或已取消" not in said
    assert b.get(item.id).sends[0].status == "sending"  # the desk sends nothing itself


def test_the_emulator_command_serves_the_api_with_its_followers(tmp_path: Path) -> None:
    import subprocess
    import sys

    from helpers.server import free_port

    from bot.config import locate

    port = free_port()
    config = _config(tmp_path, f"http://127.0.0.1:{port}", "bot.db")
    command = [sys.executable, "-m", "bot", "emulator", "--config", str(config), "--port", str(port)]
    proc = subprocess.Popen([*command, "--follower", "o-x"], stdout=subprocess.PIPE, text=True, cwd=ROOT)
    try:
        assert proc.stdout is not None
        assert f"http://127.0.0.1:{port}/cgi-bin/" in proc.stdout.readline()  # printed once it listens
        with WeChatAPI(locate(str(config)).wechat, tmp_path / "bot.db", sleep=lambda s: None) as api:
            assert api.user_info("o-x")["openid"] == "o-x"
            with pytest.raises(WeChatError):
                api.user_info("o-stranger")
    finally:
        proc.terminate()
        proc.communicate(timeout=10)  # reaps it and closes its stdout pipe
