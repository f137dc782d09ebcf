"""The turn model (bot/nlu/linear.py) and its second opinion in the dialogue (bot/dialogue/second.py).

The examples are made up here, in the shape of the labelled batches: a few topics with their own
words, and the same short follow-up labelled by the topic answered before it.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from bot.cli import main as cli
from bot.dialogue import second
from bot.dialogue.memory import Memo
from bot.nlu import linear
from bot.nlu.linear import START, TurnModel, examples, train

TOPIC_WORDS = {
    "unemployment_benefit": ["失业金怎么领", "厂子倒了失业保险金能领吗", "失业了能领多少钱"],
    "skills_training": ["以工代训怎么报名", "想学电焊有培训吗", "技能培训补贴多少"],
    "festival_activities": ["过年有什么活动", "春节有啥好玩的", "过年看电影免费吗"],
    "set_region": ["我在大连", "我在安庆打工", "我人在黄埔"],
}
FOLLOW_UP = "钱给我自己吗"


def corpus() -> list[dict[str, object]]:
    records: list[dict[str, object]] = [
        {"text": text, "intent": topic} for topic, texts in TOPIC_WORDS.items() for text in texts
    ]
    for topic in ("unemployment_benefit", "skills_training"):  # the follow-up follows its topic
        for first in TOPIC_WORDS[topic]:
            turns = [
                {"text": first, "expect_intent": topic},
                {"text": FOLLOW_UP, "expect_intent": topic},
            ]
            records.append({"turns": turns})
    return records


@pytest.fixture(scope="module")
def model() -> TurnModel:
    return train(examples(corpus()))


def test_examples_follow_the_topic_last_answered() -> None:
    turns = [
        {"text": "失业金怎么领", "expect_intent": "unemployment_benefit"},
        {"text": "我在大连", "expect_intent": "set_region"},
        {"text": "那呢", "expect_intent": "unemployment_benefit"},
    ]
    got = examples([{"text": "你好", "intent": "greeting"}, {"turns": turns}])
    assert got == [
        ("你好", START, "greeting"),
        ("失业金怎么领", START, "unemployment_benefit"),
        ("我在大连", "unemployment_benefit", "set_region"),  # a place is no topic: the last one stays
        ("那呢", "unemployment_benefit", "unemployment_benefit"),
    ]


def test_the_topic_before_decides_a_follow_up(model: TurnModel) -> None:
    after_benefit = model.guess(FOLLOW_UP, "unemployment_benefit")
    after_training = model.guess(FOLLOW_UP, "skills_training")
    assert after_benefit and after_benefit.intent == "unemployment_benefit"
    assert after_training and after_training.intent == "skills_training"
    festival = model.guess("过年有啥活动", None)
    assert festival and festival.intent == "festival_activities" and festival.margin > 0
    assert model.guess("", None) is None  # nothing to read


def test_a_guess_sums_the_rows_of_the_message_features(model: TurnModel) -> None:
    """The tables a guess reads (each character already summed with its row beside the topic) give
    the scores of the model as written: the sum of the rows of ``features(text, prev)``."""
    kept = set(model.features())
    assert any("|" in f for f in kept) and any(len(f) == 2 for f in kept)
    for text, prev in [
        (FOLLOW_UP, "unemployment_benefit"),
        (FOLLOW_UP, "skills_training"),
        ("过年想学电焊", None),
        ("安庆失业金", "festival_activities"),
    ]:
        feats = linear.features(text, prev or START)
        rows = [model.weights(f) for f in feats if f in kept]
        totals = [sum(column) for column in zip(*rows, strict=True)]
        ranked = sorted(range(len(totals)), key=lambda i: -totals[i])
        got = model.guess(text, prev)
        assert got and got.intent == model.labels[ranked[0]]
        margin = (totals[ranked[0]] - totals[ranked[1]]) / len(feats)
        assert got.margin == pytest.approx(margin, abs=1e-4)


def test_a_model_is_the_same_file_when_trained_again_and_read_back(model: TurnModel, tmp_path: Path) -> None:
    first, again = tmp_path / "a.tsv", tmp_path / "b.tsv"
    model.dump(first)
    train(examples(corpus())).dump(again)
    assert first.read_bytes() == again.read_bytes()
    back = TurnModel.load(first)
    assert back is not None and back.labels == model.labels
    for text, prev in [
        (FOLLOW_UP, "skills_training"),
        ("想学电焊", None),
        ("我在安庆", "festival_activities"),
    ]:
        want, got = model.guess(text, prev), back.guess(text, prev)
        assert (
            want and got and got.intent == want.intent and got.margin == pytest.approx(want.margin, abs=1e-3)
        )


def test_check_reports_a_bad_model_file(tmp_path: Path, model: TurnModel) -> None:
    assert linear.problems(tmp_path) == []  # no model: the rules answer alone
    model.dump(tmp_path / linear.FILE)
    assert linear.problems(tmp_path) == []
    path = tmp_path / linear.FILE
    path.write_text(path.read_text(encoding="utf-8").replace("festival_activities", "festivals"), "utf-8")
    assert linear.problems(tmp_path) == [f"{path}: intent 'festivals' is not in intents.md"]
    path.write_text("# labels\tgreeting\n你\tgreeting:x\n", encoding="utf-8")
    assert "malformed" in linear.problems(tmp_path)[0]
    path.write_text("# labels\tgreeting unknown\n你\tgreeting:3 unknown:-0.5\n", encoding="utf-8")
    assert "outside [-1, 1]" in linear.problems(tmp_path)[0]


def memo(topic: str) -> Memo:
    return Memo(topic, None, 0.0)


def test_the_second_opinion_overrules_only_where_it_is_sure(model: TurnModel) -> None:
    # the rules took the follow-up for training; after an unemployment answer the model knows better
    assert second.overrule(
        model, FOLLOW_UP, memo("unemployment_benefit"), "skills_training", ["skills_training"]
    ) == (
        "unemployment_benefit",
        ["unemployment_benefit"],
    )
    # agreeing, no model, or the model not sure: the rules stand
    assert (
        second.overrule(model, FOLLOW_UP, memo("skills_training"), "skills_training", ["skills_training"])
        is None
    )
    assert second.overrule(None, FOLLOW_UP, memo("unemployment_benefit"), "skills_training", []) is None
    assert second.overrule(model, "嗯", None, "smalltalk", []) is None
    # another topic the rules also found keeps their order; the rest of their list stays
    both = ["skills_training", "unemployment_benefit"]
    assert second.overrule(model, FOLLOW_UP, memo("unemployment_benefit"), "skills_training", both) is None
    assert second.overrule(
        model, FOLLOW_UP, memo("unemployment_benefit"), "skills_training", ["skills_training", "legal_aid"]
    ) == ("unemployment_benefit", ["unemployment_benefit", "legal_aid"])
    # places are the rules' call, both ways
    assert (
        second.overrule(model, "我在大连", memo("skills_training"), "skills_training", ["skills_training"])
        is None
    )
    assert second.overrule(model, "过年有啥活动", None, "set_region", []) is None


def test_fit_writes_the_model_the_bot_reads(tmp_path: Path) -> None:
    data = tmp_path / "labelled.jsonl"
    data.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in corpus()) + "\n", encoding="utf-8")
    out = tmp_path / "turns.tsv"
    result = CliRunner().invoke(cli, ["learn", "fit", "--out", str(out), str(data)])
    assert result.exit_code == 0, result.output
    assert "24 examples from 1 files" in result.output
    model = TurnModel.load(out)
    assert model is not None
    guess = model.guess(FOLLOW_UP, "unemployment_benefit")
    assert guess and guess.intent == "unemployment_benefit"


def test_the_model_never_turns_a_question_into_a_greeting() -> None:
    said = [(text, "greeting") for text in ("你好", "你好啊", "在吗", "哈喽", "您好")]
    said += [(text, "unknown") for text in ("天气咋样", "火车票难买", "彩票中了没")]
    greets = train([(text, START, intent) for text, intent in said] * 3)
    guess = greets.guess("你好 问个怪问题", None)
    assert guess and guess.intent == "greeting" and guess.margin >= second.MARGIN
    # the rules could not place it: it stays unanswered (and on the staff's list), not the menu
    assert second.overrule(greets, "你好 问个怪问题", None, "unknown", []) is None
