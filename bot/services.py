"""Wiring: settings → store, knowledge, classifier, flows, broadcasts → one typed ``Services``.

``build`` is the one place the parts are made and connected; the web app, the CLI and the scheduler
all start from it. Blueprints reach the process's ``Services`` with ``current()``.
"""

from __future__ import annotations

from concurrent.futures import Future
from dataclasses import dataclass
from pathlib import Path

from flask import current_app

from .broadcasts.service import Broadcasts
from .complaints.flow import ComplaintFlow
from .complaints.register import Complaint, Register, status_news
from .config import Settings
from .content.knowledge import Knowledge, load_knowledge
from .content.live import LiveContent
from .dialogue.outbox import SERVICE_WINDOW_SECONDS, Outbox
from .dialogue.turn import Bot
from .nlu import linear
from .nlu.learned import Learning
from .nlu.rules import load_classifier
from .staff.labels import StoreLabels
from .storage.store import Store
from .wechat.api import WeChatAPI
from .wechat.push import Gate

EXTENSION = "liugong"


class ApiHandle:
    """One WeChat API client per process, made on first use (the webhook never needs it to reply)."""

    def __init__(self, settings: Settings) -> None:
        self._settings = settings
        self._api: WeChatAPI | None = None

    def __call__(self) -> WeChatAPI:
        if self._api is None:
            self._api = WeChatAPI(self._settings.wechat, self._settings.storage.database)
        return self._api


@dataclass
class Services:
    """Everything a process needs, typed and wired once by ``build`` (web, CLI and scheduler share it)."""

    settings: Settings
    store: Store
    knowledge: Knowledge
    bot: Bot
    gate: Gate
    complaints: Register
    outbox: Outbox
    broadcasts: Broadcasts
    wechat_api: ApiHandle
    learning: Learning  # the bot's classifier: the rules with the staff's labels beside them
    content: LiveContent | None = None  # desk content edits: reloads published content in place

    def notify_status(self, complaint: Complaint) -> Future[bool] | None:
        """Tell the worker their case moved: now if the 48-hour window is open, else when they next write."""
        if not complaint.openid:
            return None
        user = self.store.user(complaint.openid)
        if self.store.clock() - user.last_seen > SERVICE_WINDOW_SECONDS:
            return None
        text = status_news(complaint)
        return self.outbox.send(complaint.openid, text, lambda: self.complaints.mark_notified(complaint.id))


def build(settings: Settings) -> Services:
    """Everything a process needs, without Flask (the CLI and the scheduler use this too)."""
    store = Store(settings.storage.database)
    shipped = load_knowledge(settings.content.content_dir)
    # The shipped files plus the desk's published edits, kept current (bot/content/live.py).
    content = LiveContent(
        store, settings.content, shipped, load_classifier(Path(settings.content.intents_dir))
    )
    knowledge = content.knowledge
    register = Register(store)
    api = ApiHandle(settings)
    broadcasts = Broadcasts(
        store, knowledge, api, account_type=settings.wechat.account_type, settings=settings.broadcasts
    )
    learning = Learning(content, StoreLabels(store))  # staff labels beside the rules (bot/nlu/learned.py)
    bot = Bot(
        knowledge,
        learning,
        store,
        turns=linear.shared(Path(settings.content.intents_dir) / linear.FILE),
        flows=[ComplaintFlow(register, knowledge, draft_ttl_hours=settings.complaints.draft_ttl_hours)],
        event_handlers={"masssendjobfinish": broadcasts.on_mass_finish},
    )
    outbox = Outbox(api)
    gate = Gate(settings.wechat)
    return Services(
        settings, store, knowledge, bot, gate, register, outbox, broadcasts, api, learning, content
    )


def current() -> Services:
    """The ``Services`` of the Flask app handling this request (set by ``bot.app.create_app``)."""
    services = current_app.extensions[EXTENSION]
    assert isinstance(services, Services)
    return services
