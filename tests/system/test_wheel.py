"""A built wheel carries intents/ and content/ and the desk's templates: it runs outside a checkout."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from helpers.paths import ROOT

pytestmark = pytest.mark.slow


def run(args: list[str], **kwargs: object) -> str:
    done = subprocess.run(args, capture_output=True, text=True, check=False, **kwargs)  # type: ignore[call-overload]
    assert done.returncode == 0, done.stderr[-3000:]
    return str(done.stdout)


def test_the_wheel_runs_without_the_checkout(tmp_path: Path) -> None:
    run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "-q",
            "--no-deps",
            "-w",
            str(tmp_path),
            str(ROOT),
        ],
    )
    (wheel,) = tmp_path.glob("liugong_bot-*.whl")
    site = tmp_path / "site"
    with zipfile.ZipFile(wheel) as z:
        names = z.namelist()
        z.extractall(site)
    assert "bot/data/intents/wage_arrears.toml" in names
    assert "bot/data/content/answers/national/legal_aid.md" in names
    assert "bot/web/templates/desk/base.html" in names
    assert "bot/web/static/desk.css" in names

    # Run from an empty folder with only the unpacked wheel (and the venv's dependencies) on the path.
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {**os.environ, "PYTHONPATH": str(site), "BOT_CONFIG": ""}
    said = run(
        [sys.executable, "-m", "bot", "ask", "--region", "dalian", "工资被拖欠了找谁"],
        cwd=elsewhere,
        env=env,
    )
    assert "大连" in said
    where = run(
        [sys.executable, "-c", "import bot.config as c; print(c.DATA_ROOT)"],
        cwd=elsewhere,
        env=env,
    )
    assert where.strip() == str(site / "bot" / "data")
