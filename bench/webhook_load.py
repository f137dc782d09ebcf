"""Webhook load: the bot against a bare Flask + wechatpy floor and a WeRoBot keyword peer.

    .venv/bin/python bench/webhook_load.py                 # default run, about 2½ minutes
    .venv/bin/python bench/webhook_load.py --quick         # CI smoke, about 25 seconds
    .venv/bin/python bench/webhook_load.py --modes safe --rounds 8 --seconds 5 --concurrency 16
    .venv/bin/python bench/webhook_load.py --profile       # no servers: where the bot's time goes

Three servers run under the same gunicorn settings (``--workers 2 -k gthread --threads 4 --preload``
by default, on 127.0.0.1; gthread because it keeps connections alive, as nginx does with upstream
keepalive, and lets a worker serve other pushes while one turn waits on SQLite's lock or fsync):

* bot   — ``bot.wsgi:app`` with a temporary config (temp SQLite file; token, AppID and AES key
          the generator signs with; mode plain or safe);
* floor — ``bench/peers/bare_app.py``: verify, decrypt, parse, one fixed reply;
* peer  — ``bench/peers/werobot_app.py``: WeRoBot with five keyword handlers and a default.

A load generator in a separate process plays WeChat: every request has a fresh timestamp, nonce,
signature and MsgId, comes from one of a few hundred openids and carries a worker's question
(text, sometimes a voice transcript); in safe mode it is AES-encrypted with ``encrypt_type=aes``
and a msg_signature over the Encrypt field. Every reply is checked: HTTP 200, well-formed XML,
addressed back to the sender, a text with content, and in safe mode msg_signature-valid and
decryptable. Load is closed-loop: ``--concurrency`` connections (HTTP/1.1 keep-alive, one thread
each), each sending its next push as soon as the last answer is in.

Rounds alternate the servers (bot floor peer, floor peer bot, peer bot floor, …) so drift and noise
fall on all three alike. The table shows per server and mode the median req/s over the rounds,
p50/p95/p99 latency over all requests of all rounds, errors, server CPU per request, and the
bot/floor and bot/peer ratios; then memory per gunicorn worker (VmRSS, PSS and private, after
warm-up). Nothing is asserted: the targets (bot ≥ 0.85x floor, p99 < 50 ms) are printed next to
the numbers. Other processes' CPU use during each round is measured and warned about.

``--profile`` starts no server: it times pushes through the bot's objects in-process, stage by stage
(gate, classifier, turn, each SQL statement), plus whole WSGI requests of the bot, the floor and the
peer (called with the environ gunicorn would build, so no HTTP or test-client work is counted).
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import importlib.util
import io
import itertools
import json
import os
import random
import resource
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from array import array
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from multiprocessing import get_context
from pathlib import Path
from typing import Any
from urllib.parse import quote
from xml.etree import ElementTree

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.sysinfo import busy_seconds, machine, process_seconds  # noqa: E402
from bot.wechat.push import Crypto, signature  # noqa: E402

TOKEN = "bench-token"
APP_ID = "wxb3c4000000000001"
AES_KEY = "benchbenchbenchbenchbenchbenchbenchbench123"
ACCOUNT = "gh_liugong_bench"  # the 公众号's original id: ToUserName of every push
PATH = "/wechat"
SERVERS = ("bot", "floor", "peer")
MODES = ("plain", "safe")
TARGET_RATIO, TARGET_P99_MS = 0.85, 50.0

# What workers staying put over Spring Festival write to the 公众号 (written for this benchmark).
MESSAGES = (
    "你好",
    "在吗？",
    "菜单",
    "谢谢你",
    "3",
    "失业金怎么领？",
    "我在大连，失业保险金去哪里申请",
    "合同到期没续签，还能领失业金吗",
    "辞职了能不能领失业保险",
    "黑龙江的失业金标准一个月多少钱",
    "老板拖欠三个月工资不给，怎么办",
    "包工头跑了，工钱找谁要",
    "工厂放假了不发工资，这合法吗",
    "欠薪了可以打什么电话",
    "请不起律师，能申请法律援助吗",
    "法律援助要带什么材料去",
    "被辞退了公司不给补偿，可以申请仲裁吗",
    "春节加班有三倍工资吗",
    "过年上班加班费怎么算",
    "大年初一值班算不算加班",
    "年三十到初六都上班，能补休吗",
    "留岗补贴有多少钱，怎么申请",
    "就地过年有补贴吗",
    "我在安庆，留下来过年有红包吗",
    "年后想换个工作，哪里有招聘",
    "黄埔这边有什么岗位在招人",
    "有没有返岗包车",
    "直播带岗在哪里看",
    "有没有免费的技能培训",
    "想学电焊，培训有补贴吗",
    "以工代训是什么意思",
    "钱花光了，没钱吃饭，能申请临时救助吗",
    "房租到期了没地方住怎么办",
    "心情不好，想找人聊聊",
    "家里孩子是留守儿童，没人照顾怎么办",
    "老家的老人生病了，有人能帮忙照看吗",
    "孩子寒假没人管，社区有托管吗",
    "过年这边有什么活动",
    "黄埔春节有花市吗",
    "安庆过年有没有免费的博物馆",
    "我在黑龙江",
    "我在黄埔",
    "我在大连",
    "人工客服电话多少",
    "你们能帮我查一下社保交了几年吗",
    "今年回不了家了，有点想家",
)
VOICE_SHARE = 0.12  # this share of pushes are voice messages carrying WeChat's transcript


# ---------------------------------------------------------------------------------------------------
# The generator (runs in its own process; one thread and one keep-alive connection per client)


def openids(n: int) -> list[str]:
    """n stable, distinct, realistic-looking openids (28 characters, like WeChat's)."""
    out = []
    for i in range(n):
        digest = hashlib.sha256(f"bench-sender-{i}".encode()).digest()
        tail = digest.hex()  # 64 hex chars; WeChat uses [A-Za-z0-9_-], any of them will do
        out.append("o" + tail[:4] + "-" + tail[4:26])
    return out


def _cdata(text: str) -> str:
    return "<![CDATA[" + text.replace("]]>", "]]]]><![CDATA[>") + "]]>"


class Push:
    """Builds pushes the way WeChat does, and checks the replies."""

    def __init__(self, mode: str, senders: list[str], seed: int) -> None:
        self.mode = mode
        self.crypto = Crypto(TOKEN, AES_KEY, APP_ID)
        self.senders = senders
        self.rng = random.Random(seed)

    def build(self, msg_id: int, host: str) -> tuple[bytes, str]:
        rng = self.rng
        sender = rng.choice(self.senders)
        text = rng.choice(MESSAGES)
        ts = str(int(time.time()))
        nonce = str(rng.randrange(1_000_000_000, 10_000_000_000))
        if rng.random() < VOICE_SHARE:
            inner = (
                f"<xml><ToUserName><![CDATA[{ACCOUNT}]]></ToUserName><FromUserName>{_cdata(sender)}"
                f"</FromUserName><CreateTime>{ts}</CreateTime><MsgType><![CDATA[voice]]></MsgType>"
                f"<MediaId><![CDATA[media{msg_id}]]></MediaId><Format><![CDATA[amr]]></Format>"
                f"<Recognition>{_cdata(text + '。')}</Recognition><MsgId>{msg_id}</MsgId></xml>"
            )
        else:
            inner = (
                f"<xml><ToUserName><![CDATA[{ACCOUNT}]]></ToUserName><FromUserName>{_cdata(sender)}"
                f"</FromUserName><CreateTime>{ts}</CreateTime><MsgType><![CDATA[text]]></MsgType>"
                f"<Content>{_cdata(text)}</Content><MsgId>{msg_id}</MsgId></xml>"
            )
        query = f"signature={signature(TOKEN, ts, nonce)}&timestamp={ts}&nonce={nonce}&openid={quote(sender)}"
        if self.mode == "plain":
            body = inner
        else:
            envelope = self.crypto.encrypt(inner, nonce, ts)
            start = envelope.index("<Encrypt><![CDATA[") + len("<Encrypt><![CDATA[")
            encrypt = envelope[start : envelope.index("]]>", start)]
            query += f"&encrypt_type=aes&msg_signature={signature(TOKEN, ts, nonce, encrypt)}"
            body = (
                f"<xml><ToUserName><![CDATA[{ACCOUNT}]]></ToUserName>"
                f"<Encrypt><![CDATA[{encrypt}]]></Encrypt></xml>"
            )
        data = body.encode()
        head = (
            f"POST {PATH}?{query} HTTP/1.1\r\nHost: {host}\r\nUser-Agent: Mozilla/4.0\r\n"
            f"Accept: */*\r\nContent-Type: text/xml\r\nContent-Length: {len(data)}\r\n\r\n"
        )
        return head.encode() + data, sender

    def check(self, status: int, body: bytes, sender: str) -> str | None:
        """None if the reply is right, else what is wrong with it."""
        if status != 200:
            return f"http {status}"
        if body.strip() in (b"", b"success"):
            return "no passive reply (success)"
        try:
            root = ElementTree.fromstring(body)
        except ElementTree.ParseError:
            return "malformed XML"
        if self.mode == "safe":
            encrypt, ts, nonce = root.findtext("Encrypt"), root.findtext("TimeStamp"), root.findtext("Nonce")
            if not encrypt or not ts or not nonce:
                return "not an encrypted reply"
            if root.findtext("MsgSignature") != signature(TOKEN, ts, nonce, encrypt):
                return "bad reply msg_signature"
            try:
                root = ElementTree.fromstring(self.crypto.decrypt(encrypt))
            except Exception:  # RequestRejected (bad AppID, bad padding) or ParseError
                return "reply does not decrypt"
        if root.tag != "xml" or root.findtext("ToUserName") != sender:
            return "not addressed back to the sender"
        if root.findtext("FromUserName") != ACCOUNT:
            return "not from the account"
        if root.findtext("MsgType") != "text" or not root.findtext("Content"):
            return "not a text reply"
        return None


class Conn:
    """A minimal HTTP/1.1 keep-alive client on a raw socket: much cheaper than http.client, so the
    generator takes little of the CPU it shares with the servers. Reconnects when told to close."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.sock: socket.socket | None = None
        self.buf = b""
        self.connects = 0

    def close(self) -> None:
        if self.sock is not None:
            self.sock.close()
        self.sock, self.buf = None, b""

    def _recv(self) -> bytes:
        assert self.sock is not None
        chunk = self.sock.recv(65536)
        if not chunk:
            raise ConnectionError("server closed the connection")
        return chunk

    def request(self, data: bytes) -> tuple[int, bytes]:
        if self.sock is None:
            self.sock = socket.create_connection(("127.0.0.1", self.port), timeout=30)
            self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            self.connects += 1
        try:
            self.sock.sendall(data)
            buf = self.buf
            while (end := buf.find(b"\r\n\r\n")) < 0:
                buf += self._recv()
            lines = buf[:end].split(b"\r\n")
            status = int(lines[0].split(None, 2)[1])
            length, close, chunked = -1, lines[0].startswith(b"HTTP/1.0"), False
            for line in lines[1:]:
                name, _, value = line.partition(b":")
                name = name.strip().lower()
                if name == b"content-length":
                    length = int(value)
                elif name == b"connection":
                    close = value.strip().lower() == b"close"
                elif name == b"transfer-encoding":
                    chunked = b"chunked" in value.lower()
            rest = buf[end + 4 :]
            if chunked:
                body, rest = self._chunked(rest)
            elif length >= 0:
                while len(rest) < length:
                    rest += self._recv()
                body, rest = rest[:length], rest[length:]
            else:  # body until the server closes
                with contextlib.suppress(ConnectionError):
                    while True:
                        rest += self._recv()
                body, rest, close = rest, b"", True
        except BaseException:
            self.close()
            raise
        self.buf = rest
        if close:
            self.close()
        return status, body

    def _chunked(self, rest: bytes) -> tuple[bytes, bytes]:
        body = b""
        while True:
            while (eol := rest.find(b"\r\n")) < 0:
                rest += self._recv()
            size = int(rest[:eol].split(b";")[0], 16)
            rest = rest[eol + 2 :]
            while len(rest) < size + 2:
                rest += self._recv()
            if size == 0:
                return body, rest[2:]
            body += rest[:size]
            rest = rest[size + 2 :]


def run_load(job: dict[str, Any]) -> dict[str, Any]:
    """One measured run against one server (in the generator process). Returns plain data."""
    port, mode, seconds, concurrency = job["port"], job["mode"], job["seconds"], job["concurrency"]
    senders = openids(job["senders"])
    host = f"127.0.0.1:{port}"
    # Unique MsgIds across threads, rounds and runs: microseconds since the epoch x 1000, then +1.
    ids = itertools.count(time.time_ns() // 1000 * 1000)
    barrier = threading.Barrier(concurrency + 1)
    results: list[dict[str, Any]] = [{} for _ in range(concurrency)]
    stop_at = [0.0]

    def client(i: int) -> None:
        push = Push(mode, senders, seed=job["seed"] * 1000 + i)
        conn = Conn(port)
        lat = array("d")
        errors: Counter[str] = Counter()
        perf = time.perf_counter
        barrier.wait()
        end = stop_at[0]
        last = perf()
        while last < end:
            data, sender = push.build(next(ids), host)
            t0 = perf()
            try:
                status, body = conn.request(data)
            except (OSError, ValueError, IndexError) as exc:
                last = perf()
                errors[f"connection: {type(exc).__name__}"] += 1
                continue
            last = perf()
            lat.append(last - t0)
            problem = push.check(status, body, sender)
            if problem:
                errors[problem] += 1
        conn.close()
        results[i] = {"lat": lat, "errors": errors, "last": last, "connects": conn.connects}

    threads = [threading.Thread(target=client, args=(i,), daemon=True) for i in range(concurrency)]
    for t in threads:
        t.start()
    cpu0 = resource.getrusage(resource.RUSAGE_SELF)
    start = time.perf_counter()
    stop_at[0] = start + seconds
    barrier.wait()
    for t in threads:
        t.join()
    cpu1 = resource.getrusage(resource.RUSAGE_SELF)
    elapsed = max(r["last"] for r in results) - start
    lat = array("d")
    errors: Counter[str] = Counter()
    for r in results:
        lat.extend(r["lat"])
        errors.update(r["errors"])
    cpu = (cpu1.ru_utime - cpu0.ru_utime) + (cpu1.ru_stime - cpu0.ru_stime)
    bad_replies = sum(n for kind, n in errors.items() if not kind.startswith("connection:"))
    return {
        "lat": lat.tobytes(),
        "errors": dict(errors),
        "elapsed": elapsed,
        "requests": len(lat),  # answered (latency recorded), right or wrong
        "ok": len(lat) - bad_replies,
        "gen_cpu": cpu,
        "connects": sum(r["connects"] for r in results),
    }


# ---------------------------------------------------------------------------------------------------
# Servers


@dataclass
class Server:
    name: str
    mode: str
    port: int
    proc: subprocess.Popen[bytes]
    log: Path

    def workers(self) -> list[int]:
        """PIDs of the gunicorn workers (children of the master we started)."""
        try:
            children = Path(f"/proc/{self.proc.pid}/task/{self.proc.pid}/children").read_text().split()
            return sorted(int(c) for c in children)
        except OSError:
            return []


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def gunicorn_cmd(app: str, port: int, args: argparse.Namespace) -> list[str]:
    cmd = [sys.executable, "-m", "gunicorn", "--workers", str(args.workers), "--preload"]
    cmd += ["--worker-class", args.worker_class]
    if args.worker_class == "gthread":
        cmd += ["--threads", str(args.threads)]
    cmd += ["--bind", f"127.0.0.1:{port}", "--log-level", "warning", "--graceful-timeout", "3", app]
    return cmd


def bot_config(tmp: Path, mode: str) -> Path:
    path = tmp / f"bot-{mode}.toml"
    path.write_text(
        f"""# written by bench/webhook_load.py
[wechat]
token = "{TOKEN}"
app_id = "{APP_ID}"
app_secret = "bench-secret"
encoding_aes_key = "{AES_KEY}"
mode = "{mode}"
api_base_url = "http://127.0.0.1:9/cgi-bin/"

[storage]
database = "{tmp / f"bot-{mode}.db"}"
""",
        encoding="utf-8",
    )
    return path


def start(name: str, mode: str, tmp: Path, args: argparse.Namespace) -> Server:
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("BOT_", "BENCH_"))}
    env |= {"BENCH_WECHAT_TOKEN": TOKEN, "BENCH_WECHAT_APP_ID": APP_ID, "BENCH_WECHAT_AES_KEY": AES_KEY}
    env["PYTHONUNBUFFERED"] = "1"
    if name == "bot":
        env["BOT_CONFIG"] = str(bot_config(tmp, mode))
        app = args.bot_app
    elif name == "floor":
        app = "bench.peers.bare_app:app"
    else:
        app = "bench.peers.werobot_app:app"
    log = tmp / f"{name}-{mode}.log"
    with log.open("wb") as fh:
        proc = subprocess.Popen(
            gunicorn_cmd(app, port, args), cwd=ROOT, env=env, stdout=fh, stderr=subprocess.STDOUT
        )
    server = Server(name, mode, port, proc, log)
    try:
        wait_ready(server)
    except BaseException:
        stop(server)
        raise
    return server


def handshake(port: int) -> tuple[int, bytes]:
    ts, nonce, echo = str(int(time.time())), secrets.token_hex(5), secrets.token_hex(8)
    query = f"signature={signature(TOKEN, ts, nonce)}&timestamp={ts}&nonce={nonce}&echostr={echo}"
    conn = Conn(port)
    try:
        status, body = conn.request(f"GET {PATH}?{query} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".encode())
    finally:
        conn.close()
    return (status, body) if body == echo.encode() else (status, b"wrong echostr: " + body[:80])


def wait_ready(server: Server, timeout: float = 60) -> None:
    """Poll the GET handshake (a signed echostr, which all three servers answer) until it works."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.proc.poll() is not None:
            raise RuntimeError(f"{server.name} exited with {server.proc.returncode}:\n{tail(server.log)}")
        try:
            status, body = handshake(server.port)
        except OSError:
            time.sleep(0.1)  # readiness poll: gunicorn is still importing the app / binding the port
            continue
        if status == 200 and not body.startswith(b"wrong"):
            return
        raise RuntimeError(f"{server.name} handshake failed: {status} {body[:200]!r}\n{tail(server.log)}")
    raise TimeoutError(f"{server.name} not ready after {timeout}s:\n{tail(server.log)}")


def stop(server: Server) -> None:
    if server.proc.poll() is None:
        server.proc.send_signal(signal.SIGTERM)
        try:
            server.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.proc.kill()
            server.proc.wait()


def tail(path: Path, lines: int = 15) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return ""


def memory(pid: int) -> tuple[float, float, float]:
    """(VmRSS, Pss, private) of one process in MiB. With --preload the workers share the pages the
    master filled before the fork (jieba's dictionary, the classifier) copy-on-write: RSS counts them
    in full in every worker, PSS splits them between the processes mapping them, and private is
    what one more worker costs."""
    rss = pss = private = 0.0
    with contextlib.suppress(OSError):
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                rss = int(line.split()[1]) / 1024
    with contextlib.suppress(OSError):
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                pss = int(line.split()[1]) / 1024
            elif line.startswith(("Private_Clean:", "Private_Dirty:")):
                private += int(line.split()[1]) / 1024
    return rss, pss, private


# ---------------------------------------------------------------------------------------------------
# --profile: where the bot's time goes, in-process (no HTTP server, no other load)


class _TimedConn:
    """Wraps the bot's per-thread SQLite connection to charge each statement's CPU and wall time."""

    def __init__(self, conn: Any, cpu: Counter[str], wall: Counter[str]) -> None:
        self._conn, self._cpu, self._wall = conn, cpu, wall

    def __getattr__(self, name: str) -> Any:
        return getattr(self._conn, name)

    def execute(self, sql: str, *params: Any) -> Any:
        c0, w0 = time.thread_time(), time.perf_counter()
        try:
            return self._conn.execute(sql, *params)
        finally:
            key = "  sql " + " ".join(sql.split()[:4])[:34]
            self._cpu[key] += time.thread_time() - c0
            self._wall[key] += time.perf_counter() - w0


def _environ(path: str, query: str, body: bytes) -> dict[str, Any]:
    """The WSGI environ gunicorn builds for a push (so the profile charges no test-client work)."""
    return {
        "REQUEST_METHOD": "POST",
        "SCRIPT_NAME": "",
        "PATH_INFO": path,
        "QUERY_STRING": query,
        "RAW_URI": f"{path}?{query}",
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "8080",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "127.0.0.1",
        "CONTENT_TYPE": "text/xml",
        "CONTENT_LENGTH": str(len(body)),
        "HTTP_HOST": "127.0.0.1",
        "HTTP_USER_AGENT": "Mozilla/4.0",
        "HTTP_ACCEPT": "*/*",
        "wsgi.version": (1, 0),
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(body),
        "wsgi.errors": sys.stderr,
        "wsgi.multithread": True,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
    }


def _call(app: Any, environ: dict[str, Any]) -> tuple[int, bytes]:
    status: list[str] = []
    chunks = app(environ, lambda s, _headers, _exc=None: status.append(s))
    try:
        body = b"".join(chunks)
    finally:
        if hasattr(chunks, "close"):
            chunks.close()
    return int(status[0][:3]), body


def profile(args: argparse.Namespace) -> int:
    """Thread-CPU per stage of a push through the bot's own objects, next to whole WSGI requests of
    the bot, the floor and the peer called with gunicorn's environ (one thread, no contention)."""
    import logging
    from urllib.parse import parse_qsl, urlsplit

    from bot.app import configure_logging, create_app
    from bot.config import load
    from bot.services import build
    from bot.wechat.push import render_text

    os.environ |= {
        "BENCH_WECHAT_TOKEN": TOKEN,
        "BENCH_WECHAT_APP_ID": APP_ID,
        "BENCH_WECHAT_AES_KEY": AES_KEY,
    }
    n = args.profile
    tmp = Path(tempfile.mkdtemp(prefix="webhook-profile-", dir=args.tmpdir))
    print(f"machine: {machine()}\nin-process, one request at a time, {n} pushes per pass\n")
    try:
        configure_logging()
        logging.getLogger().handlers[0].setStream(open(os.devnull, "w"))  # noqa: SIM115 - lives with the run
        for mode in args.modes:
            settings = load(bot_config(tmp, mode))
            services = build(settings)
            apps: dict[str, Any] = {"bot": create_app(settings, services)}
            from bench.peers.bare_app import app as floor_app

            apps["floor"] = floor_app
            if importlib.util.find_spec("werobot") is not None:
                from bench.peers.werobot_app import app as peer_app

                apps["peer"] = peer_app
            push = Push(mode, openids(args.senders), seed=11)
            ids = itertools.count(time.time_ns() // 1000 * 1000)

            def pushes(
                k: int, push: Push = push, ids: Iterator[int] = ids
            ) -> list[tuple[str, str, bytes, str]]:
                out = []
                for _ in range(k):
                    data, sender = push.build(next(ids), "127.0.0.1")
                    head, body = data.split(b"\r\n\r\n", 1)
                    target = urlsplit(head.split(b" ")[1].decode())
                    out.append((target.path, target.query, body, sender))
                return out

            print(
                f"[{mode}] whole request: gunicorn's WSGI environ -> app -> reply checked "
                "(process CPU, best of 3 interleaved passes)"
            )
            best: dict[str, tuple[float, float]] = {}
            for rep in range(4):  # a warm-up pass, then three passes interleaved: best of three
                for name, app in apps.items():
                    batch = pushes(min(300, n) if rep == 0 else n)
                    c0, w0 = time.process_time(), time.perf_counter()
                    for path, query, body, sender in batch:
                        status, data = _call(app, _environ(path, query, body))
                        problem = push.check(status, data, sender)
                        if problem:
                            raise SystemExit(f"{name}: {problem}")
                    cpu_us = (time.process_time() - c0) / len(batch) * 1e6
                    wall_us = (time.perf_counter() - w0) / len(batch) * 1e6
                    if rep and (name not in best or cpu_us < best[name][0]):
                        best[name] = (cpu_us, wall_us)
            for name, (cpu_us, wall_us) in best.items():
                print(f"  {name:36} {cpu_us:7.0f} us CPU  {wall_us:7.0f} us wall per push")

            cpu: Counter[str] = Counter()
            wall: Counter[str] = Counter()
            store, gate, the_bot = services.store, services.gate, services.bot
            budget = settings.server.reply_budget_seconds  # as the webhook calls it
            store._local.conn = _TimedConn(store.conn, cpu, wall)
            store._local.reader = _TimedConn(store.reader, cpu, wall)  # a turn's reads (Store.speculate)

            def stage(
                key: str, c0: float, w0: float, cpu: Counter[str] = cpu, wall: Counter[str] = wall
            ) -> tuple[float, float]:
                c1, w1 = time.thread_time(), time.perf_counter()
                cpu[key] += c1 - c0
                wall[key] += w1 - w0
                return c1, w1

            batch = pushes(n)
            for group in (batch[:300], batch):  # warm-up, then measured
                cpu.clear()
                wall.clear()
                for _, query, body, _ in group:
                    c, w = time.thread_time(), time.perf_counter()
                    envelope = gate.open(dict(parse_qsl(query)), body)
                    c, w = stage("gate.open (verify, decrypt, parse)", c, w)
                    the_bot.classifier.classify(envelope.message.text)
                    c, w = stage("classifier.classify", c, w)
                    reply = the_bot.respond(envelope.message, lock_timeout=budget) or ""
                    c, w = stage("bot.respond (classify + turn + SQLite)", c, w)
                    msg = envelope.message
                    gate.seal(envelope, render_text(msg.from_user, msg.to_user, reply))
                    stage("render_text + seal", c, w)
            store._local.conn = store.conn._conn
            store._local.reader = store.reader._conn
            print(f"[{mode}] the bot's stages, thread CPU (bot.respond includes classify and the sql lines)")
            for key in sorted(cpu, key=lambda k: (k.startswith("  "), -wall[k])):
                print(f"  {key:40} {cpu[key] / n * 1e6:7.0f} us CPU  {wall[key] / n * 1e6:7.0f} us wall")
            print()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


# ---------------------------------------------------------------------------------------------------
# Driver


@dataclass
class Tally:
    rates: list[float] = field(default_factory=list)
    lat: array = field(default_factory=lambda: array("d"))  # type: ignore[type-arg]
    requests: int = 0
    errors: Counter[str] = field(default_factory=Counter)
    server_cpu: float = 0.0
    gen_cpu: float = 0.0
    connects: int = 0
    background: list[float] = field(default_factory=list)
    mem_warm: list[tuple[float, float, float]] = field(default_factory=list)
    mem_end: list[tuple[float, float, float]] = field(default_factory=list)
    master_mem: tuple[float, float, float] = (0.0, 0.0, 0.0)


def pct(sorted_ms: list[float], p: float) -> float:
    if not sorted_ms:
        return float("nan")
    k = max(0, min(len(sorted_ms) - 1, round(p / 100 * len(sorted_ms) + 0.5) - 1))
    return sorted_ms[k]


def measure(
    pool: ProcessPoolExecutor, server: Server, seconds: float, args: argparse.Namespace
) -> dict[str, Any]:
    job = {
        "port": server.port,
        "mode": server.mode,
        "seconds": seconds,
        "concurrency": args.concurrency,
        "senders": args.senders,
        "seed": random.randrange(1 << 30),
    }
    workers = server.workers()
    cpu0, busy0, t0 = process_seconds(*workers), busy_seconds(), time.monotonic()
    out = pool.submit(run_load, job).result()
    out["server_cpu"] = process_seconds(*workers) - cpu0
    # Cores kept busy by anything else than this server and the generator (other jobs on the machine).
    other = busy_seconds() - busy0 - out["server_cpu"] - out["gen_cpu"]
    out["background"] = max(0.0, other) / max(1e-9, time.monotonic() - t0)
    return out


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], formatter_class=argparse.RawTextHelpFormatter
    )
    ap.add_argument("--rounds", type=int, default=6, help="measured rounds per server and mode (default 6)")
    ap.add_argument("--seconds", type=float, default=3.5, help="length of one measured round (default 3.5)")
    ap.add_argument("--warmup", type=float, default=2.0, help="unmeasured load per server first (default 2)")
    ap.add_argument("--concurrency", type=int, default=8, help="connections in flight (default 8)")
    ap.add_argument("--modes", default="plain,safe", help="comma-separated: plain,safe (default both)")
    ap.add_argument("--servers", default=",".join(SERVERS), help="comma-separated: bot,floor,peer")
    ap.add_argument("--senders", type=int, default=300, help="distinct openids (default 300)")
    ap.add_argument("--workers", type=int, default=2, help="gunicorn workers (default 2)")
    ap.add_argument("--worker-class", default="gthread", choices=("gthread", "sync"))
    ap.add_argument("--threads", type=int, default=4, help="threads per gthread worker (default 4)")
    ap.add_argument(
        "--bot-app",
        default="bot.wsgi:app",
        help="WSGI app of the bot (to try variants; default bot.wsgi:app)",
    )
    ap.add_argument("--tmpdir", default=None, help="where the bot's SQLite file goes (default: system temp)")
    ap.add_argument("--json", metavar="PATH", help="also write the results as JSON")
    ap.add_argument("--keep-tmp", action="store_true", help="keep the temp dir (configs, DB, server logs)")
    ap.add_argument("--quick", action="store_true", help="CI smoke: 1 round of 1.5 s, 0.5 s warm-up")
    ap.add_argument(
        "--profile",
        type=int,
        nargs="?",
        const=1000,
        default=0,
        metavar="N",
        help="no servers: time N pushes in-process, per stage of the bot (default N 1000)",
    )
    args = ap.parse_args(argv)
    if args.quick:
        args.rounds, args.seconds, args.warmup = 1, 1.5, 0.5
    args.modes = [m for m in args.modes.split(",") if m]
    args.servers = [s for s in args.servers.split(",") if s]
    for m in args.modes:
        if m not in MODES:
            ap.error(f"unknown mode {m!r}")
    for s in args.servers:
        if s not in SERVERS:
            ap.error(f"unknown server {s!r}")
    return args


