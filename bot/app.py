"""The Flask app: the webhook and the desk blueprints over one process's ``Services``."""

from __future__ import annotations

import logging
import os

from flask import Flask, Request, has_request_context
from flask import request as current_request
from flask.sessions import SecureCookieSession, SecureCookieSessionInterface

from .config import Settings
from .services import EXTENSION, Services, build
from .web.webhook import Deadline, create_webhook


class DeskOnlySessions(SecureCookieSessionInterface):
    """Only the desk has sessions; the webhook (every push) skips cookie decoding altogether."""

    def open_session(self, app: Flask, request: Request) -> SecureCookieSession | None:
        if not request.path.startswith("/desk"):
            return self.make_null_session(app)
        return super().open_session(app, request)

    def get_cookie_secure(self, app: Flask) -> bool:
        # Also over HTTPS seen through a trusted proxy (ProxyFix: [server] trusted_proxies).
        return super().get_cookie_secure(app) or (has_request_context() and current_request.is_secure)


def create_app(settings: Settings, services: Services | None = None) -> Flask:
    services = services or build(settings)
    app = Flask(__name__)
    app.session_interface = DeskOnlySessions()
    app.extensions[EXTENSION] = services  # blueprints reach it with bot.services.current()
    deadline = Deadline(services.bot, settings.server.reply_budget_seconds, services.outbox.send)
    app.register_blueprint(create_webhook(services.gate, deadline, settings.server))
    from .web.desk import create_desk
    from .web.desk.broadcasts import bp as desk_broadcasts

    app.register_blueprint(create_desk(services), url_prefix="/desk")
    app.register_blueprint(desk_broadcasts, url_prefix="/desk/broadcasts")

    @app.get("/healthz")
    def healthz() -> dict[str, str]:
        return {"status": "ok"}

    return app


def configure_logging(level: int | str | None = None) -> None:
    """INFO unless ``level`` or $BOT_LOG_LEVEL says otherwise (DEBUG adds a line per turn)."""
    level = level or os.environ.get("BOT_LOG_LEVEL", "").upper() or logging.INFO
    logging.basicConfig(level=level, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    for noisy in ("jieba", "apscheduler"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
