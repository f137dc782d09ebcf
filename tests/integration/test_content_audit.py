"""Issue 12 §1–§2: the content audit's findings, each checked against what a worker is told.

Replies go through the real bot (a signed push to the webhook, a real SQLite file) where the point
is what the worker reads; the loaded knowledge is used where every region or every day has to be
covered. The last part breaks a copy of content/ and intents/ on purpose and expects
``bot check`` to refuse each kind of finding.
"""

from __future__ import annotations

import itertools
import re
import shutil
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers.harness import Harness
from helpers.paths import ROOT
from helpers.server import write_config

from bot.cli import main
from bot.content.checks import all_problems, names_no_city, seeds_dir_for
from bot.content.knowledge import CAMPAIGN, STANDING, Document, Knowledge, load_knowledge
from bot.ids import NATIONAL, TOPIC_INTENTS
from bot.staff.lookup import answers_for

DURING = date(2021, 2, 1)  # inside the 2021 campaigns
AFTER = date(2026, 12, 3)  # long after them
_openids = (f"o-audit-{n}" for n in itertools.count())


@pytest.fixture(scope="module")
def knowledge() -> Knowledge:
    return load_knowledge(str(ROOT / "content"))


@pytest.fixture
def ask(harness: Harness) -> Callable[..., str]:
    """A new worker sends one message on ``day``; the reply as WeChat delivers it (the short form)."""

    def send(text: str, day: date = DURING) -> str:
        harness.services.bot.today = lambda: day
        return harness.say(text, openid=next(_openids))

    return send


@pytest.fixture
def ask_full(harness: Harness) -> Callable[..., str]:
    """A new worker asks, then replies 「详细」: the whole answer, as the bot gives it."""

    def send(text: str, day: date = DURING) -> str:
        harness.services.bot.today = lambda: day
        openid = next(_openids)
        first = harness.say(text, openid=openid)
        full = harness.say("详细", openid=openid)
        assert full.splitlines()[0] == first.splitlines()[0], (first, full)
        return full

    return send


def warnings(reply: str) -> list[str]:
    return [line for line in reply.splitlines() if line.startswith("⚠")]


def footer(reply: str) -> str:
    return next(line for line in reply.splitlines() if line.startswith("（依据："))


def places(knowledge: Knowledge) -> Iterator[str]:
    yield from knowledge.regions


# -- §1 holiday pay: standing labour law, no expiry, extras only where a seed has them -------------


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("大连过年加班工资咋算", "【大连·春节加班】"),
        ("黑龙江春节上班给几倍工资", "【黑龙江·春节加班】"),
        ("黄埔春节加班费怎么算", "【黄埔·春节加班】"),
        ("安庆过年加班费怎么算", "【安庆·春节加班】"),
        ("春节加班费怎么算", "【全国·春节加班】"),
    ],
)
def test_holiday_pay_is_standing_law_in_every_region(
    ask: Callable[..., str], ask_full: Callable[..., str], text: str, label: str
) -> None:
    for day in (DURING, AFTER):
        assert not warnings(ask(text, day))
        reply = ask_full(text, day)
        first = reply.splitlines()[0]
        assert first.startswith(label), reply
        assert all(rate in first for rate in ("300%", "200%", "150%")), first  # one self-sufficient line
        assert "除夕" in reply and "4天" in reply and "2025年" in reply
        assert "初一、初二、初三（3天）" not in reply and "2021年春节的法定假日" not in reply
        assert not warnings(reply), reply  # the law does not end with a campaign
        cited = footer(reply)
        assert "《劳动法》第四十四条" in cited and "2024年修订" in cited
        assert "1994" not in reply


def test_no_region_or_district_gets_an_expiry_note_on_holiday_pay(knowledge: Knowledge) -> None:
    for place in places(knowledge):
        doc = knowledge.answer("holiday_pay", place)
        assert doc is not None and doc.validity == STANDING and doc.valid_until is None
        for day in (DURING, date(2021, 4, 1), AFTER):
            assert not warnings(knowledge.reply("holiday_pay", place, day) or ""), place


