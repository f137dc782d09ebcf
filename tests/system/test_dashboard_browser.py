"""The dashboard in a real browser (headless Chromium) against a real server process.

A month of questions, cases, followers and broadcasts is written through the real Store before the
server starts. At desktop (1366 px) and phone (390 px) width: every chart is drawn by the vendored
ECharts from the table beside it (same numbers), nothing breaks the CSP, the page does not scroll
sideways, and on a phone the wide tables say they scroll. Full-page screenshots go to
var/screenshots/dashboard-*.png for review.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from helpers.browser import browser_fixture, pytestmark, shoot  # noqa: F401 - the fixture and the skip mark
from helpers.browser import log_in as sign_in
from helpers.desk import PASSWORD
from helpers.server import bot_server, free_port, write_config

from bot.complaints.register import Register
from bot.staff import accounts
from bot.storage.store import Store, User

DAY = 86400
FIELDS = {
    "employer": "宏达建筑劳务公司",
    "site": "安庆宜秀区某工地",
    "amount": 35000,
    "period": "3个月",
    "workers": 3,
    "phone": "13812341234",
    "name": "张三",
}
TOPICS = ("wage_arrears", "holiday_pay", "unemployment_benefit", "stay_subsidy", "job_services", "unknown")
PLACES = ("anqing", "anqing-yixiu", "dalian", "heilongjiang", "guangzhou-huangpu", None)


@dataclass
class Desk:
    base: str


def seed(db: Path) -> None:
    """Thirty days up to now: questions every day, cases of every age, followers, broadcasts."""
    now = time.time()
    clock = [now]
    store = Store(db, clock=lambda: clock[0])
    for back in range(30):
        clock[0] = now - back * DAY
        with store.transaction():
            for n in range(20 + (back * 7) % 13):
                topic = TOPICS[(n + back) % len(TOPICS)]
                place = PLACES[(n * 3 + back) % len(PLACES)]
                store.count_question(topic, place)
                if topic == "unknown" or n % 9 == 0:
                    store.record_unanswered("……", f"o-{n}", place)
    register = Register(store)
    for n, age in enumerate((0, 1, 2, 5, 9, 12, 20, 26, 40, 70)):
        clock[0] = now - age * DAY
        case = register.create(f"o-case-{n}", PLACES[n % 5], FIELDS)
        if n % 3 == 1:
            register.set_status(case.case_no, "已受理", "", "wang")
        if n % 4 == 3:
            register.set_status(case.case_no, "不予受理", "", "wang")
    clock[0] = now
    with store.transaction():
        for n in range(240):
            place = PLACES[n % len(PLACES)]
            store.save_user(User(f"o-f-{n}", region=place, subscribed=n % 7 != 0, followed=n % 11 != 0))
    conn = store.conn
    conn.execute(
        "INSERT INTO broadcasts (id, kind, title, body, regions, created_by, created, updated)"
        " VALUES (1, 'letter', '致留在安庆过年的朋友们的一封信', '…', '[\"anqing\"]', 'li', 0, 0)"
    )
    for n, (back, status) in enumerate(
        [(-2, "scheduled"), (-1, "scheduled"), (3, "sent"), (8, "sent"), (12, "failed")]
    ):
        msg_id = 500 + n if status == "sent" else None
        due = now - back * DAY
        conn.execute(
            "INSERT INTO broadcast_sends (broadcast_id, occurrence, region, due, status, clientmsgid, sent,"
            " msg_id) VALUES (1, ?, 'anqing', ?, ?, ?, ?, ?)",
            (f"d{n}", due, status, f"c-{n}", due if msg_id else None, msg_id),
        )
        if msg_id:
            conn.execute(
                "INSERT INTO mass_results (msg_id, status, total, filter_count, sent_count, error_count,"
                " received) VALUES (?, 'send success', 90, 88, ?, ?, ?)",
                (msg_id, 85 - n, n, due),
            )
    accounts.add_user(store, "li", "official", PASSWORD)
    accounts.add_user(store, "wang", "hotline", PASSWORD)
    store.close()


@pytest.fixture(scope="module")
def desk(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Desk]:
    tmp = tmp_path_factory.mktemp("dashboard")
    db = tmp / "bot.db"
    port = free_port()
    config = write_config(tmp / "config.toml", db, port)
    seed(db)
    with bot_server(config, port) as base:
        yield Desk(base)


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(locale="zh-CN", viewport={"width": 1366, "height": 900})
    pg = context.new_page()
    pg.set_default_timeout(15_000)
    errors: list[str] = []
    pg.on(
        "console",
        lambda m: (
            errors.append(m.text) if m.type == "error" and "Failed to load resource" not in m.text else None
        ),
    )
    pg.on("pageerror", lambda e: errors.append(str(e)))
    # The browser's own favicon probe is not the page's doing; any other failed request is.
    pg.on(
        "response",
        lambda r: (
            errors.append(f"{r.status} {r.url}") if r.status >= 400 and "favicon" not in r.url else None
        ),
    )
    pg.console_errors = errors
    try:
        yield pg
    finally:
        context.close()


def log_in(page: Any, desk: Desk, name: str) -> None:
    sign_in(page, desk.base, name, PASSWORD)
    charts_drawn(page)


def charts_drawn(page: Any) -> int:
    page.wait_for_function(
        "document.querySelectorAll('.chart').length > 0 &&"
        " document.querySelectorAll('.chart.drawn').length === document.querySelectorAll('.chart').length"
    )
    return int(page.evaluate("document.querySelectorAll('.chart').length"))


# Per chart: its size, whether its canvas has ink, and its series data next to its table's numbers.
INSPECT = """() => Array.from(document.querySelectorAll('.chart')).map(el => {
  const table = document.getElementById(el.dataset.table);
  const heads = Array.from(table.tHead.rows[0].cells).slice(1);
  const rows = Array.from(table.tBodies[0].rows);
  if (el.dataset.reverse) rows.reverse();
  const fromTable = heads.map((th, i) => th.dataset.series ? rows.map(r => {
    const v = r.cells[i + 1].dataset.v; return v === undefined ? null : Number(v); }) : null).filter(x => x);
  const chart = echarts.getInstanceByDom(el);
  const canvas = el.querySelector('canvas');
  const ctx = canvas.getContext('2d');
  const px = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
  let ink = 0;
  for (let i = 3; i < px.length; i += 16) if (px[i] > 0) ink++;
  const box = el.getBoundingClientRect();
  const tbox = table.closest('.table-wrap').getBoundingClientRect();
  return {id: el.dataset.table, width: box.width, drawnWidth: chart.getWidth(), height: box.height,
          left: box.left, right: box.right, top: box.top, ink: ink,
          tableLeft: tbox.left, tableRight: tbox.right, tableTop: tbox.top,
          series: chart.getOption().series.map(s => s.data), table: fromTable};
})"""


def test_official_desktop_every_chart_beside_its_table(page: Any, desk: Desk) -> None:
    log_in(page, desk, "li")
    # The search box is focused on load.
    # (Chromium applies autofocus at its next rendering step, which may come after "load")
    page.wait_for_function("document.activeElement && document.activeElement.name === 'q'", timeout=5000)
    charts = page.evaluate(INSPECT)
    ids = {c["id"] for c in charts}
    assert {
        "t-topics",
        "t-regions",
        "t-unanswered",
        "t-followers",
        "t-results",
        "t-complaints",
        "t-ages",
    } <= ids
    for c in charts:
        assert c["width"] > 300 and c["height"] >= 240, c["id"]
        assert abs(c["drawnWidth"] - c["width"]) < 2, (
            f"{c['id']}: drawn {c['drawnWidth']}px in a {c['width']}px box"
        )
        assert c["ink"] > 500, f"{c['id']}: the canvas is blank"
        assert c["series"] == c["table"], f"{c['id']}: the chart does not draw its table's numbers"
        if c["id"] in ("t-unanswered", "t-followers", "t-complaints", "t-ages"):
            # Beside: the table starts right of the chart, on the same row.
            assert c["tableLeft"] >= c["right"] - 1 and abs(c["tableTop"] - c["top"]) < 40, c["id"]
    assert page.locator("#t-topics thead th").first.inner_text() == "日期"
    assert page.locator("ul.kpis li").count() == 5
    shoot(page, "dashboard-official", widths=(1366,), restore=None)
    # The weekly view draws too.
    page.click("nav.span-switch >> text=按周")
    page.wait_for_url("**/desk/?by=week")
    charts_drawn(page)
    assert page.locator("#t-topics tbody tr").count() == 12
    shoot(page, "dashboard-official-week", widths=(1366,), restore=None)
    assert page.console_errors == []


def test_official_phone_charts_fit_and_wide_tables_say_they_scroll(page: Any, desk: Desk) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    log_in(page, desk, "li")
    charts = page.evaluate(INSPECT)
    for c in charts:
        assert c["left"] >= 0 and c["right"] <= 390, c["id"]
        assert c["width"] > 300 and c["ink"] > 500, c["id"]
        assert abs(c["drawnWidth"] - c["width"]) < 2, c["id"]
        assert c["tableTop"] > c["top"], f"{c['id']}: on a phone the table comes under the chart"
        assert c["tableLeft"] >= 0 and c["tableRight"] <= 390, c["id"]
    # The topics table is wider than the phone: it scrolls inside its box and says so.
    cue = page.locator("#p-topics .scroll-cue")
    assert cue.is_visible() and "左右滑动" in cue.inner_text()
    # Its first column (the date) stays in view while the numbers scroll.
    page.eval_on_selector("#p-topics .table-wrap", "w => { w.scrollLeft = 400; }")
    first = page.evaluate("document.querySelector('#t-topics tbody th').getBoundingClientRect().left")
    wrap = page.evaluate("document.querySelector('#p-topics .table-wrap').getBoundingClientRect().left")
    assert abs(first - wrap) <= 2
    page.eval_on_selector("#p-topics .table-wrap", "w => { w.scrollLeft = 0; }")
    # A narrow table needs no cue.
    assert not page.locator("#p-unanswered .scroll-cue").is_visible()
    # Key numbers two to a row, readable; an odd last one takes the whole row.
    boxes = page.evaluate(
        "Array.from(document.querySelectorAll('ul.kpis li')).map(li => li.getBoundingClientRect().width)"
    )
    assert all(150 < w < 195 for w in boxes[:4]) and boxes[4] > 300, boxes  # the fifth: a row of its own
    shoot(page, "dashboard-official", widths=(390,), restore=None)
    assert page.console_errors == []


@pytest.mark.parametrize("width", [1366, 390])
def test_hotline_sees_cases_first_and_no_followers(page: Any, desk: Desk, width: int) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    log_in(page, desk, "wang")
    assert page.locator("#t-followers").count() == 0 and page.locator("#t-upcoming").count() == 0
    order = page.evaluate("Array.from(document.querySelectorAll('section.panel')).map(s => s.id)")
    assert order[:2] == ["p-complaints", "p-ages"]
    overdue = page.locator("ul.kpis li", has_text="没办结的投诉")
    assert "超期" in overdue.inner_text()
    # The overdue count leads to the overdue cases.
    overdue.locator("a").click()
    page.wait_for_url("**/desk/complaints?overdue=1")
    page.go_back()
    charts_drawn(page)
    shoot(page, "dashboard-hotline", widths=(width,), restore=None)
    # A chart's CSV link downloads its table.
    with page.expect_download() as info:
        page.click("#p-ages a.csv")
    path = info.value.path()
    text = Path(path).read_text(encoding="utf-8-sig")
    assert text.splitlines()[0] == "已等,待受理,已受理,处理中,合计,超期"
    assert page.console_errors == []
