"""Desk edits written as files: the published overlay applied over the shipped content/ and intents/.

The shipped files stay the base. An overlay is a mapping ``(kind, key) → payload``:

    answer   "<region>/<intent>"   {"meta": {front matter}, "body": str} or {"retired": true}
    source   "<source id>"         {"number", "issuer", "title", "date", "region", "seed", "short", "link"}
    keyword  "<intent>|<phrase>"   {"intent", "table", "weight", "phrase"}
    alias    "<phrase>"            {"place", "phrase"}

``apply`` writes it into a content/intents pair (a copy for every reload and check, the repo's
own folders for ``bot content export``). Every change is the smallest edit to the text, so
comments and layout survive, and each edit is checked by parsing the file again. Applying the same
overlay twice changes nothing.
"""

from __future__ import annotations

import json
import re
import shutil
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from ..errors import ContentError

KINDS = ("answer", "source", "keyword", "alias")
SOURCE_FIELDS = ("number", "issuer", "title", "date", "region", "seed", "short", "link")
DATE_KEYS = ("valid_from", "valid_until", "date")

Payload = dict[str, Any]
Overlay = Mapping[tuple[str, str], Payload]


@dataclass(frozen=True)
class Tree:
    """A content/ and intents/ pair."""

    content: Path
    intents: Path


def answer_key(region: str, intent: str) -> str:
    return f"{region}/{intent}"


def keyword_key(intent: str, phrase: str) -> str:
    return f"{intent}|{phrase}"


# -- TOML text --------------------------------------------------------------------------------------


def toml_value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)  # a JSON string is a TOML basic string
    if isinstance(value, list | tuple):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    raise ContentError(f"cannot write {value!r} as TOML")


def _dated(key: str, value: object) -> object:
    """Payloads keep dates as ISO strings (JSON); files want TOML dates."""
    if key in DATE_KEYS and isinstance(value, str) and value:
        return date.fromisoformat(value)
    return value


def answer_text(meta: Mapping[str, Any], body: str) -> str:
    """An answer file: +++ front matter +++ then the body."""
    keys = list(meta)  # as given: an edit keeps the file's order, so its diff shows only the change
    lines = [f"{k} = {toml_value(_dated(k, meta[k]))}" for k in keys if meta[k] not in ("", None, [])]
    return "+++\n" + "\n".join(lines) + "\n+++\n" + body.strip() + "\n"


def source_table(sid: str, fields: Mapping[str, Any]) -> str:
    lines = [f"[{sid}]"]
    for k in SOURCE_FIELDS:
        value = _dated(k, fields.get(k, ""))
        if k == "date" and value in ("", None):
            continue  # the document carries no date: leave it out, never invent one
        if k == "link" and not value:
            continue
        lines.append(f"{k} = {toml_value(value)}")
    return "\n".join(lines) + "\n"


_HEADER = re.compile(r"^\s*\[\[?\s*([^\]]+?)\s*\]\]?\s*(#.*)?$")


def set_source(text: str, sid: str, fields: Mapping[str, Any] | None) -> str:
    """sources.toml with the table ``[sid]`` replaced, added, or (``fields`` None) removed."""
    lines = text.splitlines(keepends=True)
    start = next((i for i, line in enumerate(lines) if (m := _HEADER.match(line)) and m[1] == sid), None)
    new = source_table(sid, fields) if fields is not None else ""
    if start is None:
        if fields is None:
            return text
        out = text.rstrip("\n") + "\n\n" + new
    else:
        end = next((i for i in range(start + 1, len(lines)) if _HEADER.match(lines[i])), len(lines))
        while end > start + 1 and (not lines[end - 1].strip() or lines[end - 1].lstrip().startswith("#")):
            end -= 1  # keep the blank line and the next table's comment
        out = "".join(lines[:start]) + new + "".join(lines[end:])
    parsed = _parse(out, "sources.toml")
    if (fields is None) == (sid in parsed):
        raise ContentError(f"sources.toml: could not write [{sid}]")
    return out


def _parse(text: str, name: str) -> dict[str, Any]:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ContentError(f"{name}: the edit made the file unreadable: {exc}") from exc


def _array_open(text: str, start: int, key: str) -> int | None:
    """Offset of the ``[`` of ``key = [`` in the section that begins at ``start`` (None if absent)."""
    pattern = re.compile(rf'^\s*"?{re.escape(key)}"?\s*=\s*\[', re.M)
    next_header = re.compile(r"^\s*\[", re.M)
    end_m = next_header.search(text, text.index("\n", start) + 1 if "\n" in text[start:] else len(text))
    end = end_m.start() if end_m else len(text)
    m = pattern.search(text, start, end)
    return m.end() - 1 if m else None


