"""Complaint-form turn cost: the real ``Bot`` on a real SQLite file, next to one bare SQLite transaction.

    .venv/bin/python bench/turn_cost.py                      # default: 7 rounds x 40 complaint dialogues
    .venv/bin/python bench/turn_cost.py --quick              # 3 rounds x 10 dialogues, a few seconds
    .venv/bin/python bench/turn_cost.py --rounds 9 --dialogues 80 --tmpdir /mnt/disk

What runs: ``bot.app.build()`` on a temporary config whose database is a SQLite file in a new temp
dir (``--tmpdir``, default the system temp dir: put it on the disk you care about, never tmpfs,
where fsync is free). Every dialogue is a new worker (a distinct openid) typing a whole complaint
the way workers do: 「老板欠我工资」 → 「投诉」 → employer → site → amount (「三万五」, 「3.5万」…)
→ months → how many workers → phone → name or 「跳过」 → 「确认」. Every turn is a ``Message`` through
``Bot.respond`` (classification, the turn's write transaction, the complaint flow), exactly what the
webhook calls after parsing a push; the HTTP and XML layers are not part of it (webhook_load.py
measures those). Each reply is checked (the next step asked, the summary, the case number; topic
answers are real answers), and at the end the register must hold exactly one case per dialogue.

Rows (cost of one ``Bot.respond`` call, wall clock):

* ``form``: 「投诉」 and the seven answers — a turn that updates the user's draft;
* ``confirm``: 「确认」, which saves the case and fsyncs the WAL (``Store.make_durable``);
* ``question``: ordinary topic questions answered from ``content/`` (「安庆失业金怎么领」…), asked by
  other workers, and each dialogue's opening 「老板欠我工资」;
* ``baseline``: one bare ``sqlite3`` transaction — BEGIN IMMEDIATE, one INSERT, COMMIT — on a second
  file in the same directory with the Store's PRAGMAs (WAL, synchronous=NORMAL, foreign_keys=ON);
* ``baseline+fsync``: the same, then an fsync of the WAL as ``Store._sync_wal`` does (what a durable
  commit costs at the least; compare ``confirm`` with it).

Everything is interleaved step by step (dialogue turn, question, baseline, durable baseline, in
rotating order), so drift in machine load hits every row alike. Per round each row gets its p50,
p95 and mean; the table shows the median of the rounds, and ratios to the baseline's. ``cpu`` is
the thread's CPU time per call (the rest is waiting: fsync, the disk); ``classify`` is the cost
of ``classifier.classify`` alone on the same texts (timed separately, after the turn). Nothing
is asserted. Phone numbers and names are invented (199… numbers) and never printed or logged.
"""

from __future__ import annotations

import argparse
import logging
import os
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from datetime import date
from functools import partial
from itertools import count
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.sysinfo import busy_seconds, machine, process_seconds  # noqa: E402
from bot.config import from_dict  # noqa: E402
from bot.dialogue.turn import Bot  # noqa: E402
from bot.services import build  # noqa: E402
from bot.wechat.push import Message  # noqa: E402

ACCOUNT = "gh_liugong"
TODAY = date(2021, 2, 1)  # inside the 2021 campaign, as in the tests

EMPLOYERS = (
    "华建劳务公司",
    "宏达装修队的刘老板",
    "新城物业",
    "包工头老陈",
    "顺风电子厂",
    "安居建筑工程有限公司",
)
SITES = (
    "安庆宜秀区一个工地",
    "大连甘井子区的厂里",
    "黄埔开发区仓库",
    "哈尔滨道外区工地",
    "安庆大观区商场装修",
)
AMOUNTS = ("三万五", "3.5万", "两千八", "12000元", "一万二", "8000块", "5千", "3万5千")
PERIODS = ("2020年10月到12月", "3个月", "去年11月到今年1月", "两个月", "半年的")
HEADCOUNTS = ("6", "就我一个", "十二个人", "3", "20个")
NAMES = ("赵大勇", "孙桂芳", "周建国", "吴秀兰", "郑海波", "跳过")  # invented; 跳过 = no name
QUESTIONS = (
    "安庆失业金怎么领",
    "大连过年加班工资咋算",
    "黄埔留岗补贴有多少",
    "过年期间有什么技能培训",
    "找不到工作怎么办",
    "孩子留在老家没人管",
    "黑龙江临时救助怎么申请",
    "请不起律师怎么办",
)
UNANSWERED = "这个问题我还答不上来"

