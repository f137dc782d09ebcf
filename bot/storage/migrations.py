"""Every table the bot keeps, in one place: named steps applied once, in order, when the store opens.

Built on sqlite-utils' ``Migrations``: each applied step is recorded in ``_sqlite_migrations``, so a
step runs once per database. ``apply`` runs the pending steps inside one ``BEGIN IMMEDIATE``
transaction under the store's write lock, so servers, the scheduler and commands that open the
same file at the same moment apply them exactly once between them.

The first steps (up to ``0009``) describe the schema as it stood before migrations were recorded.
They are written to be idempotent (``IF NOT EXISTS``, a column added only if missing) so that a
database made by that code adopts the log without losing a row. Steps added from now on are
plain: they run once, after all earlier ones.

Never edit or reorder a step that has shipped; add a new one.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import sqlite_utils

if TYPE_CHECKING:
    from .store import Store

MIGRATIONS = sqlite_utils.Migrations("liugong")


def _execute(db: sqlite_utils.Database, script: str) -> None:
    """Run ``;``-separated statements one by one (``executescript`` would commit the transaction)."""
    for statement in script.split(";\n"):
        if statement.strip():
            db.execute(statement)


def _add_column(db: sqlite_utils.Database, table: str, column: str, decl: str) -> None:
    columns = {row[1] for row in db.execute(f"PRAGMA table_info({table})")}
    if column not in columns:
        db.execute(f"ALTER TABLE {table} ADD COLUMN {column} {decl}")


@MIGRATIONS(name="0001_core")
def _core(db: sqlite_utils.Database) -> None:
    """Followers, processed pushes (WeChat redelivery) and questions the bot could not answer."""
    _execute(
        db,
        """
        CREATE TABLE IF NOT EXISTS users (
            openid TEXT PRIMARY KEY,
            region TEXT,
            subscribed INTEGER NOT NULL DEFAULT 1,
            followed INTEGER NOT NULL DEFAULT 1,
            last_seen REAL NOT NULL DEFAULT 0,
            state TEXT,
            cases INTEGER NOT NULL DEFAULT 0
        );
        CREATE TABLE IF NOT EXISTS processed (
            key TEXT PRIMARY KEY,
            reply TEXT,
            created REAL NOT NULL
        );
        CREATE INDEX IF NOT EXISTS processed_created ON processed(created);
        CREATE TABLE IF NOT EXISTS unanswered (
            id INTEGER PRIMARY KEY,
            text TEXT NOT NULL,
            user_hash TEXT NOT NULL,
            region TEXT,
            created REAL NOT NULL
        );
        """,
    )
    # A database from before the flag (0005 backfills it from the complaints).
    _add_column(db, "users", "cases", "INTEGER NOT NULL DEFAULT 0")


@MIGRATIONS(name="0002_staff")
def _staff(db: sqlite_utils.Database) -> None:
    """Desk accounts, login throttling and desk sessions."""
    _execute(
        db,
        """
        CREATE TABLE IF NOT EXISTS staff (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE,
            role TEXT NOT NULL CHECK (role IN ('hotline', 'official', 'admin')),
            password_hash TEXT NOT NULL,
            disabled INTEGER NOT NULL DEFAULT 0,
            created REAL NOT NULL
        );
        CREATE TABLE IF NOT EXISTS login_attempts (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            ip TEXT NOT NULL,
            created REAL NOT NULL
        );
        CREATE INDEX IF NOT EXISTS login_attempts_name ON login_attempts(name, created);
        CREATE INDEX IF NOT EXISTS login_attempts_ip ON login_attempts(ip, created);
        CREATE TABLE IF NOT EXISTS login_locks (
            kind TEXT NOT NULL,
            key TEXT NOT NULL,
            until REAL NOT NULL,
            PRIMARY KEY (kind, key)
        );
        CREATE TABLE IF NOT EXISTS desk_sessions (
            token_hash TEXT PRIMARY KEY,
            staff_id INTEGER NOT NULL REFERENCES staff(id),
            created REAL NOT NULL
        );
        """,
    )


@MIGRATIONS(name="0003_audit")
def _audit(db: sqlite_utils.Database) -> None:
    """The audit log officials read: who did what to which object, when."""
    _execute(
        db,
        """
        CREATE TABLE IF NOT EXISTS audit (
            id INTEGER PRIMARY KEY,
            actor TEXT NOT NULL,
            action TEXT NOT NULL,
            target TEXT NOT NULL DEFAULT '',
            detail TEXT NOT NULL DEFAULT '',
            created REAL NOT NULL
        );
        CREATE INDEX IF NOT EXISTS audit_target ON audit(target, id);
        """,
    )


@MIGRATIONS(name="0004_desk_secrets")
def _desk_secrets(db: sqlite_utils.Database) -> None:
    """The desk's cookie-signing key when the config gives none (shared by every worker process)."""
    db.execute("CREATE TABLE IF NOT EXISTS desk_secrets (name TEXT PRIMARY KEY, value TEXT NOT NULL)")


