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

import ipaddress
import threading
from dataclasses import dataclass
from typing import Any

from werkzeug.serving import BaseWSGIServer, WSGIRequestHandler, make_server

from .app import create_emulator, emulator_state
from .state import EmulatorState

__all__ = [
    "EmulatorState",
    "Running",
    "check_loopback",
    "create_emulator",
    "emulator_state",
    "serve",
    "start",
]


class _QuietHandler(WSGIRequestHandler):
    """Request lines without their query: it carries access tokens and openids."""

    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        path = self.path.split("?", 1)[0]
        self.log("info", '"%s %s" %s %s', self.command, path, code, size)


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


@dataclass
class Running:
    """An emulator served by a background thread; ``url`` is its base (``…/cgi-bin/`` is the API)."""

    server: BaseWSGIServer
    thread: threading.Thread
    state: EmulatorState

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_port}"

    @property
    def api_base_url(self) -> str:
        return self.url + "/cgi-bin/"

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=5)


def start(host: str = "127.0.0.1", port: int = 8090, **options: Any) -> Running:
    """The one way to run the emulator: on loopback, in a background thread (``port=0``: any free one).

    ``options`` go to ``create_emulator``. ``bot serve`` (demo config), ``bot emulator`` and the
    tests all start it here.
    """
    check_loopback(host)
    app = create_emulator(**options)
    server = make_server(host, port, app, threaded=True, request_handler=_QuietHandler)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), name="wechat-emulator", daemon=True)
    thread.start()
    return Running(server, thread, emulator_state(app))


def serve(host: str = "127.0.0.1", port: int = 8090, **options: Any) -> None:
    """Run the emulator until interrupted (``bot emulator``)."""
    running = start(host, port, **options)
    try:
        running.thread.join()
    except KeyboardInterrupt:
        running.stop()