ROWS = ("form", "confirm", "question", "baseline", "baseline+fsync")
BOT_ROWS = ("form", "confirm", "question")


def dialogue(n: int) -> list[tuple[str, str, str]]:
    """Worker n's complaint, turn by turn: (row, text, what the reply must contain)."""
    phone = f"199{n % 10**8:08d}"  # invented: 199 + a counter
    name = NAMES[n % len(NAMES)]
    return [
        ("question", "老板欠我工资", "回复「投诉」"),
        ("form", "投诉", "第1步"),
        ("form", EMPLOYERS[n % len(EMPLOYERS)], "第2步"),
        ("form", SITES[n % len(SITES)], "第3步"),
        ("form", AMOUNTS[n % len(AMOUNTS)], "第4步"),
        ("form", PERIODS[n % len(PERIODS)], "第5步"),
        ("form", HEADCOUNTS[n % len(HEADCOUNTS)], "第6步"),
        ("form", phone, "第7步"),
        ("form", name, "请核对"),
        ("confirm", "确认", "已登记"),
    ]


class Pusher:
    """Builds the Message the webhook would hand to ``Bot.respond`` (fresh MsgId every time)."""

    def __init__(self) -> None:
        self.ids = count(7_000_000_000_000_000_000)

    def text(self, openid: str, content: str) -> Message:
        return Message(
            to_user=ACCOUNT,
            from_user=openid,
            create_time=int(time.time()),
            msg_type="text",
            msg_id=str(next(self.ids)),
            content=content,
        )


class Baseline:
    """One bare SQLite write transaction with the Store's PRAGMAs, on a file next to the bot's."""

    def __init__(self, path: Path) -> None:
        self.path = str(path)
        self.conn = sqlite3.connect(self.path, isolation_level=None)
        self.conn.execute("PRAGMA journal_mode=WAL")
        self.conn.execute("PRAGMA synchronous=NORMAL")
        self.conn.execute("PRAGMA foreign_keys=ON")
        self.conn.execute(
            "CREATE TABLE IF NOT EXISTS t"
            " (id INTEGER PRIMARY KEY, key TEXT NOT NULL, value TEXT, created REAL)"
        )
        self.value = "慰问" * 60
        self.n = 0

    def txn(self, fsync: bool) -> None:
        self.n += 1
        self.conn.execute("BEGIN IMMEDIATE")
        self.conn.execute(
            "INSERT INTO t (key, value, created) VALUES (?, ?, ?)", (f"k:{self.n}", self.value, time.time())
        )
        self.conn.execute("COMMIT")
        if fsync:
            fd = os.open(self.path + "-wal", os.O_RDONLY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)

    def close(self) -> None:
        self.conn.close()


class Tally:
    def __init__(self) -> None:
        self.wall: dict[str, list[float]] = defaultdict(list)  # µs
        self.cpu: dict[str, list[float]] = defaultdict(list)
        self.classify: dict[str, list[float]] = defaultdict(list)


def timed(fn: Callable[[], object]) -> tuple[object, float, float]:
    c0, t0 = time.thread_time_ns(), time.perf_counter_ns()
    out = fn()
    t1, c1 = time.perf_counter_ns(), time.thread_time_ns()
    return out, (t1 - t0) / 1000, (c1 - c0) / 1000


