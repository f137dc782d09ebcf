"""Staff labels on questions the bot could not answer: the examples the learned layer learns from.

A hotline user labels an unanswered message at the desk with an intent and a region, or as out of
scope (intent ``unknown``, 「不在服务范围」). One label per normalised text (a later label of the
same words replaces the earlier one). Every change bumps ``labels_version`` in the same transaction,
so each process notices it with one cheap read and rebuilds its model (``nlu.learned``), and goes
to the audit log (``label`` / ``unlabel``, target ``label#<id>``; the text itself is not copied
there). ``export_jsonl`` / ``import_jsonl`` move labels between databases (``bot learn``).

Labels hold no OpenID: the text is what a worker wrote, as the unanswered list already shows it.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass

from ..ids import INTENTS, REGIONS
from ..storage.store import Store
from . import audit

MAX_TEXT = 500

audit.ACTION_NAMES.update({"label": "标注问题", "unlabel": "撤销标注", "label_import": "导入标注"})


class LabelError(ValueError):
    """A label that cannot be stored: empty text, an intent or region outside the contract."""


@dataclass(frozen=True)
class Label:
    id: int
    text: str
    intent: str
    region: str | None
    author: str
    created: float

    def as_json(self) -> dict[str, str | None]:
        return {"text": self.text, "intent": self.intent, "region": self.region}


def key_of(text: str) -> str:
    """The label's key: the text as the classifier reads it (no spaces, punctuation, case)."""
    from ..nlu.text import normalise  # builds its tables on import (~0.6 s): only where labels are keyed

    return normalise(text)


def _check(text: str, intent: str, region: str | None, regions: Iterable[str]) -> tuple[str, str | None]:
    text = text.strip()[:MAX_TEXT]
    if not key_of(text):
        raise LabelError("问题是空的，没法标注。")
    if intent not in INTENTS:
        raise LabelError(f"没有「{intent}」这个类别。")
    region = region or None
    if region is not None and region not in set(regions):
        raise LabelError(f"没有「{region}」这个地区。")
    return text, region


def version(store: Store) -> int:
    """The labels' change counter (one indexed read: processes poll it)."""
    row = store.conn.execute("SELECT version FROM labels_version WHERE id = 1").fetchone()
    return int(row[0]) if row else 0


def _bump(store: Store) -> None:
    store.conn.execute("UPDATE labels_version SET version = version + 1 WHERE id = 1")


def _row(row: tuple[int, str, str, str | None, str, float]) -> Label:
    return Label(int(row[0]), row[1], row[2], row[3], row[4], float(row[5]))


_COLUMNS = "id, text, intent, region, author, created"


def _upsert(store: Store, text: str, intent: str, region: str | None, actor: str) -> int:
    store.conn.execute(
        "INSERT INTO labels (key, text, intent, region, author, created) VALUES (?, ?, ?, ?, ?, ?)"
        " ON CONFLICT(key) DO UPDATE SET text = excluded.text, intent = excluded.intent,"
        " region = excluded.region, author = excluded.author, created = excluded.created",
        (key_of(text), text, intent, region, actor, store.clock()),
    )
    row = store.conn.execute("SELECT id FROM labels WHERE key = ?", (key_of(text),)).fetchone()
    return int(row[0])


def add(
    store: Store, text: str, intent: str, region: str | None, actor: str, regions: Iterable[str] = REGIONS
) -> Label:
    """Label one message (replacing an earlier label of the same words); audited."""
    text, region = _check(text, intent, region, regions)
    with store.transaction():
        label_id = _upsert(store, text, intent, region, actor)
        _bump(store)
        audit.record(store, actor, "label", f"label#{label_id}", f"{intent} / {region or '-'}")
    found = get(store, label_id)
    assert found is not None
    return found


def remove(store: Store, label_id: int, actor: str) -> bool:
    """Withdraw a label; audited. False if there was none."""
    with store.transaction():
        cur = store.conn.execute("DELETE FROM labels WHERE id = ?", (label_id,))
        if not cur.rowcount:
            return False
        _bump(store)
        audit.record(store, actor, "unlabel", f"label#{label_id}")
    return True


def get(store: Store, label_id: int) -> Label | None:
    sql = f"SELECT {_COLUMNS} FROM labels WHERE id = ?"  # noqa: S608 - a fixed column list
    row = store.conn.execute(sql, (label_id,)).fetchone()
    return _row(tuple(row)) if row else None


def all_labels(store: Store) -> list[Label]:
    """Every label, oldest first."""
    sql = f"SELECT {_COLUMNS} FROM labels ORDER BY id"  # noqa: S608 - a fixed column list
    return [_row(tuple(r)) for r in store.conn.execute(sql)]


def by_key(store: Store, texts: Iterable[str]) -> dict[str, Label]:
    """The labels of these texts (matched as the classifier reads them), by the given text."""
    keys = {key_of(t): t for t in texts}
    if not keys:
        return {}
    found: dict[str, Label] = {}
    marks = ",".join("?" * len(keys))
    sql = f"SELECT key, {_COLUMNS} FROM labels WHERE key IN ({marks})"  # noqa: S608 - fixed columns, ? marks
    rows = store.conn.execute(sql, list(keys))
    for r in rows:
        found[keys[r[0]]] = _row(tuple(r)[1:])
    return found


def examples(store: Store) -> tuple[int, list[tuple[str, str, str | None]]]:
    """(version, [(text, intent, region)]): what the learned layer trains on.

    The version is read first: a change landing between the two reads leaves a version older than
    the rows, so the next poll rebuilds once more, never the other way round.
    """
    v = version(store)
    rows = store.conn.execute("SELECT text, intent, region FROM labels ORDER BY id").fetchall()
    return v, [(r[0], r[1], r[2]) for r in rows]


# -- JSONL ------------------------------------------------------------------------------------------


def export_jsonl(store: Store) -> str:
    """One ``{"text", "intent", "region"}`` object a line (the format of the eval sets)."""
    return "".join(json.dumps(lb.as_json(), ensure_ascii=False) + "\n" for lb in all_labels(store))


def import_jsonl(store: Store, lines: Iterable[str], actor: str, regions: Iterable[str] = REGIONS) -> int:
    """Add or replace the labels of a JSONL export, all or none; the number read. Audited once."""
    regions = set(regions)
    parsed: list[tuple[str, str, str | None]] = []
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            raise LabelError(f"line {n}: not JSON ({exc.msg})") from None
        if not isinstance(obj, dict) or not all(isinstance(obj.get(k), str) for k in ("text", "intent")):
            raise LabelError(f"line {n}: expected an object with text and intent")
        region = obj.get("region")
        if region is not None and not isinstance(region, str):
            raise LabelError(f"line {n}: region must be a string or null")
        try:
            text, region = _check(obj["text"], obj["intent"], region, regions)
        except LabelError as exc:
            raise LabelError(f"line {n}: {exc}") from None
        parsed.append((text, obj["intent"], region))
    if not parsed:
        return 0
    with store.transaction():
        for text, intent, region in parsed:
            _upsert(store, text, intent, region, actor)
        _bump(store)
        audit.record(store, actor, "label_import", "labels", f"{len(parsed)} 条")
    return len(parsed)


class StoreLabels:
    """The learned layer's label source (``nlu.learned.LabelSource``) over the store."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def version(self) -> int:
        return version(self.store)

    def examples(self) -> tuple[int, list[tuple[str, str, str | None]]]:
        return examples(self.store)
