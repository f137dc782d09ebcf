"""The wage-complaint dialogue end to end over signed webhook requests, and the case register."""

from __future__ import annotations

import sqlite3

import pytest
from helpers.harness import Harness
from helpers.wechat import text_xml

from bot.complaints.fields import mask_phone, parse_count, parse_phone
from bot.numbers import parse_amount

FORM = ["华强建筑劳务公司", "安庆宜秀区某某工地", "三万五", "2020年10月到12月", "6", "13912345678", "王小明"]


def fill(h: Harness, openid: str, answers: list[str] = FORM) -> str:
    reply = h.say("投诉", openid)
    assert "第1步" in reply
    for answer in answers:
        reply = h.say(answer, openid)
    return reply


def cases(h: Harness) -> list[sqlite3.Row]:
    return h.services.store.conn.execute("SELECT * FROM complaints ORDER BY id").fetchall()


@pytest.mark.parametrize(
    ("text", "yuan"),
    [
        ("三万五", 35000),
        ("3.5万", 35000),
        ("35000元", 35000),
        ("3万5千", 35000),
        ("两千八", 2800),
        ("一万二", 12000),
        ("８０００块", 8000),
        ("12,000", 12000),
        ("5千", 5000),
        ("八百", 800),
    ],
)
def test_amounts_workers_type_are_understood(text: str, yuan: int) -> None:
    assert parse_amount(text) == yuan


@pytest.mark.parametrize("text", ["不知道", "很多", "", "0", "万万"])
def test_non_amounts_are_refused(text: str) -> None:
    assert parse_amount(text) is None


def test_phone_and_count_parsing() -> None:
    assert parse_phone("139 1234 5678") == "13912345678"
    assert parse_phone("+86 139-1234-5678") == "13912345678"
    assert parse_phone("12912345678") is None and parse_phone("1391234567") is None
    assert parse_count("就我一个") == 1 and parse_count("十二个人") == 12 and parse_count("没有") is None
    assert mask_phone("13812341234") == "138****1234"


def test_complete_form_saves_one_case_and_gives_a_case_number(harness: Harness) -> None:
    summary = fill(harness, "o-a")
    assert "35000元" in summary and "华强建筑劳务公司" in summary and "确认" in summary
    done = harness.say("确认", "o-a")
    (row,) = cases(harness)
    assert row["case_no"] in done and row["case_no"].startswith("QX-")
    assert (row["employer"], row["amount"], row["workers"], row["phone"], row["name"]) == (
        "华强建筑劳务公司",
        35000,
        6,
        "13912345678",
        "王小明",
    )
    assert "12333" in done and "12348" in done
    # Asking again about progress shows the case.
    status = harness.say("我的投诉处理得怎么样了", "o-a")
    assert row["case_no"] in status and "待受理" in status


def test_a_case_goes_to_the_region_where_the_work_was(harness: Harness) -> None:
    harness.say("我在深圳", "o-where")  # an uncovered city: national
    fill(harness, "o-where", ["大连一家水产公司", *FORM[1:]])
    harness.say("确认", "o-where")
    (row,) = cases(harness)
    assert row["region"].startswith("anqing"), row["region"]  # the site (安庆宜秀区) names it last


def test_bad_answers_are_re_asked_and_nothing_is_lost(harness: Harness) -> None:
    harness.say("投诉", "o-b")
    harness.say("某某公司", "o-b")
    harness.say("大连甘井子", "o-b")
    assert "没看懂金额" in harness.say("好多好多", "o-b")
    assert "第4步" in harness.say("2.8万", "o-b")
    harness.say("三个月", "o-b")
    harness.say("就我自己", "o-b")
    assert "11位" in harness.say("12345", "o-b")
    assert "第7步" in harness.say("13812341234", "o-b")
    summary = harness.say("跳过", "o-b")
    assert "28000元" in summary and "（不留）" in summary


