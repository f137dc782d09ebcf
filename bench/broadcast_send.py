"""Broadcast send throughput against the WeChat API emulator, over real HTTP on 127.0.0.1.

    .venv/bin/python bench/broadcast_send.py                         # default: 1k, 10k, 50k followers
    .venv/bin/python bench/broadcast_send.py --quick                 # 1k followers, 2 rounds, seconds
    .venv/bin/python bench/broadcast_send.py --sizes 1000,100000 --rounds 5 --churn 0.02 --region anqing

The point being measured: broadcasts go out through WeChat's own mass send by tag
(``message/mass/sendall``), so the bot's cost per broadcast does not grow with the number of
followers reached; it grows with the tag sync, which tags and untags in batches of at most 50
openids (``tags/members/batch(un)tagging``), and only for followers whose region or
subscription changed since the last sync.

What runs, per size N (each on a fresh emulator and a fresh SQLite file in a temp dir):

* the emulator (``bot.wechat.emulator.create_emulator``, subscription account) served by werkzeug's threaded
  server on 127.0.0.1, as tests/emulator_helpers.py does, but in a process of its own (as WeChat is
  another machine: its work — scanning followers for a tag, filling 50,000 inboxes — must not take
  the bot's GIL); the bench talks to that process over a pipe only to set it up and to read its
  state (call counts, inboxes). The bot's real ``WeChatAPI`` client (timeouts, retries, the access
  token shared in SQLite), ``Store``, ``Broadcasts`` and ``TagMirror``, wired as in
  tests/test_broadcasts.py;
* N followers (emulator followers and user rows), spread evenly over every region of ``content/``
  and "no region"; 5 % of them have opted out (退订: they follow, but must receive nothing);
* ``tag sync``: the first ``TagMirror.sync()`` of all N (timed: what a new install or the first
  scheduler poll does);
* then ``--rounds`` rounds, each (in rotating order) of: a broadcast to one region (``--region``,
  default dalian), one to everyone (the national tag), and one to everyone right after ``--churn``
  (default 1 %) of the followers moved region, opted out or back in (so the send's own tag sync has
  work). Each is a real ``Broadcasts.create`` (planner, quota) then ``Broadcasts.fire``, timed from
  the claim to the recorded result: the pre-send tag sync, the audience check, ``sendall``, the
  audit record. The bot's clock is a fake one that moves a day before each broadcast (a
  subscription account has one mass send a day); the emulator keeps real time, with the daily
  quota lifted and a token that does not expire meanwhile.

Reported per size and kind (median of rounds): the wall time of a send, followers reached per
second (intended audience / wall time), the API calls it made (counted by the emulator, by path),
and the baseline: the same number of HTTP round trips of a trivial call (``user/info``, a
dict lookup in the emulator) through the same client, timed right after it — so the ratio says
how much the bot adds on top of the unavoidable round trips. The tag sync's baseline is
measured on at most 1,000 calls and scaled.

Correctness is checked at the end, from the emulator's own state: every intended follower's inbox
holds each broadcast meant for them exactly once, and nobody else's (opted-out followers, other
regions) holds it; every send must be ``sent``. Any failure is printed and the exit status is 1.

Mass delivery to the inboxes runs in the emulator's background thread; the bench waits for it
after each send, untimed. werkzeug's server answers ``Connection: close``, so every API call here
(bot and baseline alike) opens a new TCP connection; WeChat itself keeps HTTPS connections alive.
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import os
import random
import shutil
import statistics
import sys
import tempfile
import threading
import time
from collections import Counter, defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from multiprocessing import get_context
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from werkzeug.serving import WSGIRequestHandler, make_server  # noqa: E402

from bench.sysinfo import busy_seconds, machine, process_seconds  # noqa: E402
from bot.broadcasts.service import Broadcasts, Draft, Schedule, beijing, occurrence_key  # noqa: E402
from bot.config import WeChatSettings  # noqa: E402
from bot.content.knowledge import load_knowledge  # noqa: E402
from bot.ids import NATIONAL  # noqa: E402
from bot.storage.store import Store, User  # noqa: E402
from bot.wechat.api import WeChatAPI  # noqa: E402

APP_ID = "wxbench0000000001"
APP_SECRET = "bench-secret-5d1e8a"
TOKEN_TTL = 10 * 365 * 86400  # one access token for the whole run
OPTED_OUT = 0.05
DAY = 86400.0
BASELINE_CAP = 1000
KINDS = ("region", "all", "churn+all")


class Clock:
    """The bot's fake clock (store, API client, Broadcasts): moved a day before each broadcast."""

    def __init__(self) -> None:
        self.now = time.time()
        self._lock = threading.Lock()

    def __call__(self) -> float:
        with self._lock:
            return self.now

    def advance(self, seconds: float) -> None:
        with self._lock:
            self.now += seconds


