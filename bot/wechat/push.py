"""The WeChat push protocol: verify, decrypt, parse and render the pushes WeChat POSTs to the webhook.

(The API client, ``wechat.api``, builds on wechatpy's ``WeChatClient``; the emulator uses its AES.)

What we do not take from wechatpy, and why:
* ``check_signature`` compares with ``!=`` and has no timestamp window → ``verify_signature``.
* ``parse_message`` parses with xmltodict (entities allowed, control characters fatal) → ``parse``:
  characters XML 1.0 does not allow are stripped, anything before the root element but an XML
  declaration is refused (so no DTD, hence no entity declaration, ever reaches the parser), then
  the stdlib's C parser reads it.
* reply rendering pastes text into CDATA unescaped (``]]>`` breaks out) → ``render_text``.
We do use its AES (PKCS#7, AppID framing) implementation, behind ``Crypto``.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
import secrets
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from xml.etree.ElementTree import Element, ParseError, fromstring

from wechatpy.crypto import PrpCrypto
from wechatpy.exceptions import InvalidAppIdException

from ..config import WeChatSettings
from ..errors import RequestRejected

# Characters XML 1.0 forbids. WeChat relays them from users' messages; we drop them rather than fail.
_INVALID_XML_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_MASK = "\ufffd"  # what a forbidden character stands as while the document is parsed
_SAFE_ECHO = re.compile(r"[0-9A-Za-z_\-]{1,128}")
# All that may precede the root element: a BOM, whitespace, an XML declaration. A DOCTYPE — and
# with it every entity declaration, internal or external — can only stand before the root, so
# refusing any other prolog (comments and processing instructions too, which WeChat never sends)
# keeps DTDs and entities away from the parser. It is checked on the very string the parser reads:
# the body is decoded as UTF-8 and a string's own encoding declaration is ignored, so a UTF-16
# body arrives as replacement characters or NULs (stripped), and fails this check or the parse.
_PROLOG = re.compile(r"\ufeff?[ \t\r\n]*(?:<\?xml[ \t\r\n][^<>]*\?>[ \t\r\n]*)?<[A-Za-z_]")


def clean_text(text: str) -> str:
    """Remove characters that cannot appear in an XML 1.0 document."""
    return _INVALID_XML_CHARS.sub("", text)


def signature(token: str, *parts: str) -> str:
    """WeChat's SHA-1 signature over the sorted token, timestamp, nonce (and Encrypt)."""
    return hashlib.sha1("".join(sorted([token, *parts])).encode()).hexdigest()  # noqa: S324 - protocol


@dataclass(frozen=True)
class Message:
    """One push from WeChat, with snake_case names over its XML fields."""

    to_user: str
    from_user: str
    create_time: int
    msg_type: str
    msg_id: str = ""
    content: str = ""
    recognition: str = ""
    event: str = ""
    event_key: str = ""
    latitude: float | None = None
    longitude: float | None = None
    label: str = ""
    fields: Mapping[str, str] = field(default_factory=dict, repr=False)

    @property
    def dedupe_key(self) -> str:
        """WeChat redelivers slow pushes: messages share a MsgId, events sender+time+event.

        The sender is part of the key even for MsgIds, so a colliding id can never hand one
        person's stored reply (which may echo their complaint) to someone else.
        """
        if self.msg_id:
            return f"msg:{self.from_user}:{self.msg_id}"
        return f"evt:{self.from_user}:{self.create_time}:{self.event}:{self.event_key}"

    @property
    def text(self) -> str:
        """What the person said: typed text, or the voice transcript."""
        return self.content if self.msg_type == "text" else self.recognition


def _flatten(root: Element) -> dict[str, str]:
    out: dict[str, str] = {}
    for child in root:
        if len(child):
            for leaf in child.iter():
                if leaf is not child and not len(leaf):
                    out.setdefault(leaf.tag, (leaf.text or "").replace(_MASK, "").strip())
        out.setdefault(child.tag, (child.text or "").replace(_MASK, "").strip() if not len(child) else "")
    return out


