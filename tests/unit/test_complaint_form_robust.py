"""The complaint form with messages as workers really write them, through the Bot as wired.

Leaving in many words (and not leaving on a name that happens to hold 「不」 or 「先」), starting the form
from a wish to complain, values given out of order or several at once, and questions that are never
stored as answers. Every wording here is our own, not lines of the held-out batches.
"""

from __future__ import annotations

from typing import Any

import pytest
from helpers.harness import Harness
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.complaints.answer import read
from bot.complaints.fields import BY_KEY, parse_count, parse_phone
from bot.complaints.values import clauses, find_values
from bot.numbers import parse_amount


def draft(h: Harness, openid: str) -> dict[str, Any] | None:
    state = h.services.store.user(openid).state or {}
    found = state.get("complaint")
    return found if isinstance(found, dict) else None


def to_step(h: Harness, openid: str, answers: list[str]) -> None:
    assert "第1步" in h.say("投诉", openid)
    for answer in answers:
        h.say(answer, openid)


def case_count(h: Harness) -> int:
    return int(h.services.store.conn.execute("SELECT COUNT(*) FROM complaints").fetchone()[0])


AT_SITE = ["宏达建筑劳务公司"]
AT_AMOUNT = ["宏达建筑劳务公司", "大连甘井子某某工地"]
AT_NAME = [*AT_AMOUNT, "两万", "三个月", "4", "13912345678"]
FULL = [*AT_NAME, "李四"]
AT_PHONE = [*AT_AMOUNT, "两万", "三个月", "4"]
AT_PERIOD = [*AT_AMOUNT, "两万"]


# -- leaving -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "leave",
    [
        "不想弄了 取消",
        "取消吧 回头我问问老乡",
        "算了算了 改天再说",
        "先不登记了 我再想想",
        "我不告了",
        "退出 不要了",
        "以后再说吧",
        "不填了，太麻烦",
        "懒得填了",
    ],
)
@pytest.mark.parametrize("answers", [AT_SITE, AT_AMOUNT], ids=["site", "amount"])
def test_many_ways_of_leaving_cancel_and_store_nothing(
    harness: Harness, leave: str, answers: list[str]
) -> None:
    to_step(harness, "o-leave", answers)
    before = dict(draft(harness, "o-leave")["fields"])  # type: ignore[index]
    reply = harness.say(leave, "o-leave")
    assert "取消" in reply, reply
    assert draft(harness, "o-leave") is None, f"{leave!r} was taken as an answer: {before}"
    assert case_count(harness) == 0


def test_names_that_hold_a_negation_or_first_are_still_answers(harness: Harness) -> None:
    harness.say("投诉", "o-names")
    harness.say("不凡装饰工程公司", "o-names")
    harness.say("先进路八号楼工地", "o-names")
    d = draft(harness, "o-names")
    assert d is not None
    assert d["fields"] == {"employer": "不凡装饰工程公司", "site": "先进路八号楼工地"}
    assert d["step"] == "amount"


def test_not_cancelling_keeps_the_form_where_it_was(harness: Harness) -> None:
    to_step(harness, "o-keep", AT_SITE)
    reply = harness.say("不取消 继续", "o-keep")
    assert "接着填" in reply and "第2步" in reply
    d = draft(harness, "o-keep")
    assert d is not None and d["step"] == "site" and d["fields"] == {"employer": "宏达建筑劳务公司"}


def test_cancelling_something_else_does_not_drop_the_form(harness: Harness) -> None:
    to_step(harness, "o-unsub", AT_SITE)
    harness.say("推送先关掉", "o-unsub")
    harness.say("订阅那个取消掉", "o-unsub")
    d = draft(harness, "o-unsub")
    assert d is not None and "site" not in d["fields"]


def test_a_leave_word_beside_an_answer_is_asked_about_not_guessed(harness: Harness) -> None:
    to_step(harness, "o-unclear", AT_SITE)
    reply = harness.say("金州某某小区工地 算了", "o-unclear")
    assert "取消" in reply and "第2步" in reply
    d = draft(harness, "o-unclear")
    assert d is not None and "site" not in d["fields"]


def test_thanks_after_the_leave_question_keeps_the_draft_for_later(harness: Harness) -> None:
    to_step(harness, "o-thanks", AT_SITE)
    assert "取消" in harness.say("金州某某小区工地 算了", "o-thanks")
    reply = harness.say("好的谢谢", "o-thanks")
    assert "不客气" in reply and "留着" in reply and "继续" in reply, reply
    assert "第2步" in harness.say("继续", "o-thanks")
    d = draft(harness, "o-thanks")
    assert d is not None and d["step"] == "site" and d["fields"] == {"employer": "宏达建筑劳务公司"}


def test_a_rough_sum_then_the_exact_one_keeps_the_exact_one(harness: Harness) -> None:
    to_step(harness, "o-exact", AT_AMOUNT)
    assert "第4步" in harness.say("一万多 12600", "o-exact")
    assert (draft(harness, "o-exact") or {})["fields"]["amount"] == 12600


def test_a_rough_sum_then_a_shorthand_one_with_a_particle_keeps_the_shorthand(harness: Harness) -> None:
    to_step(harness, "o-shorthand", AT_AMOUNT)  # 「六千三吧」 is 6300, said with a particle
    assert "第4步" in harness.say("六千多一点 六千三吧", "o-shorthand")
    assert (draft(harness, "o-shorthand") or {})["fields"]["amount"] == 6300


def test_months_owed_since_a_start_are_noted_with_the_sum(harness: Harness) -> None:
    to_step(harness, "o-since", AT_AMOUNT)
    reply = harness.say("两万出头 我们五个人的 打从今年三月起就没结过", "o-since")
    assert "第6步" in reply, reply  # the months and the head count were both told
    assert "三月" in str((draft(harness, "o-since") or {})["fields"].get("period")), reply


def test_a_whole_story_at_the_first_step_keeps_the_name_it_gives(harness: Harness) -> None:
    harness.say("投诉", "o-story-name")
    reply = harness.say(
        "欠我钱的是街口一家面馆 叫老陕西面馆 老板叫贺建军 我在他那洗碗洗了大半年 说好年底一起给 "
        "到了年底又说今年没生意 叫我再等等 等到现在也没个准话",
        "o-story-name",
    )
    assert "第2步" in reply, reply
    assert "老陕西面馆" in (draft(harness, "o-story-name") or {})["fields"]["employer"], reply


def test_the_workers_own_sum_beside_the_crews_is_the_one_asked(harness: Harness) -> None:
    to_step(harness, "o-own", AT_AMOUNT)
    assert "第4步" in harness.say("一人四千五 俺自己被欠九千", "o-own")
    assert (draft(harness, "o-own") or {})["fields"]["amount"] == 9000
    to_step(harness, "o-own2", AT_AMOUNT)
    assert "第4步" in harness.say("咱自个是两万一 全班加起来十六万", "o-own2")
    assert (draft(harness, "o-own2") or {})["fields"]["amount"] == 21000
    to_step(harness, "o-alone", [*AT_AMOUNT, "两万", "三个月"])
    assert "第6步" in harness.say("就俺自个儿", "o-alone")
    assert (draft(harness, "o-alone") or {})["fields"]["workers"] == 1


def test_a_sum_with_what_it_takes_in_or_of_how_many_months_is_the_amount(harness: Harness) -> None:
    to_step(harness, "o-with", AT_AMOUNT)
    assert "第4步" in harness.say("5200 连夜班补贴一起", "o-with")  # 夜班补贴 names no question here
    assert (draft(harness, "o-with") or {})["fields"]["amount"] == 5200
    to_step(harness, "o-months", AT_AMOUNT)
    assert "第4步" in harness.say("两个月工资一共八千零六十", "o-months")  # 月工资 here is no monthly rate
    assert (draft(harness, "o-months") or {})["fields"]["amount"] == 8060
    to_step(harness, "o-asks", AT_AMOUNT)  # a sum in a question stays a question
    assert "第4步" not in harness.say("问下 留岗那个500块补贴我能拿不", "o-asks")


def test_a_name_hedged_with_shenme_de_and_a_rough_time_are_answers(harness: Harness) -> None:
    assert "第1步" in harness.say("投诉", "o-hedge")
    assert "第2步" in harness.say("物流园那个分拣点 老板叫刘老三什么的", "o-hedge")
    to_step(harness, "o-season", [*AT_AMOUNT, "两万"])
    assert "第5步" in harness.say("说不清了 大概是去年夏天", "o-season")
    assert (draft(harness, "o-season") or {})["fields"]["period"]


def test_a_firm_named_with_a_trailing_de_is_the_employer(harness: Harness) -> None:
    assert "第1步" in harness.say("投诉", "o-firm")
    assert "第2步" in harness.say("王长山 长山劳务队的", "o-firm")
    assert "第1步" in harness.say("投诉", "o-agency")
    assert "第2步" in harness.say("宏发人力中介 管事的小李", "o-agency")


def test_a_doubt_beside_a_rough_sum_gives_the_sum(harness: Harness) -> None:
    to_step(harness, "o-rough", AT_AMOUNT)
    assert "第4步" in harness.say("记不太清 差不多一万六吧", "o-rough")
    assert (draft(harness, "o-rough") or {})["fields"]["amount"] == 16000


def test_asking_to_leave_out_the_phone_gets_the_reason(harness: Harness) -> None:
    to_step(harness, "o-may", AT_PHONE)
    reply = harness.say("电话可以不留吗", "o-may")
    assert "工作人员" in reply and "第6步" in reply, reply


def test_a_message_that_ends_by_cancelling_cancels(harness: Harness) -> None:
    to_step(harness, "o-tail", AT_SITE)
    assert "取消了" in harness.say("唉 等过完年看老板给不给 先取消吧", "o-tail")
    assert draft(harness, "o-tail") is None and case_count(harness) == 0


def test_not_wanting_to_give_the_phone_is_no_wish_to_leave(harness: Harness) -> None:
    to_step(harness, "o-nophone", AT_PHONE)
    reply = harness.say("电话不想填", "o-nophone")
    assert "第6步" in reply and "已经删掉" not in reply, reply
    d = draft(harness, "o-nophone")
    assert d is not None and d["step"] == "phone"


def test_wanting_time_to_think_keeps_the_draft_and_stores_nothing(harness: Harness) -> None:
    to_step(harness, "o-pause", AT_AMOUNT)
    reply = harness.say("我先问问家里人", "o-pause")
    assert "留着" in reply and "第3步" in reply
    d = draft(harness, "o-pause")
    assert d is not None and d["step"] == "amount" and "amount" not in d["fields"]


def test_holding_back_a_finished_form_does_not_delete_it(harness: Harness) -> None:
    to_step(harness, "o-hold", FULL)
    reply = harness.say("先不提交 我想一想", "o-hold")
    assert "留着" in reply
    assert "✅" in harness.say("确认", "o-hold")
    assert case_count(harness) == 1


# -- starting ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "ask",
    [
        "我想举报老板拖欠工资",
        "要投诉包工头欠钱",
        "准备去投诉工地欠薪",
        "举报拖欠农民工工资",
        "我要告老板 拖欠工资",
        "老板欠钱不还 我要立刻举报他",
        "工资一直拖着 你们能不能帮我直接投诉",
        "我想提交一个工资投诉",
        "没登记过啊 那我马上投",
        "我要投诉不发工资的公司",  # no name in it: step 1 asks for one
    ],
)
def test_a_wish_to_complain_starts_the_form(harness: Harness, ask: str) -> None:
    reply = harness.say(ask, "o-start")
    assert "第1步" in reply, reply
    assert draft(harness, "o-start") is not None


def test_asking_us_to_make_a_complaint_or_filing_now_after_none_starts_the_form(harness: Harness) -> None:
    harness.say("工头压着工钱不发", "o-make-one")
    assert "第1步" in harness.say("呃 那个 能不能帮我整个投诉", "o-make-one")
    harness.say("帮我看下投诉到哪步了", "o-now")
    assert "第1步" in harness.say("没登过 这就报 工头欠我们钱", "o-now")


@pytest.mark.parametrize(
    "ask", ["我表哥工钱被拖了 我帮他弄个投诉行不", "我妈的工资老板拖着 我替她登记投诉中不"]
)
def test_asking_leave_to_file_for_someone_starts_the_form(harness: Harness, ask: str) -> None:
    assert "第1步" in harness.say(ask, "o-for-kin")


def test_a_wish_to_complain_with_yixia_and_ba_after_the_answer_starts_the_form(harness: Harness) -> None:
    harness.say("工头压着工钱不发", "o-yixia")
    reply = harness.say("那我举报一下吧", "o-yixia")  # 一下 and 吧 together
    assert "第1步" in reply, reply


@pytest.mark.parametrize("ask", ["这个咋投诉啊 你帮我办一下", "点样投诉 你帮我搞定佢"])
def test_asking_how_then_asking_us_to_do_it_starts_the_form(harness: Harness, ask: str) -> None:
    harness.say("包工头欠俺仨月工钱", "o-do-it")
    assert "第1步" in harness.say(ask, "o-do-it")


@pytest.mark.parametrize(
    "ask",
    [
        "欠薪了怎么投诉",
        "去哪里举报拖欠工资",
        "我不想投诉 问问而已",
        "投诉欠薪有用吗",
        "我已经投诉过欠薪了",
        "现在投诉还来得及吗",
    ],
)
def test_asking_how_or_not_wanting_to_complain_does_not_start_it(harness: Harness, ask: str) -> None:
    reply = harness.say(ask, "o-ask")
    assert "第1步" not in reply
    assert draft(harness, "o-ask") is None


def test_the_place_in_a_wish_to_complain_is_taken_as_the_workers_region(harness: Harness) -> None:
    reply = harness.say("我在大连 想投诉老板不发工资", "o-where")
    assert "第1步" in reply
    assert harness.services.store.user("o-where").region == "dalian"


def test_values_in_the_asking_itself_are_kept(harness: Harness) -> None:
    reply = harness.say("我要投诉宏达劳务公司 欠我们六个人工资", "o-pre")
    assert "第2步" in reply and "宏达劳务公司" in reply
    d = draft(harness, "o-pre")
    assert d is not None and d["fields"] == {"employer": "宏达劳务公司", "workers": 6}


def test_asking_to_complain_again_mid_form_does_not_become_an_answer(harness: Harness) -> None:
    to_step(harness, "o-again", AT_SITE)
    reply = harness.say("我要投诉", "o-again")
    assert "第2步" in reply
    d = draft(harness, "o-again")
    assert d is not None and "site" not in d["fields"]


# -- values out of order, and several at once ----------------------------------------------------------


def test_amount_and_period_given_at_the_site_step_are_filed_in_their_own_fields(harness: Harness) -> None:
    to_step(harness, "o-ooo", AT_SITE)
    reply = harness.say("欠了三个月 两万块", "o-ooo")
    assert "记下了" in reply and "20000元" in reply and "第2步" in reply
    d = draft(harness, "o-ooo")
    assert d is not None and "site" not in d["fields"]
    assert d["fields"]["amount"] == 20000 and d["fields"]["period"] == "三个月"
    # the site answered, the form goes on past the steps already filled
    assert "第5步" in harness.say("大连甘井子某某工地", "o-ooo")


@pytest.mark.parametrize(
    ("answer", "period", "step"),
    [
        ("三个月一共一万八", None, "第4步"),  # how the sum adds up: step 4 still asks which months
        ("2个月的 一共九千六", None, "第4步"),
        ("欠了两个月 八千块", "两个月", "第5步"),  # how long the wages are owed: that is the period
        ("八千一 九月到十一月的", "九月到十一月", "第5步"),  # which months: the period
    ],
)
def test_a_duration_beside_the_amount_is_the_period_only_when_it_says_how_long_wages_are_owed(
    harness: Harness, answer: str, period: str | None, step: str
) -> None:
    openid = f"o-sum-{answer}"
    to_step(harness, openid, AT_AMOUNT)
    assert step in harness.say(answer, openid)
    d = draft(harness, openid)
    assert d is not None and d["fields"].get("period") == period


def test_head_count_and_phone_at_the_amount_step_are_not_amounts(harness: Harness) -> None:
    to_step(harness, "o-num", AT_AMOUNT)
    reply = harness.say("我们一共四个人", "o-num")
    assert "没看懂金额" not in reply and "4人" in reply and "第3步" in reply
    reply = harness.say("电话 139 1111 2222", "o-num")
    assert "没看懂金额" not in reply and "第3步" in reply
    assert "第4步" in harness.say("1万8", "o-num")
    d = draft(harness, "o-num")
    assert d is not None
    assert (d["fields"]["workers"], d["fields"]["phone"], d["fields"]["amount"]) == (4, "13911112222", 18000)
    harness.say("去年腊月到现在", "o-num")
    assert "第7步" in harness.say("跳过", "o-num") or draft(harness, "o-num")["step"] == "confirm"  # type: ignore[index]


def test_an_amount_at_the_head_count_step_is_not_read_as_people(harness: Harness) -> None:
    to_step(harness, "o-wk", [*AT_AMOUNT])
    harness.say("三个月", "o-wk")  # the amount step: a period, filed as such
    d = draft(harness, "o-wk")
    assert d is not None and d["fields"].get("period") == "三个月" and d["step"] == "amount"
    harness.say("两万五", "o-wk")
    d = draft(harness, "o-wk")
    assert d is not None and d["step"] == "workers"
    reply = harness.say("两万八", "o-wk")  # a second, different amount at the head-count step
    d = draft(harness, "o-wk")
    assert d is not None and "workers" not in d["fields"] and d["fields"]["amount"] == 25000
    assert "修改 3" in reply  # kept, and told how to change it


def test_a_correction_said_as_such_replaces_the_value(harness: Harness) -> None:
    to_step(harness, "o-fix", [*AT_AMOUNT, "两万"])
    harness.say("不对 金额应该是两万四", "o-fix")
    d = draft(harness, "o-fix")
    assert d is not None and d["fields"]["amount"] == 24000 and d["step"] == "period"


def test_site_and_boss_in_one_answer_fill_both(harness: Harness) -> None:
    harness.say("投诉", "o-two")
    reply = harness.say("沈阳铁西一个楼盘工地 工头姓赵", "o-two")
    assert "第2步" in reply and "回「对」" in reply, reply  # the place offered back, as the brief says
    assert "第3步" in harness.say("对", "o-two")
    d = draft(harness, "o-two")
    assert d is not None
    assert d["fields"] == {"employer": "工头姓赵", "site": "沈阳铁西一个楼盘工地"}


def test_a_firm_named_with_its_district_asks_the_site_offering_that_place(harness: Harness) -> None:
    harness.say("投诉", "o-fac")
    reply = harness.say("大观区的振兴服装厂", "o-fac")
    assert "第2步" in reply and "回「对」" in reply, reply
    assert "第3步" in harness.say("对", "o-fac")
    d = draft(harness, "o-fac")
    assert d is not None and d["fields"] == {"employer": "振兴服装厂", "site": "大观区的振兴服装厂"}


def test_a_firm_named_after_its_district_offers_the_district_clause(harness: Harness) -> None:
    harness.say("投诉", "o-district")
    reply = harness.say("铁西区的 恒昌模具 老板叫钱伟", "o-district")
    assert "就在铁西区的话" in reply, reply  # the clause that says where, not the boss's name
    assert "第3步" in harness.say("对", "o-district")
    harness.say("投诉", "o-district-2")
    assert "回「对」" in harness.say("沙河口区老马家饺子馆 老板马志刚", "o-district-2")


@pytest.mark.parametrize("yes", ["嗯", "对头", "是滴"])
def test_a_northern_yes_takes_the_place_offered_back(harness: Harness, yes: str) -> None:
    harness.say("投诉", "o-enna")
    assert "回「对」" in harness.say("南岗区的 宏图装饰 工头叫孙强", "o-enna")
    assert "第3步" in harness.say(yes, "o-enna")


def test_a_firm_named_after_a_development_zone_offers_that_place(harness: Harness) -> None:
    harness.say("投诉", "o-zone")
    reply = harness.say("高新区宏达五金", "o-zone")  # no 的 between the zone and the firm
    assert "第2步" in reply and "回「对」" in reply, reply
    assert "第3步" in harness.say("对", "o-zone")


@pytest.mark.parametrize(
    ("answer", "employer", "site"),
    [
        (
            "鑫源五金有限公司 老板叫孙大伟，活是在宜秀经济开发区厂里干的",
            "鑫源五金有限公司(老板叫孙大伟)",
            "宜秀经济开发区",
        ),
        ("北方冷链运输公司，在香坊区跑的车", "北方冷链运输公司", "香坊区"),
        ("万通保洁公司，派驻在科学城那边上班", "万通保洁公司", "科学城"),
        ("宿松县的丰收养殖场 老板姓吴，就在场里干的活", "丰收养殖场(老板姓吴)", "宿松县"),
    ],
)
def test_where_the_work_was_done_said_with_the_employer_fills_the_site(
    harness: Harness, answer: str, employer: str, site: str
) -> None:
    harness.say("投诉", "o-worked")
    assert "第3步" in harness.say(answer, "o-worked")
    d = draft(harness, "o-worked")
    assert d is not None and d["fields"] == {"employer": employer, "site": site}


@pytest.mark.parametrize("answer", ["利民建材公司 活是在大连干的", "利民建材公司 就在厂里干的"])
def test_a_city_alone_or_the_firm_itself_as_where_the_work_was_still_asks_the_site(
    harness: Harness, answer: str
) -> None:
    harness.say("投诉", "o-city")
    assert "第2步" in harness.say(answer, "o-city")
    d = draft(harness, "o-city")
    assert d is not None and d["fields"] == {"employer": "利民建材公司"}


def test_a_few_tens_of_yuan_left_is_no_sum_and_the_question_beside_it_is_answered(harness: Harness) -> None:
    to_step(harness, "o-few", AT_AMOUNT)
    reply = harness.say("兜里只剩几十块钱 有没有能帮一把的地方", "o-few")
    assert "第3步" not in reply.split("\n")[0] and "12345" not in reply, reply
    d = draft(harness, "o-few")
    assert d is not None and "amount" not in d["fields"]
    assert "第4步" in harness.say("一万二", "o-few")


def test_after_a_firm_and_its_district_a_sum_moves_on_with_that_place(harness: Harness) -> None:
    harness.say("投诉", "o-fac2")
    assert "第2步" in harness.say("鸡西那边的永和建材公司", "o-fac2")
    assert "第4步" in harness.say("12600", "o-fac2")
    d = draft(harness, "o-fac2")
    assert d is not None and d["fields"]["amount"] == 12600 and "鸡西" in d["fields"]["site"]


def test_head_count_and_amount_each_in_one_message(harness: Harness) -> None:
    to_step(harness, "o-both", AT_AMOUNT)
    assert "第4步" in harness.say("一共欠了二十多个人 每人六千", "o-both")
    d = draft(harness, "o-both")
    assert d is not None and d["fields"]["amount"] == 6000 and "workers" not in d["fields"]
    # step 5 still asks, offering the count told beside the sum; 「对」 takes it
    assert "就是20个人的话" in harness.say("去年10月到12月", "o-both")
    assert "第6步" in harness.say("对", "o-both")
    assert (draft(harness, "o-both") or {})["fields"]["workers"] == 20


def test_going_on_past_an_offered_head_count_takes_it(harness: Harness) -> None:
    to_step(harness, "o-own1", AT_AMOUNT)
    assert "第4步" in harness.say("我一个人就被欠了一万二", "o-own1")
    assert "就你一个人的话" in harness.say("三个月", "o-own1")
    assert "第7步" in harness.say("13912345678", "o-own1")
    d = draft(harness, "o-own1")
    assert d is not None and d["fields"]["workers"] == 1 and d["fields"]["phone"] == "13912345678"


def test_a_wage_rate_is_not_the_amount_owed(harness: Harness) -> None:
    to_step(harness, "o-rate", AT_AMOUNT)
    harness.say("一个月六千 总共欠了一万八", "o-rate")
    d = draft(harness, "o-rate")
    assert d is not None and d["fields"]["amount"] == 18000


def test_two_different_amounts_are_not_guessed_between(harness: Harness) -> None:
    to_step(harness, "o-guess", AT_SITE)
    harness.say("欠我八千块 还有三千块押金", "o-guess")
    d = draft(harness, "o-guess")
    assert d is not None and "amount" not in d["fields"] and "site" not in d["fields"]


