"""The officials' 群发 pages in a real browser (headless Chromium via Playwright) against a real
server process, with the WeChat emulator over HTTP: compose → preview → test send → schedule →
quota refusal → cancel, all in the audit log; a past-dated template is not scheduled without the
typed confirmation beside the schedule button, and a duplicate within 7 days warns. Screenshots
(1366 px and 390 px wide) go to var/screenshots/.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from helpers.browser import browser_fixture, shoot  # noqa: F401 - the fixture
from helpers.browser import pytestmark as needs_chromium
from helpers.emulator import run_emulator
from helpers.harness import AES_KEY
from helpers.paths import SHOTS
from helpers.server import bot_server, free_port

from bot.staff import accounts
from bot.storage.store import Store, User

pytestmark = [needs_chromium, pytest.mark.browser]

PASSWORD = "correct-horse-battery"
TESTER = "o-tester-phone"
SENDER = "安庆市就业工作领导小组办公室"


def login(browser: Any, base: str) -> Any:
    page = browser.new_context(locale="zh-CN", viewport={"width": 1366, "height": 900}).new_page()
    page.set_default_timeout(15_000)
    page.goto(base + "/desk/login")
    page.fill("input[name=name]", "liu")
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    return page


def rows(db: Path) -> list[tuple[Any, ...]]:
    with sqlite3.connect(db) as conn:
        return conn.execute(
            "SELECT b.id, b.sender, s.status FROM broadcasts b"
            " JOIN broadcast_sends s ON s.broadcast_id = b.id"
        ).fetchall()


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Any, Path]]:
    tmp = tmp_path_factory.mktemp("desk-broadcasts")
    db = tmp / "bot.db"
    port = free_port()
    with run_emulator(app_id="wx1234567890abcdef", app_secret="test-secret", token="test-token") as emu:
        section = f'\n[broadcasts]\npreview_openids = ["{TESTER}"]\n'
        config = tmp / "config.toml"
        config.write_text(
            f"""
[wechat]
token = "test-token"
app_id = "wx1234567890abcdef"
app_secret = "test-secret"
encoding_aes_key = "{AES_KEY}"
api_base_url = "{emu.url}/cgi-bin/"

[server]
host = "127.0.0.1"
port = {port}