def test_regional_encouragement_is_not_worded_as_a_requirement(ask_full: Callable[..., str]) -> None:
    dalian = ask_full("大连春节调休怎么安排")
    line = next(x for x in dalian.splitlines() if "错峰" in x)
    assert "鼓励" in line and "不是硬性规定" in line
    assert "大连要求企业和职工协商" not in dalian
    huangpu = ask_full("黄埔过年加班费怎么算")
    assert "只是鼓励" in huangpu and "在落实节假日工作待遇的基础上" in huangpu
    anqing = ask_full("安庆过年加班费怎么算")
    assert "安庆2021年鼓励企业发" in anqing and "不能顶替加班费" in anqing


def test_dalians_holiday_notice_says_encourage_and_cites_labour_law(harness: Harness) -> None:
    b = harness.services.broadcasts
    notice = b.template("dalian/notice-2")
    assert notice is not None and "labour-law" in notice.also
    text = b.render(notice.title, notice.body, "dalian", datetime(2031, 1, 20, 1, 0, tzinfo=UTC))
    line = next(x for x in text.splitlines() if "错峰" in x)
    assert "鼓励" in line and "企业要" not in line
    assert "300%" in text and "2021年春节正月初一至初三" not in text


# -- §1 routing: 经开区 alone names no city --------------------------------------------------------


def test_a_development_zone_in_another_city_does_not_get_anqing(ask: Callable[..., str]) -> None:
    for text in ("合肥经开区的厂招人吗", "在经开区那个工地干活 工资一直不发", "哈尔滨经开区欠薪怎么办"):
        reply = ask(text)
        assert "安庆" not in reply, (text, reply)
    assert ask("哈尔滨经开区欠薪怎么办").startswith("【黑龙江·欠薪维权】")
    assert ask("安庆经开区的厂招人吗").startswith("【安庆·经开区·找工作】")
    assert ask("迎江经开区春节正常上班的外地职工有2000补贴吗").startswith("【安庆·迎江·留岗补贴】")


def test_saying_only_jingkaiqu_asks_for_the_city_and_sets_no_region(harness: Harness) -> None:
    reply = harness.say("我是在经开区这边", openid="o-zone")
    assert "我在安庆" in reply  # how to name the city
    follow_up = harness.say("加班费怎么算", openid="o-zone")
    assert follow_up.startswith("【全国·春节加班】"), follow_up


def test_the_classifier_reads_no_region_from_a_bare_zone_word(harness: Harness) -> None:
    classify = harness.services.bot.classifier.classify
    assert classify("经开区招人吗").region is None
    assert classify("经开区招人吗").place is None
    assert classify("安庆经开区招人吗").place == "anqing-jingkai"


# -- §1 dates ----------------------------------------------------------------------------------------


def test_dalians_undated_source_is_cited_by_number_not_by_an_invented_date(
    ask: Callable[..., str], knowledge: Knowledge
) -> None:
    assert knowledge.sources["dalian-2021-58"].date is None
    cited = footer(ask("大连留岗红包怎么领"))
    assert "大人社发〔2021〕58号" in cited and "未注明日期" in cited
    assert "2021年1月21日" not in cited
    assert all(d.valid_from is None for d in knowledge.search(region="dalian"))


def test_anqings_waiver_date_has_its_year_and_says_when_it_is_over(ask_full: Callable[..., str]) -> None:
    before = ask_full("安庆老板拖欠工资怎么办", date(2021, 2, 20))
    assert "2021年2月28日前凭" in before and "（已结束）" not in before
    after = ask_full("安庆老板拖欠工资怎么办", date(2021, 3, 10))  # the answer runs to 2021-03-31
    assert "2021年2月28日前（已结束）凭" in after
    assert not warnings(after)


# -- §1 overstatements --------------------------------------------------------------------------------