# -- the emulator, in a process of its own ------------------------------------------------------------


class QuietHandler(WSGIRequestHandler):
    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        pass  # request lines carry access tokens


def emulator_main(conn: Connection) -> None:
    """The child: serve the emulator on 127.0.0.1 and answer the bench's questions about its state."""
    from bot.wechat.emulator import create_emulator, emulator_state

    # Subscription account, real time; the bot's planner keeps one send per (fake) day on its own.
    app = create_emulator(app_id=APP_ID, app_secret=APP_SECRET, token_ttl=TOKEN_TTL, daily_quota=10**9)
    state = emulator_state(app)
    server = make_server("127.0.0.1", 0, app, threaded=True, request_handler=QuietHandler)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), name="emulator", daemon=True)
    thread.start()
    conn.send(f"http://127.0.0.1:{server.server_port}")
    try:
        while True:
            cmd, arg = conn.recv()
            if cmd == "stop":
                break
            if cmd == "followers":
                for openid in arg:
                    state.add_follower(openid)
                conn.send(len(state.followers))
            elif cmd == "calls":
                with state.lock:
                    conn.send(Counter(state.calls))
            elif cmd == "delivered":  # wait until these mass sends are in the inboxes

                def done(ids: list[int] = arg) -> bool:
                    return all(
                        i in state.mass_jobs and state.mass_jobs[i].status == "SEND_SUCCESS" for i in ids
                    )

                conn.send(state.wait_for(done, 60))
            elif cmd == "inboxes":  # msg_id -> (openid -> times received, texts)
                got: dict[int, tuple[Counter[str], set[str]]] = defaultdict(lambda: (Counter(), set()))
                with state.lock:
                    for openid, messages in state.inbox.items():
                        for m in messages:
                            if m["type"] == "mass":
                                got[m["msg_id"]][0][openid] += 1
                                got[m["msg_id"]][1].add(m["text"])
                conn.send(dict(got))
    finally:
        state.close()
        server.shutdown()
        server.server_close()


class Emulator:
    def __init__(self) -> None:
        self.conn, child = get_context("spawn").Pipe()
        self.proc = get_context("spawn").Process(target=emulator_main, args=(child,), name="emulator")
        self.proc.start()
        if not self.conn.poll(60):
            raise RuntimeError("the emulator process did not start")
        self.url: str = self.conn.recv()

    def ask(self, cmd: str, arg: Any = None) -> Any:
        self.conn.send((cmd, arg))
        return self.conn.recv()

    def close(self) -> None:
        with contextlib.suppress(OSError):
            self.conn.send(("stop", None))
        self.proc.join(10)
        if self.proc.is_alive():
            self.proc.kill()


@contextmanager
def emulator() -> Iterator[Emulator]:
    emu = Emulator()
    try:
        yield emu
    finally:
        emu.close()


# -- the bench ----------------------------------------------------------------------------------------


@dataclass
class Sample:
    kind: str
    audience: int
    calls: Counter[str]
    wall: float  # s
    base: float  # s, the same number of trivial round trips

    @property
    def n_calls(self) -> int:
        return sum(self.calls.values())


@dataclass
class Expected:
    broadcast_id: int
    title: str
    audience: set[str]
    msg_ids: list[int] = field(default_factory=list)