[storage]
database = "{db}"
{section}""",
            encoding="utf-8",
        )
        store = Store(db)
        accounts.add_user(store, "liu", "official", PASSWORD)
        for openid in ("o-1", "o-2"):
            store.save_user(User(openid, region="anqing"))
        store.close()
        emu.state.add_follower(TESTER)
        with bot_server(config, port) as base:  # `python -m bot serve`: no scheduler for this config
            yield base, emu, db


def test_compose_preview_schedule_cancel(browser: Any, server: tuple[str, Any, Path]) -> None:
    from playwright.sync_api import expect

    base, emu, db = server
    page = browser.new_context(locale="zh-CN").new_page()
    page.set_default_timeout(15_000)
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))

    page.goto(base + "/desk/login")
    page.fill("input[name=name]", "liu")
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.goto(base + "/desk/broadcasts/")
    expect(page.locator("h1")).to_have_text("群发（慰问信、通知）")

    # Compose: pick letter + Anqing, take the template, edit the text.
    page.click("text=新建群发")
    page.select_option("select[name=kind]", "letter")
    page.select_option("select[name=region]", "anqing")
    page.click("text=看模板")
    page.click("text=致留在安庆过年务工朋友的慰问信")
    body = page.locator("textarea[name=body]")
    expect(body).to_contain_text("亲爱的务工朋友")
    body.fill(body.input_value() + "\n附：{region_name}总工会向您问好。")
    page.fill("input[name=sender]", SENDER)
    expect(page.locator("input[name=regions][value=anqing]")).to_be_checked()
    page.fill("input[name=once_at]", "2031-02-09T09:00")

    # Preview as on a phone: placeholders filled for Anqing.
    page.click("button[value=preview]")
    phone = page.locator("#phone-text")
    expect(phone).to_contain_text("【致留在安庆过年务工朋友的慰问信】")
    expect(phone).to_contain_text("附：安庆市总工会向您问好。")
    expect(phone).to_contain_text("2031年2月9日")
    expect(page.locator("text=约 2 位关注者会收到")).to_be_visible()

    # A preview to the test OpenID, through WeChat's preview API.
    page.click("button[value=test]")
    expect(page.locator(".flash.ok")).to_contain_text("预览已发给 1 个测试号")
    with emu.state.lock:
        got = emu.state.inbox[TESTER]
        assert [m["type"] for m in got] == ["preview"]
        assert "附：安庆市总工会向您问好。" in got[0]["text"]

    # Schedule it: the 2021 campaign is long over, so the typed confirmation goes beside the button.
    expect(page.locator("#caution-stale")).to_contain_text("活动期")
    page.fill("input[name=confirm_stale]", "确认照发")
    page.click("button[value=save]")
    expect(page.locator(".flash.ok")).to_contain_text("已安排：2031年2月9日 09:00 发送一次，发给安庆")
    expect(page.locator("h1 .status")).to_have_text("待发送")
    detail = page.url

    # The same day again: the subscription account's quota refuses, saying why.
    page.goto(base + "/desk/broadcasts/new?template=dalian/notice-1")
    page.fill("input[name=once_at]", "2031-02-09T15:00")
    page.fill("input[name=sender]", "大连市人社局")
    page.click("button[value=save]")
    expect(page.locator("ul.problems")).to_contain_text("订阅号每天只能群发 1 次")

    # Cancel the first one: a dangerous action, its confirmation says what will happen.
    page.goto(detail)
    cancel = page.locator("form.danger-form").first
    expect(cancel).to_contain_text("确认取消：1 次待发送（2031-02-09 09:00 起，发给安庆")
    expect(cancel.locator("button.danger")).to_have_text("取消群发")
    shoot(page, "broadcasts-show")
    cancel.locator("input[name=confirm]").check()
    page.click("text=取消群发")
    expect(page.locator(".flash.ok")).to_contain_text("已取消")
    expect(page.locator("h1 .status")).to_have_text("已取消")
    trail = page.locator("table.list").last
    for action in ("安排群发", "取消群发"):
        expect(trail).to_contain_text(action)
    expect(trail).to_contain_text("liu")

    page.goto(base + "/desk/audit")  # the preview was of a draft: in the log, not under #1
    for action in ("安排群发", "群发预览", "取消群发"):
        expect(page.locator("body")).to_contain_text(action)
    assert not errors, errors

    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT status FROM broadcast_sends").fetchall() == [("cancelled",)]
    assert emu.state.count("message/mass/sendall") == 0


def test_a_past_dated_template_needs_the_typed_confirmation_and_a_duplicate_warns(
    browser: Any, server: tuple[str, Any, Path]
) -> None:
    from playwright.sync_api import expect

    base, emu, db = server
    page = login(browser, base)
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    before = rows(db)

    page.goto(base + "/desk/broadcasts/new?template=anqing/letter-1")
    page.fill("input[name=once_at]", "2031-03-10T09:00")
    page.fill("input[name=sender]", SENDER)
    # Straight to 安排发送: refused, and the reason sits beside the button with the field to type in.
    page.click("button[value=save]")
    stale = page.locator("#caution-stale")
    expect(stale).to_contain_text("活动期在2021年2月28日已经结束")
    box = page.locator(".bc-schedule")
    expect(box.locator("input[name=confirm_stale]")).to_be_visible()
    expect(box.locator("#schedule")).to_be_visible()
    shoot(page, "broadcasts-stale-refused")
    assert rows(db) == before

    # A tick or a wrong phrase is not a typed confirmation.
    page.fill("input[name=confirm_stale]", "确认")
    page.click("button[value=save]")
    expect(page.locator("#caution-stale")).to_be_visible()
    assert rows(db) == before

    page.fill("input[name=confirm_stale]", "确认照发")
    page.click("button[value=save]")
    expect(page.locator(".flash.ok")).to_contain_text("已安排：2031年3月10日 09:00 发送一次，发给安庆")
    first = page.url
    [(first_id, sender, status)] = [r for r in rows(db) if r not in before]
    assert (sender, status) == (SENDER, "scheduled")

    # The same template to the same region two days later: it warns and needs its own yes.
    page.goto(base + "/desk/broadcasts/new?template=anqing/letter-1")
    page.fill("input[name=once_at]", "2031-03-12T09:00")
    page.fill("input[name=sender]", SENDER)
    page.click("button[value=preview]")
    duplicate = page.locator("#caution-duplicate")
    expect(duplicate).to_contain_text("7 天内已经给安庆")
    expect(duplicate).to_contain_text(f"#{first_id}")
    page.fill("input[name=confirm_stale]", "确认照发")
    page.click("button[value=save]")
    expect(page.locator("#caution-duplicate")).to_be_visible()  # the stale yes alone is not enough
    shoot(page, "broadcasts-duplicate-warned")
    page.set_viewport_size({"width": 390, "height": 900})
    box.screenshot(path=str(SHOTS / "broadcasts-cautions-390.png"))  # the part to read, full size
    page.set_viewport_size({"width": 1366, "height": 900})
    assert len(rows(db)) == len(before) + 1
    page.check("input[name=confirm_duplicate]")
    page.click("button[value=save]")
    expect(page.locator(".flash.ok")).to_contain_text("已安排：2031年3月12日 09:00")
    trail = page.locator("table.list").last
    expect(trail).to_contain_text("已确认：活动期已过、7天内重复")
    assert len(rows(db)) == len(before) + 2

    # The first one's page: send-now is a dangerous action that says what it will do.
    page.goto(first)
    send_now = page.locator("form.danger-form").last
    expect(send_now).to_contain_text("确认立即发送：把 2031-03-10 09:00 那一次提前到现在")
    expect(send_now.locator("button.danger")).to_be_visible()
    assert not errors, errors
    assert emu.state.count("message/mass/sendall") == 0