def _insert_first(text: str, bracket: int, phrase: str) -> str:
    """Put ``phrase`` first in the array opening at ``bracket``: valid whatever follows (comments, commas)."""
    after = text[bracket + 1 :]
    item = json.dumps(phrase, ensure_ascii=False)
    if after.startswith("\n"):
        indent = re.match(r"\n([ \t]*)", after)
        pad = indent[1] if indent and indent[1] else "    "
        return text[: bracket + 1] + f"\n{pad}{item}," + after
    if after.lstrip().startswith("]"):
        return text[: bracket + 1] + item + after
    return text[: bracket + 1] + item + ", " + after


def add_keyword(text: str, table: str, weight: float, phrase: str, name: str = "intent file") -> str:
    """An intent file with ``phrase`` added to ``[table] "weight"`` (unchanged if already there)."""
    data = _parse(text, name)
    section = data.get(table, {})
    wkey = next((k for k in section if _float(k) == weight), None)
    if wkey is not None and phrase in section[wkey]:
        return text
    header = re.search(rf"^\s*\[{re.escape(table)}\]\s*(#.*)?$", text, re.M)
    line = f'"{weight:g}" = [{json.dumps(phrase, ensure_ascii=False)}]\n'
    if header is None:
        out = text.rstrip("\n") + f"\n\n[{table}]\n" + line
    elif wkey is None:
        at = header.end() + 1
        out = text[:at] + line + text[at:]
    else:
        bracket = _array_open(text, header.start(), wkey)
        if bracket is None:
            raise ContentError(f"{name}: cannot find [{table}] {wkey!r} to add {phrase!r}")
        out = _insert_first(text, bracket, phrase)
    after = _parse(out, name).get(table, {})
    if not any(_float(k) == weight and phrase in v for k, v in after.items()):
        raise ContentError(f"{name}: could not add {phrase!r} to [{table}]")
    return out


def add_alias(text: str, place: str, phrase: str) -> str:
    """regions.toml with ``phrase`` added to the aliases of the region or district ``place``."""
    data = _parse(text, "regions.toml")
    entries = [*data.get("region", []), *data.get("place", [])]
    entry = next((e for e in entries if e.get("id") == place), None)
    if entry is None:
        raise ContentError(f"regions.toml: no region or place {place!r}")
    if phrase in entry.get("aliases", []):
        return text
    ident = re.search(rf'^\s*id\s*=\s*"{re.escape(place)}"\s*$', text, re.M)
    if ident is None:
        raise ContentError(f"regions.toml: cannot find id = {place!r}")
    block = text.rfind("[[", 0, ident.start())
    bracket = _array_open(text, block, "aliases")
    if bracket is None:
        raise ContentError(f"regions.toml: {place} has no aliases list")
    out = _insert_first(text, bracket, phrase)
    again = _parse(out, "regions.toml")
    if not any(
        e.get("id") == place and phrase in e.get("aliases", []) for e in again.get("region", [])
    ) and not any(e.get("id") == place and phrase in e.get("aliases", []) for e in again.get("place", [])):
        raise ContentError(f"regions.toml: could not add {phrase!r} to {place}")
    return out


def _float(key: str) -> float | None:
    try:
        return float(key)
    except ValueError:
        return None


# -- trees ------------------------------------------------------------------------------------------


def copy_tree(base: Tree, dest: Path) -> Tree:
    """A private copy of the shipped folders to apply an overlay to."""
    out = Tree(dest / "content", dest / "intents")
    shutil.copytree(base.content, out.content)
    shutil.copytree(base.intents, out.intents)
    return out


def apply(overlay: Overlay, tree: Tree) -> list[Path]:
    """Write ``overlay`` into ``tree`` (in place); the files changed."""
    changed: list[Path] = []

    def write(path: Path, text: str) -> None:
        old = path.read_text(encoding="utf-8") if path.exists() else None
        if old != text:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            changed.append(path)

    sources = tree.content / "sources.toml"
    for (kind, key), payload in sorted(overlay.items()):
        if kind == "source":
            write(sources, set_source(sources.read_text(encoding="utf-8"), key, payload))
    for (kind, key), payload in sorted(overlay.items()):
        if kind == "answer":
            path = tree.content / "answers" / f"{key}.md"
            if payload.get("retired"):
                if path.exists():
                    path.unlink()
                    changed.append(path)
            else:
                write(path, answer_text(payload["meta"], payload["body"]))
        elif kind == "keyword":
            path = tree.intents / f"{payload['intent']}.toml"
            text = path.read_text(encoding="utf-8")
            write(
                path,
                add_keyword(text, payload["table"], float(payload["weight"]), payload["phrase"], path.name),
            )
        elif kind == "alias":
            path = tree.intents / "regions.toml"
            write(path, add_alias(path.read_text(encoding="utf-8"), payload["place"], payload["phrase"]))
    return changed
