"""Each follower's region mirrored into WeChat user tags, off the reply path.

Mass sends go to a tag (``message/mass/sendall``), so a tag must hold exactly the followers who
should get that region's broadcasts: followed, not opted out (退订), living in the region or one
of its districts. There is one tag per region id, plus the national tag that every subscribed
follower carries (it stands for "everyone" — ``is_to_all`` would also reach those who opted out).
A worker in 安庆·宜秀 who has not opted out carries 留工·安庆·宜秀, 留工·安庆 and 留工·全国.

The webhook never calls WeChat for this. A trigger marks a user row dirty whenever its region,
``subscribed`` or ``followed`` changes; ``TagMirror.sync`` (run by the scheduler every poll and
right before every broadcast) tags and untags the dirty users and clears the mark — only if the
row did not change again meanwhile.

Only an answer about the follower (an OpenID that is not, or no longer, one of ours; a follower
with too many tags) marks that follower refused. Anything else — WeChat busy, no permission, a
token or credential problem — fails the whole sync: the users stay dirty for the next one, and a
broadcast waiting on the sync is held back rather than sent to a tag that is out of date.
"""

from __future__ import annotations

import json
import logging
import sqlite3
import threading
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from ..content.knowledge import Knowledge
from ..errors import WeChatError
from ..ids import NATIONAL
from ..storage.store import Store, hash_openid

log = logging.getLogger(__name__)

TAG_PREFIX = "留工·"
SYNC_BATCH = 500
# tags_dirty values: 0 in sync, 1 needs a sync, 2 WeChat refused this user (retried after a change).
CLEAN, DIRTY, REFUSED = 0, 1, 2
TAG_GONE = 45159  # invalid tag id: the tag was deleted in the 公众号 admin
# batch(un)tagging answers about a follower rather than the call: invalid OpenID, OpenID of another
# account, the follower already carries the most tags WeChat allows.
FOLLOWER_ERRCODES = frozenset({40003, 49003, 45059})


class TagsAPI(Protocol):
    def get_tags(self) -> list[dict[str, object]]: ...

    def create_tag(self, name: str) -> int: ...

    def tag_users(self, tag_id: int, openids: list[str]) -> None: ...

    def untag_users(self, tag_id: int, openids: list[str]) -> None: ...


@dataclass(frozen=True)
class SyncResult:
    users: int = 0
    refused: int = 0


