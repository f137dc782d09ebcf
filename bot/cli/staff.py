"""Staff commands: desk accounts, scripted-answer lookup and the complaint register.

Registered on the main CLI with ``for cmd in COMMANDS: main.add_command(cmd)``, so they run as
``python -m bot users add …``, ``python -m bot lookup …``, ``python -m bot complaints …``.
Everything a command changes or reveals (a full phone number, an export) goes to the audit log
with the actor ``cli:<os user>``.
"""

from __future__ import annotations

import getpass
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from .. import timefmt
from ..complaints.fields import show_value
from ..complaints.register import STATUSES, TRANSITIONS, Complaint
from ..config import Settings
from ..staff import accounts, audit
from ..storage.store import Store
from ..timefmt import shown
from .common import config_option, settings_from

if TYPE_CHECKING:
    from ..services import Services

CONTEXT = {"help_option_names": ["-h", "--help"]}


def cli_actor() -> str:
    try:
        who = getpass.getuser()
    except (KeyError, OSError):
        who = f"uid{os.getuid()}" if hasattr(os, "getuid") else "unknown"
    return f"cli:{who}"


def _store(settings: Settings) -> Store:
    return Store(settings.storage.database)


def _services(settings: Settings) -> Services:
    from ..services import build

    return build(settings)


def _when(ts: float | None) -> str:
    return shown(ts, empty="-")


# -- users --------------------------------------------------------------------------------------


@click.group(context_settings=CONTEXT)
def users() -> None:
    """Staff accounts for the desk (/desk): add, list, disable.

    Example: python -m bot users add wang --role hotline
    """


@users.command("add")
@config_option
@click.argument("name")
@click.option(
    "--role",
    type=click.Choice(accounts.ROLES),
    required=True,
    help="hotline: answers and complaints; official: also the audit log; admin: also accounts.",
)
@click.option("--password-stdin", is_flag=True, help="Read the password from the first line of stdin.")
def users_add(config_path: str | None, name: str, role: str, password_stdin: bool) -> None:
    """Create a desk account NAME. The password is asked twice (hidden), at least 10 characters.

    \b
    Example: python -m bot users add wang --role hotline
    Example: printf '%s\\n' "$PW" | python -m bot users add li --role admin --password-stdin
    """
    store = _store(settings_from(config_path))
    if password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    try:
        account = accounts.add_user(store, name, role, password)
    except accounts.AccountError as exc:
        raise click.ClickException(str(exc)) from exc
    audit.record(store, cli_actor(), "user_add", account.name, account.role_name)
    click.echo(f"added {account.name} ({account.role})")


@users.command("list")
@config_option
def users_list(config_path: str | None) -> None:
    """List desk accounts.

    Example: python -m bot users list
    """
    rows = accounts.list_users(_store(settings_from(config_path)))
    if not rows:
        click.echo("no accounts yet: python -m bot users add NAME --role admin")
        return
    for a in rows:
        state = "disabled" if a.disabled else "active"
        click.echo(f"{a.name}\t{a.role}\t{state}\t{_when(a.created)}")


@users.command("disable")
@config_option
@click.argument("name")
def users_disable(config_path: str | None, name: str) -> None:
    """Disable account NAME and end its sessions (accounts are kept for the audit log).

    Example: python -m bot users disable wang
    """
    store = _store(settings_from(config_path))
    try:
        accounts.disable_user(store, name)
    except accounts.AccountError as exc:
        raise click.ClickException(str(exc)) from exc
    audit.record(store, cli_actor(), "user_disable", name)
    click.echo(f"disabled {name}")


# -- lookup ---------------------------------------------------------------------------------------


