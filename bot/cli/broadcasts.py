"""Commands for broadcasts, the scheduler, the local WeChat emulator and the custom menu.

Registered on the main CLI with ``for cmd in COMMANDS: main.add_command(cmd)``:

    python -m bot broadcast templates|new|list|show|cancel|preview|send-now
    python -m bot scheduler          the one process that sends broadcasts
    python -m bot emulator           a local WeChat API on 127.0.0.1 (no account needed)
    python -m bot menu push          the 公众号's custom menu from content/menu.toml

Everything a command schedules, edits, cancels or sends goes to the audit log as ``cli:<os user>``.
"""

from __future__ import annotations

import json
import time
from datetime import datetime
from pathlib import Path
from typing import Any

import click

from ..broadcasts.scheduler import LeaderLock, Scheduler, last_seen, run_forever
from ..broadcasts.service import (
    KIND_NAMES,
    STATUS_NAMES,
    Broadcast,
    Broadcasts,
    Draft,
    PlanError,
    Schedule,
    Send,
    beijing,
    parse_day,
    parse_when,
)
from ..config import Settings
from ..content.knowledge import load_knowledge
from ..errors import BotError
from ..storage.store import Store
from .common import config_option, settings_from
from .staff import cli_actor

CONTEXT = {"help_option_names": ["-h", "--help"]}
FINAL = ("sent", "failed", "missed", "cancelled", "skipped")


def open_broadcasts(settings: Settings) -> Broadcasts:
    """Broadcasts without the classifier and the webhook: what the CLI and the scheduler need."""
    from ..wechat.api import WeChatAPI

    made: list[WeChatAPI] = []

    def api() -> WeChatAPI:
        if not made:
            made.append(WeChatAPI(settings.wechat, settings.storage.database))
        return made[0]

    return Broadcasts(
        Store(settings.storage.database),
        load_knowledge(settings.content.content_dir),
        api,
        account_type=settings.wechat.account_type,
        settings=settings.broadcasts,
    )


def _when(ts: float | None) -> str:
    return beijing(ts).strftime("%Y-%m-%d %H:%M") if ts else "-"


def _refuse(exc: PlanError) -> click.ClickException:
    return click.ClickException("\n".join(f"✗ {p}" for p in exc.problems))


def _result(send: Send) -> str:
    parts = [f"{send.occurrence}  {send.region:<18} {send.status_name}"]
    if send.msg_id:
        parts.append(f"msg_id {send.msg_id}")
    if send.finish_status is not None:
        parts.append(
            f"结果：{send.finish_status}，共 {send.total} 人，过滤后 {send.filter_count}，"
            f"成功 {send.sent_count}，失败 {send.error_count}"
        )
    if send.error or send.note:
        parts.append(send.error or send.note)
    return "  ".join(parts)


def _summary(b: Broadcasts, item: Broadcast) -> str:
    counts = "，".join(f"{n} {STATUS_NAMES.get(s, s)}" for s, n in sorted(item.counts.items()))
    kind = KIND_NAMES.get(item.kind, item.kind)
    head = f"#{item.id:<4} {kind}「{item.title}」→ {b.regions_label(item.regions)}"
    after = f"；下次 {_when(item.next_due)}" if item.next_due else ""
    return f"{head}；{item.schedule.describe()}；{counts or '—'}{after}"


@click.group(context_settings=CONTEXT)
def broadcast() -> None:
    """Scheduled broadcasts: 慰问信 and notices, sent once, to the right followers."""


@broadcast.command("templates")
@config_option
@click.option("--kind", type=click.Choice(sorted(KIND_NAMES)), help="letter or notice.")
@click.option("--region", help="Templates for this region id (its own, its city's and national ones).")
def templates_command(config_path: str | None, kind: str | None, region: str | None) -> None:
    """List broadcast templates (content/broadcasts/).

    Example: python -m bot broadcast templates --region anqing
    """
    b = open_broadcasts(settings_from(config_path))
    for doc in b.templates(kind, region):
        valid = f"{doc.valid_from or ''}–{doc.valid_until or ''}"
        click.echo(f"{b.template_name(doc):<32} {KIND_NAMES[doc.kind]:<6} {doc.title}  ({valid})")