def test_a_correction_at_the_summary_changes_the_field_and_is_saved(harness: Harness) -> None:
    to_step(harness, "o-sum", FULL)
    reply = harness.say("电话改成13700001111", "o-sum")
    assert "改好了" in reply and "13700001111" in reply and "请核对" in reply
    harness.say("确认", "o-sum")
    row = harness.services.store.conn.execute("SELECT phone, amount FROM complaints").fetchone()
    assert (row[0], row[1]) == ("13700001111", 20000)


# -- questions and doubts are never stored ------------------------------------------------------------


@pytest.mark.parametrize("doubt", ["这一步要写什么", "不知道老板全名", "公司名字记不清了"])
def test_a_doubt_about_the_step_gets_help_and_is_not_stored(harness: Harness, doubt: str) -> None:
    harness.say("投诉", "o-doubt")
    reply = harness.say(doubt, "o-doubt")
    assert "第1步" in reply and "没关系" in reply
    d = draft(harness, "o-doubt")
    assert d is not None and d["fields"] == {}


@pytest.mark.parametrize(
    "question", ["请问失业金在哪里领", "老板人跑了咋整", "安庆留下过年给补助没", "加班费是两倍还是三倍"]
)
def test_a_question_mid_form_is_answered_and_not_stored(harness: Harness, question: str) -> None:
    to_step(harness, "o-q", AT_SITE)
    reply = harness.say(question, "o-q")
    assert "第2步" in reply
    d = draft(harness, "o-q")
    assert d is not None and "site" not in d["fields"], d


def test_a_status_request_mid_form_shows_cases_and_keeps_the_form(harness: Harness) -> None:
    to_step(harness, "o-st", FULL)
    harness.say("确认", "o-st")
    to_step(harness, "o-st", AT_SITE)
    reply = harness.say("帮我查一下之前的投诉", "o-st")
    assert "QX-" in reply and "第2步" in reply
    d = draft(harness, "o-st")
    assert d is not None and "site" not in d["fields"]


def test_thanks_and_okays_are_not_answers(harness: Harness) -> None:
    harness.say("投诉", "o-ok")
    for said in ("好的 谢谢", "嗯嗯 知道了", "辛苦了"):
        assert "第1步" in harness.say(said, "o-ok")
    d = draft(harness, "o-ok")
    assert d is not None and d["fields"] == {}


def test_confirm_before_the_end_does_not_become_a_value(harness: Harness) -> None:
    to_step(harness, "o-early", AT_SITE)
    assert "还没填完" in harness.say("确认", "o-early")
    d = draft(harness, "o-early")
    assert d is not None and "site" not in d["fields"]


# -- the name and the phone ----------------------------------------------------------------------------


@pytest.mark.parametrize("skip", ["名字就不留了", "不想说名字", "不方便告诉你"])
def test_declining_the_name_skips_it(harness: Harness, skip: str) -> None:
    to_step(harness, "o-anon", AT_NAME)
    assert "请核对" in harness.say(skip, "o-anon")
    d = draft(harness, "o-anon")
    assert d is not None and d["fields"]["name"] is None


def test_refusing_the_phone_explains_why_it_is_needed(harness: Harness) -> None:
    to_step(harness, "o-nophone", AT_NAME[:-1])
    reply = harness.say("电话不方便留", "o-nophone")
    assert "第6步" in reply and "核实" in reply
    d = draft(harness, "o-nophone")
    assert d is not None and d["step"] == "phone" and "phone" not in d["fields"]


# -- the finder on its own ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("工资拖了五个月", {"period": "五个月"}),
        ("每人七千五", {"amount": 7500}),
        ("手机 158-0000-1234", {"phone": "15800001234"}),
        ("我们十二个人", {"workers": 12}),
        ("2020年11月到今年1月", {"period": "2020年11月到今年1月"}),
        ("八号楼三单元", {}),
        ("一万家超市", {}),
        ("一个人在家", {}),
        ("月薪八千", {}),
        ("兜里就剩三十块钱了", {}),  # what the worker has left is not what is owed
        ("看病花了八百块", {}),
        ("苏州 千灯镇", {}),  # a place name, not a thousand
        ("欠我千把块", {"amount": 1000}),
    ],
)
def test_values_found_in_a_clause(text: str, expected: dict[str, Any]) -> None:
    got = {f.key: f.value for part in clauses(text) for f in find_values(part)}
    assert got == expected


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="0123456789一二两三四五六七八九十百千万块元个人月年天欠工资我们的 ，.-", max_size=30))
def test_the_finder_never_fails_and_finds_only_sane_values(text: str) -> None:
    for part in clauses(text):
        for f in find_values(part):
            assert 0 <= f.start < f.end <= len(part)
            if f.key == "amount":
                assert 1 <= f.value <= 100_000_000
            if f.key == "workers":
                assert 1 <= f.value <= 100_000


def test_the_sum_and_the_months_of_the_work_from_one_to_the_other_are_both_taken(harness: Harness) -> None:
    to_step(harness, "o-cong", AT_AMOUNT)
    assert "第5步" in harness.say("一万六 从八月干到腊月十五 一分钱没见着", "o-cong")
    d = draft(harness, "o-cong")
    assert d is not None and d["fields"]["amount"] == 16000 and "八月" in d["fields"]["period"]


def test_the_period_and_a_head_count_said_as_people_there_were_are_both_taken(harness: Harness) -> None:
    to_step(harness, "o-ren-you", [*AT_AMOUNT, "两万"])
    assert "第6步" in harness.say("10月到年底 人有六个", "o-ren-you")
    d = draft(harness, "o-ren-you")
    assert d is not None and d["fields"]["workers"] == 6


def test_a_head_count_of_one_in_dialect(harness: Harness) -> None:
    to_step(harness, "o-self", [*AT_AMOUNT, "两万", "三个月"])
    assert "第6步" in harness.say("就俺自己", "o-self")
    assert draft(harness, "o-self")["fields"]["workers"] == 1  # type: ignore[index]


def test_cantonese_in_the_form(harness: Harness) -> None:
    # 「而家点样」 asks how a complaint is going: it does not open a new form
    assert "第1步" not in harness.say("上个月投诉咗老板欠薪 而家点样", "o-yue")
    assert draft(harness, "o-yue") is None
    # 「喺度投诉」 files one here; 「唔搞喇」 leaves; 「唔该」 is thanks, never a value
    assert "第1步" in harness.say("我就喺度投诉佢拖欠人工", "o-yue2")
    assert "第1步" in harness.say("唔该", "o-yue2")
    assert draft(harness, "o-yue2")["fields"].get("employer") is None  # type: ignore[index]
    assert "取消" in harness.say("唔搞喇", "o-yue2")
    assert draft(harness, "o-yue2") is None


def test_an_employer_named_beside_its_boss_is_the_answer_not_a_question(harness: Harness) -> None:
    to_step(harness, "o-boss", [])
    reply = harness.say("牡丹江兴业劳务 领头的叫张铁柱", "o-boss")
    assert "第2步" in reply, reply
    assert "兴业劳务" in str((draft(harness, "o-boss") or {})["fields"].get("employer"))


def test_not_knowing_the_amount_gets_the_hint_and_stores_nothing(harness: Harness) -> None:
    to_step(harness, "o-much", AT_AMOUNT)
    reply = harness.say("欠得可多了 具体我也说不清楚", "o-much")
    assert "大概" in reply and "第3步" in reply, reply
    assert "amount" not in (draft(harness, "o-much") or {})["fields"]


def test_a_value_not_understood_is_asked_again_with_its_step(harness: Harness) -> None:
    to_step(harness, "o-retry", AT_AMOUNT)
    reply = harness.say("一大堆", "o-retry")
    assert reply.startswith("第3步："), reply


def test_a_corrected_amount_keeps_the_last_one(harness: Harness) -> None:
    to_step(harness, "o-fix", AT_AMOUNT)
    assert "第4步" in harness.say("两万四 哦不对 应该是两万六", "o-fix")
    assert (draft(harness, "o-fix") or {})["fields"]["amount"] == 26000


def test_the_value_the_worker_says_to_write_is_taken(harness: Harness) -> None:
    to_step(harness, "o-write", [*AT_AMOUNT, "两万", "三个月"])
    assert "第6步" in harness.say("大概八九个人吧 就写9个", "o-write")
    assert (draft(harness, "o-write") or {})["fields"]["workers"] == 9


def test_a_period_said_in_seasons_or_several_months_is_kept(harness: Harness) -> None:
    to_step(harness, "o-season", [*AT_AMOUNT, "两万"])
    assert "第5步" in harness.say("从开春一直干到入冬", "o-season")
    to_step(harness, "o-months", [*AT_AMOUNT, "两万"])
    assert "第5步" in harness.say("九月 十月两个月", "o-months")


def test_an_earlier_value_said_wrong_at_a_later_step_is_changed(harness: Harness) -> None:
    to_step(harness, "o-late", [*AT_AMOUNT, "两万", "三个月"])
    reply = harness.say("金额说错了 是两万五不是两万", "o-late")
    assert "改好了" in reply and "第5步" in reply, reply
    assert (draft(harness, "o-late") or {})["fields"]["amount"] == 25000


def test_the_head_count_beside_a_phone_and_why_the_phone_is_asked(harness: Harness) -> None:
    to_step(harness, "o-four", [*AT_AMOUNT, "两万", "三个月"])
    assert "第7步" in harness.say("我们仨 手机13912345678", "o-four")
    assert (draft(harness, "o-four") or {})["fields"]["workers"] == 3
    to_step(harness, "o-why", [*AT_AMOUNT, "两万", "三个月", "4"])
    reply = harness.say("干嘛要留手机 不会泄露吧", "o-why")
    assert "不会公开" in reply and "第6步" in reply, reply


@pytest.mark.parametrize("ask", ["那就投诉吧 怎么弄", "能不能在这帮我登个记"])
def test_deciding_to_complain_starts_the_form(harness: Harness, ask: str) -> None:
    assert "第1步" in harness.say(ask, "o-decide")


def test_confirm_said_in_two_words_files_it(harness: Harness) -> None:
    to_step(harness, "o-two", FULL)
    assert "编号" in harness.say("确认 提交", "o-two")


def test_after_a_pause_other_questions_are_answered_until_the_worker_goes_on(harness: Harness) -> None:
    to_step(harness, "o-doze", AT_AMOUNT)
    assert "「取消」" in harness.say("我再想想 跟家里商量下", "o-doze")
    reply = harness.say("要是老板还不给 还能找谁", "o-doze")
    assert "这一步" not in reply and "12333" in reply, reply
    assert "欠你多少钱" in harness.say("继续", "o-doze")
    assert "第4步" in harness.say("两万", "o-doze")
    assert (draft(harness, "o-doze") or {})["fields"]["amount"] == 20000


def test_a_name_or_place_beside_a_doubt_is_still_the_answer(harness: Harness) -> None:
    to_step(harness, "o-named", [])
    assert "第2步" in harness.say("工头叫刘大柱 公司名不知道", "o-named")
    assert "第3步" in harness.say("甘井子区 具体地址不方便说", "o-named")
    fields = (draft(harness, "o-named") or {})["fields"]
    assert "刘大柱" in fields["employer"] and "甘井子区" in fields["site"]


def test_filing_here_in_short_starts_the_form(harness: Harness) -> None:
    assert "第1步" in harness.say("老板欠钱 就在这投吧", "o-here")


def test_a_split_verb_asks_to_file(harness: Harness) -> None:
    assert "第1步" in harness.say("老板跑了 帮我投个诉", "o-split")


@pytest.mark.parametrize(
    "answer",
    ["周老板 叫周建业 电话一直打不通", "东城一个做纸箱的厂 叫啥包装来着", "恒通人力资源派遣", "青山劳务派遣"],
)
def test_a_first_answer_that_sounds_like_a_topic_is_the_employer(harness: Harness, answer: str) -> None:
    to_step(harness, "o-emp", [])
    assert "第2步" in harness.say(answer, "o-emp")


def test_a_question_at_the_first_step_is_still_answered(harness: Harness) -> None:
    to_step(harness, "o-empq", [])
    reply = harness.say("法律援助中心 在哪", "o-empq")
    assert "法律援助" in reply and "第1步" in reply, reply


@pytest.mark.parametrize(
    ("answer", "name"),
    [
        ("13912345678 叫我小芳就行", "小芳"),
        ("13912345678 老周", "老周"),
        ("电话13912345678 名字不留了", None),
    ],
)
def test_a_name_beside_the_phone_fills_the_last_step(harness: Harness, answer: str, name: str | None) -> None:
    to_step(harness, "o-pn", AT_PHONE)
    reply = harness.say(answer, "o-pn")
    assert "请核对" in reply and "第7步" not in reply, reply
    fields = (draft(harness, "o-pn") or {})["fields"]
    assert fields["phone"] == "13912345678" and fields["name"] == name


def test_a_phone_alone_still_asks_the_name(harness: Harness) -> None:
    to_step(harness, "o-po", AT_PHONE)
    assert "第7步" in harness.say("13912345678 打这个", "o-po")
    assert "name" not in (draft(harness, "o-po") or {})["fields"]


@pytest.mark.parametrize(("answer", "amount"), [("六千二百蚊", 6200), ("大概6000出头 6180", 6180)])
def test_cantonese_yuan_and_an_exact_figure_after_a_rough_one(
    harness: Harness, answer: str, amount: int
) -> None:
    to_step(harness, "o-amt", AT_AMOUNT)
    assert "第4步" in harness.say(answer, "o-amt")
    assert (draft(harness, "o-amt") or {})["fields"]["amount"] == amount


def test_a_bare_number_after_a_slip_corrects_the_amount(harness: Harness) -> None:
    to_step(harness, "o-slip", [*AT_AMOUNT, "7300"])
    reply = harness.say("不对不对 是3700 按错了", "o-slip")
    assert "改好了" in reply and "第4步" in reply, reply
    assert (draft(harness, "o-slip") or {})["fields"]["amount"] == 3700


def test_a_new_phone_after_a_digit_at_the_summary_replaces_the_old(harness: Harness) -> None:
    to_step(harness, "o-fix", FULL)
    reply = harness.say("号码错了 尾数是9 13912345679", "o-fix")
    assert "改好了" in reply and "13912345679" in reply, reply


@pytest.mark.parametrize(
    "ok", ["没错 确认", "对的 交上去吧", "没问题，确认", "确定的", "确认 确定", "提交 确认吧"]
)
def test_confirming_with_a_word_of_assent_files_it(harness: Harness, ok: str) -> None:
    to_step(harness, "o-ok", FULL)
    assert "编号" in harness.say(ok, "o-ok")
    assert case_count(harness) == 1


@pytest.mark.parametrize("ask", ["那接下来我该备点啥", "交上去以后还得我自己找证据不"])
def test_what_to_prepare_after_filing_is_the_evidence_not_the_status(harness: Harness, ask: str) -> None:
    to_step(harness, "o-prep", FULL)
    assert "编号" in harness.say("确认", "o-prep")
    reply = harness.say(ask, "o-prep")
    assert "待受理" not in reply and any(w in reply for w in ("考勤", "聊天记录", "工资条")), reply
    # what happens next to the case is still its status
    assert "待受理" in harness.say("那接下来谁处理", "o-prep")


@pytest.mark.parametrize(
    "period", ["年前仨月 具体哪天记不清了", "九月到年底 当中歇过几天", "从十月初一直干到腊月二十几"]
)
def test_a_rough_period_with_a_doubt_about_the_days_is_taken(harness: Harness, period: str) -> None:
    to_step(harness, "o-days", [*AT_AMOUNT, "两万"])
    assert "第5步" in harness.say(period, "o-days")
    d = draft(harness, "o-days")
    assert d is not None and d["fields"]["period"] == period


@pytest.mark.parametrize(
    "told",
    [
        "先是一个劳务公司带的 后来归厂里管 两边都说不该他们发",
        "说不准该找谁 活是劳务队派的 劳务队说上头没给钱",  # 说不准该找谁: a doubt, not a question
    ],
)
def test_who_was_over_the_work_told_uncertainly_is_the_employer(harness: Harness, told: str) -> None:
    to_step(harness, "o-over", [])
    assert "第2步" in harness.say(told, "o-over")
    d = draft(harness, "o-over")
    assert d is not None and "劳务" in d["fields"]["employer"]


def test_a_wish_to_file_after_a_question_mark_starts_the_form(harness: Harness) -> None:
    assert "还没有" in harness.say("我的投诉到哪一步了", "o-again")
    assert "第1步" in harness.say("没登过？那我现在登一个", "o-again")


@pytest.mark.parametrize(
    "leave", ["算了 不登记了 怕他知道", "先不弄了 家里来电话了", "咋还得写那么多 算了吧", "这么啰嗦啊 算了"]
)
def test_a_wish_to_stop_with_a_reason_cancels_without_asking_again(harness: Harness, leave: str) -> None:
    to_step(harness, "o-why-leave", AT_SITE)
    assert "取消了" in harness.say(leave, "o-why-leave")
    assert draft(harness, "o-why-leave") is None


def test_a_topic_question_in_dialect_at_the_site_step_is_not_the_site(harness: Harness) -> None:
    to_step(harness, "o-dq", AT_SITE)
    reply = harness.say("桐城过年有么子活动冇得", "o-dq")
    assert "第2步" in reply and "site" not in (draft(harness, "o-dq") or {})["fields"], reply


def test_an_employer_and_where_said_with_zai_fill_both(harness: Harness) -> None:
    to_step(harness, "o-zai", [])
    assert "回「对」" in harness.say("顺达五金厂 在宜秀工业园", "o-zai")
    assert "第3步" in harness.say("对", "o-zai")
    fields = (draft(harness, "o-zai") or {})["fields"]
    assert fields["employer"] == "顺达五金厂" and fields["site"] == "宜秀工业园"


def test_an_employer_described_by_its_place_still_asks_where(harness: Harness) -> None:
    to_step(harness, "o-desc", [])
    assert "第2步" in harness.say("开发区一家物流公司 叫快达物流", "o-desc")


def test_ones_own_share_beside_a_rough_figure_for_everyone_is_the_amount(harness: Harness) -> None:
    to_step(harness, "o-own", AT_AMOUNT)
    assert "第4步" in harness.say("每个人四五千 我自己是四千八", "o-own")
    assert (draft(harness, "o-own") or {})["fields"]["amount"] == 4800


def test_together_is_not_one_yuan(harness: Harness) -> None:
    to_step(harness, "o-yikuai", AT_SITE)
    assert "取消了" in harness.say("算了先取消 我跟工友们商量下要不要一块弄", "o-yikuai")


def test_a_head_count_at_the_site_step_is_not_the_site(harness: Harness) -> None:
    to_step(harness, "o-cnt", AT_SITE)
    reply = harness.say("我们班组的都没拿到 一共十二个", "o-cnt")
    assert "第2步" in reply and "12人" in reply, reply
    d = draft(harness, "o-cnt")
    assert d is not None and "site" not in d["fields"] and d["fields"]["workers"] == 12


def test_a_worker_who_moves_on_past_the_site_keeps_the_place_said_with_the_employer(harness: Harness) -> None:
    to_step(harness, "o-on", ["金州开发区那个冷库 老板姓于"])  # a place, said with the employer
    reply = harness.say("一共欠我一万三 去年九月到腊月", "o-on")
    assert "第5步" in reply and "按第1步说的" in reply, reply
    d = draft(harness, "o-on")
    assert d is not None and d["fields"]["site"] == "金州开发区那个冷库"  # the clause that says where
    # without a place in the employer's answer, the site is asked again
    to_step(harness, "o-on2", AT_SITE)
    assert "第2步" in harness.say("一共欠我一万三 去年九月到腊月", "o-on2")


def test_restating_a_value_the_summary_shows_then_confirming_files_the_case(harness: Harness) -> None:
    to_step(harness, "o-re", FULL)
    reply = harness.say("对 金额就两万 确认", "o-re")
    assert "已登记" in reply, reply
    to_step(harness, "o-re2", FULL)
    assert "已登记" not in harness.say("金额是三万 确认", "o-re2")  # a different value is no confirmation


@pytest.mark.parametrize(
    ("steps", "answer", "key", "value"),
    [
        (AT_AMOUNT, "是说一共的还是一个月的？一个月五千 四个月就是20000", "amount", 20000),
        (AT_AMOUNT, "奖金算不算？光工资就欠了一万二", "amount", 12000),
        ([], "填公司还是填老板？公司叫宏远机械 老板姓曹", "employer", "公司叫宏远机械 老板姓曹"),
    ],
)
def test_a_question_about_the_step_then_the_answer_fills_the_step(
    harness: Harness, steps: list[str], answer: str, key: str, value: object
) -> None:
    openid = f"o-qa-{key}-{len(steps)}-{answer[:3]}"
    to_step(harness, openid, steps)
    harness.say(answer, openid)
    d = draft(harness, openid)
    assert d is not None and d["fields"].get(key) == value, d


@pytest.mark.parametrize(("answer", "amount"), [("我这边的是9600", 9600), ("一共差俺6100", 6100)])
def test_the_one_sum_in_a_message_at_the_amount_step_is_the_amount(
    harness: Harness, answer: str, amount: int
) -> None:
    openid = f"o-lone-{amount}"
    to_step(harness, openid, AT_AMOUNT)
    assert "第4步" in harness.say(answer, openid)
    d = draft(harness, openid)
    assert d is not None and d["fields"]["amount"] == amount


def test_twenty_odd_a_boss_by_title_and_name_and_a_sum_taken_back(harness: Harness) -> None:
    harness.say("投诉", "o-nian")
    assert "第2步" in harness.say("工头李大志 哪个公司我也不晓得", "o-nian")
    harness.say("开发区那个物流园工地", "o-nian")
    harness.say("三万二", "o-nian")
    assert "第5步" in harness.say("去年腊月", "o-nian")
    assert "第6步" in harness.say("我们班廿几个人", "o-nian")
    assert "改好了" in harness.say("钱写错了 是23000不是32000", "o-nian")
    d = draft(harness, "o-nian")
    assert d is not None and d["fields"]["workers"] == 20 and d["fields"]["amount"] == 23000


def test_filing_now_what_was_not_filed_before_starts_the_form(harness: Harness) -> None:
    assert "第1步" in harness.say("之前没登记过 那现在登记一个", "o-now")
    assert "第1步" in harness.say("揾唔到喎 咁我再登记过", "o-again")  # Cantonese 再…过: once more
    assert "第1步" not in harness.say("我上个月已经登记过了", "o-done")


def test_a_phone_read_out_digit_by_digit_and_a_name_to_call_by(harness: Harness) -> None:
    to_step(harness, "o-spoken", AT_PHONE)
    assert "第7步" in harness.say("我的号码是幺三九 一二三四 五六七八", "o-spoken")  # voice input
    assert "核对" in harness.say("叫我小邓就行", "o-spoken")
    d = draft(harness, "o-spoken")
    assert d is not None and d["fields"]["phone"] == "13912345678" and d["fields"]["name"] == "小邓"


@pytest.mark.parametrize(
    ("said", "name"), [("13912345678 喊我老周就要得", "老周"), ("13912345678 叫我小芳就中", "小芳")]
)
def test_a_name_to_call_by_in_dialect_beside_the_phone(harness: Harness, said: str, name: str) -> None:
    to_step(harness, "o-dial", AT_PHONE)
    assert "核对" in harness.say(said, "o-dial")
    d = draft(harness, "o-dial")
    assert d is not None and d["fields"]["name"] == name


@pytest.mark.parametrize("said", ["7500 哦不是 是5700", "7500 唔系 系5700", "7500 不对 应该是5700"])
def test_a_sum_said_again_after_taking_it_back_is_the_one_kept(harness: Harness, said: str) -> None:
    to_step(harness, "o-again-sum", AT_AMOUNT)
    assert "第4步" in harness.say(said, "o-again-sum")
    d = draft(harness, "o-again-sum")
    assert d is not None and d["fields"]["amount"] == 5700


@pytest.mark.parametrize("said", ["帮我重新登记", "取消重来", "我要从头填"])
def test_starting_over_at_the_summary_empties_the_form_and_asks_from_the_first_step(
    harness: Harness, said: str
) -> None:
    to_step(harness, "o-over", FULL)
    reply = harness.say(said, "o-over")
    assert "从头" in reply and "第1步" in reply, reply
    d = draft(harness, "o-over")
    assert d is not None and d["fields"] == {} and d["step"] == "employer"
    assert case_count(harness) == 0