def test_correction_re_asks_one_field_then_returns_to_summary(harness: Harness) -> None:
    fill(harness, "o-c")
    assert "第3步" in harness.say("修改 3", "o-c")
    summary = harness.say("4万", "o-c")
    assert "40000元" in summary and "请核对" in summary
    harness.say("确认", "o-c")
    assert cases(harness)[0]["amount"] == 40000


def test_cancel_drops_the_draft(harness: Harness) -> None:
    harness.say("投诉", "o-d")
    harness.say("某某公司", "o-d")
    assert "取消" in harness.say("取消", "o-d")
    state = harness.services.store.user("o-d").state or {}
    assert "complaint" not in state and "某某公司" not in str(state)  # (only the topic is remembered)
    assert cases(harness) == []


@pytest.mark.parametrize("leave", ["取消啦", "退出吧", "算了，不填了", "算了先不登记了"])
def test_ways_of_leaving_the_form_are_not_taken_as_a_field(harness: Harness, leave: str) -> None:
    harness.say("投诉", "o-l")
    harness.say("某某公司", "o-l")  # now at the worksite step: a place would be stored
    harness.say(leave, "o-l")
    state = harness.services.store.user("o-l").state or {}
    assert "complaint" not in str(state), state
    assert cases(harness) == []


def test_question_mid_form_is_answered_then_reminded(harness: Harness) -> None:
    harness.say("投诉", "o-e")
    harness.say("某某公司", "o-e")
    reply = harness.say("过年加班工资怎么算？", "o-e")
    assert "300%" in reply and "第2步" in reply
    assert "第3步" in harness.say("大连某工地", "o-e")


def test_draft_survives_leaving_and_expires_after_ttl(harness: Harness) -> None:
    store = harness.services.store
    now = [1_700_000_000.0]
    store.clock = lambda: now[0]
    harness.services.bot.clock = store.clock
    harness.say("投诉", "o-f")
    harness.say("某某公司", "o-f")
    now[0] += 3 * 3600  # back after three hours: resumed
    assert "第3步" in harness.say("安庆某工地", "o-f")
    now[0] += 25 * 3600  # past the 24 h default
    reply = harness.say("你好", "o-f")
    assert "已过期" in reply
    assert harness.services.store.user("o-f").state is None


def test_redelivered_confirm_and_repeated_confirm_make_one_case(harness: Harness) -> None:
    fill(harness, "o-g")
    xml = text_xml("确认", "o-g", msg_id=5551)
    first = harness.client.post(harness.path, query_string=harness.wechat.query(), data=xml.encode())
    again = harness.client.post(harness.path, query_string=harness.wechat.query(), data=xml.encode())
    assert (
        harness.wechat.open_reply(first.data)["Content"] == harness.wechat.open_reply(again.data)["Content"]
    )
    repeat = harness.say("确认", "o-g")
    assert len(cases(harness)) == 1
    assert cases(harness)[0]["case_no"] in repeat


def test_case_is_on_disk_before_the_reply_is_sent(harness: Harness) -> None:
    fill(harness, "o-h")
    reply = harness.say("确认", "o-h")
    # A separate connection (another process would see the same) finds the committed case.
    with sqlite3.connect(harness.settings.storage.database) as other:
        (case_no,) = other.execute("SELECT case_no FROM complaints").fetchone()
    assert case_no in reply


def test_nobody_sees_someone_elses_case(harness: Harness) -> None:
    fill(harness, "o-owner")
    done = harness.say("确认", "o-owner")
    case_no = cases(harness)[0]["case_no"]
    assert case_no in done
    snoop = harness.say(f"查一下投诉进度 {case_no}", "o-snoop")
    assert case_no not in snoop and "华强" not in snoop and "5678" not in snoop


def test_echoed_employer_name_keeps_the_xml_well_formed(harness: Harness) -> None:
    nasty = "]]><Content>x</Content>&<公司>"
    harness.say("投诉", "o-x")
    reply = harness.say(nasty, "o-x")
    assert "第2步" in reply
    for answer in FORM[1:]:
        reply = harness.say(answer, "o-x")
    assert nasty in reply


