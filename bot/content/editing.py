"""Content editing at the desk: drafts, checks, publishing, approval, versions and rollback.

Officials edit answers (per intent × region), add policy documents to the source register and add
classifier keywords and place aliases. Each change is a row in ``content_revisions``:

    draft ──publish──▶ published            (the default)
    draft ──submit───▶ pending ──approve──▶ published   ([content] require_approval = true:
                                                          a second official approves)
    draft / pending ──discard──▶ discarded

Nothing is ever deleted: the published state of a key is its revision with the highest ``seq``;
a rollback publishes a copy of an older revision (or "as shipped"), so it is a version too.
Every save and publish runs the checks of ``python -m bot check`` over the whole content with the
change applied (see ``Checker``); a change that adds a problem is refused with the reasons and
nothing is stored. Every step is written to the audit log in the same transaction.
"""

from __future__ import annotations

import difflib
import json
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from .. import timefmt
from ..config import ContentSettings
from ..errors import BotError
from ..staff import audit
from ..storage.store import Store
from .checker import Checked, Checker
from .overlay import KINDS, Payload, Tree, answer_text, source_table

audit.ACTION_NAMES.update(
    {
        "content_draft": "保存内容草稿",
        "content_submit": "提交内容待审核",
        "content_approve": "审核通过并发布内容",
        "content_publish": "发布内容",
        "content_discard": "放弃内容草稿",
        "content_rollback": "恢复内容旧版本",
        "content_import": "导入内容文件",
        "content_export": "导出内容到文件",
    }
)

KIND_NAMES = {"answer": "答复", "source": "政策文件", "keyword": "关键词", "alias": "地名别称"}
STATUS_NAMES = {"draft": "草稿", "pending": "待审核", "published": "已发布", "discarded": "已放弃"}


def audit_target(kind: str, key: str) -> str:
    """What the audit log names: the kind in words, then the key (a space, so a phone can wrap it)."""
    return f"{KIND_NAMES.get(kind, kind)} {key}"


class EditRefused(BotError):
    """A content change was refused (a check failed, or the step is not allowed); nothing was stored."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class Revision:
    id: int
    kind: str
    key: str
    payload: Payload | None  # None: as in the shipped files
    status: str
    note: str
    author: str
    created: float
    approver: str | None
    published: float | None
    seq: int | None

    @property
    def target(self) -> str:
        """The audit log's target: 「答复 anqing/legal_aid」."""
        return audit_target(self.kind, self.key)

    @property
    def label(self) -> str:
        return f"{KIND_NAMES.get(self.kind, self.kind)} {self.key}"


def _revision(row: sqlite3.Row) -> Revision:
    payload = json.loads(row["payload"]) if row["payload"] is not None else None
    return Revision(
        row["id"],
        row["kind"],
        row["key"],
        payload,
        row["status"],
        row["note"],
        row["author"],
        row["created"],
        row["approver"],
        row["published"],
        row["seq"],
    )


def version(store: Store) -> int:
    """The published content version (goes up at every publish); one indexed read."""
    row = store.conn.execute("SELECT version FROM content_version WHERE id = 1").fetchone()
    return int(row[0]) if row else 0


def published_overlay(store: Store) -> dict[tuple[str, str], Payload]:
    """The published desk edits: per key, the payload of its latest published revision (None left out)."""
    rows = store.conn.execute(
        "SELECT kind, key, payload FROM content_revisions r WHERE seq = "
        "(SELECT MAX(seq) FROM content_revisions s WHERE s.kind = r.kind AND s.key = r.key)"
    )
    return {(r["kind"], r["key"]): json.loads(r["payload"]) for r in rows if r["payload"] is not None}


