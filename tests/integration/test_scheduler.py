"""The scheduler: one leader, timers armed from SQLite, sends once across restarts, crashes and twins."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import BinaryIO

import pytest
from helpers.emulator import APP_ID, APP_SECRET, PUSH_TOKEN, RunningEmulator, run_emulator
from helpers.harness import AES_KEY, Harness, make_settings
from helpers.paths import ROOT
from test_broadcasts import SENDALL, Env, make_env

from bot.broadcasts.scheduler import LeaderLock, Scheduler, last_seen, start_in_background
from bot.broadcasts.service import Draft, Schedule, Send, beijing


@pytest.fixture
def emu() -> Iterator[RunningEmulator]:
    with run_emulator(daily_quota=100) as running:
        yield running


def on_sent(env: Env) -> threading.Event:
    sent = threading.Event()

    def listen(send: Send) -> None:
        if send.status == "sent":
            sent.set()

    env.b.listeners.append(listen)
    return sent


def wait_until(condition: Callable[[], bool], timeout: float = 20.0, what: str = "condition") -> None:
    """A bounded wait on state another process changes (SQLite, a child's exit)."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.05)


def test_leader_lock_is_exclusive_even_within_one_process(tmp_path: Path) -> None:
    db = str(tmp_path / "bot.db")
    first, second = LeaderLock(db), LeaderLock(db)
    assert first.acquire() and not second.acquire()
    first.release()
    assert second.acquire()
    second.release()


def test_a_broadcast_fires_once_at_its_time(tmp_path: Path, emu: RunningEmulator) -> None:
    env = make_env(tmp_path, emu, clock=time.time)
    env.follower("o-1", "anqing")
    sent = on_sent(env)
    broadcast = env.schedule(regions=("anqing",), at=beijing(time.time() + 0.5))
    scheduler = Scheduler(env.b, str(env.db), poll_seconds=60)
    scheduler.start()
    try:
        assert scheduler.ready.wait(10)
        assert sent.wait(10)
        send = env.b.get(broadcast.id).sends[0]  # type: ignore[union-attr]
        assert send.status == "sent" and send.sent is not None and send.sent >= send.due
        scheduler.poll()  # re-reading the table arms nothing more
        assert scheduler.jobs() == {}
    finally:
        scheduler.shutdown()
    env.wait_delivered("o-1")
    assert emu.state.count(SENDALL) == 1 and len(env.mass("o-1")) == 1


def test_a_restart_before_the_time_still_sends_it_once(tmp_path: Path, emu: RunningEmulator) -> None:
    env = make_env(tmp_path, emu)  # fake clock: the timer is driven, not waited for
    env.follower("o-1", "anqing")
    broadcast = env.schedule(regions=("anqing",), at=beijing(env.clock() + 3600))
    job_id = f"send:{broadcast.id}:{broadcast.sends[0].occurrence}"
    first = Scheduler(env.b, str(env.db), poll_seconds=60)
    first.start()
    assert first.ready.wait(10) and job_id in first.jobs()
    first.shutdown()  # the process stops an hour early

    restarted = env.restart()
    second = Scheduler(restarted, str(env.db), poll_seconds=60)
    second.start()
    try:
        assert second.ready.wait(10)
        assert second.jobs()[job_id].timestamp() == broadcast.sends[0].due  # re-armed from SQLite
        env.clock.now = broadcast.sends[0].due
        second.fire(broadcast.id, broadcast.sends[0].occurrence)  # what its date trigger runs
        second.fire(broadcast.id, broadcast.sends[0].occurrence)
    finally:
        second.shutdown()
    env.wait_delivered("o-1")
    assert emu.state.count(SENDALL) == 1 and len(env.mass("o-1")) == 1


def test_two_schedulers_started_by_mistake_send_once(tmp_path: Path, emu: RunningEmulator) -> None:
    env = make_env(tmp_path, emu, clock=time.time)
    env.follower("o-1", "dalian")
    twin = env.restart()
    sent = threading.Event()
    for each in (env.b, twin):
        each.listeners.append(lambda s: s.status == "sent" and sent.set())
    env.schedule(regions=("dalian",), at=beijing(time.time() + 0.5))
    a = Scheduler(env.b, str(env.db), poll_seconds=60)
    b = Scheduler(twin, str(env.db), poll_seconds=60)
    a.start()
    b.start()
    try:
        assert a.polled.wait(10) and b.polled.wait(10)
        assert a.leader != b.leader
        assert sent.wait(10)
        leader, standby = (a, b) if a.leader else (b, a)
        leader.shutdown()  # the leader goes away: the standby takes over and finds nothing to do
        standby.poll()
        assert standby.leader and standby.ready.is_set() and standby.jobs() == {}
    finally:
        a.shutdown()
        b.shutdown()
    env.wait_delivered("o-1")
    assert emu.state.count(SENDALL) == 1 and len(env.mass("o-1")) == 1


def test_a_restart_after_a_crash_mid_send_finishes_it_without_sending_twice(
    tmp_path: Path, emu: RunningEmulator
) -> None:
    env = make_env(tmp_path, emu)
    env.follower("o-1", "anqing")
    broadcast = env.schedule(regions=("anqing",))
    env.clock.now = broadcast.sends[0].due
    claimed = env.b.sender._claim(broadcast.id, broadcast.sends[0].occurrence)
    send = claimed[0]
    assert send.text is not None
    # The dead process got as far as WeChat accepting the send, and no further.
    tag = env.b.tags
    tag.sync()
    env.api.mass_send_text(send.text, tag_id=tag.tag_ids({"anqing"})["anqing"], clientmsgid=send.clientmsgid)
    env.wait_delivered("o-1")

    scheduler = Scheduler(env.restart(), str(env.db), poll_seconds=60)
    scheduler.start()
    try:
        assert scheduler.ready.wait(10)
    finally:
        scheduler.shutdown()
    after = env.b.get(broadcast.id).sends[0]  # type: ignore[union-attr]
    assert after.status == "sent" and after.msg_id is not None and "没有重复发送" in after.note
    assert len(env.mass("o-1")) == 1
    with emu.state.lock:
        assert len(emu.state.mass_jobs) == 1


def test_a_hanging_wechat_never_blocks_the_webhook(tmp_path: Path, emu: RunningEmulator) -> None:
    settings = make_settings(tmp_path, wechat=emu.section())
    h = Harness(settings)
    b = h.services.broadcasts
    sent = threading.Event()
    b.listeners.append(lambda s: s.status == "sent" and sent.set())
    emu.state.add_follower("o-worker-1")
    assert "大连" in h.say("我在大连")
    emu.state.inject_fault(SENDALL, hang=3.0)
    b.create(Draft("notice", "通知", "正文", ("dalian",), Schedule.once(beijing(time.time()))), "干部甲")
    scheduler = start_in_background(h.services, poll_seconds=60)  # beside the webhook, as in `make run`
    try:
        assert emu.state.wait_for(lambda: emu.state.calls["/cgi-bin/message/mass/sendall"] >= 1, 10)
        started = time.monotonic()
        reply = h.say("欠薪了怎么办")  # while the mass send hangs inside WeChat
        assert time.monotonic() - started < 1.5
        assert reply
        assert sent.wait(20)
    finally:
        scheduler.shutdown()
        h.services.wechat_api().close()


def _scheduler_process(config: Path, log: BinaryIO) -> subprocess.Popen[bytes]:
    code = "from bot.cli.scheduler import scheduler_command; scheduler_command()"
    return subprocess.Popen(
        [sys.executable, "-c", code, "--config", str(config), "--poll", "0.2"],
        cwd=ROOT,
        env=os.environ | {"PYTHONUNBUFFERED": "1"},
        stdout=subprocess.DEVNULL,
        stderr=log,  # the scheduler's log, kept in tmp_path for a failing run
    )


def test_two_scheduler_processes_send_once_and_the_standby_takes_over(tmp_path: Path) -> None:
    with run_emulator(daily_quota=100) as emu:
        env = make_env(tmp_path, emu, clock=time.time)
        config = tmp_path / "config.toml"
        config.write_text(
            f"""
[wechat]
token = "{PUSH_TOKEN}"
app_id = "{APP_ID}"
app_secret = "{APP_SECRET}"
encoding_aes_key = "{AES_KEY}"
api_base_url = "{emu.url}/cgi-bin/"

[storage]
database = "{env.db}"
""",
            encoding="utf-8",
        )
        env.follower("o-1", "heilongjiang")
        broadcast = env.schedule(regions=("heilongjiang",), at=beijing(time.time() + 1))
        logs = ExitStack()
        procs = [
            _scheduler_process(config, logs.enter_context((tmp_path / f"{i}.log").open("wb"))) for i in (1, 2)
        ]
        try:

            def status() -> str:
                with sqlite3.connect(env.db) as db:
                    return str(db.execute("SELECT status FROM broadcast_sends").fetchone()[0])

            wait_until(lambda: status() == "sent", 30, "the send")
            leader = last_seen(env.store)
            assert leader is not None
            first = next(p for p in procs if p.pid == leader.pid)
            first.send_signal(signal.SIGKILL)
            first.wait(10)
            killed_at = time.time()

            def taken_over() -> bool:
                state = last_seen(env.store)
                return state is not None and state.pid != first.pid and state.last_poll > killed_at + 0.5

            wait_until(taken_over, 30, "the standby to take over")
        finally:
            for p in procs:
                if p.poll() is None:
                    p.terminate()
                    p.wait(10)
            logs.close()
        env.wait_delivered("o-1")
        assert emu.state.count(SENDALL) == 1 and len(env.mass("o-1")) == 1
        assert env.b.get(broadcast.id).sends[0].status == "sent"  # type: ignore[union-attr]
        env.api.close()