def test_ok_i_file_after_an_answer_starts_the_form(harness: Harness) -> None:
    harness.say("大连欠薪怎么投诉", "o-okfile")
    assert "第1步" in harness.say("行 我投诉", "o-okfile")


def test_a_firm_named_by_its_place_and_trade_is_the_employer_not_a_move(harness: Harness) -> None:
    harness.say("投诉", "o-trade")
    assert "第2步" in harness.say("桐城市丰收服饰", "o-trade")
    d = draft(harness, "o-trade")
    assert d is not None and d["fields"]["employer"] == "桐城市丰收服饰"


@pytest.mark.parametrize(("said", "amount"), [("两万到两万五吧 记不太清", 25000), ("6千-7千块", 7000)])
def test_a_sum_given_as_a_range_is_taken_at_its_top(harness: Harness, said: str, amount: int) -> None:
    to_step(harness, "o-range", AT_AMOUNT)
    assert "第4步" in harness.say(said, "o-range")
    d = draft(harness, "o-range")
    assert d is not None and d["fields"]["amount"] == amount


def test_a_pasted_location_with_its_map_link_is_the_site_and_no_sum(harness: Harness) -> None:
    to_step(harness, "o-paste", AT_SITE)
    said = "我在这里：大连市甘井子区华北路188号 https://surl.amap.com/3kTx9Qa"
    assert "第3步" in harness.say(said, "o-paste")
    d = draft(harness, "o-paste")
    assert d is not None and d["fields"]["site"] == "大连市甘井子区华北路188号"
    assert "amount" not in d["fields"]


def test_a_sum_and_the_months_after_it_stay_apart(harness: Harness) -> None:
    harness.say("投诉", "o-apart")
    harness.say("顺达物流 老板姓于 欠我工资6800 11月到1月的", "o-apart")
    d = draft(harness, "o-apart")
    assert d is not None and d["fields"]["amount"] == 6800 and d["fields"]["period"] == "11月到1月"


def test_what_the_boss_said_is_no_wish_to_leave(harness: Harness) -> None:
    harness.say("投诉", "o-boss-said")
    reply = harness.say("永兴塑胶厂 老板说年后再说 我们车票钱都没有", "o-boss-said")
    assert "取消" not in reply.split("\n")[0] and "第2步" in reply, reply


@pytest.mark.parametrize("said", ["我要告这个老板 你们这能办不", "麻烦帮我记下来报上去", "那我重新弄一个吧"])
def test_asking_the_bot_to_take_the_complaint_starts_the_form(harness: Harness, said: str) -> None:
    harness.say("黄埔工地老板欠我们工钱两个月了", "o-take")
    assert "第1步" in harness.say(said, "o-take")


def test_a_run_on_message_that_starts_by_naming_the_boss_answers_the_employer_step(harness: Harness) -> None:
    harness.say("投诉", "o-runon")
    reply = harness.say("老板姓孙叫孙什么我也不清楚大伙都管他叫孙哥公司应该是没有", "o-runon")
    assert "第2步" in reply, reply


def test_a_yes_in_dialect_to_the_leave_question_keeps_the_draft(harness: Harness) -> None:
    to_step(harness, "o-nena", AT_SITE)
    assert "你是想取消" in harness.say("等会儿 先别整了 我再跟老板磨一磨", "o-nena")
    assert "第" not in harness.say("嗯呐", "o-nena")  # (not taken as the site)
    d = draft(harness, "o-nena")
    assert d is not None and d["step"] == "site" and "site" not in d["fields"]


def test_a_sum_at_the_end_of_a_message_that_muses_about_it_is_the_amount(harness: Harness) -> None:
    to_step(harness, "o-muse", AT_AMOUNT)
    assert "第4步" in harness.say("全部欠多少还得问我哥 他记的账 我自己的是 8300", "o-muse")
    assert (draft(harness, "o-muse") or {})["fields"]["amount"] == 8300


def test_asking_to_file_for_someone_else_too_starts_the_form(harness: Harness) -> None:
    assert "第1步" in harness.say("我弟也被欠了 你能帮他也登记一个不", "o-also")


def test_letting_the_odd_change_go_is_no_wish_to_leave(harness: Harness) -> None:
    to_step(harness, "o-change", AT_AMOUNT)
    assert "第4步" in harness.say("5200多点 零头不要了 就写5200", "o-change")
    assert (draft(harness, "o-change") or {})["fields"]["amount"] == 5200


def test_the_workers_own_sum_said_as_mine_beside_a_rate_per_head(harness: Harness) -> None:
    to_step(harness, "o-mine", AT_AMOUNT)
    assert "第4步" in harness.say("每个人九千多 我的是9400", "o-mine")
    assert (draft(harness, "o-mine") or {})["fields"]["amount"] == 9400


def test_not_filing_after_all_and_a_confirm_with_an_emoji(harness: Harness) -> None:
    to_step(harness, "o-dengle", AT_SITE)
    assert "取消" in harness.say("他刚把钱结了 不登了", "o-dengle")
    assert draft(harness, "o-dengle") is None
    to_step(harness, "o-emoji", FULL)
    assert "已登记" in harness.say("确认✅", "o-emoji")


@pytest.mark.parametrize("noise", ["。。。", "……", "！！"])
def test_punctuation_alone_at_a_number_step_asks_the_step_again(harness: Harness, noise: str) -> None:
    to_step(harness, f"o-noise-{len(noise)}{noise[:1]}", AT_AMOUNT)
    assert "第3步" in harness.say(noise, f"o-noise-{len(noise)}{noise[:1]}")


def test_a_summary_item_named_as_wrong_is_changed_to_what_follows(harness: Harness) -> None:
    to_step(harness, "o-fixsite", FULL)
    reply = harness.say("地址写错了 应该是金州区友谊街道 不是甘井子", "o-fixsite")
    assert "改好了" in reply and "金州区友谊街道" in reply, reply
    assert (draft(harness, "o-fixsite") or {})["fields"]["site"] == "金州区友谊街道"
    harness.say("老板名字不对 是宏达劳务的刘老板", "o-fixsite")
    assert (draft(harness, "o-fixsite") or {})["fields"]["employer"] == "宏达劳务的刘老板"
    assert "已登记" in harness.say("对了 确认", "o-fixsite")


def test_a_sum_corrected_mid_form_with_forgot_to_count_is_no_wish_to_leave(harness: Harness) -> None:
    to_step(harness, "o-forgot", [*AT_AMOUNT, "两万"])
    reply = harness.say("等一下 刚才钱数说错了 是两万三 不是两万 有两天加班搞忘算了", "o-forgot")
    assert "取消" not in reply and "第4步" in reply, reply
    assert (draft(harness, "o-forgot") or {})["fields"]["amount"] == 23000


def test_each_ones_share_said_in_turn_is_added_up(harness: Harness) -> None:
    to_step(harness, "o-shares", AT_AMOUNT)
    assert "第4步" in harness.say("欠我七千二 欠我老表五千", "o-shares")
    assert (draft(harness, "o-shares") or {})["fields"]["amount"] == 12200
    to_step(harness, "o-and-his", AT_AMOUNT)  # the second share brought in with 「还有」
    assert "第4步" in harness.say("欠我一万二 还有我表哥的九千", "o-and-his")
    assert (draft(harness, "o-and-his") or {})["fields"]["amount"] == 21000
    to_step(harness, "o-same", AT_AMOUNT)  # the same person twice is no sum
    assert "第3步" in harness.say("欠我七千二 欠我五千", "o-same")


def test_a_domestic_workers_site_is_the_employers_home(harness: Harness) -> None:
    to_step(harness, "o-home", AT_SITE)
    assert "第3步" in harness.say("在她家里当保姆 带孩子做饭", "o-home")


def test_stopping_because_the_boss_phoned_with_a_date_leaves_the_form(harness: Harness) -> None:
    to_step(harness, "o-phoned", [*AT_AMOUNT, "两万"])
    reply = harness.say("算了 老板刚才打电话说初八结账 先不登记了", "o-phoned")
    assert "取消了" in reply and draft(harness, "o-phoned") is None, reply


def test_where_an_agency_sent_the_worker_is_the_site(harness: Harness) -> None:
    assert "第1步" in harness.say("投诉", "o-sent")
    reply = harness.say("恒信人力外包 派我们去保税区那个冷库", "o-sent")
    assert "第3步" in reply and "保税区那个冷库" in reply, reply


def test_cantonese_and_between_months_gives_the_period_too(harness: Harness) -> None:
    to_step(harness, "o-tung", AT_AMOUNT)
    assert "第5步" in harness.say("8300 十月同十一月嘅", "o-tung")


def test_a_head_count_named_as_wrong_in_cantonese_is_corrected(harness: Harness) -> None:
    to_step(harness, "o-yansou", FULL)
    reply = harness.say("人数写错咗 唔系4系9个", "o-yansou")
    assert "改好了" in reply and (draft(harness, "o-yansou") or {})["fields"]["workers"] == 9, reply


def test_a_sum_corrected_in_cantonese_at_the_summary(harness: Harness) -> None:
    to_step(harness, "o-gam", FULL)
    reply = harness.say("金额写错咗 系2万5唔系2万", "o-gam")
    assert "改好了" in reply and (draft(harness, "o-gam") or {})["fields"]["amount"] == 25000, reply


def test_not_right_in_cantonese_corrects_the_sum(harness: Harness) -> None:
    to_step(harness, "o-ngaam", FULL)
    reply = harness.say("唔啱 钱系三万 唔系两万", "o-ngaam")
    assert "改好了" in reply and (draft(harness, "o-ngaam") or {})["fields"]["amount"] == 30000, reply


def test_unsure_workers_give_rough_and_partial_answers(harness: Harness) -> None:
    assert "第1步" in harness.say("投诉", "o-unsure")
    assert "第2步" in harness.say("金州宏什么物流 后头俩字忘了", "o-unsure")  # a word forgotten in the name
    harness.say("金州保税区仓库", "o-unsure")
    reply = harness.say("两万来块 我跟我媳妇两个人的", "o-unsure")  # a rough sum, beside whose it is
    assert "第4步" in reply and (draft(harness, "o-unsure") or {})["fields"]["amount"] == 20000, reply
    assert "第1步" in harness.say("投诉", "o-trade")
    assert "第2步" in harness.say("不晓得全名 只知道是做五金的", "o-trade")  # the firm by its trade


def test_a_landline_at_the_phone_step_is_checked_not_answered_as_a_question(harness: Harness) -> None:
    to_step(harness, "o-landline", AT_PHONE)
    assert "11位" in harness.say("我没手机 只有家里座机7723456", "o-landline")
    reply = harness.say("为啥非要手机号 打座机不行吗", "o-landline")
    assert "第6步" in reply and "【" not in reply, reply  # why it is asked, not the hotline list


def test_each_ones_rate_beside_the_crews_sum_added_together(harness: Harness) -> None:
    to_step(harness, "o-jiayikuai", AT_AMOUNT)
    assert "第4步" in harness.say("每人五千来块 俺们6个 加一块三万来块", "o-jiayikuai")
    assert (draft(harness, "o-jiayikuai") or {})["fields"]["amount"] == 30000


def test_the_period_said_by_the_festivals_dates(harness: Harness) -> None:
    to_step(harness, "o-chuxi", [*AT_AMOUNT, "两万"])
    reply = harness.say("过年加班 腊月二十八到初五", "o-chuxi")
    assert "第5步" in reply and "腊月二十八到初五" in str((draft(harness, "o-chuxi") or {})["fields"]), reply


def test_the_wrong_sum_named_again_beside_the_right_one(harness: Harness) -> None:
    to_step(harness, "o-qianshu", [*AT_AMOUNT, "两万三"])
    reply = harness.say("不对不对 钱数说错了 是三万二 两万三是前年那回的", "o-qianshu")
    assert "改好了" in reply and "第4步" in reply, reply
    assert (draft(harness, "o-qianshu") or {})["fields"]["amount"] == 32000


def test_rough_and_own_shares_and_counts(harness: Harness) -> None:
    to_step(harness, "o-meinong", AT_AMOUNT)
    assert "第4步" in harness.say("每侬三千几 我个3650", "o-meinong")  # each about 3000; mine 3650
    assert (draft(harness, "o-meinong") or {})["fields"]["amount"] == 3650
    assert "第5步" in harness.say("唔记得 应该系年尾嗰两个月", "o-meinong")  # a duration, not a question
    assert "第6步" in harness.say("二十几个司机", "o-meinong")


def test_a_run_on_without_pauses_gives_every_step_it_holds(harness: Harness) -> None:
    assert "第1步" in harness.say("投诉", "o-runon")
    said = "牡丹江龙盛建筑工程有限公司欠我们钱在阳明区那个学校工地一共欠八个人九万六是去年五月到十月的"
    assert "回「对」" in harness.say(said, "o-runon")  # the site offered back; the rest taken
    assert "第6步" in harness.say("对", "o-runon")
    fields = (draft(harness, "o-runon") or {})["fields"]
    assert fields["employer"] == "牡丹江龙盛建筑工程有限公司" and fields["site"] == "阳明区那个学校工地"
    assert (fields["amount"], fields["workers"], fields["period"]) == (96000, 8, "去年五月到十月")


@pytest.mark.parametrize(
    "said",
    ["投诉完要等几耐", "没查着？不可能 我肯定登记了 用的我媳妇手机", "俺上回在这登记那个 编号找不着了"],
)
def test_asking_how_long_or_saying_it_was_filed_starts_no_form(harness: Harness, said: str) -> None:
    assert "第1步" not in harness.say(said, "o-nostart")


@pytest.mark.parametrize(("said", "amount"), [("一个月2800 欠了三个月", 8400), ("一个月4500", 4500)])
def test_a_months_pay_at_the_amount_step(harness: Harness, said: str, amount: int) -> None:
    openid = f"o-monthly-{amount}"
    to_step(harness, openid, AT_AMOUNT)
    harness.say(said, openid)  # the month's pay, times the months owed where they are told
    assert (draft(harness, openid) or {})["fields"]["amount"] == amount


def test_asking_why_at_a_step_gets_the_reason_not_a_skip(harness: Harness) -> None:
    to_step(harness, "o-whyname", FULL[:-1])
    reply = harness.say("为什么要名字 不写会不会不给办", "o-whyname")
    assert "跳过" in reply and "请核对" not in reply, reply
    assert "请核对" in harness.say("王秀梅 我是他闺女", "o-whyname")  # a name, then who she is
    to_step(harness, "o-whyphone", AT_PHONE)
    reply = harness.say("手机号一定要给吗 我怕东家知道", "o-whyphone")
    assert "不会公开" in reply and "【" not in reply, reply


def test_asking_for_a_number_instead_of_the_form_gets_the_numbers(harness: Harness) -> None:
    assert "第1步" in harness.say("投诉", "o-justphone")
    reply = harness.say("为啥要填这么多 直接给我个电话不行吗", "o-justphone")
    assert "12333" in reply and "第1步" in reply, reply  # the numbers, then where the form stands


def test_a_correction_takes_the_sum_said_to_be_right(harness: Harness) -> None:
    to_step(harness, "o-shaoda", [*AT_AMOUNT, "6500", "三个月"])
    reply = harness.say("等一下 欠的钱我说错了 是7500 少打了一千", "o-shaoda")  # (not the 1000 missed)
    assert "改好了" in reply and (draft(harness, "o-shaoda") or {})["fields"]["amount"] == 7500, reply


@pytest.mark.parametrize(
    ("said", "key", "value"),
    [
        ("哎 人数不对 是13个 还有俩临时的", "workers", 13),
        ("不对 公司名整错了 是隆兴建筑劳务有限公司", "employer", "隆兴建筑劳务有限公司"),
        ("前面地址写错了 不是甘井子 是金州开发区", "site", "金州开发区"),
    ],
)
def test_a_step_named_as_wrong_after_a_sigh_or_前面(
    harness: Harness, said: str, key: str, value: object
) -> None:
    openid = f"o-named-{key}"
    to_step(harness, openid, AT_PHONE)
    assert "改好了" in harness.say(said, openid)
    assert (draft(harness, openid) or {})["fields"][key] == value


def test_agreement_then_confirm_files_it(harness: Harness) -> None:
    to_step(harness, "o-ngaam-ok", FULL)
    assert "QX-" in harness.say("啱 确认", "o-ngaam-ok")


@pytest.mark.parametrize(
    "said",
    # (with or without the word to submit: assent in the worker's own words at the summary)
    [
        "OK确认",
        "嗯嗯没毛病了 确认",
        "现在对了 提交",
        "嗯 就这样 确认吧",
        "妥了 交吧",
        "好嘞 没问题",
        "嗯嗯 就这么报吧",
        "okay",
    ],
)
def test_agreement_run_into_the_confirmation_files_it(harness: Harness, said: str) -> None:
    openid = f"o-ok-{said}"
    to_step(harness, openid, FULL)
    assert "QX-" in harness.say(said, openid)


def test_go_ahead_with_the_filing_word_at_step_one_is_no_employer(harness: Harness) -> None:
    assert "第1步" in harness.say("投诉", "o-go-ahead")
    reply = harness.say("来吧 帮我登记", "o-go-ahead")
    assert "第1步" in reply and not (draft(harness, "o-go-ahead") or {})["fields"].get("employer"), reply


def test_a_remark_that_is_more_than_assent_at_the_summary_files_nothing(harness: Harness) -> None:
    to_step(harness, "o-assent-more", FULL)
    assert "QX-" not in harness.say("好 我再问问老乡", "o-assent-more")


def test_not_knowing_the_firm_s_name_and_asking_what_to_do_is_no_name(harness: Harness) -> None:
    assert "第1步" in harness.say("投诉", "o-no-name")
    reply = harness.say("不晓得厂子叫啥咋整", "o-no-name")
    assert "第2步" not in reply and not (draft(harness, "o-no-name") or {})["fields"].get("employer"), reply


def test_a_site_in_a_place_not_covered_is_the_site_whatever_word_it_uses(harness: Harness) -> None:
    to_step(harness, "o-huolu", AT_SITE)
    reply = harness.say("重庆渝北 一个商场装修的活路", "o-huolu")  # 活路: the job, in south-western speech
    assert "第3步" in reply and (draft(harness, "o-huolu") or {})["fields"]["site"].startswith("重庆"), reply


@pytest.mark.parametrize("said", ["算了下回再登吧 我去问问工友", "先不了 我还没打听清楚老板姓啥"])
def test_putting_off_the_form_at_step_one_stores_nothing(harness: Harness, said: str) -> None:
    openid = f"o-later-{len(said)}"
    assert "第1步" in harness.say("投诉", openid)
    reply = harness.say(said, openid)
    assert "第2步" not in reply and "取消" in reply, reply
    assert not (draft(harness, openid) or {}).get("fields", {}).get("employer")


def test_cancel_with_a_plan_to_ask_first_and_coming_back(harness: Harness) -> None:
    assert "第1步" in harness.say("投诉", "o-askfirst")
    assert "取消" in harness.say("取消 我先问问工友他叫啥", "o-askfirst")
    assert "第1步" in harness.say("那还是投吧", "o-askfirst")


def test_own_share_and_first_month_of_the_year(harness: Harness) -> None:
    assert "第1步" in harness.say("投诉", "o-ownshare")
    harness.say("东莞长安镇 锦丰五金制品厂 我一个人就8400 电话 137 2856 0931", "o-ownshare")
    fields = (draft(harness, "o-ownshare") or {})["fields"]
    assert fields["amount"] == 8400 and "workers" not in fields and fields["employer"] == "锦丰五金制品厂"
    to_step(harness, "o-yuanyue", AT_AMOUNT)
    harness.say("六千八 元月份的 就我一个", "o-yuanyue")
    assert (draft(harness, "o-yuanyue") or {})["fields"]["period"] == "元月份"


def test_traditional_characters_in_the_form(harness: Harness) -> None:
    to_step(harness, "o-fanti", AT_AMOUNT)
    assert "第4步" in harness.say("一萬三", "o-fanti")
    assert (draft(harness, "o-fanti") or {})["fields"]["amount"] == 13000


def test_a_firm_named_by_its_trade_at_step_one(harness: Harness) -> None:
    assert "第1步" in harness.say("投诉", "o-suye")
    reply = harness.say("桐城市双港镇 华泰塑业", "o-suye")  # a firm, not a worker saying where she is
    assert "第2步" in reply and (draft(harness, "o-suye") or {})["fields"]["employer"] == "华泰塑业", reply


def test_months_with_cantonese_wages_at_the_period_step(harness: Harness) -> None:
    to_step(harness, "o-yuefen", [*AT_AMOUNT, "两万"])
    assert "第5步" in harness.say("11月同12月嘅人工", "o-yuefen")  # 人工 is the wages, not a person


def test_asking_leave_to_file_one_starts_the_form(harness: Harness) -> None:
    assert "第1步" in harness.say("那我自己登记一个行不", "o-xingbu")


def test_a_protest_that_it_was_said_before_then_every_value_fills_the_form(harness: Harness) -> None:
    harness.say("投诉", "o-said-before")
    reply = harness.say(
        "前面不是说过了吗 包工头孙立新 开发区物流园工地 四万八 3个人 去年5到9月 电话13700001111",
        "o-said-before",
    )
    assert "回「对」" in reply, reply  # the site offered back; the rest taken
    assert "第7步" in harness.say("对", "o-said-before")
    d = draft(harness, "o-said-before")
    assert d is not None and d["fields"]["period"] == "去年5到9月" and d["fields"]["workers"] == 3, d


@pytest.mark.parametrize(
    "said", ["单位名写错了 应该是宏达不是鸿达 取消重新来", "哎呀公司名打错了 是宏达不是鸿达 取消重来"]
)
def test_a_mistake_then_cancel_and_redo_cancels(harness: Harness, said: str) -> None:
    to_step(harness, "o-redo", AT_SITE)
    reply = harness.say(said, "o-redo")
    assert "取消" in reply and draft(harness, "o-redo") is None, reply


def test_a_rough_crew_size_told_at_the_start_leaves_the_step_to_ask(harness: Harness) -> None:
    harness.say("我要投诉 老板跑路了 我们二十几个人的工钱都没结", "o-rough-crew")
    d = draft(harness, "o-rough-crew")
    assert d is not None and "workers" not in d["fields"], d


def test_northeastern_zheng_ge_files_one(harness: Harness) -> None:
    assert "第1步" in harness.say("给俺整个欠薪投诉", "o-zhengge")


def test_a_landmark_and_the_way_from_it_is_the_site(harness: Harness) -> None:
    to_step(harness, "o-landmark", AT_SITE)
    assert "第3步" in harness.say("市博物馆往东那一片 盖楼那个", "o-landmark")


def test_a_sum_corrected_at_a_later_step_beside_a_head_count_still_to_come(harness: Harness) -> None:
    to_step(harness, "o-later-fix", [*AT_AMOUNT, "6800"])
    reply = harness.say("不对 打错了 是86000 我们五个人的", "o-later-fix")
    d = draft(harness, "o-later-fix")
    assert d is not None and d["fields"]["amount"] == 86000 and "period" not in d["fields"], (reply, d)


def test_asking_whose_sum_to_write_stores_no_head_count(harness: Harness) -> None:
    to_step(harness, "o-whose-sum", AT_AMOUNT)
    reply = harness.say("钱数是写我一个人的还是全班的", "o-whose-sum")
    d = draft(harness, "o-whose-sum")
    assert "第3步" in reply and d is not None and "workers" not in d["fields"], (reply, d)


def test_asking_after_a_case_filed_last_month_starts_no_form(harness: Harness) -> None:
    harness.say("上个月在这报的欠薪 现在咋样了", "o-filed-before")
    assert draft(harness, "o-filed-before") is None


@pytest.mark.parametrize(("said", "name"), [("13900001111 俺姓吴", "吴"), ("13900001111 王桂兰", "王桂兰")])
def test_a_name_beside_the_phone_number_fills_the_name_step(harness: Harness, said: str, name: str) -> None:
    to_step(harness, "o-phone-name", AT_PHONE)
    assert "核对" in harness.say(said, "o-phone-name")
    d = draft(harness, "o-phone-name")
    assert d is not None and d["fields"]["name"] == name, d


