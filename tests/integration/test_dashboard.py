"""The desk's dashboard: question counters kept per turn, SQL aggregates on a small known dataset,
the page and its CSV per role.

Questions reach the bot as real signed pushes through the webhook (the Harness); the numbers are
then read back three ways — the aggregate rows, the page's tables and the CSV — and must agree.
"""

from __future__ import annotations

import csv
import hashlib
import io
import random
import re
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from helpers.harness import Harness
from helpers.paths import ROOT
from helpers.wechat import event_xml, text_xml
from test_desk import staff

from bot.complaints.register import Register
from bot.staff import stats
from bot.storage.store import Store, User
from bot.timefmt import BEIJING
from bot.web.desk.dashboard import csv_cell

VENDOR = ROOT / "bot" / "web" / "static" / "vendor" / "echarts"
FIELDS = {
    "employer": "宏达建筑劳务公司",
    "site": "安庆宜秀区某工地",
    "amount": 35000,
    "period": "3个月",
    "workers": 2,
    "phone": "13812341234",
    "name": "张三",
}


def at(day: str, hour: int = 12, minute: int = 0) -> float:
    """A Beijing wall-clock time as a timestamp."""
    d = date.fromisoformat(day)
    return datetime(d.year, d.month, d.day, hour, minute, tzinfo=BEIJING).timestamp()


class Clock:
    def __init__(self, now: float) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


def counts(store: Store) -> set[tuple[Any, ...]]:
    return {tuple(r) for r in store.conn.execute("SELECT * FROM question_counts")}


# -- the counters -------------------------------------------------------------------------------------


def test_each_question_is_counted_once_by_beijing_day_intent_and_region(harness: Harness) -> None:
    store = harness.services.store
    # 07:30 in Beijing on 2 February is still 1 February in UTC: the day must be Beijing's.
    clock = Clock(at("2021-02-02", 7, 30))
    store.clock = clock
    harness.services.bot.clock = clock

    assert "失业" in harness.say("安庆失业金怎么领", "o-a")
    assert "法律援助" in harness.say("3", "o-b")  # the menu's third topic, not 「unknown」
    unanswered = harness.say("帮我查一下明天的火车票", "o-c")
    assert "答不上来" in unanswered
    # A redelivered push (same MsgId) is answered from the store and not counted again.
    xml = text_xml("大连春节上班工资怎么给", "o-d", msg_id=99001)
    for _ in range(2):
        assert harness.post(xml).status_code == 200
    # Events are not questions.
    assert harness.post(event_xml("subscribe", "o-e")).status_code == 200

    assert counts(store) == {
        ("2021-02-02", "unemployment_benefit", "anqing", 1, 0),
        ("2021-02-02", "legal_aid", "", 1, 0),
        ("2021-02-02", "unknown", "", 1, 1),
        ("2021-02-02", "holiday_pay", "dalian", 1, 0),
    }
    # The next day starts new rows; the same key adds up.
    clock.now = at("2021-02-03", 9)
    harness.say("安庆失业金怎么领", "o-f")
    harness.say("安庆失业保险金去哪领", "o-g")
    assert ("2021-02-03", "unemployment_benefit", "anqing", 2, 0) in counts(store)


def test_the_counters_hold_no_text_and_no_openid(harness: Harness) -> None:
    harness.say("我叫李四电话13912345678帮我查一下明天的火车票", "o-secret-openid")
    columns = [r[1] for r in harness.services.store.conn.execute("PRAGMA table_info(question_counts)")]
    assert columns == ["day", "intent", "region", "asked", "unanswered"]
    dump = "\n".join(harness.services.store.conn.iterdump())
    table = [line for line in dump.splitlines() if "question_counts" in line]
    assert table and not any("13912345678" in line or "o-secret-openid" in line for line in table)


def test_an_unanswered_question_not_counted_first_still_counts(tmp_path: Path) -> None:
    store = Store(tmp_path / "bot.db", clock=Clock(at("2021-02-01")))
    with store.transaction():
        store.record_unanswered("哪里能修手机", "o-x", "dalian")
    with store.transaction():
        store.count_question("holiday_pay", "dalian")  # answered: the next transaction starts clean
    with store.transaction():
        store.record_unanswered("哪里能修手机", "o-y", "dalian")
    assert counts(store) == {
        ("2021-02-01", "unknown", "dalian", 2, 2),
        ("2021-02-01", "holiday_pay", "dalian", 1, 0),
    }


