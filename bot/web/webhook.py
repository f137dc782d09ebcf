"""The WeChat webhook: a Flask blueprint that never answers 500 and never hangs.

GET  <webhook_path> — the echostr handshake when the 公众号 is pointed at us.
POST <webhook_path> — a push: verified (signature, timestamp window, msg_signature, AppID),
body capped, parsed without entities, answered once per MsgId, reply sealed the way it came.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

from flask import Blueprint, Response, request
from werkzeug.exceptions import RequestEntityTooLarge

from ..config import ServerSettings
from ..dialogue.turn import Bot
from ..errors import RequestRejected
from ..storage.store import StoreBusy, hash_openid
from ..wechat.push import Envelope, Gate, Message, render_text

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


def create_webhook(gate: Gate, deadline: Deadline, server: ServerSettings) -> Blueprint:
    bp = Blueprint("webhook", __name__)

    @bp.get(server.webhook_path)
    def handshake() -> Response:
        try:
            return _plain(gate.echo(request.args))
        except RequestRejected as exc:
            log.warning("handshake refused: %s", exc.reason)
            return _plain(exc.reason, exc.status)

    @bp.post(server.webhook_path)
    def push() -> Response:
        request.max_content_length = server.max_body_bytes
        envelope: Envelope | None = None
        try:
            body = request.get_data(cache=False)
            if request.content_length is None and len(body) >= server.max_body_bytes:
                raise RequestEntityTooLarge  # streamed (chunked): werkzeug stopped reading at the cap
            envelope = gate.open(request.args, body)
            _, reply = deadline.respond(envelope.message)
        except RequestEntityTooLarge:
            log.warning("push refused: body over %d bytes", server.max_body_bytes)
            return _plain("request body too large", 413)
        except RequestRejected as exc:
            log.warning("push refused (%d): %s", exc.status, exc.reason)
            return _plain(exc.reason, exc.status)
        except Exception:
            # The worker still gets a word back rather than WeChat's 「暂时无法提供服务」.
            log.exception("turn failed")
            if envelope is None:
                return _plain("success")
            reply = SORRY
        if reply is None:
            return _plain("success")
        try:
            msg = envelope.message
            xml = gate.seal(envelope, render_text(msg.from_user, msg.to_user, reply))
        except Exception:
            log.exception("reply could not be sealed")
            return _plain("success")
        return Response(xml, mimetype="application/xml")

    return bp