def test_a_sum_owed_in_cantonese_beside_the_site(harness: Harness) -> None:
    to_step(harness, "o-owed-zo", AT_SITE)
    assert "第4步" in harness.say("东区科丰路 欠咗我16500", "o-owed-zo")
    d = draft(harness, "o-owed-zo")
    assert d is not None and d["fields"]["amount"] == 16500, d


@pytest.mark.parametrize("said", ["之前没投过 那我现在投一个", "还没登记好吗 那我重新登记一个"])
def test_not_filed_before_so_filing_now_starts_the_form(harness: Harness, said: str) -> None:
    assert "第1步" in harness.say(said, "o-file-now")


def test_a_rough_sum_told_at_the_start_leaves_the_amount_step_to_ask(harness: Harness) -> None:
    harness.say("俺要投诉 老板跑路了 欠俺两万多", "o-rough-sum")
    d = draft(harness, "o-rough-sum")
    assert d is not None and "amount" not in d["fields"], d


def test_a_months_pay_times_the_months_leaves_step_4_to_ask_which(harness: Harness) -> None:
    to_step(harness, "o-rate-months", AT_AMOUNT)
    assert "第4步" in harness.say("我一个月五千 他欠了我三个月的", "o-rate-months")
    d = draft(harness, "o-rate-months")
    assert d is not None and d["fields"]["amount"] == 15000 and "period" not in d["fields"], d


@pytest.mark.parametrize(
    ("said", "amount"), [("一个月四千 两个月 一共八千", 8000), ("每个月四千八 欠咗两个月", 9600)]
)
def test_the_pay_told_at_the_site_step_is_no_site(harness: Harness, said: str, amount: int) -> None:
    to_step(harness, "o-rate-site", AT_SITE)
    harness.say(said, "o-rate-site")
    d = draft(harness, "o-rate-site")
    assert d is not None and "site" not in d["fields"] and d["fields"]["amount"] == amount, d


def test_months_listed_one_after_another_are_the_period(harness: Harness) -> None:
    to_step(harness, "o-months-listed", [*AT_AMOUNT, "两万"])
    assert "第5步" in harness.say("十二月同一月", "o-months-listed")
    d = draft(harness, "o-months-listed")
    assert d is not None and d["fields"]["period"] == "十二月同一月", d


def test_a_place_corrected_with_just_now_between(harness: Harness) -> None:
    to_step(harness, "o-place-fix", [*AT_AMOUNT, "两万"])
    reply = harness.say("噢 地点刚才说错了 不是甘井子 是金州", "o-place-fix")
    d = draft(harness, "o-place-fix")
    assert d is not None and d["fields"]["site"] == "金州", (reply, d)


def test_the_site_offered_is_the_clause_that_says_where(harness: Harness) -> None:
    harness.say("投诉", "o-hint-clause")
    reply = harness.say("做家私嘅 老细叫梁伟强 厂叫伟强家私 喺黄埔鱼珠", "o-hint-clause")
    assert "就在黄埔鱼珠的话" in reply, reply


def test_file_it_in_this_city_after_an_answer(harness: Harness) -> None:
    harness.say("安庆欠薪咋办", "o-file-here")
    assert "第1步" in harness.say("那俺就在黄埔投诉", "o-file-here")


def test_asking_in_pinyin_how_to_file_starts_no_form(harness: Harness) -> None:
    harness.say("gongzi tuoqian zenme tousu", "o-pinyin-how")
    assert draft(harness, "o-pinyin-how") is None


def test_thanks_after_a_question_mid_form_is_answered_as_thanks(harness: Harness) -> None:
    to_step(harness, "o-mid-thanks", AT_SITE)
    harness.say("法律援助找谁", "o-mid-thanks")
    reply = harness.say("好嘞 谢了兄弟", "o-mid-thanks")
    assert reply.startswith("不客气") and draft(harness, "o-mid-thanks") is not None, reply


def test_a_case_filed_days_ago_asked_after_starts_no_form(harness: Harness) -> None:
    harness.say("前几天我在这登记了个欠薪投诉 到现在没人联系 咋回事", "o-days-ago")
    assert draft(harness, "o-days-ago") is None


def test_deng_ji_misheard_as_its_homophone_files(harness: Harness) -> None:
    assert "第1步" in harness.say("我想等级欠薪投诉", "o-dengji")


def test_a_head_count_said_as_the_people_owed_is_taken_at_the_amount_step(harness: Harness) -> None:
    to_step(harness, "o-crew", AT_AMOUNT)
    reply = harness.say("两万三 我们班里一共九个人都没拿到", "o-crew")
    d = draft(harness, "o-crew")
    assert d is not None and d["fields"].get("workers") == 9 and "被欠薪人数 9人" in reply, (reply, d)
    # a count beside the sum that may be a share or a crew is still only offered at step 5
    to_step(harness, "o-crew-hint", AT_AMOUNT)
    harness.say("四万一 六个人的", "o-crew-hint")
    d = draft(harness, "o-crew-hint")
    assert d is not None and "workers" not in d["fields"] and d.get("workers_hint") == 6, d


def test_ones_own_share_beside_the_crew_is_the_amount_and_the_crew_the_count(harness: Harness) -> None:
    to_step(harness, "o-share", AT_AMOUNT)
    harness.say("我一个人是一万四 厂里二十几个人都没发 我们组就7个人都欠着", "o-share")
    d = draft(harness, "o-share")
    assert d is not None and d["fields"]["amount"] == 14000 and d["fields"].get("workers") == 7, d


def test_months_said_as_worked_from_to_are_the_period(harness: Harness) -> None:
    to_step(harness, "o-worked-to", AT_AMOUNT)
    reply = harness.say("两万一 从去年五月干到十月", "o-worked-to")
    d = draft(harness, "o-worked-to")
    assert d is not None and d["fields"].get("period") == "去年五月干到十月" and "第5步" in reply, (reply, d)


def test_asking_whether_one_can_file_up_here_starts_the_form(harness: Harness) -> None:
    harness.say("黄埔老板拖工资咋办", "o-up-here")
    assert "第1步" in harness.say("可以在这上面直接登记不", "o-up-here")
    assert "第1步" in harness.say("俺要灯记个欠薪", "o-misheard")
    # distrust of filing here asks for a person, not the form
    harness.say("黄埔老板拖工资咋办", "o-distrust")
    harness.say("不太放心在这上面填 给个电话", "o-distrust")
    assert draft(harness, "o-distrust") is None


def test_an_edit_with_a_remark_after_its_number_opens_that_step(harness: Harness) -> None:
    to_step(harness, "o-edit-remark", FULL)
    assert "第3步" in harness.say("修改 3 数目写错了", "o-edit-remark")


def test_sula_leaves_the_form(harness: Harness) -> None:
    to_step(harness, "o-sula", AT_PHONE)
    reply = harness.say("算啦", "o-sula")
    assert "取消" in reply and draft(harness, "o-sula") is None, reply
    # beside not wanting to give the step's value it may mean either: asked
    to_step(harness, "o-sula-2", AT_PHONE)
    reply = harness.say("唔想留号码 算啦", "o-sula-2")
    assert "要取消请回复「取消」" in reply and draft(harness, "o-sula-2") is not None, reply


def test_a_days_pay_times_the_days_worked_is_the_sum(harness: Harness) -> None:
    to_step(harness, "o-daily", AT_AMOUNT)
    reply = harness.say("说不准 按天算的 干了60天 一天300", "o-daily")
    d = draft(harness, "o-daily")
    assert d is not None and d["fields"].get("amount") == 18000 and "第4步" in reply, (reply, d)


def test_values_split_by_commas_after_a_bare_sum_are_all_read(harness: Harness) -> None:
    to_step(harness, "o-commas", AT_AMOUNT)
    reply = harness.say("5000，10月到11月的，就我一个人", "o-commas")
    d = draft(harness, "o-commas")
    assert d is not None and d["fields"].get("amount") == 5000 and d["fields"].get("workers") == 1, d
    assert "第6步" in reply, reply


def test_wanting_to_file_with_you_starts_the_form(harness: Harness) -> None:
    harness.say("我在佛山", "o-with-you")
    assert "第1步" in harness.say("老板拖着工钱 想在你这投诉", "o-with-you")


@pytest.mark.parametrize(
    ("openid", "answers", "text"),
    [
        ("o-not-after-all", AT_PHONE, "算了 还是先不登记了"),
        ("o-hunan", AT_SITE, "算哒 我还是先打电话问下 不登记哒"),  # (哒: Hunan 了)
    ],
)
def test_not_filing_after_all_leaves_the_form(
    harness: Harness, openid: str, answers: list[str], text: str
) -> None:
    to_step(harness, openid, answers)
    reply = harness.say(text, openid)
    assert "取消" in reply and draft(harness, openid) is None, reply


def test_a_case_filed_here_before_asked_after_by_its_number_starts_no_form(harness: Harness) -> None:
    reply = harness.say("上回在你们这里登记过工钱的事 投诉编号找不着了 帮忙查查", "o-number-lost")
    assert "第1步" not in reply and draft(harness, "o-number-lost") is None, reply
    assert "第1步" in harness.say("帮我写一份工资投诉", "o-write-one")  # writing one here is filing
    assert "第1步" in harness.say("厂里拖了工钱 我要走个投诉", "o-go-through")  # going through one too


def test_filing_for_a_brother_starts_the_form(harness: Harness) -> None:
    assert "第1步" in harness.say("我替我哥投诉 他工地的钱没结", "o-for-brother")


def test_a_head_count_said_with_who_is_owed_is_taken(harness: Harness) -> None:
    # at the period step: the months, and the two people owed (「就我」 there is no count of one)
    to_step(harness, "o-with-whom", [*AT_AMOUNT, "两万"])
    reply = harness.say("去年9月到12月 就我跟我表弟两个人", "o-with-whom")
    d = draft(harness, "o-with-whom")
    assert d is not None and d["fields"].get("workers") == 2, (reply, d)
    assert d["fields"].get("period") == "去年9月到12月" and "第6步" in reply, (reply, d)
    # a couple owed together, and those owed alongside the worker, beside the sum
    for openid, text, count in [
        ("o-couple", "一万一 欠了两个月 就我们两口子", 2),
        ("o-alongside", "我自己八千 一起被欠的还有十一个人", 11),
        ("o-alone", "七千五 今年1月到3月 就我自己", 1),
        ("o-alone-digit", "六千八 去年11月到12月 就我1个人", 1),
        ("o-crew-bare", "三万一 今年1月和2月 一共我们四个", 4),  # counted with no noun after 个
        ("o-crew-owed", "两万五 今年1月到3月 一块欠薪的有6个", 6),  # those owed, with no noun
        ("o-total", "九千 11月到1月 我和老乡加上另外三个 总共5个人", 5),  # the total over a part
    ]:
        to_step(harness, openid, AT_AMOUNT)
        reply = harness.say(text, openid)
        d = draft(harness, openid)
        assert d is not None and d["fields"].get("workers") == count, (text, reply, d)
    # whose the sum is (「…两个人的」) is still only offered (writers split: bench/README.md, round 156)
    to_step(harness, "o-whose", AT_AMOUNT)
    harness.say("两万多 我跟我老婆两个人的", "o-whose")
    d = draft(harness, "o-whose")
    assert d is not None and "workers" not in d["fields"] and d.get("workers_hint") == 2, d


def test_the_months_of_the_work_told_at_the_first_step_are_the_period(harness: Harness) -> None:
    harness.say("工钱没结 我要登记", "o-work-months")
    reply = harness.say("包工头姓周 我们五个人 干的是今年春天3月到5月", "o-work-months")
    d = draft(harness, "o-work-months")
    assert d is not None and d["fields"].get("period") == "3月到5月", (reply, d)
    assert "月" not in d["fields"]["employer"] and d["fields"].get("workers") == 5, d


def test_the_months_owed_told_when_filing_are_noted(harness: Harness) -> None:
    reply = harness.say("公司欠了10月11月两个月工资 我要投诉", "o-months-owed")
    d = draft(harness, "o-months-owed")
    assert d is not None and "10月11月" in str(d["fields"].get("period")), (reply, d)
    # how long is not which months, in a clause of its own or not: step 4 still asks
    for openid, text in [
        ("o-how-long", "厂里四个月没发工资了 我要投诉"),
        ("o-how-long-2", "工资拖了四个月 想登记投诉"),
    ]:
        harness.say(text, openid)
        d = draft(harness, openid)
        assert d is not None and "period" not in d["fields"], (text, d)


def test_asking_to_fill_or_to_file_one_more_starts_the_form(harness: Harness) -> None:
    assert "第1步" in harness.say("投诉的表在哪里 我要填", "o-fill")
    assert "第1步" in harness.say("我想替我对象登记一下 他老板拖着钱不给", "o-for-partner")
    assert "第1步" in harness.say("还能再登记一个吗 另外一个包工头也欠着", "o-one-more")
    assert "第1步" in harness.say("我那再投诉一次行不", "o-once-more")
    assert "第1步" in harness.say("不是我的 是我堂弟的 他还没登记 现在替他登", "o-for-cousin")
    # one filed before, said as such, starts none
    harness.say("是我帮我老表登记的 那个咋还没动静", "o-filed-for")
    assert draft(harness, "o-filed-for") is None


def test_asking_to_file_again_mid_form_keeps_the_form(harness: Harness) -> None:
    harness.say("我要投诉欠薪", "o-again")
    assert "正在登记" in harness.say("我要投诉欠薪", "o-again")
    d = draft(harness, "o-again")
    assert d is not None and "employer" not in d["fields"], d


def test_months_listed_by_number_with_spaces_are_the_period(harness: Harness) -> None:
    to_step(harness, "o-spaced-months", AT_AMOUNT)
    reply = harness.say("欠的是10 11两个月 一共九千", "o-spaced-months")
    d = draft(harness, "o-spaced-months")
    assert d is not None and d["fields"].get("amount") == 9000, (reply, d)
    assert d["fields"].get("period") == "10和11两个月" and "第5步" in reply, (reply, d)


def test_a_crew_counted_by_its_trade_is_the_head_count(harness: Harness) -> None:
    to_step(harness, "o-guards", AT_AMOUNT)
    reply = harness.say("我们七个保安 一共两万一", "o-guards")
    d = draft(harness, "o-guards")
    assert d is not None and d["fields"].get("workers") == 7, (reply, d)


def test_another_topics_question_at_the_head_count_step_is_answered(harness: Harness) -> None:
    to_step(harness, "o-kids-q", [*AT_AMOUNT, "两万", "三个月"])
    reply = harness.say("家里俩娃在老家没人管 有啥帮扶没有", "o-kids-q")
    d = draft(harness, "o-kids-q")
    assert d is not None and "workers" not in d["fields"] and "第5步" in reply, (reply, d)
    # and looking the complaint up mid-form is the status, not a name
    to_step(harness, "o-look-up", AT_NAME)
    assert "投诉" in harness.say("查一下我刚才那个投诉", "o-look-up")
    d = draft(harness, "o-look-up")
    assert d is not None and "name" not in d["fields"], d


def test_asking_how_to_register_the_arrears_starts_the_form(harness: Harness) -> None:
    assert "第1步" in harness.say("老板还差我们俩月的钱 想问下咋登记", "o-how-register")
    assert "第1步" in harness.say("欠薪登记 咋个弄", "o-how-register-2")
    harness.say("就业在线怎么登记", "o-job-register")  # registering for jobs is no complaint
    assert draft(harness, "o-job-register") is None


def test_a_relative_alone_and_a_span_to_a_festival_are_answers(harness: Harness) -> None:
    to_step(harness, "o-he-alone", [*AT_AMOUNT, "两万", "三个月"])
    assert "第6步" in harness.say("就他自己", "o-he-alone")
    to_step(harness, "o-span", [*AT_AMOUNT, "两万"])
    reply = harness.say("从去年中秋后面干到过小年", "o-span")
    d = draft(harness, "o-span")
    assert d is not None and d["fields"].get("period") and "第5步" in reply, (reply, d)


def test_the_months_of_the_work_beside_the_sum_are_the_period(harness: Harness) -> None:
    to_step(harness, "o-of-the-work", AT_AMOUNT)
    reply = harness.say("一万二 是去年9月到11月的活", "o-of-the-work")
    d = draft(harness, "o-of-the-work")
    assert d is not None and d["fields"].get("period") == "去年9月到11月" and "第5步" in reply, (reply, d)


# -- round 79 ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("openid", "text"),
    [
        ("o-typed-by-sound", "我想登计欠心"),  # 登记欠薪, typed by sound
        ("o-can-then-will", "大连这边能登记欠薪不 我要登记"),  # whether one can, then the wish to
    ],
)
def test_asking_to_file_in_other_words_starts_the_form(harness: Harness, openid: str, text: str) -> None:
    assert "第1步" in harness.say(text, openid)


def test_a_firm_named_by_its_trade_answers_the_employer_step(harness: Harness) -> None:
    assert "第1步" in harness.say("帮我老乡登记欠薪", "o-trade")
    reply = harness.say("安庆 顺发汽修", "o-trade")  # (汽修 is also a course one may ask about)
    assert "第2步" in reply, reply
    assert (draft(harness, "o-trade") or {})["fields"]["employer"] == "安庆 顺发汽修"


def test_just_him_is_a_head_count_beside_the_sum_but_not_at_the_employer_step(harness: Harness) -> None:
    to_step(harness, "o-just-him", AT_AMOUNT)
    harness.say("九千二 十一月到现在 就他一个", "o-just-him")
    assert (draft(harness, "o-just-him") or {})["fields"].get("workers") == 1
    assert "第1步" in harness.say("投诉", "o-boss-alone")
    harness.say("包工头叫刘大海 没公司 就他一个人", "o-boss-alone")  # the boss works alone
    assert "workers" not in (draft(harness, "o-boss-alone") or {})["fields"]


def test_an_item_changed_with_its_new_value_goes_back_to_the_summary(harness: Harness) -> None:
    to_step(harness, "o-edit-inline", [*AT_NAME, "李四"])
    reply = harness.say("修改 3 其实是两万三", "o-edit-inline")
    assert "请核对" in reply and "23000元" in reply, reply
    to_step(harness, "o-edit-remark", [*AT_NAME, "李四"])
    assert "第3步" in harness.say("修改 3 钱写错了", "o-edit-remark")  # a remark, not a value: asked


def test_asking_for_details_mid_form_gets_the_rest_of_the_answer_just_given(harness: Harness) -> None:
    to_step(harness, "o-details", AT_AMOUNT)
    harness.say("打官司是不是得自己出钱请律师", "o-details")
    reply = harness.say("具体说说", "o-details")
    assert "12348" in reply and "还没填完" in reply and "第3步：没看懂" not in reply, reply


def test_ones_own_share_told_beside_a_rough_share_each_is_the_amount(harness: Harness) -> None:
    to_step(harness, "o-my-part", AT_AMOUNT)
    assert "第4步" in harness.say("大伙每人八千多 我这份是八千六", "o-my-part")
    assert (draft(harness, "o-my-part") or {})["fields"]["amount"] == 8600


# -- round 80 ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("openid", "text"),
    [
        ("o-together", "我们几个要一起投诉老板"),  # filing together
        ("o-now-then", "之前没投诉过 那我现在投诉 工头欠钱不给"),  # not before, so now
    ],
)
def test_filing_together_or_now_starts_the_form(harness: Harness, openid: str, text: str) -> None:
    assert "第1步" in harness.say(text, openid)


def test_deciding_to_call_the_hotline_instead_asks_about_leaving(harness: Harness) -> None:
    to_step(harness, "o-call-instead", AT_AMOUNT)
    reply = harness.say("算了 还是直接去劳动监察吧", "o-call-instead")
    assert reply.startswith("你是想取消") or draft(harness, "o-call-instead") is None, reply


def test_a_month_by_name_and_last_month_beside_the_sum_are_the_months_owed(harness: Harness) -> None:
    to_step(harness, "o-december", AT_AMOUNT)
    harness.say("7100 十一月的 就我一个人", "o-december")  # 十一月 is November, not eleven months
    assert (draft(harness, "o-december") or {})["fields"].get("period") == "十一月"
    to_step(harness, "o-last-month", AT_AMOUNT)
    harness.say("3900 上个月的", "o-last-month")
    assert (draft(harness, "o-last-month") or {})["fields"].get("period") == "上个月"
    to_step(harness, "o-only-me-hk", [*AT_AMOUNT, "八千"])
    harness.say("年尾两个月 得我一个", "o-only-me-hk")  # Cantonese: only me
    assert (draft(harness, "o-only-me-hk") or {})["fields"].get("workers") == 1


def test_a_sum_first_then_a_remark_answers_the_amount_being_changed(harness: Harness) -> None:
    to_step(harness, "o-sum-remark", [*AT_NAME, "李四"])
    harness.say("修改 3", "o-sum-remark")
    reply = harness.say("六千一 还有几天的加班费没算", "o-sum-remark")  # (加班费: no question of its own)
    assert "请核对" in reply and "6100元" in reply, reply


# -- round 81 ------------------------------------------------------------------------------------------


def test_confirming_then_saying_it_is_right_files_it(harness: Harness) -> None:
    to_step(harness, "o-confirm-ok", [*AT_NAME, "李四"])
    assert "已登记" in harness.say("确认 都对", "o-confirm-ok")


def test_the_sum_to_write_said_with_an_by_and_an_item_changed_after_a_remark(harness: Harness) -> None:
    to_step(harness, "o-write-by", AT_AMOUNT)
    assert "第4步" in harness.say("一万三左右吧 按一万三千二写", "o-write-by")
    assert (draft(harness, "o-write-by") or {})["fields"]["amount"] == 13200
    to_step(harness, "o-edit-remark-value", [*AT_NAME, "李四"])
    reply = harness.say("修改 3 刚才看错了 是八千一", "o-edit-remark-value")
    assert "请核对" in reply and "8100元" in reply, reply


def test_a_name_after_a_slip_taken_back(harness: Harness) -> None:
    to_step(harness, "o-name-slip", AT_NAME)
    reply = harness.say("李…不对 我叫赵刚", "o-name-slip")
    assert "请核对" in reply and "赵刚" in reply, reply


def test_crews_counted_with_sa_and_hao(harness: Harness) -> None:
    to_step(harness, "o-sa", [*AT_AMOUNT, "两万"])
    harness.say("10月11月的 我们班仨人", "o-sa")
    assert (draft(harness, "o-sa") or {})["fields"].get("workers") == 3
    to_step(harness, "o-hao", [*AT_AMOUNT, "两万"])
    harness.say("去年8月到11月 全厂四十多号人", "o-hao")
    assert (draft(harness, "o-hao") or {})["fields"].get("workers") == 40


def test_leaving_to_ask_a_workmate_how_much_is_taken_as_leaving(harness: Harness) -> None:
    to_step(harness, "o-ask-mate", AT_AMOUNT)  # (the workmate is asked how much: no question to us)
    reply = harness.say("等下 我先问问工友到底欠多少 今天先不填了", "o-ask-mate")
    assert reply.startswith("你是想取消") or draft(harness, "o-ask-mate") is None, reply


def test_what_a_workmate_must_be_asked_then_leaving_asks_about_leaving(harness: Harness) -> None:
    # 「具体多少…」 is what the workmate will be asked, and 「再等几天」 is waiting: neither asks us
    to_step(harness, "o-ask-then-go", AT_AMOUNT)
    reply = harness.say("到底多少我还得问问老乡 先取消 回头再弄", "o-ask-then-go")
    assert "取消" in reply and "答不上来" not in reply, reply
    to_step(harness, "o-wait-then-go", AT_AMOUNT)
    reply = harness.say("算了吧 我再等几天瞧瞧 先不登了", "o-wait-then-go")
    assert "取消" in reply and "答不上来" not in reply, reply


def test_not_now_then_asking_the_boss_leaves_rather_than_naming_the_employer(harness: Harness) -> None:
    harness.say("投诉", "o-not-yet-boss")
    reply = harness.say("先别了 我回头问问工头", "o-not-yet-boss")
    assert "取消" in reply and "第2步" not in reply, reply


def test_enrolling_somewhere_is_not_a_complaint(harness: Harness) -> None:
    assert "第1步" not in harness.say("你们这能帮我报个驾校不", "o-enrol")


