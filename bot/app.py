"""Wiring: settings → store, knowledge, classifier, bot → the Flask app."""

from __future__ import annotations

import logging
import os
from concurrent.futures import Future
from dataclasses import dataclass, field
from pathlib import Path

from flask import Flask, Request
from flask.sessions import SecureCookieSession, SecureCookieSessionInterface

from .complaints.register import Complaint, ComplaintFlow, Register
from .config import Settings
from .content.knowledge import Knowledge, load_knowledge
from .dialogue.outbox import SERVICE_WINDOW_SECONDS, Outbox
from .dialogue.turn import Bot
from .nlu.rules import load_classifier
from .storage.store import Store
from .web.webhook import Deadline, create_webhook
from .wechat.api import WeChatAPI
from .wechat.push import Gate


@dataclass
class Services:
    settings: Settings
    store: Store
    knowledge: Knowledge
    bot: Bot
    gate: Gate
    complaints: Register
    outbox: Outbox

    def wechat_api(self) -> WeChatAPI:
        """One API client per process, created on first use (the webhook never needs it to reply)."""
        if self._api is None:
            self._api = WeChatAPI(self.settings.wechat, self.settings.storage.database)
        return self._api

    _api: WeChatAPI | None = field(default=None, init=False, repr=False)

    def notify_status(self, complaint: Complaint) -> Future[bool] | None:
        """Tell the worker their case moved: now if the 48-hour window is open, else when they next write."""
        if not complaint.openid:
            return None
        user = self.store.user(complaint.openid)
        if self.store.clock() - user.last_seen > SERVICE_WINDOW_SECONDS:
            return None
        note = f"：{complaint.note}" if complaint.note else ""
        text = f"📌 你的欠薪投诉 {complaint.case_no} 有新进展：{complaint.status}{note}"
        return self.outbox.send(complaint.openid, text, lambda: self.complaints.mark_notified(complaint.id))


def build(settings: Settings) -> Services:
    """Everything a process needs, without Flask (the CLI uses this too)."""
    store = Store(settings.storage.database)
    knowledge = load_knowledge(settings.content.content_dir)
    classifier = load_classifier(Path(settings.content.intents_dir))
    bot = Bot(knowledge, classifier, store)
    register = Register(store)
    bot.flows.append(ComplaintFlow(register, knowledge, draft_ttl_hours=settings.complaints.draft_ttl_hours))
    outbox = Outbox(lambda: services.wechat_api())
    services = Services(settings, store, knowledge, bot, Gate(settings.wechat), register, outbox)
    from .broadcasts.service import attach

    attach(services)
    return services


class DeskOnlySessions(SecureCookieSessionInterface):
    """Only the desk has sessions; the webhook (every push) skips cookie decoding altogether."""

    def open_session(self, app: Flask, request: Request) -> SecureCookieSession | None:
        if not request.path.startswith("/desk"):
            return self.make_null_session(app)
        return super().open_session(app, request)


def create_app(settings: Settings, services: Services | None = None) -> Flask:
    services = services or build(settings)
    app = Flask(__name__)
    app.session_interface = DeskOnlySessions()
    app.extensions["liugong"] = services
    deadline = Deadline(services.bot, settings.server.reply_budget_seconds, services.outbox.send)
    app.register_blueprint(create_webhook(services.gate, deadline, settings.server))
    from .web.desk import create_desk
    from .web.desk.broadcasts import create_desk_broadcasts

    app.register_blueprint(create_desk(services), url_prefix="/desk")
    app.register_blueprint(create_desk_broadcasts(services), url_prefix="/desk/broadcasts")

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
