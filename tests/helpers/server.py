"""Run the bot as a real server process on 127.0.0.1 (the way `make run` and gunicorn do)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from helpers.paths import ROOT


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def write_config(path: Path, db: Path, port: int, mode: str = "plain", extra: str = "") -> Path:
    from helpers.harness import AES_KEY

    path.write_text(
        f"""
[wechat]
token = "test-token"
app_id = "wx1234567890abcdef"
app_secret = "test-secret"
encoding_aes_key = "{AES_KEY}"
mode = "{mode}"

[server]
host = "127.0.0.1"
port = {port}

[storage]
database = "{db}"
{extra}
""",
        encoding="utf-8",
    )
    return path


def wait_ready(url: str, proc: subprocess.Popen[bytes], timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited with {proc.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=1) as resp:
                if resp.status == 200:
                    return
        except OSError:
            time.sleep(0.05)  # readiness poll, not a race: the server is still binding its port
    raise TimeoutError(f"{url} not ready after {timeout}s")


@contextmanager
def bot_server(config: Path, port: int, args: tuple[str, ...] = ("serve",)) -> Iterator[str]:
    env = os.environ | {"PYTHONUNBUFFERED": "1"}
    log_dir = Path(os.environ.get("LIUGONG_TEST_LOG_DIR", ROOT / "var" / "test-logs"))
    log_dir.mkdir(parents=True, exist_ok=True)
    log = open(log_dir / f"server-{port}.log", "ab")  # noqa: SIM115 - closed below; grepped for personal data
    proc = subprocess.Popen(
        [sys.executable, "-m", "bot", *args, "--config", str(config)],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        wait_ready(f"http://127.0.0.1:{port}/healthz", proc)
        yield f"http://127.0.0.1:{port}"
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()
