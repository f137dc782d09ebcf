"""Command line: ``python -m bot COMMAND`` — thin wrappers over importable functions."""

from __future__ import annotations

import json
import sys
import time
import uuid
from pathlib import Path
from typing import TYPE_CHECKING

import click

from ..config import Settings
from ..errors import BotError
from .common import config_option, settings_from

if TYPE_CHECKING:  # loaded by the commands that use them (a command should load only what it needs)
    from ..dialogue.turn import Bot
    from ..wechat.push import Message


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
def main() -> None:
    """留工助手 — WeChat bot for migrant workers staying put over Spring Festival."""


@main.command()
@config_option
@click.option(
    "--emulator/--no-emulator",
    default=None,
    help="Also run the local WeChat API emulator on 127.0.0.1:8090 and talk to it "
    "(default: on with the built-in demo config only).",
)
@click.option(
    "--scheduler/--no-scheduler",
    default=None,
    help="Host the broadcast scheduler in this process (default: on with the demo config; "
    "in production run `python -m bot scheduler` once instead).",
)
def serve(config_path: str | None, emulator: bool | None, scheduler: bool | None) -> None:
    """Serve the webhook and the staff desk on the configured host and port.

    Example: python -m bot serve --config config.toml
    """
    import dataclasses

    from werkzeug.serving import WSGIRequestHandler, run_simple

    class QuietQuery(WSGIRequestHandler):
        """Request lines without their query: WeChat puts the sender's openid there."""

        def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
            path = self.path.split("?", 1)[0]
            self.log("info", '"%s %s" %s %s', self.command, path, code, size)

    from ..app import configure_logging, create_app
    from ..services import build

    settings = settings_from(config_path)
    demo = settings.source == "built-in demo config"
    configure_logging()
    s = settings.server
    base = f"http://{s.host}:{s.port}"
    if emulator if emulator is not None else demo:
        from ..wechat import emulator as wechat_emulator

        w = settings.wechat
        emu = wechat_emulator.start(
            "127.0.0.1",
            8090,
            app_id=w.app_id,
            app_secret=w.app_secret,
            webhook_url=f"{base}{s.webhook_path}",
            token=w.token,
            encoding_aes_key=w.encoding_aes_key,
            mode=w.mode,
            account_type=w.account_type,
        )
        api_url = emu.api_base_url
        settings = dataclasses.replace(settings, wechat=dataclasses.replace(w, api_base_url=api_url))
        click.echo(f"  WeChat API emulator on {api_url} (pushes events to the webhook)")
    services = build(settings)
    app = create_app(settings, services)
    if scheduler if scheduler is not None else demo:
        from ..broadcasts.scheduler import start_in_background

        start_in_background(services)
        click.echo("  broadcast scheduler running in this process")
    click.echo(f"留工助手 serving with {settings.source} ({settings.wechat.mode} mode)")
    for warning in _config_warnings(settings):
        click.echo(f"  {warning}")
    click.echo(f"  webhook  {base}{s.webhook_path}   (token: [wechat] token)")
    click.echo(f"  desk     {base}/desk/   (create a login: python -m bot users add NAME --role admin)")
    click.echo(f"  health   {base}/healthz")
    click.echo(f"  database {settings.storage.database}")
    click.echo("  try it:  python -m bot chat   (talk to the bot in this terminal)")
    run_simple(s.host, s.port, app, threaded=True, use_reloader=False, request_handler=QuietQuery)


def _text_message(openid: str, text: str) -> Message:
    from ..wechat.push import Message

    return Message(
        to_user="gh_liugong",
        from_user=openid,
        create_time=int(time.time()),
        msg_type="text",
        msg_id=uuid.uuid4().hex,
        content=text,
    )


def _bot_for(config_path: str | None, openid: str, region: str | None) -> Bot:
    from ..services import build

    services = build(settings_from(config_path))
    if region:
        if region not in services.knowledge.regions:
            known = ", ".join(sorted(services.knowledge.regions))
            raise click.BadParameter(f"unknown region {region!r}; known: {known}", param_hint="--region")
        with services.store.transaction():
            user = services.store.user(openid)
            user.region = region
            services.store.save_user(user)
    return services.bot


@main.command()
@config_option
@click.option("--region", help="Start as a worker in this region id (e.g. anqing).")
@click.option("--user", "openid", default="cli-chat", show_default=True, help="OpenID to chat as.")
@click.option(
    "--debug", is_flag=True, help="After each reply, show intent, region, score and where it came from."
)
def chat(config_path: str | None, region: str | None, openid: str, debug: bool) -> None:
    """Chat with the bot in the terminal, as a worker would. Ctrl-D to leave.

    Example: python -m bot chat --region anqing --debug
    """
    bot = _bot_for(config_path, openid, region)
    click.echo("留工助手（输入问题，回车发送；Ctrl-D 退出）")
    while True:
        try:
            text = input("你：")
        except EOFError:
            click.echo()
            return
        outcome = bot.take(_text_message(openid, text))
        click.echo(f"助手：{outcome.reply or '（不回复）'}\n")
        if debug:
            click.echo(f"  [{json.dumps(outcome.as_dict(bot.knowledge.city), ensure_ascii=False)}]\n")