def truth(store: Store) -> dict[tuple[str, bool, bool], int]:
    rows = store.conn.execute(
        "SELECT COALESCE(region, ''), followed, subscribed, COUNT(*) FROM users GROUP BY 1, 2, 3"
    )
    return {(r, bool(f), bool(s)): n for r, f, s, n in rows}


def kept(store: Store) -> dict[tuple[str, bool, bool], int]:
    return {(c.region, c.followed, c.subscribed): c.users for c in stats.followers(store.conn)}


def test_follower_counts_follow_every_change_to_users(tmp_path: Path) -> None:
    store = Store(tmp_path / "bot.db")
    rng = random.Random(7)
    regions = ["anqing", "anqing-yixiu", "dalian", None]
    for step in range(400):
        openid = f"o-{rng.randrange(40)}"
        with store.transaction() as conn:
            if step % 37 == 36:
                conn.execute("DELETE FROM users WHERE openid = ?", (openid,))
            elif step % 11 == 10:  # writes that touch none of the three columns
                conn.execute("UPDATE users SET cases = 1, tags_dirty = 0 WHERE openid = ?", (openid,))
            else:
                user = store.user(openid)
                user.region = rng.choice(regions) if rng.random() < 0.3 else user.region
                user.subscribed = rng.random() < 0.8
                user.followed = rng.random() < 0.9
                user.last_seen = step
                store.save_user(user)
        if step % 25 == 0:
            assert kept(store) == truth(store), step
    assert kept(store) == truth(store) and sum(kept(store).values()) > 20


def test_follower_counts_start_from_the_users_already_there(tmp_path: Path) -> None:
    """A database from before migration 0401: its followers are counted when the step runs."""
    store = Store(tmp_path / "bot.db")
    with store.transaction() as conn:
        for trigger in ("insert", "update", "delete"):
            conn.execute(f"DROP TRIGGER follower_counts_{trigger}")
        conn.execute("DROP TABLE follower_counts")
        conn.execute("DELETE FROM _sqlite_migrations WHERE name = '0401_follower_counts'")
        for n in range(30):
            conn.execute(
                "INSERT INTO users (openid, region, subscribed, followed) VALUES (?, ?, ?, ?)",
                (f"o-{n}", ["dalian", None, "anqing-yixiu"][n % 3], n % 4 != 0, n % 5 != 0),
            )
    store.close()
    reopened = Store(tmp_path / "bot.db")
    assert kept(reopened) == truth(reopened) and sum(kept(reopened).values()) == 30


# -- the aggregates on a known dataset ------------------------------------------------------------------


def test_questions_by_day_and_by_week(tmp_path: Path) -> None:
    clock = Clock(0.0)
    store = Store(tmp_path / "bot.db", clock=clock)
    # Sunday 31 Jan, Monday 1 Feb, Wednesday 3 Feb 2021.
    plan = [
        ("2021-01-31", "wage_arrears", "anqing-yixiu", 3, 1),
        ("2021-02-01", "wage_arrears", "anqing", 2, 0),
        ("2021-02-01", "unknown", None, 4, 4),
        ("2021-02-03", "holiday_pay", "dalian", 5, 1),
    ]
    for day, intent, region, asked, missed in plan:
        clock.now = at(day)
        for n in range(asked):
            with store.transaction():
                store.count_question(intent, region)
                if n < missed:
                    store.record_unanswered("…", "o-1", region)

    def grouped(win: stats.Window, by: str) -> dict[tuple[str, str], tuple[int, int]]:
        return {
            (c.period.isoformat(), c.key): (c.asked, c.unanswered)
            for c in stats.questions(store.conn, win, by)
        }

    daily = stats.window(date(2021, 2, 3), "day")
    assert grouped(daily, "intent") == {
        ("2021-01-31", "wage_arrears"): (3, 1),
        ("2021-02-01", "wage_arrears"): (2, 0),
        ("2021-02-01", "unknown"): (4, 4),
        ("2021-02-03", "holiday_pay"): (5, 1),
    }
    assert grouped(daily, "region") == {
        ("2021-01-31", "anqing-yixiu"): (3, 1),
        ("2021-02-01", "anqing"): (2, 0),
        ("2021-02-01", ""): (4, 4),
        ("2021-02-03", "dalian"): (5, 1),
    }
    win = stats.window(date(2021, 2, 3), "week")
    assert win.starts[-1] == date(2021, 2, 1) and len(win.starts) == stats.WEEKS
    assert grouped(win, "intent") == {
        ("2021-01-25", "wage_arrears"): (3, 1),  # Sunday belongs to the week before
        ("2021-02-01", "wage_arrears"): (2, 0),
        ("2021-02-01", "unknown"): (4, 4),
        ("2021-02-01", "holiday_pay"): (5, 1),
    }
    assert grouped(win, "region") == {
        ("2021-01-25", "anqing-yixiu"): (3, 1),
        ("2021-02-01", "anqing"): (2, 0),
        ("2021-02-01", ""): (4, 4),
        ("2021-02-01", "dalian"): (5, 1),
    }
    assert stats.asked_between(store.conn, date(2021, 2, 1), date(2021, 2, 3)) == (11, 5)
    assert stats.counting_since(store.conn) == date(2021, 1, 31)
    # A day outside the daily window is left out.
    assert stats.questions(store.conn, stats.window(date(2021, 3, 10), "day"), "region") == []