@MIGRATIONS(name="0005_complaints")
def _complaints(db: sqlite_utils.Database) -> None:
    """The wage-complaint register and each case's status history."""
    _execute(
        db,
        """
        CREATE TABLE IF NOT EXISTS complaints (
            id INTEGER PRIMARY KEY,
            case_no TEXT NOT NULL UNIQUE,
            openid TEXT,
            user_hash TEXT NOT NULL,
            region TEXT,
            employer TEXT NOT NULL,
            site TEXT NOT NULL,
            amount INTEGER NOT NULL,
            period TEXT NOT NULL,
            workers INTEGER NOT NULL,
            phone TEXT,
            name TEXT,
            status TEXT NOT NULL DEFAULT '待受理',
            note TEXT NOT NULL DEFAULT '',
            notified INTEGER NOT NULL DEFAULT 1,
            created REAL NOT NULL,
            updated REAL NOT NULL,
            anonymised INTEGER NOT NULL DEFAULT 0
        );
        CREATE INDEX IF NOT EXISTS complaints_openid ON complaints(openid);
        CREATE INDEX IF NOT EXISTS complaints_status ON complaints(status, created);
        CREATE TABLE IF NOT EXISTS complaint_events (
            id INTEGER PRIMARY KEY,
            complaint_id INTEGER NOT NULL REFERENCES complaints(id),
            status TEXT NOT NULL,
            note TEXT NOT NULL,
            actor TEXT NOT NULL,
            created REAL NOT NULL
        );
        """,
    )
    # users.cases for cases filed before the flag existed.
    db.execute(
        "UPDATE users SET cases = 1 WHERE cases = 0"
        " AND openid IN (SELECT openid FROM complaints WHERE openid IS NOT NULL)"
    )


@MIGRATIONS(name="0006_broadcasts")
def _broadcasts(db: sqlite_utils.Database) -> None:
    """Broadcasts, one row per (occurrence, region) send, and WeChat's mass-send results."""
    _execute(
        db,
        """
        CREATE TABLE IF NOT EXISTS broadcasts (
            id INTEGER PRIMARY KEY,
            kind TEXT NOT NULL,
            template TEXT NOT NULL DEFAULT '',
            title TEXT NOT NULL,
            body TEXT NOT NULL,
            regions TEXT NOT NULL,
            once_at REAL,
            daily_at TEXT,
            first_day TEXT,
            last_day TEXT,
            created_by TEXT NOT NULL,
            created REAL NOT NULL,
            updated REAL NOT NULL,
            cancelled REAL,
            cancelled_by TEXT
        );
        CREATE TABLE IF NOT EXISTS broadcast_sends (
            id INTEGER PRIMARY KEY,
            broadcast_id INTEGER NOT NULL REFERENCES broadcasts(id),
            occurrence TEXT NOT NULL,
            region TEXT NOT NULL,
            due REAL NOT NULL,
            status TEXT NOT NULL DEFAULT 'scheduled',
            clientmsgid TEXT NOT NULL UNIQUE,
            text TEXT,
            attempts INTEGER NOT NULL DEFAULT 0,
            claimed REAL,
            claimed_by TEXT,
            sent REAL,
            msg_id INTEGER,
            msg_data_id INTEGER,
            note TEXT NOT NULL DEFAULT '',
            error TEXT NOT NULL DEFAULT '',
            UNIQUE (broadcast_id, occurrence, region)
        );
        CREATE INDEX IF NOT EXISTS broadcast_sends_status ON broadcast_sends(status, due);
        CREATE INDEX IF NOT EXISTS broadcast_sends_msg ON broadcast_sends(msg_id);
        CREATE TABLE IF NOT EXISTS mass_results (
            msg_id INTEGER PRIMARY KEY,
            status TEXT NOT NULL,
            total INTEGER,
            filter_count INTEGER,
            sent_count INTEGER,
            error_count INTEGER,
            received REAL NOT NULL
        );
        CREATE TABLE IF NOT EXISTS broadcast_meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);
        INSERT OR IGNORE INTO broadcast_meta (name, value) VALUES ('install', lower(hex(randomblob(4))));
        """,
    )