@main.command()
@config_option
@click.option("--region", help="Answer as for a worker in this region id.")
@click.option("--user", "openid", default="cli-ask", show_default=True, help="OpenID to ask as.")
@click.option("--json", "as_json", is_flag=True, help='Print {"reply","intent","region","score","from"}.')
@click.argument("text")
def ask(config_path: str | None, region: str | None, openid: str, text: str, as_json: bool) -> None:
    """Print the reply the bot would send to TEXT.

    Example: python -m bot ask --region dalian --json "过年加班工资怎么算"
    """
    bot = _bot_for(config_path, openid, region)
    outcome = bot.take(_text_message(openid, text))
    if as_json:
        click.echo(json.dumps(outcome.as_dict(bot.knowledge.city), ensure_ascii=False))
    else:
        click.echo(outcome.reply or "")


@main.command()
@config_option
@click.option(
    "--rules-only", is_flag=True, help="Ignore the hotline staff's labels (the keyword rules alone)."
)
def classify(config_path: str | None, rules_only: bool) -> None:
    """Classify messages read one per line from stdin; print one JSON object per line.

    As the bot does: the keyword rules, with the staff's labels from the configured database beside
    them (if that database exists); --rules-only leaves the labels out.

    Example: echo "安庆失业金怎么领" | python -m bot classify
    """
    from ..nlu.model import Classifies
    from ..nlu.rules import load_classifier

    settings = settings_from(config_path)
    classifier: Classifies = load_classifier(Path(settings.content.intents_dir))
    database = settings.storage.database
    if not rules_only and database != ":memory:" and Path(database).exists():
        from ..nlu.learned import Learning
        from ..staff.labels import StoreLabels
        from ..storage.store import Store

        classifier = Learning(classifier, StoreLabels(Store(database)))
    for line in sys.stdin:
        text = line.rstrip("\n")
        r = classifier.classify(text)
        row = {"text": text, "intent": r.intent, "region": r.region, "score": round(r.score, 3)}
        click.echo(json.dumps(row, ensure_ascii=False))


def _config_warnings(settings: Settings) -> list[str]:
    """What ``serve`` and ``check`` say about a config that works but is unsafe in production."""
    warnings = [w for w in [settings.mode_warning()] if w]
    if settings.placeholder_secrets():
        warnings.append("warning: demo/placeholder secrets: fine on 127.0.0.1, refused on any other address")
    return warnings


@main.command()
@config_option
def check(config_path: str | None) -> None:
    """Validate config, intents/ and content/; exit non-zero on any problem.

    Example: python -m bot check
    """
    from ..content.checks import all_problems
    from ..content.knowledge import Knowledge
    from ..dialogue.menu import load_menu, menu_path
    from ..errors import ContentError
    from ..nlu.linear import problems as turn_model_problems
    from ..nlu.rules import validate
    from .content import published_check

    settings = settings_from(config_path)
    knowledge = Knowledge(Path(settings.content.content_dir))
    problems = validate(Path(settings.content.intents_dir)) + knowledge.problems()
    if settings.source != "built-in demo config":  # a real config must not keep public values
        problems += [f"{settings.source}: {p}" for p in settings.placeholder_secrets()]
    for warning in _config_warnings(settings):
        click.echo(warning, err=True)
    problems += all_problems(knowledge, Path(settings.content.intents_dir))  # content/checks.py
    problems += published_check(settings)  # the desk's published edits too (cli/content.py)
    problems += turn_model_problems(Path(settings.content.intents_dir))  # nlu/linear.py
    menu = menu_path(settings.content.content_dir)
    if menu.exists():
        try:
            load_menu(menu)
        except ContentError as exc:
            problems.append(str(exc))
    for p in problems:
        click.echo(f"✗ {p}", err=True)
    if problems:
        raise SystemExit(1)
    click.echo(
        f"ok: {len(knowledge.answers)} answers, {len(knowledge.broadcasts)} broadcast templates, "
        f"{len(knowledge.regions)} regions, {len(knowledge.sources)} sources"
    )


@main.command()
@config_option
@click.option(
    "--out", type=click.Path(dir_okay=False), help="Backup file (default var/backups/liugong-TIME.db)."
)
def backup(config_path: str | None, out: str | None) -> None:
    """Copy the SQLite database while the bot keeps running (online backup), then verify the copy.

    Example: python -m bot backup --out /srv/backups/liugong-$(date +%F).db
    """
    from ..storage.store import Store

    settings = settings_from(config_path)
    db = Path(settings.storage.database)
    dest = Path(out) if out else db.parent / "backups" / f"liugong-{time.strftime('%Y%m%d-%H%M%S')}.db"
    Store(db).backup(dest)
    click.echo(f"backup written and verified: {dest}")


def run() -> None:
    try:
        main()
    except BotError as exc:
        raise SystemExit(f"error: {exc}") from exc


def _register_commands() -> None:
    """Staff and broadcast commands live beside the features they drive."""
    from .broadcasts import COMMANDS as BROADCAST
    from .content import COMMANDS as CONTENT
    from .learn import COMMANDS as LEARN
    from .scheduler import COMMANDS as SCHEDULER
    from .staff import COMMANDS as STAFF
    from .wechat import COMMANDS as WECHAT

    for command in (*STAFF, *BROADCAST, *SCHEDULER, *WECHAT, *LEARN, *CONTENT):
        main.add_command(command)


_register_commands()