def test_status_change_reaches_the_worker_next_time_they_write(harness: Harness) -> None:
    fill(harness, "o-s")
    harness.say("确认", "o-s")
    case_no = cases(harness)[0]["case_no"]
    harness.services.complaints.set_status(case_no, "已受理", "已转劳动监察大队", "staff-1")
    reply = harness.say("你好", "o-s")
    assert "已受理" in reply and "已转劳动监察大队" in reply
    assert "已受理" not in harness.say("你好", "o-s")  # told once


def test_status_transitions_are_enforced(harness: Harness) -> None:
    fill(harness, "o-t")
    harness.say("确认", "o-t")
    reg = harness.services.complaints
    case_no = cases(harness)[0]["case_no"]
    with pytest.raises(ValueError, match="只能改为"):
        reg.set_status(case_no, "已办结", "", "staff")
    reg.set_status(case_no, "已受理", "", "staff")
    reg.set_status(case_no, "已办结", "工资已付清", "staff")
    with pytest.raises(ValueError):
        reg.set_status(case_no, "处理中", "", "staff")
    assert [e["status"] for e in reg.history(cases(harness)[0]["id"])] == ["待受理", "已受理", "已办结"]


def test_purge_anonymises_old_closed_cases_only(harness: Harness) -> None:
    reg = harness.services.complaints
    fields = dict(
        zip(
            ["employer", "site", "amount", "period", "workers", "phone", "name"],
            ["甲公司", "大连", 1000, "1个月", 1, "13900001111", "李四"],
            strict=True,
        )
    )
    old = reg.create("o-p1", "dalian", fields)
    open_case = reg.create("o-p2", "dalian", fields)
    reg.set_status(old.case_no, "不予受理", "重复登记", "staff")
    harness.services.store.clock = lambda: 4_000_000_000.0
    assert reg.purge(older_than_days=30) == 1
    purged, kept = reg.get(old.case_no), reg.get(open_case.case_no)
    assert purged and purged.phone is None and purged.name is None and purged.openid is None
    assert kept and kept.phone == "13900001111"


def test_csv_export_defuses_formulas(harness: Harness) -> None:
    reg = harness.services.complaints
    fields = {
        "employer": '=HYPERLINK("http://evil")',
        "site": "+cmd",
        "amount": 1,
        "period": "1个月",
        "workers": 1,
        "phone": "13900001111",
        "name": "@x",
    }
    reg.create("o-csv", None, fields)
    text = reg.export_csv(reg.search())
    assert "'=HYPERLINK" in text and "'+cmd" in text and "'@x" in text


def test_shared_location_answers_the_site_question(harness: Harness) -> None:
    harness.say("投诉", "o-loc")
    harness.say("某某公司", "o-loc")
    xml = (
        "<xml><ToUserName>gh_liugong</ToUserName><FromUserName>o-loc</FromUserName><CreateTime>1</CreateTime>"
        "<MsgType>location</MsgType><Location_X>30.52</Location_X><Location_Y>117.05</Location_Y>"
        "<Scale>15</Scale><Label><![CDATA[安徽省安庆市宜秀区某某工地]]></Label><MsgId>777001</MsgId></xml>"
    )
    reply = harness.wechat.open_reply(harness.post(xml).data)["Content"]
    assert "第3步" in reply
    assert (
        harness.services.store.user("o-loc").state["complaint"]["fields"]["site"]
        == "安徽省安庆市宜秀区某某工地"
    )


def test_status_change_reaches_a_recent_writer_by_customer_service_message(harness_factory, emulator) -> None:
    api = emulator.settings()
    h = harness_factory(
        wechat={"app_id": api.app_id, "app_secret": api.app_secret, "api_base_url": api.api_base_url}
    )
    fill(h, "o-cs")
    h.say("确认", "o-cs")
    emulator.state.record_inbound("o-cs")
    case_no = cases(h)[0]["case_no"]
    case = h.services.complaints.set_status(case_no, "已受理", "劳动监察已立案", "staff-1")
    future = h.services.notify_status(case)
    assert future is not None and future.result(timeout=10) is True
    (msg,) = emulator.state.inbox["o-cs"]
    assert case_no in msg["text"] and "已受理" in msg["text"]
    assert h.services.complaints.get(case_no).notified is True
    assert "有新进展" not in h.say("你好", "o-cs")  # already told: not repeated in the chat


