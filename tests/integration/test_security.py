"""Regression tests for the red-team findings of issue 13, one (or a few) per finding.

Each test was written before its fix and failed on the code as it was.
"""

from __future__ import annotations

import csv
import io
import os
import stat
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from helpers.desk import CSRF, FIELDS, PASSWORD
from helpers.harness import Harness
from helpers.paths import ROOT
from helpers.server import free_port, wait_ready, write_config

from bot.cli import main
from bot.complaints.register import Register
from bot.config import from_dict
from bot.errors import ConfigError
from bot.staff import accounts, audit
from bot.storage.store import Store

FORM = ["华强建筑劳务公司", "安庆宜秀区某某工地", "三万五", "2020年10月到12月", "6", "13912345678", "王小明"]


def token(client: Any, path: str = "/desk/login") -> str:
    m = CSRF.search(client.get(path).get_data(as_text=True))
    assert m, "no CSRF token on the page"
    return m.group(1)


def log_in(client: Any, name: str, password: str = PASSWORD, ip: str = "127.0.0.1", **data: str) -> Any:
    t = token(client)
    return client.post(
        "/desk/login",
        data={"csrf_token": t, "name": name, "password": password, **data},
        environ_base={"REMOTE_ADDR": ip},
    )


def staff(h: Harness, name: str = "wang", role: str = "hotline") -> Any:
    accounts.add_user(h.services.store, name, role, PASSWORD)
    client = h.app.test_client()
    assert log_in(client, name).status_code == 302
    return client


def frozen_clock(h: Harness) -> list[float]:
    now = [1_612_137_600.0]
    h.services.store.clock = lambda: now[0]
    return now


# -- login throttle: per account AND address, growing delays, bounded per address -------------------


def test_nobody_can_lock_a_staff_member_out_from_elsewhere(harness: Harness) -> None:
    """Finding: the lock was per name from any address, checked before the password."""
    store = harness.services.store
    frozen_clock(harness)
    accounts.add_user(store, "wang", "hotline", PASSWORD)
    attacker = harness.app.test_client()
    for _ in range(12):
        log_in(attacker, "wang", "wrong-password", ip="203.0.113.5")
    # wang, at her own desk (an address that has not been failing), still gets in.
    assert log_in(harness.app.test_client(), "wang", ip="10.1.2.3").status_code == 302


def test_failures_from_one_address_meet_growing_delays(harness: Harness) -> None:
    store = harness.services.store
    now = frozen_clock(harness)
    accounts.add_user(store, "wang", "hotline", PASSWORD)
    waits = []
    for _ in range(6):
        try:
            while True:  # fail until refused
                assert accounts.login(store, "wang", "wrong-password", "203.0.113.5") is None
        except accounts.Throttled as exc:
            waits.append(exc.seconds)
        # While refused, even the right password from that address waits.
        with pytest.raises(accounts.Throttled):
            accounts.login(store, "wang", PASSWORD, "203.0.113.5")
        now[0] += waits[-1] + 1  # wait out the delay, then fail again
    assert waits == sorted(waits) and waits[-1] > waits[0], waits


def test_attempts_per_address_are_bounded(harness: Harness) -> None:
    """Spraying many names from one address ends in a lock of that address."""
    store = harness.services.store
    now = frozen_clock(harness)
    accounts.add_user(store, "li", "hotline", PASSWORD)
    refused = 0
    for i in range(accounts.MAX_PER_ADDRESS + 5):
        now[0] += 5
        try:
            accounts.login(store, f"guess{i}", "wrong-password", "198.51.100.9")
        except accounts.Throttled:
            refused += 1
    assert refused >= 5
    with pytest.raises(accounts.Throttled):
        accounts.login(store, "li", PASSWORD, "198.51.100.9")
    assert accounts.login(store, "li", PASSWORD, "198.51.100.10") is not None


class _Spy:
    """The real argon2 hasher, counting verifications and how many ran at once."""

    def __init__(self, real: Any) -> None:
        self.real, self.calls, self.running, self.peak = real, 0, 0, 0
        self.lock = threading.Lock()

    def verify(self, digest: str, password: str) -> bool:
        with self.lock:
            self.calls += 1
            self.running += 1
            self.peak = max(self.peak, self.running)
        try:
            return bool(self.real.verify(digest, password))
        finally:
            with self.lock:
                self.running -= 1

    def __getattr__(self, name: str) -> Any:
        return getattr(self.real, name)


