"""Property-based fuzzing of the webhook: whatever arrives, no 500, no hang, and replies that parse."""

from __future__ import annotations

import time
from datetime import date
from xml.etree import ElementTree

import pytest
from helpers.harness import Harness, make_settings
from helpers.wechat import cdata, text_xml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.wechat.push import clean_text, render_text

FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
DEADLINE = 4.0  # seconds; WeChat waits 5


@pytest.fixture(scope="module", params=["plain", "safe"])
def fuzz_harness(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Harness:
    h = Harness(make_settings(tmp_path_factory.mktemp("fuzz"), request.param))
    h.services.bot.today = lambda: date(2021, 2, 1)
    return h


def check(h: Harness, resp, started: float, openid: str | None = None) -> dict[str, str] | None:
    assert time.monotonic() - started < DEADLINE
    assert resp.status_code != 500
    if resp.status_code == 200 and resp.data != b"success":
        reply = h.wechat.open_reply(resp.data)
        if openid is not None:
            assert reply["ToUserName"] == clean_text(openid).strip()
        assert reply["Content"].strip()
        return reply
    return None


any_text = st.text(alphabet=st.characters(codec="utf-8"), max_size=400)
hostile_text = st.one_of(
    any_text,
    st.text(alphabet="]]><&'\"\x00\x01\x0b\x1f\ufffe欠薪工资安庆大连 ", max_size=200),
    st.sampled_from(["]]>", "<![CDATA[", "&lol;", "\x00" * 50, "欠" * 3000, "１２３３３", "加 班 费"]),
)


@FAST
@given(content=hostile_text, openid=st.text(alphabet="o-_]]>&<abc123", min_size=1, max_size=40))
def test_any_text_gets_a_well_formed_addressed_reply(
    fuzz_harness: Harness, content: str, openid: str
) -> None:
    started = time.monotonic()
    resp = fuzz_harness.post(text_xml(content, openid=openid))
    if not clean_text(openid).strip():
        assert resp.status_code in (200, 400)
        return
    assert resp.status_code == 200
    check(fuzz_harness, resp, started, openid)


@FAST
@given(body=st.binary(max_size=2000))
def test_random_bytes_never_500(fuzz_harness: Harness, body: bytes) -> None:
    started = time.monotonic()
    resp = fuzz_harness.client.post(fuzz_harness.path, query_string=fuzz_harness.wechat.query(), data=body)
    check(fuzz_harness, resp, started)


tags = st.sampled_from(
    [
        "ToUserName",
        "FromUserName",
        "CreateTime",
        "MsgType",
        "Content",
        "MsgId",
        "Event",
        "EventKey",
        "Latitude",
        "Longitude",
        "Location_X",
        "Location_Y",
        "Recognition",
        "Label",
        "Encrypt",
        "x",
    ]
)
values = st.one_of(
    st.text(max_size=30),
    st.sampled_from(
        [
            "text",
            "event",
            "voice",
            "location",
            "image",
            "subscribe",
            "CLICK",
            "LOCATION",
            "nan",
            "inf",
            "-1",
            "99999999999999999999999",
            "1e309",
            "",
        ]
    ),
)


@st.composite
def structures(draw: st.DrawFn) -> str:
    """XML with random fields, random values of the wrong type, nesting and truncation."""
    parts = []
    for tag, value in draw(st.lists(st.tuples(tags, values), max_size=12)):
        inner = cdata(value) if draw(st.booleans()) else f"<{tag}>{cdata(value)}</{tag}>"
        parts.append(f"<{tag}>{inner}</{tag}>")
    root = draw(st.sampled_from(["xml", "xml", "xml", "XML", "root"]))
    doc = f"<{root}>{''.join(parts)}</{root}>"
    cut = draw(st.integers(min_value=0, max_value=len(doc)))
    return doc if draw(st.booleans()) else doc[:cut]


@FAST
@given(doc=structures())
def test_broken_structure_and_wrong_types_never_500(fuzz_harness: Harness, doc: str) -> None:
    started = time.monotonic()
    resp = fuzz_harness.post(doc)
    assert resp.status_code in (200, 400, 403)
    check(fuzz_harness, resp, started)


@settings(max_examples=300, deadline=None)
@given(to=any_text, sender=any_text, content=hostile_text)
def test_rendered_reply_round_trips_the_text_it_meant_to_send(to: str, sender: str, content: str) -> None:
    root = ElementTree.fromstring(render_text(to, sender, content))
    assert root.findtext("ToUserName") == clean_text(to)
    assert root.findtext("FromUserName") == clean_text(sender)
    assert root.findtext("Content") == clean_text(content)


def test_huge_but_allowed_input_is_answered_quickly(fuzz_harness: Harness) -> None:
    text = "老板欠我工资不给怎么办" * 600  # ~20 KB of UTF-8 (WeChat itself caps texts near 2 KB)
    started = time.monotonic()
    resp = fuzz_harness.post(text_xml(text))
    assert resp.status_code == 200
    check(fuzz_harness, resp, started, "o-worker-1")
