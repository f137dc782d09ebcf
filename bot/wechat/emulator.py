"""A local emulator of the WeChat API endpoints the bot uses — for tests, demos and offline work.

    app = create_emulator(app_id="wx…", app_secret="…", webhook_url="http://127.0.0.1:8080/wechat",
                          token="…")            # token signs the pushes to webhook_url
    state = emulator_state(app)                # the same state the /emulator/* endpoints change

WeChat endpoints (answers are HTTP 200 with ``errcode``/``errmsg``, as WeChat's are):

    GET  /cgi-bin/token                       client_credential; 40002/40013/40125 on bad input
    POST /cgi-bin/message/custom/send         text only; 48-hour window (45015), 20 per inbound (45047)
    POST /cgi-bin/tags/create                 GET /cgi-bin/tags/get
    POST /cgi-bin/tags/members/batchtagging   POST /cgi-bin/tags/members/batchuntagging   (≤ 50 openids)
    POST /cgi-bin/message/mass/sendall        by tag_id or is_to_all
    POST /cgi-bin/message/mass/send           by openid list (2–10000; service accounts only, else 48001)
    POST /cgi-bin/message/mass/preview        POST /cgi-bin/message/mass/get
    POST /cgi-bin/menu/create                 GET  /cgi-bin/user/info

Access tokens: a missing one → 41001, a malformed one → 40014, an unknown one → 40001, an expired
one → 42001. A new token leaves the previous ones valid for five more minutes, as WeChat does.

Mass sends: ``clientmsgid`` (by default, as WeChat documents, a digest of the audience and the
content) is remembered forever; a repeat → 45065 "clientmsgid exist" with the earlier ``msg_id``.
Quota, simplified: a subscription account has ``daily_quota`` (1) mass sends per Beijing calendar
day, the next → 45028 "has no masssend quota"; a service account has no per-account limit but each
follower receives at most ``monthly_quota`` (4) mass messages per calendar month — over that they are
filtered out (FilterCount). Previews use no quota. An accepted send is delivered to the followers'
inboxes by a background thread, which then POSTs a MASSSENDJOBFINISH event to ``webhook_url``,
signed with ``token`` like WeChat (``signature``/``timestamp``/``nonce``; in safe and compat mode
also AES-encrypted with ``encrypt_type=aes`` and ``msg_signature``).

Test and control endpoints (no access token):

    POST /emulator/faults      {"path": "tags/get", "errcode": -1, "errmsg": "…", "hang": 2.5,
                                "status": 502, "times": 1}   — the next ``times`` calls of path hang
                                for ``hang`` seconds, then answer HTTP ``status`` or ``errcode``
                               {"expire_tokens": true}      — every token issued so far expires now
    GET/DELETE /emulator/faults
    POST /emulator/followers   {"openid": "…", "subscribed": true, "tags": [2]}   GET lists them
    POST /emulator/inbound     {"openid": "…", "at": 1700000000, "content": "…"}  — the follower
                                wrote (opens the 48-hour window); with ``content`` and a webhook the
                                text message is also pushed there and the reply returned
    GET  /emulator/inbox/<openid>   what the follower received
    GET  /emulator/calls            calls per path
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import ipaddress
import json
import re
import secrets
import threading
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from datetime import datetime, timedelta, timezone
from typing import Any

import requests
from flask import Flask, Response, jsonify, request
from wechatpy.crypto import PrpCrypto

from .push import signature

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
            self.faults[_api_path(path)].append(Fault(errcode, errmsg, hang, status, times))

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
            return self.calls[_api_path(path)]

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
            body = _xml(fields)
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


def _api_path(path: str) -> str:
    return path if path.startswith("/") else "/cgi-bin/" + path


def _cdata(value: str | int) -> str:
    if isinstance(value, int):
        return str(value)
    return "<![CDATA[" + value.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def _xml(fields: dict[str, str | int]) -> str:
    return "<xml>" + "".join(f"<{k}>{_cdata(v)}</{k}>" for k, v in fields.items()) + "</xml>"


def _json_body() -> dict[str, Any]:
    try:
        body = json.loads(request.get_data() or b"{}")
    except ValueError:
        raise ApiError(47001) from None
    if not isinstance(body, dict):
        raise ApiError(47001)
    return body


def _text_of(body: dict[str, Any]) -> str:
    if body.get("msgtype") != "text":
        raise ApiError(40008)
    text = body.get("text")
    return str(text.get("content") or "") if isinstance(text, dict) else ""


def _check_menu(menu: dict[str, Any]) -> None:
    buttons = menu.get("button")
    if not isinstance(buttons, list) or not 1 <= len(buttons) <= 3:
        raise ApiError(40016)
    for button in buttons:
        leaves, limit = [button], 16
        if isinstance(button, dict) and "sub_button" in button:
            subs = button["sub_button"]
            if not isinstance(subs, list) or not 1 <= len(subs) <= 5:
                raise ApiError(40023)
            leaves, limit = subs, 60
            if not 1 <= len(str(button.get("name", "")).encode()) <= 16:
                raise ApiError(40018)
        for leaf in leaves:
            if not isinstance(leaf, dict) or leaf.get("type") not in BUTTON_TYPES:
                raise ApiError(40017)
            if not 1 <= len(str(leaf.get("name", "")).encode()) <= limit:
                raise ApiError(40018)
            if leaf["type"] == "click" and not 1 <= len(str(leaf.get("key", "")).encode()) <= 128:
                raise ApiError(40019)


def create_emulator(
    *,
    app_id: str,
    app_secret: str,
    webhook_url: str | None = None,
    token: str | None = None,
    encoding_aes_key: str | None = None,
    mode: str = "plain",
    token_ttl: int = 7200,
    daily_quota: int = 1,
    monthly_quota: int = 4,
    clock: Callable[[], float] = time.time,
    account_type: str = "subscription",
    original_id: str | None = None,
) -> Flask:
    """A Flask app emulating the WeChat API; its state is ``emulator_state(app)``."""
    state = EmulatorState(
        app_id=app_id,
        app_secret=app_secret,
        webhook_url=webhook_url,
        token=token,
        encoding_aes_key=encoding_aes_key,
        mode=mode,
        token_ttl=token_ttl,
        daily_quota=daily_quota,
        monthly_quota=monthly_quota,
        clock=clock,
        account_type=account_type,
        original_id=original_id or "gh_" + hashlib.sha1(app_id.encode()).hexdigest()[:12],  # noqa: S324
    )
    app = Flask(__name__)
    app.json.ensure_ascii = False  # type: ignore[attr-defined]  # WeChat answers raw UTF-8
    app.extensions[STATE_KEY] = state

    def api(
        rule: str, methods: tuple[str, ...] = ("POST",), auth: bool = True
    ) -> Callable[[Callable[[], Any]], Any]:
        """Register a WeChat endpoint: count it, apply faults, check the token, answer JSON."""

        def register(handler: Callable[[], dict[str, Any]]) -> Any:
            def view() -> Response:
                path = request.path
                with state.changed:
                    state.calls[path] += 1
                    state.last_body[path] = request.get_data()
                    fault = state._take_fault(path)
                    state.changed.notify_all()
                try:
                    if fault is not None:
                        if fault.hang:
                            state.closing.wait(fault.hang)
                        if fault.status is not None:
                            return Response("emulated failure", status=fault.status)
                        if fault.errcode is not None:
                            raise ApiError(fault.errcode, fault.errmsg)
                    with state.lock:
                        if auth:
                            state._check_token(request.args.get("access_token"))
                        return jsonify(handler())
                except ApiError as exc:
                    return jsonify(exc.body)

            app.add_url_rule(rule, endpoint=rule, view_func=view, methods=list(methods))
            return handler

        return register

    @api("/cgi-bin/token", methods=("GET",), auth=False)
    def token_() -> dict[str, Any]:
        args = request.args
        if args.get("grant_type") != "client_credential":
            raise ApiError(40002)
        if args.get("appid") != state.app_id:
            raise ApiError(40013)
        if not secrets.compare_digest(args.get("secret", "").encode(), state.app_secret.encode()):
            raise ApiError(40125)
        return {"access_token": state._issue_token(), "expires_in": state.token_ttl}

    @api("/cgi-bin/message/custom/send")
    def custom_send() -> dict[str, Any]:
        body = _json_body()
        follower = state._follower(body.get("touser"), subscribed=False)
        text = _text_of(body)
        last = follower.last_inbound
        if not follower.subscribed or last is None or state.clock() - last > WINDOW:
            raise ApiError(45015)
        if follower.cs_since_inbound >= CS_LIMIT:
            raise ApiError(45047)
        if not text:
            raise ApiError(44004)
        follower.cs_since_inbound += 1
        state._deliver(follower.openid, "custom", text)
        return {"errcode": 0, "errmsg": "ok"}

    @api("/cgi-bin/tags/create")
    def tags_create() -> dict[str, Any]:
        tag = _json_body().get("tag")
        name = str(tag.get("name") or "") if isinstance(tag, dict) else ""
        if len(name) > 30:
            raise ApiError(45158)
        if not name or name in state.tags.values():
            raise ApiError(45157)
        if len(state.tags) >= MAX_TAGS:
            raise ApiError(45056)
        tag_id, state.next_tag_id = state.next_tag_id, state.next_tag_id + 1
        state.tags[tag_id] = name
        return {"tag": {"id": tag_id, "name": name}}

    @api("/cgi-bin/tags/get", methods=("GET",))
    def tags_get() -> dict[str, Any]:
        def members(tag_id: int) -> int:
            return sum(1 for f in state.followers.values() if f.subscribed and tag_id in f.tags)

        return {"tags": [{"id": i, "name": n, "count": members(i)} for i, n in sorted(state.tags.items())]}

    def batch(tagging: bool) -> dict[str, Any]:
        body = _json_body()
        openids, tag_id = body.get("openid_list"), body.get("tagid")
        if not isinstance(openids, list) or not 1 <= len(openids) <= MAX_TAG_BATCH:
            raise ApiError(40032)
        if tag_id not in state.tags:
            raise ApiError(45159)
        followers = [state._follower(openid, subscribed=False) for openid in openids]
        if tagging and any(tag_id not in f.tags and len(f.tags) >= MAX_TAGS_PER_USER for f in followers):
            raise ApiError(45059)
        for follower in followers:
            (follower.tags.add if tagging else follower.tags.discard)(tag_id)
        return {"errcode": 0, "errmsg": "ok"}

    api("/cgi-bin/tags/members/batchtagging")(lambda: batch(True))
    api("/cgi-bin/tags/members/batchuntagging")(lambda: batch(False))

    @api("/cgi-bin/message/mass/sendall")
    def mass_sendall() -> dict[str, Any]:
        body = _json_body()
        target = body.get("filter")
        if not isinstance(target, dict):
            raise ApiError(47001)
        text = _text_of(body)
        if target.get("is_to_all") is True:
            audience, candidates = "all", list(state.followers)
        else:
            tag_id = target.get("tag_id")
            if tag_id not in state.tags:
                raise ApiError(45159)
            audience = f"tag:{tag_id}"
            candidates = [f.openid for f in state.followers.values() if tag_id in f.tags]
        return state._mass(text, audience, candidates, body.get("clientmsgid"))

    @api("/cgi-bin/message/mass/send")
    def mass_send() -> dict[str, Any]:
        if state.account_type != "service":
            raise ApiError(48001)
        body = _json_body()
        openids = body.get("touser")
        if not isinstance(openids, list) or not 2 <= len(openids) <= 10000:
            raise ApiError(40130)
        text = _text_of(body)
        return state._mass(
            text, "openids:" + ",".join(sorted(map(str, openids))), openids, body.get("clientmsgid")
        )

    @api("/cgi-bin/message/mass/preview")
    def mass_preview() -> dict[str, Any]:
        body = _json_body()
        follower = state._follower(body.get("touser"))
        text = _text_of(body)
        if not text:
            raise ApiError(44004)
        msg_id = state._new_msg_id()
        state._deliver(follower.openid, "preview", text, msg_id)
        return {"errcode": 0, "errmsg": "preview success", "msg_id": msg_id}

    @api("/cgi-bin/message/mass/get")
    def mass_get() -> dict[str, Any]:
        msg_id = str(_json_body().get("msg_id", ""))
        job = state.mass_jobs.get(int(msg_id)) if msg_id.isdigit() else None
        if job is None:
            raise ApiError(47003, "argument invalid! data.msg_id invalid")
        return {"msg_id": job.msg_id, "msg_status": job.status}

    @api("/cgi-bin/menu/create")
    def menu_create() -> dict[str, Any]:
        menu = _json_body()
        _check_menu(menu)
        state.menu = menu
        return {"errcode": 0, "errmsg": "ok"}

    @api("/cgi-bin/user/info", methods=("GET",))
    def user_info() -> dict[str, Any]:
        follower = state._follower(request.args.get("openid"), subscribed=False)
        if not follower.subscribed:
            return {"subscribe": 0, "openid": follower.openid}
        return {
            "subscribe": 1,
            "openid": follower.openid,
            "language": request.args.get("lang", "zh_CN"),
            "subscribe_time": follower.subscribe_time,
            "remark": "",
            "groupid": 0,
            "tagid_list": sorted(follower.tags),
            "subscribe_scene": "ADD_SCENE_QR_CODE",
            "qr_scene": 0,
            "qr_scene_str": "",
        }

    # --- control endpoints

    @app.route("/emulator/faults", methods=["GET", "POST", "DELETE"])
    def faults() -> Any:
        if request.method == "DELETE":
            state.clear_faults()
        elif request.method == "POST":
            body = request.get_json(force=True)
            if body.get("expire_tokens"):
                state.expire_tokens()
            if body.get("path"):
                options = {k: body[k] for k in ("errcode", "errmsg", "hang", "status", "times") if k in body}
                state.inject_fault(body["path"], **options)
        with state.lock:
            return jsonify(
                {path: [asdict(f) for f in queue] for path, queue in state.faults.items() if queue}
            )

    @app.route("/emulator/followers", methods=["GET", "POST"])
    def followers() -> Any:
        if request.method == "POST":
            body = request.get_json(force=True)
            for item in body.get("followers", [body]):
                state.add_follower(
                    item["openid"], subscribed=item.get("subscribed", True), tags=item.get("tags", ())
                )
        with state.lock:
            return jsonify(
                [
                    {"openid": f.openid, "subscribed": f.subscribed, "tags": sorted(f.tags)}
                    for f in state.followers.values()
                ]
            )

    @app.route("/emulator/inbound", methods=["POST"])
    def inbound() -> Any:
        body = request.get_json(force=True)
        openid = body["openid"]
        state.record_inbound(openid, body.get("at"))
        if not body.get("content"):
            return jsonify({"ok": True})
        with state.lock:
            msg_id = state._new_msg_id()
        outcome = state.push(
            {
                "ToUserName": state.original_id,
                "FromUserName": openid,
                "CreateTime": int(state.clock()),
                "MsgType": "text",
                "Content": str(body["content"]),
                "MsgId": str(msg_id),
            }
        )
        return jsonify(
            {"ok": True, "status": outcome["status"], "reply": outcome["body"], "error": outcome["error"]}
        )

    @app.route("/emulator/inbox/<openid>")
    def inbox(openid: str) -> Any:
        with state.lock:
            return jsonify({"messages": list(state.inbox.get(openid, []))})

    @app.route("/emulator/calls")
    def calls() -> Any:
        with state.lock:
            return jsonify(dict(state.calls))

    return app


def emulator_state(app: Flask) -> EmulatorState:
    state: EmulatorState = app.extensions[STATE_KEY]
    return state


def check_loopback(host: str) -> None:
    """Refuse to listen anywhere but the loopback interface: the emulator has no authentication."""
    if host == "localhost":
        return
    try:
        loopback = ipaddress.ip_address(host).is_loopback
    except ValueError:
        loopback = False
    if not loopback:
        raise ValueError(f"the WeChat emulator only listens on loopback (127.0.0.1, ::1), not {host!r}")


def serve(host: str = "127.0.0.1", port: int = 8090, **options: Any) -> None:
    """Run the emulator until interrupted (``options`` go to ``create_emulator``)."""
    from werkzeug.serving import run_simple

    check_loopback(host)
    run_simple(host, port, create_emulator(**options), threaded=True)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bot.emulator", description="Local WeChat API emulator")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8090)
    parser.add_argument("--app-id", default="wxdemo0000000000")
    parser.add_argument("--app-secret", default="demo-secret")
    parser.add_argument("--webhook-url")
    parser.add_argument("--token", default="liugong-demo-token")
    parser.add_argument("--encoding-aes-key")
    parser.add_argument("--mode", default="plain", choices=("plain", "compat", "safe"))
    parser.add_argument("--account-type", default="subscription", choices=("subscription", "service"))
    args = parser.parse_args(argv)
    serve(
        args.host,
        args.port,
        app_id=args.app_id,
        app_secret=args.app_secret,
        webhook_url=args.webhook_url,
        token=args.token,
        encoding_aes_key=args.encoding_aes_key,
        mode=args.mode,
        account_type=args.account_type,
    )


if __name__ == "__main__":
    main()
