"""``bot content export|import|history``: the desk's content edits and the files in the repo.

A thin layer over ``bot.content.transfer``; the actor in the audit log is ``cli:<os user>``.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from ..config import Settings
from ..storage.store import Store
from .common import config_option, settings_from
from .staff import cli_actor

if TYPE_CHECKING:  # loaded by the commands that need them: editing loads the classifier
    from ..content.editing import ContentEditor
    from ..content.overlay import Tree

CONTEXT = {"help_option_names": ["-h", "--help"]}


def _editor(settings: Settings) -> ContentEditor:
    from ..content.editing import ContentEditor

    return ContentEditor(Store(settings.storage.database), settings.content)


def _tree(settings: Settings, root: str | None) -> Tree:
    from ..content.overlay import Tree

    if root is None:
        return Tree(Path(settings.content.content_dir), Path(settings.content.intents_dir))
    base = Path(root)
    tree = Tree(base / "content", base / "intents")
    if not tree.content.is_dir() or not tree.intents.is_dir():
        raise click.ClickException(f"{base} must hold content/ and intents/")
    return tree


@click.group(context_settings=CONTEXT)
def content() -> None:
    """Content edited at the desk: write it into the files, or load files into the bot."""


@content.command("export")
@config_option
@click.option("--to", "root", type=click.Path(file_okay=False), help="Folder holding content/ and intents/.")
def export_cmd(config_path: str | None, root: str | None) -> None:
    """Write the published desk edits into content/ and intents/ (default: the configured ones).

    Example: python -m bot content export && git diff content intents
    """
    settings = settings_from(config_path)
    from ..content.transfer import export

    changed = export(_editor(settings), _tree(settings, root), cli_actor())
    for path in changed:
        click.echo(f"wrote {path}")
    click.echo(f"{len(changed)} files changed" if changed else "files already match the published content")


@content.command("import")
@config_option
@click.option(
    "--from", "root", type=click.Path(file_okay=False), help="Folder holding content/ and intents/."
)
def import_cmd(config_path: str | None, root: str | None) -> None:
    """Publish what content/ and intents/ change (checked as on the desk); servers reload within seconds.

    Example: git pull && python -m bot content import
    """
    from ..content.editing import EditRefused
    from ..content.transfer import import_tree

    settings = settings_from(config_path)
    editor = _editor(settings)
    try:
        revisions = import_tree(editor, _tree(settings, root), cli_actor())
    except EditRefused as exc:
        for p in exc.problems:
            click.echo(f"✗ {p}", err=True)
        raise SystemExit(1) from exc
    for rev in revisions:
        click.echo(f"published {rev.kind} {rev.key}")
    click.echo(
        f"{len(revisions)} changes published as version {editor.version()}"
        if revisions
        else "nothing to import"
    )


@content.command("history")
@config_option
@click.option("--limit", default=30, show_default=True)
def history_cmd(config_path: str | None, limit: int) -> None:
    """The latest content revisions, newest first.

    Example: python -m bot content history --limit 10
    """
    from ..content.editing import STATUS_NAMES

    editor = _editor(settings_from(config_path))
    revisions = editor.recent(limit)
    for rev in revisions:
        click.echo(f"{rev.id}\t{STATUS_NAMES[rev.status]}\t{rev.kind}\t{rev.key}\t{rev.author}\t{rev.note}")
    if not revisions:
        click.echo("no desk edits yet: the bot answers from the files in content/ and intents/")


COMMANDS: list[click.Command] = [content]


def published_check(settings: Settings) -> list[str]:
    """For ``python -m bot check``: the published desk edits, when the configured database exists."""
    from ..content.transfer import published_problems

    if not Path(settings.storage.database).is_file():
        return []
    return published_problems(_editor(settings))
