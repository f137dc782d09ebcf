"""The emulator's state: followers, tokens, tags, mass jobs, faults — and WeChat's error codes."""

from __future__ import annotations

import base64
import hashlib
import re
import secrets
import threading
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from typing import Any

import requests
from wechatpy.crypto import PrpCrypto

from ..push import signature

STATE_KEY = "wechat_emulator"
BEIJING = timezone(timedelta(hours=8))
WINDOW = 48 * 3600  # customer-service messages: 48 hours after the follower last wrote
CS_LIMIT = 20  # customer-service messages per inbound message
OLD_TOKEN_GRACE = 300  # a replaced token stays valid this long
MAX_TAGS, MAX_TAGS_PER_USER, MAX_TAG_BATCH = 100, 20, 50

ERRMSG = {
    -1: "system error",
    40001: "invalid credential, access_token is invalid or not latest",
    40002: "invalid grant_type",
    40003: "invalid openid",
    40008: "invalid message type",
    40013: "invalid appid",
    40014: "invalid access_token",
    40016: "invalid button size",
    40017: "invalid button type",
    40018: "invalid button name size",
    40019: "invalid button key size",
    40023: "invalid sub button size",
    40032: "invalid openid list size",
    40125: "invalid appsecret",
    40130: "invalid openid list size, at least two openid",
    41001: "access_token missing",
    42001: "access_token expired",
    43004: "require subscribe",
    44004: "empty content",
    45009: "reach max api daily quota limit",
    45015: "response out of time limit or subscription is canceled",
    45028: "has no masssend quota",
    45047: "out of response count limit",
    45056: "too many tags",
    45059: "user tag count exceed limit",
    45065: "clientmsgid exist",
    45157: "invalid tag name",
    45158: "tag name too long",
    45159: "invalid tag id",
    47001: "data format error",
    47003: "argument invalid",
    48001: "api unauthorized",
}
_TOKEN_SHAPE = re.compile(r"[A-Za-z0-9_\-]{20,512}")
BUTTON_TYPES = {"click", "view", "miniprogram", "scancode_push", "scancode_waitmsg", "pic_sysphoto"}
BUTTON_TYPES |= {"pic_photo_or_album", "pic_weixin", "location_select", "media_id", "article_id"}


class ApiError(Exception):
    """An errcode answer; ``extra`` goes into the JSON body next to errcode/errmsg."""

    def __init__(self, errcode: int, errmsg: str | None = None, **extra: Any) -> None:
        super().__init__(errcode)
        self.body = {"errcode": errcode, "errmsg": _errmsg(errcode, errmsg), **extra}


def _errmsg(errcode: int, errmsg: str | None = None) -> str:
    # WeChat appends a request id to every error message.
    return f"{errmsg or ERRMSG.get(errcode, 'error')} rid: {secrets.token_hex(12)}"


@dataclass
class Follower:
    openid: str
    subscribed: bool = True
    tags: set[int] = field(default_factory=set)
    subscribe_time: int = 0
    last_inbound: float | None = None
    cs_since_inbound: int = 0
    mass_by_month: Counter[str] = field(default_factory=Counter)


@dataclass
class Fault:
    errcode: int | None = None
    errmsg: str | None = None
    hang: float = 0.0
    status: int | None = None
    times: int = 1


@dataclass
class MassJob:
    msg_id: int
    clientmsgid: str
    text: str
    total: int
    targets: list[str]
    status: str = "SENDING"


