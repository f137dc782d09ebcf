from __future__ import annotations

import logging
import os
import re
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from helpers.emulator import emulator_fixture  # noqa: F401 - the `emulator` fixture for every test
from helpers.harness import Harness, make_settings
from helpers.paths import ROOT


@pytest.fixture
def harness_factory(tmp_path: Path) -> Callable[..., Harness]:
    def make(mode: str = "plain", **sections: dict[str, Any]) -> Harness:
        h = Harness(make_settings(tmp_path, mode, **sections))
        h.services.bot.today = lambda: date(
            2021, 2, 1
        )  # inside the 2021 campaign unless a test says otherwise
        return h

    return make


@pytest.fixture
def harness(harness_factory: Callable[..., Harness]) -> Harness:
    return harness_factory()


@pytest.fixture(params=["plain", "compat", "safe"])
def any_mode(request: pytest.FixtureRequest, harness_factory: Callable[..., Harness]) -> Harness:
    return harness_factory(request.param)


# -- personal data never reaches the logs ---------------------------------------------------------
# Every log record of the whole run (DEBUG and up, every logger) and the stderr of every server
# process the suite starts are kept; at the end the run fails if any phone number or fixture name
# shows up in clear.

LOG_DIR = ROOT / "var" / "test-logs"
PII_NAMES = ("王小明", "李四", "张三丰")
PHONE = re.compile(r"(?<![0-9A-Za-z])1[3-9]\d{9}(?![0-9A-Za-z])")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """tests/system/ runs real processes: slow, unless a browser test (marked browser already)."""
    for item in items:
        if "system" in item.path.parts and item.get_closest_marker("browser") is None:
            item.add_marker(pytest.mark.slow)


def pytest_configure(config: pytest.Config) -> None:
    LOG_DIR.mkdir(parents=True, exist_ok=True)
    for old in LOG_DIR.glob("*.log"):
        old.unlink()
    handler = logging.FileHandler(LOG_DIR / "suite.log", encoding="utf-8")
    handler.setLevel(logging.DEBUG)
    handler.setFormatter(logging.Formatter("%(name)s %(levelname)s %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    os.environ["LIUGONG_TEST_LOG_DIR"] = str(LOG_DIR)


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    leaks = []
    for path in sorted(LOG_DIR.glob("*.log")):
        for n, line in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), 1):
            if PHONE.search(line) or any(name in line for name in PII_NAMES):
                leaks.append(f"{path.name}:{n}: {line[:160]}")
    if leaks:
        print("\npersonal data found in logs:\n" + "\n".join(leaks[:20]))
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
