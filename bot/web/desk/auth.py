"""Desk security plumbing: the shared secret key, cookies, who is logged in, CSRF, roles, headers."""

from __future__ import annotations

import hmac
import os
import secrets
from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar, cast

from flask import Blueprint, Flask, g, redirect, render_template, request, session, url_for
from flask.sansio.app import App
from flask.typing import ResponseReturnValue
from werkzeug.datastructures import Headers
from werkzeug.middleware.proxy_fix import ProxyFix

from ...config import Settings, is_loopback
from ...staff import accounts
from ...storage.store import Store

F = TypeVar("F", bound=Callable[..., ResponseReturnValue])

COOKIE_NAME = "liugong_desk"
CSRF_FIELD = "csrf_token"
CSRF_MESSAGE = "这个页面已经过期或者请求不完整（缺少安全校验码），请返回上一页刷新后再提交。"


def secret_key(store: Store, settings: Settings) -> str:
    """settings.desk.secret_key, else one random key made once and kept in SQLite for every process."""
    if settings.desk.secret_key:
        return settings.desk.secret_key
    with store.transaction() as conn:
        conn.execute(
            "INSERT OR IGNORE INTO desk_secrets (name, value) VALUES ('session_key', ?)",
            (secrets.token_hex(32),),
        )
        row = conn.execute("SELECT value FROM desk_secrets WHERE name = 'session_key'").fetchone()
    return str(row[0])


def cookie_secure(settings: Settings) -> bool:
    """Send the session cookie over HTTPS only?

    ``[desk] cookie_secure`` "on"/"off"; with "auto", $BOT_DESK_COOKIE_SECURE (1/0) if set,
    else on unless the server listens on a loopback address (the 127.0.0.1 demo over plain HTTP).
    Behind a TLS-terminating proxy on 127.0.0.1, set it to "on", or set ``[server] trusted_proxies``
    so that a request the proxy marks ``X-Forwarded-Proto: https`` gets a Secure cookie.
    """
    configured = settings.desk.cookie_secure
    if configured in ("on", "off"):
        return configured == "on"
    env = os.environ.get("BOT_DESK_COOKIE_SECURE", "").strip().lower()
    if env in ("1", "true", "yes", "on"):
        return True
    if env in ("0", "false", "no", "off"):
        return False
    return not is_loopback(settings.server.host)


def configure_app(app: App, key: str, secure: bool, path: str, proxies: int = 0) -> None:
    """Session cookie settings; with ``proxies`` > 0, trust that many proxies' X-Forwarded-For and
    X-Forwarded-Proto (werkzeug's ProxyFix): the client's address and whether it came over HTTPS."""
    if proxies and isinstance(app, Flask) and not isinstance(app.wsgi_app, ProxyFix):
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxies, x_proto=proxies)  # type: ignore[method-assign]
    if not app.secret_key:
        app.secret_key = key
    app.config.update(
        SESSION_COOKIE_NAME=COOKIE_NAME,
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=secure,
        SESSION_COOKIE_PATH=path or "/",
    )


def client_ip() -> str:
    """The client's address: behind ``[server] trusted_proxies`` proxies, ProxyFix has already put
    the address they saw in ``remote_addr``; X-Forwarded-For from anyone else counts for nothing."""
    return request.remote_addr or "-"


# -- who is logged in -------------------------------------------------------------------------------


def load_staff(store: Store) -> None:
    g.staff = None
    token = session.get("sid")
    if isinstance(token, str):
        g.staff = accounts.session_account(store, token)
        if g.staff is None:
            session.pop("sid", None)


def current() -> accounts.Account | None:
    return cast(accounts.Account | None, g.get("staff"))


def start_session(store: Store, account: accounts.Account) -> None:
    """A fresh session on login: new token, new CSRF token (no session fixation)."""
    session.clear()
    session["sid"] = accounts.open_session(store, account)
    session["csrf"] = secrets.token_urlsafe(32)
    g.staff = account


def end_session(store: Store) -> None:
    token = session.get("sid")
    if isinstance(token, str):
        accounts.close_session(store, token)
    session.clear()
    g.staff = None


# -- CSRF ---------------------------------------------------------------------------------------


def csrf_token() -> str:
    token = session.get("csrf")
    if not isinstance(token, str):
        token = secrets.token_urlsafe(32)
        session["csrf"] = token
    return token


def csrf_ok() -> bool:
    expected = session.get("csrf")
    sent = request.form.get(CSRF_FIELD, "")
    return isinstance(expected, str) and bool(sent) and hmac.compare_digest(expected.encode(), sent.encode())


# -- roles ----------------------------------------------------------------------------------------


def safe_next(target: str | None) -> str | None:
    """Only a path inside the desk may be the page to come back to after login (no control
    characters either: a CR/LF would end up in the Location header)."""
    if not target or any(ord(c) < 0x20 or ord(c) == 0x7F for c in target):
        return None
    prefix = url_for("desk.home")
    if not target.startswith(prefix) or "//" in target or "\\" in target:
        return None
    return target


def require(role: str) -> Callable[[F], F]:
    """Log in first (redirect to the login page), then at least ``role`` (else 403)."""

    def decorate(view: F) -> F:
        @wraps(view)
        def wrapper(*args: Any, **kwargs: Any) -> ResponseReturnValue:
            staff = current()
            if staff is None:
                back = request.full_path.rstrip("?") if request.method == "GET" else None
                return redirect(url_for("desk.login", next=back))
            if not staff.can(role):
                need = accounts.ROLE_NAMES[role]
                return render_template("desk/error.html", message=f"这个页面需要「{need}」或更高权限。"), 403
            return view(*args, **kwargs)

        return cast(F, wrapper)

    return decorate


def security_headers(headers: Headers, nonce: str) -> None:
    headers["X-Frame-Options"] = "DENY"
    headers["X-Content-Type-Options"] = "nosniff"
    headers["Referrer-Policy"] = "same-origin"
    headers["Content-Security-Policy"] = (
        "default-src 'none'; "
        f"script-src 'self' 'nonce-{nonce}'; "
        "style-src 'self'; img-src 'self' data:; connect-src 'self'; "
        "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
    )
    # Pages carry personal data: no copies in shared browser or proxy caches.
    headers.setdefault("Cache-Control", "no-store")


def guard(bp: Blueprint, store: Store, refuse: Callable[[], ResponseReturnValue]) -> None:
    """Every desk blueprint: a CSP nonce, the signed-in staff member, CSRF on POST, security headers."""
    import logging

    from flask import Response

    log = logging.getLogger("bot.desk")

    @bp.before_request
    def _before() -> ResponseReturnValue | None:
        g.csp_nonce = secrets.token_urlsafe(16)
        load_staff(store)
        if request.method == "POST" and not csrf_ok():
            log.warning("desk: POST %s refused, CSRF token missing or wrong", request.path)
            return refuse()
        return None

    @bp.after_request
    def _after(resp: Response) -> Response:
        security_headers(resp.headers, g.get("csp_nonce", ""))
        return resp


def base_context() -> dict[str, Any]:
    return {
        "csrf_token": csrf_token,
        "csrf_field": CSRF_FIELD,
        "staff": current(),
        "csp_nonce": g.get("csp_nonce", ""),
    }
