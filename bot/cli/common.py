"""Options shared by every command module (kept apart from cli.py so they can import it cycle-free)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import click

from ..config import Settings, locate
from ..errors import ConfigError

CONFIG_HELP = "Config file (else $BOT_CONFIG, else ./config.toml, else the built-in demo config)."


def config_option(fn: Callable[..., Any]) -> Callable[..., Any]:
    return click.option("--config", "config_path", type=click.Path(dir_okay=False), help=CONFIG_HELP)(fn)


def settings_from(config_path: str | None) -> Settings:
    try:
        return locate(config_path)
    except ConfigError as exc:
        raise click.ClickException(f"bad config: {exc}") from exc