@click.command(context_settings=CONTEXT)
@config_option
@click.option("--region", help="Region id (e.g. anqing, anqing-yixiu); default: from TEXT, else all regions.")
@click.option("--intent", help="Intent id instead of classifying TEXT (e.g. wage_arrears).")
@click.argument("text", default="")
def lookup(config_path: str | None, region: str | None, intent: str | None, text: str) -> None:
    """Print the scripted answers matching TEXT, as the desk's 话术查询 shows them.

    TEXT is read by the bot's classifier, typos included. Exits 1 when nothing matches.

    Example: python -m bot lookup "欠心" --region anqing
    """
    from ..staff.lookup import lookup as find
    from ..staff.lookup import region_title

    services = _services(settings_from(config_path))
    knowledge = services.knowledge
    if region and region not in knowledge.regions:
        known = ", ".join(sorted(knowledge.regions))
        raise click.BadParameter(f"unknown region {region!r}; known: {known}", param_hint="--region")
    if not text.strip() and not intent:
        raise click.UsageError("give TEXT or --intent")
    found = find(
        knowledge, services.bot.classifier, text, intent=intent, region=region, today=timefmt.today()
    )
    if not found.hits:
        what = found.detected_intent or intent or "-"
        click.echo(f"no scripted answer for {text!r} (classified as {what})", err=True)
        raise SystemExit(1)
    where = region_title(knowledge, found.region) if found.region else "all regions"
    click.echo(f"{found.intent} · {where} · {len(found.hits)} answer(s)\n")
    for hit in found.hits:
        flags = " [bot sends this]" if hit.sent_by_bot else ""
        flags += " [已过期]" if hit.expired else ""
        valid = (
            f"{hit.valid_from or '-'} – {hit.valid_until or '-'}"
            if hit.valid_from or hit.valid_until
            else "no end date"
        )
        click.echo(f"== {hit.intent_name} · {hit.region_name} ({hit.key}){flags}")
        click.echo(f"source: {hit.source_short} {hit.source_number} {hit.source_date or ''}".rstrip())
        click.echo(f"valid: {valid}")
        click.echo(hit.text + "\n")


# -- complaints ------------------------------------------------------------------------------------


@click.group(context_settings=CONTEXT)
def complaints() -> None:
    """The wage-arrears complaint register: list, show, update, export, purge.

    Example: python -m bot complaints list --status 待受理
    """


def _region_option(fn: Any) -> Any:
    return click.option("--region", help="Region id; a city includes its districts (e.g. anqing).")(fn)


def _status_option(fn: Any) -> Any:
    return click.option("--status", type=click.Choice(STATUSES), help="Only cases in this status.")(fn)


@complaints.command("list")
@config_option
@_status_option
@_region_option
@click.option("--assignee", help="Only cases given to this desk account ('-': to nobody yet).")
@click.option("--overdue", is_flag=True, help="Only open cases past their [complaints] due_days.")
@click.option("--limit", default=200, show_default=True, help="At most this many, newest first.")
def complaints_list(
    config_path: str | None,
    status: str | None,
    region: str | None,
    assignee: str | None,
    overdue: bool,
    limit: int,
) -> None:
    """List complaints, newest first; phone numbers masked.

    Example: python -m bot complaints list --status 待受理 --region anqing --overdue
    """
    settings = settings_from(config_path)
    services = _services(settings)
    limits = settings.complaints.time_limits()
    rows = services.complaints.search(
        status=status, region=region, assignee=assignee, overdue=limits if overdue else None, limit=limit
    )
    for c in rows:
        click.echo(
            "\t".join(
                [
                    c.case_no,
                    _when(c.created),
                    c.status,
                    c.region or "-",
                    c.employer,
                    f"{c.amount}元",
                    show_value("workers", c.workers),
                    c.masked_phone,
                    c.assignee or "-",
                ]
            )
        )
    click.echo(f"{len(rows)} case(s)", err=True)


@complaints.command("show")
@config_option
@click.argument("case_no", metavar="CASE")
def complaints_show(config_path: str | None, case_no: str) -> None:
    """Show one complaint with the full phone number (recorded in the audit log) and its history.

    Example: python -m bot complaints show QX-20210201-0001
    """
    services = _services(settings_from(config_path))
    case = services.complaints.get(case_no)
    if case is None:
        raise click.ClickException(f"no complaint {case_no}")
    if case.phone:
        audit.record(services.store, cli_actor(), "view_phone", case.case_no)
    for label, value in (
        ("case", case.case_no),
        ("status", case.status),
        ("created", _when(case.created)),
        ("region", case.region or "-"),
        ("employer", case.employer),
        ("site", case.site),
        ("amount", f"{case.amount}元"),
        ("period", case.period),
        ("workers", show_value("workers", case.workers)),
        ("phone", case.phone or "-"),
        ("name", case.name or "-"),
        ("note", case.note or "-"),
    ):
        click.echo(f"{label:9} {value}")
    allowed = "、".join(TRANSITIONS.get(case.status, ())) or "none (closed)"
    click.echo(f"{'next':9} {allowed}")
    click.echo("history:")
    for e in services.complaints.history(case.id):
        click.echo(f"  {_when(e['created'])}  {e['status']}  {e['actor']}  {e['note']}")