class ContentEditor:
    """The desk's and the CLI's one way to change content (see the module docstring)."""

    def __init__(
        self,
        store: Store,
        settings: ContentSettings,
        *,
        today: Callable[[], date] = timefmt.today,
    ) -> None:
        self.store = store
        self.settings = settings
        self.require_approval = settings.require_approval
        self.base = Tree(Path(settings.content_dir), Path(settings.intents_dir))
        self.checker = Checker(self.base, today=today)
        self.today = today

    # -- reads ------------------------------------------------------------------------------------

    def version(self) -> int:
        return version(self.store)

    def overlay(self) -> dict[tuple[str, str], Payload]:
        return published_overlay(self.store)

    def revision(self, rev_id: int) -> Revision | None:
        row = self.store.conn.execute("SELECT * FROM content_revisions WHERE id = ?", (rev_id,)).fetchone()
        return _revision(row) if row else None

    def history(self, kind: str, key: str) -> list[Revision]:
        """Every revision of one key, newest first."""
        rows = self.store.conn.execute(
            "SELECT * FROM content_revisions WHERE kind = ? AND key = ? ORDER BY id DESC", (kind, key)
        )
        return [_revision(r) for r in rows]

    def open_revisions(self) -> list[Revision]:
        """Drafts and revisions waiting for approval, oldest first."""
        rows = self.store.conn.execute(
            "SELECT * FROM content_revisions WHERE status IN ('draft', 'pending') ORDER BY id"
        )
        return [_revision(r) for r in rows]

    def recent(self, limit: int = 30) -> list[Revision]:
        rows = self.store.conn.execute("SELECT * FROM content_revisions ORDER BY id DESC LIMIT ?", (limit,))
        return [_revision(r) for r in rows]

    def current(self, rev: Revision) -> Revision | None:
        """The published revision of ``rev``'s key (None: the key is as shipped)."""
        row = self.store.conn.execute(
            "SELECT * FROM content_revisions WHERE kind = ? AND key = ? AND seq IS NOT NULL "
            "ORDER BY seq DESC LIMIT 1",
            (rev.kind, rev.key),
        ).fetchone()
        return _revision(row) if row else None

    def text_of(self, kind: str, key: str, payload: Payload | None) -> str:
        """A payload as the file text it becomes (the shipped text for None), for diffs."""
        if payload is None:
            return self.checker.shipped_text(kind, key)
        if kind == "answer":
            return "（已停用）\n" if payload.get("retired") else answer_text(payload["meta"], payload["body"])
        if kind == "source":
            return source_table(key, payload)
        if kind == "keyword":
            return (
                f"[{payload['table']}] {payload['weight']:g} = {payload['phrase']}（{payload['intent']}）\n"
            )
        return f"{payload['phrase']} → {payload['place']}\n"

    def diff(self, rev: Revision, against: Revision | None = None) -> list[str]:
        """Unified diff from the version before ``rev`` (the published one, or its predecessor) to it."""
        if against is None and rev.seq is not None:
            row = self.store.conn.execute(
                "SELECT * FROM content_revisions WHERE kind = ? AND key = ? AND seq < ?"
                " ORDER BY seq DESC LIMIT 1",
                (rev.kind, rev.key, rev.seq),
            ).fetchone()
            against = _revision(row) if row else None
        elif against is None:
            against = self.current(rev)
        old = self.text_of(rev.kind, rev.key, against.payload if against else None)
        new = self.text_of(rev.kind, rev.key, rev.payload)
        lines = difflib.unified_diff(old.splitlines(), new.splitlines(), "之前", "这一版", lineterm="", n=2)
        return list(lines)[2:]

    # -- checks -----------------------------------------------------------------------------------

    def check(self, kind: str, key: str, payload: Payload | None) -> Checked:
        """The whole content with this change applied; ``problems`` lists what it would break."""
        if kind not in KINDS:
            raise EditRefused([f"不认识的内容类型 {kind!r}"])
        published = self.overlay()
        change: dict[tuple[str, str], Payload | None] = {(kind, key): payload}
        return self.checker.check(published, change)

    # -- writes -----------------------------------------------------------------------------------

    def save_draft(self, kind: str, key: str, payload: Payload, author: str, note: str = "") -> Revision:
        """Check the change and keep it as a draft; raises ``EditRefused`` with the reasons."""
        checked = self.check(kind, key, payload)
        if checked.problems:
            raise EditRefused(checked.problems)
        with self.store.transaction():
            # The author's earlier open draft of the same key is superseded, not deleted.
            self.store.conn.execute(
                "UPDATE content_revisions SET status = 'discarded' WHERE kind = ? AND key = ? AND author = ?"
                " AND status = 'draft'",
                (kind, key, author),
            )
            cur = self.store.conn.execute(
                "INSERT INTO content_revisions (kind, key, payload, status, note, author, created)"
                " VALUES (?, ?, ?, 'draft', ?, ?, ?)",
                (kind, key, json.dumps(payload, ensure_ascii=False), note, author, self.store.clock()),
            )
            rev_id = int(cur.lastrowid or 0)
            audit.record(self.store, author, "content_draft", audit_target(kind, key), f"第{rev_id}版")
        rev = self.revision(rev_id)
        assert rev is not None
        return rev

    def publish(self, rev_id: int, actor: str) -> Revision:
        """Publish a draft; with approval required, submit it (a second official approves)."""
        rev = self._open(rev_id)
        if self.require_approval:
            if rev.status == "pending":
                raise EditRefused(["这一版已经提交，正在等另一位干部审核。"])
            self._set(rev, "pending", actor, "content_submit")
            return self._get(rev_id)
        return self._publish(rev, actor, "content_publish")

    def approve(self, rev_id: int, actor: str) -> Revision:
        rev = self._open(rev_id)
        if rev.status != "pending":
            raise EditRefused(["只有「待审核」的版本可以审核。"])
        if rev.author == actor:
            raise EditRefused(["不能审核自己写的版本：请另一位干部审核。"])
        return self._publish(rev, actor, "content_approve")

    def discard(self, rev_id: int, actor: str) -> Revision:
        rev = self._open(rev_id)
        self._set(rev, "discarded", actor, "content_discard")
        return self._get(rev_id)

    def rollback(self, rev_id: int, actor: str) -> Revision:
        """Publish again what ``rev_id`` held (a published or shipped version): a new revision."""
        old = self._get(rev_id)
        if old.status != "published":
            raise EditRefused(["只能恢复到发布过的版本。"])
        return self._publish_payload(
            old.kind, old.key, old.payload, actor, "content_rollback", f"恢复到第{rev_id}版"
        )

    def restore_shipped(self, kind: str, key: str, actor: str) -> Revision:
        """Publish "as in the shipped files" for a key (undo every desk edit of it)."""
        return self._publish_payload(kind, key, None, actor, "content_rollback", "恢复到文件里的原版")

    def publish_now(
        self, kind: str, key: str, payload: Payload | None, actor: str, note: str = ""
    ) -> Revision:
        """Check and publish in one step (``bot content import``); no approval step."""
        return self._publish_payload(kind, key, payload, actor, "content_import", note)

    def publish_many(
        self, changes: dict[tuple[str, str], Payload | None], actor: str, action: str, note: str
    ) -> list[Revision]:
        """Check all changes together and publish them as one content version (``bot content import``)."""
        if not changes:
            return []
        checked = self.checker.check(self.overlay(), changes)
        if checked.problems:
            raise EditRefused(checked.problems)
        ids = []
        with self.store.transaction():
            seq = self._bump()
            now = self.store.clock()
            for (kind, key), payload in sorted(changes.items()):
                text = None if payload is None else json.dumps(payload, ensure_ascii=False)
                cur = self.store.conn.execute(
                    "INSERT INTO content_revisions"
                    " (kind, key, payload, status, note, author, created, published, seq)"
                    " VALUES (?, ?, ?, 'published', ?, ?, ?, ?, ?)",
                    (kind, key, text, note, actor, now, now, seq),
                )
                ids.append(int(cur.lastrowid or 0))
            audit.record(self.store, actor, action, "内容", f"{len(ids)} 项，内容版本 {seq}：{note}")
        return [self._get(i) for i in ids]

    # -- internals --------------------------------------------------------------------------------

    def _get(self, rev_id: int) -> Revision:
        rev = self.revision(rev_id)
        if rev is None:
            raise EditRefused([f"没有第{rev_id}版。"])
        return rev

    def _open(self, rev_id: int) -> Revision:
        rev = self._get(rev_id)
        if rev.status not in ("draft", "pending"):
            raise EditRefused([f"这一版已经{STATUS_NAMES[rev.status]}，不能再改。"])
        return rev

    def _set(self, rev: Revision, status: str, actor: str, action: str) -> None:
        with self.store.transaction():
            self.store.conn.execute("UPDATE content_revisions SET status = ? WHERE id = ?", (status, rev.id))
            audit.record(self.store, actor, action, rev.target, f"第{rev.id}版")

    def _publish(self, rev: Revision, actor: str, action: str) -> Revision:
        checked = self.check(rev.kind, rev.key, rev.payload)  # the content may have moved since the draft
        if checked.problems:
            raise EditRefused(checked.problems)
        with self.store.transaction():
            seq = self._bump()
            self.store.conn.execute(
                "UPDATE content_revisions SET status = 'published', seq = ?, published = ?, approver = ?"
                " WHERE id = ? AND status IN ('draft', 'pending')",
                (seq, self.store.clock(), actor if action == "content_approve" else None, rev.id),
            )
            audit.record(self.store, actor, action, rev.target, f"第{rev.id}版，内容版本 {seq}")
        return self._get(rev.id)

    def _publish_payload(
        self, kind: str, key: str, payload: Payload | None, actor: str, action: str, note: str
    ) -> Revision:
        checked = self.check(kind, key, payload)
        if checked.problems:
            raise EditRefused(checked.problems)
        with self.store.transaction():
            seq = self._bump()
            now = self.store.clock()
            cur = self.store.conn.execute(
                "INSERT INTO content_revisions"
                " (kind, key, payload, status, note, author, created, published, seq)"
                " VALUES (?, ?, ?, 'published', ?, ?, ?, ?, ?)",
                (
                    kind,
                    key,
                    None if payload is None else json.dumps(payload, ensure_ascii=False),
                    note,
                    actor,
                    now,
                    now,
                    seq,
                ),
            )
            rev_id = int(cur.lastrowid or 0)
            audit.record(
                self.store, actor, action, audit_target(kind, key), f"第{rev_id}版，内容版本 {seq}：{note}"
            )
        return self._get(rev_id)

    def _bump(self) -> int:
        self.store.conn.execute("UPDATE content_version SET version = version + 1 WHERE id = 1")
        return version(self.store)


def describe(payload: Payload | None) -> dict[str, Any]:
    """For templates: a payload's fields (an empty dict for "as shipped")."""
    return dict(payload or {})