@broadcast.command("new")
@config_option
@click.option("--template", "template_name", help="Start from this template, e.g. anqing/letter-1.")
@click.option("--kind", type=click.Choice(sorted(KIND_NAMES)), help="letter or notice (without a template).")
@click.option("--title", help="Title (default: the template's).")
@click.option("--body-file", type=click.File(encoding="utf-8"), help="Body text from a file, - for stdin.")
@click.option(
    "--region", "regions", multiple=True, help="Region id; repeat for several; national = everyone."
)
@click.option("--at", "at", help="Send once at this Beijing time: 2021-02-01 09:00.")
@click.option("--daily", help="Send every day at HH:MM (with --from and --until).")
@click.option("--from", "first", help="First day of a daily schedule: 2021-01-21.")
@click.option("--until", "last", help="Last day of a daily schedule: 2021-03-31.")
def new_command(
    config_path: str | None,
    template_name: str | None,
    kind: str | None,
    title: str | None,
    body_file: Any,
    regions: tuple[str, ...],
    at: str | None,
    daily: str | None,
    first: str | None,
    last: str | None,
) -> None:
    """Schedule a broadcast; refused (with the reason) if it would exceed the mass-send quota.

    Example: python -m bot broadcast new --template anqing/letter-1 --at "2021-02-09 09:00"
    """
    b = open_broadcasts(settings_from(config_path))
    doc = b.template(template_name) if template_name else None
    if template_name and doc is None:
        raise click.BadParameter(
            f"no template {template_name!r}; see `broadcast templates`", param_hint="--template"
        )
    try:
        if at and daily:
            raise PlanError(["--at 和 --daily 只能选一个"])
        if daily:
            if not (first and last):
                raise PlanError(["每天发送需要 --from 和 --until"])
            schedule = Schedule.every_day(daily, parse_day(first), parse_day(last))
        elif at:
            schedule = Schedule.once(parse_when(at))
        else:
            raise PlanError(["请用 --at 指定时间，或用 --daily/--from/--until 每天发送"])
        draft = Draft(
            kind=kind or (doc.kind if doc else ""),
            title=title or (doc.title if doc else ""),
            body=body_file.read() if body_file else (doc.body if doc else ""),
            regions=regions or ((doc.region,) if doc else ()),
            schedule=schedule,
            template=b.template_name(doc) if doc else "",
        )
        made = b.create(draft, cli_actor())
    except PlanError as exc:
        raise _refuse(exc) from None
    click.echo(f"已安排：{_summary(b, made)}")
    for warning in b.warnings(made.draft):
        click.echo(f"⚠ {warning}")


@broadcast.command("list")
@config_option
@click.option("--limit", default=50, show_default=True)
def list_command(config_path: str | None, limit: int) -> None:
    """List broadcasts, newest first, with their sends' status.

    Example: python -m bot broadcast list
    """
    b = open_broadcasts(settings_from(config_path))
    state = last_seen(b.store)
    if state:
        click.echo(f"调度器：pid {state['pid']}，上次运行 {_when(state['last_poll'])}")
    else:
        click.echo("调度器：从没运行过（python -m bot scheduler）")
    for item in b.recent(limit):
        click.echo(_summary(b, item))


def _get(b: Broadcasts, broadcast_id: int) -> Broadcast:
    item = b.get(broadcast_id)
    if item is None:
        raise click.ClickException(f"没有编号为 {broadcast_id} 的群发")
    return item


@broadcast.command("show")
@config_option
@click.argument("broadcast_id", type=int)
def show_command(config_path: str | None, broadcast_id: int) -> None:
    """Show a broadcast: schedule, every send and its results, and the text.

    Example: python -m bot broadcast show 3
    """
    b = open_broadcasts(settings_from(config_path))
    item = _get(b, broadcast_id)
    click.echo(_summary(b, item))
    click.echo(f"安排：{item.created_by} {_when(item.created)}；修改 {_when(item.updated)}")
    if item.cancelled:
        click.echo(f"取消：{item.cancelled_by} {_when(item.cancelled)}")
    if item.template:
        click.echo(f"模板：{item.template}")
    click.echo("发送：")
    for send in item.sends:
        click.echo("  " + _result(send))
    click.echo("\n" + b.preview_text(item.draft))


@broadcast.command("cancel")
@config_option
@click.argument("broadcast_id", type=int)
def cancel_command(config_path: str | None, broadcast_id: int) -> None:
    """Cancel what has not started sending.

    Example: python -m bot broadcast cancel 3
    """
    b = open_broadcasts(settings_from(config_path))
    try:
        n = b.cancel(broadcast_id, cli_actor())
    except PlanError as exc:
        raise _refuse(exc) from None
    click.echo(f"已取消 #{broadcast_id}：{n} 次待发送")