# -- round 82 ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("openid", "text"),
    [
        ("o-will-how", "我要登记欠的工资 怎么弄"),  # registering here is the how
    ],
)
def test_wishing_to_register_however_it_is_asked_starts_the_form(
    harness: Harness, openid: str, text: str
) -> None:
    assert "第1步" in harness.say(text, openid)


# -- round 84 ------------------------------------------------------------------------------------------


def test_asking_us_to_help_register_starts_the_form(harness: Harness) -> None:
    assert "第1步" in harness.say("你们能帮忙登记被欠的工钱不", "o-help-register")


def test_a_crew_counted_by_its_workshop_and_months_up_to_the_new_year(harness: Harness) -> None:
    to_step(harness, "o-workshop", AT_AMOUNT)
    harness.say("九千 十月份到过年前 我们车间9个", "o-workshop")
    d = draft(harness, "o-workshop") or {}
    assert d["fields"].get("workers") == 9 and d["fields"].get("period") == "十月份到过年前", d


# -- round 85 ------------------------------------------------------------------------------------------


def test_the_months_worked_told_with_the_site_are_the_period(harness: Harness) -> None:
    to_step(harness, "o-site-months", AT_SITE)
    reply = harness.say("哈尔滨道外区 仓库翻修的活 今年3月到7月干的", "o-site-months")
    d = draft(harness, "o-site-months") or {}
    assert d["fields"].get("period") == "今年3月到7月", d
    assert "3月" not in d["fields"].get("site", ""), d  # the place without the months
    assert "第3步" in reply, reply


def test_months_beside_a_sum_the_worker_chose_to_write_are_kept(harness: Harness) -> None:
    to_step(harness, "o-write-months", AT_AMOUNT)
    harness.say("9月10月的 大概八千多 就写8300", "o-write-months")
    d = draft(harness, "o-write-months") or {}
    assert d["fields"].get("amount") == 8300 and d["fields"].get("period") == "9月10月", d


def test_months_or_a_head_count_the_worker_cannot_give_are_noted_as_unknown(harness: Harness) -> None:
    # Not kept at a step the worker cannot answer: the staff ask when they call. (The sum, which a
    # case needs, is still asked again with a hint.)
    to_step(harness, "o-unknown", [*AT_AMOUNT, "两万"])
    reply = harness.say("拖了有些日子了 具体记不清", "o-unknown")
    assert "不清楚" in reply and "第5步" in reply, reply
    reply = harness.say("不知道到底有多少人", "o-unknown")
    assert "不清楚" in reply and "第6步" in reply, reply
    harness.say("13912345678", "o-unknown")
    summary = harness.say("跳过", "o-unknown")
    assert "被欠薪人数：不清楚" in summary and "拖了有些日子了 具体记不清" in summary, summary
    assert "已登记" in harness.say("确认", "o-unknown")
    row = harness.services.store.conn.execute("SELECT period, workers FROM complaints").fetchone()
    assert (row[0], row[1]) == ("拖了有些日子了 具体记不清", None)


def test_a_head_count_at_the_period_step_is_not_stored_as_the_period(harness: Harness) -> None:
    # The worker went on past the months: the count is kept, the months noted as not known (the
    # summary shows them, and 「修改 4」 gives them), and the form goes on to the phone.
    to_step(harness, "o-count-at-period", [*AT_AMOUNT, "两万"])
    reply = harness.say("我们班组一共有11个人", "o-count-at-period")
    d = draft(harness, "o-count-at-period") or {}
    assert d["fields"].get("period") == "不清楚" and d["fields"].get("workers") == 11, d
    assert "第6步" in reply, reply


def test_a_head_count_in_a_clause_of_its_own_beside_the_sum_is_taken(harness: Harness) -> None:
    to_step(harness, "o-count-clause", AT_AMOUNT)
    reply = harness.say("八万八 十一个人 都是7月到10月的", "o-count-clause")
    d = draft(harness, "o-count-clause") or {}
    assert d["fields"].get("workers") == 11 and d["fields"].get("period") == "7月到10月", d
    assert "第6步" in reply, reply


def test_a_crew_that_came_together_and_a_span_to_the_end_of_a_month(harness: Harness) -> None:
    to_step(harness, "o-came-together", AT_AMOUNT)
    harness.say("两万四 从九月干到十一月底 我们一块来的有六个", "o-came-together")
    d = draft(harness, "o-came-together") or {}
    assert d["fields"].get("workers") == 6 and d["fields"].get("period") == "九月干到十一月底", d


# -- round 89 ------------------------------------------------------------------------------------------


def test_a_days_pay_said_first_times_the_days_in_words_is_the_sum(harness: Harness) -> None:
    to_step(harness, "o-day-rate", AT_AMOUNT)
    reply = harness.say("一天两百五 干了六十天", "o-day-rate")
    assert (draft(harness, "o-day-rate") or {})["fields"].get("amount") == 15000
    assert "第4步" in reply, reply
    to_step(harness, "o-day-rate-2", AT_AMOUNT)
    harness.say("每天300 干了一个月零十天", "o-day-rate-2")
    assert (draft(harness, "o-day-rate-2") or {})["fields"].get("amount") == 12000


def test_a_phone_spelt_digit_by_digit_or_with_dots_is_the_phone(harness: Harness) -> None:
    to_step(harness, "o-phone-dots", AT_PHONE)
    reply = harness.say("我的号码：1 5 8 0 4 1 1 6 2 3 7", "o-phone-dots")
    assert "第7步" in reply, reply
    to_step(harness, "o-phone-dots-2", AT_PHONE)
    assert "第7步" in harness.say("电话 135.0411.9876", "o-phone-dots-2")


def test_months_told_with_the_work_they_paid_for_are_the_period(harness: Harness) -> None:
    to_step(harness, "o-season-work", AT_AMOUNT)
    harness.say("一万二 是7月到9月摘果子那阵的工钱", "o-season-work")
    assert (draft(harness, "o-season-work") or {})["fields"].get("period") == "7月到9月"


def test_changing_an_answered_step_before_the_summary_goes_back_to_where_it_was(harness: Harness) -> None:
    to_step(harness, "o-back", AT_NAME)  # at the name step, with the sum already given
    assert "第3步" in harness.say("修改3", "o-back")
    assert "第7步" in harness.say("两万三", "o-back")  # the changed sum, then the step left open
    assert (draft(harness, "o-back") or {})["fields"]["amount"] == 23000
    # a step not reached yet has nothing to change: the name is not asked out of turn
    to_step(harness, "o-ahead", AT_AMOUNT)
    assert "第7步" not in harness.say("修改 7", "o-ahead")


def test_a_crew_said_as_we_three_beside_the_months(harness: Harness) -> None:
    to_step(harness, "o-three", [*AT_AMOUNT, "两万"])
    assert "第6步" in harness.say("八月到十一月 咱们仨", "o-three")
    assert (draft(harness, "o-three") or {})["fields"]["workers"] == 3


def test_not_knowing_the_sum_and_putting_it_off_asks_whether_to_cancel(harness: Harness) -> None:
    to_step(harness, "o-later", AT_AMOUNT)
    reply = harness.say("欠多少我也说不清 要跟工友对一下 算了 回头再说", "o-later")
    assert "取消" in reply and "第3步" in reply, reply  # asked, not dropped, and the step kept
    assert draft(harness, "o-later") is not None


def test_wanting_to_file_again_after_a_pause_goes_on_with_the_kept_draft(harness: Harness) -> None:
    to_step(harness, "o-resume", AT_AMOUNT)
    assert "留着" in harness.say("等一下再弄 我先跟工友商量下", "o-resume")
    reply = harness.say("下班了 我要登记欠薪", "o-resume")
    assert "第3步" in reply and "前面填的还在" in reply, reply
    assert "第4步" in harness.say("一万二", "o-resume")  # the answers count again
    assert (draft(harness, "o-resume") or {})["fields"]["amount"] == 12000


def test_not_remembering_the_days_beside_the_months_gives_the_months(harness: Harness) -> None:
    to_step(harness, "o-months", [*AT_AMOUNT, "两万"])
    assert "第5步" in harness.say("具体几号记不得了 反正是9月10月", "o-months")
    assert (draft(harness, "o-months") or {})["fields"]["period"]
    to_step(harness, "o-asks", [*AT_AMOUNT, "两万"])
    assert "第5步" not in harness.say("这个登完要多久 年前能拿到钱不", "o-asks")  # a question, not months


def test_a_wish_to_file_after_a_status_answer_starts_the_form(harness: Harness) -> None:
    harness.say("我的投诉怎么样了", "o-never")
    assert "第1步" in harness.say("没投诉过呢 想投诉", "o-never")


def test_looking_something_up_pauses_and_says_what_the_step_asks(harness: Harness) -> None:
    to_step(harness, "o-lookup", AT_AMOUNT)
    reply = harness.say("稍等 我去翻一下账本", "o-lookup")
    assert "留着" in reply and "多少钱" in reply, reply
    # What the records will tell is no question to the bot: 「看看是哪天」 asks the worker's phone.
    to_step(harness, "o-lookup2", AT_PERIOD)
    reply = harness.say("等等 我查下手机转账记录看看从哪天开始欠的", "o-lookup2")
    assert "留着" in reply and "哪段时间" in reply, reply


def test_the_sum_the_worker_counts_beats_the_one_the_boss_names(harness: Harness) -> None:
    to_step(harness, "o-counts", AT_AMOUNT)
    assert "第4步" in harness.say("不好说 老板讲欠我八千 我算着有九千二", "o-counts")
    assert (draft(harness, "o-counts") or {})["fields"]["amount"] == 9200


def test_going_to_find_something_out_pauses_and_a_wish_to_file_resumes(harness: Harness) -> None:
    harness.say("我要投诉欠薪", "o-findout")
    reply = harness.say("等我问问工友老板全名 一会儿再来", "o-findout")
    assert "留着" in reply and "第1步" in reply, reply
    assert "第1步" in harness.say("打听到了 现在就登记", "o-findout")
    assert "第2步" in harness.say("鑫达装饰 老板孙某", "o-findout")


def test_no_need_at_the_name_step_skips_the_name(harness: Harness) -> None:
    to_step(harness, "o-noneed", AT_NAME)
    assert "核对" in harness.say("不用了", "o-noneed")


def test_of_a_sum_agreed_paid_and_still_owed_the_one_still_owed_is_taken(harness: Harness) -> None:
    to_step(harness, "o-still", AT_AMOUNT)
    assert "第4步" in harness.say("讲好八千 先给了三千 还欠五千", "o-still")
    assert (draft(harness, "o-still") or {})["fields"]["amount"] == 5000


def test_a_goodbye_mid_form_keeps_the_draft_for_later(harness: Harness) -> None:
    to_step(harness, "o-bye", AT_SITE)
    reply = harness.say("行 先这样吧", "o-bye")
    assert "第2步：在哪里干的活" not in reply.split("——")[0], reply  # not the step again, as if answered
    d = draft(harness, "o-bye") or {}
    assert d.get("paused") and d["fields"]["employer"] == "宏达建筑劳务公司", d
    assert "第3步" in harness.say("大连甘井子某某工地", "o-bye")


def test_a_phone_out_of_use_at_the_phone_step_is_told_another_will_do(harness: Harness) -> None:
    to_step(harness, "o-cutoff", AT_PHONE)
    reply = harness.say("稍等 我这手机停机了 留我媳妇的行不", "o-cutoff")
    assert "也行" in reply and "第6步" in reply, reply
    assert "第7步" in harness.say("13912345678", "o-cutoff")
    # hardship told with it and asked about is answered, and the form waits at the phone
    to_step(harness, "o-broke", AT_PHONE)
    reply = harness.say("电话欠费停了 这几天饭都吃不上了 哪里能救救急", "o-broke")
    assert "也行" not in reply and "临时救助" in reply and "第6步" in reply, reply
    # a WeChat id offered: staff call, so a phone is still asked for; a number beside it is taken
    to_step(harness, "o-wechat", AT_PHONE)
    reply = harness.say("就加我微信吧 这个号", "o-wechat")
    assert "微信号这边看不到" in reply and "第6步" in reply, reply
    assert "第7步" in harness.say("138 2211 3344 微信同号", "o-wechat")


def test_a_worry_that_the_boss_sees_the_phone_gets_the_reason(harness: Harness) -> None:
    to_step(harness, "o-worry", AT_PHONE)
    assert "不会公开" in harness.say("电话号码老板能看到吗", "o-worry")
    assert "不会公开" in harness.say("手机号给了 王哥会知道不", "o-worry")  # the foreman, by name
    assert "第7步" in harness.say("13912345678 别让东家知道就行", "o-worry")


def test_having_to_file_starts_the_form_and_is_no_status_question(harness: Harness) -> None:
    # 得 sounds like 的: 「我得投诉」 (I must complain) is not 「我的投诉」 (my complaint)
    assert "第1步" in harness.say("包工头跑没影了 我得投诉他", "o-must")


def test_wanting_to_file_online_starts_the_form(harness: Harness) -> None:
    assert "第1步" in harness.say("工钱拖着不给 我要在网上投诉", "o-online")


def test_an_item_said_to_be_wrong_at_the_summary_is_asked_again(harness: Harness) -> None:
    to_step(harness, "o-wrong", FULL)
    assert "第6步" in harness.say("电话号码填错了 帮我改一下", "o-wrong")
    assert "核对" in harness.say("13912345670", "o-wrong")
    assert (draft(harness, "o-wrong") or {})["fields"]["phone"] == "13912345670"
    assert "已登记" in harness.say("中 确认", "o-wrong")  # (中: Henan for 好)


def test_asking_not_to_give_the_phone_gets_the_reason(harness: Harness) -> None:
    to_step(harness, "o-nophone", AT_PHONE)
    assert "不会公开" in harness.say("可以不留手机吗", "o-nophone")
    assert "不会公开" in harness.say("为啥非得留号码", "o-nophone")


def test_the_answer_after_a_pause_is_taken_though_it_says_more(harness: Harness) -> None:
    to_step(harness, "o-found", AT_AMOUNT)
    assert "留着" in harness.say("稍等 我去翻一下账本", "o-found")
    assert "第4步" in harness.say("翻到了 总共是八千二百块", "o-found")
    assert (draft(harness, "o-found") or {})["fields"]["amount"] == 8200


@pytest.mark.parametrize("ask", ["我要讨工钱 帮我立个案", "重新登记吧", "那我再报一个可以吗"])
def test_more_ways_to_start_the_form(harness: Harness, ask: str) -> None:
    assert "第1步" in harness.say(ask, "o-more-start")


def test_thanks_to_the_leave_question_at_the_summary_keeps_it(harness: Harness) -> None:
    to_step(harness, "o-thanks-sum", FULL)
    assert "取消" in harness.say("老板刚说明天就给钱 先不交了", "o-thanks-sum")
    reply = harness.say("好的 谢谢", "o-thanks-sum")
    assert "不客气" in reply and "确认" in reply, reply  # thanked, and reminded how to file it later
    assert draft(harness, "o-thanks-sum") is not None


def test_where_without_the_name_the_worker_forgot_is_the_site(harness: Harness) -> None:
    to_step(harness, "o-forgot", AT_SITE)
    assert "第3步" in harness.say("哈尔滨道外区 一个仓库 叫啥名字记不得了", "o-forgot")
    assert (draft(harness, "o-forgot") or {})["fields"]["site"] == "哈尔滨道外区 一个仓库"


def test_the_workers_own_sum_said_first_beats_the_crews(harness: Harness) -> None:
    to_step(harness, "o-mine-first", AT_AMOUNT)
    reply = harness.say("我一万八 整个班组快二十万", "o-mine-first")
    d = draft(harness, "o-mine-first")
    assert d is not None and d["fields"].get("amount") == 18000 and "第4步" in reply, (reply, d)


def test_the_bosss_phone_is_not_the_number_to_call_the_worker_on(harness: Harness) -> None:
    harness.say("工头跑了 我要投诉", "o-boss-phone")
    harness.say("工头叫赵德发 手机13607781234 一直关机", "o-boss-phone")
    d = draft(harness, "o-boss-phone")
    assert d is not None and "phone" not in d["fields"], d
    for answer in ["沈阳皇姑区一个小区工地", "九千", "去年10月到12月", "3"]:
        reply = harness.say(answer, "o-boss-phone")
    assert "第6步" in reply, reply  # still asked for the worker's own number
    # the worker's own, said with the boss named before it, is taken
    harness.say("老板欠钱 要登记", "o-own-phone")
    harness.say("老板姓孙 有事打我电话13912345678", "o-own-phone")
    assert (draft(harness, "o-own-phone") or {}).get("fields", {}).get("phone") == "13912345678"


def test_who_was_owed_said_at_the_name_step_is_no_name(harness: Harness) -> None:
    to_step(harness, "o-pair-name", AT_NAME)
    reply = harness.say("仨 我跟俩老乡", "o-pair-name")
    d = draft(harness, "o-pair-name")
    assert d is not None and "name" not in d["fields"] and "称呼" in reply, (reply, d)
    assert "核对" in harness.say("老周", "o-pair-name")


def test_a_value_promised_for_later_pauses_and_a_bare_value_resumes(harness: Harness) -> None:
    to_step(harness, "o-later", AT_PHONE)
    reply = harness.say("电话我明天再发你", "o-later")
    d = draft(harness, "o-later")
    assert "取消" not in reply.split("；")[0] and d is not None and d.get("paused"), (reply, d)
    reply = harness.say("13912345678", "o-later")  # the value itself, later: the form goes on
    d = draft(harness, "o-later")
    assert d is not None and d["fields"].get("phone") == "13912345678" and "第7步" in reply, (reply, d)


def test_holiday_days_a_name_and_a_count_with_me_are_read_beside_the_sum(harness: Harness) -> None:
    to_step(harness, "o-holiday-days", AT_AMOUNT)
    reply = harness.say("两千四 欠的是除夕到初五 连我五个人", "o-holiday-days")
    d = draft(harness, "o-holiday-days")
    assert d is not None and d["fields"].get("period") == "除夕到初五", (reply, d)
    assert d["fields"].get("workers") == 5 and "第6步" in reply, (reply, d)
    to_step(harness, "o-name-aside", [*AT_AMOUNT, "两万"])
    harness.say("今年1月到3月 我叫刘建国 电话13912345678", "o-name-aside")
    d = draft(harness, "o-name-aside")
    assert d is not None and d["fields"].get("period") == "今年1月到3月", d
    # a sum not understood is asked for again in words that say what is wanted
    to_step(harness, "o-vague-sum", AT_AMOUNT)
    assert "多少钱" in harness.say("好几万 得回去翻账本", "o-vague-sum")


def test_asking_where_to_complain_in_this_city_starts_no_form(harness: Harness) -> None:
    harness.say("我在大连", "o-where-here")
    reply = harness.say("老板欠工资 那在这投诉找哪", "o-where-here")
    assert "第1步" not in reply and "【大连·欠薪】" in reply, reply


def test_no_thanks_and_a_call_first_leaves_the_form_at_the_first_step(harness: Harness) -> None:
    harness.say("我要投诉欠薪", "o-no-thanks")
    reply = harness.say("不了 我先打个电话问问", "o-no-thanks")
    d = draft(harness, "o-no-thanks")
    assert "取消" in reply and (d is None or "employer" not in d["fields"]), (reply, d)


def test_whom_the_work_was_for_at_the_first_step_is_the_employer(harness: Harness) -> None:
    harness.say("我要投诉欠薪", "o-worked-for")
    reply = harness.say("张德胜 他是给城建下面一个劳务队干的", "o-worked-for")
    d = draft(harness, "o-worked-for")
    assert "第2步" in reply and d is not None and "张德胜" in d["fields"]["employer"], (reply, d)


def test_a_wish_to_stop_for_now_told_with_who_said_so_asks_to_confirm(harness: Harness) -> None:
    to_step(harness, "o-dad-says", AT_SITE)
    reply = harness.say("我妈说先别投 她想再问问老板 先停了吧", "o-dad-says")
    assert "取消" in reply and "第2步" in reply and draft(harness, "o-dad-says") is not None, reply
    to_step(harness, "o-hold-on", AT_SITE)
    assert "留着" in harness.say("先暂停吧", "o-hold-on")  # a pause keeps the draft


def test_the_worker_and_one_relative_at_the_head_count_step_are_two(harness: Harness) -> None:
    to_step(harness, "o-me-and-cousin", [*AT_AMOUNT, "两万", "三个月"])
    reply = harness.say("我跟我堂哥", "o-me-and-cousin")
    d = draft(harness, "o-me-and-cousin")
    assert d is not None and d["fields"].get("workers") == 2 and "第6步" in reply, (reply, d)


def test_thinking_it_over_or_asking_the_foreman_pauses_and_coming_back_resumes(harness: Harness) -> None:
    to_step(harness, "o-think", [*AT_AMOUNT, "两万"])
    assert "留着" in harness.say("嗯 让我想想是哪几个月", "o-think")
    to_step(harness, "o-foreman", [*AT_AMOUNT, "两万"])
    assert "留着" in harness.say("这个得问问班长 我一会再来", "o-foreman")
    reply = harness.say("我回来了 之前填到哪了", "o-foreman")
    assert "接着填" in reply and "第4步" in reply, reply


def test_the_sum_told_with_how_it_adds_up_resumes_a_paused_form(harness: Harness) -> None:
    to_step(harness, "o-sum-later", AT_AMOUNT)
    assert "留着" in harness.say("这个我得算算", "o-sum-later")
    reply = harness.say("一个月4100 欠两个月 8200", "o-sum-later")
    d = draft(harness, "o-sum-later")
    assert d is not None and d["fields"].get("amount") == 8200 and not d.get("paused"), (reply, d)


def test_a_number_given_with_a_worry_is_taken(harness: Harness) -> None:
    to_step(harness, "o-worry-number", AT_PHONE)
    reply = harness.say("电话必须给吗 13812345678", "o-worry-number")
    d = draft(harness, "o-worry-number")
    assert d is not None and d["fields"].get("phone") == "13812345678" and "第7步" in reply, (reply, d)


def test_not_now_pauses_and_the_festival_days_are_a_period(harness: Harness) -> None:
    harness.say("我要投诉欠薪", "o-not-now")
    assert "留着" in harness.say("不是现在 等我先找找合同", "o-not-now")
    to_step(harness, "o-festival-days", AT_AMOUNT)
    harness.say("两千左右 过年那几天的", "o-festival-days")
    d = draft(harness, "o-festival-days")
    assert d is not None and d["fields"].get("period") == "过年那几天", d


def test_a_subcontractor_named_at_the_first_step_is_the_employer(harness: Harness) -> None:
    harness.say("我要投诉欠薪", "o-subcontract")
    reply = harness.say("宏盛建筑劳务分包", "o-subcontract")
    assert "第2步" in reply, reply


def test_a_number_or_a_count_promised_shortly_pauses(harness: Harness) -> None:
    to_step(harness, "o-later-number", AT_PHONE)
    assert "留着" in harness.say("他的号我得问问 一会儿发你", "o-later-number")
    to_step(harness, "o-counting", [*AT_AMOUNT, "两万", "三个月"])
    assert "留着" in harness.say("这个我得数数 你等一下", "o-counting")


def test_the_bosss_count_and_the_workers_own_the_own_is_taken(harness: Harness) -> None:
    to_step(harness, "o-his-count", AT_AMOUNT)
    reply = harness.say("老板说给我算的六千多 我自己算应该七千出头", "o-his-count")
    d = draft(harness, "o-his-count")
    assert d is not None and d["fields"].get("amount") == 7000 and "第4步" in reply, (reply, d)
    # those owed counted, then how it stands: 「…一共8个都没拿到」
    to_step(harness, "o-all-unpaid", [*AT_AMOUNT, "两万"])
    harness.say("今年1月到2月 一个班组一共8个都没拿到", "o-all-unpaid")
    assert (draft(harness, "o-all-unpaid") or {}).get("fields", {}).get("workers") == 8


def test_never_filed_and_now_wanting_to_starts_the_form(harness: Harness) -> None:
    harness.say("我的投诉有进展吗", "o-never-filed")
    assert "第1步" in harness.say("原来我没登记过 那现在给我登上", "o-never-filed")


