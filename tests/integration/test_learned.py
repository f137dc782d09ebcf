"""Learning from staff: labels in SQLite, the learned layer beside the rules, the desk page, the CLI.

Real parts throughout: the shipped rules classifier, a SQLite file, signed pushes through the
Flask webhook (``Harness.say``), the desk through its login and CSRF. Time for the per-process
label check is a clock the test moves, not a sleep.
"""

from __future__ import annotations

import json
import logging
import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from helpers.harness import Harness, make_settings
from test_desk import staff, text, token

from bot.cli import main as cli
from bot.config import DATA_ROOT
from bot.nlu import linear
from bot.nlu.classifier import Result
from bot.nlu.learned import Examples, Learning, decide
from bot.nlu.rules import load_classifier
from bot.services import build
from bot.staff import audit, labels
from bot.storage.store import Store

# A worker's question neither the keyword rules nor the turn model can place (东家关张: the employer
# closed down), and a paraphrase of it nobody labels.
SEED = "东家关张了 往后每月有进项不"
PARAPHRASE = "东家关张 每月有进项不"
TOPIC = "unemployment_benefit"


@pytest.fixture(scope="module")
def rules() -> Any:
    return load_classifier()


def learning(h: Harness) -> Learning:
    clf = h.services.bot.classifier
    assert isinstance(clf, Learning)
    return clf


def test_the_examples_are_misses_of_the_rules(rules: Any) -> None:
    """The premise of the tests below: without a label the rules get neither message right."""
    assert rules.classify(SEED).intent != TOPIC, "the rules learned this one: pick another SEED"
    assert rules.classify(PARAPHRASE).intent != TOPIC, "the rules learned this one: pick another PARAPHRASE"


# -- label storage ---------------------------------------------------------------------------------


def test_labels_are_stored_replaced_withdrawn_versioned_and_audited(tmp_path: Path) -> None:
    store = Store(tmp_path / "bot.db")
    assert labels.version(store) == 0
    first = labels.add(store, SEED, TOPIC, None, "wang")
    assert labels.version(store) == 1
    # The same words (spacing and punctuation aside) replace the label, they do not add one.
    again = labels.add(store, SEED.replace(" ", "，") + "？", "social_assistance", "dalian", "li")
    assert again.id == first.id and again.intent == "social_assistance" and again.region == "dalian"
    assert [lb.intent for lb in labels.all_labels(store)] == ["social_assistance"]
    assert labels.version(store) == 2
    assert labels.by_key(store, [SEED])[SEED].author == "li"
    assert labels.remove(store, first.id, "wang") and not labels.remove(store, first.id, "wang")
    assert labels.all_labels(store) == [] and labels.version(store) == 3
    trail = audit.recent(store, 10)
    assert [e["action"] for e in trail] == ["unlabel", "label", "label"]
    assert trail[1]["target"] == f"label#{first.id}" and trail[1]["detail"] == "social_assistance / dalian"
    assert all(SEED not in e["detail"] for e in trail)  # the worker's words stay out of the log


@pytest.mark.parametrize(
    ("text_", "intent", "region"),
    [("  ，。 ", TOPIC, None), (SEED, "no_such_intent", None), (SEED, TOPIC, "shenzhen")],
)
def test_bad_labels_are_refused(tmp_path: Path, text_: str, intent: str, region: str | None) -> None:
    store = Store(tmp_path / "bot.db")
    with pytest.raises(labels.LabelError):
        labels.add(store, text_, intent, region, "wang")
    assert labels.version(store) == 0 and audit.recent(store) == []


def test_import_is_all_or_nothing_and_export_reads_back(tmp_path: Path) -> None:
    store = Store(tmp_path / "bot.db")
    good = [
        json.dumps({"text": SEED, "intent": TOPIC, "region": None}, ensure_ascii=False),
        json.dumps({"text": "宠物医院在哪", "intent": "unknown", "region": "anqing"}, ensure_ascii=False),
    ]
    with pytest.raises(labels.LabelError, match="line 3"):
        labels.import_jsonl(store, [*good, '{"text": "x", "intent": "made_up"}'], "cli:test")
    assert labels.all_labels(store) == [] and labels.version(store) == 0
    assert labels.import_jsonl(store, ["", *good, ""], "cli:test") == 2
    assert labels.export_jsonl(store).splitlines() == good
    assert audit.recent(store, 1)[0]["action"] == "label_import"


