"""``python -m bot scheduler``: the one process that sends broadcasts (a second one stands by)."""

from __future__ import annotations

import click

from .broadcasts import open_broadcasts
from .common import config_option, settings_from


@click.command("scheduler", context_settings={"help_option_names": ["-h", "--help"]})
@config_option
@click.option(
    "--poll", "poll", type=float, help="Seconds between reads of the table ([broadcasts] poll_seconds)."
)
def scheduler_command(config_path: str | None, poll: float | None) -> None:
    """Run the broadcast scheduler (one process leads; a second one waits in standby).

    Example: python -m bot scheduler --config config.toml
    """
    from ..app import configure_logging
    from ..broadcasts.scheduler import Scheduler, run_forever

    settings = settings_from(config_path)
    configure_logging()
    b = open_broadcasts(settings)
    seconds = poll if poll is not None else b.settings.poll_seconds
    click.echo(f"留工助手 scheduler: database {settings.storage.database}, polling every {seconds:g}s")
    run_forever(Scheduler(b, settings.storage.database, seconds))


COMMANDS: list[click.Command] = [scheduler_command]