@broadcast.command("preview")
@config_option
@click.argument("broadcast_id", type=int)
@click.option("--to", "openids", multiple=True, help="Test OpenID (default: [broadcasts] preview_openids).")
def preview_command(config_path: str | None, broadcast_id: int, openids: tuple[str, ...]) -> None:
    """Print the text and send it to the test OpenIDs through WeChat's preview API.

    Example: python -m bot broadcast preview 3
    """
    b = open_broadcasts(settings_from(config_path))
    item = _get(b, broadcast_id)
    click.echo(b.preview_text(item.draft) + "\n")
    try:
        n = b.preview(item.draft, cli_actor(), list(openids) or None, target=f"broadcast:{broadcast_id}")
    except (PlanError, BotError) as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"预览已发给 {n} 个测试号")


@broadcast.command("send-now")
@config_option
@click.argument("broadcast_id", type=int)
@click.option("--wait", default=120.0, show_default=True, help="Seconds to wait for a running scheduler.")
def send_now_command(config_path: str | None, broadcast_id: int, wait: float) -> None:
    """Send the next pending occurrence now (or retry a failed one; never sends twice).

    Sends from this process if no scheduler is running, else hands it to the scheduler and waits.

    Example: python -m bot broadcast send-now 3
    """
    settings = settings_from(config_path)
    b = open_broadcasts(settings)
    actor = cli_actor()
    try:
        occurrence = b.prepone(broadcast_id, actor)
    except PlanError as exc:
        raise _refuse(exc) from None
    sends = [s for s in _get(b, broadcast_id).sends if s.occurrence == occurrence]
    lock = LeaderLock(settings.storage.database)
    if lock.acquire():
        try:
            with click.progressbar(length=len(sends), label="群发中") as bar:
                done = b.fire(broadcast_id, occurrence, actor, on_send=lambda s: bar.update(1))
        finally:
            lock.release()
    else:
        click.echo("调度器正在运行，已交给它立即发送……")
        done = _wait_for_scheduler(b, [s.id for s in sends], wait)
    for send in done:
        click.echo(_result(send))
    if any(s.status != "sent" for s in done):
        raise SystemExit(1)


def _wait_for_scheduler(b: Broadcasts, ids: list[int], wait: float) -> list[Send]:
    deadline = time.monotonic() + wait
    finished: dict[int, Send] = {}
    with click.progressbar(length=len(ids), label="群发中") as bar:
        while len(finished) < len(ids):
            for send_id in ids:
                send = b.send(send_id)
                if send_id not in finished and send is not None and send.status in FINAL:
                    finished[send_id] = send
                    bar.update(1)
            if len(finished) == len(ids):
                break
            if time.monotonic() > deadline:
                raise click.ClickException("调度器还没发完，稍后用 broadcast show 查看结果")
            time.sleep(0.5)  # polling another process's progress in SQLite
    return [finished[i] for i in ids]


@click.command("scheduler", context_settings=CONTEXT)
@config_option
@click.option(
    "--poll", "poll", type=float, help="Seconds between reads of the table ([broadcasts] poll_seconds)."
)
def scheduler_command(config_path: str | None, poll: float | None) -> None:
    """Run the broadcast scheduler (one process leads; a second one waits in standby).

    Example: python -m bot scheduler --config config.toml
    """
    from ..app import configure_logging

    settings = settings_from(config_path)
    configure_logging()
    b = open_broadcasts(settings)
    seconds = poll if poll is not None else b.settings.poll_seconds
    click.echo(f"留工助手 scheduler: database {settings.storage.database}, polling every {seconds:g}s")
    run_forever(Scheduler(b, settings.storage.database, seconds))


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
    from werkzeug.serving import run_simple

    from ..wechat.emulator import create_emulator, emulator_state

    settings = settings_from(config_path)
    w, s = settings.wechat, settings.server
    host = "127.0.0.1" if s.host in ("0.0.0.0", "::", "") else s.host  # noqa: S104 (compared, not bound)
    url = webhook_url or f"http://{host}:{s.port}{s.webhook_path}"
    app = create_emulator(
        app_id=w.app_id,
        app_secret=w.app_secret,
        webhook_url=url,
        token=w.token,
        encoding_aes_key=w.encoding_aes_key,
        mode=w.mode,
        account_type=w.account_type,
    )
    state = emulator_state(app)
    for openid in (*followers, *settings.broadcasts.preview_openids):
        state.add_follower(openid)
    click.echo(f"WeChat emulator on http://127.0.0.1:{port}/cgi-bin/ → pushes to {url}")
    run_simple("127.0.0.1", port, app, threaded=True)


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


COMMANDS: list[click.Command] = [broadcast, scheduler_command, emulator_command, menu_group]