def test_cli_export_and_import(tmp_path: Path) -> None:
    source = tmp_path / "a.toml"
    source.write_text(f'[storage]\ndatabase = "{tmp_path / "a.db"}"\n', encoding="utf-8")
    target = tmp_path / "b.toml"
    target.write_text(f'[storage]\ndatabase = "{tmp_path / "b.db"}"\n', encoding="utf-8")
    labels.add(Store(tmp_path / "a.db"), SEED, TOPIC, "dalian", "wang")
    runner = CliRunner()
    out = runner.invoke(cli, ["learn", "export", "--config", str(source)])
    assert out.exit_code == 0, out.output
    assert json.loads(out.output) == {"text": SEED, "intent": TOPIC, "region": "dalian"}
    back = runner.invoke(cli, ["learn", "import", "--config", str(target), "-"], input=out.output)
    assert back.exit_code == 0 and "imported 1 labels" in back.output, back.output
    assert [lb.as_json() for lb in labels.all_labels(Store(tmp_path / "b.db"))] == [json.loads(out.output)]
    bad = runner.invoke(cli, ["learn", "import", "--config", str(target), "-"], input="{not json\n")
    assert bad.exit_code != 0 and "line 1" in bad.output


# -- the learned layer -----------------------------------------------------------------------------


def test_a_paraphrase_of_a_label_gets_its_intent_and_the_region_it_names(rules: Any) -> None:
    model = Examples([(SEED, TOPIC, None)])
    decided = decide(rules.classify("大连" + PARAPHRASE), model)
    assert (decided.intent, decided.region) == (TOPIC, "dalian")
    # The labelled words themselves: the label's intent and, naming no place, the label's region.
    exact = decide(rules.classify(SEED + "！"), Examples([(SEED, TOPIC, "anqing")]))
    assert (exact.intent, exact.region, exact.score) == (TOPIC, "anqing", 1.0)


def test_what_the_rules_answer_well_stays_put(rules: Any) -> None:
    model = Examples([(SEED, TOPIC, None), ("宠物医院过年开不开门", "unknown", None)])
    for message, intent in (
        ("黄埔这边公司欠了我两个月工资", "wage_arrears"),
        ("过年加班有几倍工资", "holiday_pay"),
    ):
        assert rules.classify(message).intent == intent
        assert decide(rules.classify(message), model).intent == intent


def test_an_out_of_scope_label_takes_the_words_away_from_a_topic(rules: Any) -> None:
    off_topic = "狗生病了去哪看"
    assert rules.classify(off_topic).intent != "unknown", "the rules learned this one: pick another"
    assert decide(rules.classify(off_topic), Examples([(off_topic, "unknown", None)])).intent == "unknown"


class Flaky:
    def __init__(self) -> None:
        self.fail = False
        self.reads = 0

    def version(self) -> int:
        self.reads += 1
        if self.fail:
            raise OSError("disk went away")
        return 1

    def examples(self) -> tuple[int, list[tuple[str, str, str | None]]]:
        return 1, [(SEED, TOPIC, None)]


def test_labels_are_read_at_most_every_few_seconds_and_a_failed_read_keeps_the_model(
    rules: Any, caplog: pytest.LogCaptureFixture
) -> None:
    now = [100.0]
    source = Flaky()
    clf = Learning(rules, source, check_every=2.0, clock=lambda: now[0])
    assert clf.classify(PARAPHRASE).intent == TOPIC and source.reads == 1
    for _ in range(50):
        clf.classify(PARAPHRASE)
    assert source.reads == 1  # no database read per message
    source.fail, now[0] = True, 103.0
    with caplog.at_level(logging.ERROR, logger="bot.nlu.learned"):
        assert clf.classify(PARAPHRASE).intent == TOPIC
    assert source.reads == 2 and "keeping the model" in caplog.text


# -- through the bot: desk label, another process, signed pushes -----------------------------------


