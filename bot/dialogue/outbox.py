"""Customer-service messages sent off the reply path, so a slow WeChat API never delays a reply.

Used when staff change a complaint's status (the worker hears at once if they wrote within
WeChat's 48-hour window) and when a reply missed WeChat's 5-second deadline.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Protocol

from ..errors import WeChatError
from ..storage.store import hash_openid

log = logging.getLogger(__name__)

SERVICE_WINDOW_SECONDS = 48 * 3600


class SendsText(Protocol):
    def send_text(self, openid: str, text: str) -> None: ...


class Outbox:
    def __init__(self, api: Callable[[], SendsText], workers: int = 2) -> None:
        self._api = api
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="outbox")

    def send(self, openid: str, text: str, on_sent: Callable[[], None] | None = None) -> Future[bool]:
        """Queue a text; the future says whether WeChat accepted it (failures are logged, never raised)."""

        def run() -> bool:
            try:
                self._api().send_text(openid, text)
            except WeChatError as exc:
                log.warning("customer-service message to user=%s failed: %s", hash_openid(openid), exc)
                return False
            except Exception:
                log.exception("customer-service message to user=%s crashed", hash_openid(openid))
                return False
            if on_sent:
                on_sent()
            return True

        return self._pool.submit(run)

    def close(self) -> None:
        self._pool.shutdown(wait=True)