@pytest.mark.parametrize(
    ("openid", "answers", "text", "expected"),
    [
        ("o-wrong-first", FULL, "手机号写错了 修改 6", "第6步"),  # what is wrong, then the command
        ("o-want-change", FULL, "手机号写错了 想改", "第6步"),  # what is wrong, and a wish to change it
        ("o-who-told", AT_PHONE, "号码留了 东家会不会知道是我投诉的", "不会公开"),  # the boss learning who
    ],
)
def test_a_remark_at_a_step_gets_the_step_it_means(
    harness: Harness, openid: str, answers: list[str], text: str, expected: str
) -> None:
    to_step(harness, openid, answers)
    assert expected in harness.say(text, openid)


@pytest.mark.parametrize(
    "ask", ["帮我记一笔投诉", "给俺记一下欠薪", "记个拖欠工资", "能替我把欠的工钱记上不"]
)
def test_a_wish_to_file_said_with_ji_starts_the_form(harness: Harness, ask: str) -> None:
    # 记 for 登记: the bot asked to record it (not 「我记一下投诉电话」, noting a number down)
    reply = harness.say(ask, "o-ji-" + ask)
    d = draft(harness, "o-ji-" + ask)
    assert "第1步" in reply and d is not None and d["step"] == "employer", (reply, d)
    assert "第1步" not in harness.say("我记一下投诉电话", "o-ji-note")


@pytest.mark.parametrize("ask", ["可以的话就帮我登记下", "能登记就给我登记吧", "要是能投诉 就帮我投诉"])
def test_a_wish_to_file_with_a_condition_at_the_first_step_is_no_employer(harness: Harness, ask: str) -> None:
    harness.say("我要投诉", "o-if-able")
    reply = harness.say(ask, "o-if-able")
    d = draft(harness, "o-if-able")
    assert "正在登记" in reply and "第1步" in reply, reply
    assert d is not None and "employer" not in d["fields"] and d["step"] == "employer", d
    assert "第2步" in harness.say("顺发装修队", "o-if-able")  # the name that follows is taken


def test_a_named_correction_after_a_hesitation_changes_that_step_and_asks_the_current_one(
    harness: Harness,
) -> None:
    to_step(harness, "o-hold-fix", [*AT_PERIOD, "去年5月到8月"])  # at the head-count step
    reply = harness.say("哎呀 不好意思 老板的名字我打错了 应该是周建 周末的周", "o-hold-fix")
    d = draft(harness, "o-hold-fix")
    assert d is not None and d["fields"]["employer"] == "周建" and "workers" not in d["fields"], d
    assert "改好了" in reply and "第5步" in reply, reply
    # the same name again: said back, and stored as no other step's value
    reply = harness.say("等一下 老板名字写错了 是周建 周末的周", "o-hold-fix")
    d = draft(harness, "o-hold-fix")
    assert d is not None and "workers" not in d["fields"] and "第5步" in reply, (reply, d)
    reply = harness.say("等等，地方填错了，是大连沙河口区工地，三点水那个", "o-hold-fix")
    d = draft(harness, "o-hold-fix")
    assert d is not None and d["fields"]["site"] == "大连沙河口区工地" and "第5步" in reply, (reply, d)
    # a character spelt out beside an answer is not part of it
    to_step(harness, "o-spelt", [])
    harness.say("鑫茂装饰 草字头那个茂", "o-spelt")
    assert (draft(harness, "o-spelt") or {})["fields"]["employer"] == "鑫茂装饰"


@pytest.mark.parametrize("yes", ["系", "係呀", "啱啊", "冇错", "系啊 就喺嗰度"])
def test_yes_in_cantonese_takes_the_value_offered_back(harness: Harness, yes: str) -> None:
    openid = "o-yes-" + yes
    harness.say("投诉", openid)
    assert "回「对」" in harness.say("大观区的振兴服装厂", openid)
    assert "第3步" in harness.say(yes, openid)
    d = draft(harness, openid)
    assert d is not None and d["fields"]["site"] == "大观区的振兴服装厂", d
    harness.say("四万一 六个人的", openid)  # the count is offered at step 5
    harness.say("去年10月到12月", openid)
    assert "第6步" in harness.say(yes, openid)
    assert (draft(harness, openid) or {})["fields"].get("workers") == 6


@pytest.mark.parametrize("yes", ["系", "系呀", "啱"])
def test_a_lone_cantonese_yes_is_no_place_nor_name(harness: Harness, yes: str) -> None:
    to_step(harness, "o-lone-yes", AT_SITE)
    assert "第3步" in harness.say(yes, "o-lone-yes")  # the firm of step 1 is where, not the yes
    assert (draft(harness, "o-lone-yes") or {})["fields"].get("site") == AT_SITE[0]
    to_step(harness, "o-lone-yes-name", AT_NAME)
    assert "第7步" in harness.say(yes, "o-lone-yes-name")
    for openid in ("o-lone-yes", "o-lone-yes-name"):
        d = draft(harness, openid)
        assert d is not None and yes not in d["fields"].values(), d


@pytest.mark.parametrize(
    ("said", "name"),
    [
        ("王师傅 跟包工头一个姓", "王师傅"),
        ("喊我老郑 电话别太早打过来", "老郑"),
        ("叫我小梅吧 白天在车间接不了电话", "小梅"),
        ("老黄 我跟老板是老乡", "老黄"),
        ("我是他媳妇 李秀英", "李秀英"),
    ],
)
def test_a_name_with_a_remark_beside_it_is_the_name(harness: Harness, said: str, name: str) -> None:
    to_step(harness, "o-name-remark", AT_NAME)
    reply = harness.say(said, "o-name-remark")
    d = draft(harness, "o-name-remark")
    assert "核对" in reply and d is not None and d["fields"].get("name") == name, (reply, d)


@pytest.mark.parametrize(
    ("said", "amount", "period"),
    [
        ("四个月15200 今年3月到6月的", 15200, "今年3月到6月"),
        ("俩月8800 腊月和正月", 8800, "腊月和正月"),
        ("干了五个月21000 去年7月到11月干的", 21000, "去年7月到11月"),
    ],
)
def test_a_bare_sum_beside_how_long_is_the_amount_and_the_months_the_period(
    harness: Harness, said: str, amount: int, period: str
) -> None:
    to_step(harness, "o-long-sum", AT_AMOUNT)
    reply = harness.say(said, "o-long-sum")
    d = draft(harness, "o-long-sum")
    assert d is not None and d["fields"].get("amount") == amount, (reply, d)
    assert d["fields"].get("period") == period and "第5步" in reply, (reply, d)
    assert "第6步" in harness.say("6", "o-long-sum")  # the next answer is the head count, not a sum


@pytest.mark.parametrize(
    ("said", "amount"),
    [
        ("钱数报少了 应该是11600", 11600),
        ("刚才那个数写反了 是6200", 6200),
        ("金额说多了 其实是两千八", 2800),
        ("多打了一个0 是3600", 3600),
    ],
)
def test_a_sum_said_to_be_too_little_or_reversed_is_corrected_at_a_later_step(
    harness: Harness, said: str, amount: int
) -> None:
    to_step(harness, "o-sum-off", [*AT_PERIOD, "去年5月到8月"])  # the sum was 两万; now at step 5
    reply = harness.say(said, "o-sum-off")
    d = draft(harness, "o-sum-off")
    assert d is not None and d["fields"]["amount"] == amount and "workers" not in d["fields"], (reply, d)
    assert "改好了" in reply and "第5步" in reply, reply
    # a count said to be reversed, naming the step
    assert "第6步" in harness.say("7", "o-sum-off")
    harness.say("人数打反了 是17个", "o-sum-off")
    assert (draft(harness, "o-sum-off") or {})["fields"]["workers"] == 17


@pytest.mark.parametrize(
    ("said", "count"),
    [
        ("10月5号到12月28号", None),
        ("十二月", None),
        ("早上7点上工", None),
        ("三千块", None),
        ("2w", None),
        ("9月份开始的 我们6个", 6),
        ("两个多月 四个人", 4),
        ("十二个", 12),
        ("两千人", 2000),
    ],
)
def test_a_number_of_a_time_or_a_sum_is_no_head_count(said: str, count: int | None) -> None:
    assert parse_count(said) == count


@pytest.mark.parametrize("said", ["俺", "就我本人", "本人吧", "我啊"])
def test_the_worker_alone_answering_the_head_count_is_one(said: str) -> None:
    assert parse_count(said) == 1
    assert parse_count("我们") is None and parse_count("我表哥") is None


def test_dates_at_the_head_count_step_ask_it_again(harness: Harness) -> None:
    to_step(harness, "o-dates-count", [*AT_PERIOD, "三个月"])
    reply = harness.say("9月12号到11月30号", "o-dates-count")
    d = draft(harness, "o-dates-count")
    assert d is not None and "workers" not in d["fields"] and "第5步" in reply, (reply, d)
    assert "第6步" in harness.say("3", "o-dates-count")


@pytest.mark.parametrize("said", ["确认 无误了", "要得 确认", "好 提交啦", "中 确定吧"])
def test_a_confirmation_with_an_ack_or_a_particle_files_the_case(harness: Harness, said: str) -> None:
    to_step(harness, f"o-ok-{said}", FULL)
    reply = harness.say(said, f"o-ok-{said}")
    assert "已登记" in reply and case_count(harness) == 1, reply


@pytest.mark.parametrize(
    ("said", "period"),
    [
        ("两万二 八月九月俩月的", "八月九月"),  # the months, and how many they make
        ("一万四 系十一月同埋十二月", "十一月同埋十二月"),  # Cantonese: is … and …
    ],
)
def test_the_months_told_beside_the_sum_answer_the_period_step(
    harness: Harness, said: str, period: str
) -> None:
    to_step(harness, f"o-beside-{said}", AT_AMOUNT)
    reply = harness.say(said, f"o-beside-{said}")
    d = draft(harness, f"o-beside-{said}")
    assert d is not None and d["fields"].get("period") == period and "第5步" in reply, (reply, d)


@pytest.mark.parametrize(
    ("said", "name"), [("13912345678 喊俺老周就行", "老周"), ("13912345678 名字就写小米", "小米")]
)
def test_a_name_said_beside_the_phone_skips_the_name_step(harness: Harness, said: str, name: str) -> None:
    to_step(harness, f"o-phone-name-{name}", AT_NAME[:-1])
    reply = harness.say(said, f"o-phone-name-{name}")
    d = draft(harness, f"o-phone-name-{name}")
    assert d is not None and d["fields"].get("name") == name and "请核对" in reply, (reply, d)


def test_asking_to_have_the_complaint_put_down_starts_the_form(harness: Harness) -> None:
    harness.say("工地工头压着工钱不发", "o-put-down")
    assert "第1步" in harness.say("那你给俺把这个投诉登了", "o-put-down")


def test_a_field_said_to_be_wrong_at_the_summary_is_asked_again(harness: Harness) -> None:
    to_step(harness, "o-sum-wrong", FULL)
    reply = harness.say("手机号填错了 中间有一位不对", "o-sum-wrong")  # what is right is not said
    assert "第6步" in reply, reply
    assert "请核对" in harness.say("13987654321", "o-sum-wrong")
    assert (draft(harness, "o-sum-wrong") or {})["fields"]["phone"] == "13987654321"


def test_a_place_not_covered_said_with_the_employer_is_offered_back_too(harness: Harness) -> None:
    to_step(harness, "o-far-site", [])
    reply = harness.say("苏州吴江的恒达纺织厂", "o-far-site")  # a city with no local policy
    assert "第2步" in reply and "回「对」" in reply, reply
    assert "第3步" in harness.say("对", "o-far-site")
    assert "苏州" in str((draft(harness, "o-far-site") or {})["fields"].get("site")), draft(
        harness, "o-far-site"
    )


def test_asking_to_have_the_complaint_recorded_starts_the_form(harness: Harness) -> None:
    assert "第1步" in harness.say("帮我记录一下投诉", "o-record")


@pytest.mark.parametrize("ask", ["快啲投诉啦", "投诉要点搞 你帮我搞得唔得", "想来想去还是要投"])
def test_a_wish_to_file_in_dialect_or_on_second_thoughts_starts_the_form(harness: Harness, ask: str) -> None:
    harness.say("老板拖了我三个月人工", "o-urge")
    assert "第1步" in harness.say(ask, "o-urge")


def test_a_firm_not_known_but_the_boss_is_answers_step_one(harness: Harness) -> None:
    harness.say("投诉", "o-known")
    assert "第2步" in harness.say("啥公司我不晓得 只晓得是老谭带的施工队", "o-known")
    d = draft(harness, "o-known")
    assert d is not None and d["fields"] == {"employer": "老谭带的施工队"}
    harness.say("投诉", "o-recall")
    assert "第2步" in harness.say("就是那个叫啥来着哦对宏图建材公司", "o-recall")


@pytest.mark.parametrize("pair", ["俺跟俺表弟", "我跟我媳妇"])
def test_the_worker_and_one_other_are_two(pair: str) -> None:
    assert parse_count(pair) == 2
    assert parse_count("我和老乡们") != 2


def test_a_cantonese_ok_then_submit_files_it(harness: Harness) -> None:
    to_step(harness, "o-dak", FULL)
    assert "编号" in harness.say("得 提交", "o-dak")


def test_a_new_complaint_asked_for_after_a_status_answer_starts_the_form(harness: Harness) -> None:
    harness.say("我那个投诉有进展了没", "o-new-one")
    assert "第1步" in harness.say("没登记过的话 新建一个欠薪投诉", "o-new-one")


def test_a_name_said_right_and_wrong_at_a_later_step_is_changed_in_place(harness: Harness) -> None:
    to_step(harness, "o-swap", ["宏达建材 老板叫刘军", "大连金州", "6000"])
    reply = harness.say("不对 老板叫刘俊不是刘军", "o-swap")
    assert "改好了" in reply and "第4步" in reply, reply
    d = draft(harness, "o-swap")
    assert d is not None and d["fields"]["employer"] == "宏达建材 老板叫刘俊"


def test_lost_track_of_the_form_gets_the_step_again(harness: Harness) -> None:
    to_step(harness, "o-lost", ["宏达建材", "大连金州", "6000"])
    reply = harness.say("刚才讲到哪了", "o-lost")  # after a pause: the step again
    assert reply.startswith("好，接着填") and "第4步" in reply, reply


def test_a_sum_not_worked_out_gets_the_hint(harness: Harness) -> None:
    to_step(harness, "o-sum-unsure", ["宏达建材", "大连金州"])
    reply = harness.say("具体多少钱我也算不清", "o-sum-unsure")
    assert "大概" in reply and "第3步" in reply, reply


def test_never_mind_then_go_on_with_a_value_keeps_the_form(harness: Harness) -> None:
    to_step(harness, "o-go-on", ["宏达建材", "大连金州", "6000", "前年冬月到腊月"])
    assert "第6步" in harness.say("算了 继续填 三个人", "o-go-on")


def test_a_boss_known_by_a_nickname_answers_step_one(harness: Harness) -> None:
    harness.say("投诉", "o-nick")
    assert "第2步" in harness.say("叫啥我也不知道 大伙都喊他老狗 包的中建的活", "o-nick")


def test_asking_what_proof_at_the_phone_step_is_no_wechat_id(harness: Harness) -> None:
    to_step(harness, "o-proof", ["宏达建材", "大连金州", "6000", "前年冬月到腊月", "3"])
    reply = harness.say("要啥材料 我只有微信截图", "o-proof")
    assert "微信号这边看不到" not in reply, reply


@pytest.mark.parametrize("ask", ["你能帮我投不", "能帮俺登上不"])
def test_asking_the_bot_to_file_with_a_bare_verb_starts_the_form(harness: Harness, ask: str) -> None:
    harness.say("大连欠工资找谁", "o-bare-verb")
    assert "第1步" in harness.say(ask, "o-bare-verb")


def test_taking_a_phone_call_mid_form_pauses_it(harness: Harness) -> None:
    to_step(harness, "o-call", ["宏达建材", "大连金州", "6000"])
    assert "留着" in harness.say("等下 我去接一下电话", "o-call")


@pytest.mark.parametrize("ok", ["确认 没啥毛病", "确认一下", "确认 谢了", "就照这报吧", "确认 就这么着"])
def test_a_confirmation_with_a_remark_files_it(harness: Harness, ok: str) -> None:
    to_step(harness, "o-ok-remark", FULL)
    assert "编号" in harness.say(ok, "o-ok-remark")


def test_the_reply_word_typed_as_shown_starts_the_form(harness: Harness) -> None:
    harness.say("厂里拖着工资", "o-reply-word")
    assert "第1步" in harness.say("回复投诉", "o-reply-word")


def test_a_cantonese_new_value_with_the_edit_is_taken(harness: Harness) -> None:
    to_step(harness, "o-edit-hai", FULL)
    reply = harness.say("修改 3 应该系28600", "o-edit-hai")
    assert "请核对" in reply and "28600元" in reply, reply


@pytest.mark.parametrize(
    ("before", "ask"), [("住处也没了 这咋办", "行 那先投诉"), ("我的投诉有信没", "没登过 帮我现在整一个")]
)
def test_filing_asked_for_after_another_answer_starts_the_form(
    harness: Harness, before: str, ask: str
) -> None:
    harness.say("老板不给工钱", "o-then-file")
    harness.say(before, "o-then-file")
    assert "第1步" in harness.say(ask, "o-then-file")


@pytest.mark.parametrize(("before", "ask"), [(AT_SITE, "今晚广州会唔会好冻"), ([], "揾律师使唔使俾钱㗎")])
def test_a_cantonese_question_mid_form_is_no_value(harness: Harness, before: list[str], ask: str) -> None:
    to_step(harness, "o-yue-ask", before)
    harness.say(ask, "o-yue-ask")
    form = draft(harness, "o-yue-ask")
    assert form is not None and len(form["fields"]) == len(before), form


@pytest.mark.parametrize(
    ("said", "amount"),
    [
        ("一万出头吧 确切的是一万零六百", 10600),  # the exact sum after a rough one
        ("人人唔同 多嘅两万 少嘅八千 加埋七万二", 72000),  # a Cantonese total after the shares
    ],
)
def test_the_sum_meant_is_kept(harness: Harness, said: str, amount: int) -> None:
    to_step(harness, "o-sum-meant", AT_AMOUNT)
    assert "第4步" in harness.say(said, "o-sum-meant")
    form = draft(harness, "o-sum-meant")
    assert form is not None and form["fields"]["amount"] == amount, form


@pytest.mark.parametrize("ok", ["没得问题 确认", "都冇问题 确认吧", "冇问题 交吧", "是这样 就这么交"])
def test_no_problem_in_dialect_then_confirm_files_it(harness: Harness, ok: str) -> None:
    to_step(harness, "o-ok-dialect", FULL)
    assert "编号" in harness.say(ok, "o-ok-dialect")


def test_back_from_the_menu_to_the_form_being_filled_goes_on(harness: Harness) -> None:
    to_step(harness, "o-back", AT_SITE)
    harness.say("菜单", "o-back")
    assert "第2步" in harness.say("我刚刚在填的那个投诉", "o-back")
    form = draft(harness, "o-back")
    assert form is not None and "site" not in form["fields"], form


def test_a_cantonese_offer_of_a_relatives_phone_gets_the_tip(harness: Harness) -> None:
    to_step(harness, "o-yue-phone", AT_PHONE)
    assert "家里人或工友的号码也行" in harness.say("我部手机坏咗 用我个仔嘅得唔得", "o-yue-phone")


def test_a_goodbye_after_being_asked_whether_to_cancel_keeps_the_draft(harness: Harness) -> None:
    to_step(harness, "o-see-you", FULL)
    assert "你是想取消" in harness.say("罢了 工头刚结了一点 先不交了", "o-see-you")
    harness.say("好 有事再找你们", "o-see-you")
    form = draft(harness, "o-see-you")
    assert form is not None and form.get("paused") and case_count(harness) == 0, form


def test_the_phone_with_the_name_left_out_goes_to_the_summary(harness: Harness) -> None:
    to_step(harness, "o-no-name-written", AT_PHONE)
    reply = harness.say("13987654321 姓名就不用填了", "o-no-name-written")
    assert "请核对" in reply, reply


def test_a_step_named_with_the_new_value_at_the_summary_changes_it(harness: Harness) -> None:
    to_step(harness, "o-more-exact", FULL)
    reply = harness.say("月份那写准确点 改成2020年11月", "o-more-exact")
    assert "改好了" in reply and "2020年11月" in reply, reply


def test_where_were_we_after_a_question_goes_on_with_the_step(harness: Harness) -> None:
    to_step(harness, "o-where-were-we", AT_SITE)
    harness.say("免费的律师去哪找", "o-where-were-we")
    reply = harness.say("行 接着弄 刚刚到哪了", "o-where-were-we")
    assert reply.startswith("好，接着填") and "第2步" in reply, reply  # (not the lawyer answered again)


def test_twenty_something_of_a_month_is_a_date_not_a_question(harness: Harness) -> None:
    to_step(harness, "o-twenty-odd", [*AT_AMOUNT, "9000"])
    assert "第5步" in harness.say("前年十月到腊月二十几号", "o-twenty-odd")


@pytest.mark.parametrize(
    ("story", "ask"),
    [
        ("包工头拖着俩月工钱", "那你帮我把这事报了"),
        ("厂里欠了我跟我哥俩人的工钱", "替我俩投诉"),
        ("工头拖着工钱不给", "怎么投诉 你可以帮我弄吗"),  # the bot asked to do it
        ("老板拖起工钱不给", "咋个投诉嘛 你帮我整一哈"),
        ("厂里三个月没发钱了", "我替车间几个人搞一下投诉 他们手机用不来"),  # filing for the crew
    ],
)
def test_asking_to_have_it_put_down_starts_the_form(harness: Harness, story: str, ask: str) -> None:
    harness.say(story, "o-put-it-down")
    assert "第1步" in harness.say(ask, "o-put-it-down")


def test_a_name_between_remarks_is_the_name(harness: Harness) -> None:
    to_step(harness, "o-name-between", AT_NAME)
    harness.say("填我妈的 刘秀芝 我是她儿子", "o-name-between")
    form = draft(harness, "o-name-between")
    assert form is not None and form["fields"]["name"] == "刘秀芝", form


def test_months_said_in_a_row_with_their_count_answer_the_period(harness: Harness) -> None:
    to_step(harness, "o-months-row", AT_AMOUNT)
    assert "第5步" in harness.say("九千 是前年四五六三个月的", "o-months-row")


def test_the_boss_named_beside_other_values_is_the_employer(harness: Harness) -> None:
    harness.say("投诉", "o-boss-values")
    harness.say("工头叫孙大勇 欠俺八千 俺们一共三个人", "o-boss-values")
    form = draft(harness, "o-boss-values")
    assert form is not None and form["fields"]["employer"] == "工头叫孙大勇", form
    assert form["fields"]["amount"] == 8000 and form["fields"]["workers"] == 3, form


def test_a_look_first_then_talk_pauses_and_a_hello_with_the_form_resumes_it(harness: Harness) -> None:
    to_step(harness, "o-look-first", AT_AMOUNT)
    assert "留着" in harness.say("稍等 我翻翻记工本再说", "o-look-first")
    assert draft(harness, "o-look-first") is not None
    reply = harness.say("在不在 我的投诉还没填完呢", "o-look-first")
    assert reply.startswith("好，接着填") and "第3步" in reply, reply


def test_asking_whether_the_bot_itself_can_file_starts_the_form(harness: Harness) -> None:
    harness.say("包工头压了俺三个月工钱", "o-you-file")
    assert "第1步" in harness.say("你这能直接给登记吗", "o-you-file")


def test_the_name_said_wrong_before_step_seven_is_the_firms(harness: Harness) -> None:
    to_step(harness, "o-firm-name", ["宏达建才"])
    reply = harness.say("名字写错了 是宏达建材", "o-firm-name")
    form = draft(harness, "o-firm-name")
    assert form is not None and form["fields"]["employer"] == "宏达建材" and "第2步" in reply, (reply, form)


@pytest.mark.parametrize("ok", ["那整吧 确认", "发吧", "就这么发上去吧"])
def test_go_ahead_in_ones_own_words_at_the_summary_files_it(harness: Harness, ok: str) -> None:
    to_step(harness, "o-go-ahead", FULL)
    assert "编号" in harness.say(ok, "o-go-ahead")


