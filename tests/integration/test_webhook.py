"""Security and robustness of the webhook, over real signed (and AES-encrypted) requests."""

from __future__ import annotations

import time
from xml.etree import ElementTree

import pytest
from helpers.harness import Harness
from helpers.wechat import WeChat, event_xml, text_xml, voice_xml

from bot.config import WeChatSettings
from bot.wechat.push import parse_fields, render_text


def test_handshake_returns_echostr_only_when_signed(harness: Harness) -> None:
    q = harness.wechat.query() | {"echostr": "1234567890abc"}
    assert harness.client.get(harness.path, query_string=q).data == b"1234567890abc"
    forged = q | {"signature": "0" * 40}
    assert harness.client.get(harness.path, query_string=forged).status_code == 403
    bad_echo = harness.wechat.query() | {"echostr": "<script>"}
    assert harness.client.get(harness.path, query_string=bad_echo).status_code == 400


def test_text_gets_an_addressed_reply_in_every_mode(any_mode: Harness) -> None:
    reply = any_mode.say("过年加班工资怎么算", openid="o-mode-test")
    assert "300%" in reply


def test_safe_mode_reply_is_encrypted_and_signed(harness_factory) -> None:
    h = harness_factory("safe")
    resp = h.post(text_xml("你好"))
    outer = parse_fields(resp.data.decode())
    assert set(outer) >= {"Encrypt", "MsgSignature", "TimeStamp", "Nonce"}
    assert "Content" not in outer
    assert "留工助手" in h.wechat.open_reply(resp.data)["Content"]


@pytest.mark.parametrize("mode", ["plain", "safe"])
def test_forged_signature_is_refused(harness_factory, mode: str) -> None:
    h = harness_factory(mode)
    query, body = h.wechat.push(text_xml("你好"))
    query["signature"] = "f" * 40
    resp = h.client.post(h.path, query_string=query, data=body)
    assert resp.status_code == 403


@pytest.mark.parametrize("skew", [-301, 301, -3600])
def test_replayed_or_future_timestamp_is_refused(harness: Harness, skew: int) -> None:
    resp = harness.post(text_xml("你好"), timestamp=int(time.time()) + skew)
    assert resp.status_code == 403
    assert b"window" in resp.data


def test_timestamp_inside_window_is_accepted(harness: Harness) -> None:
    assert harness.post(text_xml("你好"), timestamp=int(time.time()) - 200).status_code == 200


def test_safe_mode_refuses_downgrade_to_plain(harness_factory) -> None:
    h = harness_factory("safe")
    resp = h.post(text_xml("你好"), encrypt=False)
    assert resp.status_code == 403


def test_safe_mode_checks_msg_signature(harness_factory) -> None:
    h = harness_factory("safe")
    query, body = h.wechat.push(text_xml("你好"))
    query["msg_signature"] = "0" * 40
    assert h.client.post(h.path, query_string=query, data=body).status_code == 403


def test_safe_mode_checks_decrypted_app_id(harness_factory) -> None:
    h = harness_factory("safe")
    other = WeChat(WeChatSettings(**{**h.settings.wechat.__dict__, "app_id": "wxOTHERAPP0000000"}))
    query, body = other.push(text_xml("你好"))
    resp = h.client.post(h.path, query_string=query, data=body)
    assert resp.status_code == 403
    assert b"AppID" in resp.data


def test_garbage_ciphertext_is_a_clean_400(harness_factory) -> None:
    h = harness_factory("safe")
    enc = "bm90IGEgcmVhbCBjaXBoZXJ0ZXh0"
    query = h.wechat.query(enc) | {"encrypt_type": "aes"}
    body = f"<xml><Encrypt><![CDATA[{enc}]]></Encrypt></xml>"
    assert h.client.post(h.path, query_string=query, data=body).status_code == 400


def test_oversized_body_is_413(harness: Harness) -> None:
    big = text_xml("欠薪" * 40_000)
    assert len(big.encode()) > harness.settings.server.max_body_bytes
    assert harness.post(big).status_code == 413


HOSTILE = {
    "billion laughs": '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    '<!ENTITY lol2 "&lol;&lol;&lol;">]>'
    "<xml><ToUserName>a</ToUserName><FromUserName>b</FromUserName><MsgType>text</MsgType>"
    "<Content>&lol2;</Content></xml>",
    "external entity": '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
    "<xml><ToUserName>a</ToUserName><FromUserName>b</FromUserName><MsgType>text</MsgType>"
    "<Content>&e;</Content></xml>",
    "wrong root": "<message><ToUserName>a</ToUserName><FromUserName>b</FromUserName></message>",
    "missing sender": "<xml><ToUserName>a</ToUserName><MsgType>text</MsgType><Content>hi</Content></xml>",
    "not xml": "hello, this is not xml at all",
    "unclosed": "<xml><ToUserName>a</ToUserName><FromUserName>",
    "empty": "",
}