class Run:
    def __init__(self, bot: Bot, baseline: Baseline) -> None:
        self.bot = bot
        self.baseline = baseline
        self.push = Pusher()
        self.workers = count()
        self.problems: list[str] = []

    def turn(self, tally: Tally | None, row: str, openid: str, text: str, expect: str) -> None:
        msg = self.push.text(openid, text)
        reply, wall, cpu = timed(lambda: self.bot.respond(msg))
        if not isinstance(reply, str) or expect not in reply or (row == "question" and UNANSWERED in reply):
            # Never print the text itself: it may be a phone number or a name.
            self.problems.append(f"{row} turn: reply lacks {expect!r}")
        if tally is not None:
            _, c_wall, _ = timed(lambda: self.bot.classifier.classify(text))
            tally.wall[row].append(wall)
            tally.cpu[row].append(cpu)
            tally.classify[row].append(c_wall)

    def base(self, tally: Tally | None, fsync: bool) -> None:
        _, wall, cpu = timed(lambda: self.baseline.txn(fsync))
        if tally is not None:
            row = "baseline+fsync" if fsync else "baseline"
            tally.wall[row].append(wall)
            tally.cpu[row].append(cpu)

    def round(self, r: int, dialogues: int, tally: Tally | None) -> None:
        """``dialogues`` complaint dialogues; after each of their turns a question and both baselines."""
        for _ in range(dialogues):
            n = next(self.workers)
            worker, asker = f"bench-w-{n}", f"bench-q-{n}"
            for step, (row, text, expect) in enumerate(dialogue(n)):
                question = QUESTIONS[(n + step) % len(QUESTIONS)]
                jobs: list[Callable[[], None]] = [
                    partial(self.turn, tally, row, worker, text, expect),
                    partial(self.turn, tally, "question", asker, question, "\n"),
                    partial(self.base, tally, False),
                    partial(self.base, tally, True),
                ]
                k = (n + step) % len(jobs)
                for job in jobs[k:] + jobs[:k]:
                    job()


def pct(values: list[float], p: float) -> float:
    s = sorted(values)
    if not s:
        return float("nan")
    return s[min(len(s) - 1, max(0, round(p / 100 * len(s) + 0.5) - 1))]