@complaints.command("update")
@config_option
@click.argument("case_no", metavar="CASE")
@click.option("--status", type=click.Choice(STATUSES), required=True, help="The new status.")
@click.option("--note", default="", help="What the worker is told with the new status.")
def complaints_update(config_path: str | None, case_no: str, status: str, note: str) -> None:
    """Change a complaint's status (only the allowed next statuses) and tell the worker.

    Example: python -m bot complaints update QX-20210201-0001 --status 已受理 --note "已转监察大队"
    """
    services = _services(settings_from(config_path))
    actor = cli_actor()
    try:
        with services.store.transaction():
            before = services.complaints.get(case_no)
            if before is None:
                raise KeyError(case_no)
            updated = services.complaints.set_status(case_no, status, note, actor=actor)
            audit.record(services.store, actor, "status_change", case_no, f"{before.status} → {status}")
    except KeyError as exc:
        raise click.ClickException(f"no complaint {case_no}") from exc
    except ValueError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"{case_no}: {before.status} → {updated.status}")
    _notify(services, updated)


def _notify(services: Services, case: Complaint) -> None:
    """Tell the worker now if the 48-hour window is open (waits for WeChat); else they see it next time."""
    later = "the worker sees the news next time they write"
    try:
        pending = services.notify_status(case)
        sent = pending.result(timeout=30) if pending is not None else False
    except Exception as exc:  # the status is saved either way
        click.echo(f"could not notify the worker now ({type(exc).__name__}); {later}", err=True)
        return
    click.echo(
        "worker notified by customer-service message" if sent else f"not notified now; {later}", err=True
    )


@complaints.command("export")
@config_option
@_status_option
@_region_option
@click.option("--out", type=click.Path(dir_okay=False, writable=True), help="CSV file (default: stdout).")
def complaints_export(
    config_path: str | None, status: str | None, region: str | None, out: str | None
) -> None:
    """Export complaints as CSV (full phone numbers; recorded in the audit log).

    The file gets a UTF-8 BOM so Excel shows the Chinese correctly.

    Example: python -m bot complaints export --out complaints.csv
    """
    services = _services(settings_from(config_path))
    rows = services.complaints.search(status=status, region=region, limit=1_000_000)
    from ..staff.lookup import region_title

    text = services.complaints.export_csv(rows, lambda rid: region_title(services.knowledge, rid))
    where = out or "stdout"
    audit.record(
        services.store,
        cli_actor(),
        "export",
        "complaints",
        f"{len(rows)} 条；status={status or '全部'}，region={region or '全部'}，to {Path(where).name}",
    )
    if out:
        # Full phone numbers and names: readable by the owner only (0600), whatever the umask.
        fd = os.open(out, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        os.fchmod(fd, 0o600)
        with open(fd, "w", encoding="utf-8-sig", newline="") as fh:
            fh.write(text)
        click.echo(f"{len(rows)} case(s) → {out}", err=True)
    else:
        click.echo(text, nl=False)


@complaints.command("purge")
@config_option
@click.option(
    "--days",
    type=click.IntRange(min=1),
    help="Closed this many days ago (default: [complaints] retention_days).",
)
def complaints_purge(config_path: str | None, days: int | None) -> None:
    """Anonymise closed complaints older than N days (phone, name, OpenID, employer, site).

    Example: python -m bot complaints purge --days 365
    """
    settings = settings_from(config_path)
    services = _services(settings)
    days = days or settings.complaints.retention_days
    n = services.complaints.purge(days)
    audit.record(services.store, cli_actor(), "purge", "complaints", f"{n} 条，结案超过 {days} 天")
    click.echo(f"anonymised {n} closed case(s) older than {days} days")


COMMANDS: list[click.Command] = [users, lookup, complaints]