def test_ordinary_turns_do_not_look_up_complaints_until_a_case_is_filed(harness: Harness) -> None:
    sql: list[str] = []
    harness.services.store.trace(sql.append)
    harness.say("你好", "o-flag")
    harness.say("确认", "o-flag")  # a confirm word with no draft: only filers can have a recent case
    assert not [s for s in sql if "complaints" in s]
    fill(harness, "o-flag")
    harness.say("确认", "o-flag")
    assert harness.services.store.user("o-flag").cases is True
    harness.services.complaints.set_status(cases(harness)[0]["case_no"], "已受理", "", "staff-1")
    assert "已受理" in harness.say("你好", "o-flag")


def test_cases_filed_before_the_flag_existed_are_found(harness: Harness) -> None:
    from bot.storage.store import Store

    fill(harness, "o-old")
    harness.say("确认", "o-old")
    db = harness.settings.storage.database
    conn = sqlite3.connect(db)
    conn.execute("ALTER TABLE users DROP COLUMN cases")  # as a database from before it,
    # and from before the migration log (whose first steps adopt such a database; see test_migrations)
    conn.execute("DELETE FROM _sqlite_migrations WHERE name < '0010'")
    conn.commit()
    conn.close()
    assert Store(db).user("o-old").cases is True


def test_case_numbers_and_desk_dates_follow_beijing_time(harness: Harness) -> None:
    """2021-02-01 23:30 UTC is 2 February, 07:30 in Beijing, whatever the server's own zone."""
    from datetime import UTC, datetime

    from bot.cli.staff import _when

    store, reg = harness.services.store, harness.services.complaints
    store.clock = lambda: datetime(2021, 2, 1, 23, 30, tzinfo=UTC).timestamp()
    fields = {"employer": "乙公司", "site": "大连", "amount": 800, "period": "1个月", "workers": 1}
    case = reg.create("o-tz", "dalian", fields | {"phone": "13900002222", "name": None})
    assert case.case_no == "QX-20210202-0001"
    assert _when(case.created) == "2021-02-02 07:30"


def test_deng_said_short_for_registering_starts_and_restarts_the_form(harness: Harness) -> None:
    assert "第1步" in harness.say("那就帮我把工钱的事登上", "o-deng")
    harness.say("宏远装修队", "o-deng")
    assert "取消" in harness.say("我得先问问工友 先不登了", "o-deng")
    assert "第1步" in harness.say("都问清楚了 重新登吧", "o-deng")  # (「清楚了」 alone is thanks)


def test_a_corrected_value_at_the_step_being_edited_goes_back_to_the_summary(harness: Harness) -> None:
    fill(harness, "o-edit", [*FORM[:6], "跳过"])
    assert "第3步" in harness.say("修改 3", "o-edit")
    reply = harness.say("四万二 刚才写错了", "o-edit")
    assert "请核对" in reply and "42000元" in reply and "第3步" not in reply


def test_asking_when_news_comes_after_filing_is_the_complaints_status(harness: Harness) -> None:
    fill(harness, "o-news", [*FORM[:6], "跳过"])
    harness.say("确认", "o-news")
    case_no = cases(harness)[0]["case_no"]
    for asked in (
        "大概多久能给个回信",
        "咋还没人给我打电话",
        "还要等多久啊",
        "要几耐先有人覆我",
        "好的谢谢 那什么时候会有人打给我",  # thanks that asks too
        "大概哪天能处理完",
        "这就完了？真会有人跟进吗",  # followed up: the case's news
        "登记完了谁来管 老板会被叫去问话吗",  # just filed: what happens next
    ):
        assert case_no in harness.say(asked, "o-news")
    assert "你登记的欠薪投诉" not in harness.say("还要等多久啊", "o-never-filed")  # no case: no news of one