@MIGRATIONS(name="0007_region_tags")
def _region_tags(db: sqlite_utils.Database) -> None:
    """The mirror of region tags in the 公众号: which followers must be (re)tagged, and each tag's id."""
    # Existing rows start dirty: the first sync mirrors everyone.
    _add_column(db, "users", "tags_dirty", "INTEGER NOT NULL DEFAULT 1")
    _add_column(db, "users", "tags_synced", "TEXT NOT NULL DEFAULT '[]'")
    db.execute(
        "CREATE TABLE IF NOT EXISTS region_tags"
        " (region TEXT PRIMARY KEY, tag_id INTEGER NOT NULL, name TEXT NOT NULL)"
    )
    db.execute("CREATE INDEX IF NOT EXISTS users_tags_dirty ON users(tags_dirty) WHERE tags_dirty = 1")
    db.execute(
        """
        CREATE TRIGGER IF NOT EXISTS users_tags_changed
        AFTER UPDATE OF region, subscribed, followed ON users
        WHEN old.region IS NOT new.region OR old.subscribed IS NOT new.subscribed
             OR old.followed IS NOT new.followed
        BEGIN
            UPDATE users SET tags_dirty = 1 WHERE openid = new.openid;
        END
        """
    )


@MIGRATIONS(name="0008_scheduler_state")
def _scheduler_state(db: sqlite_utils.Database) -> None:
    """Which process holds the scheduler's leadership and when it last polled (the desk shows it)."""
    db.execute(
        "CREATE TABLE IF NOT EXISTS scheduler_state (name TEXT PRIMARY KEY, holder TEXT NOT NULL,"
        " pid INTEGER NOT NULL, started REAL NOT NULL, last_poll REAL NOT NULL)"
    )


@MIGRATIONS(name="0009_wechat_tokens")
def _wechat_tokens(db: sqlite_utils.Database) -> None:
    """The access token every process shares (the API client reads and refreshes it)."""
    db.execute(
        "CREATE TABLE IF NOT EXISTS wechat_tokens"
        " (app_id TEXT PRIMARY KEY, token TEXT NOT NULL, expires_at REAL NOT NULL)"
    )