class EmulatorState:
    """Everything the emulator knows. Change it under ``lock``; ``changed`` is notified on changes."""

    def __init__(
        self,
        *,
        app_id: str,
        app_secret: str,
        webhook_url: str | None,
        token: str | None,
        encoding_aes_key: str | None,
        mode: str,
        token_ttl: int,
        daily_quota: int,
        monthly_quota: int,
        clock: Callable[[], float],
        account_type: str,
        original_id: str,
    ) -> None:
        if mode not in ("plain", "compat", "safe"):
            raise ValueError(f"mode must be plain, compat or safe, not {mode!r}")
        if account_type not in ("subscription", "service"):
            raise ValueError(f"account_type must be subscription or service, not {account_type!r}")
        if mode != "plain" and not encoding_aes_key:
            raise ValueError(f"{mode} mode needs encoding_aes_key")
        self.app_id, self.app_secret, self.account_type = app_id, app_secret, account_type
        self.webhook_url, self.token, self.mode = webhook_url, token, mode
        self.original_id = original_id
        self.token_ttl, self.daily_quota, self.monthly_quota = token_ttl, daily_quota, monthly_quota
        self.clock = clock
        self._prp = PrpCrypto(base64.b64decode(encoding_aes_key + "=")) if encoding_aes_key else None
        self.lock = threading.RLock()
        self.changed = threading.Condition(self.lock)
        self.closing = threading.Event()
        self.tokens: dict[str, float] = {}  # access token → expires_at
        self.calls: Counter[str] = Counter()
        self.last_body: dict[str, bytes] = {}
        self.faults: dict[str, list[Fault]] = defaultdict(list)
        self.followers: dict[str, Follower] = {}
        self.inbox: dict[str, list[dict[str, Any]]] = defaultdict(list)
        self.tags: dict[int, str] = {2: "星标组"}
        self.next_tag_id = 100
        self.menu: dict[str, Any] | None = None
        self.mass_jobs: dict[int, MassJob] = {}
        self.clientmsgids: dict[str, int] = {}
        self.mass_by_day: Counter[str] = Counter()
        self.next_msg_id = 1000000001
        self.deliveries: list[dict[str, Any]] = []  # pushes to the webhook and their outcome
        self._threads: list[threading.Thread] = []

    # --- test API

    def add_follower(
        self,
        openid: str,
        *,
        subscribed: bool = True,
        tags: Iterable[int] = (),
        subscribe_time: int | None = None,
    ) -> Follower:
        with self.changed:
            follower = self.followers.setdefault(openid, Follower(openid))
            follower.subscribed = subscribed
            follower.tags = set(tags)
            follower.subscribe_time = int(self.clock()) if subscribe_time is None else subscribe_time
            self.changed.notify_all()
            return follower

    def record_inbound(self, openid: str, at: float | None = None) -> None:
        """The follower wrote to the account at ``at`` (default now): opens the 48-hour window."""
        with self.changed:
            follower = self.followers.get(openid) or self.add_follower(openid)
            follower.subscribed = True
            follower.last_inbound = self.clock() if at is None else at
            follower.cs_since_inbound = 0
            self.changed.notify_all()

    def inject_fault(
        self,
        path: str,
        *,
        errcode: int | None = None,
        errmsg: str | None = None,
        hang: float = 0.0,
        status: int | None = None,
        times: int = 1,
    ) -> None:
        """The next ``times`` calls of ``path`` hang ``hang`` s, then answer ``status`` or ``errcode``."""
        with self.lock:
            self.faults[api_path(path)].append(Fault(errcode, errmsg, hang, status, times))

    def clear_faults(self) -> None:
        with self.lock:
            self.faults.clear()

    def expire_tokens(self) -> None:
        """Every access token issued so far expires now."""
        with self.lock:
            now = self.clock()
            self.tokens = {token: min(exp, now - 1) for token, exp in self.tokens.items()}

    def count(self, path: str) -> int:
        with self.lock:
            return self.calls[api_path(path)]

    def wait_for(self, predicate: Callable[[], bool], timeout: float = 5.0) -> bool:
        """Wait until ``predicate()`` (evaluated under the lock) holds; False on timeout."""
        with self.changed:
            return self.changed.wait_for(predicate, timeout)

    def close(self, timeout: float = 5.0) -> None:
        """Release hanging requests and wait for background jobs."""
        self.closing.set()
        with self.lock:
            threads = list(self._threads)
        for thread in threads:
            thread.join(timeout)

    # --- internals (call with the lock held)

    def _take_fault(self, path: str) -> Fault | None:
        queue = self.faults.get(path)
        if not queue:
            return None
        fault = queue[0]
        fault.times -= 1
        if fault.times <= 0:
            queue.pop(0)
        return fault

    def _issue_token(self) -> str:
        now = self.clock()
        for old, exp in self.tokens.items():
            self.tokens[old] = min(exp, now + OLD_TOKEN_GRACE)
        token = secrets.token_urlsafe(96)
        self.tokens[token] = now + self.token_ttl
        return token

    def _check_token(self, token: str | None) -> None:
        if not token:
            raise ApiError(41001)
        if not _TOKEN_SHAPE.fullmatch(token):
            raise ApiError(40014)
        expires_at = self.tokens.get(token)
        if expires_at is None:
            raise ApiError(40001)
        if expires_at <= self.clock():
            raise ApiError(42001)

    def _follower(self, openid: Any, *, subscribed: bool = True) -> Follower:
        follower = self.followers.get(openid) if isinstance(openid, str) else None
        if follower is None:
            raise ApiError(40003)
        if subscribed and not follower.subscribed:
            raise ApiError(43004)
        return follower

    def _deliver(self, openid: str, kind: str, text: str, msg_id: int | None = None) -> None:
        self.inbox[openid].append({"type": kind, "text": text, "at": self.clock(), "msg_id": msg_id})
        self.changed.notify_all()

    def _new_msg_id(self) -> int:
        self.next_msg_id += 1
        return self.next_msg_id

    def _start(self, target: Callable[[], None]) -> None:
        thread = threading.Thread(target=target, name="emulator-job", daemon=True)
        self._threads = [t for t in self._threads if t.is_alive()] + [thread]
        thread.start()

    # --- mass sending

    def _mass(
        self, text: str, audience: str, candidates: list[str], clientmsgid: str | None
    ) -> dict[str, Any]:
        if not text:
            raise ApiError(44004)
        # WeChat: without clientmsgid, a digest of the audience and the content stands in for it.
        key = clientmsgid or hashlib.sha256(f"{audience}\n{text}".encode()).hexdigest()
        if key in self.clientmsgids:
            raise ApiError(45065, msg_id=self.clientmsgids[key])
        now = datetime.fromtimestamp(self.clock(), BEIJING)
        day, month = now.strftime("%Y-%m-%d"), now.strftime("%Y-%m")
        if self.account_type == "subscription" and self.mass_by_day[day] >= self.daily_quota:
            raise ApiError(45028)
        targets = [
            openid
            for openid in candidates
            if openid in self.followers
            and self.followers[openid].subscribed
            and (
                self.account_type == "subscription"
                or self.followers[openid].mass_by_month[month] < self.monthly_quota
            )
        ]
        self.mass_by_day[day] += 1
        for openid in targets:
            self.followers[openid].mass_by_month[month] += 1
        job = MassJob(self._new_msg_id(), key, text, len(candidates), targets)
        self.mass_jobs[job.msg_id] = job
        self.clientmsgids[key] = job.msg_id
        self._start(lambda: self._finish_mass(job))
        return {"errcode": 0, "errmsg": "send job submission success", "msg_id": job.msg_id}

    def _finish_mass(self, job: MassJob) -> None:
        with self.changed:
            for openid in job.targets:
                self._deliver(openid, "mass", job.text, job.msg_id)
            job.status = "SEND_SUCCESS"
            self.changed.notify_all()
        self.push(
            {
                "ToUserName": self.original_id,
                "FromUserName": "mphelper",
                "CreateTime": int(self.clock()),
                "MsgType": "event",
                "Event": "MASSSENDJOBFINISH",
                "MsgID": job.msg_id,
                "Status": "send success",
                "TotalCount": job.total,
                "FilterCount": len(job.targets),
                "SentCount": len(job.targets),
                "ErrorCount": 0,
            }
        )

    # --- pushes to the webhook

    def push(self, fields: dict[str, str | int]) -> dict[str, Any]:
        """POST a push to the webhook as WeChat would; record and return the outcome."""
        outcome: dict[str, Any] = {"fields": fields, "status": None, "body": "", "error": ""}
        if not self.webhook_url or not self.token:
            outcome["error"] = "no webhook_url or token configured"
        else:
            timestamp, nonce = str(int(self.clock())), str(secrets.randbelow(10**10))
            params = {"signature": signature(self.token, timestamp, nonce), "timestamp": timestamp}
            params |= {"nonce": nonce, "openid": str(fields.get("FromUserName", ""))}
            body = xml_of(fields)
            if self.mode != "plain" and self._prp is not None:
                encrypt = self._prp.encrypt(body, self.app_id).decode()
                params |= {
                    "encrypt_type": "aes",
                    "msg_signature": signature(self.token, timestamp, nonce, encrypt),
                }
                inner = body[len("<xml>") : -len("</xml>")] if self.mode == "compat" else ""
                head = "" if inner else f"<ToUserName><![CDATA[{self.original_id}]]></ToUserName>"
                body = f"<xml>{head}{inner}<Encrypt><![CDATA[{encrypt}]]></Encrypt></xml>"
            try:
                res = requests.post(
                    self.webhook_url,
                    params=params,
                    data=body.encode(),
                    headers={"Content-Type": "text/xml"},
                    timeout=5,
                )
                outcome.update(status=res.status_code, body=res.text)
            except requests.RequestException as exc:
                outcome["error"] = f"{type(exc).__name__}: {exc}"
        with self.changed:
            self.deliveries.append(outcome)
            self.changed.notify_all()
        return outcome


def api_path(path: str) -> str:
    return path if path.startswith("/") else "/cgi-bin/" + path


def cdata(value: str | int) -> str:
    if isinstance(value, int):
        return str(value)
    return "<![CDATA[" + value.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def xml_of(fields: dict[str, str | int]) -> str:
    return "<xml>" + "".join(f"<{k}>{cdata(v)}</{k}>" for k, v in fields.items()) + "</xml>"
