"""The broadcast planner on plain values: no database, no clock, no WeChat."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from bot.broadcasts import planner
from bot.broadcasts.model import BEIJING, Caution, Draft, Existing, Schedule
from bot.content.knowledge import Document

NOW = datetime(2031, 1, 20, 10, 0, tzinfo=BEIJING)
CHAINS = {
    "national": ("national",),
    "anqing": ("anqing", "national"),
    "anqing-yixiu": ("anqing-yixiu", "anqing", "national"),
    "dalian": ("dalian", "national"),
    "heilongjiang": ("heilongjiang", "national"),
}
LABELS = {"national": "全国（所有订阅者）", "anqing": "安庆", "anqing-yixiu": "安庆·宜秀", "dalian": "大连"}


def draft(
    body: str = "留在{region_name}的朋友，请拨打{hotline}。{date}",
    regions: tuple[str, ...] = ("anqing",),
    at: datetime | None = None,
    template: str = "",
    sender: str = "",
    schedule: Schedule | None = None,
    title: str = "通知",
) -> Draft:
    when = schedule or Schedule.once(at or NOW + timedelta(days=1))
    return Draft("notice", title, body, regions, when, template, sender)


def doc(region: str, until: date | None = None, since: date | None = None) -> Document:
    return Document(
        Path(f"content/broadcasts/{region}/letter-1.md"),
        region,
        "src",
        "正文",
        kind="letter",
        title="慰问信",
        valid_from=since,
        valid_until=until,
    )


def booked(
    when: datetime, region: str = "anqing", template: str = "", bid: int = 7, status: str = "scheduled"
) -> Existing:
    return Existing(bid * 10, bid, when, region, "前一条", template, status)


# -- text


def test_text_problems_name_what_is_wrong() -> None:
    assert planner.text_problems(draft()) == []
    problems = planner.text_problems(draft(body="你好 {name}", title=""))
    assert "请填写标题" in problems and any("{name}" in p for p in problems)
    assert planner.text_problems(Draft("poem", "t", "b", (), Schedule())) == ["类型只能是慰问信或通知"]


def test_sender_is_required_when_the_body_uses_it() -> None:
    signed = "亲爱的朋友：……\n{sender}\n{date}"
    [problem] = planner.text_problems(draft(body=signed))
    assert "发件单位" in problem
    assert planner.text_problems(draft(body=signed, sender="安庆市就业工作领导小组办公室")) == []
    assert planner.text_problems(draft(sender="大连市人社局")) == []  # filled, unused: fine
    assert "发件单位太长" in planner.text_problems(draft(body=signed, sender="局" * 41))[0]


def test_length_is_checked_on_the_longest_rendering() -> None:
    assert planner.length_problems(["短", "也短"]) == []
    [problem] = planner.length_problems(["短", "长" * 2001])
    assert "2001 字" in problem


# -- times


def test_send_times_drop_the_past_and_refuse_a_past_single_time() -> None:
    now = NOW.timestamp()
    times, problems = planner.send_times(draft(at=NOW - timedelta(hours=1)), now)
    assert times == [] and problems == ["发送时间 2031-01-20 09:00 已经过去了"]
    times, problems = planner.send_times(draft(at=NOW + timedelta(seconds=-30)), now)
    assert problems == [] and len(times) == 1  # a minute's slack
    daily = Schedule.every_day("09:00", date(2031, 1, 19), date(2031, 1, 22))
    times, problems = planner.send_times(draft(schedule=daily), now)
    assert problems == [] and [t.day for t in times] == [21, 22]  # the 19th and 20th 09:00 are past
    gone = Schedule.every_day("09:00", date(2031, 1, 1), date(2031, 1, 3))
    assert planner.send_times(draft(schedule=gone), now) == ([], ["这段日期里的发送时间都已经过去了"])


# -- quota


def test_subscription_account_one_a_day_names_what_took_the_day() -> None:
    day = NOW + timedelta(days=1)
    assert planner.daily_problems([(day, "anqing")], []) == []
    [problem] = planner.daily_problems([(day.replace(hour=15), "dalian")], [booked(day, bid=3)])
    assert "2031年1月21日已经安排了「前一条」（#3）" in problem
    [problem] = planner.daily_problems([(day, "anqing"), (day, "dalian")], [])
    assert "这条选了 2 个地区" in problem
    assert planner.daily_problems([(day + timedelta(days=1), "anqing")], [booked(day)]) == []


def test_service_account_counts_what_a_district_follower_receives() -> None:
    days = [NOW + timedelta(days=i) for i in range(1, 5)]
    # Four already this month reach anqing-yixiu: two to the district, one to its city, one to all.
    old = [
        booked(days[0], "anqing-yixiu", bid=1),
        booked(days[1], "anqing-yixiu", bid=2),
        booked(days[2], "anqing", bid=3),
        booked(days[3], "national", bid=4),
    ]
    new = [(NOW + timedelta(days=6), "anqing")]
    [problem] = planner.monthly_problems(new, old, CHAINS, LABELS)
    assert "2031年1月安庆·宜秀的关注者已经安排了 4 次，加上这条要收到 5 次" in problem
    assert planner.monthly_problems([(NOW + timedelta(days=6), "dalian")], old, CHAINS, LABELS) == []
    next_month = [(datetime(2031, 2, 2, 9, 0, tzinfo=BEIJING), "anqing")]
    assert planner.monthly_problems(next_month, old, CHAINS, LABELS) == []
    assert planner.quota_problems("service", new, old, CHAINS, LABELS) == [problem]


# -- cautions


def test_a_template_past_its_campaign_needs_the_typed_phrase() -> None:
    rows = [(NOW + timedelta(days=1), "dalian")]
    ended = doc("dalian", until=date(2021, 2, 28))
    [stale] = planner.cautions(draft(template="dalian/letter-1"), ended, rows, [], CHAINS, LABELS)
    assert stale.code == "stale" and "2021年2月28日已经结束" in stale.text and stale.phrase
    assert planner.unconfirmed([stale], {}) == [stale]
    assert planner.unconfirmed([stale], {"stale": "1"}) == [stale]  # a tick is not typing it
    assert planner.unconfirmed([stale], {"stale": "确认"}) == [stale]
    assert planner.unconfirmed([stale], {"stale": f" {planner.STALE_PHRASE} "}) == []
    # Still within the campaign, or no dates at all: nothing to confirm.
    running = doc("dalian", until=(NOW + timedelta(days=30)).date())
    assert planner.cautions(draft(template="x"), running, rows, [], CHAINS, LABELS) == []
    assert planner.cautions(draft(template="x"), doc("dalian"), rows, [], CHAINS, LABELS) == []


def test_the_same_template_to_the_same_region_within_seven_days_needs_a_yes() -> None:
    name = "anqing/letter-1"
    mine = draft(template=name)
    when = NOW + timedelta(days=3)
    rows = [(when, "anqing")]
    template = doc("anqing")
    sent = booked(when - timedelta(days=6, hours=23), template=name, status="sent", bid=5)
    [dup] = planner.cautions(mine, template, rows, [sent], CHAINS, LABELS)
    assert dup.code == "duplicate" and "7 天内已经给安庆发过同一个模板" in dup.text and "#5" in dup.text
    assert dup.phrase == "" and planner.unconfirmed([dup], {"duplicate": "1"}) == []
    # Eight days apart, another region, another template, or no template at all: no caution.
    far = booked(when - timedelta(days=8), template=name)
    elsewhere = booked(when, "dalian", template=name)
    other = booked(when, template="anqing/notice-1")
    assert planner.cautions(mine, template, rows, [far, elsewhere, other], CHAINS, LABELS) == []
    assert planner.cautions(draft(), None, rows, [sent], CHAINS, LABELS) == []


def test_a_template_for_one_region_sent_to_another_needs_a_yes() -> None:
    rows = [(NOW + timedelta(days=1), r) for r in ("heilongjiang", "dalian")]
    [caution] = planner.cautions(draft(template="dalian/letter-1"), doc("dalian"), rows, [], CHAINS, LABELS)
    assert caution.code == "region" and "写给大连的" in caution.text and "heilongjiang" in caution.text
    assert "dalian、" not in caution.text  # only the foreign regions are named
    # A city's template to its district is its own; a national template goes anywhere.
    to_district = [(NOW + timedelta(days=1), "anqing-yixiu")]
    assert planner.cautions(draft(template="a"), doc("anqing"), to_district, [], CHAINS, LABELS) == []
    assert planner.cautions(draft(template="n"), doc("national"), rows, [], CHAINS, LABELS) == []
    # … but a city's template to everyone is not.
    everyone = [(NOW + timedelta(days=1), "national")]
    [wide] = planner.cautions(draft(template="a"), doc("anqing"), everyone, [], CHAINS, LABELS)
    assert wide.code == "region"


@pytest.mark.parametrize(
    ("confirm", "left"),
    [({}, ["stale", "region"]), ({"region": "1"}, ["stale"]), ({"region": "1", "stale": "确认照发"}, [])],
)
def test_each_caution_is_confirmed_on_its_own(confirm: dict[str, str], left: list[str]) -> None:
    found = [Caution("stale", "…", planner.STALE_PHRASE), Caution("region", "…")]
    assert [c.code for c in planner.unconfirmed(found, confirm)] == left


# -- warnings


def test_relative_years_and_dates_without_a_year_are_pointed_out() -> None:
    body = "今年春节（牛年）2月28日前申请，2021年3月31日截止，{date}"
    words, dates = planner.warnings(draft(body=body), None, [NOW], "service")
    assert "「今年」" in words and "「牛年」" in words
    assert "「2月28日」" in dates and "3月31日" not in dates
    assert planner.warnings(draft(body="2031年2月28日前申请。{date}"), None, [NOW], "service") == []


def test_a_daily_schedule_on_a_subscription_account_warns_about_the_quota() -> None:
    daily = draft(schedule=Schedule.every_day("09:00", date(2031, 1, 21), date(2031, 1, 23)))
    assert any("订阅号每天只能群发 1 次" in w for w in planner.warnings(daily, None, [NOW], "subscription"))
    assert planner.warnings(daily, None, [NOW], "service") == []