@MIGRATIONS(name="0050_content_revisions")
def _content_revisions(db: sqlite_utils.Database) -> None:
    """Desk edits of answers, sources, keywords and place aliases: every version, and a counter.

    A revision is a draft until published (or submitted, then approved by a second official);
    the published state is, per (kind, key), the revision with the highest ``seq``. ``payload``
    NULL means "as in the shipped files". ``content_version`` goes up at every publish: each
    process compares it every few seconds and reloads the content when it moved.
    """
    _execute(
        db,
        """
        CREATE TABLE content_revisions (
            id INTEGER PRIMARY KEY,
            kind TEXT NOT NULL CHECK (kind IN ('answer', 'source', 'keyword', 'alias')),
            key TEXT NOT NULL,
            payload TEXT,
            status TEXT NOT NULL CHECK (status IN ('draft', 'pending', 'published', 'discarded')),
            note TEXT NOT NULL DEFAULT '',
            author TEXT NOT NULL,
            created REAL NOT NULL,
            approver TEXT,
            published REAL,
            seq INTEGER
        );
        CREATE INDEX content_revisions_key ON content_revisions(kind, key, id);
        CREATE INDEX content_revisions_seq ON content_revisions(seq) WHERE seq IS NOT NULL;
        CREATE TABLE content_version (id INTEGER PRIMARY KEY CHECK (id = 1), version INTEGER NOT NULL);
        INSERT INTO content_version (id, version) VALUES (1, 0);
        """,
    )


@MIGRATIONS(name="0150_broadcast_sender_and_retries")
def _broadcast_sender_and_retries(db: sqlite_utils.Database) -> None:
    """The sending office typed by the official ({sender}); a send's next retry after a transient failure."""
    db.execute("ALTER TABLE broadcasts ADD COLUMN sender TEXT NOT NULL DEFAULT ''")
    db.execute("ALTER TABLE broadcast_sends ADD COLUMN retry_at REAL")
    db.execute("ALTER TABLE broadcast_sends ADD COLUMN retries INTEGER NOT NULL DEFAULT 0")


@MIGRATIONS(name="0250_labels")
def _labels(db: sqlite_utils.Database) -> None:
    """Staff labels on messages the bot could not answer (the learned layer's examples) and a counter.

    One label per normalised text (``key``); ``intent`` 'unknown' means out of scope. ``labels_version``
    goes up at every change: each process compares it every few seconds and rebuilds its model.
    """
    _execute(
        db,
        """
        CREATE TABLE labels (
            id INTEGER PRIMARY KEY,
            key TEXT NOT NULL UNIQUE,
            text TEXT NOT NULL,
            intent TEXT NOT NULL,
            region TEXT,
            author TEXT NOT NULL,
            created REAL NOT NULL
        );
        CREATE TABLE labels_version (id INTEGER PRIMARY KEY CHECK (id = 1), version INTEGER NOT NULL);
        INSERT INTO labels_version (id, version) VALUES (1, 0);
        """,
    )


@MIGRATIONS(name="0300_casework")
def _casework(db: sqlite_utils.Database) -> None:
    """Case work on complaints: an assignee, when the case entered its status (for the due date),
    internal notes that the worker never sees, and callback (回访) records."""
    db.execute("ALTER TABLE complaints ADD COLUMN assignee TEXT")
    db.execute("ALTER TABLE complaints ADD COLUMN status_since REAL")
    db.execute(
        "UPDATE complaints SET status_since = COALESCE((SELECT MAX(created) FROM complaint_events"
        " WHERE complaint_id = complaints.id AND status = complaints.status), created)"
    )
    _execute(
        db,
        """
        CREATE INDEX complaints_assignee ON complaints(assignee, status);
        CREATE INDEX complaints_phone ON complaints(phone);
        CREATE TABLE complaint_notes (
            id INTEGER PRIMARY KEY,
            complaint_id INTEGER NOT NULL REFERENCES complaints(id),
            kind TEXT NOT NULL CHECK (kind IN ('note', 'callback')),
            author TEXT NOT NULL,
            body TEXT NOT NULL DEFAULT '',
            outcome TEXT NOT NULL DEFAULT '',
            happened REAL NOT NULL,
            created REAL NOT NULL
        );
        CREATE INDEX complaint_notes_case ON complaint_notes(complaint_id, id);
        """,
    )