# A DTD can only stand before the root element; every way of putting one there is refused before
# the parser runs (entities need a DTD, so none can be declared).
_PUSH = "<xml><ToUserName>a</ToUserName><FromUserName>b</FromUserName><MsgType>text</MsgType>"
DTDS = {
    "doctype after a comment": "<!-- hi --><!DOCTYPE x [<!ENTITY e 'x'>]>"
    + _PUSH
    + "<Content>&e;</Content></xml>",
    "comment hiding a tag": "<!-- <xml> --><!DOCTYPE x [<!ENTITY e 'x'>]>"
    + _PUSH
    + "<Content>&e;</Content></xml>",
    "processing instruction hiding a tag": "<?pi <xml ?><!DOCTYPE x [<!ENTITY e 'x'>]>"
    + _PUSH
    + "<Content>&e;</Content></xml>",
    "lower-case doctype": '<?xml version="1.0"?><!doctype x>' + _PUSH + "</xml>",
    "parameter entity": '<!DOCTYPE x [<!ENTITY % p SYSTEM "http://evil/x.dtd"> %p;]>' + _PUSH + "</xml>",
    "doctype inside the root": "<xml><!DOCTYPE x [<!ENTITY e 'x'>]><FromUserName>&e;</FromUserName></xml>",
    "NUL-split doctype": "<!\x00DOCTYPE x [<!ENTITY e 'x'>]>" + _PUSH + "<Content>&e;</Content></xml>",
}


@pytest.mark.parametrize("name", [*HOSTILE, *DTDS])
@pytest.mark.parametrize("mode", ["plain", "safe"])
def test_hostile_xml_gets_a_4xx_never_a_500(harness_factory, mode: str, name: str) -> None:
    h = harness_factory(mode)
    started = time.monotonic()
    resp = h.post({**HOSTILE, **DTDS}[name])  # in safe mode: the decrypted document is the hostile one
    assert 400 <= resp.status_code < 500, (name, resp.status_code)
    assert time.monotonic() - started < 2


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-32"])
def test_dtd_in_another_encoding_is_refused(harness: Harness, encoding: str) -> None:
    xml = (
        f'<?xml version="1.0" encoding="{encoding.upper()}"?><!DOCTYPE x [<!ENTITY e "lol">]>'
        + _PUSH
        + "<Content>&e;</Content></xml>"
    )
    resp = harness.client.post(harness.path, query_string=harness.wechat.query(), data=xml.encode(encoding))
    assert 400 <= resp.status_code < 500, (encoding, resp.status_code)


def test_markup_declarations_typed_by_a_worker_are_just_text(harness: Harness) -> None:
    reply = harness.say('<!DOCTYPE x [<!ENTITY e "lol">]> 欠薪怎么办 &e;', openid="o-typist")
    assert "12333" in reply


def test_bom_and_xml_declaration_are_accepted(harness: Harness) -> None:
    xml = '\ufeff<?xml version="1.0" encoding="UTF-8"?>\n' + text_xml("过年加班工资怎么算")
    content = harness.wechat.open_reply(harness.post(xml).data)["Content"]
    assert "300%" in content


def test_control_characters_in_content_still_get_a_well_formed_reply(harness: Harness) -> None:
    xml = text_xml("欠薪\x01\x08\x0b怎么办\x1f")
    reply = harness.wechat.open_reply(harness.post(xml).data)
    assert reply["ToUserName"] == "o-worker-1"


def test_a_control_character_inside_a_cdata_end_is_dropped_not_made_into_one(harness: Harness) -> None:
    # 「]]\x08>」 in the text: dropping \x08 before parsing would end the CDATA early (found by the fuzz test)
    reply = harness.wechat.open_reply(harness.post(text_xml("工资]]\x08>没发", openid="o-cdata")).data)
    assert reply["ToUserName"] == "o-cdata" and "欠薪" in reply["Content"], reply
    assert parse_fields("\x00 <xml><A><![CDATA[x]]\x01>y]]></A></xml>") == {"A": "x]]>y"}


def test_invalid_utf8_never_500(harness: Harness) -> None:
    body = text_xml("工资").encode().replace("工资".encode(), b"\xff\xfe\xc3(")
    query = harness.wechat.query()
    resp = harness.client.post(harness.path, query_string=query, data=body)
    assert resp.status_code == 200
    harness.wechat.open_reply(resp.data)


def test_reply_is_well_formed_whatever_the_strings_hold() -> None:
    nasty = "]]><evil/>&amp;<![CDATA[x]]>\x00\x07 \ud800 end"
    xml = render_text(nasty, "gh_<b>", nasty)
    root = ElementTree.fromstring(xml)
    assert root.findtext("ToUserName") == "]]><evil/>&amp;<![CDATA[x]]>  end"
    assert root.findtext("FromUserName") == "gh_<b>"


