"""The WeChat webhook: never answers 500 and never hangs.

GET  <webhook_path> — the echostr handshake when the 公众号 is pointed at us (a Flask blueprint).
POST <webhook_path> — a push: verified (signature, timestamp window, msg_signature, AppID),
body capped, parsed without entities, answered once per MsgId, reply sealed the way it came.
Pushes are every request the server gets, so they skip Flask: ``PushEndpoint`` is WSGI middleware
in front of the Flask app that answers them straight from the environ (Flask's request and app
contexts, routing, signals and response object cost more CPU than verifying and parsing a push).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from http import HTTPStatus
from typing import TYPE_CHECKING
from urllib.parse import unquote_plus

from flask import Blueprint, Response, request
from werkzeug.exceptions import RequestEntityTooLarge
from werkzeug.wsgi import get_content_length, get_input_stream

from .config import ServerSettings
from .dialogue import Bot
from .errors import RequestRejected
from .storage import StoreBusy, hash_openid
from .wechat import Envelope, Gate, Message, render_text

if TYPE_CHECKING:
    from _typeshed.wsgi import StartResponse, WSGIApplication, WSGIEnvironment

log = logging.getLogger(__name__)

SORRY = "不好意思，系统有点忙，请过一会儿再发一次。着急的话请拨打 12333。"


def _plain(text: str, status: int = 200) -> Response:
    return Response(text, status=status, mimetype="text/plain")


class Deadline:
    """WeChat gives up after 5 s. The turn runs inline (a thread hand-off per push cost more than
    the whole turn); only waiting for the database is bounded. If the write lock is not ours
    within ``budget`` seconds (database locked, slow disk under another writer), we answer
    `success` at once, finish the turn on a background thread, and the reply follows as a
    customer-service message through ``follow_up``."""

    def __init__(self, bot: Bot, budget: float, follow_up: Callable[[str, str], object]) -> None:
        self.bot = bot
        self.budget = budget
        self.follow_up = follow_up
        self._pool = ThreadPoolExecutor(max_workers=4, thread_name_prefix="late-turn")

    def respond(self, msg: Message) -> tuple[bool, str | None]:
        """(in time?, reply)."""
        try:
            return True, self.bot.respond(msg, lock_timeout=self.budget)
        except StoreBusy:
            log.warning(
                "database busy for user=%s past %.1fs: answering later",
                hash_openid(msg.from_user),
                self.budget,
            )
            self._pool.submit(self._late, msg)
            return False, None

    def _late(self, msg: Message) -> None:
        try:
            reply = self.bot.respond(msg)
        except Exception:
            log.exception("late turn failed for user=%s", hash_openid(msg.from_user))
            reply = SORRY
        if reply:
            self.follow_up(msg.from_user, reply)


def create_webhook(gate: Gate, server: ServerSettings) -> Blueprint:
    """The GET handshake (pushes are answered by ``PushEndpoint`` before Flask sees them)."""
    bp = Blueprint("webhook", __name__)

    @bp.get(server.webhook_path)
    def handshake() -> Response:
        try:
            return _plain(gate.echo(request.args))
        except RequestRejected as exc:
            log.warning("handshake refused: %s", exc.reason)
            return _plain(exc.reason, exc.status)

    return bp


_TEXT = "text/plain; charset=utf-8"
_XML = "application/xml; charset=utf-8"
_STATUS = {int(s): f"{int(s)} {s.phrase}" for s in HTTPStatus}


def query_args(query: str) -> dict[str, str]:
    """The query string as Flask's ``request.args.get`` sees it: percent- and plus-decoded as UTF-8,
    blank values kept, the first of repeated names. (WeChat's are plain ASCII: decoding is rare.)"""
    args: dict[str, str] = {}
    for pair in query.split("&"):
        name, _, value = pair.partition("=")
        if "%" in pair or "+" in pair:
            name, value = unquote_plus(name), unquote_plus(value)
        args.setdefault(name, value)
    return args


class PushEndpoint:
    """WSGI middleware: POST <webhook_path> is a push, answered here; anything else goes to ``app``."""

    def __init__(self, app: WSGIApplication, gate: Gate, deadline: Deadline, server: ServerSettings) -> None:
        self.app = app
        self.gate = gate
        self.deadline = deadline
        self.path = server.webhook_path
        self.max_body = server.max_body_bytes

    def __call__(self, environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        if environ.get("PATH_INFO") != self.path or environ.get("REQUEST_METHOD") != "POST":
            return self.app(environ, start_response)
        status, mimetype, text = self.push(environ)
        body = text.encode()
        start_response(_STATUS[status], [("Content-Type", mimetype), ("Content-Length", str(len(body)))])
        return [body]

    def body(self, environ: WSGIEnvironment) -> bytes:
        """At most ``max_body`` bytes of body, else ``RequestEntityTooLarge``."""
        length = get_content_length(environ)  # None when chunked
        if length is not None:
            if length > self.max_body:
                raise RequestEntityTooLarge
            return bytes(environ["wsgi.input"].read(length))
        body = bytes(get_input_stream(environ, max_content_length=self.max_body).read())
        if len(body) >= self.max_body:
            raise RequestEntityTooLarge  # streamed: werkzeug stopped reading at the cap
        return body

    def push(self, environ: WSGIEnvironment) -> tuple[int, str, str]:
        """(HTTP status, content type, body) for one push; never raises."""
        envelope: Envelope | None = None
        try:
            # PEP 3333 hands the query string over as latin-1.
            query = environ.get("QUERY_STRING", "").encode("latin-1").decode("utf-8", "replace")
            envelope = self.gate.open(query_args(query), self.body(environ))
            _, reply = self.deadline.respond(envelope.message)
        except RequestEntityTooLarge:
            log.warning("push refused: body over %d bytes", self.max_body)
            return 413, _TEXT, "request body too large"
        except RequestRejected as exc:
            log.warning("push refused (%d): %s", exc.status, exc.reason)
            return exc.status, _TEXT, exc.reason
        except Exception:
            # The worker still gets a word back rather than WeChat's 「暂时无法提供服务」.
            log.exception("turn failed")
            if envelope is None:
                return 200, _TEXT, "success"
            reply = SORRY
        if reply is None:
            return 200, _TEXT, "success"
        try:
            msg = envelope.message
            return 200, _XML, self.gate.seal(envelope, render_text(msg.from_user, msg.to_user, reply))
        except Exception:
            log.exception("reply could not be sealed")
            return 200, _TEXT, "success"
