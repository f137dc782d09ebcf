"""The officials' 群发 pages in a real browser (headless Chromium via Playwright) against a real
server process, with the WeChat emulator over HTTP: compose → preview → test send → schedule →
quota refusal → cancel, all in the audit log.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browser_helpers import browser_fixture, pytestmark  # noqa: F401 - the fixture and the skip mark
from conftest import AES_KEY
from emulator_helpers import run_emulator
from server_helpers import bot_server, free_port

from bot.staff import accounts
from bot.storage.store import Store, User

PASSWORD = "correct-horse-battery"
TESTER = "o-tester-phone"


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

    # Schedule it.
    page.click("button[value=save]")
    expect(page.locator(".flash.ok")).to_contain_text("已安排：2031年2月9日 09:00 发送一次，发给安庆")
    expect(page.locator("h1 .status")).to_have_text("待发送")
    detail = page.url

    # The same day again: the subscription account's quota refuses, saying why.
    page.goto(base + "/desk/broadcasts/new?template=dalian/notice-1")
    page.fill("input[name=once_at]", "2031-02-09T15:00")
    page.click("button[value=save]")
    expect(page.locator("ul.problems")).to_contain_text("订阅号每天只能群发 1 次")

    # Cancel the first one.
    page.goto(detail)
    page.check("input[name=confirm]")
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
