"""The broadcast tables: rows in and out (create, edit, cancel, read). No WeChat calls here.

Writes that must see a consistent table (quota checks, edits) run inside ``store.transaction()``,
which the caller opens; reads use the store's connection directly.
"""

from __future__ import annotations

import json
import sqlite3
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from datetime import datetime, timedelta

from ..storage.store import Store
from .model import (
    DUPLICATE_DAYS,
    Broadcast,
    Draft,
    Existing,
    Schedule,
    Send,
    beijing,
    occurrence_key,
    occurrence_time,
)

SEND_SELECT = (
    "SELECT s.*, r.status AS finish_status, r.total, r.filter_count, r.sent_count, r.error_count"
    " FROM broadcast_sends s LEFT JOIN mass_results r ON r.msg_id = s.msg_id"
)

EXISTING_SELECT = (
    "SELECT s.id, s.broadcast_id, s.due, s.occurrence, s.region, s.status, b.title, b.template"
    " FROM broadcast_sends s JOIN broadcasts b ON b.id = s.broadcast_id"
)


def send_of(row: sqlite3.Row) -> Send:
    return Send(
        id=row["id"],
        broadcast_id=row["broadcast_id"],
        occurrence=row["occurrence"],
        region=row["region"],
        due=row["due"],
        status=row["status"],
        clientmsgid=row["clientmsgid"],
        text=row["text"],
        attempts=row["attempts"],
        sent=row["sent"],
        msg_id=row["msg_id"],
        note=row["note"],
        error=row["error"],
        retry_at=row["retry_at"],
        retries=row["retries"],
        finish_status=row["finish_status"],
        total=row["total"],
        filter_count=row["filter_count"],
        sent_count=row["sent_count"],
        error_count=row["error_count"],
    )


def _broadcast_of(row: sqlite3.Row, sends: Sequence[Send]) -> Broadcast:
    return Broadcast(
        id=row["id"],
        kind=row["kind"],
        template=row["template"],
        title=row["title"],
        body=row["body"],
        regions=tuple(json.loads(row["regions"])),
        schedule=Schedule.from_row(row),
        created_by=row["created_by"],
        created=row["created"],
        updated=row["updated"],
        cancelled=row["cancelled"],
        cancelled_by=row["cancelled_by"],
        sends=tuple(sends),
        sender=row["sender"],
    )


def _columns(draft: Draft) -> dict[str, object]:
    return {
        "kind": draft.kind,
        "template": draft.template,
        "title": draft.title,
        "body": draft.body,
        "sender": draft.sender,
        "regions": json.dumps(list(draft.regions)),
        **draft.schedule.to_row(),
    }


