"""The desk in a real browser (headless Chromium via Playwright) against a real server process.

Skipped only when no Chromium is installed (``apt-get install chromium``; `make test` installs it).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from helpers.browser import browser_fixture  # noqa: F401 - the fixture
from helpers.browser import log_in as sign_in
from helpers.browser import pytestmark as needs_chromium
from helpers.desk import PASSWORD
from helpers.server import bot_server, free_port, write_config

from bot.complaints.register import Register
from bot.staff import accounts
from bot.storage.store import Store

pytestmark = [needs_chromium, pytest.mark.browser]
FIELDS = {
    "employer": "宏达建筑劳务公司",
    "site": "安庆宜秀区某工地",
    "amount": 35000,
    "period": "3个月",
    "workers": 2,
    "phone": "13812341234",
    "name": "张三",
}


@dataclass
class Desk:
    base: str
    case_no: str
    db: Path


@pytest.fixture(scope="module")
def desk(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Desk]:
    tmp = tmp_path_factory.mktemp("desk")
    db = tmp / "bot.db"
    port = free_port()
    config = write_config(tmp / "config.toml", db, port)
    # The account and a complaint exist before the server starts, on the same SQLite file.
    store = Store(db)
    accounts.add_user(store, "wang", "hotline", PASSWORD)
    case = Register(store).create("o-worker-1", "anqing-yixiu", FIELDS)
    store.close()
    with bot_server(config, port) as base:
        yield Desk(base, case.case_no, db)


@pytest.fixture
def page(browser: Any, desk: Desk) -> Iterator[Any]:
    context = browser.new_context(locale="zh-CN")
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=desk.base)
    pg = context.new_page()
    pg.set_default_timeout(15_000)
    errors: list[str] = []
    pg.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    pg.console_errors = errors
    try:
        yield pg
    finally:
        context.close()


def log_in(page: Any, desk: Desk) -> None:
    sign_in(page, desk.base, "wang", PASSWORD)


def test_desk_pages_need_login(page: Any, desk: Desk) -> None:
    for path in ("/desk/", "/desk/answers", "/desk/complaints", f"/desk/complaints/{desk.case_no}"):
        page.goto(desk.base + path)
        assert page.url.startswith(desk.base + "/desk/login?next="), path
        assert page.locator("h1").inner_text() == "工作人员登录"
    assert "13812341234" not in page.content()


def test_form_post_without_csrf_token_is_refused(page: Any, desk: Desk) -> None:
    page.goto(desk.base + "/desk/login")
    page.eval_on_selector("input[name=csrf_token]", "el => el.remove()")
    page.fill("input[name=name]", "wang")
    page.fill("input[name=password]", PASSWORD)
    with page.expect_response(lambda r: r.url.endswith("/desk/login") and r.request.method == "POST") as info:
        page.click("button:has-text('登录')")
    assert info.value.status == 400
    assert "安全校验码" in page.content()
    page.goto(desk.base + "/desk/")
    assert "/desk/login" in page.url  # not logged in
    # Logged in, a forged POST (no token) to logout is refused and the session survives.
    log_in(page, desk)
    resp = page.request.post(desk.base + "/desk/logout", form={"x": "1"})
    assert resp.status == 400
    page.goto(desk.base + "/desk/")
    assert page.url == desk.base + "/desk/"


def test_search_a_typo_and_copy_the_answer(page: Any, desk: Desk) -> None:
    log_in(page, desk)
    page.click("nav >> text=话术查询")
    page.fill("input[name=q]", "欠心")
    page.click("button:has-text('查询')")
    page.wait_for_url("**/desk/answers?q=*")
    assert "欠薪维权" in page.locator("p.summary").inner_text()
    national = page.locator("article.answer", has_text="欠薪维权 · 全国")
    assert national.count() == 1
    answer = national.locator("pre.answer-text").inner_text()
    assert "依据：" in answer
    # The copy button is shown by the page's (nonce-allowed) script and copies the exact text.
    button = national.locator("button.copy")
    assert button.is_visible()
    button.click()
    page.wait_for_function("b => b.textContent === '已复制'", arg=button.element_handle())
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.strip() == answer.strip()
    assert not [e for e in page.console_errors if "Content Security Policy" in e]


def test_open_a_complaint_and_change_its_status(page: Any, desk: Desk) -> None:
    log_in(page, desk)
    page.click("nav >> text=欠薪投诉")
    row = page.locator("table.list tbody tr", has_text=desk.case_no)
    assert "138****1234" in row.inner_text()
    assert "13812341234" not in page.content()
    row.locator("a").click()
    page.wait_for_url(f"**/desk/complaints/{desk.case_no}")
    assert page.locator("span.phone-masked").inner_text() == "138****1234"
    assert "13812341234" not in page.content()  # opening the case reveals nothing
    page.click("button.reveal")
    page.wait_for_selector("a.phone-full")
    assert page.locator("a.phone-full").inner_text() == "13812341234"
    page.select_option("select[name=status]", "已受理")
    page.fill("textarea[name=note]", "已转劳动监察大队，3个工作日内联系你")
    page.click("button:has-text('保存')")
    page.wait_for_selector("p.flash.ok")
    assert "已改为「已受理」" in page.locator("p.flash.ok").inner_text()
    assert page.locator("h1 .status").inner_text() == "已受理"
    history = page.locator("table.history").inner_text()
    assert "已转劳动监察大队" in history and "wang" in history
    # The next allowed statuses follow the new one.
    options = page.locator("select[name=status] option").all_inner_texts()
    assert options == ["处理中", "已办结", "不予受理"]
    # And logging out really logs out.
    page.click("button:has-text('退出登录')")
    page.wait_for_url("**/desk/login")
    page.goto(desk.base + f"/desk/complaints/{desk.case_no}")
    assert "/desk/login" in page.url
