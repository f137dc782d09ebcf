"""The WeChat webhook: a Flask blueprint that never answers 500 and never hangs.

GET  <webhook_path> — the echostr handshake when the 公众号 is pointed at us.
POST <webhook_path> — a push: verified (signature, timestamp window, msg_signature, AppID),
body capped, parsed without entities, answered once per MsgId, reply sealed the way it came.
"""

from __future__ import annotations

import logging

from flask import Blueprint, Response, request
from werkzeug.exceptions import RequestEntityTooLarge

from .config import ServerSettings
from .dialogue import Bot
from .errors import RequestRejected
from .wechat import Envelope, Gate, render_text

log = logging.getLogger(__name__)

SORRY = "不好意思，系统有点忙，请过一会儿再发一次。着急的话请拨打 12333。"


def _plain(text: str, status: int = 200) -> Response:
    return Response(text, status=status, mimetype="text/plain")


def create_webhook(gate: Gate, bot: Bot, server: ServerSettings) -> Blueprint:
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
            envelope = gate.open(request.args, body)
            reply = bot.respond(envelope.message)
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
        msg = envelope.message
        xml = render_text(msg.from_user, msg.to_user, reply)
        return Response(gate.seal(envelope, xml), mimetype="application/xml")

    return bp
