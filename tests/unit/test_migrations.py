"""The schema lives in bot/storage/migrations.py: applied once, in order, and upgrading old databases."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from helpers.paths import DATA

from bot.storage import migrations
from bot.storage.store import Store

BEFORE = DATA / "db-made-before-migrations.sql"


def _counts(path: Path) -> dict[str, int]:
    conn = sqlite3.connect(path)
    try:
        names = [
            r[0]
            for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '\\_%' ESCAPE '\\'"
            )
        ]
        return {n: conn.execute(f'SELECT COUNT(*) FROM "{n}"').fetchone()[0] for n in names}
    finally:
        conn.close()


def _applied(path: Path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return [r[0] for r in conn.execute("SELECT name FROM _sqlite_migrations ORDER BY id")]
    finally:
        conn.close()


def test_a_new_database_gets_every_step_once_in_order(tmp_path: Path) -> None:
    db = tmp_path / "new.db"
    Store(db)
    names = [m.name for m in migrations.MIGRATIONS.pending(sqlite_utils_db(tmp_path / "empty.db"))]
    assert _applied(db) == names
    assert names == sorted(names)  # numbered: the order is the order they were written
    Store(db)  # opening again applies nothing
    assert _applied(db) == names


def test_a_database_made_before_migrations_upgrades_without_losing_a_row(tmp_path: Path) -> None:
    """The dump was made by the code of commit 300b4ad (tables created at import time)."""
    db = tmp_path / "old.db"
    conn = sqlite3.connect(db)
    conn.executescript(BEFORE.read_text())
    conn.close()
    before = _counts(db)
    assert all(before.values()), "the fixture has a row in every table"

    store = Store(db)
    after = _counts(db)
    assert {t: after[t] for t in before} == before
    assert after["wechat_tokens"] == 0  # the one table the old store never created
    assert len(_applied(db)) == len(migrations.MIGRATIONS.pending(sqlite_utils_db(tmp_path / "e.db")))
    # Columns added over time are there and keep their meaning for old rows.
    user = store.user("o-wang")
    assert user.region == "anqing-yixiu"
    assert store.conn.execute("SELECT tags_dirty FROM users WHERE openid = 'o-li'").fetchone()[0] in (0, 1)


def test_a_failing_step_leaves_nothing_half_done(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "x.db"
    Store(db)

    @migrations.MIGRATIONS(name="9999_broken")
    def _broken(d) -> None:  # type: ignore[no-untyped-def]
        d.execute("CREATE TABLE half (x)")
        raise RuntimeError("boom")

    try:
        try:
            Store(db)
        except RuntimeError:
            pass
        else:  # pragma: no cover
            raise AssertionError("the broken step should have raised")
        assert "half" not in _counts(db)
        assert "9999_broken" not in _applied(db)
    finally:
        migrations.MIGRATIONS._migrations.pop()


def sqlite_utils_db(path: Path):  # type: ignore[no-untyped-def]
    import sqlite_utils

    return sqlite_utils.Database(path)


def test_an_old_complaints_table_takes_an_unknown_head_count_and_keeps_its_rows(tmp_path: Path) -> None:
    db = tmp_path / "old.db"
    conn = sqlite3.connect(db)
    conn.executescript(BEFORE.read_text())
    conn.close()
    watcher = sqlite3.connect(db)  # a process that had the file open before the upgrade
    old = watcher.execute("SELECT case_no, workers FROM complaints").fetchall()
    assert old and all(w is not None for _, w in old)
    store = Store(db)
    assert store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert [tuple(r) for r in store.conn.execute("SELECT case_no, workers FROM complaints")] == old
    columns = {r[1]: r[3] for r in store.conn.execute("PRAGMA table_info(complaints)")}
    assert columns["workers"] == 0 and columns["amount"] == 1  # only the head count may be unknown
    row = store.conn.execute("SELECT * FROM complaints").fetchone()
    names = [d[0] for d in store.conn.execute("SELECT * FROM complaints").description]
    fields = dict(zip(names, row, strict=True)) | {"id": None, "case_no": "QX-TEST-1", "workers": None}
    watcher.execute(  # the other connection sees the new schema without reopening
        f"INSERT INTO complaints ({', '.join(fields)}) VALUES ({', '.join('?' * len(fields))})",
        list(fields.values()),
    )
    watcher.commit()
    watcher.close()
    added = store.conn.execute("SELECT workers FROM complaints WHERE case_no = 'QX-TEST-1'").fetchone()
    assert added[0] is None
