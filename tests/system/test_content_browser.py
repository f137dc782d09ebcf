"""内容维护 in a real browser (headless Chromium via Playwright) against two real server processes.

An official edits an answer at the desk of one `python -m bot serve`, previews it as on a phone and
publishes; a worker's push (signed as WeChat signs it) to the *other* server process gets the new
text within seconds, without a restart; one click restores the shipped text there too; the audit
log shows both. Screenshots (1366 px and 390 px wide) go to var/screenshots/.
"""

from __future__ import annotations

import itertools
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from helpers.browser import browser_fixture, shoot  # noqa: F401 - the fixture
from helpers.browser import pytestmark as needs_chromium
from helpers.harness import AES_KEY
from helpers.server import bot_server, free_port, write_config
from helpers.wechat import WeChat, text_xml

from bot.config import WeChatSettings
from bot.staff import accounts
from bot.storage.store import Store

pytestmark = [needs_chromium, pytest.mark.browser]

PASSWORD = "correct-horse-battery"
QUESTION = "法律援助怎么申请"
ADDED = "不知道找谁，就先打这个电话。"


@dataclass
class Servers:
    desk: str
    worker: str


@pytest.fixture(scope="module")
def servers(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Servers]:
    tmp = tmp_path_factory.mktemp("content-browser")
    db = tmp / "bot.db"
    store = Store(db)
    accounts.add_user(store, "li", "official", PASSWORD)
    store.close()
    ports = free_port(), free_port()
    configs = [
        write_config(tmp / f"config-{p}.toml", db, p, extra="[content]\nreload_seconds = 1.0\n")
        for p in ports
    ]
    with bot_server(configs[0], ports[0]) as desk, bot_server(configs[1], ports[1]) as worker:
        yield Servers(desk, worker)


def ask(base: str, text: str, openid: str) -> str:
    """A worker's text message, pushed over HTTP and signed as WeChat does; the reply's text."""
    wechat = WeChat(WeChatSettings(token="test-token", app_id="wx1234567890abcdef", encoding_aes_key=AES_KEY))
    query, body = wechat.push(text_xml(text, openid))
    request = urllib.request.Request(
        f"{base}/wechat?{urllib.parse.urlencode(query)}", data=body, headers={"Content-Type": "text/xml"}
    )
    with urllib.request.urlopen(request, timeout=10) as resp:
        return wechat.open_reply(resp.read())["Content"]


_ASKERS = itertools.count(1)


def wait_for_reply(base: str, want: Any, seconds: float = 20.0) -> tuple[str, float]:
    """Ask until ``want(reply)`` holds (a deadline, no fixed sleep); the reply and the seconds it took."""
    started = time.monotonic()
    while True:
        # a new worker each time: the same worker asking again would get the whole answer
        reply = ask(base, QUESTION, f"o-content-{next(_ASKERS)}")
        if want(reply) or time.monotonic() - started > seconds:
            return reply, time.monotonic() - started
        time.sleep(0.1)  # between polls only: the deadline decides


def test_edit_preview_publish_reaches_another_process_and_rollback_restores(
    browser: Any, servers: Servers
) -> None:
    before = ask(servers.worker, QUESTION, "o-content-0")
    page = browser.new_context(locale="zh-CN", viewport={"width": 1366, "height": 900}).new_page()
    page.set_default_timeout(15_000)
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(servers.desk + "/desk/login")
    page.fill("input[name=name]", "li")
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.click("nav >> text=内容维护")
    page.wait_for_url("**/desk/content")
    shoot(page, "content-index")
    page.locator("table.list tr", has_text="法律援助").locator("a").click()
    page.wait_for_url("**/desk/content/answer/national/legal_aid")

    body = page.locator("textarea[name=body]")
    first, rest = body.input_value().split("\n", 1)
    assert first in before  # the form holds what workers get now
    body.fill(f"{first}{ADDED}\n{rest}")
    page.fill("input[name=note]", "第一行补一句")
    assert "正文" in page.locator("#count").inner_text()  # the live character count (nonce script ran)
    shoot(page, "content-edit")
    page.click("button:has-text('保存草稿并预览')")
    page.wait_for_url("**/desk/content/revision/*")
    phone = page.locator(".phone .preview-text").first.inner_text()
    assert ADDED in phone and "依据：" in phone
    assert ADDED in page.locator("pre.diff .add").first.inner_text()
    shoot(page, "content-preview")
    assert ADDED not in ask(servers.worker, QUESTION, "o-content-draft")  # a draft is not live

    page.click("button#publish")
    page.wait_for_selector("p.flash.ok")
    assert "已发布" in page.locator("p.flash.ok").inner_text()
    reply, took = wait_for_reply(servers.worker, lambda r: ADDED in r)
    assert ADDED in reply, f"the other server still answers the old text after {took:.1f}s"
    print(f"published text served by the other process after {took:.2f}s")

    page.goto(servers.desk + "/desk/content/answer/national/legal_aid")
    assert page.locator("details.version").count() == 1
    shoot(page, "content-history")
    page.click("button:has-text('恢复到文件里的原版')")
    page.wait_for_selector("p.flash.ok")
    reply, took = wait_for_reply(servers.worker, lambda r: ADDED not in r)
    assert reply == before, f"rollback not served after {took:.1f}s"
    print(f"rollback served by the other process after {took:.2f}s")

    page.click("nav >> text=操作记录")
    log = page.locator("table.list").inner_text()
    assert "发布内容" in log and "恢复内容旧版本" in log and "答复 national/legal_aid" in log
    shoot(page, "content-audit")
    assert not [e for e in errors if "Content Security Policy" in e], errors