@pytest.mark.parametrize(
    ("story", "ask"),
    [("包工头欠俺两个月工钱没给", "那能登记吗"), ("饭店老板拖着我一个月工资", "给我记上吧")],
)
def test_asking_whether_it_can_be_put_down_starts_the_form(harness: Harness, story: str, ask: str) -> None:
    harness.say(story, "o-can-you-note")
    assert "第1步" in harness.say(ask, "o-can-you-note")


def test_back_without_saying_who_then_where_were_we_goes_on(harness: Harness) -> None:
    to_step(harness, "o-back-again", AT_AMOUNT)
    assert "留着" in harness.say("我先去接孩子 等会再弄", "o-back-again")
    reply = harness.say("回来了 刚刚填到哪了", "o-back-again")
    assert reply.startswith("好，接着填") and "第3步" in reply, reply


@pytest.mark.parametrize("ok", ["好了没错了 确认提交", "确认 发了吧"])
def test_confirming_twice_over_files_it(harness: Harness, ok: str) -> None:
    to_step(harness, "o-twice-over", FULL)
    assert "编号" in harness.say(ok, "o-twice-over")


def test_go_ahead_against_him_starts_the_form(harness: Harness) -> None:
    harness.say("包工头躲着不见 工钱一直不结", "o-against-him")
    assert "第1步" in harness.say("好 给他投诉一下", "o-against-him")


def test_a_count_owed_together_beside_the_sum_is_taken(harness: Harness) -> None:
    to_step(harness, "o-owed-together", AT_AMOUNT)
    harness.say("两万六 四个人一起被欠的", "o-owed-together")
    assert "第6步" in harness.say("前年九月到腊月", "o-owed-together")
    form = draft(harness, "o-owed-together")
    assert form is not None and form["fields"]["workers"] == 4, form


def test_confirm_with_a_slip_of_the_keys_files_it(harness: Harness) -> None:
    to_step(harness, "o-slip", FULL)
    assert "编号" in harness.say("确任", "o-slip")


def test_an_item_to_change_named_after_a_remark_is_asked_again(harness: Harness) -> None:
    to_step(harness, "o-change-item", FULL)
    reply = harness.say("电话留错了 改第6项", "o-change-item")
    assert "第6步" in reply, reply
    form = draft(harness, "o-change-item")
    assert form is not None and form["fields"]["phone"] == "13912345678", form  # nothing stored as it


def test_change_it_after_what_is_wrong_is_no_item_number(harness: Harness) -> None:
    to_step(harness, "o-change-it", FULL)
    reply = harness.say("钱数写错了 改一下", "o-change-it")  # (改一下: not item 1)
    assert "第3步" in reply and "第1步" not in reply, reply


def test_changing_ones_mind_back_after_cancelling_starts_the_form(harness: Harness) -> None:
    harness.say("工头拖着两个月工钱", "o-mind-back")
    harness.say("投诉", "o-mind-back")
    harness.say("取消", "o-mind-back")
    assert "第1步" in harness.say("算了还是报吧", "o-mind-back")


def test_two_months_in_a_row_without_the_first_month_word_answer_the_period(harness: Harness) -> None:
    to_step(harness, "o-month-pair", AT_AMOUNT)
    assert "第5步" in harness.say("六千二 九十月的", "o-month-pair")
    form = draft(harness, "o-month-pair")
    assert form is not None and form["fields"]["period"] == "九月十月", form


def test_northern_so_be_it_at_the_summary_files_it(harness: Harness) -> None:
    to_step(harness, "o-so-be-it", FULL)
    assert "编号" in harness.say("好 就这么地呗", "o-so-be-it")


def test_complaining_about_her_starts_the_form(harness: Harness) -> None:
    harness.say("超市老板娘拖了我俩月工钱", "o-about-her")
    assert "第1步" in harness.say("那俺投诉他们", "o-about-her")


def test_off_to_work_back_tonight_pauses_and_stores_nothing(harness: Harness) -> None:
    to_step(harness, "o-back-tonight", AT_SITE)
    reply = harness.say("我先去送个货 晚点回来再弄", "o-back-tonight")
    form = draft(harness, "o-back-tonight")
    assert form is not None and "site" not in form["fields"], (reply, form)


def test_so_be_it_then_submit_files_it(harness: Harness) -> None:
    to_step(harness, "o-so-then-submit", FULL)
    assert "编号" in harness.say("嗯 就这么的 确认吧", "o-so-then-submit")


def test_looking_for_a_name_not_remembered_pauses_and_stores_nothing(harness: Harness) -> None:
    harness.say("投诉", "o-card")
    reply = harness.say("稍等 我找找他名片 叫啥一时想不起来", "o-card")
    form = draft(harness, "o-card")
    assert "留着" in reply and form is not None and "employer" not in form["fields"], (reply, form)


def test_the_command_word_after_a_remark_starts_the_form(harness: Harness) -> None:
    harness.say("黄埔这边厂里欠了两个月工资 去哪投诉", "o-said-after")
    assert "第1步" in harness.say("回复投诉对吧 投诉", "o-said-after")  # (回复 投诉: read as the status)


def test_the_new_value_before_the_item_to_change_is_taken(harness: Harness) -> None:
    to_step(harness, "o-value-first", FULL)
    reply = harness.say("时间错了 是三月到六月 改第四步", "o-value-first")
    form = draft(harness, "o-value-first")
    assert form is not None and form["fields"]["period"] == "三月到六月" and "请核对" in reply, (reply, form)
    assert "编号" in harness.say("确认", "o-value-first")  # (not the period step asked again)


def test_the_phone_then_what_to_call_one_goes_to_the_summary(harness: Harness) -> None:
    to_step(harness, "o-call-me-then", AT_PHONE)
    reply = harness.say("电话13912345678你就叫我老马吧", "o-call-me-then")
    form = draft(harness, "o-call-me-then")
    assert "请核对" in reply and form is not None and form["fields"]["name"] == "老马", (reply, form)


def test_the_item_said_first_then_change_it_asks_that_step(harness: Harness) -> None:
    to_step(harness, "o-item-first", FULL)
    assert "第3步" in harness.say("第三项改一下", "o-item-first")


def test_change_then_the_item_then_the_value_at_the_summary(harness: Harness) -> None:
    to_step(harness, "o-change-item-value", FULL)
    reply = harness.say("改一下第三个 钱数说错了 是八千", "o-change-item-value")
    form = draft(harness, "o-change-item-value")
    assert form is not None and form["fields"]["amount"] == 8000 and "请核对" in reply, (reply, form)


def test_no_name_needed_skips_the_name_and_keeps_the_form(harness: Harness) -> None:
    to_step(harness, "o-no-name", AT_NAME)
    assert "请核对" in harness.say("名字就不要了", "o-no-name")
    reply = harness.say("名字不用了", "o-no-name")  # (at the summary: nothing to cancel)
    assert "删掉" not in reply and draft(harness, "o-no-name") is not None, reply


def test_months_corrected_with_how_many_keep_the_months(harness: Harness) -> None:
    to_step(harness, "o-months-count", FULL)
    reply = harness.say("时间写得不对 是九月和十月两个月", "o-months-count")
    form = draft(harness, "o-months-count")
    assert form is not None and form["fields"]["period"] == "九月和十月", (reply, form)


def test_the_sum_corrected_beside_by_how_much_it_was_off_keeps_the_sum(harness: Harness) -> None:
    to_step(harness, "o-off-by", FULL)
    assert "第3步" in harness.say("钱数改一下", "o-off-by")
    reply = harness.say("25000 刚才少写了五千", "o-off-by")
    form = draft(harness, "o-off-by")
    assert form is not None and form["fields"]["amount"] == 25000, (reply, form)


def test_that_one_then_go_on_after_an_aside_asks_the_step_again(harness: Harness) -> None:
    to_step(harness, "o-that-one", AT_SITE)
    harness.say("菜单", "o-that-one")
    assert "第2步" in harness.say("刚才那个继续填", "o-that-one")
    assert "site" not in (draft(harness, "o-that-one") or {"fields": {}})["fields"]


def test_thought_it_over_then_confirm_files_the_case(harness: Harness) -> None:
    to_step(harness, "o-thought", FULL)
    harness.say("先别交 我再考虑下", "o-thought")
    assert "编号" in harness.say("考虑好了 提交", "o-thought")


def test_let_them_file_it_themselves_cancels_a_form_for_someone_else(harness: Harness) -> None:
    to_step(harness, "o-themselves", AT_SITE)
    reply = harness.say("算了 还是让她自己来弄吧 这个撤掉", "o-themselves")
    assert "取消" in reply and draft(harness, "o-themselves") is None, reply


def test_a_place_inside_a_long_first_answer_is_what_step_two_offers(harness: Harness) -> None:
    to_step(harness, "o-long-first", [])
    reply = harness.say("包工头叫孙德胜他包的活我们在南岗区给人盖厂房", "o-long-first")
    assert "第2步" in reply and "就在南岗区的话" in reply, reply


def test_want_to_complain_and_how_opens_the_form(harness: Harness) -> None:
    assert "第1步" in harness.say("要投诉 咋弄", "o-want-how")


@pytest.mark.parametrize("said", ["十二月的 班组一起被欠的有十来个", "十二月的 跟我一起的有十个"])
def test_a_count_told_with_the_months_is_taken_too(harness: Harness, said: str) -> None:
    openid = f"o-count-{len(said)}"
    to_step(harness, openid, AT_PERIOD)
    reply = harness.say(said, openid)
    form = draft(harness, openid)
    assert form is not None and form["fields"].get("workers") == 10 and "第6步" in reply, (reply, form)
    assert form["fields"]["period"].startswith("十二月") and "一起" not in form["fields"]["period"], form


@pytest.mark.parametrize("said", ["老板叫啥我也不晓得 等他回来我问问", "等下 有电话打进来了"])
def test_waiting_for_someone_or_a_call_pauses_at_the_first_step(harness: Harness, said: str) -> None:
    openid = f"o-wait-{len(said)}"
    to_step(harness, openid, [])
    reply = harness.say(said, openid)
    form = draft(harness, openid)
    assert form is not None and "employer" not in form["fields"] and "第2步" not in reply, (reply, form)


def test_confirm_then_send_it_files_the_case(harness: Harness) -> None:
    to_step(harness, "o-send-it", FULL)
    assert "编号" in harness.say("确定 发过去吧", "o-send-it")


def test_change_the_count_then_its_value_at_the_summary(harness: Harness) -> None:
    to_step(harness, "o-count-again", FULL)
    reply = harness.say("改一下人数 刚又数了数 是六个", "o-count-again")
    form = draft(harness, "o-count-again")
    assert form is not None and form["fields"]["workers"] == 6 and "请核对" in reply, (reply, form)


def test_not_the_place_offered_but_a_town_named_answers_the_site(harness: Harness) -> None:
    to_step(harness, "o-town", [])
    assert "就在" in harness.say("大观的 宏达纸箱厂", "o-town")
    reply = harness.say("不在城区 厂子在海口镇", "o-town")
    form = draft(harness, "o-town")
    assert form is not None and "海口镇" in str(form["fields"].get("site")) and "第3步" in reply, (
        reply,
        form,
    )


def test_called_away_for_a_moment_pauses_at_the_site_step(harness: Harness) -> None:
    to_step(harness, "o-called", AT_SITE)
    reply = harness.say("稍等 班长喊我 一会回来", "o-called")
    form = draft(harness, "o-called")
    assert form is not None and "site" not in form["fields"] and "第3步" not in reply, (reply, form)


def test_leave_a_name_after_all_is_the_name(harness: Harness) -> None:
    to_step(harness, "o-name-after-all", AT_NAME)
    reply = harness.say("还是留个名字吧 叫我老孙", "o-name-after-all")
    form = draft(harness, "o-name-after-all")
    assert form is not None and form["fields"].get("name") == "老孙" and "请核对" in reply, (reply, form)


def test_those_few_months_is_a_period_not_a_question(harness: Harness) -> None:
    to_step(harness, "o-those-months", AT_PERIOD)
    assert "第5步" in harness.say("秋天那几个月", "o-those-months")


def test_the_one_filed_before_asked_after_mid_form_gets_its_status(harness: Harness) -> None:
    to_step(harness, "o-filed-before", AT_AMOUNT)
    reply = harness.say("我前几天投的那个 现在啥情况了", "o-filed-before")
    assert "还没有提交过" in reply and "第3步" in reply, reply


def test_looked_it_over_then_confirm_files_the_case(harness: Harness) -> None:
    to_step(harness, "o-looked", FULL)
    assert "编号" in harness.say("看过了 没错 确认", "o-looked")


def test_back_from_a_call_asking_which_step_goes_on(harness: Harness) -> None:
    to_step(harness, "o-which-step", AT_PERIOD)
    reply = harness.say("刚刚去接了个电话 我这填到哪儿了", "o-which-step")
    form = draft(harness, "o-which-step")
    assert "接着填" in reply and "第4步" in reply and "登记过" not in reply, reply
    assert form is not None and "period" not in form["fields"], form


def test_what_the_number_is_for_is_explained_not_sent_to_the_hotlines(harness: Harness) -> None:
    to_step(harness, "o-number-for", AT_PHONE)
    reply = harness.say("要我号码干什么 会不会天天打过来", "o-number-for")
    form = draft(harness, "o-number-for")
    assert "核实" in reply and "第6步" in reply and "12348" not in reply, reply
    assert form is not None and "phone" not in form["fields"], form


def test_which_kind_to_write_with_none_named_is_explained(harness: Harness) -> None:
    to_step(harness, "o-which-kind", [])
    reply = harness.say("劳务公司跟项目部 我也不晓得填哪个", "o-which-kind")
    form = draft(harness, "o-which-kind")
    assert "第1步" in reply and "第2步" not in reply, reply
    assert form is not None and "employer" not in form["fields"], form


def test_which_to_write_beside_names_keeps_the_names(harness: Harness) -> None:
    to_step(harness, "o-which-named", [])
    reply = harness.say("总包是某某建工 我们带班的叫老彭 写哪个", "o-which-named")
    form = draft(harness, "o-which-named")
    assert "第2步" in reply and form is not None and "employer" in form["fields"], (reply, form)


@pytest.mark.parametrize("yes", ["对头 就这样吧", "嗯呢 就这样", "对头 交吧"])
def test_a_dialect_yes_at_the_summary_files(harness: Harness, yes: str) -> None:
    to_step(harness, "o-yes-dialect", FULL)
    assert "编号" in harness.say(yes, "o-yes-dialect") and case_count(harness) == 1


def test_a_dialect_yes_takes_the_place_offered_back(harness: Harness) -> None:
    harness.say("投诉", "o-offered-yes")
    assert "回「对」就行" in harness.say("牡丹江 某某烧烤店", "o-offered-yes")
    reply = harness.say("嗯呢", "o-offered-yes")
    form = draft(harness, "o-offered-yes")
    assert "第3步" in reply and form is not None and form["fields"].get("site"), (reply, form)


def test_confirm_misheard_by_voice_files(harness: Harness) -> None:
    to_step(harness, "o-misheard", FULL)
    assert "编号" in harness.say("却认", "o-misheard") and case_count(harness) == 1


def test_the_item_named_then_changed_with_a_remark_takes_the_value(harness: Harness) -> None:
    to_step(harness, "o-item-then", FULL)
    reply = harness.say("人数要改一下 是七个 刚才少算了俩", "o-item-then")
    form = draft(harness, "o-item-then")
    assert "请核对" in reply and form is not None and form["fields"].get("workers") == 7, (reply, form)


def test_a_pause_to_ask_how_many_keeps_the_count_step(harness: Harness) -> None:
    to_step(harness, "o-ask-how-many", [*AT_PHONE[:-1]])
    reply = harness.say("稍等一下我问问工友 到底多少人", "o-ask-how-many")
    form = draft(harness, "o-ask-how-many")
    assert "留着" in reply and form is not None and "workers" not in form["fields"], (reply, form)


@pytest.mark.parametrize("doubt", ["算不算我自己啊", "这个包括我吗"])
def test_whether_the_worker_counts_is_answered_at_the_count_step(harness: Harness, doubt: str) -> None:
    to_step(harness, "o-counts-me", [*AT_PHONE[:-1]])
    reply = harness.say(doubt, "o-counts-me")
    form = draft(harness, "o-counts-me")
    assert "自己也算上" in reply and "第5步" in reply, reply
    assert form is not None and "workers" not in form["fields"], form


def test_never_mind_just_me_is_the_count_not_leaving(harness: Harness) -> None:
    to_step(harness, "o-just-me", [*AT_PHONE[:-1]])
    reply = harness.say("三个……算了就写我一个吧", "o-just-me")
    form = draft(harness, "o-just-me")
    assert "第6步" in reply and form is not None and form["fields"].get("workers") == 1, (reply, form)


@pytest.mark.parametrize("yes", ["冇问题喇 确认吧", "行 就这样 登记吧", "就这么定了"])
def test_more_ways_to_say_go_ahead_at_the_summary_file(harness: Harness, yes: str) -> None:
    to_step(harness, "o-go-ahead", FULL)
    assert "编号" in harness.say(yes, "o-go-ahead") and case_count(harness) == 1


def test_the_place_of_work_named_as_its_address_is_asked_again(harness: Harness) -> None:
    to_step(harness, "o-work-address", FULL)
    assert "第2步" in harness.say("干活的地址改一下", "o-work-address")


def test_holiday_to_holiday_beside_the_sum_is_the_period(harness: Harness) -> None:
    to_step(harness, "o-feasts", AT_AMOUNT)
    reply = harness.say("中秋到国庆的加班费一共一千八没发", "o-feasts")
    form = draft(harness, "o-feasts")
    assert form is not None and form["fields"].get("amount") == 1800, (reply, form)
    assert form["fields"].get("period") == "中秋到国庆" and "第5步" in reply, (reply, form)


def test_trying_the_form_at_step_one_is_no_employer(harness: Harness) -> None:
    to_step(harness, "o-try-it", [])
    reply = harness.say("那就先登记试一下", "o-try-it")
    form = draft(harness, "o-try-it")
    assert "第1步" in reply and form is not None and "employer" not in form["fields"], (reply, form)


def test_from_which_month_at_step_one_is_the_period_not_the_employer(harness: Harness) -> None:
    to_step(harness, "o-from-month", [])
    reply = harness.say("拖了两个月 由十一月到十二月", "o-from-month")
    form = draft(harness, "o-from-month")
    assert "第1步" in reply and form is not None and "employer" not in form["fields"], (reply, form)


def test_the_number_given_last_time_is_asked_for_again(harness: Harness) -> None:
    to_step(harness, "o-last-time", AT_PHONE)
    reply = harness.say("手机号跟上回留的一样", "o-last-time")
    form = draft(harness, "o-last-time")
    assert "再发一遍" in reply and "第6步" in reply, reply
    assert form is not None and "phone" not in form["fields"], form


@pytest.mark.parametrize("yes", ["可以了", "就这样吧 提交吧", "确认了 登记吧"])
def test_plain_words_that_file_at_the_summary(harness: Harness, yes: str) -> None:
    to_step(harness, "o-plain-yes", FULL)
    assert "编号" in harness.say(yes, "o-plain-yes") and case_count(harness) == 1


def test_the_sum_to_write_and_the_one_not_to(harness: Harness) -> None:
    to_step(harness, "o-write-not", FULL)
    reply = harness.say("金额写总共两万八 别写两万", "o-write-not")
    form = draft(harness, "o-write-not")
    assert form is not None and form["fields"].get("amount") == 28000, (reply, form)


def test_the_employers_full_name_at_the_summary(harness: Harness) -> None:
    to_step(harness, "o-full-name", FULL)
    reply = harness.say("公司名字不全 是宏达建筑劳务有限责任公司", "o-full-name")
    form = draft(harness, "o-full-name")
    assert form is not None and form["fields"].get("employer") == "宏达建筑劳务有限责任公司", (reply, form)


def test_the_same_name_as_before_is_the_name(harness: Harness) -> None:
    to_step(harness, "o-same-name", AT_NAME)
    reply = harness.say("还是老孙", "o-same-name")
    form = draft(harness, "o-same-name")
    assert "请核对" in reply and form is not None and form["fields"].get("name") == "老孙", (reply, form)


def test_thanks_after_a_pause_leaves_the_form_paused(harness: Harness) -> None:
    to_step(harness, "o-paused-ok", AT_SITE)
    assert "留着" in harness.say("我先问问工友再说", "o-paused-ok")
    reply = harness.say("好嘞", "o-paused-ok")
    assert "第2步" not in reply, reply


@pytest.mark.parametrize("start", ["投", "能不能帮着我登记一下"])
def test_short_or_asked_wishes_to_file_open_the_form(harness: Harness, start: str) -> None:
    harness.say("包工头卷钱走了 工钱还欠着", "o-short-start")
    assert "第1步" in harness.say(start, "o-short-start")


def test_an_anhui_yes_then_confirm_files(harness: Harness) -> None:
    to_step(harness, "o-kezhao", FULL)
    assert "编号" in harness.say("可照 确认", "o-kezhao") and case_count(harness) == 1


def test_the_sum_column_written_again_at_the_summary(harness: Harness) -> None:
    to_step(harness, "o-column", FULL)
    reply = harness.say("钱那栏写两万六", "o-column")
    form = draft(harness, "o-column")
    assert "请核对" in reply and form is not None and form["fields"].get("amount") == 26000, (reply, form)
    reply = harness.say("钱那栏写两万六", "o-column")
    assert "不用改" in reply and "请核对" in reply, reply


@pytest.mark.parametrize("leave", ["拉倒吧 这个不报了", "唔使报住喇"])
def test_never_mind_in_dialect_leaves_the_form(harness: Harness, leave: str) -> None:
    to_step(harness, "o-never-mind", AT_AMOUNT)
    harness.say(leave, "o-never-mind")
    assert draft(harness, "o-never-mind") is None and case_count(harness) == 0


def test_a_northern_yes_takes_the_place_offered(harness: Harness) -> None:
    harness.say("投诉", "o-enna")
    assert "回「对」就行" in harness.say("道里区的某某饺子馆 老板姓于", "o-enna")
    reply = harness.say("嗯哪", "o-enna")
    form = draft(harness, "o-enna")
    assert "第3步" in reply and form is not None and form["fields"].get("site"), (reply, form)


def test_each_ones_share_at_the_site_step_is_no_place(harness: Harness) -> None:
    harness.say("投诉", "o-share")
    harness.say("某某茶厂的老板老储 厂子在潜山某某镇", "o-share")
    harness.say("一人八千 三个人两万四", "o-share")
    form = draft(harness, "o-share")
    assert form is not None and not str(form["fields"].get("site", "")).startswith("一人"), form


def test_register_the_complaint_at_step_one_is_no_employer(harness: Harness) -> None:
    to_step(harness, "o-register-it", [])
    reply = harness.say("先登记投诉", "o-register-it")
    form = draft(harness, "o-register-it")
    assert "第1步" in reply and form is not None and "employer" not in form["fields"], (reply, form)


@pytest.mark.parametrize("ask", ["能帮俺姨登记个投诉不", "帮我报", "那帮我妹也报一个"])
def test_asking_the_bot_to_file_for_someone_opens_the_form(harness: Harness, ask: str) -> None:
    harness.say("工地老板俩月没发钱", "o-file-for")
    assert "第1步" in harness.say(ask, "o-file-for")


@pytest.mark.parametrize("ask", ["帮我报个名", "老板动手了 帮我报个警"])
def test_signing_up_or_calling_the_police_opens_no_form(harness: Harness, ask: str) -> None:
    assert "第1步" not in harness.say(ask, "o-not-a-case")


def test_a_place_not_written_in_full_at_the_summary(harness: Harness) -> None:
    to_step(harness, "o-not-in-full", FULL)
    reply = harness.say("地方写得不细 是甘井子区某某路那个工地", "o-not-in-full")
    form = draft(harness, "o-not-in-full")
    assert form is not None and form["fields"].get("site") == "甘井子区某某路那个工地", (reply, form)


@pytest.mark.parametrize("yes", ["ok 就咁样 确认吧", "对着哩 就报上去吧", "没得错 报上去吧"])
def test_yes_in_cantonese_henan_and_sichuan_words_files(harness: Harness, yes: str) -> None:
    to_step(harness, "o-yes-regions", FULL)
    assert "编号" in harness.say(yes, "o-yes-regions") and case_count(harness) == 1