def parse_fields(xml: str) -> dict[str, str]:
    """Parse a WeChat XML document into a flat tag → text dict, refusing anything hostile."""
    # (masked, not dropped, so that no CDATA end is made of what stood around them: 「]]\x08>」)
    xml = _INVALID_XML_CHARS.sub(_MASK, xml)
    lead = len(xml) - len(xml.lstrip(_MASK + " \t\r\n"))
    xml = xml[:lead].replace(_MASK, "") + xml[lead:]  # (before the root they are dropped: 「\x00<xml>」)
    if not _PROLOG.match(xml):
        raise RequestRejected(400, "malformed XML: no root element first (DTDs are refused)")
    try:
        root = fromstring(xml)  # noqa: S314 - _PROLOG let no DTD through, so no entity can be declared
    except (ParseError, ValueError) as exc:
        raise RequestRejected(400, f"malformed XML: {type(exc).__name__}") from exc
    if root.tag != "xml":
        raise RequestRejected(400, "XML root is not <xml>")
    return _flatten(root)


def _float(value: str) -> float | None:
    try:
        return float(value)
    except ValueError:
        return None


def to_message(f: dict[str, str]) -> Message:
    if not f.get("FromUserName") or not f.get("ToUserName") or not f.get("MsgType"):
        raise RequestRejected(400, "push lacks FromUserName, ToUserName or MsgType")
    create_time = f.get("CreateTime", "0")
    return Message(
        to_user=f["ToUserName"],
        from_user=f["FromUserName"],
        create_time=int(create_time) if create_time.isdigit() else 0,
        msg_type=f["MsgType"].lower(),
        msg_id=f.get("MsgId", "") or f.get("MsgID", ""),
        content=f.get("Content", ""),
        recognition=f.get("Recognition", ""),
        event=f.get("Event", "").lower(),
        event_key=f.get("EventKey", ""),
        latitude=_float(f.get("Latitude") or f.get("Location_X") or ""),
        longitude=_float(f.get("Longitude") or f.get("Location_Y") or ""),
        label=f.get("Label", "") or f.get("Poiname", ""),
        fields=f,
    )


def parse(xml: str) -> Message:
    return to_message(parse_fields(xml))


def _cdata(text: str) -> str:
    # "]]>" cannot appear inside CDATA: close the section and reopen it around the ">".
    # A bare CR would be read back as LF (XML line-end normalisation): send it as &#13;.
    body = clean_text(text).replace("]]>", "]]]]><![CDATA[>").replace("\r", "]]>&#13;<![CDATA[")
    return "<![CDATA[" + body + "]]>"


def render_text(to_user: str, from_user: str, content: str, create_time: int | None = None) -> str:
    """A passive text reply; well-formed whatever the strings contain."""
    return (
        "<xml>"
        f"<ToUserName>{_cdata(to_user)}</ToUserName>"
        f"<FromUserName>{_cdata(from_user)}</FromUserName>"
        f"<CreateTime>{int(create_time or time.time())}</CreateTime>"
        "<MsgType><![CDATA[text]]></MsgType>"
        f"<Content>{_cdata(content)}</Content>"
        "</xml>"
    )


class _PrpCrypto(PrpCrypto):  # type: ignore[misc]  # wechatpy is untyped
    def get_random_string(self) -> str:
        """The 16 random characters before the message: wechatpy draws them with ``random.sample``,
        which is not a CSPRNG and took a third of the time of encrypting a reply."""
        return secrets.token_hex(8)