class Bench:
    def __init__(self, n: int, args: argparse.Namespace, tmp: Path) -> None:
        self.n = n
        self.args = args
        self.rng = random.Random(n)
        self.clock = Clock()
        self.tmp = tmp
        self.problems: list[str] = []
        self.expected: list[Expected] = []
        self.opted_out: set[str] = set()
        self.checked = 0
        self.elapsed = self.background = 0.0

    def run(self) -> tuple[Sample, list[Sample]]:
        with emulator() as self.emu:
            # From here on: the emulator process's start-up is not background load.
            busy0, own0, started = busy_seconds(), process_seconds(os.getpid()), time.perf_counter()
            emu0 = process_seconds(self.emu.proc.pid)
            settings = WeChatSettings(
                app_id=APP_ID, app_secret=APP_SECRET, api_base_url=f"{self.emu.url}/cgi-bin/"
            )
            db = self.tmp / f"bot-{self.n}.db"
            self.store = Store(db, clock=self.clock)
            self.api = WeChatAPI(settings, db, clock=self.clock)
            self.knowledge = load_knowledge(str(ROOT / "content"))
            self.b = Broadcasts(self.store, self.knowledge, lambda: self.api, clock=self.clock)
            try:
                self.followers()
                self.api.user_info(self.openids[0])  # the access token, fetched once
                sync = self.initial_sync()
                sends = self.rounds()
                self.verify()
            finally:
                self.api.close()
                self.store.close()
            self.elapsed = time.perf_counter() - started
            own = process_seconds(os.getpid()) - own0 + process_seconds(self.emu.proc.pid) - emu0
            self.background = max(0.0, (busy_seconds() - busy0 - own) / self.elapsed)
        return sync, sends

    # -- set-up -------------------------------------------------------------------------------------

    def followers(self) -> None:
        places: list[str | None] = [r for r in self.knowledge.regions if r != NATIONAL]
        places.append(None)
        self.places = places
        self.openids = [f"bench-f-{i:07d}" for i in range(self.n)]
        with self.store.transaction():
            for i, openid in enumerate(self.openids):
                subscribed = self.rng.random() >= OPTED_OUT
                if not subscribed:
                    self.opted_out.add(openid)
                self.store.save_user(User(openid, region=places[i % len(places)], subscribed=subscribed))
        if self.emu.ask("followers", self.openids) != self.n:
            raise RuntimeError("the emulator did not take the followers")

    def initial_sync(self) -> Sample:
        before = self.calls()
        started = time.perf_counter()
        done = self.b.tags.sync()
        wall = time.perf_counter() - started
        calls = self.calls() - before
        if done.users != self.n or done.refused:
            self.problems.append(f"N={self.n}: initial sync mirrored {done.users}, refused {done.refused}")
        k = sum(calls.values())
        base = self.baseline(min(k, BASELINE_CAP)) * k / min(k, BASELINE_CAP) if k else 0.0
        return Sample("tag sync", self.n, calls, wall, base)

    # -- the sends ----------------------------------------------------------------------------------

    def rounds(self) -> list[Sample]:
        samples = []
        for r in range(self.args.rounds):
            order = KINDS[r % len(KINDS) :] + KINDS[: r % len(KINDS)]
            for kind in order:
                samples.append(self.send(kind))
        return samples

    def churn(self) -> None:
        """Some followers move, opt out or opt back in (as turns of the bot would record it)."""
        k = max(1, round(self.n * self.args.churn))
        with self.store.transaction():
            for openid in self.rng.sample(self.openids, k):
                user = self.store.user(openid)
                if self.rng.random() < 0.2:
                    user.subscribed = not user.subscribed
                    (self.opted_out.add if not user.subscribed else self.opted_out.discard)(openid)
                else:
                    user.region = self.rng.choice([p for p in self.places if p != user.region])
                self.store.save_user(user)

    def send(self, kind: str) -> Sample:
        self.clock.advance(DAY)
        if kind == "churn+all":
            self.churn()
        region = self.args.region if kind == "region" else NATIONAL
        when = beijing(self.clock())
        title = f"压测通知{len(self.expected) + 1}"
        body = "留在{region_name}过年的朋友，有事请拨打{hotline}。{date}"
        broadcast = self.b.create(Draft("notice", title, body, (region,), Schedule.once(when)), actor="bench")
        audience = set(self.b.tags.members(region))
        if audience & self.opted_out:
            self.problems.append(f"N={self.n}: the audience of {title} includes opted-out followers")
        before = self.calls()
        started = time.perf_counter()
        sends = self.b.fire(broadcast.id, occurrence_key(when), actor="bench")
        wall = time.perf_counter() - started
        calls = self.calls() - before
        expected = Expected(broadcast.id, title, audience, [s.msg_id for s in sends if s.msg_id])
        self.expected.append(expected)
        if not sends or any(s.status != "sent" for s in sends):
            self.problems.append(f"N={self.n}: {title}: " + ", ".join(f"{s.status} {s.error}" for s in sends))
        base = self.baseline(sum(calls.values()))
        # WeChat's side (the emulator's delivery thread) finishes before the next timing starts.
        if not self.emu.ask("delivered", expected.msg_ids):
            self.problems.append(f"N={self.n}: {title} not delivered within 60 s")
        return Sample(kind, len(audience), calls, wall, base)

    # -- baseline and bookkeeping ------------------------------------------------------------------

    def baseline(self, k: int) -> float:
        """k round trips of a trivial call (user/info: a dict lookup) through the same client."""
        started = time.perf_counter()
        for i in range(k):
            self.api.user_info(self.openids[i % self.n])
        return time.perf_counter() - started

    def calls(self) -> Counter[str]:
        calls: Counter[str] = self.emu.ask("calls")
        return calls

    def verify(self) -> None:
        """From the emulator's inboxes: each broadcast reached exactly its intended followers, once each."""
        got: dict[int, tuple[Counter[str], set[str]]] = self.emu.ask("inboxes")
        known = set()
        for e in self.expected:
            received: Counter[str] = Counter()
            for msg_id in e.msg_ids:
                known.add(msg_id)
                who, texts = got.get(msg_id, (Counter(), set()))
                received.update(who)
                if any(f"【{e.title}】" not in t for t in texts):
                    self.problems.append(f"N={self.n}: {e.title}: a follower got another text")
            missing = e.audience - set(received)
            extra = set(received) - e.audience
            twice = [o for o, c in received.items() if c > 1]
            if missing or extra or twice:
                self.problems.append(
                    f"N={self.n}: {e.title}: {len(missing)} intended followers missed it, {len(extra)} "
                    f"others got it ({len(extra & self.opted_out)} opted out), {len(twice)} got it twice"
                )
        stray = set(got) - known
        if stray:
            self.problems.append(f"N={self.n}: {len(stray)} mass messages no broadcast of ours sent")
        self.checked = sum(len(e.audience) for e in self.expected)


