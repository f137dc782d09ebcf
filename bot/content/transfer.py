"""Between the database and the files: ``bot content export|import`` and the published-state check.

- ``export`` writes the published desk edits into a content/ and intents/ pair (the repo's own by
  default), so a repository can follow what officials changed; it is idempotent.
- ``import_tree`` loads a content/ and intents/ pair: every answer, source, keyword and place alias
  that differs from what is published now becomes a published revision, all in one content version
  (checked together first, as on the desk). Running processes pick it up within seconds. Answers
  missing from the imported tree are left as they are (retire them at the desk).
- ``published_problems`` is what ``python -m bot check`` adds for a database with desk edits.
"""

from __future__ import annotations

import tempfile
import tomllib
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from ..nlu.rules import KEYWORD_TABLES, SPECIAL_FILES
from .checker import answer_fields_from_file
from .editing import ContentEditor, EditRefused, Revision
from .overlay import Payload, Tree, answer_key, apply, copy_tree, keyword_key


@dataclass(frozen=True)
class Snapshot:
    """What a tree says, as payloads keyed like the overlay."""

    answers: dict[str, Payload]
    sources: dict[str, Payload]
    keywords: dict[str, Payload]
    aliases: dict[str, Payload]


def snapshot(tree: Tree) -> Snapshot:
    answers = {}
    for path in sorted((tree.content / "answers").glob("*/*.md")):
        meta, body = answer_fields_from_file(path)
        answers[answer_key(path.parent.name, path.stem)] = {"meta": meta, "body": body}
    raw = tomllib.loads((tree.content / "sources.toml").read_text(encoding="utf-8"))
    sources = {sid: _iso(fields) for sid, fields in raw.items()}
    keywords: dict[str, Payload] = {}
    for path in sorted(tree.intents.glob("*.toml")):
        if path.name in SPECIAL_FILES:
            continue
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        intent = data.get("intent", "")
        for table in KEYWORD_TABLES:
            for weight, phrases in data.get(table, {}).items():
                for phrase in phrases:
                    payload = {"intent": intent, "table": table, "weight": float(weight), "phrase": phrase}
                    keywords.setdefault(keyword_key(intent, phrase), payload)
    regions = tomllib.loads((tree.intents / "regions.toml").read_text(encoding="utf-8"))
    aliases: dict[str, Payload] = {}
    for entry in [*regions.get("region", []), *regions.get("place", [])]:
        for phrase in entry.get("aliases", []):
            aliases.setdefault(phrase, {"place": entry["id"], "phrase": phrase})
    return Snapshot(answers, sources, keywords, aliases)


def _iso(fields: dict[str, Any]) -> Payload:
    out = {k: (v.isoformat() if isinstance(v, date) else v) for k, v in fields.items()}
    return {"seed": "", "link": "", "number": "", **out}


def published_snapshot(editor: ContentEditor) -> Snapshot:
    with tempfile.TemporaryDirectory(prefix="liugong-export-") as tmp:
        tree = copy_tree(editor.base, Path(tmp))
        apply(editor.overlay(), tree)
        return snapshot(tree)


def import_tree(editor: ContentEditor, tree: Tree, actor: str) -> list[Revision]:
    """Publish what ``tree`` changes (see the module docstring); raises ``EditRefused``."""
    new, now = snapshot(tree), published_snapshot(editor)
    changes: dict[tuple[str, str], Payload | None] = {}
    for key, payload in new.sources.items():
        if _canon(now.sources.get(key)) != _canon(payload):
            changes[("source", key)] = payload
    for key, payload in new.answers.items():
        if _canon(now.answers.get(key)) != _canon(payload):
            changes[("answer", key)] = payload
    for key, payload in new.keywords.items():
        if key not in now.keywords and payload["phrase"] not in now.aliases:
            changes[("keyword", key)] = payload
    for key, payload in new.aliases.items():
        if key not in now.aliases:
            changes[("alias", key)] = payload
    return editor.publish_many(changes, actor, "content_import", f"imported from {tree.content.parent}")


def _canon(payload: Payload | None) -> object:
    if payload is None:
        return None
    return {k: v for k, v in payload.items() if v not in ("", None, [])}


def export(editor: ContentEditor, tree: Tree, actor: str) -> list[Path]:
    """Write the published state into ``tree``; the files changed (audited when any)."""
    changed = apply(editor.overlay(), tree)
    if changed:
        from ..staff import audit

        with editor.store.transaction():
            detail = f"内容版本 {editor.version()}：{len(changed)} 个文件写入 {tree.content.parent}"
            audit.record(editor.store, actor, "content_export", "内容", detail)
    return changed


def published_problems(editor: ContentEditor) -> list[str]:
    """``bot check`` for the database: problems the published desk edits add to the shipped files."""
    overlay = editor.overlay()
    if not overlay:
        return []
    shipped = set(editor.checker.load({}).problems)
    return [f"published desk edits: {p}" for p in editor.checker.load(overlay).problems if p not in shipped]


__all__ = ["EditRefused", "Snapshot", "export", "import_tree", "published_problems", "snapshot"]