def test_anqings_finished_round_of_visits_is_not_an_entitlement(ask_full: Callable[..., str]) -> None:
    reply = ask_full("安庆生活困难 有没有临时救助")
    line = next(x for x in reply.splitlines() if "1000元" in x)
    assert "1369户" in line and "已" in line and "不是能申请的补贴" in line
    assert reply.splitlines()[0].count("12351") == 1  # what to do now comes first


def test_arbitration_green_channel_is_the_justice_bureaus_and_not_labour_arbitration(
    ask_full: Callable[..., str], knowledge: Knowledge
) -> None:
    for text in ("安庆法律援助怎么申请", "安庆老板拖欠工资怎么办"):
        reply = ask_full(text)
        assert "劳动仲裁" not in reply
        assert "市司法局" in next(x for x in reply.splitlines() if "仲裁" in x)
    assert not any("劳动仲裁" in d.body for d in knowledge.broadcasts if d.region == "anqing")


def test_the_data_gift_is_for_people_staying_in_anqing_not_families_at_home(
    ask: Callable[..., str], knowledge: Knowledge
) -> None:
    for text in ("安庆家里老人孩子没人管", "怀宁留守儿童有人照看吗"):
        assert "GB" not in ask(text)
    for doc in knowledge.answers.values():
        if "10GB" in doc.body:
            assert doc.intent != "family_care"
            assert re.search(r"留(在|下)[^，。]{0,4}过年", doc.body), doc.path


def test_qianshans_pre_festival_job_fair_is_told_as_past(
    ask: Callable[..., str], ask_full: Callable[..., str], knowledge: Knowledge
) -> None:
    reply = ask_full("潜山哪里有招聘会")
    assert reply.startswith("【安庆·潜山·找工作】")
    assert "2021年春节前" in reply and "截至2021年2月9日" in reply
    assert not any("春节前还会" in d.body for d in knowledge.answers.values())
    later = ask("潜山哪里有招聘会", AFTER)
    assert len(warnings(later)) == 1 and "潜山" in warnings(later)[0]


# -- §1 misattribution ---------------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["老板拖欠工资怎么办", "想找免费律师打官司"])
def test_hotline_advice_cites_the_hotlines_not_the_2021_notice(ask: Callable[..., str], text: str) -> None:
    for day in (DURING, AFTER):
        reply = ask(text, day)
        assert reply.startswith("【全国·")
        cited = footer(reply)
        assert "12333" in cited and "12348" in cited and "人社部" not in cited
        assert not warnings(reply)


def test_contacts_cite_the_hotline_entry_and_general_sources_show_no_old_date(knowledge: Knowledge) -> None:
    for region in knowledge.regions.values():
        for c in region.contacts:
            if c.phone in ("12333", "12348") and region.id not in ("anqing",) and region.parent != "anqing":
                assert c.source == "hotlines", (region.id, c)
    for sid in ("labour-law", "holiday-rules", "hotlines"):
        assert knowledge.sources[sid].date is None
        assert not re.search(r"\d{4}年\d", knowledge.sources[sid].cite())


# -- §1 missing content -----------------------------------------------------------------------------------


@pytest.mark.parametrize("city", ["大连", "黑龙江", "黄埔", ""])
def test_stable_jobs_refund_goes_to_the_firm_which_applies(ask_full: Callable[..., str], city: str) -> None:
    reply = ask_full(f"{city}失业保险稳岗返还怎么申请")
    line = next(x for x in reply.splitlines() if "稳岗返还" in x)
    assert "企业" in line and "人社" in line, reply


@pytest.mark.parametrize(("city", "label"), [("", "全国"), ("黑龙江", "黑龙江"), ("大连", "大连")])
def test_return_home_business_and_work_relief_are_answered(
    ask_full: Callable[..., str], city: str, label: str
) -> None:
    reply = ask_full(f"{city}想回老家找活干 返乡创业有扶持吗")
    assert reply.startswith(f"【{label}·"), reply
    assert "返乡" in reply and "创业" in reply and "以工代赈" in reply


