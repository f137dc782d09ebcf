"""``python -m bot broadcast templates|new|list|show|cancel|preview|send-now``.

Everything a command schedules, edits, cancels or sends goes to the audit log as ``cli:<os user>``.
``list`` and ``show`` take ``--json`` for scripts; ``send-now`` exits 0 when every region with an
audience went out, 1 when a send failed (or was refused), 75 when WeChat was busy and a retry is
scheduled. Nothing here loads the classifier or, unless it calls WeChat, the API client.
"""

from __future__ import annotations

import json
import time
from typing import TYPE_CHECKING, Any

import click

from ..broadcasts.leader import LeaderLock, last_seen
from ..broadcasts.model import (
    CAUTION_NAMES,
    FINAL,
    KIND_NAMES,
    STATUS_NAMES,
    Broadcast,
    Draft,
    PlanError,
    Schedule,
    Send,
    as_json,
    beijing,
    parse_day,
    parse_when,
)
from ..broadcasts.planner import STALE_PHRASE
from ..broadcasts.sender import StuckSending
from ..broadcasts.service import Broadcasts
from ..config import Settings
from ..content.knowledge import load_knowledge
from ..errors import BotError
from ..storage.store import Store
from ..timefmt import shown
from .common import config_option, settings_from
from .staff import cli_actor

if TYPE_CHECKING:
    from ..wechat.api import WeChatAPI

CONTEXT = {"help_option_names": ["-h", "--help"]}
EXIT_FAILED = 1  # a send failed or was missed, or the command was refused
EXIT_RETRYING = 75  # EX_TEMPFAIL: WeChat was busy; an automatic retry is scheduled


def open_broadcasts(settings: Settings) -> Broadcasts:
    """Broadcasts without the classifier and the webhook: what the CLI and the scheduler need.

    The API client (and wechatpy with it) is imported on first use: ``list`` and ``show`` never call WeChat.
    """
    made: list[WeChatAPI] = []

    def api() -> WeChatAPI:
        if not made:
            from ..wechat.api import WeChatAPI

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
    return shown(ts, empty="-")


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
    if send.status == "retrying" and send.note:
        parts.append(send.note)
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
@click.option("--sender", default="", help="The sending office (发件单位), fills {sender}: 大连市人社局.")
@click.option(
    "--confirm",
    "confirmed",
    multiple=True,
    type=click.Choice(sorted(CAUTION_NAMES)),
    help="Go ahead despite a caution: stale (the template's campaign has ended), duplicate "
    "(same template to the same region within 7 days), region (template written for another region).",
)
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
    sender: str,
    confirmed: tuple[str, ...],
) -> None:
    """Schedule a broadcast; refused (with the reason) if it would exceed the mass-send quota,
    and until confirmed (--confirm) if it may be a mistake.

    Example: python -m bot broadcast new --template anqing/letter-1 --at "2027-02-09 09:00" \
             --sender 安庆市人社局
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
            sender=sender,
        )
        made = b.create(draft, cli_actor(), confirm={c: _confirmation(c) for c in confirmed})
    except PlanError as exc:
        if exc.cautions:
            flags = " ".join(f"--confirm {c.code}" for c in exc.cautions)
            exc = PlanError([*exc.problems, f"核对无误、确实要发，请加上 {flags} 再运行"])
        raise _refuse(exc) from None
    click.echo(f"已安排：{_summary(b, made)}")
    for warning in b.warnings(made.draft):
        click.echo(f"⚠ {warning}")


@broadcast.command("list")
@config_option
@click.option("--limit", default=50, show_default=True)
@click.option("--json", "as_json_", is_flag=True, help="One JSON object: the scheduler and the broadcasts.")
def list_command(config_path: str | None, limit: int, as_json_: bool) -> None:
    """List broadcasts, newest first, with their sends' status.

    Example: python -m bot broadcast list --json | jq '.broadcasts[] | select(.status == "failed") | .id'
    """
    b = open_broadcasts(settings_from(config_path))
    state = last_seen(b.store)
    if as_json_:
        leader = (
            None if state is None else {"pid": state.pid, "last_poll": beijing(state.last_poll).isoformat()}
        )
        _json({"scheduler": leader, "broadcasts": [as_json(item) for item in b.recent(limit)]})
        return
    if state:
        click.echo(f"调度器：pid {state.pid}，上次运行 {_when(state.last_poll)}")
    else:
        click.echo("调度器：从没运行过（python -m bot scheduler）")
    for item in b.recent(limit):
        click.echo(_summary(b, item))


def _confirmation(code: str) -> str:
    """Naming the caution on the command line is the CLI's typed confirmation."""
    return STALE_PHRASE if code == "stale" else "1"


