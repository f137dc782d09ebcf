"""``python -m bot learn``: the staff's labels (the learned layer's examples) in and out as JSONL,
and ``fit``, which trains the turn model (bot/nlu/linear.py) on labelled messages and dialogues.

One ``{"text", "intent", "region"}`` object a line, the format of the evaluation sets, so a label
set can be reviewed, kept in git, scored with bench/accuracy.py or moved to another database.
An import is audited (actor ``cli:<os user>``); every worker process picks it up within seconds.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from ..staff import labels
from ..storage.store import Store
from .common import config_option, settings_from
from .staff import CONTEXT, cli_actor


@click.group(context_settings=CONTEXT)
def learn() -> None:
    """Labels hotline staff gave unanswered questions: export and import as JSONL.

    Example: python -m bot learn export > labels.jsonl
    """


@learn.command("export")
@config_option
@click.option("--out", "out", type=click.Path(dir_okay=False), help="Write to this file (default: stdout).")
def learn_export(config_path: str | None, out: str | None) -> None:
    """Print every label as JSONL ({"text", "intent", "region"} a line), oldest first.

    Example: python -m bot learn export --out labels.jsonl
    """
    store = Store(settings_from(config_path).storage.database)
    body = labels.export_jsonl(store)
    if out:
        with open(out, "w", encoding="utf-8") as fh:
            fh.write(body)
        click.echo(f"{body.count(chr(10))} labels written to {out}", err=True)
    else:
        click.echo(body, nl=False)


@learn.command("import")
@config_option
@click.argument("path", type=click.Path(dir_okay=False, allow_dash=True))
def learn_import(config_path: str | None, path: str) -> None:
    """Add or replace labels from a JSONL file (- for stdin); all or nothing.

    A label replaces an earlier one of the same words. Intents and regions must be ids from
    shared/intents.md (intent "unknown" = out of scope).

    Example: python -m bot learn import labels.jsonl
    """
    store = Store(settings_from(config_path).storage.database)
    if path == "-":
        lines = sys.stdin.read().splitlines()
    else:
        with open(path, encoding="utf-8") as fh:
            lines = fh.read().splitlines()
    try:
        count = labels.import_jsonl(store, lines, cli_actor())
    except labels.LabelError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"imported {count} labels (labels version {labels.version(store)})")


@learn.command("fit")
@config_option
@click.option("--out", "out", type=click.Path(dir_okay=False), help="Default: intents/turns.tsv.")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False))
def learn_fit(config_path: str | None, out: str | None, paths: tuple[str, ...]) -> None:
    """Train the turn model (bot/nlu/linear.py) on labelled messages and dialogues; write it.

    Each file is JSONL of messages ({"text", "intent", ...}) or dialogues ({"turns": [{"text",
    "expect_intent", ...}]}), the formats of tests/data. The same files give the same model.

    Example: python -m bot learn fit tests/data/dialogues-*.jsonl tests/data/heldout-*.jsonl
    """
    from ..dialogue.second import model_text
    from ..nlu import linear
    from ..nlu.rules import load_classifier

    records = []
    for path in paths:
        with open(path, encoding="utf-8") as fh:
            records += [json.loads(line) for line in fh if line.strip()]
    intents_dir = Path(settings_from(config_path).content.intents_dir)
    classifier = load_classifier(intents_dir)
    examples = [  # (a pinyin message is read as the turn reads it: dialogue/second.py)
        (model_text(text, classifier.classify(text)) if text.isascii() else text, before, label)
        for text, before, label in linear.examples(records)
    ]
    model = linear.train(examples)
    target = Path(out or intents_dir / linear.FILE)
    model.dump(target)
    click.echo(f"{len(examples)} examples from {len(paths)} files: {model.size} features → {target}")


COMMANDS: list[click.Command] = [learn]
