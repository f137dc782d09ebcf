"""Find a caller, give a case to somebody, the overdue filter: in a real browser against a real server.

Headless Chromium at desktop (1366 px) and phone (390 px) width; full-page screenshots go to
var/screenshots/casework-*.png for review. Neither width may scroll sideways.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from helpers.browser import browser_fixture, shoot  # noqa: F401 - the fixture
from helpers.browser import log_in as sign_in
from helpers.browser import pytestmark as needs_chromium
from helpers.desk import PASSWORD
from helpers.server import bot_server, free_port, write_config

from bot.complaints.register import Register
from bot.staff import accounts
from bot.storage.store import Store

pytestmark = [needs_chromium, pytest.mark.browser]
OLD = {
    "employer": "宏达建筑劳务公司",
    "site": "安庆宜秀区某工地",
    "amount": 35000,
    "period": "3个月",
    "workers": 12,
    "phone": "13812341234",
    "name": "张三",
}
# (a head count the worker could not give: the desk shows 不清楚)
NEW = OLD | {"employer": "顺发装饰公司", "phone": "13955556789", "name": "赵六", "workers": None}


@dataclass
class Desk:
    base: str
    old_case: str
    new_case: str
    db: Path


@pytest.fixture(scope="module")
def desk(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Desk]:
    tmp = tmp_path_factory.mktemp("casework")
    db = tmp / "bot.db"
    port = free_port()
    config = write_config(tmp / "config.toml", db, port)
    ten_days_ago = time.time() - 10 * 86400
    old_store = Store(db, clock=lambda: ten_days_ago)  # filed ten days ago, never moved: overdue
    old = Register(old_store).create("o-worker-1", "anqing-yixiu", OLD)
    old_store.close()
    store = Store(db)
    accounts.add_user(store, "wang", "hotline", PASSWORD)
    accounts.add_user(store, "li", "hotline", PASSWORD)
    new = Register(store).create("o-worker-2", "dalian", NEW)
    store.close()
    with bot_server(config, port) as base:
        yield Desk(base, old.case_no, new.case_no, db)


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(locale="zh-CN", viewport={"width": 1366, "height": 900})
    pg = context.new_page()
    pg.set_default_timeout(15_000)
    try:
        yield pg
    finally:
        context.close()


def log_in(page: Any, desk: Desk) -> None:
    sign_in(page, desk.base, "wang", PASSWORD)


def _compact_header(page: Any) -> Callable[[int], None]:
    def check(width: int) -> None:
        header = page.evaluate("document.querySelector('header.top').getBoundingClientRect().height")
        assert header < 900 * 0.12, f"the header takes {header}px at {width}px"

    return check


def audit_rows(desk: Desk, action: str) -> list[tuple[str, str]]:
    with sqlite3.connect(desk.db) as conn:
        return conn.execute(
            "SELECT actor, detail FROM audit WHERE action = ? ORDER BY id", (action,)
        ).fetchall()


def test_find_a_caller_by_the_last_four_digits_and_by_the_full_number(page: Any, desk: Desk) -> None:
    log_in(page, desk)
    page.click("nav >> text=欠薪投诉")
    page.fill("input[name=q]", "1234")
    page.click("button:has-text('筛选')")
    page.wait_for_url("**/desk/complaints?*q=1234*")
    rows = page.locator("table.list tbody tr")
    assert rows.count() == 1 and desk.old_case in rows.first.inner_text()
    assert "138****1234" in rows.first.inner_text() and "13812341234" not in page.content()
    shoot(page, "casework-caller-tail", each=_compact_header(page))
    # At phone width the list is cards: no header row, each value labelled, 状态 on one line.
    page.set_viewport_size({"width": 390, "height": 900})
    assert page.locator("table.list thead").is_hidden()
    chip = page.locator("table.list tbody tr span.status").first
    assert chip.evaluate("el => el.getClientRects().length") == 1
    assert chip.bounding_box()["height"] < 30
    label = rows.first.locator("td.phone").evaluate("el => getComputedStyle(el, '::before').content")
    assert label == '"电话"'  # each value is labelled (from data-label)
    page.set_viewport_size({"width": 1366, "height": 900})

    # "/" from a page without a search box opens the global search; the full number finds the case.
    page.click(f"text={desk.old_case}")
    page.wait_for_url(f"**/desk/complaints/{desk.old_case}")
    page.keyboard.press("/")
    page.wait_for_url("**/desk/search")
    # autofocus: Chromium applies it at its next rendering step, which may come after "load"
    page.wait_for_function("document.activeElement && document.activeElement.name === 'q'", timeout=5000)
    page.keyboard.type("138 1234 1234")
    page.keyboard.press("Enter")
    page.wait_for_url("**/desk/search?q=*")
    cards = page.locator("section[aria-label=投诉] li.card")
    assert cards.count() == 1 and desk.old_case in cards.first.inner_text()
    shoot(page, "casework-caller-search", each=_compact_header(page))
    searches = audit_rows(desk, "search_caller")
    assert [a for a, _ in searches] == ["wang", "wang"]
    assert "电话尾号 1234" in searches[0][1] and "138****1234" in searches[1][1]
    assert not any("13812341234" in d for _, d in searches)


def test_give_a_case_to_a_colleague_note_and_callback(page: Any, desk: Desk) -> None:
    log_in(page, desk)
    page.goto(desk.base + f"/desk/complaints/{desk.new_case}")
    assert page.locator("dd.assignee").inner_text() == "还没人接手"
    assert "139****6789" in page.content() and "13955556789" not in page.content()
    counted = page.locator("dt:has-text('被欠薪人数') + dd").inner_text()
    assert counted == "不清楚", counted
    page.select_option("select[name=assignee]", "li")
    page.click("button:has-text('指派')")
    page.wait_for_selector("p.flash.ok")
    assert "已交给 li" in page.locator("p.flash.ok").inner_text()
    assert page.locator("dd.assignee").inner_text() == "li"
    page.click("button:has-text('我来办')")
    page.wait_for_selector("p.flash.ok >> text=已交给 wang")
    assert page.locator("dd.assignee").inner_text() == "wang"
    page.fill("form.note-form textarea[name=body]", "老板电话打不通，明天去工地项目部")
    page.click("button:has-text('添加备注')")
    page.wait_for_selector("ol.notes li.note")
    page.select_option("form.callback-form select[name=outcome]", "已接通")
    page.fill("form.callback-form textarea[name=body]", "工人说项目部答应月底前结清")
    page.click("button:has-text('记录回访')")
    page.wait_for_selector("ol.notes li.callback")
    assert "回访：已接通" in page.locator("ol.notes li.callback").inner_text()
    shoot(page, "casework-case-work", each=_compact_header(page))
    # The list shows who has it, and "我经办的" finds it.
    page.goto(desk.base + "/desk/complaints?assignee=me")
    rows = page.locator("table.list tbody tr")
    assert rows.count() == 1 and desk.new_case in rows.first.inner_text()
    assert [a for a, _ in audit_rows(desk, "assign")] == ["wang", "wang"]
    assert audit_rows(desk, "case_note")[0][0] == "wang" and audit_rows(desk, "callback")[0][1] == "已接通"


def test_overdue_filter(page: Any, desk: Desk) -> None:
    log_in(page, desk)
    page.click("nav >> text=欠薪投诉")
    assert page.locator("table.list tbody tr").count() == 2
    page.check("input[name=overdue]")
    page.click("button:has-text('筛选')")
    page.wait_for_url("**/desk/complaints?*overdue=1*")
    rows = page.locator("table.list tbody tr")
    assert rows.count() == 1 and desk.old_case in rows.first.inner_text()
    assert rows.first.locator(".chip.overdue").inner_text() == "超期"
    assert "其中 1 条超期" in page.locator("p.count").inner_text()
    shoot(page, "casework-overdue", each=_compact_header(page))
    page.goto(desk.base + f"/desk/complaints/{desk.old_case}")
    assert "已超期" in page.locator("dl.fields").inner_text()