def _race(store: Store, attempts: list[tuple[str, str]]) -> None:
    start = threading.Barrier(len(attempts))

    def attempt(name: str, ip: str) -> None:
        start.wait()
        try:
            accounts.login(store, name, "wrong-password", ip)
        except (accounts.Throttled, accounts.Busy):
            pass
        finally:
            store.close()

    threads = [threading.Thread(target=attempt, args=a) for a in attempts]
    for t in threads:
        t.start()
    for t in threads:
        t.join()


def test_concurrent_logins_cannot_race_past_the_throttle(
    harness: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Finding: the throttle was read before the hash and written after it."""
    store = harness.services.store
    accounts.add_user(store, "wang", "hotline", PASSWORD)
    spy = _Spy(accounts._hasher)
    monkeypatch.setattr(accounts, "_hasher", spy)
    _race(store, [("wang", "203.0.113.7")] * 12)
    assert spy.calls <= accounts.FREE_FAILURES, spy.calls


def test_concurrent_password_hashes_are_bounded(harness: Harness, monkeypatch: pytest.MonkeyPatch) -> None:
    store = harness.services.store
    spy = _Spy(accounts._hasher)
    monkeypatch.setattr(accounts, "_hasher", spy)
    _race(store, [(f"user{i}", f"192.0.2.{i}") for i in range(8)])
    assert spy.calls == 8
    assert spy.peak <= accounts.MAX_CONCURRENT_HASHES, spy.peak


# -- config: demo and placeholder secrets ----------------------------------------------------------


def test_demo_secrets_on_a_public_address_are_refused() -> None:
    """Finding: a config without [wechat] silently used the public demo token on any bind."""
    with pytest.raises(ConfigError) as err:
        from_dict({"server": {"host": "0.0.0.0"}}, env={})
    assert "demo" in str(err.value) or "placeholder" in str(err.value)
    with pytest.raises(ConfigError):
        from_dict(
            {"server": {"host": "10.0.0.5"}, "wechat": {"token": "change-me", "app_secret": "s3cret-value"}},
            env={},
        )
    # Loopback (the demo) stays allowed.
    assert from_dict({}, env={}).server.host == "127.0.0.1"


def test_serve_refuses_demo_secrets_on_a_public_address(tmp_path: Path) -> None:
    cfg = tmp_path / "c.toml"
    cfg.write_text(f'[server]\nhost = "0.0.0.0"\n[storage]\ndatabase = "{tmp_path / "db"}"\n')
    result = CliRunner().invoke(main, ["serve", "--config", str(cfg)])
    assert result.exit_code != 0
    assert isinstance(result.exception, (ConfigError, SystemExit))


def test_check_fails_on_the_example_config_as_shipped() -> None:
    result = CliRunner().invoke(main, ["check", "--config", str(ROOT / "config.example.toml")])
    assert result.exit_code != 0
    assert "change-me" in result.output or "placeholder" in result.output


def test_check_and_serve_warn_about_plain_mode(tmp_path: Path) -> None:
    cfg = write_config(tmp_path / "c.toml", tmp_path / "bot.db", free_port(), mode="plain")
    result = CliRunner().invoke(main, ["check", "--config", str(cfg)])
    assert result.exit_code == 0, result.output
    assert "plain mode" in result.output and "safe" in result.output
    port = free_port()
    cfg = write_config(tmp_path / "s.toml", tmp_path / "bot.db", port, mode="compat")
    proc = subprocess.Popen(
        [sys.executable, "-m", "bot", "serve", "--no-emulator", "--no-scheduler", "--config", str(cfg)],
        cwd=ROOT,
        env=os.environ | {"PYTHONUNBUFFERED": "1"},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        wait_ready(f"http://127.0.0.1:{port}/healthz", proc)
    finally:
        proc.terminate()
        printed = proc.communicate(timeout=30)[0].decode("utf-8", "replace")
    assert "compat mode" in printed and "safe" in printed
    guide = (ROOT / "docs" / "operations.md").read_text(encoding="utf-8")
    assert "signs only the query" in guide


# -- files: 0600 --------------------------------------------------------------------------------------


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_database_wal_backups_and_exports_are_private(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        db = tmp_path / "bot.db"
        store = Store(db)
        Register(store).create("o-1", "anqing", FIELDS)
        for path in (db, Path(str(db) + "-wal"), Path(str(db) + "-shm")):
            assert path.exists() and _mode(path) == 0o600, path
        backup = store.backup(tmp_path / "b" / "copy.db")
        assert _mode(backup) == 0o600
        cfg = write_config(tmp_path / "c.toml", db, 8080)
        out = tmp_path / "export.csv"
        result = CliRunner().invoke(main, ["complaints", "export", "--out", str(out), "--config", str(cfg)])
        assert result.exit_code == 0, result.output
        assert _mode(out) == 0o600
        result = CliRunner().invoke(main, ["backup", "--config", str(cfg), "--out", str(tmp_path / "cli.db")])
        assert result.exit_code == 0 and _mode(tmp_path / "cli.db") == 0o600
    finally:
        os.umask(old)


# -- the audit log: known names only, phones masked ---------------------------------------------------


def test_failed_login_does_not_store_what_was_typed_as_the_name(harness: Harness) -> None:
    """Finding: a password typed into the name field was shown to officials."""
    accounts.add_user(harness.services.store, "wang", "hotline", PASSWORD)
    log_in(harness.app.test_client(), "My-Secret-Passw0rd!", "x")
    log_in(harness.app.test_client(), "wang", "wrong-password")
    rows = audit.recent(harness.services.store, 10, action="login_failed")
    assert len(rows) == 2
    assert "My-Secret-Passw0rd!" not in str(rows)
    assert {r["actor"] for r in rows} == {"wang", audit.UNKNOWN_ACTOR}


def test_audit_details_mask_phone_numbers(harness: Harness) -> None:
    harness.services.complaints.create("o-1", "anqing", FIELDS)
    client = staff(harness)
    t = token(client, "/desk/complaints")
    client.post("/desk/complaints.csv", data={"csrf_token": t, "q": "13812341234"})
    audit.record(harness.services.store, "cli:x", "export", "complaints", "phone 139 1234 5678")
    dump = str(audit.recent(harness.services.store, 50))
    assert "13812341234" not in dump and "139 1234 5678" not in dump
    assert "138****1234" in dump


# -- personal data left behind ---------------------------------------------------------------------


def test_a_cancelled_complaint_leaves_no_summary_in_the_redelivery_table(harness: Harness) -> None:
    reply = harness.say("投诉", "o-c")
    for answer in FORM:
        reply = harness.say(answer, "o-c")
    assert "13912345678" in reply  # the summary echoes the phone
    harness.say("取消", "o-c")
    stored = [r[0] or "" for r in harness.services.store.conn.execute("SELECT reply FROM processed")]
    assert stored and not any("13912345678" in r or "王小明" in r for r in stored)


def test_purge_clears_names_and_phones_in_staff_notes(harness: Harness) -> None:
    register = harness.services.complaints
    now = frozen_clock(harness)
    case = register.create("o-1", "anqing", FIELDS)
    register.set_status(case.case_no, "已受理", "已联系张三丰，电话13812341234", "wang")
    register.set_status(case.case_no, "已办结", "张三丰已拿到工资", "wang")
    now[0] += 400 * 86400
    assert register.purge(365) == 1
    conn = harness.services.store.conn
    dump = str([tuple(r) for r in conn.execute("SELECT * FROM complaints")])
    dump += str([tuple(r) for r in conn.execute("SELECT * FROM complaint_events")])
    assert "张三丰" not in dump and "13812341234" not in dump


# -- behind the proxy --------------------------------------------------------------------------------


def test_secure_cookie_behind_a_configured_proxy(harness_factory: Any) -> None:
    h = harness_factory(server={"trusted_proxies": 1})
    accounts.add_user(h.services.store, "wang", "hotline", PASSWORD)
    client = h.app.test_client()
    t = token(client)
    resp = client.post(
        "/desk/login",
        data={"csrf_token": t, "name": "wang", "password": PASSWORD},
        headers={"X-Forwarded-Proto": "https", "X-Forwarded-For": "198.51.100.3"},
    )
    assert resp.status_code == 302
    assert "Secure" in resp.headers["Set-Cookie"]
    entry = audit.recent(h.services.store, 1)[0]
    assert "198.51.100.3" in entry["detail"]


def test_forwarded_headers_are_ignored_without_a_configured_proxy(harness: Harness) -> None:
    accounts.add_user(harness.services.store, "wang", "hotline", PASSWORD)
    client = harness.app.test_client()
    t = token(client)
    resp = client.post(
        "/desk/login",
        data={"csrf_token": t, "name": "wang", "password": PASSWORD},
        headers={"X-Forwarded-Proto": "https", "X-Forwarded-For": "198.51.100.3"},
    )
    assert resp.status_code == 302 and "Secure" not in resp.headers["Set-Cookie"]
    assert "198.51.100.3" not in audit.recent(harness.services.store, 1)[0]["detail"]


def test_nginx_example_sends_hsts_and_the_scheme() -> None:
    guide = (ROOT / "docs" / "operations.md").read_text(encoding="utf-8")
    assert "Strict-Transport-Security" in guide
    assert "X-Forwarded-Proto $scheme" in guide and "trusted_proxies" in guide


def test_next_with_a_line_break_is_refused_cleanly(harness: Harness) -> None:
    accounts.add_user(harness.services.store, "wang", "hotline", PASSWORD)
    client = harness.app.test_client()
    evil = "/desk/\r\nSet-Cookie: stolen=1"
    assert client.get("/desk/login", query_string={"next": evil}).status_code == 200
    resp = log_in(client, "wang", next=evil)
    assert resp.status_code == 302 and resp.headers["Location"] == "/desk/"
    assert "stolen" not in str(resp.headers)


# -- no side effects on GET --------------------------------------------------------------------------


def test_a_link_cannot_reveal_a_phone_or_export(harness: Harness) -> None:
    """Finding: the case view and the CSV export were GETs with audited side effects."""
    case = harness.services.complaints.create("o-1", "anqing", FIELDS)
    client = staff(harness)
    page = client.get(f"/desk/complaints/{case.case_no}").get_data(as_text=True)
    assert "13812341234" not in page and "138****1234" in page
    export = client.get("/desk/complaints.csv")
    assert b"13812341234" not in export.data
    assert audit.recent(harness.services.store, 10, action="view_phone") == []
    assert audit.recent(harness.services.store, 10, action="export") == []
    # A cross-site POST has no CSRF token: refused.
    assert client.post(f"/desk/complaints/{case.case_no}/reveal").status_code == 400
    assert client.post("/desk/complaints.csv").status_code == 400
    # From the desk's own buttons it works, and is audited.
    t = token(client, f"/desk/complaints/{case.case_no}")
    shown = client.post(f"/desk/complaints/{case.case_no}/reveal", data={"csrf_token": t})
    assert "13812341234" in shown.get_data(as_text=True)
    data = client.post("/desk/complaints.csv", data={"csrf_token": t}).data
    assert b"13812341234" in data
    assert len(audit.recent(harness.services.store, 10, action="view_phone")) == 1
    assert len(audit.recent(harness.services.store, 10, action="export")) == 1


def test_a_cell_hidden_behind_a_byte_order_mark_is_defused(harness: Harness) -> None:
    register = harness.services.complaints
    register.create("o-1", "anqing", FIELDS | {"employer": '\ufeff=HYPERLINK("http://evil.example")'})
    register.create("o-2", "anqing", FIELDS | {"employer": "\u200b+cmd|' /C calc'!A0"})
    rows = list(csv.reader(io.StringIO(register.export_csv(register.search()))))
    cells = [r[4] for r in rows[1:]]
    assert all(c.startswith("'") for c in cells), cells


def test_login_stays_quick_for_the_right_person(harness: Harness) -> None:
    """The throttle must not cost the legitimate user: one hash, no added delay."""
    accounts.add_user(harness.services.store, "wang", "hotline", PASSWORD)
    started = time.monotonic()
    assert accounts.login(harness.services.store, "wang", PASSWORD, "10.0.0.1") is not None
    assert time.monotonic() - started < 2.0