@MIGRATIONS(name="0400_question_counts")
def _question_counts(db: sqlite_utils.Database) -> None:
    """Questions asked per (Beijing day, intent, region) and how many the bot could not answer.

    The dashboard's source for topics, regions and the unanswered rate: counters only, no text and
    no openid. ``region`` is '' when the worker has not said where they are. Counting starts when
    this step runs (the ``unanswered`` rows before it carry no count of the questions answered).
    """
    db.execute(
        "CREATE TABLE question_counts (day TEXT NOT NULL, intent TEXT NOT NULL,"
        " region TEXT NOT NULL DEFAULT '', asked INTEGER NOT NULL DEFAULT 0,"
        " unanswered INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (day, intent, region)) WITHOUT ROWID"
    )


@MIGRATIONS(name="0401_follower_counts")
def _follower_counts(db: sqlite_utils.Database) -> None:
    """Followers per (region, following, taking broadcasts), kept by triggers on ``users``.

    The dashboard reads these few rows instead of grouping every follower (a GROUP BY over 100k
    users sorts them all: a tenth of a second or more). The triggers fire only when a user is added
    or one of the three columns really changes, so an ordinary turn pays one WHEN check. ``region``
    is '' when the worker has not said where they are.
    """
    _execute(
        db,
        """
        CREATE TABLE follower_counts (
            region TEXT NOT NULL,
            followed INTEGER NOT NULL,
            subscribed INTEGER NOT NULL,
            users INTEGER NOT NULL,
            PRIMARY KEY (region, followed, subscribed)
        ) WITHOUT ROWID;
        INSERT INTO follower_counts (region, followed, subscribed, users)
            SELECT COALESCE(region, ''), followed, subscribed, COUNT(*) FROM users
            GROUP BY COALESCE(region, ''), followed, subscribed
        """,
    )
    add = (
        "INSERT INTO follower_counts (region, followed, subscribed, users)"
        " VALUES (COALESCE(new.region, ''), new.followed, new.subscribed, 1)"
        " ON CONFLICT (region, followed, subscribed) DO UPDATE SET users = users + 1;"
    )
    remove = (
        "UPDATE follower_counts SET users = users - 1 WHERE region = COALESCE(old.region, '')"
        " AND followed = old.followed AND subscribed = old.subscribed;"
    )
    # One statement each (``_execute`` splits on ';' + newline, which a trigger body contains).
    db.execute(f"CREATE TRIGGER follower_counts_insert AFTER INSERT ON users BEGIN {add} END")
    db.execute(
        "CREATE TRIGGER follower_counts_update AFTER UPDATE OF region, subscribed, followed ON users"
        " WHEN old.region IS NOT new.region OR old.subscribed IS NOT new.subscribed"
        f" OR old.followed IS NOT new.followed BEGIN {remove} {add} END"
    )
    db.execute(f"CREATE TRIGGER follower_counts_delete AFTER DELETE ON users BEGIN {remove} END")


@MIGRATIONS(name="0500_unknown_head_count")
def _unknown_head_count(db: sqlite_utils.Database) -> None:
    """A complaint's head count may be unknown (NULL): a worker who cannot say how many were owed
    is not kept at that step; the staff ask when they call.

    SQLite cannot drop a NOT NULL with ALTER TABLE. Its documented way for removing a NOT NULL
    constraint edits the stored CREATE statement and bumps the schema version, which every
    connection then re-reads; unlike rebuilding the table it needs no foreign-key switch (which
    cannot change inside this transaction) and leaves every row and index where it is."""
    version = db.execute("PRAGMA schema_version").fetchone()[0]
    db.execute("PRAGMA writable_schema=ON")
    db.execute(
        "UPDATE sqlite_master SET sql = replace(sql, 'workers INTEGER NOT NULL', 'workers INTEGER')"
        " WHERE type = 'table' AND name = 'complaints'"
    )
    db.execute(f"PRAGMA schema_version={int(version) + 1}")
    db.execute("PRAGMA writable_schema=OFF")


def apply(store: Store) -> list[str]:
    """Apply the pending steps in order, once across processes; the names applied."""
    db = store.db
    if not MIGRATIONS.pending(db):  # the common case: one read, no write lock
        return []
    with store.transaction():
        pending = [m.name for m in MIGRATIONS.pending(db)]  # again, under the lock
        MIGRATIONS.apply(db)
    return pending