def filesystem(path: Path) -> str:
    """The filesystem type of ``path`` (from /proc/mounts): tmpfs makes fsync free."""
    best, kind = "", "?"
    try:
        for line in Path("/proc/mounts").read_text().splitlines():
            parts = line.split()
            if len(parts) > 2 and str(path).startswith(parts[1]) and len(parts[1]) > len(best):
                best, kind = parts[1], parts[2]
    except OSError:
        pass
    return kind


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--rounds", type=int, default=7, help="interleaved rounds (default 7)")
    ap.add_argument("--dialogues", type=int, default=40, help="complaint dialogues per round (default 40)")
    ap.add_argument("--warmup", type=int, default=5, help="untimed dialogues first (default 5)")
    ap.add_argument("--tmpdir", help="where the SQLite files go (default: the system temp dir)")
    ap.add_argument("--keep-tmp", action="store_true", help="keep the temp dir (databases) at the end")
    ap.add_argument("--quick", action="store_true", help="3 rounds x 10 dialogues")
    args = ap.parse_args(argv)
    if args.quick:
        args.rounds, args.dialogues, args.warmup = 3, 10, 2
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    logging.basicConfig(level=logging.WARNING)
    logging.getLogger("jieba").setLevel(logging.WARNING)
    tmp = Path(tempfile.mkdtemp(prefix="turn-cost-", dir=args.tmpdir))
    try:
        return measure(args, tmp)
    finally:
        if args.keep_tmp:
            print(f"kept {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)


def measure(args: argparse.Namespace, tmp: Path) -> int:
    settings = from_dict({"storage": {"database": str(tmp / "bot.db")}}, source="turn_cost", env={})
    services = build(settings)
    bot = services.bot
    bot.today = lambda: TODAY
    baseline = Baseline(tmp / "baseline.db")
    run = Run(bot, baseline)

    print("Complaint-form turn cost — Bot.respond on a real SQLite file vs one bare SQLite transaction")
    print(f"machine: {machine()}")
    print(f"disk:    {tmp} ({filesystem(tmp)})")
    print(
        f"rounds:  {args.rounds} x {args.dialogues} dialogues (10 turns each, + 1 question and 2 baseline "
        f"transactions per turn), interleaved; {args.warmup} dialogues warm-up\n"
    )
    run.round(-1, args.warmup, None)
    rounds: list[Tally] = []
    busy0, own0, started = busy_seconds(), process_seconds(os.getpid()), time.perf_counter()
    for r in range(args.rounds):
        tally = Tally()
        run.round(r, args.dialogues, tally)
        rounds.append(tally)
        p50 = {row: pct(tally.wall[row], 50) for row in ROWS}
        print(
            f"  round {r + 1}: p50 µs  form {p50['form']:5.0f}  confirm {p50['confirm']:5.0f}  "
            f"question {p50['question']:5.0f}  baseline {p50['baseline']:4.0f}  "
            f"baseline+fsync {p50['baseline+fsync']:5.0f}",
            flush=True,
        )
    elapsed = time.perf_counter() - started
    background = (busy_seconds() - busy0 - (process_seconds(os.getpid()) - own0)) / elapsed

    cases = services.store.conn.execute("SELECT COUNT(*) FROM complaints").fetchone()[0]
    dialogues = next(run.workers)
    if cases != dialogues:
        run.problems.append(f"{cases} cases registered for {dialogues} dialogues")
    report(rounds, elapsed)
    print(f"background load: other processes kept {background:.2f} cores busy on average while timing")
    if background > 0.1:
        print("WARNING: the machine was not quiet; the numbers are noisy, run again when it is.")
    baseline.close()
    services.store.close()
    if run.problems:
        print(f"\nPROBLEMS ({len(run.problems)}): " + "; ".join(sorted(set(run.problems))[:10]))
        return 1
    print(f"\nchecked: every reply as expected; {cases} cases registered for {dialogues} dialogues")
    return 0


def report(rounds: list[Tally], elapsed: float) -> None:
    def med(row: str, stat: Callable[[list[float]], float], what: str = "wall") -> float:
        per = [stat(getattr(t, what)[row]) for t in rounds if getattr(t, what)[row]]
        return statistics.median(per) if per else float("nan")

    def p50(v: list[float]) -> float:
        return pct(v, 50)

    def p95(v: list[float]) -> float:
        return pct(v, 95)

    base50, base_mean = med("baseline", p50), med("baseline", statistics.fmean)
    n = {row: sum(len(t.wall[row]) for t in rounds) for row in ROWS}
    print(f"\nPer call, µs (median of {len(rounds)} rounds; {elapsed:.1f} s timed in all)")
    head = (
        f"{'row':15} {'calls':>6} {'p50':>7} {'p95':>7} {'mean':>7} {'cpu':>7} {'classify':>8}"
        f" {'p50/base':>9} {'mean/base':>9} {'rounds p50/base':>16}"
    )
    print(head)
    print("-" * len(head))
    for row in ROWS:
        per_round = sorted(pct(t.wall[row], 50) / pct(t.wall["baseline"], 50) for t in rounds if t.wall[row])
        spread = f"{per_round[0]:.1f}-{per_round[-1]:.1f}" if per_round else ""
        classify = f"{med(row, statistics.fmean, 'classify'):8.0f}" if row in BOT_ROWS else f"{'':8}"
        mean = med(row, statistics.fmean)
        print(
            f"{row:15} {n[row]:6d} {med(row, p50):7.0f} {med(row, p95):7.0f} {mean:7.0f}"
            f" {med(row, statistics.fmean, 'cpu'):7.0f} {classify}"
            f" {med(row, p50) / base50:8.1f}x {mean / base_mean:8.1f}x {spread:>16}"
        )
    print(
        "base: the bare INSERT+COMMIT transaction (same PRAGMAs as the Store, no fsync). cpu: the thread's\n"
        "CPU time per call (mean). classify: classifier.classify alone on the same texts (mean)."
    )
    durable = med("baseline+fsync", p50)
    print(
        f"confirm vs baseline+fsync (the least a durable commit costs here): "
        f"p50 {med('confirm', p50) / durable:.1f}x, mean "
        f"{med('confirm', statistics.fmean) / med('baseline+fsync', statistics.fmean):.1f}x"
    )
    form, confirm = med("form", statistics.fmean), med("confirm", statistics.fmean)
    question = med("question", statistics.fmean)
    whole = 8 * form + confirm + question
    print(
        f"one whole complaint (opening question + 8 form turns + confirm): ~{whole / 1000:.1f} ms of "
        f"bot time (mean turn costs), i.e. ~{1e6 / whole:.0f} complaints/s in one thread"
    )


if __name__ == "__main__":
    sys.exit(main())
