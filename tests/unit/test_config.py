"""Settings: one way to find the config everywhere, env overrides for secrets, clear refusals."""

from __future__ import annotations

from datetime import UTC
from pathlib import Path

import pytest
from helpers.paths import ROOT

from bot.config import from_dict, load, locate
from bot.errors import ConfigError


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ({"wechat": {"encoding_aes_key": "short"}}, "43 characters"),
        ({"wechat": {"token": "  "}}, "token is empty"),
        ({"wechat": {"mode": "secure"}}, "mode must be one of plain, compat, safe"),
        ({"wechat": {"api_base_url": "https://api.weixin.qq.com/cgi-bin"}}, "ending with '/'"),
        ({"wechat": {"tokn": "x"}}, "unknown key(s) in [wechat]: tokn"),
        ({"server": {"port": "8080"}}, "port must be a int"),
        ({"webhook": {}}, "unknown section(s): webhook"),
    ],
)
def test_bad_config_is_refused_with_a_clear_message(raw: dict, message: str) -> None:
    with pytest.raises(ConfigError) as err:
        from_dict(raw, env={})
    assert message in str(err.value)


def test_secrets_come_from_the_environment() -> None:
    s = from_dict(
        {"wechat": {"token": "file"}}, env={"BOT_WECHAT_TOKEN": "from-env", "BOT_WECHAT_APP_SECRET": "s3"}
    )
    assert s.wechat.token == "from-env" and s.wechat.app_secret == "s3"


def test_locate_order(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("BOT_CONFIG", raising=False)
    assert locate().source == "built-in demo config"
    (tmp_path / "config.toml").write_text("[server]\nport = 9001\n")
    assert locate().server.port == 9001
    other = tmp_path / "other.toml"
    other.write_text("[server]\nport = 9002\n")
    monkeypatch.setenv("BOT_CONFIG", str(other))
    assert locate().server.port == 9002
    explicit = tmp_path / "explicit.toml"
    explicit.write_text("[server]\nport = 9003\n")
    assert locate(str(explicit)).server.port == 9003


def test_relative_database_is_relative_to_the_config_file(tmp_path: Path) -> None:
    cfg = tmp_path / "etc" / "bot.toml"
    cfg.parent.mkdir()
    cfg.write_text('[storage]\ndatabase = "data/bot.db"\n')
    assert load(cfg).storage.database == str(tmp_path / "etc" / "data" / "bot.db")


def test_example_config_loads(tmp_path: Path) -> None:
    example = ROOT / "config.example.toml"
    assert load(example).wechat.mode in ("plain", "compat", "safe")


def test_proxy_count_and_public_values() -> None:
    s = from_dict({"server": {"trusted_proxies": 1}}, env={})
    assert s.server.trusted_proxies == 1
    with pytest.raises(ConfigError, match="trusted_proxies must be 0 or more"):
        from_dict({"server": {"trusted_proxies": -1}}, env={})
    with pytest.raises(ConfigError, match="must be a int"):
        from_dict({"server": {"trusted_proxies": True}}, env={})
    demo = from_dict({}, env={})
    assert len(demo.placeholder_secrets()) == 4 and demo.mode_warning() is not None
    real = from_dict(
        {
            "server": {"host": "10.0.0.5"},
            "wechat": {
                "token": "a-real-token",
                "app_id": "wx1234567890abcdef",
                "app_secret": "a-real-secret",
                "encoding_aes_key": "kWxPEV2UEDyxWpmPdKC3F4dgPDmOvfKX1HGnEUDS1aR",
                "mode": "safe",
            },
        },
        env={},
    )
    assert real.placeholder_secrets() == [] and real.mode_warning() is None


def test_today_is_the_beijing_day_whatever_the_server_zone() -> None:
    from datetime import date, datetime

    from bot import timefmt

    evening_utc = datetime(2026, 12, 3, 17, 0, tzinfo=UTC).timestamp()  # 01:00 on the 4th in Beijing
    assert timefmt.today(evening_utc) == date(2026, 12, 4)
    morning_utc = datetime(2026, 12, 3, 9, 0, tzinfo=UTC).timestamp()
    assert timefmt.today(morning_utc) == date(2026, 12, 3)
