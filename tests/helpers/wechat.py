"""Build pushes exactly as WeChat does (signature, timestamp, nonce, AES envelope) and open replies."""

from __future__ import annotations

import secrets
import time
from dataclasses import dataclass, field
from itertools import count
from typing import Any
from xml.etree import ElementTree

from bot.config import WeChatSettings
from bot.wechat.push import Crypto, parse_fields, signature

_ids = count(7_000_000_000_000_000_000)


def cdata(text: str) -> str:
    return "<![CDATA[" + text.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def text_xml(
    content: str, openid: str = "o-worker-1", msg_id: int | None = None, to: str = "gh_liugong"
) -> str:
    return (
        f"<xml><ToUserName><![CDATA[{to}]]></ToUserName><FromUserName>{cdata(openid)}</FromUserName>"
        f"<CreateTime>{int(time.time())}</CreateTime><MsgType><![CDATA[text]]></MsgType>"
        f"<Content>{cdata(content)}</Content><MsgId>{msg_id or next(_ids)}</MsgId></xml>"
    )


def event_xml(event: str, openid: str = "o-worker-1", key: str = "", extra: str = "") -> str:
    return (
        f"<xml><ToUserName><![CDATA[gh_liugong]]></ToUserName><FromUserName>{cdata(openid)}</FromUserName>"
        f"<CreateTime>{int(time.time())}</CreateTime><MsgType><![CDATA[event]]></MsgType>"
        f"<Event><![CDATA[{event}]]></Event><EventKey><![CDATA[{key}]]></EventKey>{extra}</xml>"
    )


def voice_xml(recognition: str, openid: str = "o-worker-1") -> str:
    return (
        f"<xml><ToUserName><![CDATA[gh_liugong]]></ToUserName><FromUserName>{cdata(openid)}</FromUserName>"
        f"<CreateTime>{int(time.time())}</CreateTime><MsgType><![CDATA[voice]]></MsgType>"
        f"<MediaId><![CDATA[media]]></MediaId><Format><![CDATA[amr]]></Format>"
        f"<Recognition>{cdata(recognition)}</Recognition><MsgId>{next(_ids)}</MsgId></xml>"
    )


@dataclass
class WeChat:
    """Plays WeChat's part: signs (and in safe/compat mode encrypts) pushes, opens replies."""

    settings: WeChatSettings
    clock: Any = field(default=time.time)

    @property
    def crypto(self) -> Crypto:
        return Crypto(self.settings.token, self.settings.encoding_aes_key, self.settings.app_id)

    def query(self, *extra: str, timestamp: int | None = None, nonce: str | None = None) -> dict[str, str]:
        ts = str(int(self.clock()) if timestamp is None else timestamp)
        nonce = nonce or secrets.token_hex(5)
        q = {"timestamp": ts, "nonce": nonce, "signature": signature(self.settings.token, ts, nonce)}
        if extra:
            q["msg_signature"] = signature(self.settings.token, ts, nonce, *extra)
        return q

    def push(
        self, xml: str, *, encrypt: bool | None = None, timestamp: int | None = None
    ) -> tuple[dict[str, str], bytes]:
        """Query string and body for a push, encrypted when the mode calls for it."""
        encrypt = self.settings.mode != "plain" if encrypt is None else encrypt
        if not encrypt:
            return self.query(timestamp=timestamp), xml.encode()
        nonce = secrets.token_hex(5)
        ts = str(int(self.clock()) if timestamp is None else timestamp)
        envelope = parse_fields(self.crypto.encrypt(xml, nonce, ts))
        enc = envelope["Encrypt"]
        q = self.query(enc, timestamp=int(ts), nonce=nonce)
        q["encrypt_type"] = "aes"
        body = (
            f"<xml><ToUserName><![CDATA[gh_liugong]]></ToUserName><Encrypt><![CDATA[{enc}]]></Encrypt></xml>"
        )
        return q, body.encode()

    def open_reply(self, body: str | bytes) -> dict[str, str]:
        """Parse a reply; in encrypted mode check its msg_signature and decrypt it."""
        text = body.decode() if isinstance(body, bytes) else body
        ElementTree.fromstring(text)  # well-formed, or this raises
        fields = parse_fields(text)
        if "Encrypt" not in fields:
            return fields
        expected = signature(self.settings.token, fields["TimeStamp"], fields["Nonce"], fields["Encrypt"])
        assert fields["MsgSignature"] == expected, "reply msg_signature does not verify"
        inner = self.crypto.decrypt(fields["Encrypt"])
        ElementTree.fromstring(inner)
        return parse_fields(inner)
