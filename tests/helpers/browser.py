"""Headless Chromium (Debian's package, driven by Playwright) for the desk's browser tests.

from helpers.browser import browser_fixture, pytestmark  # noqa: F401 - the fixture and the skip mark
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from helpers.paths import SHOTS

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


def shoot(
    page: Any,
    name: str,
    widths: tuple[int, ...] = (1366, 390),
    each: Callable[[int], None] | None = None,
    restore: int | None = 1366,
) -> None:
    """Full-page screenshots ``var/screenshots/<name>-<width>.png``; no page may scroll sideways.

    ``each(width)`` runs further checks at each width; the viewport goes back to ``restore`` after.
    """
    SHOTS.mkdir(parents=True, exist_ok=True)
    for width in widths:
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=str(SHOTS / f"{name}-{width}.png"), full_page=True)
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{name} at {width}px scrolls sideways by {overflow}px"
        if each is not None:
            each(width)
    if restore is not None:
        page.set_viewport_size({"width": restore, "height": 900})


def log_in(page: Any, base: str, name: str, password: str) -> None:
    """Sign in at the desk served at ``base`` and wait for its home page."""
    page.goto(base + "/desk/login")
    page.fill("input[name=name]", name)
    page.fill("input[name=password]", password)
    page.click("button:has-text('登录')")
    page.wait_for_url(base + "/desk/")
