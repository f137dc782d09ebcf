"""The command line, through click's runner (same functions the server uses)."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from click.testing import CliRunner
from helpers.paths import ROOT
from helpers.server import write_config

from bot.cli import main


def config(tmp_path: Path) -> str:
    return str(write_config(tmp_path / "config.toml", tmp_path / "bot.db", 8080))


def test_classify_prints_contract_json_lines(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main, ["classify", "--config", config(tmp_path)], input="安庆失业金怎么领\n你好\n"
    )
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.output.splitlines()]
    assert [set(r) for r in rows] == [{"text", "intent", "region", "score"}] * 2
    assert rows[0]["intent"] == "unemployment_benefit" and rows[0]["region"] == "anqing"
    assert rows[1]["intent"] == "greeting" and rows[1]["region"] is None


def test_ask_answers_for_the_region(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main, ["ask", "--config", config(tmp_path), "--region", "dalian", "留岗红包怎么领"]
    )
    assert result.exit_code == 0, result.output
    assert "大连" in result.output


def test_ask_refuses_an_unknown_region(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["ask", "--config", config(tmp_path), "--region", "mars", "你好"])
    assert result.exit_code != 0 and "unknown region" in result.output


def test_chat_keeps_the_conversation(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main, ["chat", "--config", config(tmp_path)], input="我在黄埔\n加班费怎么算\n"
    )
    assert result.exit_code == 0, result.output
    assert "你在黄埔" in result.output and "【黄埔·春节加班】" in result.output


def test_check_passes_on_the_repo_and_fails_on_broken_content(tmp_path: Path) -> None:
    assert CliRunner().invoke(main, ["check", "--config", config(tmp_path)]).exit_code == 0
    content = tmp_path / "content"
    import shutil

    shutil.copytree(ROOT / "content", content)
    (content / "answers" / "national" / "legal_aid.md").unlink()
    bad = content / "answers" / "dalian" / "holiday_pay.md"
    bad.write_text(bad.read_text(encoding="utf-8").replace('source = "', 'source = "nope-'), encoding="utf-8")
    menu = content / "menu.toml"
    menu.write_text(menu.read_text(encoding="utf-8").replace('"wage_arrears"', '"wages"'), encoding="utf-8")
    cfg = tmp_path / "bad.toml"
    cfg.write_text(Path(config(tmp_path)).read_text() + f'\n[content]\ncontent_dir = "{content}"\n')
    result = CliRunner().invoke(main, ["check", "--config", str(cfg)])
    assert result.exit_code == 1
    assert "national/legal_aid.md is missing" in result.output
    assert "nope-" in result.output
    assert "key 'wages' is not an intent" in result.output


def test_bad_config_stops_with_a_clear_message(tmp_path: Path) -> None:
    cfg = tmp_path / "c.toml"
    cfg.write_text('[wechat]\nencoding_aes_key = "short"\n')
    result = CliRunner().invoke(main, ["check", "--config", str(cfg)])
    assert result.exit_code != 0 and "43 characters" in result.output


def test_backup_is_a_verified_copy(tmp_path: Path) -> None:
    cfg = config(tmp_path)
    CliRunner().invoke(main, ["ask", "--config", cfg, "今天天气好吗"])
    out = tmp_path / "b" / "copy.db"
    result = CliRunner().invoke(main, ["backup", "--config", cfg, "--out", str(out)])
    assert result.exit_code == 0, result.output
    with sqlite3.connect(out) as conn:
        assert conn.execute("SELECT COUNT(*) FROM unanswered").fetchone()[0] == 1


def test_classify_reads_the_staff_labels_unless_rules_only(tmp_path: Path) -> None:
    from bot.staff import labels
    from bot.storage.store import Store

    cfg = config(tmp_path)
    text = "单位散伙了 饭碗没了咋整"  # (a lay-off the rules do not know)
    rules = CliRunner().invoke(main, ["classify", "--config", cfg, "--rules-only"], input=text + "\n")
    assert json.loads(rules.output)["intent"] != "unemployment_benefit"
    labels.add(Store(tmp_path / "bot.db"), text, "unemployment_benefit", None, "hotline-1")
    labelled = CliRunner().invoke(main, ["classify", "--config", cfg], input=text + "\n")
    assert labelled.exit_code == 0, labelled.output
    assert json.loads(labelled.output)["intent"] == "unemployment_benefit"
    still = CliRunner().invoke(main, ["classify", "--config", cfg, "--rules-only"], input=text + "\n")
    assert json.loads(still.output)["intent"] == json.loads(rules.output)["intent"]
