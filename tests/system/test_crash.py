"""Crash suite: kill -9 a multi-worker gunicorn while workers confirm complaints; nothing lost or doubled."""

from __future__ import annotations

import http.client
import os
import re
import signal
import sqlite3
import subprocess
import sys
import threading
import urllib.parse
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

import pytest
from helpers.server import ROOT, free_port, wait_ready, write_config
from helpers.wechat import WeChat, text_xml

from bot.config import load

pytestmark = pytest.mark.slow

CLIENTS = 24
FORM = ["投诉", "某某劳务公司", "安庆某工地", "3.5万", "3个月", "2", "13912345678", "跳过", "确认"]


@contextmanager
def gunicorn(config: Path, port: int) -> Iterator[subprocess.Popen[bytes]]:
    gunicorn_bin = Path(sys.executable).with_name("gunicorn")
    log_dir = Path(os.environ.get("LIUGONG_TEST_LOG_DIR", ROOT / "var" / "test-logs"))
    log = open(log_dir / f"gunicorn-{port}.log", "ab")  # noqa: SIM115 - closed below; grepped for personal data
    proc = subprocess.Popen(
        [
            str(gunicorn_bin),
            "-w",
            "3",
            "--preload",
            "-b",
            f"127.0.0.1:{port}",
            "--graceful-timeout",
            "1",
            "bot.wsgi:app",
        ],
        cwd=ROOT,
        env=os.environ | {"BOT_CONFIG": str(config)},
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,  # its own process group, so kill -9 reaches master and workers
    )
    try:
        wait_ready(f"http://127.0.0.1:{port}/healthz", proc)
        yield proc
    finally:
        kill9(proc)
        log.close()


def kill9(proc: subprocess.Popen[bytes]) -> None:
    with suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGKILL)
    proc.wait(timeout=10)


def test_kill_9_during_confirmations_loses_and_doubles_nothing(tmp_path: Path) -> None:
    port = free_port()
    db = tmp_path / "bot.db"
    config = write_config(tmp_path / "config.toml", db, port)
    wechat = WeChat(load(config).wechat)
    up = threading.Event()
    received: dict[str, str] = {}
    confirmed = threading.Semaphore(0)
    lock = threading.Lock()

    def send(openid: str, text: str, msg_id: int) -> str:
        """Like WeChat: on a failed delivery, redeliver the same MsgId until it gets an answer."""
        xml = text_xml(text, openid=openid, msg_id=msg_id).encode()
        for _ in range(200):
            assert up.wait(30), "server did not come back"
            try:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
                conn.request("POST", "/wechat?" + urllib.parse.urlencode(wechat.query()), xml)
                resp = conn.getresponse()
                body = resp.read()
                conn.close()
                if resp.status == 200:
                    return wechat.open_reply(body)["Content"]
            except (OSError, http.client.HTTPException):
                pass
        raise AssertionError("no answer after 200 deliveries")

    def client(n: int) -> None:
        openid = f"o-crash-{n}"
        for step, text in enumerate(FORM):
            reply = send(openid, text, msg_id=10_000 * (n + 1) + step)
        m = re.search(r"QX-\d{8}-\d{4}", reply)
        assert m, reply
        with lock:
            received[openid] = m.group()
        confirmed.release()

    threads = [threading.Thread(target=client, args=(n,), daemon=True) for n in range(CLIENTS)]
    with gunicorn(config, port) as first:
        up.set()
        for t in threads:
            t.start()
        for _ in range(CLIENTS // 3):  # kill once a third of the cases are confirmed
            assert confirmed.acquire(timeout=60)
        up.clear()
        kill9(first)
    with gunicorn(config, port):
        up.set()
        for t in threads:
            t.join(timeout=120)
        assert not any(t.is_alive() for t in threads)

    assert len(received) == CLIENTS
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        rows = conn.execute("SELECT openid, case_no FROM complaints").fetchall()
    assert len(rows) == CLIENTS, "a case was lost or doubled"
    assert dict(rows) == received  # every number a client saw exists, exactly once, for that client