@contextlib.contextmanager
def running(
    names: list[str], mode: str, tmp: Path, args: argparse.Namespace, na: dict[tuple[str, str], str]
) -> Iterator[dict[str, Server]]:
    """Start the servers; one that cannot start is reported n/a rather than stopping the run."""
    servers: dict[str, Server] = {}
    try:
        for name in names:
            if name == "peer" and importlib.util.find_spec("werobot") is None:
                na[(name, mode)] = "werobot is not installed: pip install -e '.[bench]'"
                continue
            try:
                servers[name] = start(name, mode, tmp, args)
            except (RuntimeError, TimeoutError) as exc:
                if name == "bot":
                    raise
                na[(name, mode)] = f"did not start: {str(exc).splitlines()[0]}"
        yield servers
    finally:
        for server in servers.values():
            stop(server)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.profile:
        return profile(args)
    setting = (
        f"gunicorn --workers {args.workers} --worker-class {args.worker_class}"
        + (f" --threads {args.threads}" if args.worker_class == "gthread" else "")
        + " --preload --bind 127.0.0.1:PORT"
    )
    print("Webhook load — 留工助手 vs a bare Flask+wechatpy floor vs a WeRoBot keyword peer")
    print(f"machine: {machine()}")
    print(f"servers: {setting}  (same for all three)")
    print(
        f"load:    {args.concurrency} keep-alive connections, closed loop, {args.senders} senders, "
        f"{len(MESSAGES)} messages ({VOICE_SHARE:.0%} as voice), generator in its own process"
    )
    print(
        f"rounds:  {args.rounds} x {args.seconds:g} s per server and mode, alternating; "
        f"{args.warmup:g} s warm-up\n"
    )
    tmp = Path(tempfile.mkdtemp(prefix="webhook-load-", dir=args.tmpdir))
    tallies: dict[tuple[str, str], Tally] = {}
    na: dict[tuple[str, str], str] = {}
    try:
        with ProcessPoolExecutor(max_workers=1, mp_context=get_context("spawn")) as pool:
            pool.submit(openids, 1).result()  # start the generator process before timing anything
            for mode in args.modes:
                with running(list(args.servers), mode, tmp, args, na) as servers:
                    run_mode(pool, mode, servers, args, tallies, na)
    finally:
        if args.keep_tmp:
            print(f"kept {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)
    report(args, tallies, na)
    return 0


def run_mode(
    pool: ProcessPoolExecutor,
    mode: str,
    servers: dict[str, Server],
    args: argparse.Namespace,
    tallies: dict[tuple[str, str], Tally],
    na: dict[tuple[str, str], str],
) -> None:
    """Warm every server up, then measure them in rotating order, round after round."""
    for name, server in servers.items():
        tally = tallies[(name, mode)] = Tally()
        out = measure(pool, server, args.warmup, args)
        if out["requests"] and sum(out["errors"].values()) == out["requests"]:
            reason = max(out["errors"], key=out["errors"].get)
            na[(name, mode)] = f"every reply failed: {reason}"
            print(f"  {mode:5} {name:5}  n/a: every warm-up reply failed ({reason})")
        tally.mem_warm = [memory(pid) for pid in server.workers()]
        tally.master_mem = memory(server.proc.pid)
    live = [n for n in servers if (n, mode) not in na]
    for r in range(args.rounds):
        for name in live[r % len(live) :] + live[: r % len(live)]:
            out = measure(pool, servers[name], args.seconds, args)
            t = tallies[(name, mode)]
            rate = out["ok"] / out["elapsed"] if out["elapsed"] > 0 else 0.0  # right answers only
            lat = array("d")
            lat.frombytes(out["lat"])
            t.rates.append(rate)
            t.lat.extend(lat)
            t.requests += out["requests"]
            t.errors.update(out["errors"])
            t.server_cpu += out["server_cpu"]
            t.gen_cpu += out["gen_cpu"]
            t.connects += out["connects"]
            t.background.append(out["background"])
            print(
                f"  {mode:5} round {r + 1}  {name:5} {rate:7.0f} req/s  "
                f"p99 {pct(sorted(lat), 99) * 1000:6.1f} ms"
                f"  errors {sum(out['errors'].values())}  background load {out['background']:.2f} cores",
                flush=True,
            )
    for name, server in servers.items():
        tallies[(name, mode)].mem_end = [memory(pid) for pid in server.workers()]
        if server.proc.poll() is not None:
            print(f"  !! {name} died:\n{tail(server.log)}")


def spread(bot: dict[str, Any], other: dict[str, Any]) -> str:
    """The range of per-round ratios: in each round the servers ran back to back, so drift cancels."""
    per = sorted(b / o for b, o in zip(bot["rates"], other["rates"], strict=False) if o)
    return f" (rounds {per[0]:.2f}-{per[-1]:.2f})" if len(per) > 1 else ""


def report(
    args: argparse.Namespace, tallies: dict[tuple[str, str], Tally], na: dict[tuple[str, str], str]
) -> None:
    rows: dict[tuple[str, str], dict[str, Any]] = {}
    for key, t in tallies.items():
        ms = sorted(x * 1000 for x in t.lat)
        rows[key] = {
            "rps": statistics.median(t.rates) if t.rates else 0.0,
            "rates": t.rates,
            "p50": pct(ms, 50),
            "p95": pct(ms, 95),
            "p99": pct(ms, 99),
            "max": ms[-1] if ms else float("nan"),
            "requests": t.requests,
            "errors": sum(t.errors.values()),
            "error_kinds": dict(t.errors),
            "cpu_ms": t.server_cpu / t.requests * 1000 if t.requests else float("nan"),
            "gen_cpu_ms": t.gen_cpu / t.requests * 1000 if t.requests else float("nan"),
            "connects": t.connects,
            "background": max(t.background) if t.background else 0.0,
        }
    print("\nThroughput and latency (req/s: right replies per second, median of rounds; latency: all rounds)")
    head = (
        f"{'mode':5} {'server':6} {'req/s':>7} {'p50 ms':>7} {'p95 ms':>7} {'p99 ms':>7} {'max ms':>7} "
        f"{'requests':>9} {'errors':>6} {'srv CPU':>8} {'gen CPU':>8} {'bot/x':>6}"
    )
    print(head)
    print("-" * len(head))
    for mode in args.modes:
        bot = rows.get(("bot", mode))
        for name in args.servers:
            key = (name, mode)
            if key in na or key not in rows or not rows[key]["requests"]:
                print(f"{mode:5} {name:6} {'n/a':>7}  {na.get(key, 'no data')}")
                continue
            row = rows[key]
            ratio = ""
            if bot and name != "bot" and ("bot", mode) not in na and row["rps"]:
                ratio = f"{bot['rps'] / row['rps']:.2f}x"
            print(
                f"{mode:5} {name:6} {row['rps']:7.0f} {row['p50']:7.1f} {row['p95']:7.1f} {row['p99']:7.1f} "
                f"{row['max']:7.1f} {row['requests']:9d} {row['errors']:6d} {row['cpu_ms']:6.2f}ms "
                f"{row['gen_cpu_ms']:6.2f}ms {ratio:>6}"
            )
    print("srv CPU / gen CPU: CPU time per request of the gunicorn workers / of the load generator.")
    print("bot/x: the bot's req/s divided by that server's.")
    noisy = max((row["background"] for row in rows.values()), default=0.0)
    if noisy > 0.1:
        print(
            f"WARNING: other processes kept up to {noisy:.2f} cores busy during some rounds: "
            "the numbers are noisy, run again on a quiet machine."
        )
    for key, row in rows.items():
        if row["error_kinds"]:
            print(f"errors {key[1]} {key[0]}: {row['error_kinds']}")

    print(f"\nTargets (reported, not asserted): bot >= {TARGET_RATIO}x floor, bot p99 < {TARGET_P99_MS:g} ms")
    for mode in args.modes:
        bot, floor, peer = (rows.get((n, mode)) for n in SERVERS)
        if not bot or ("bot", mode) in na:
            continue
        parts = []
        if floor and floor["rps"] and ("floor", mode) not in na:
            r = bot["rps"] / floor["rps"]
            parts.append(f"bot/floor {r:.2f}x{spread(bot, floor)} {'met' if r >= TARGET_RATIO else 'MISSED'}")
        if peer and peer["rps"] and ("peer", mode) not in na:
            parts.append(f"bot/peer {bot['rps'] / peer['rps']:.2f}x{spread(bot, peer)}")
        parts.append(f"p99 {bot['p99']:.1f} ms {'met' if bot['p99'] < TARGET_P99_MS else 'MISSED'}")
        print(f"  {mode:5} " + ", ".join(parts))

    print(
        "\nMemory per gunicorn worker after warm-up, MiB (mean of the workers; see memory() for PSS/private)"
    )
    mhead = (
        f"{'mode':5} {'server':6} {'RSS/worker':>11} {'PSS/worker':>11} {'private':>8} "
        f"{'RSS at end':>11} {'master RSS':>11}"
    )
    print(mhead)
    print("-" * len(mhead))
    for mode in args.modes:
        for name in args.servers:
            mt = tallies.get((name, mode))
            if not mt or not mt.mem_warm:
                continue
            rss = statistics.mean(m[0] for m in mt.mem_warm)
            pss = statistics.mean(m[1] for m in mt.mem_warm)
            private = statistics.mean(m[2] for m in mt.mem_warm)
            end = statistics.mean(m[0] for m in mt.mem_end) if mt.mem_end else float("nan")
            print(
                f"{mode:5} {name:6} {rss:11.1f} {pss:11.1f} {private:8.1f} "
                f"{end:11.1f} {mt.master_mem[0]:11.1f}"
            )
    print("RSS counts the pages shared since the --preload fork in every worker; private is one more worker.")
    if args.json:
        Path(args.json).write_text(
            json.dumps(
                {
                    "machine": machine(),
                    "settings": vars(args),
                    "results": {f"{m}/{n}": row for (n, m), row in rows.items()},
                    "n/a": {f"{m}/{n}": why for (n, m), why in na.items()},
                },
                ensure_ascii=False,
                indent=2,
            ),
            encoding="utf-8",
        )


if __name__ == "__main__":
    sys.exit(main())