def test_huangpu_promises_no_24_hour_line_without_a_number(
    ask_full: Callable[..., str], knowledge: Knowledge
) -> None:
    for doc in [*knowledge.search(region="guangzhou-huangpu"), *knowledge.broadcasts]:
        assert "24小时" not in doc.body, doc.path
    reply = ask_full("黄埔过年没钱吃饭 心里难受 找谁")
    assert "区人社部门" in reply and "12333" in reply


def test_heilongjiang_says_how_to_complain_online(ask_full: Callable[..., str]) -> None:
    reply = ask_full("黑龙江被欠工资 能网上投诉吗")
    line = next(x for x in reply.splitlines() if "网上投诉" in x)
    assert "12333" in line


# -- §1 broadcast templates --------------------------------------------------------------------------------


def test_templates_carry_no_signatories_no_relative_years_and_full_dates(knowledge: Knowledge) -> None:
    for doc in knowledge.broadcasts:
        text = doc.title + "\n" + doc.body
        assert not re.search(r"今年|牛年|明年", text), doc.path
        assert not re.search(r"(?<![\d年])(?<!\d{4}年)\d{1,2}月\d{1,2}日", text), doc.path
        assert not re.search(r"等(相关)?部门\s*$", text, re.M), doc.path
        for issuer in ("安庆市人社局", "大连市人力资源和社会保障局", "黑龙江省人力资源和社会保障厅"):
            assert issuer not in text, doc.path
        if doc.kind == "letter":
            assert doc.body.rstrip().endswith("{sender}\n{date}"), doc.path


def test_a_letter_rendered_for_its_region_keeps_the_sender_for_the_official(harness: Harness) -> None:
    b = harness.services.broadcasts
    letter = b.template("anqing/letter-1")
    assert letter is not None
    text = b.render(letter.title, letter.body, "anqing", datetime(2021, 2, 9, 1, 0, tzinfo=UTC))
    assert "您留在安庆市过年" in text and "2021年2月28日前" in text and "牛年" not in text


# -- §2 standing and campaign answers ----------------------------------------------------------------------


def test_every_answer_is_standing_or_campaign_with_dates_and_an_offer(knowledge: Knowledge) -> None:
    for doc in knowledge.answers.values():
        assert doc.validity in (STANDING, CAMPAIGN), doc.path
        if doc.validity == CAMPAIGN:
            assert doc.valid_until is not None and re.search(r"20\d\d", doc.offered), doc.path
        else:
            assert doc.valid_until is None and not doc.offered, doc.path


def test_a_current_campaign_answer_is_sent_as_written(ask: Callable[..., str], knowledge: Knowledge) -> None:
    reply = ask("安庆法律援助怎么申请", date(2021, 2, 20))
    doc = knowledge.answers[("anqing", "legal_aid")]
    assert reply.startswith(doc.body.splitlines()[0]) and not warnings(reply)
    assert "安庆市稳岗留工工作简报第3期，2021年2月9日" in footer(reply)


def test_a_past_campaign_leads_with_what_applies_now_then_one_line(
    ask: Callable[..., str], ask_full: Callable[..., str]
) -> None:
    for reply in (
        ask("安庆法律援助怎么申请", date(2021, 3, 1)),
        ask_full("安庆法律援助怎么申请", date(2021, 3, 1)),
    ):
        assert reply.startswith("【全国·法律援助】需要免费法律帮助，先拨打 12348")
        (warn,) = warnings(reply)
        assert "免审经济困难" in warn and "已于2021年2月28日结束" in warn
        assert "不用审查经济困难" not in reply  # the lapsed waiver is not offered as current


def test_a_past_campaign_without_a_standing_rule_leads_with_the_hotline(ask: Callable[..., str]) -> None:
    reply = ask("宜秀留岗补贴多少", AFTER)
    lines = reply.splitlines()
    assert lines[0] == "【安庆·宜秀·留岗补贴】现在的政策请拨打 12333 问清楚。"
    assert len(warnings(reply)) == 1 and "1000元" in lines[1] and "已于2021年3月31日结束" in lines[1]