def med(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def fmt_calls(calls: Counter[str]) -> str:
    short = {
        "/cgi-bin/message/mass/sendall": "sendall",
        "/cgi-bin/tags/members/batchtagging": "tag",
        "/cgi-bin/tags/members/batchuntagging": "untag",
        "/cgi-bin/tags/get": "tags/get",
        "/cgi-bin/tags/create": "tags/create",
        "/cgi-bin/token": "token",
    }
    return " ".join(f"{short.get(p, p)} {c}" for p, c in sorted(calls.items(), key=lambda x: -x[1]) if c)


def report(results: dict[int, tuple[Sample, list[Sample]]], args: argparse.Namespace) -> None:
    print(
        f"\nPer send (median of {args.rounds} rounds; tag sync: once). base: the same number of user/info "
        "round trips, right after"
    )
    head = (
        f"{'followers':>9} {'what':14} {'reached':>8} {'wall ms':>9} {'reached/s':>11} {'calls':>6} "
        f"{'base ms':>8} {'wall/base':>9}  calls by path"
    )
    print(head)
    print("-" * (len(head) + 20))
    per_call: list[float] = []
    for n, (sync, sends) in results.items():
        rows: list[tuple[str, list[Sample]]] = [("tag sync", [sync])]
        labels = {"region": f"send {args.region}", "all": "send all", "churn+all": "churn+send all"}
        rows += [(labels[k], [s for s in sends if s.kind == k]) for k in KINDS]
        for label, samples in rows:
            wall = med([s.wall for s in samples])
            base = med([s.base for s in samples])
            reached = med([s.audience for s in samples])
            n_calls = med([s.n_calls for s in samples])
            per_call += [s.base / s.n_calls for s in samples if s.n_calls]
            typical = min(samples, key=lambda s: abs(s.wall - wall))
            print(
                f"{n:9,d} {label:14} {reached:8,.0f} {wall * 1000:9.1f} {reached / wall:11,.0f} "
                f"{n_calls:6.0f} {base * 1000:8.1f} {wall / base if base else float('nan'):8.1f}x  "
                f"{fmt_calls(typical.calls)}"
            )
    rtt = med(per_call)
    print(
        "reached: followers meant to get it (tag sync: followers mirrored); calls: WeChat API calls the "
        "emulator counted."
    )
    if args.churn:
        print(
            f"churn: {args.churn:.1%} of the followers moved region (80 %) or opted out/in (20 %) "
            "just before the send."
        )
    biggest = max(results)
    print(
        f"A trivial round trip through the client took {rtt * 1e6:.0f} µs (median). One message per "
        f"follower (customer-service sends) would be {biggest:,} calls for {biggest:,} followers: "
        f"~{biggest * rtt:.1f} s of round trips per broadcast, vs 1 sendall."
    )


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="1000,10000,50000", help="follower counts (default 1000,10000,50000)")
    ap.add_argument("--rounds", type=int, default=3, help="rounds of the three sends per size (default 3)")
    ap.add_argument("--region", default="dalian", help="the region of the one-region send (default dalian)")
    ap.add_argument(
        "--churn", type=float, default=0.01, help="share of followers changed before churn+all (default 0.01)"
    )
    ap.add_argument("--tmpdir", help="where the SQLite files go (default: the system temp dir)")
    ap.add_argument("--quick", action="store_true", help="1,000 followers, 2 rounds")
    args = ap.parse_args(argv)
    if args.quick:
        args.sizes, args.rounds = "1000", 2
    args.sizes = [int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()]
    if not args.sizes or min(args.sizes) < 20 or args.rounds < 1:
        ap.error("sizes must be at least 20 followers and rounds at least 1")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    regions = [r for r in load_knowledge(str(ROOT / "content")).regions if r != NATIONAL]
    if args.region not in regions:
        print(f"--region: one of {', '.join(regions)}", file=sys.stderr)
        return 2
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    print("Broadcast send throughput — Broadcasts.fire against the WeChat API emulator (HTTP, 127.0.0.1)")
    print(f"machine: {machine()}")
    print(
        f"sizes:   {', '.join(f'{n:,}' for n in args.sizes)} followers over every region and none, "
        f"{OPTED_OUT:.0%} opted out; {args.rounds} rounds per size\n"
    )
    tmp = Path(tempfile.mkdtemp(prefix="broadcast-send-", dir=args.tmpdir))
    results: dict[int, tuple[Sample, list[Sample]]] = {}
    problems: list[str] = []
    checked, noisy = 0, 0.0
    try:
        for n in args.sizes:
            bench = Bench(n, args, tmp)
            results[n] = bench.run()
            problems += bench.problems
            checked += bench.checked
            sync = results[n][0]
            noisy = max(noisy, bench.background)
            print(
                f"  {n:,} followers: tag sync {sync.wall:.2f} s ({sync.n_calls} calls), "
                f"{len(results[n][1])} sends, {bench.elapsed:.1f} s in all, "
                f"background load {bench.background:.2f} cores",
                flush=True,
            )
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    report(results, args)
    if noisy > 0.1:
        print(
            f"WARNING: other processes kept up to {noisy:.2f} cores busy during a size's run: "
            "the numbers are noisy, run again on a quiet machine."
        )
    if problems:
        print(f"\nPROBLEMS ({len(problems)}):\n  " + "\n  ".join(problems[:20]))
        return 1
    print(
        f"\nchecked: every send 'sent'; each of {checked:,} intended deliveries in the emulator's inboxes "
        "exactly once, nobody else's inbox (opted out, other regions) holds any"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