class TagMirror:
    def __init__(self, store: Store, knowledge: Knowledge, api: Callable[[], TagsAPI]) -> None:
        self.store = store
        self.knowledge = knowledge
        self.api = api
        # One sync at a time in this process (the poll and a send may both ask for one).
        self._lock = threading.RLock()

    # -- what a follower should carry -------------------------------------------------------------

    def wanted(self, region: str | None, subscribed: bool, followed: bool) -> set[str]:
        """The region ids whose tags this follower belongs in (none once opted out or gone)."""
        if not (subscribed and followed):
            return set()
        return set(self.knowledge.chain(region))

    def members(self, region: str, limit: int = -1) -> list[str]:
        """Who the tag of ``region`` stands for, from our own records (Store.audience)."""
        if region == NATIONAL:
            return self.store.audience(None, limit)
        inside = [rid for rid in self.knowledge.regions if region in self.knowledge.chain(rid)]
        return self.store.audience(inside, limit)

    def pending(self) -> int:
        return int(self.store.conn.execute("SELECT COUNT(*) FROM users WHERE tags_dirty = 1").fetchone()[0])

    # -- tag ids --------------------------------------------------------------------------------

    def tag_name(self, region: str) -> str:
        return TAG_PREFIX + self.knowledge.region(region).label

    def tag_ids(self, regions: set[str]) -> dict[str, int]:
        """The WeChat tag id for each region, created on WeChat the first time it is needed."""
        with self._lock:
            return self._tag_ids(regions)

    def _tag_ids(self, regions: set[str]) -> dict[str, int]:
        known = {
            row["region"]: int(row["tag_id"])
            for row in self.store.conn.execute("SELECT region, tag_id FROM region_tags")
        }
        missing = sorted(regions - set(known))
        if missing:
            api = self.api()
            existing = {str(t["name"]): int(str(t["id"])) for t in api.get_tags()}
            for region in missing:
                name = self.tag_name(region)
                tag_id = existing.get(name)
                if tag_id is None:
                    try:
                        tag_id = api.create_tag(name)
                    except WeChatError as exc:
                        if exc.errcode != 45157:  # 45157: the name exists (someone made it meanwhile)
                            raise
                        tag_id = {str(t["name"]): int(str(t["id"])) for t in api.get_tags()}[name]
                    log.info("WeChat tag %s is %d", name, tag_id)
                self.store.conn.execute(
                    "INSERT OR REPLACE INTO region_tags (region, tag_id, name) VALUES (?, ?, ?)",
                    (region, tag_id, name),
                )
                known[region] = tag_id
        return {region: known[region] for region in regions}

    def forget(self, region: str) -> None:
        """WeChat no longer knows the region's tag (45159: deleted in the 公众号 admin). Drop our id
        and mark everyone who carried it, so the next sync creates the tag again and re-tags them."""
        with self.store.transaction() as conn:
            conn.execute("DELETE FROM region_tags WHERE region = ?", (region,))
            conn.execute(
                "UPDATE users SET tags_dirty = 1 WHERE tags_dirty != 1 AND tags_synced LIKE ?",
                (f'%"{region}"%',),
            )
        log.warning("tags: WeChat has no tag for %s any more; it will be made again", region)

    # -- the sync -------------------------------------------------------------------------------

    def sync(self, limit: int = 100_000) -> SyncResult:
        """Mirror every dirty user (at most ``limit``). WeChat errors not about one follower propagate."""
        with self._lock:
            return self._sync(limit)

    def _sync(self, limit: int) -> SyncResult:
        done = SyncResult()
        while done.users < limit:
            batch = self._sync_batch(min(SYNC_BATCH, limit - done.users))
            if batch.users == 0:
                break
            done = SyncResult(done.users + batch.users, done.refused + batch.refused)
        if done.users:
            log.info("tags: mirrored %d follower(s), %d refused by WeChat", done.users, done.refused)
        return done

    def _sync_batch(self, size: int) -> SyncResult:
        rows = self.store.conn.execute(
            "SELECT openid, region, subscribed, followed, tags_synced FROM users"
            " WHERE tags_dirty = 1 ORDER BY openid LIMIT ?",
            (size,),
        ).fetchall()
        if not rows:
            return SyncResult()
        plans: dict[str, tuple[sqlite3.Row, set[str], set[str]]] = {}
        for row in rows:
            have = set(json.loads(row["tags_synced"] or "[]"))
            if row["followed"]:
                want = self.wanted(row["region"], bool(row["subscribed"]), True)
                # Tagging is idempotent: re-add the whole set in case WeChat dropped the tags when
                # the follower left and came back.
                plans[row["openid"]] = (row, want, have - want)
            else:
                # Gone: WeChat sends them nothing; leave their tags until they come back.
                plans[row["openid"]] = (row, have, set())
        adds: dict[str, list[str]] = defaultdict(list)
        removes: dict[str, list[str]] = defaultdict(list)
        for openid, (row, want, drop) in plans.items():
            if row["followed"]:
                for region in want:
                    adds[region].append(openid)
            for region in drop:
                removes[region].append(openid)
        refused = self._apply(adds, removes)
        with self.store.transaction() as conn:  # one write for the batch
            for openid, (row, want, drop) in plans.items():
                # What WeChat holds now (if refused, possibly any of before and after: the next
                # sync of this user removes the extras) …
                held = want if openid not in refused else want | drop | set(json.loads(row["tags_synced"]))
                # … and clean only if the row did not change since we read it.
                conn.execute(
                    "UPDATE users SET tags_synced = ? WHERE openid = ?", (json.dumps(sorted(held)), openid)
                )
                conn.execute(
                    "UPDATE users SET tags_dirty = ? WHERE openid = ? AND tags_dirty = 1"
                    " AND region IS ? AND subscribed = ? AND followed = ?",
                    (
                        REFUSED if openid in refused else CLEAN,
                        openid,
                        row["region"],
                        row["subscribed"],
                        row["followed"],
                    ),
                )
        return SyncResult(len(plans), len(refused))

    def _apply(self, adds: dict[str, list[str]], removes: dict[str, list[str]]) -> set[str]:
        """Tag and untag; returns the openids WeChat refused (an invalid or foreign OpenID).

        Any WeChatError that is not about one follower propagates: the sync fails as a whole.
        """
        if not adds and not removes:
            return set()
        api = self.api()
        ids = self.tag_ids(set(adds) | set(removes))
        refused: set[str] = set()
        for changes, call in ((removes, api.untag_users), (adds, api.tag_users)):
            for region, openids in sorted(changes.items()):
                todo = sorted(set(openids) - refused)
                try:
                    if todo:
                        call(ids[region], todo)
                except WeChatError as exc:
                    if exc.errcode == TAG_GONE:
                        self.forget(region)
                    if exc.errcode not in FOLLOWER_ERRCODES:
                        raise
                    # One bad OpenID fails its whole batch: find it by going one at a time.
                    log.warning("tags: batch for %s refused (%s), retrying one by one", region, exc.errcode)
                    for openid in todo:
                        try:
                            call(ids[region], [openid])
                        except WeChatError as one:
                            if one.errcode not in FOLLOWER_ERRCODES:
                                raise
                            log.warning("tags: user=%s refused (%s)", hash_openid(openid), one.errcode)
                            refused.add(openid)
        return refused
