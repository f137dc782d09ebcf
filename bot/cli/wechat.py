"""Commands for the WeChat side: the local API emulator and the 公众号's custom menu.

python -m bot emulator     a local WeChat API on 127.0.0.1 (no account needed)
python -m bot menu push    the 公众号's custom menu from content/menu.toml
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import click

from ..errors import BotError
from .common import config_option, settings_from

CONTEXT = {"help_option_names": ["-h", "--help"]}


@click.command("emulator", context_settings=CONTEXT)
@config_option
@click.option("--port", default=8090, show_default=True)
@click.option("--webhook-url", help="Where to push events (default: this config's webhook).")
@click.option("--follower", "followers", multiple=True, help="An OpenID that follows the account.")
def emulator_command(
    config_path: str | None, port: int, webhook_url: str | None, followers: tuple[str, ...]
) -> None:
    """Run the local WeChat API emulator on 127.0.0.1 with this config's app id, secret and token.

    Point the bot at it with [wechat] api_base_url = "http://127.0.0.1:8090/cgi-bin/".
    The preview OpenIDs of [broadcasts] are followers from the start.

    Example: python -m bot emulator --port 8090
    """
    from ..wechat import emulator

    settings = settings_from(config_path)
    w, s = settings.wechat, settings.server
    host = "127.0.0.1" if s.host in ("0.0.0.0", "::", "") else s.host  # noqa: S104 (compared, not bound)
    url = webhook_url or f"http://{host}:{s.port}{s.webhook_path}"
    running = emulator.start(
        "127.0.0.1",
        port,
        app_id=w.app_id,
        app_secret=w.app_secret,
        webhook_url=url,
        token=w.token,
        encoding_aes_key=w.encoding_aes_key,
        mode=w.mode,
        account_type=w.account_type,
    )
    for openid in (*followers, *settings.broadcasts.preview_openids):
        running.state.add_follower(openid)
    click.echo(f"WeChat emulator on {running.api_base_url} → pushes to {url}")
    try:
        running.thread.join()
    except KeyboardInterrupt:
        running.stop()


@click.group("menu", context_settings=CONTEXT)
def menu_group() -> None:
    """The 公众号's custom menu."""


@menu_group.command("push")
@config_option
@click.option(
    "--file", "path", type=click.Path(dir_okay=False, path_type=Path), help="Default: content/menu.toml."
)
@click.option("--dry-run", is_flag=True, help="Print the JSON instead of sending it.")
def menu_push_command(config_path: str | None, path: Path | None, dry_run: bool) -> None:
    """Create the custom menu on WeChat from content/menu.toml (keys are intent ids).

    Example: python -m bot menu push --dry-run
    """
    from ..dialogue.menu import load_menu, menu_path
    from ..wechat.api import WeChatAPI

    settings = settings_from(config_path)
    try:
        menu = load_menu(path or menu_path(settings.content.content_dir))
    except BotError as exc:
        raise click.ClickException(str(exc)) from None
    if dry_run:
        click.echo(json.dumps(menu, ensure_ascii=False, indent=2))
        return
    try:
        with WeChatAPI(settings.wechat, settings.storage.database) as api:
            api.create_menu(menu)
    except BotError as exc:
        raise click.ClickException(str(exc)) from None
    names = "、".join(b["name"] for b in menu["button"])
    click.echo(f"菜单已更新（{datetime.now():%Y-%m-%d %H:%M}）：{names}")


COMMANDS: list[click.Command] = [emulator_command, menu_group]
