"""Headless Chromium (Debian's package, driven by Playwright) for the desk's browser tests.

from browser_helpers import browser_fixture, pytestmark  # noqa: F401 - the fixture and the skip mark
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = next(
    (
        p
        for p in ("/usr/bin/chromium", shutil.which("chromium"), shutil.which("chromium-browser"))
        if p and Path(p).exists()
    ),
    None,
)
pytestmark = pytest.mark.skipif(
    CHROMIUM is None,
    reason="Chromium not found (/usr/bin/chromium): apt-get install chromium to run browser tests",
)

ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
]


@pytest.fixture(scope="module", name="browser")
def browser_fixture() -> Iterator[Any]:
    """The ``browser`` fixture (import ``browser_fixture`` to make it available)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            yield b
        finally:
            b.close()