def test_hostile_openid_is_addressed_back_exactly(harness: Harness) -> None:
    openid = "o-]]><x>&y"
    reply = harness.wechat.open_reply(harness.post(text_xml("你好", openid=openid)).data)
    assert reply["ToUserName"] == openid


def test_redelivery_is_processed_once_and_answered_the_same(harness: Harness) -> None:
    xml = text_xml("今天天气怎么样呀", msg_id=4242)
    first = harness.client.post(harness.path, query_string=harness.wechat.query(), data=xml.encode())
    # WeChat retries with a fresh timestamp/nonce/signature but the same MsgId.
    again = harness.client.post(harness.path, query_string=harness.wechat.query(), data=xml.encode())
    a, b = harness.wechat.open_reply(first.data), harness.wechat.open_reply(again.data)
    assert a["Content"] == b["Content"]
    assert len(harness.services.store.unanswered()) == 1
    assert harness.services.store.unanswered()[0]["times"] == 1


def test_event_redelivery_is_keyed_on_sender_time_and_event(harness: Harness) -> None:
    xml = event_xml("unsubscribe", openid="o-evt")
    for _ in range(3):
        resp = harness.client.post(harness.path, query_string=harness.wechat.query(), data=xml.encode())
        assert resp.data == b"success"
    rows = harness.services.store.conn.execute("SELECT COUNT(*) FROM processed WHERE key LIKE 'evt:o-evt:%'")
    assert rows.fetchone()[0] == 1


def test_subscribe_welcomes_with_the_menu(harness: Harness) -> None:
    resp = harness.post(event_xml("subscribe", key="qrscene_123"))
    content = harness.wechat.open_reply(resp.data)["Content"]
    assert "欢迎" in content and "1 失业金" in content


def test_unsubscribe_event_gets_success_and_marks_the_user(harness: Harness) -> None:
    assert harness.post(event_xml("unsubscribe", openid="o-gone")).data == b"success"
    assert harness.services.store.user("o-gone").followed is False


def test_click_menu_key_maps_to_intent(harness: Harness) -> None:
    resp = harness.post(event_xml("CLICK", key="wage_arrears"))
    assert "12333" in harness.wechat.open_reply(resp.data)["Content"]


def test_location_event_sets_region_silently(harness: Harness) -> None:
    extra = "<Latitude>38.914</Latitude><Longitude>121.614</Longitude><Precision>65</Precision>"
    resp = harness.post(event_xml("LOCATION", openid="o-dl", extra=extra))
    assert resp.data == b"success"
    assert harness.services.store.user("o-dl").region == "dalian"


def test_voice_uses_recognition_and_empty_recognition_gets_menu(harness: Harness) -> None:
    content = harness.wechat.open_reply(harness.post(voice_xml("过年上班加班费怎么算")).data)["Content"]
    assert "300%" in content
    content = harness.wechat.open_reply(harness.post(voice_xml("")).data)["Content"]
    assert "没听清" in content and "1 失业金" in content


def test_image_gets_a_polite_reply(harness: Harness) -> None:
    xml = (
        "<xml><ToUserName>gh_liugong</ToUserName><FromUserName>o-img</FromUserName><CreateTime>1</CreateTime>"
        "<MsgType>image</MsgType><PicUrl>http://x/y.jpg</PicUrl><MediaId>m</MediaId><MsgId>99</MsgId></xml>"
    )
    content = harness.wechat.open_reply(harness.post(xml).data)["Content"]
    assert "文字" in content


def test_internal_failure_still_answers_the_worker(harness: Harness, monkeypatch) -> None:
    def broken(*_a, **_k):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(harness.services.bot, "turn", broken)
    content = harness.wechat.open_reply(harness.post(text_xml("你好")).data)["Content"]
    assert "12333" in content


def test_streamed_body_over_the_cap_is_413(harness: Harness) -> None:
    """A chunked push has no Content-Length: the cap holds while reading."""
    import io

    big = text_xml("欠薪" * 40_000).encode()
    resp = harness.client.post(
        harness.path,
        query_string=harness.wechat.query(),
        input_stream=io.BytesIO(big),
        headers={"Transfer-Encoding": "chunked"},
        environ_overrides={"wsgi.input_terminated": True},  # as gunicorn says of chunked bodies
    )
    assert resp.status_code == 413


def test_other_methods_on_the_webhook_are_flasks_405(harness: Harness) -> None:
    resp = harness.client.put(harness.path, query_string=harness.wechat.query(), data=text_xml("你好"))
    assert resp.status_code == 405
