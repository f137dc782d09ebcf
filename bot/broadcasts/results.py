"""WeChat's report of a finished mass send (``MASSSENDJOBFINISH``, pushed to the webhook).

The counts are kept by msg_id in their own table: the push may arrive before the send that made
it is recorded (WeChat is quick, our record comes after its answer), so nothing here depends on
the send's row. SQLite only: the webhook must not wait on WeChat.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from ..storage.store import Store

if TYPE_CHECKING:  # the push module pulls in wechatpy's crypto
    from ..wechat.push import Message

log = logging.getLogger(__name__)


class Results:
    def __init__(self, store: Store, clock: Callable[[], float]) -> None:
        self.store = store
        self.clock = clock

    def on_mass_finish(self, msg: Message) -> None:
        """MASSSENDJOBFINISH from the webhook: keep the counts by msg_id (SQLite only, no API call)."""
        fields = msg.fields

        def number(name: str) -> int | None:
            value = str(fields.get(name, "")).strip()
            return int(value) if value.lstrip("-").isdigit() else None

        msg_id = number("MsgID") or number("MsgId")
        if msg_id is None:
            log.warning("MASSSENDJOBFINISH without a MsgID ignored")
            return
        self.store.conn.execute(
            "INSERT OR REPLACE INTO mass_results"
            " (msg_id, status, total, filter_count, sent_count, error_count, received)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                msg_id,
                str(fields.get("Status", "")),
                number("TotalCount"),
                number("FilterCount"),
                number("SentCount"),
                number("ErrorCount"),
                self.clock(),
            ),
        )
        log.info("mass send %d finished: %s", msg_id, fields.get("Status", ""))
