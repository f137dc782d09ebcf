"""Conversation behaviour: menu, regions, subscription flag, unknowns, reply size."""

from __future__ import annotations

import logging
from datetime import date

import pytest
from helpers.harness import Harness
from helpers.wechat import event_xml

from bot.dialogue.compose import MAX_REPLY_BYTES, fit
from bot.dialogue.numbered import menu_pick
from bot.dialogue.turn import TurnStats


def test_menu_numbers_pick_topics(harness: Harness) -> None:
    assert (
        menu_pick("3") == "legal_aid"
        and menu_pick("３") == "legal_aid"
        and menu_pick("十") == "festival_activities"
    )
    assert menu_pick("11") is None and menu_pick("3个月") is None
    menu = harness.say("你好", "o-m")
    assert "1 失业金" in menu
    assert "【全国·法律援助】" in harness.say("3", "o-m")


def test_a_menu_number_said_in_words_or_after_a_slip_picks_its_topic(harness: Harness) -> None:
    assert menu_pick("点错了 要看第5个") == "holiday_pay" and menu_pick("我选七") == "skills_training"
    assert menu_pick("不对 俺想看9") == "family_care"  # (俺 for 我)
    assert menu_pick("我要3个") is None and menu_pick("要3个") is None and menu_pick("要看5天") is None
    harness.say("在吗", "o-mw")
    assert "【全国·临时救助】" in harness.say("点错了 我要选8", "o-mw")


def test_place_in_message_beats_saved_region_which_beats_national(harness: Harness) -> None:
    assert "【全国·" in harness.say("留岗补贴怎么领", "o-r")
    harness.say("我在大连", "o-r")
    assert "【大连·" in harness.say("留岗补贴怎么领", "o-r")
    assert "【安庆·桐城·" in harness.say("桐城留岗补贴怎么领", "o-r")


def test_district_falls_back_to_its_city(harness: Harness) -> None:
    harness.say("我在怀宁", "o-hn")
    assert "【安庆·" in harness.say("法律援助怎么申请", "o-hn")


def test_set_region_outside_coverage_says_which_regions_are_covered(harness: Harness) -> None:
    reply = harness.say("我在深圳", "o-sz")
    assert "大连" in reply and "全国" in reply


def test_human_agent_gives_the_region_hotline(harness: Harness) -> None:
    harness.say("我在安庆", "o-h")
    reply = harness.say("转人工", "o-h")
    assert "12333" in reply and "12351" in reply


def test_subscription_flag_flips(harness: Harness) -> None:
    harness.say("退订", "o-sub")
    assert harness.services.store.user("o-sub").subscribed is False
    harness.say("订阅通知", "o-sub")
    assert harness.services.store.user("o-sub").subscribed is True


def test_unknown_is_stored_for_staff_and_gives_the_hotline(harness: Harness) -> None:
    reply = harness.say("你们食堂几点开饭", "o-u")
    assert "12333" in reply and "菜单" in reply
    assert harness.services.store.unanswered()[0]["text"] == "你们食堂几点开饭"


def test_expired_campaign_answer_says_so(harness: Harness) -> None:
    harness.services.bot.today = lambda: date(2026, 11, 23)
    reply = harness.say("大连留岗红包怎么领", "o-x")
    assert "已于2021年" in reply and "结束" in reply
    harness.services.bot.today = lambda: date(2021, 2, 1)
    assert "结束" not in harness.say("大连留岗红包怎么领", "o-y")


def test_replies_fit_wechats_limit() -> None:
    long = "\n".join(["这是一行很长的说明文字，" * 5] * 30)
    out = fit(long)
    assert len(out.encode()) <= MAX_REPLY_BYTES and out.endswith("回复「人工」查电话）")
    assert fit("短") == "短"
    assert len(fit("欠" * 5000).encode()) <= MAX_REPLY_BYTES


def test_turns_are_counted_and_summed_up_once_a_period_without_naming_anyone(
    harness: Harness, caplog: pytest.LogCaptureFixture
) -> None:
    now = [1000.0]
    harness.services.bot.stats = TurnStats(every=60, clock=lambda: now[0])
    caplog.set_level(logging.DEBUG, logger="bot.dialogue.turn")
    harness.say("你好", "o-stats-1")
    harness.say("过年加班工资怎么算", "o-stats-2")
    assert not [r for r in caplog.records if r.levelno >= logging.INFO]  # each turn: DEBUG only
    assert [r.getMessage() for r in caplog.records if "type=text" in r.getMessage()]
    now[0] += 61
    harness.post(event_xml("subscribe", openid="o-stats-3"))
    (summary,) = [r.getMessage() for r in caplog.records if r.levelno == logging.INFO]
    assert "turns in the last 61s: 3 (text 2, subscribe event 1)" in summary
    assert "greeting 1" in summary and "holiday_pay 1" in summary
    assert "o-stats" not in caplog.text


def test_a_bare_ordinal_after_the_menu_picks_from_the_third_on(harness: Harness) -> None:
    assert menu_pick("第八个") == "social_assistance" and menu_pick("那第四个呢") == "stay_subsidy"
    assert menu_pick("第二个") is None and menu_pick("第一个呢") is None  # (one of two answers)
    harness.say("你好", "o-ordinal")
    assert "技能培训】" in harness.say("第七个", "o-ordinal")


def test_asking_for_the_website_of_a_topic_gets_the_answer_with_its_addresses(harness: Harness) -> None:
    assert "job.mohrss.gov.cn" in harness.say("网上招工的网址有吗", "o-site-addr")


def test_two_menu_numbers_at_once_answer_both(harness: Harness) -> None:
    harness.say("菜单", "o-two-picks")
    reply = harness.say("6和7都看看", "o-two-picks")
    assert "求职招聘】" in reply and "技能培训】" in reply, reply


@pytest.mark.parametrize(
    ("said", "topic"),
    [("不是8 按错了 我要9", "family_care"), ("不是4 是6", "job_services"), ("讲下3", "legal_aid")],
)
def test_a_menu_number_put_right_or_asked_to_be_told_picks_it(said: str, topic: str) -> None:
    assert menu_pick(said) == topic


def test_a_place_with_a_particle_in_pinyin_asks_the_last_question_there(harness: Harness) -> None:
    harness.say("安庆留岗补贴有吗", "o-pinyin-ne")
    reply = harness.say("桐城ne", "o-pinyin-ne")
    assert reply.startswith("【安庆·桐城·留岗补贴】"), reply
