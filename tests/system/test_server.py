"""The bot as real server processes on 127.0.0.1, talked to over real HTTP."""

from __future__ import annotations

import threading
import urllib.parse
import urllib.request
from pathlib import Path

from helpers.server import bot_server, free_port, write_config
from helpers.wechat import WeChat, text_xml

from bot.config import load


def post(url: str, query: dict[str, str], body: bytes) -> tuple[int, bytes]:
    req = urllib.request.Request(
        f"{url}/wechat?{urllib.parse.urlencode(query)}", data=body, headers={"Content-Type": "text/xml"}
    )
    with urllib.request.urlopen(req, timeout=10) as resp:
        return resp.status, resp.read()


def test_real_server_answers_an_encrypted_text(tmp_path: Path) -> None:
    port = free_port()
    cfg = write_config(tmp_path / "config.toml", tmp_path / "bot.db", port, mode="safe")
    wechat = WeChat(load(cfg).wechat)
    with bot_server(cfg, port) as url:
        status, body = post(url, *wechat.push(text_xml("春节加班费怎么算", openid="o-real")))
    assert status == 200
    reply = wechat.open_reply(body)
    assert reply["ToUserName"] == "o-real"
    assert "300%" in reply["Content"]


def test_same_msgid_to_two_processes_at_once_is_processed_once(tmp_path: Path) -> None:
    """WeChat's redelivery can land on another worker while the first is still busy."""
    db = tmp_path / "bot.db"
    ports = [free_port(), free_port()]
    cfgs = [write_config(tmp_path / f"c{i}.toml", db, p) for i, p in enumerate(ports)]
    wechat = WeChat(load(cfgs[0]).wechat)
    with bot_server(cfgs[0], ports[0]) as a, bot_server(cfgs[1], ports[1]) as b:
        for round_ in range(10):
            xml = text_xml(f"随便问问第{round_}个怪问题", openid="o-race", msg_id=900_000 + round_).encode()
            barrier = threading.Barrier(4)
            replies: list[bytes] = []

            def send(
                url: str,
                xml: bytes = xml,
                barrier: threading.Barrier = barrier,
                replies: list[bytes] = replies,
            ) -> None:
                query = wechat.query()
                barrier.wait()
                replies.append(post(url, query, xml)[1])

            threads = [threading.Thread(target=send, args=(u,)) for u in (a, b, a, b)]
            for t in threads:
                t.start()
            for t in threads:
                t.join(timeout=20)
            contents = {wechat.open_reply(r)["Content"] for r in replies}
            assert len(replies) == 4 and len(contents) == 1
    import sqlite3

    with sqlite3.connect(db) as conn:
        n = conn.execute("SELECT COUNT(*) FROM unanswered WHERE user_hash IS NOT NULL").fetchone()[0]
        keys = conn.execute("SELECT COUNT(*) FROM processed WHERE key LIKE 'msg:o-race:%'").fetchone()[0]
    assert keys == 10
    assert n == 10  # one per distinct message, none doubled
