"""Staff commands (users, lookup, complaints) through click's CliRunner, on a real SQLite file."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import click
import pytest
from click.testing import CliRunner
from helpers.server import write_config

from bot.cli import settings_from
from bot.cli import staff as staff_cli
from bot.services import build
from bot.staff import accounts, audit
from bot.storage.store import Store

PASSWORD = "correct-horse-battery"
FIELDS = {
    "employer": "宏达建筑劳务公司",
    "site": "安庆宜秀区某工地",
    "amount": 35000,
    "period": "3个月",
    "workers": 2,
    "phone": "13812341234",
    "name": "张三",
}


@pytest.fixture
def config(tmp_path: Path) -> str:
    return str(write_config(tmp_path / "config.toml", tmp_path / "bot.db", 8080))


@pytest.fixture
def services(config: str) -> Any:
    return build(settings_from(config))


def run(command: click.Command, args: list[str], config: str, input: str | None = None) -> Any:
    result = CliRunner().invoke(command, [*args, "--config", config], input=input)
    return result


def test_commands_are_exposed_for_the_main_cli() -> None:
    names = {c.name for c in staff_cli.COMMANDS}
    assert names == {"users", "lookup", "complaints"}
    for group in (staff_cli.users, staff_cli.complaints):
        assert isinstance(group, click.Group)
        for sub in group.commands.values():
            assert "Example:" in (sub.help or ""), sub.name


# -- users ------------------------------------------------------------------------------------------


def test_users_add_with_a_prompted_password(config: str) -> None:
    result = run(
        staff_cli.users, ["add", "wang", "--role", "hotline"], config, input=f"{PASSWORD}\n{PASSWORD}\n"
    )
    assert result.exit_code == 0, result.output
    assert PASSWORD not in result.output  # hidden input is not echoed
    store = Store(settings_from(config).storage.database)
    assert accounts.verify(store, "wang", PASSWORD) is not None
    entry = audit.recent(store, 1)[0]
    assert entry["action"] == "user_add" and entry["actor"].startswith("cli:") and entry["target"] == "wang"


def test_users_add_from_stdin_and_refusals(config: str) -> None:
    ok = run(
        staff_cli.users, ["add", "li", "--role", "admin", "--password-stdin"], config, input=PASSWORD + "\n"
    )
    assert ok.exit_code == 0, ok.output
    short = run(
        staff_cli.users, ["add", "zhao", "--role", "hotline", "--password-stdin"], config, input="short\n"
    )
    assert short.exit_code == 1 and "至少 10 个字符" in short.output
    again = run(
        staff_cli.users, ["add", "li", "--role", "hotline", "--password-stdin"], config, input=PASSWORD + "\n"
    )
    assert again.exit_code == 1 and "已经存在" in again.output
    bad_role = run(
        staff_cli.users, ["add", "qian", "--role", "boss", "--password-stdin"], config, input=PASSWORD
    )
    assert bad_role.exit_code == 2
    mismatch = run(
        staff_cli.users, ["add", "sun", "--role", "hotline"], config, input=f"{PASSWORD}\nother-password\n"
    )
    assert mismatch.exit_code != 0


def test_users_list_and_disable(config: str) -> None:
    run(staff_cli.users, ["add", "wang", "--role", "hotline", "--password-stdin"], config, input=PASSWORD)
    listed = run(staff_cli.users, ["list"], config)
    assert listed.exit_code == 0 and "wang\thotline\tactive" in listed.output
    gone = run(staff_cli.users, ["disable", "wang"], config)
    assert gone.exit_code == 0
    assert "wang\thotline\tdisabled" in run(staff_cli.users, ["list"], config).output
    store = Store(settings_from(config).storage.database)
    assert accounts.verify(store, "wang", PASSWORD) is None
    missing = run(staff_cli.users, ["disable", "nobody"], config)
    assert missing.exit_code == 1 and "没有用户" in missing.output


# -- lookup -----------------------------------------------------------------------------------------


def test_lookup_finds_wage_arrears_from_a_typo(config: str) -> None:
    result = run(staff_cli.lookup, ["欠心"], config)
    assert result.exit_code == 0, result.output
    assert result.output.startswith("wage_arrears · all regions")
    assert "== 欠薪维权 · 全国 (national/wage_arrears)" in result.output
    assert "依据：" in result.output  # the rendered text, footer included


def test_lookup_in_a_region_marks_what_the_bot_sends(config: str, services: Any) -> None:
    result = run(staff_cli.lookup, ["拖欠工资", "--region", "anqing"], config)
    assert result.exit_code == 0, result.output
    first = result.output.split("== ")[1]
    assert first.startswith("欠薪维权 · 安庆市 (anqing/wage_arrears) [bot sends this]")
    assert "欠薪维权 · 全国" in result.output


def test_lookup_refusals(config: str) -> None:
    unknown = run(staff_cli.lookup, ["今天天气怎么样"], config)
    assert unknown.exit_code == 1 and "no scripted answer" in unknown.output
    bad_region = run(staff_cli.lookup, ["欠薪", "--region", "mars"], config)
    assert bad_region.exit_code == 2 and "unknown region" in bad_region.output
    by_intent = run(staff_cli.lookup, ["--intent", "holiday_pay", "--region", "dalian"], config)
    assert by_intent.exit_code == 0 and "春节加班费 · 大连市" in by_intent.output


# -- complaints -------------------------------------------------------------------------------------


def test_complaints_list_masks_phones(config: str, services: Any) -> None:
    case = services.complaints.create("o-1", "anqing-yixiu", FIELDS)
    services.complaints.create("o-2", "dalian", FIELDS | {"employer": "大连某厂"})
    result = run(staff_cli.complaints, ["list", "--region", "anqing"], config)
    assert result.exit_code == 0, result.output
    assert case.case_no in result.output and "138****1234" in result.output
    assert "13812341234" not in result.output and "大连某厂" not in result.output
    none = run(staff_cli.complaints, ["list", "--status", "已办结"], config)
    assert case.case_no not in none.output


def test_complaints_show_full_phone_is_audited(config: str, services: Any) -> None:
    case = services.complaints.create("o-1", "anqing", FIELDS)
    result = run(staff_cli.complaints, ["show", case.case_no], config)
    assert result.exit_code == 0, result.output
    assert "13812341234" in result.output and "张三" in result.output
    assert "工人通过公众号登记" in result.output
    entry = audit.recent(services.store, 1, target=case.case_no)[0]
    assert entry["action"] == "view_phone" and entry["actor"].startswith("cli:")
    missing = run(staff_cli.complaints, ["show", "QX-19990101-0001"], config)
    assert missing.exit_code == 1


def test_complaints_update(config: str, services: Any) -> None:
    case = services.complaints.create("o-1", "anqing", FIELDS)
    result = run(
        staff_cli.complaints, ["update", case.case_no, "--status", "已受理", "--note", "已转监察"], config
    )
    assert result.exit_code == 0, result.output
    assert f"{case.case_no}: 待受理 → 已受理" in result.output
    updated = services.complaints.get(case.case_no)
    assert updated.status == "已受理" and updated.note == "已转监察"
    assert services.complaints.history(case.id)[-1]["actor"].startswith("cli:")
    entry = audit.recent(services.store, 1, action="status_change")[0]
    assert entry["target"] == case.case_no and entry["detail"] == "待受理 → 已受理"
    refused = run(staff_cli.complaints, ["update", case.case_no, "--status", "待受理"], config)
    assert refused.exit_code == 1 and "之后只能改为" in refused.output
    assert len(audit.recent(services.store, 10, action="status_change")) == 1


def test_complaints_export_to_a_file_and_stdout(config: str, services: Any, tmp_path: Path) -> None:
    services.complaints.create("o-1", "anqing", FIELDS | {"employer": '=HYPERLINK("http://x","y")'})
    out = tmp_path / "out.csv"
    result = run(staff_cli.complaints, ["export", "--out", str(out)], config)
    assert result.exit_code == 0, result.output
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[1][4].startswith("'=HYPERLINK")
    assert rows[1][3] == "安庆市"  # the region's name, as on the desk, not its id
    assert out.stat().st_mode & 0o077 == 0  # full phone numbers: the owner only
    printed = run(staff_cli.complaints, ["export"], config)
    assert printed.exit_code == 0 and "'=HYPERLINK" in printed.stdout
    assert [e["action"] for e in audit.recent(services.store, 2)] == ["export", "export"]


def test_complaints_purge(config: str, services: Any) -> None:
    case = services.complaints.create("o-1", "anqing", FIELDS)
    services.complaints.set_status(case.case_no, "不予受理", "张三的电话打不通", "test")
    kept = run(staff_cli.complaints, ["purge"], config)  # default: retention_days (365)
    assert kept.exit_code == 0 and "anonymised 0" in kept.output
    services.store.conn.execute("UPDATE complaints SET updated = updated - 40 * 86400")
    result = run(staff_cli.complaints, ["purge", "--days", "30"], config)
    assert result.exit_code == 0 and "anonymised 1" in result.output
    gone = services.complaints.get(case.case_no)
    assert gone.phone is None and gone.anonymised
    assert "张三" not in str(
        [tuple(r) for r in services.store.conn.execute("SELECT * FROM complaint_events")]
    )
    assert audit.recent(services.store, 1)[0]["action"] == "purge"


def test_complaints_list_overdue_and_assignee(config: str, services: Any) -> None:
    late = services.complaints.create("o-1", "anqing", FIELDS)
    fresh = services.complaints.create("o-2", "anqing", FIELDS)
    services.store.conn.execute(
        "UPDATE complaints SET status_since = status_since - 10 * 86400, assignee = 'li' WHERE id = ?",
        (late.id,),
    )
    overdue = run(staff_cli.complaints, ["list", "--overdue"], config)
    assert overdue.exit_code == 0 and late.case_no in overdue.output and fresh.case_no not in overdue.output
    mine = run(staff_cli.complaints, ["list", "--assignee", "li"], config)
    assert late.case_no in mine.output and fresh.case_no not in mine.output
    nobody = run(staff_cli.complaints, ["list", "--assignee", "-"], config)
    assert fresh.case_no in nobody.output and late.case_no not in nobody.output