def test_complaints_by_status_age_and_overdue(tmp_path: Path) -> None:
    clock = Clock(at("2021-01-01"))
    store = Store(tmp_path / "bot.db", clock=clock)
    register = Register(store)
    old = register.create("o-1", "anqing", FIELDS)  # filed 1 Jan
    clock.now = at("2021-01-20")
    mid = register.create("o-2", "dalian", FIELDS)  # filed 20 Jan
    clock.now = at("2021-01-29")
    new = register.create("o-3", "dalian", FIELDS)  # filed 29 Jan
    done = register.create("o-4", "dalian", FIELDS)
    clock.now = at("2021-01-30")
    register.set_status(mid.case_no, "已受理", "", "wang")  # in 已受理 since 30 Jan
    register.set_status(done.case_no, "不予受理", "", "wang")
    now = at("2021-02-01", 11)
    limits = {"待受理": 3.0, "已受理": 7.0, "处理中": 30.0}

    rows = {(c.status, c.age): (c.cases, c.overdue) for c in stats.complaints(store.conn, now, limits)}
    assert rows == {
        ("待受理", 3): (1, 1),  # 30 days 23 hours waiting to be taken on: past 3 days
        ("已受理", 2): (1, 0),  # 11 days old, but in 已受理 for under 2 days
        ("待受理", 0): (1, 0),  # 2 days 23 hours: not yet past 3 days
        ("不予受理", 0): (1, 0),  # closed: never overdue
    }
    assert old.case_no and new.case_no
    # Without limits there is no overdue count at all (not zero).
    assert {c.overdue for c in stats.complaints(store.conn, now)} == {None}


def test_followers_and_sends(tmp_path: Path) -> None:
    store = Store(tmp_path / "bot.db", clock=Clock(at("2021-02-01")))
    people = [
        ("anqing", True, True),
        ("anqing-yixiu", True, True),
        ("anqing", False, True),
        ("dalian", True, False),
        (None, True, True),
    ]
    for n, (region, subscribed, followed) in enumerate(people):
        store.save_user(User(f"o-{n}", region=region, subscribed=subscribed, followed=followed))
    got = {(c.region, c.followed, c.subscribed): c.users for c in stats.followers(store.conn)}
    assert got == {
        ("anqing", True, True): 1,
        ("anqing-yixiu", True, True): 1,
        ("anqing", True, False): 1,
        ("dalian", False, True): 1,
        ("", True, True): 1,
    }

    conn = store.conn
    conn.execute(
        "INSERT INTO broadcasts (id, kind, title, body, regions, created_by, created, updated)"
        " VALUES (1, 'letter', '致留安庆过年的朋友', '…', '[\"anqing\"]', 'li', 0, 0)"
    )
    sends = [
        (1, "2021-01-20", "anqing", at("2021-01-20", 10), "sent", 1001),
        (1, "2021-01-25", "anqing", at("2021-01-25", 10), "failed", None),
        (1, "2021-01-26", "anqing", at("2021-01-26", 10), "cancelled", None),
        (1, "2021-02-05", "anqing", at("2021-02-05", 10), "scheduled", None),
        (1, "2021-02-03", "anqing", at("2021-02-03", 10), "scheduled", None),
        (1, "2020-12-01", "anqing", at("2020-12-01", 10), "sent", 1000),  # older than the window
    ]
    for b, occ, region, due, status, msg in sends:
        conn.execute(
            "INSERT INTO broadcast_sends (broadcast_id, occurrence, region, due, status, clientmsgid, msg_id)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            (b, occ, region, due, status, f"c-{occ}", msg),
        )
    conn.execute(
        "INSERT INTO mass_results (msg_id, status, total, filter_count, sent_count, error_count, received)"
        " VALUES (1001, 'send success', 120, 118, 117, 1, 0)"
    )
    now = at("2021-02-01")
    upcoming = stats.upcoming_sends(conn, now)
    assert [s.due for s in upcoming] == [at("2021-02-03", 10), at("2021-02-05", 10)]
    recent = stats.recent_sends(conn, now - 30 * 86400, now)
    assert [(s.status, s.delivered, s.errors, s.filtered) for s in recent] == [
        ("failed", None, None, None),
        ("sent", 117, 1, 118),
    ]