class Repository:
    def __init__(self, store: Store, clock: Callable[[], float]) -> None:
        self.store = store
        self.clock = clock

    # -- reading -----------------------------------------------------------------------------------

    def get(self, broadcast_id: int) -> Broadcast | None:
        row = self.store.conn.execute("SELECT * FROM broadcasts WHERE id = ?", (broadcast_id,)).fetchone()
        if row is None:
            return None
        sends = self.store.conn.execute(
            SEND_SELECT + " WHERE s.broadcast_id = ? ORDER BY s.due, s.id", (broadcast_id,)
        )
        return _broadcast_of(row, [send_of(s) for s in sends])

    def recent(self, limit: int = 200) -> list[Broadcast]:
        rows = self.store.conn.execute(
            "SELECT * FROM broadcasts ORDER BY id DESC LIMIT ?", (limit,)
        ).fetchall()
        if not rows:
            return []
        sends: dict[int, list[Send]] = defaultdict(list)
        marks = ",".join("?" * len(rows))
        for s in self.store.conn.execute(
            SEND_SELECT + f" WHERE s.broadcast_id IN ({marks}) ORDER BY s.due, s.id",
            [r["id"] for r in rows],
        ):
            sends[s["broadcast_id"]].append(send_of(s))
        return [_broadcast_of(r, sends[r["id"]]) for r in rows]

    def send(self, send_id: int) -> Send | None:
        row = self.store.conn.execute(SEND_SELECT + " WHERE s.id = ?", (send_id,)).fetchone()
        return send_of(row) if row else None

    def sends(self, where: str, params: Sequence[object] = ()) -> list[Send]:
        """Sends matching a condition on ``s`` (the send) in due order."""
        rows = self.store.conn.execute(SEND_SELECT + f" WHERE {where} ORDER BY s.due, s.id", params)
        return [send_of(r) for r in rows]

    def pending(self) -> list[tuple[int, str, float]]:
        """(broadcast id, occurrence, when to fire) of every occurrence still to send or to retry."""
        rows = self.store.conn.execute(
            "SELECT broadcast_id, occurrence,"
            " MIN(CASE WHEN status = 'retrying' THEN COALESCE(retry_at, due) ELSE due END) AS due"
            " FROM broadcast_sends WHERE status IN ('scheduled', 'retrying')"
            " GROUP BY broadcast_id, occurrence ORDER BY due"
        )
        return [(r["broadcast_id"], r["occurrence"], r["due"]) for r in rows]

    def _existing(
        self, where: str, params: Sequence[object], when: Callable[[sqlite3.Row], datetime]
    ) -> list[Existing]:
        """Sends that use the quota (waiting, under way, retrying or sent; ``QUOTA_STATUSES``)."""
        rows = self.store.conn.execute(
            EXISTING_SELECT
            + f" WHERE s.status IN ('scheduled', 'sending', 'retrying', 'sent') AND {where} ORDER BY s.due",
            params,
        )
        return [
            Existing(r["id"], r["broadcast_id"], when(r), r["region"], r["title"], r["template"], r["status"])
            for r in rows
        ]

    def booked(
        self, exclude_broadcast: int | None = None, exclude_sends: Iterable[int] = ()
    ) -> list[Existing]:
        """The sends that use the quota, at their due time (the quota counts when they go out)."""
        skip = set(exclude_sends)
        found = self._existing("1", (), lambda r: beijing(r["due"]))
        return [e for e in found if e.broadcast_id != exclude_broadcast and e.send_id not in skip]

    def same_template(
        self, template: str, times: Sequence[datetime], exclude_broadcast: int | None = None
    ) -> list[Existing]:
        """Sends of ``template`` within ``DUPLICATE_DAYS`` of ``times``, at their planned time."""
        if not template or not times:
            return []
        window = timedelta(days=DUPLICATE_DAYS)
        span = ((min(times) - window).timestamp(), (max(times) + window).timestamp())
        found = self._existing(
            "b.template = ? AND s.due BETWEEN ? AND ?",
            (template, *span),
            lambda r: occurrence_time(r["occurrence"]),
        )
        return [e for e in found if e.broadcast_id != exclude_broadcast]

    # -- writing (inside the caller's transaction) ---------------------------------------------------

    def _clientmsgid(self, broadcast_id: int, when: datetime, region: str) -> str:
        """Deterministic per broadcast, occurrence and region; unique per database (``install``)."""
        install = self.store.conn.execute(
            "SELECT value FROM broadcast_meta WHERE name = 'install'"
        ).fetchone()
        return f"lg{install[0]}-{broadcast_id}-{when:%Y%m%d%H%M}-{region}"[:64]

    def insert_sends(self, broadcast_id: int, rows: Sequence[tuple[datetime, str]]) -> None:
        for when, region in rows:
            self.store.conn.execute(
                "INSERT INTO broadcast_sends (broadcast_id, occurrence, region, due, clientmsgid)"
                " VALUES (?, ?, ?, ?, ?)",
                (
                    broadcast_id,
                    occurrence_key(when),
                    region,
                    when.timestamp(),
                    self._clientmsgid(broadcast_id, when, region),
                ),
            )

    def insert(self, draft: Draft, actor: str) -> int:
        cur = self.store.conn.execute(
            "INSERT INTO broadcasts (kind, template, title, body, sender, regions, once_at, daily_at,"
            " first_day, last_day, created_by, created, updated) VALUES (:kind, :template, :title, :body,"
            " :sender, :regions, :once_at, :daily_at, :first_day, :last_day, :actor, :now, :now)",
            {**_columns(draft), "actor": actor, "now": self.clock()},
        )
        return int(cur.lastrowid or 0)

    def update(self, broadcast_id: int, draft: Draft) -> None:
        self.store.conn.execute(
            "UPDATE broadcasts SET kind = :kind, template = :template, title = :title, body = :body,"
            " sender = :sender, regions = :regions, once_at = :once_at, daily_at = :daily_at,"
            " first_day = :first_day, last_day = :last_day, updated = :now WHERE id = :id",
            {**_columns(draft), "now": self.clock(), "id": broadcast_id},
        )

    def drop_scheduled(self, broadcast_id: int) -> None:
        self.store.conn.execute(
            "DELETE FROM broadcast_sends WHERE broadcast_id = ? AND status = 'scheduled'", (broadcast_id,)
        )

    def cancel(self, broadcast_id: int, actor: str) -> int:
        """Cancel the sends not yet started; 0 if there were none (nothing else changes then)."""
        n = self.store.conn.execute(
            "UPDATE broadcast_sends SET status = 'cancelled' WHERE broadcast_id = ? AND status = 'scheduled'",
            (broadcast_id,),
        ).rowcount
        if n:
            self.store.conn.execute(
                "UPDATE broadcasts SET cancelled = ?, cancelled_by = ? WHERE id = ?",
                (self.clock(), actor, broadcast_id),
            )
        return int(n)
