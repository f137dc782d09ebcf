"""The staff desk (工作台): a small server-rendered site for hotline staff and officials.

``create_desk(services)`` returns the blueprint that ``bot.app.create_app`` mounts at ``/desk``:
scripted answers (searched with the bot's own classifier), the complaint register, questions
the bot could not answer and the audit log. Plain HTML that works on a phone; a few lines of
optional JavaScript for the copy buttons.
"""

from __future__ import annotations

from flask import Blueprint
from flask.blueprints import BlueprintSetupState

from ...services import Services
from . import auth
from .content import register_content_views
from .dashboard import register_dashboard
from .labels import register_label_views
from .views import register_views


def create_desk(services: Services) -> Blueprint:
    store = services.store
    key = auth.secret_key(store, services.settings)
    secure = auth.cookie_secure(services.settings)

    bp = Blueprint(
        "desk",
        __name__,
        template_folder="../templates",
        static_folder="../static",
        static_url_path="/static",
    )

    @bp.record_once
    def _configure(state: BlueprintSetupState) -> None:
        auth.configure_app(
            state.app, key, secure, state.url_prefix or "/", services.settings.server.trusted_proxies
        )

    register_views(bp, services)
    register_content_views(bp, services)  # 内容维护 (content.py)
    register_dashboard(bp, services)
    register_label_views(bp, services)
    return bp


__all__ = ["create_desk"]