def test_the_item_changed_too_takes_the_value(harness: Harness) -> None:
    to_step(harness, "o-item-too", FULL)
    reply = harness.say("金额也改一下 是两万二 有个加班的没算", "o-item-too")
    form = draft(harness, "o-item-too")
    assert "请核对" in reply and form is not None and form["fields"].get("amount") == 22000, (reply, form)


def test_then_ill_file_one_opens_the_form(harness: Harness) -> None:
    harness.say("仲裁要钱吗", "o-file-one")
    assert "第1步" in harness.say("好 那我就投诉一个", "o-file-one")


def test_wait_in_dialect_with_the_foreman_calling_pauses_the_form(harness: Harness) -> None:
    to_step(harness, "o-foreman", AT_SITE)
    reply = harness.say("等哈 组长叫我 待会再填", "o-foreman")
    form = draft(harness, "o-foreman")
    assert "留着" in reply and form is not None and "site" not in form["fields"], (reply, form)
    assert "第2步" in harness.say("好了 接着填", "o-foreman")


def test_a_hesitation_is_no_employer(harness: Harness) -> None:
    harness.say("投诉", "o-um")
    reply = harness.say("呃 这个", "o-um")
    form = draft(harness, "o-um")
    assert "第1步" in reply and form is not None and "employer" not in form["fields"], (reply, form)


def test_the_sum_to_write_instead_corrects_it_at_a_later_step(harness: Harness) -> None:
    to_step(harness, "o-write-sum", AT_PERIOD)
    reply = harness.say("不对 还有几天没算 写21000", "o-write-sum")
    form = draft(harness, "o-write-sum")
    assert form is not None and form["fields"].get("amount") == 21000 and "period" not in form["fields"], form
    assert "第4步" in reply, reply


def test_then_confirm_after_an_ok_files(harness: Harness) -> None:
    to_step(harness, "o-ok-then", FULL)
    assert "编号" in harness.say("好 那就确认吧", "o-ok-then") and case_count(harness) == 1


def test_not_knowing_the_bosss_name_asked_in_cantonese_gets_the_tip(harness: Harness) -> None:
    harness.say("投诉", "o-dim-suan")
    reply = harness.say("老细叫咩名都唔知 点算", "o-dim-suan")
    form = draft(harness, "o-dim-suan")
    assert "外号" in reply and form is not None and "employer" not in form["fields"], (reply, form)


def test_a_name_given_after_all_when_changing_the_skipped_name(harness: Harness) -> None:
    to_step(harness, "o-name-after-all", [*AT_NAME, "跳过"])
    harness.say("修改 7", "o-name-after-all")
    reply = harness.say("还是写上吧 我姓俞", "o-name-after-all")
    form = draft(harness, "o-name-after-all")
    assert "请核对" in reply and form is not None and form["fields"].get("name") == "俞", (reply, form)


def test_asking_to_leave_the_name_out_skips_it_and_says_so(harness: Harness) -> None:
    to_step(harness, "o-no-name-q", AT_NAME)
    reply = harness.say("名字可以不写吗 怕被认出来", "o-no-name-q")
    assert "跳过" in reply and "请核对" in reply, reply
    reply = harness.say("那就跳过", "o-no-name-q")
    assert "请核对" in reply and case_count(harness) == 0, reply


def test_each_ones_share_times_the_count_is_the_sum(harness: Harness) -> None:
    to_step(harness, "o-share-sum", AT_AMOUNT)
    reply = harness.say("一个人三千二 我们五个 一万六", "o-share-sum")
    form = draft(harness, "o-share-sum")
    assert form is not None and form["fields"].get("amount") == 16000, (reply, form)
    assert form["fields"].get("workers") == 5 and "第4步" in reply, (reply, form)


def test_an_edit_that_says_the_old_value_too_takes_the_new_one(harness: Harness) -> None:
    to_step(harness, "o-edit-not", FULL)
    reply = harness.say("修改 3 是两万三不是两万", "o-edit-not")
    form = draft(harness, "o-edit-not")
    assert "请核对" in reply and form is not None and form["fields"].get("amount") == 23000, (reply, form)
    assert "编号" in harness.say("确认", "o-edit-not")


@pytest.mark.parametrize(
    "yes",
    [
        "行了 就这么着吧",
        "没有了 确定",
        "那就提交嘛",
        "嗯 就这些 报上去",  # assent said in pieces
        "整吧 没问题",
        "得嘞 整上去吧",
        "行嘞 提交",  # in the north
        "确认 多谢",
        "行 就这 确认",  # thanks, or 就这, beside it
    ],
)
def test_assent_said_in_pieces_at_the_summary_files(harness: Harness, yes: str) -> None:
    to_step(harness, "o-yes-pieces", FULL)
    reply = harness.say(yes, "o-yes-pieces")
    assert "已登记" in reply and "编号" in reply and case_count(harness) == 1, reply


@pytest.mark.parametrize("wait", ["好 我再看看", "对了 电话换一个"])
def test_a_yes_beside_something_else_at_the_summary_files_nothing(harness: Harness, wait: str) -> None:
    to_step(harness, "o-yes-not", FULL)
    harness.say(wait, "o-yes-not")
    assert case_count(harness) == 0


def test_the_name_taken_off_at_the_summary(harness: Harness) -> None:
    to_step(harness, "o-name-off", FULL)
    reply = harness.say("名字别写了 怕被厂里知道", "o-name-off")
    form = draft(harness, "o-name-off")
    assert "请核对" in reply and form is not None and form["fields"].get("name") is None, (reply, form)


def test_a_step_named_as_written_wrong_or_to_add_to_takes_the_value(harness: Harness) -> None:
    to_step(harness, "o-named-de", FULL)
    reply = harness.say("月份那写的不对 是八月十号开始的", "o-named-de")
    assert "八月十号" in reply, reply
    reply = harness.say("地方补充一下 是甘井子区红旗西路那个工地", "o-named-de")
    assert "红旗西路" in reply, reply
    reply = harness.say("厂名写错了 全称是顺昌建筑劳务有限公司", "o-named-de")
    form = draft(harness, "o-named-de")
    assert form is not None and form["fields"].get("employer") == "顺昌建筑劳务有限公司", (reply, form)


def test_the_bosss_number_said_in_cantonese_is_not_the_workers(harness: Harness) -> None:
    harness.say("投诉", "o-his-no")
    harness.say("包工头叫何永强 佢电话我都有13922113344", "o-his-no")
    form = draft(harness, "o-his-no")
    assert form is not None and "phone" not in form["fields"], form


def test_all_wrong_cancel_and_i_fill_it_again_starts_over(harness: Harness) -> None:
    to_step(harness, "o-redo", AT_NAME)
    harness.say("填乱了 取消 我重新来", "o-redo")
    assert "第1步" in harness.say("投诉", "o-redo")


def test_a_place_beside_the_employer_and_the_sum_is_offered_back_at_step_2(harness: Harness) -> None:
    harness.say("投诉", "o-offer-sum")
    reply = harness.say("金州区的宏盛建材 欠我七千二", "o-offer-sum")
    form = draft(harness, "o-offer-sum")
    assert "第2步" in reply and "回「对」" in reply, reply
    assert form is not None and "site" not in form["fields"] and form["fields"].get("amount") == 7200, form
    assert "第4步" in harness.say("对", "o-offer-sum")


def test_where_the_work_was_done_said_at_step_1_is_taken(harness: Harness) -> None:
    harness.say("投诉", "o-worked-at")
    reply = harness.say("包工头老邹 活是在甘井子那个安置房工地干的", "o-worked-at")
    form = draft(harness, "o-worked-at")
    assert "第3步" in reply and form is not None and "甘井子" in form["fields"].get("site", ""), (reply, form)


@pytest.mark.parametrize("yes", ["确认", "啱 确认", "好的"])
def test_a_yes_to_the_place_offered_back_takes_it_and_is_no_place(harness: Harness, yes: str) -> None:
    harness.say("投诉", "o-yes-offer")
    harness.say("金州区的宏盛建材", "o-yes-offer")
    harness.say(yes, "o-yes-offer")
    form = draft(harness, "o-yes-offer")
    assert form is not None and "金州" in form["fields"].get("site", ""), form


def test_a_slip_for_xiugai_still_edits_the_item(harness: Harness) -> None:
    to_step(harness, "o-xiugai-slip", FULL)
    assert "第3步" in harness.say("修该 3", "o-xiugai-slip")


def test_yes_at_the_site_step_with_nothing_offered_takes_the_firm_of_step_1(harness: Harness) -> None:
    harness.say("投诉", "o-yes-firm")
    assert "第2步" in harness.say("福田华美塑胶厂", "o-yes-firm")
    assert "第3步" in harness.say("是的", "o-yes-firm")
    form = draft(harness, "o-yes-firm")
    assert form is not None and "华美塑胶厂" in form["fields"].get("site", ""), form


def test_alone_said_at_the_head_count_step_is_no_count_and_the_question_is_answered(harness: Harness) -> None:
    to_step(harness, "o-alone", [*AT_PERIOD, "三个月"])
    reply = harness.say("过年这有啥活动 一个人挺闷的", "o-alone")
    assert "第6步" not in reply and "第5步" in reply, reply
    assert "workers" not in (draft(harness, "o-alone") or {})["fields"]


def test_yes_to_the_place_offered_then_the_sum_and_months_takes_all_three(harness: Harness) -> None:
    harness.say("投诉", "o-yes-then")
    harness.say("顺发汽修 老板姓刘 在宜秀区", "o-yes-then")
    reply = harness.say("对 5200 十月到十二月", "o-yes-then")
    fields = (draft(harness, "o-yes-then") or {})["fields"]
    assert "第5步" in reply and fields.get("amount") == 5200 and "宜秀" in fields.get("site", ""), fields


def test_a_private_employer_by_surname_with_a_home_district_is_the_employer(harness: Harness) -> None:
    harness.say("投诉", "o-private")
    reply = harness.say("雇主是个体户 姓孙 住在大观区", "o-private")
    assert "第2步" in reply and "记下了：你在" not in reply, reply


def test_not_a_cent_left_is_no_head_count() -> None:
    assert parse_count("身上一分钱都没有了 能救急不") is None


@pytest.mark.parametrize(
    ("said", "total"),
    [
        ("老公九千 大表哥七千五", 16500),  # each relative's share, the worker filing for them
        ("我八千 我哥七千 加起来", 15000),  # the worker's own and another's, said to be added up
        ("十来个人一共六万多 准确是六万二千八", 62800),  # the exact sum after the rough one
    ],
)
def test_shares_added_up_and_the_exact_sum_are_the_amount(said: str, total: int) -> None:
    assert read(BY_KEY["amount"], said)[0] == total


def test_values_in_the_forms_receipts_calendars_and_voices_use() -> None:
    assert parse_amount("叁仟伍佰元整") == 3500
    assert parse_phone("幺五九 二二八六 四四零七") == "15922864407"
    assert read(BY_KEY["amount"], "日薪三百二 做咗三十日")[0] == 9600
    assert [f.value for f in find_values("冬至到小年")] == ["冬至到小年"]


@pytest.mark.parametrize("period", ["霜降到小寒", "去年中秋节到今年元宵节"])
def test_a_period_from_one_feast_to_another_answers_step_4(harness: Harness, period: str) -> None:
    to_step(harness, "o-feasts", [*AT_PERIOD])
    assert "第5步" in harness.say(period, "o-feasts")


def test_a_place_unknown_to_us_beside_the_sum_at_the_site_step_is_the_site(harness: Harness) -> None:
    harness.say("投诉", "o-site-sum")
    harness.say("刘记饭庄", "o-site-sum")
    reply = harness.say("东风区刘记饭庄 欠我两千八", "o-site-sum")
    fields = (draft(harness, "o-site-sum") or {})["fields"]
    assert "第4步" in reply, reply
    assert fields.get("site") == "东风区刘记饭庄" and fields.get("amount") == 2800, fields


def test_a_sum_of_some_thousands_beside_the_employer_is_kept() -> None:
    assert [(f.key, f.value) for f in find_values("金利来电器厂 拖了我六千几")] == [("amount", 6000)]
    assert [(f.key, f.value) for f in find_values("一起干活的三个老头")] == [("workers", 3)]


def test_the_workers_own_name_told_at_step_1_fills_step_7(harness: Harness) -> None:
    harness.say("投诉", "o-own-name")
    reply = harness.say("我叫周德胜 拖工资的是长青物流的马经理", "o-own-name")
    fields = (draft(harness, "o-own-name") or {})["fields"]
    assert "第2步" in reply, reply
    assert fields.get("name") == "周德胜" and fields.get("employer") == "拖工资的是长青物流的马经理", fields


@pytest.mark.parametrize("skip", ["名字就算了", "称呼免了吧"])
def test_leaving_the_name_out_in_plain_words_skips_it_and_keeps_the_form(harness: Harness, skip: str) -> None:
    to_step(harness, "o-name-off", [*AT_NAME])
    reply = harness.say(skip, "o-name-off")
    assert "请核对" in reply and "取消" not in reply.split("请核对")[0], reply
    assert (draft(harness, "o-name-off") or {})["fields"].get("name", "x") is None


def test_a_bidding_to_note_it_beside_other_values_is_no_employer(harness: Harness) -> None:
    harness.say("投诉", "o-note-it")
    reply = harness.say("我姓方 手机13677889900 你先记下", "o-note-it")
    fields = (draft(harness, "o-note-it") or {})["fields"]
    assert "第1步" in reply and "employer" not in fields, (reply, fields)
    assert fields.get("phone") == "13677889900"


def test_asking_whether_the_boss_will_know_gets_what_is_kept_private(harness: Harness) -> None:
    harness.say("投诉", "o-boss-knows")
    reply = harness.say("先问一下 我投诉了厂里会不会知道", "o-boss-knows")
    assert "不会公开" in reply and "第1步" in reply, reply


def test_coming_back_to_the_form_after_leaving_it_starts_it_again(harness: Harness) -> None:
    to_step(harness, "o-back-again", AT_SITE)
    assert "取消" in harness.say("算了 先不填了", "o-back-again")
    assert "第1步" in harness.say("想想还是要弄", "o-back-again")


def test_numbers_and_names_as_receipts_emoji_and_piecework_write_them() -> None:
    assert read(BY_KEY["amount"], "九千二 八月半到年廿六的")[1] == {"period": "八月半到年二十六"}
    assert parse_phone("壹伍捌 贰贰零陆 伍伍柒壹") == "15822065571"
    assert BY_KEY["name"].parse("叫我老刘👍") == "老刘"
    assert read(BY_KEY["amount"], "底薪四千二 拖了两个月 大概八千五")[0] == 8500  # the pay, then the sum
    assert read(BY_KEY["amount"], "一天三百 干了二十个工")[0] == 6000  # twenty days' work


def test_a_cantonese_no_need_for_the_name_skips_it(harness: Harness) -> None:
    to_step(harness, "o-mai-sai", [*AT_NAME])
    reply = harness.say("名唔使写", "o-mai-sai")
    assert "请核对" in reply and draft(harness, "o-mai-sai") is not None, reply


def test_go_ahead_if_it_can_be_filed_names_no_employer(harness: Harness) -> None:
    harness.say("投诉", "o-if-can")
    assert "第1步" in harness.say("可以投诉就投诉吧", "o-if-can")
    assert "employer" not in (draft(harness, "o-if-can") or {})["fields"]


@pytest.mark.parametrize(
    ("change", "step"), [("我想改下人数", "第5步"), ("电话好像打错了一位 改一下", "第6步")]
)
def test_an_item_to_change_said_in_plain_words_at_the_summary_asks_it_again(
    harness: Harness, change: str, step: str
) -> None:
    to_step(harness, "o-plain-change", FULL)
    assert step in harness.say(change, "o-plain-change")


# (a question about the form gets the step's help, never a topic's answer; 「多长时间」 is answered)
@pytest.mark.parametrize(
    ("before", "said", "step"),
    [
        ([], "什么叫单位 要写厂的全称吗", "第1步"),
        (AT_SITE, "厂子没挂牌 写个村名可以吗", "第2步"),
        (AT_PERIOD, "是从哪个月开始算 进厂那个月还是没发钱那个月", "第4步"),
        ([], "就存了老板的微信 他叫啥不晓得 这个写啥", "第1步"),
        ([], "我是派遣来的 该写派遣公司还是写厂", "第1步"),
        ([], "稍等 我去翻下合同上的公司名", "第1步"),  # a pause to look it up
        ([], "投诉以后多长时间能拿到钱", "第1步"),  # a question, answered, the step kept
        (AT_PERIOD, "哪天开始的记不得了 写个大概行不", "第4步"),
        ([], "公司全称我不晓得 该填公司还是填工头", "第1步"),
        ([], "他那个厂叫乜我唔知 点写呀", "第1步"),  # how to fill it in, in Cantonese
        ([], "我是劳务公司招的 在厂里干 填边个", "第1步"),
        (AT_AMOUNT, "要写每个人的数还是加起来的", "第3步"),
    ],
)
def test_questions_and_pauses_at_a_step_keep_it_and_store_nothing(
    harness: Harness, before: list[str], said: str, step: str
) -> None:
    to_step(harness, "o-keep-step", before)
    kept = dict((draft(harness, "o-keep-step") or {})["fields"])
    reply = harness.say(said, "o-keep-step")
    assert step in reply and ("【" not in reply or "多长时间" in said), reply
    assert (draft(harness, "o-keep-step") or {})["fields"] == kept


@pytest.mark.parametrize(
    ("said", "site"),
    [
        ("顺达物流 铁西那个仓库里干的活", "铁西那个仓库"),  # no 在: the kind of site, then the work
        ("恒通机械 干活在金州那个工业园", "金州那个工业园"),  # 干活在…
        ("老板姓宫 我们在开发区那片厂房干的", "开发区那片厂房"),
    ],
)
def test_where_the_work_was_said_beside_the_employer_fills_the_site_step(
    harness: Harness, said: str, site: str
) -> None:
    harness.say("投诉", "o-worked-there")
    reply = harness.say(said, "o-worked-there")
    assert "第3步" in reply and (draft(harness, "o-worked-there") or {})["fields"].get("site") == site, reply


def test_a_sum_of_some_hundred_thousands_is_read() -> None:
    assert [(f.key, f.value) for f in find_values("总共欠了三十来万")] == [("amount", 300000)]


def test_working_for_someone_is_not_where(harness: Harness) -> None:
    harness.say("投诉", "o-worked-for")
    assert "第2步" in harness.say("工头姓吕 给万科那个楼盘干的", "o-worked-for")


def test_an_edit_by_number_with_a_remark_that_sounds_like_leaving_asks_the_item(harness: Harness) -> None:
    to_step(harness, "o-edit-remark", FULL)
    assert "第6步" in harness.say("修改 6 这个号码以后不用了", "o-edit-remark")
    assert draft(harness, "o-edit-remark") is not None


def test_yes_to_the_place_offered_then_where_exactly_keeps_only_where(harness: Harness) -> None:
    harness.say("投诉", "o-yes-where")
    assert "回「对」" in harness.say("金州的宏达建筑", "o-yes-where")
    assert "第3步" in harness.say("对 金州区 海湾那个小区", "o-yes-where")
    assert (draft(harness, "o-yes-where") or {})["fields"]["site"] == "金州区 海湾那个小区"


def test_a_half_remembered_firm_name_is_the_employer_not_a_question(harness: Harness) -> None:
    harness.say("投诉", "o-half-name")
    assert "第2步" in harness.say("就是那个叫什么宏远的厂子", "o-half-name")
    assert "宏远" in (draft(harness, "o-half-name") or {})["fields"]["employer"]


def test_form_commands_typed_in_pinyin_work(harness: Harness) -> None:
    to_step(harness, "o-pinyin-cmd", AT_PHONE[:-1])
    assert "第6步" in harness.say("jiu wo yi ge", "o-pinyin-cmd")
    harness.say("13912345678", "o-pinyin-cmd")
    harness.say("李四", "o-pinyin-cmd")
    assert "第4步" in harness.say("xiugai 4", "o-pinyin-cmd")
    assert "请核对" in harness.say("两个月", "o-pinyin-cmd")
    assert "已登记" in harness.say("queding", "o-pinyin-cmd")


@pytest.mark.parametrize("said", ["稍等 我老婆来电话了", "等一下 工头打电话过来了"])
def test_a_call_coming_in_pauses_the_form(harness: Harness, said: str) -> None:
    to_step(harness, "o-call-in", AT_SITE)
    assert "先给你留着" in harness.say(said, "o-call-in")
    assert (draft(harness, "o-call-in") or {})["fields"].get("site") is None


@pytest.mark.parametrize("said", ["回来了 接着搞", "忘了你刚才问的啥"])
def test_coming_back_or_forgetting_the_question_asks_the_step_again(harness: Harness, said: str) -> None:
    to_step(harness, "o-back-on", AT_SITE)
    reply = harness.say(said, "o-back-on")
    assert "接着填" in reply and "第2步" in reply
    assert (draft(harness, "o-back-on") or {})["fields"].get("site") is None


def test_a_phone_then_a_nickname_fills_both_steps(harness: Harness) -> None:
    to_step(harness, "o-phone-name", AT_PHONE)
    reply = harness.say("13812345678 叫小芳", "o-phone-name")
    assert "请核对" in reply and (draft(harness, "o-phone-name") or {})["fields"]["name"] == "小芳"


def test_a_rough_count_then_the_one_to_put_down_takes_that_one() -> None:
    assert parse_count("二十多个 就写二十三吧") == 23
    assert parse_count("四十来个人 填40") == 40


def test_how_exact_the_dates_must_be_is_asked_not_stored(harness: Harness) -> None:
    to_step(harness, "o-how-exact", [*AT_PERIOD])
    reply = harness.say("日子得写几号到几号吗 只记得月份", "o-how-exact")
    d = draft(harness, "o-how-exact")
    assert d is not None and "period" not in d["fields"] and "第4步" in reply, (reply, d)
    assert "第5步" in harness.say("写十月到腊月", "o-how-exact")


def test_the_sum_and_the_months_run_together_with_the_steps_word_are_both_taken(harness: Harness) -> None:
    to_step(harness, "o-run-time", [*AT_AMOUNT])
    reply = harness.say("钱的话大概四万二吧时间是去年八月到今年二月", "o-run-time")
    d = draft(harness, "o-run-time")
    assert d is not None and d["fields"].get("amount") == 42000, (reply, d)
    assert d["fields"].get("period") == "去年八月到今年二月" and "第5步" in reply, (reply, d)


def test_whether_a_step_may_be_left_blank_gets_its_help(harness: Harness) -> None:
    to_step(harness, "o-blank", [])
    reply = harness.say("拿不准的地方能空着不", "o-blank")
    assert "第1步" in reply and "这个问题我还答不上来" not in reply, reply
    assert draft(harness, "o-blank") is not None


@pytest.mark.parametrize(
    ("said", "employer"),
    [("等会 不是赵德明 是赵德民 人民的民", "包工头赵德民"), ("哦对了 工头不姓赵 姓肖", "包工头肖德明")],
)
def test_a_name_put_right_with_the_wrong_one_first_is_changed(
    harness: Harness, said: str, employer: str
) -> None:
    user = f"o-wrong-first-{employer}"
    to_step(harness, user, ["包工头赵德明", "安庆宜秀区 花园小区的工地"])
    reply = harness.say(said, user)
    d = draft(harness, user)
    assert d is not None and d["fields"]["employer"] == employer and "第3步" in reply, (reply, d)
    # (a place put right at the site step is the site, not a change of the firm's name)
    user = f"o-place-first-{employer}"
    to_step(harness, user, ["桐城的华美鞋厂"])
    harness.say("不是桐城 是潜山那个分厂", user)
    assert (draft(harness, user) or {})["fields"]["employer"] == "桐城的华美鞋厂"


def test_filing_after_a_condition_or_a_try_starts_the_form_with_nothing_stored(harness: Harness) -> None:
    assert "第1步" in harness.say("免费的话 那我投诉", "o-if-free")
    harness.say("老板欠了俩月", "o-try")
    reply = harness.say("那我试下 登记", "o-try")
    assert "第1步" in reply and not (draft(harness, "o-try") or {}).get("fields"), reply
    # (a form to fill about training is no complaint)
    harness.say("厂里说搞以工代训 这是个啥", "o-form-other")
    assert "第1步" not in harness.say("那要我自己去填表不", "o-form-other")