def test_a_district_past_its_dates_falls_back_to_its_citys_current_answer(knowledge: Knowledge) -> None:
    reply = knowledge.reply("skills_training", "anqing-qianshan", date(2021, 6, 1)) or ""
    city = knowledge.answers[("anqing", "skills_training")]
    assert reply.startswith(city.body.splitlines()[0])
    (warn,) = warnings(reply)
    assert "潜山" in warn and "2021年3月31日" in warn


def test_a_campaign_not_yet_started_is_not_shown(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    path = content / "answers" / "dalian" / "stay_subsidy.md"
    text = path.read_text(encoding="utf-8").replace(
        "valid_until = 2021-03-31", "valid_from = 2031-01-20\nvalid_until = 2031-03-31"
    )
    path.write_text(text, encoding="utf-8")
    kb = Knowledge(content)
    early = kb.reply("stay_subsidy", "dalian", date(2030, 12, 1)) or ""
    assert early.startswith("【大连·留岗补贴】现在的政策请拨打") and not warnings(early)
    assert (kb.reply("stay_subsidy", "dalian", date(2031, 2, 1)) or "").startswith("【大连·留岗补贴】大连")


def test_every_reply_on_every_day_fits_a_screen_and_has_at_most_one_warning(knowledge: Knowledge) -> None:
    days = {DURING, date(2021, 3, 1), date(2021, 4, 1), date(2022, 1, 1), AFTER}
    for (region, intent), doc in knowledge.answers.items():
        for day in (
            days
            | {d for d in (doc.valid_until,) if d}
            | {d + timedelta(days=1) for d in (doc.valid_until,) if d}
        ):
            reply = knowledge.reply(intent, region, day) or ""
            assert len(reply) <= 600, (region, intent, day)
            found = warnings(reply)
            assert len(found) <= 1, (region, intent, day)
            assert bool(found) == doc.expired(day), (region, intent, day)
            assert all(re.search(r"20\d\d年", w) for w in found)


def test_every_topic_has_an_answer_for_every_place_and_the_desk_shows_what_the_bot_sends(
    knowledge: Knowledge,
) -> None:
    for place, intent in itertools.product(places(knowledge), TOPIC_INTENTS):
        for day in (DURING, AFTER):
            sent = knowledge.reply(intent, place, day)
            assert sent, (place, intent)
            shown = answers_for(knowledge, intent, place, day)[0]
            assert shown.sent_by_bot and shown.text == sent
    assert all(knowledge.answers[(NATIONAL, i)] for i in ("holiday_pay", "wage_arrears", "legal_aid"))


# -- bot check: each kind of finding is refused -------------------------------------------------------------


def test_the_shipped_content_passes_every_rule(knowledge: Knowledge) -> None:
    seeds = seeds_dir_for(knowledge.dir)
    if not seeds.is_dir():
        pytest.skip("the seeds are not beside this checkout")
    assert all_problems(knowledge, ROOT / "intents", seeds) == []


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture
def broken(tmp_path: Path) -> tuple[Path, Path]:
    """A copy of content/ and intents/ with one instance of every finding of the audit."""
    content, intents = tmp_path / "content", tmp_path / "intents"
    shutil.copytree(ROOT / "content", content)
    shutil.copytree(ROOT / "intents", intents)
    answers, casts = content / "answers", content / "broadcasts"
    _edit(answers / "dalian" / "wage_arrears.md", "valid_until = 2021-03-31\n", "")  # campaign, no end
    _edit(
        answers / "national" / "holiday_pay.md",
        'validity = "standing"',
        'validity = "standing"\nvalid_until = 2021-03-31',
    )
    _edit(answers / "anqing" / "job_services.md", "2021年2月7日首场", "2月7日首场")
    _edit(answers / "anqing" / "social_assistance.md", "1369户", "1396户")  # not what the seed says
    _edit(
        answers / "heilongjiang" / "stay_subsidy.md",
        'source = "heilongjiang-2021-27"',
        'source = "dalian-2021-58"',
    )
    _edit(answers / "anqing-yixiu" / "job_services.md", 'validity = "campaign"', 'validity = "forever"')
    _edit(answers / "dalian" / "job_services.md", 'offered = "2021年春节', 'offered = "春节')
    _edit(casts / "anqing" / "letter-1.md", "春节就要到了。", "牛年春节就要到了，今年您留下来。")
    _edit(casts / "dalian" / "letter-1.md", "{sender}\n{date}", "大连市人力资源和社会保障局等部门\n{date}")
    _edit(casts / "national" / "notice-3.md", 'also = ["holiday-rules"]', 'also = ["nope"]')
    _edit(
        answers / "national" / "wage_arrears.md",
        'source = "hotlines"',
        'source = "hotlines"\nalso = ["gone"]',
    )
    _edit(intents / "regions.toml", '"安庆经开区", "安庆经济开发区"', '"经开区", "高新区", "安庆经济开发区"')
    return content, intents


def test_check_refuses_each_kind_of_finding(broken: tuple[Path, Path]) -> None:
    content, intents = broken
    problems = "\n".join(all_problems(Knowledge(content), intents, seeds_dir_for(ROOT / "content")))
    expected = [
        "dalian/wage_arrears.md: a campaign answer needs valid_until",
        "national/holiday_pay.md: a standing answer never expires",
        "anqing/job_services.md: 「2月7日」 without its year",
        "anqing/social_assistance.md: 「1396户」 is not in the cited source",
        "heilongjiang/stay_subsidy.md: source 'dalian-2021-58' is about dalian",
        "anqing-yixiu/job_services.md: validity must be one of",
        "dalian/job_services.md: offered must name the campaign's year",
        "anqing/letter-1.md: 「牛年」 goes stale",
        "anqing/letter-1.md: 「今年」 goes stale",
        "dalian/letter-1.md: sign a letter with {sender}",
        "dalian/letter-1.md: 「大连市人力资源和社会保障局等部门」 signs for departments",
        "national/wage_arrears.md: source 'gone' is not in sources.toml",
        "national/notice-3.md: source 'nope' is not in sources.toml",
        "alias '经开区' (anqing-jingkai) is a kind of place many cities have",
        "alias '高新区' (anqing-jingkai) is a kind of place many cities have",
    ]
    missing = [e for e in expected if e not in problems]
    assert not missing, problems


def test_bot_check_exits_non_zero_on_the_broken_copy(tmp_path: Path, broken: tuple[Path, Path]) -> None:
    content, intents = broken
    extra = f'[content]\ncontent_dir = "{content}"\nintents_dir = "{intents}"\n'
    cfg = write_config(tmp_path / "bad.toml", tmp_path / "bot.db", 8080, extra=extra)
    result = CliRunner().invoke(main, ["check", "--config", str(cfg)])
    assert result.exit_code == 1
    assert "a campaign answer needs valid_until" in result.output
    assert "alias '经开区'" in result.output
    good = write_config(tmp_path / "good.toml", tmp_path / "bot.db", 8080)
    assert CliRunner().invoke(main, ["check", "--config", str(good)]).exit_code == 0


@pytest.mark.parametrize(
    ("alias", "ambiguous"),
    [
        ("经开区", True),
        ("经济技术开发区", True),
        ("高新区", True),
        ("开发区", True),
        ("安庆经开区", False),
        ("迎江经济开发区", False),
        ("广州开发区", False),
        ("哈市", False),
        ("大观区", False),
    ],
)
def test_an_alias_names_a_city_or_is_ambiguous(alias: str, ambiguous: bool) -> None:
    assert names_no_city(alias) is ambiguous


def test_documents_know_their_kind(knowledge: Knowledge) -> None:
    doc: Document = knowledge.answers[("anqing", "legal_aid")]
    assert doc.current(date(2021, 2, 28)) and not doc.current(date(2021, 3, 1))
    assert doc.expired(date(2021, 3, 1))
    law = knowledge.answers[(NATIONAL, "holiday_pay")]
    assert law.standing and law.current(date(1990, 1, 1)) and not law.expired(AFTER)