# -- the page and its CSV ---------------------------------------------------------------------------------


def table(page: str, panel: str) -> dict[str, list[str]]:
    """A panel's table from the page: row label → the cells' text (headers under '')."""
    m = re.search(rf'<table class="nums" id="t-{panel}">(.*?)</table>', page, re.S)
    assert m, f"no table for {panel}"
    body = m.group(1)
    heads = re.findall(r"<th scope=\"col\"[^>]*>(.*?)</th>", body)
    rows = {"": heads[1:]}
    for tr in re.findall(r"<tr><th scope=\"row\">(.*?)</th>(.*?)</tr>", body, re.S):
        rows[tr[0]] = re.findall(r"<td[^>]*>(.*?)</td>", tr[1])
    return rows


def fill(harness: Harness) -> None:
    """A small known month: questions on two days, three cases, three followers, a send to come."""
    store = harness.services.store
    clock = Clock(at("2021-02-01", 9))
    store.clock = clock
    harness.services.bot.clock = clock
    harness.say("安庆失业金怎么领", "o-a")
    harness.say("帮我查一下明天的火车票", "o-b")
    harness.say("宜秀区失业金怎么领", "o-f")  # a district: counted under its city
    assert store.user("o-f").region == "anqing-yixiu"
    clock.now = at("2021-02-02", 9)
    harness.say("大连春节上班工资怎么给", "o-c")
    harness.say("大连加班费怎么算", "o-d")
    harness.say("你是谁呀哈哈", "o-e")
    register = harness.services.complaints
    clock.now = at("2021-01-20")
    register.create("o-a", "anqing", FIELDS)
    clock.now = at("2021-02-02", 8)
    case = register.create("o-c", "dalian", FIELDS)
    register.set_status(case.case_no, "已受理", "", "wang")
    store.conn.execute(
        "INSERT INTO broadcasts (id, kind, title, body, regions, created_by, created, updated)"
        " VALUES (7, 'notice', '=HYPERLINK(\"http://x\")', '…', '[\"anqing\"]', 'li', 0, 0)"
    )
    store.conn.execute(
        "INSERT INTO broadcast_sends (broadcast_id, occurrence, region, due, status, clientmsgid)"
        " VALUES (7, '2021-02-05', 'anqing', ?, 'scheduled', 'c-7')",
        (at("2021-02-05", 10),),
    )
    clock.now = at("2021-02-02", 18)


