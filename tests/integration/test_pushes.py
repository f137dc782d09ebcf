"""Every message and event type WeChat sends (161 pushes from two SDKs' test suites) gets a clean answer."""

from __future__ import annotations

import json

import pytest
from helpers.harness import Harness
from helpers.paths import DATA, SHARED

from bot.wechat.push import parse_fields

DATA = DATA / "wechat-pushes.jsonl"
SHARED = SHARED / "eval" / "wechat-pushes.jsonl"
PUSHES = [json.loads(line) for line in DATA.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_fixture_matches_the_shared_eval_set() -> None:
    assert len(PUSHES) == 161
    if SHARED.is_file():
        assert SHARED.read_text(encoding="utf-8") == DATA.read_text(encoding="utf-8")


@pytest.mark.parametrize("mode", ["plain", "safe"])
def test_every_push_gets_success_or_an_addressed_reply(harness_factory, mode: str) -> None:
    h: Harness = harness_factory(mode)
    replies = 0
    for i, push in enumerate(PUSHES):
        sent = parse_fields(push["xml"])
        resp = h.post(push["xml"])
        assert resp.status_code == 200, (i, push["type"], resp.data)
        if resp.data == b"success":
            continue
        reply = h.wechat.open_reply(resp.data)
        assert reply["ToUserName"] == sent["FromUserName"], (i, push["type"])
        assert reply["FromUserName"] == sent["ToUserName"], (i, push["type"])
        assert reply["MsgType"] == "text" and reply["Content"].strip()
        replies += 1
    # Messages from people (text, voice, image, location…) are answered; system events are not.
    assert replies >= 60
