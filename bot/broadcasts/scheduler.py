"""The broadcast scheduler: APScheduler in exactly one process, armed from the broadcasts table.

``python -m bot scheduler`` runs it on its own; ``start_in_background(services)`` runs it inside
the web server for the embedded default (``make run``). Either way only the process holding the
leader lock — an ``flock`` on ``<database>.scheduler.lock``, released by the kernel when the
process dies — arms timers and sends. Others wait in standby and take over when it goes away.

Every ``poll_seconds`` the leader re-reads the table: sends past their grace window become
``missed`` and every pending occurrence gets a date job (new, edited, cancelled broadcasts from
the desk or the CLI are picked up this way); a second job mirrors dirty users into region tags
(and every send syncs them first, so an opt-out a minute before a send is honoured). On taking
the lock it first finishes sends a dead leader left in ``sending`` (``Broadcasts.recover``). The
database stays the source of truth: the job store is in memory and rebuilt at every start.

A job that fires twice, or two leaders by some accident, cannot send twice: each occurrence is
claimed by an atomic status change before any WeChat call (see sender.py). Sends WeChat was
busy for come back as ``retrying`` occurrences with a later time and are armed like the rest.
The leader lock itself is in leader.py.
"""

from __future__ import annotations

import atexit
import logging
import os
import signal
import threading
from datetime import datetime
from typing import TYPE_CHECKING

from apscheduler.schedulers.background import BackgroundScheduler

from ..errors import WeChatError
from .leader import LeaderLock as LeaderLock
from .leader import last_seen as last_seen
from .model import BEIJING
from .service import Broadcasts

if TYPE_CHECKING:  # the wiring imports this module
    from ..services import Services

log = logging.getLogger(__name__)

ACTOR = "scheduler"


class Scheduler:
    def __init__(self, broadcasts: Broadcasts, database: str, poll_seconds: float = 30.0) -> None:
        self.broadcasts = broadcasts
        self.store = broadcasts.store
        self.poll_seconds = poll_seconds
        self.lock = LeaderLock(database)
        self.leader = False
        self.ready = threading.Event()  # set once this process leads and has armed its timers
        self.polled = threading.Event()  # set after every poll, leading or standing by
        self._armed: dict[str, float] = {}
        self._aps = BackgroundScheduler(
            timezone=BEIJING,
            job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": None},
        )

    @classmethod
    def for_services(cls, services: Services, poll_seconds: float | None = None) -> Scheduler:
        poll = poll_seconds if poll_seconds is not None else services.settings.broadcasts.poll_seconds
        return cls(services.broadcasts, services.settings.storage.database, poll)

    # -- life cycle --------------------------------------------------------------------------------

    def start(self) -> None:
        self._aps.start()
        now = datetime.now(BEIJING)
        self._aps.add_job(self.poll, "interval", seconds=self.poll_seconds, id="poll", next_run_time=now)
        # Its own job: a slow WeChat delays the tags, never the arming of timers.
        self._aps.add_job(self.sync_tags, "interval", seconds=self.poll_seconds, id="tags", next_run_time=now)

    def shutdown(self, wait: bool = True) -> None:
        if self._aps.running:
            self._aps.shutdown(wait=wait)
        self.lock.release()
        self.leader = False

    # -- the poll --------------------------------------------------------------------------------

    def poll(self) -> None:
        try:
            if not self.leader:
                if not self.lock.acquire():
                    log.debug("scheduler: another process leads; standing by")
                    return
                self.leader = True
                self._heartbeat(started=True)
                log.info("scheduler: leading (pid %d)", os.getpid())
                self.broadcasts.recover(ACTOR)
            self._heartbeat()
            self.broadcasts.expire(ACTOR)
            self.arm()
            self.ready.set()
        except Exception:
            log.exception("scheduler: poll failed")
        finally:
            self.polled.set()

    def sync_tags(self) -> None:
        """Mirror changed regions and opt-outs into WeChat tags (only the leader calls WeChat)."""
        if not self.leader:
            return
        try:
            self.broadcasts.tags.sync(limit=5000)
        except WeChatError as exc:
            log.warning("scheduler: tag sync failed, will retry: %s", exc)
        except Exception:
            log.exception("scheduler: tag sync failed")

    def _heartbeat(self, started: bool = False) -> None:
        now = self.broadcasts.clock()
        with self.store.transaction() as conn:
            if started:
                conn.execute(
                    "INSERT OR REPLACE INTO scheduler_state (name, holder, pid, started, last_poll)"
                    " VALUES ('leader', ?, ?, ?, ?)",
                    (self.broadcasts.instance, os.getpid(), now, now),
                )
            else:
                conn.execute(
                    "UPDATE scheduler_state SET last_poll = ? WHERE name = 'leader' AND holder = ?",
                    (now, self.broadcasts.instance),
                )

    def arm(self) -> None:
        """One date job per pending occurrence; jobs for what is no longer pending are dropped."""
        now = self.broadcasts.clock()
        wanted: dict[str, float] = {}
        for broadcast_id, occurrence, due in self.broadcasts.pending():
            job_id = f"send:{broadcast_id}:{occurrence}"
            wanted[job_id] = due
            if self._armed.get(job_id) == due and self._aps.get_job(job_id) is not None:
                continue
            self._aps.add_job(
                self.fire,
                "date",
                run_date=datetime.fromtimestamp(max(due, now), BEIJING),
                args=[broadcast_id, occurrence],
                id=job_id,
                replace_existing=True,
            )
            self._armed[job_id] = due
        for job_id in set(self._armed) - set(wanted):
            if self._aps.get_job(job_id) is not None:
                self._aps.remove_job(job_id)
            del self._armed[job_id]

    def jobs(self) -> dict[str, datetime]:
        """The armed sends: job id → when it fires."""
        return {job.id: job.next_run_time for job in self._aps.get_jobs() if job.id.startswith("send:")}

    def fire(self, broadcast_id: int, occurrence: str) -> None:
        if not self.lock.held:
            return  # lost the lead (shut down) between arming and firing
        try:
            self.broadcasts.fire(broadcast_id, occurrence, ACTOR)
        except Exception:
            log.exception("scheduler: broadcast #%d %s failed", broadcast_id, occurrence)


def start_in_background(services: Services, poll_seconds: float | None = None) -> Scheduler:
    """Host the scheduler in this process (the web server of ``make run``); stops at exit."""
    scheduler = Scheduler.for_services(services, poll_seconds)
    scheduler.start()
    atexit.register(scheduler.shutdown, False)
    return scheduler


def run_forever(scheduler: Scheduler) -> None:
    """``python -m bot scheduler``: lead or stand by until SIGTERM or Ctrl-C."""
    stop = threading.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: stop.set())
    scheduler.start()
    try:
        stop.wait()
    finally:
        log.info("scheduler: stopping")
        scheduler.shutdown()