def test_hotline_labels_at_the_desk_and_another_process_answers_a_paraphrase(tmp_path: Path) -> None:
    worker_a = Harness(make_settings(tmp_path))
    worker_b = Harness(make_settings(tmp_path))  # a second process on the same database
    now = [1000.0]
    learning(worker_b).clock = lambda: now[0]
    assert "答不上来" in worker_b.say(PARAPHRASE, openid="o-2")  # B has read the (empty) labels

    assert "答不上来" in worker_a.say(SEED, openid="o-1")
    client = staff(worker_a)
    page = text(client.get("/desk/unanswered"))
    assert SEED in page and "不在服务范围" in page and "o-1" not in page
    resp = client.post(
        "/desk/unanswered/label",
        data={"csrf_token": token(client, "/desk/unanswered"), "text": SEED, "intent": TOPIC, "region": ""},
    )
    assert resp.status_code == 302
    after = text(client.get("/desk/unanswered"))
    assert "已标为「失业金」" in after and SEED not in after  # labelled: off the to-do list
    assert SEED in text(client.get("/desk/unanswered", query_string={"show": "all"}))
    assert audit.recent(worker_a.services.store, 1)[0]["action"] == "label"

    # Within B's check interval B still answers from the model it has; past it, from the label.
    assert "答不上来" in worker_b.say(PARAPHRASE, openid="o-3")
    now[0] += 2.5
    reply = worker_b.say(PARAPHRASE, openid="o-4")
    assert "答不上来" not in reply and "失业" in reply


def test_out_of_scope_at_the_desk(harness: Harness) -> None:
    harness.say("宠物医院过年开不开门", openid="o-1")
    client = staff(harness)
    resp = client.post(
        "/desk/unanswered/label",
        data={
            "csrf_token": token(client, "/desk/unanswered"),
            "text": "宠物医院过年开不开门",
            "out_of_scope": "1",
        },
    )
    assert resp.status_code == 302
    page = text(client.get("/desk/unanswered", query_string={"show": "all"}))
    assert "已标为「不在服务范围」" in page and "撤销" in page
    label = labels.all_labels(harness.services.store)[0]
    assert (label.intent, label.region, label.author) == ("unknown", None, "wang")
    client.post(
        f"/desk/unanswered/label/{label.id}/delete", data={"csrf_token": token(client, "/desk/unanswered")}
    )
    assert labels.all_labels(harness.services.store) == []


def test_a_label_without_a_category_is_refused_politely(harness: Harness) -> None:
    harness.say("宠物医院过年开不开门", openid="o-1")
    client = staff(harness)
    resp = client.post(
        "/desk/unanswered/label",
        data={"csrf_token": token(client, "/desk/unanswered"), "text": "宠物医院过年开不开门", "intent": ""},
        follow_redirects=True,
    )
    assert "请先选这个问题属于哪一类" in text(resp) and labels.all_labels(harness.services.store) == []


def test_services_wire_the_learned_layer(tmp_path: Path) -> None:
    services = build(make_settings(tmp_path))
    clf = services.bot.classifier
    assert isinstance(clf, Learning)
    labels.add(services.store, SEED, TOPIC, None, "wang")
    assert clf.refresh(force=True).label_of(SEED) == (TOPIC, None)
    assert isinstance(clf.classify(PARAPHRASE), Result)


# -- the turn model (bot/nlu/linear.py) ------------------------------------------------------------

# A word no rule knows, which the labelled turns below give to one topic.
COINED = "咕噜咕噜的事儿找谁"


def test_the_webhook_answers_as_the_turn_model_reads_a_turn(tmp_path: Path) -> None:
    intents = tmp_path / "intents"
    shutil.copytree(DATA_ROOT / "intents", intents)
    (intents / linear.FILE).unlink()
    settings = make_settings(tmp_path, content={"intents_dir": str(intents)})
    assert "答不上来" in Harness(settings).say(COINED, "o-t1")  # the rules alone: out of scope
    records = [
        {"text": f"咕噜咕噜{tail}", "intent": "festival_activities"} for tail in ("", "咋样", "有啥", "去哪")
    ]
    records += [{"text": text, "intent": "greeting"} for text in ("你好", "在吗", "哈喽")]
    linear.train(linear.examples(records)).dump(intents / linear.FILE)
    harness = Harness(make_settings(tmp_path, content={"intents_dir": str(intents)}))
    assert "·过年活动】" in harness.say(COINED, "o-t2")
    assert "·过年活动】" not in harness.say("你好", "o-t2")  # where the model is not sure, the rules answer