def _json(value: object) -> None:
    click.echo(json.dumps(value, ensure_ascii=False, indent=2))


def _get(b: Broadcasts, broadcast_id: int) -> Broadcast:
    item = b.get(broadcast_id)
    if item is None:
        raise click.ClickException(f"没有编号为 {broadcast_id} 的群发")
    return item


@broadcast.command("show")
@config_option
@click.argument("broadcast_id", type=int)
@click.option("--json", "as_json_", is_flag=True, help="The broadcast, its sends and the text as JSON.")
def show_command(config_path: str | None, broadcast_id: int, as_json_: bool) -> None:
    """Show a broadcast: schedule, every send and its results, and the text.

    Example: python -m bot broadcast show 3 --json
    """
    b = open_broadcasts(settings_from(config_path))
    item = _get(b, broadcast_id)
    if as_json_:
        _json(as_json(item) | {"text": b.preview_text(item.draft)})
        return
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
    A send left 发送中 by a scheduler that died is finished (within the grace window, resent with
    the same clientmsgid, which WeChat never delivers twice; later, marked failed with the reason).

    Exit status: 0 every region with an audience went out (a region with nobody to send to is no
    error); 1 a send failed or the command was refused; 75 WeChat was busy, a retry is scheduled.

    Example: python -m bot broadcast send-now 3 || echo "check: python -m bot broadcast show 3"
    """
    settings = settings_from(config_path)
    b = open_broadcasts(settings)
    actor = cli_actor()
    lock = LeaderLock(settings.storage.database)
    try:
        occurrence = b.prepone(broadcast_id, actor)
    except StuckSending as stuck:
        done = _finish_stuck(b, lock, broadcast_id, stuck.sends, actor, wait)
    except PlanError as exc:
        raise _refuse(exc) from None
    else:
        sends = [s for s in _get(b, broadcast_id).sends if s.occurrence == occurrence]
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
    raise SystemExit(_exit_status(done))


def _finish_stuck(
    b: Broadcasts, lock: LeaderLock, broadcast_id: int, stuck: list[Send], actor: str, wait: float
) -> list[Send]:
    """The occurrence is 发送中: finish it if its sender died, else wait for the one sending it."""
    if not lock.acquire():
        state = last_seen(b.store)
        who = f"调度器（pid {state.pid}）" if state else "另一个进程"
        click.echo(f"这条正在由{who}发送，不会重复发送；等它发完……")
        return _wait_for_scheduler(b, [s.id for s in stuck], wait)
    try:
        click.echo(
            "这条停在「发送中」：发送它的进程中途停了。现在补发："
            f"{b.settings.grace_minutes:g} 分钟的补发时限内"
            "用同一个编号重发（微信不会重复发送，已经发出的只确认不重发）；超过时限的标为失败并说明原因。"
        )
        return b.recover(actor, broadcast_id=broadcast_id)
    finally:
        lock.release()


def _exit_status(done: list[Send]) -> int:
    if any(s.status not in ("sent", "skipped", "retrying") for s in done):
        return EXIT_FAILED
    if any(s.status == "retrying" for s in done):
        click.echo(
            "微信暂时忙：已安排自动重试（见上）。调度器在运行就会按时重试；没有运行的话，请到时再 send-now。"
        )
        return EXIT_RETRYING
    return 0


def _wait_for_scheduler(b: Broadcasts, ids: list[int], wait: float) -> list[Send]:
    settled = (*FINAL, "retrying")
    deadline = time.monotonic() + wait
    finished: dict[int, Send] = {}
    with click.progressbar(length=len(ids), label="群发中") as bar:
        while len(finished) < len(ids):
            for send_id in ids:
                send = b.send(send_id)
                if send_id not in finished and send is not None and send.status in settled:
                    finished[send_id] = send
                    bar.update(1)
            if len(finished) == len(ids):
                break
            if time.monotonic() > deadline:
                raise click.ClickException("调度器还没发完，稍后用 broadcast show 查看结果")
            time.sleep(0.5)  # polling another process's progress in SQLite
    return [finished[i] for i in ids]


COMMANDS: list[click.Command] = [broadcast]