@pytest.mark.parametrize("role", ["hotline", "official", "admin"])
def test_the_page_shows_each_role_its_numbers(harness: Harness, role: str) -> None:
    fill(harness)
    client = staff(harness, "wang", role)
    page = client.get("/desk/").get_data(as_text=True)
    # The search box is at the top, focused on load.
    assert page.index('name="q"') < page.index('class="kpis"')
    assert re.search(r'<input id="home-q" name="q"[^>]*autofocus', page)

    topics = table(page, "topics")
    assert topics[""][-1] == "合计"
    col = topics[""].index("春节加班费")
    assert topics["2月2日"][col] == "2" and topics["2月2日"][-1] == "3"
    assert topics["2月1日"][topics[""].index("失业金")] == "2"
    assert topics["2月1日"][topics[""].index("其他")] == "1"
    unanswered = table(page, "unanswered")
    assert unanswered[""] == ["问题数", "没答上", "没答上比例"]
    assert unanswered["2月1日"] == ["3", "1", "33.3%"]
    assert unanswered["2月2日"] == ["3", "1", "33.3%"]
    regions = table(page, "regions")
    assert regions["2月2日"][regions[""].index("大连市")] == "2"
    assert regions["2月1日"][regions[""].index("安庆市")] == "2"
    assert regions["2月1日"][regions[""].index("未选地区")] == "1"
    ages = table(page, "ages")
    # Filed 20 Jan, still 待受理 on 2 Feb: 13 days, past the 3-day limit.
    assert ages["8–15天"] == ["1", "0", "0", "1", "1"]
    assert ages["3天内"] == ["0", "1", "0", "1", "0"]
    assert "超期 1 件" in page

    official = role != "hotline"
    assert ('id="t-followers"' in page) is official
    assert ('id="t-upcoming"' in page) is official
    if official:
        followers = table(page, "followers")
        assert followers["安庆市"] == ["2", "0", "2", "0"]
        assert followers["大连市"] == ["2", "0", "2", "0"]
        assert followers["未选地区"] == ["2", "0", "2", "0"]
        upcoming = table(page, "upcoming")
        assert upcoming["2月5日 10:00"][2:] == ["安庆市", "2"]
    # Hotline staff see their complaints before the questions; officials the questions first.
    assert (page.index('id="t-ages"') < page.index('id="t-topics"')) is not official

    # Every panel's CSV says what its table says; a panel the role does not see is not there.
    for panel in re.findall(r'<table class="nums" id="t-([a-z]+)"', page):
        resp = client.get(f"/desk/dashboard/{panel}.csv")
        assert resp.status_code == 200 and resp.mimetype == "text/csv"
        rows = list(csv.reader(io.StringIO(resp.get_data(as_text=True).lstrip("\ufeff"))))
        shown = table(page, panel)
        assert rows[0][1:] == [h.replace("没答上比例", "没答上比例（%）") for h in shown[""]]
        assert len(rows) - 1 == len(shown) - 1
    if not official:
        assert client.get("/desk/dashboard/followers.csv").status_code == 404
    else:
        body = client.get("/desk/dashboard/upcoming.csv").get_data(as_text=True)
        assert "'=HYPERLINK" in body  # a title that would run as a formula in a spreadsheet


def test_weekly_view_and_login_required(harness: Harness) -> None:
    fill(harness)
    assert harness.app.test_client().get("/desk/").status_code == 302
    assert harness.app.test_client().get("/desk/dashboard/topics.csv").status_code == 302
    client = staff(harness, "li", "official")
    page = client.get("/desk/?by=week").get_data(as_text=True)
    topics = table(page, "topics")
    assert topics["2月1日起"][-1] == "6" and len(topics) - 1 == stats.WEEKS
    assert 'aria-current="page">按周' in page
    assert client.get("/desk/?by=nonsense").status_code == 200  # falls back to days


def test_csv_cells_that_a_spreadsheet_would_run_are_quoted() -> None:
    for text in ("=1+1", "+1", "-1", "@SUM(A1)", "\ufeff=1+1", "\u200b=cmd", " =x"):
        assert str(csv_cell(text)).startswith("'"), text
    assert csv_cell("安庆市") == "安庆市"
    assert csv_cell(12.0) == 12 and csv_cell(33.3) == 33.3 and csv_cell(None) == ""


def test_the_vendored_echarts_is_the_recorded_build() -> None:
    readme = (VENDOR / "README.md").read_text(encoding="utf-8")
    recorded = re.search(r"`echarts.common.min.js` sha256 `([0-9a-f]{64})`", readme)
    assert recorded
    digest = hashlib.sha256((VENDOR / "echarts.common.min.js").read_bytes()).hexdigest()
    assert digest == recorded.group(1)
    assert "Apache License" in (VENDOR / "LICENSE").read_text(encoding="utf-8")
    assert "Apache ECharts" in (VENDOR / "NOTICE").read_text(encoding="utf-8")


def test_a_new_account_with_nothing_yet_still_renders(harness: Harness) -> None:
    client = staff(harness, "li", "admin")
    page = client.get("/desk/").get_data(as_text=True)
    assert "还没有登记的投诉。" in page and "还没有工人关注。" in page and "没有安排中的群发。" in page
    assert "近7天还没有问题" in page and 'id="t-topics"' not in page
    # No link is offered; asked anyway, the CSV is the header alone.
    body = client.get("/desk/dashboard/topics.csv").get_data(as_text=True)
    assert body.lstrip("\ufeff").splitlines() == [
        "日期,失业金,法律援助,欠薪维权,过年活动,留岗补贴,找工作,技能培训,春节加班费,临时救助,留守老人孩子,其他,合计"
    ]