class Crypto:
    """WeChat's AES-256-CBC message encryption (safe and compat modes)."""

    def __init__(self, token: str, encoding_aes_key: str, app_id: str) -> None:
        self.token = token
        self.app_id = app_id
        self._prp = _PrpCrypto(base64.b64decode(encoding_aes_key + "="))

    def decrypt(self, encrypt: str) -> str:
        try:
            return str(self._prp.decrypt(encrypt, self.app_id))
        except InvalidAppIdException as exc:
            raise RequestRejected(403, "decrypted AppID does not match") from exc
        except Exception as exc:  # garbage ciphertext fails in many ways inside wechatpy
            raise RequestRejected(400, f"cannot decrypt: {type(exc).__name__}") from exc

    def encrypt(self, xml: str, nonce: str, timestamp: str | None = None) -> str:
        timestamp = timestamp or str(int(time.time()))
        encrypt = self._prp.encrypt(xml, self.app_id).decode()
        sig = signature(self.token, timestamp, nonce, encrypt)
        return (
            f"<xml><Encrypt><![CDATA[{encrypt}]]></Encrypt>"
            f"<MsgSignature><![CDATA[{sig}]]></MsgSignature>"
            f"<TimeStamp>{timestamp}</TimeStamp>"
            f"<Nonce><![CDATA[{nonce}]]></Nonce></xml>"
        )


@dataclass(frozen=True)
class Envelope:
    """A verified push: the message and how its reply must be wrapped."""

    message: Message
    encrypted: bool
    nonce: str


class Gate:
    """Checks that a request really comes from WeChat, and wraps replies for the way it came."""

    def __init__(self, settings: WeChatSettings, clock: Callable[[], float] = time.time) -> None:
        self.settings = settings
        self.crypto = Crypto(settings.token, settings.encoding_aes_key, settings.app_id)
        self._now = clock

    def verify_signature(self, args: Mapping[str, str], *extra: str, name: str = "signature") -> None:
        given = args.get(name, "")
        timestamp, nonce = args.get("timestamp", ""), args.get("nonce", "")
        if not given or not timestamp.isdigit() or not nonce or len(nonce) > 64:
            raise RequestRejected(403, f"missing or malformed {name}/timestamp/nonce")
        expected = signature(self.settings.token, timestamp, nonce, *extra)
        if not hmac.compare_digest(expected.encode(), given.lower().encode()):
            raise RequestRejected(403, f"bad {name}")
        if abs(self._now() - int(timestamp)) > self.settings.timestamp_window:
            raise RequestRejected(403, "timestamp outside the accepted window (replayed or clock skew)")

    def echo(self, args: Mapping[str, str]) -> str:
        """The GET handshake: return echostr if the signature holds."""
        self.verify_signature(args)
        echostr = args.get("echostr", "")
        if not _SAFE_ECHO.fullmatch(echostr):
            raise RequestRejected(400, "echostr missing or malformed")
        return echostr

    def open(self, args: Mapping[str, str], body: bytes) -> Envelope:
        """Verify and decode a POSTed push."""
        self.verify_signature(args)
        text = body.decode("utf-8", errors="replace")
        encrypted = args.get("encrypt_type", "raw").lower() == "aes"
        if self.settings.mode == "safe" and not encrypted:
            raise RequestRejected(403, "safe mode: unencrypted pushes are refused")
        if self.settings.mode == "plain" and encrypted:
            raise RequestRejected(400, "plain mode: encrypted push not expected")
        if encrypted:
            outer = parse_fields(text)
            encrypt = outer.get("Encrypt", "")
            if not encrypt:
                raise RequestRejected(400, "encrypted push has no <Encrypt>")
            self.verify_signature(args, encrypt, name="msg_signature")
            text = self.crypto.decrypt(encrypt)
        return Envelope(parse(text), encrypted, args.get("nonce", ""))

    def seal(self, envelope: Envelope, reply_xml: str) -> str:
        """Encrypt the reply when the push came encrypted."""
        if not envelope.encrypted:
            return reply_xml
        return self.crypto.encrypt(reply_xml, envelope.nonce or secrets.token_hex(8))
