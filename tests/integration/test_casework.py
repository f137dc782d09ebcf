"""Finding a caller and working a case at the desk (Flask test client, real SQLite file), and the
audit log's filters, links and export."""

from __future__ import annotations

import csv
import io
from typing import Any

import pytest
from helpers.desk import CSRF, FIELDS, PASSWORD
from helpers.harness import Harness

from bot.complaints.casework import CaseWork, CaseWorkError
from bot.config import DEFAULT_DUE_DAYS, from_dict
from bot.errors import ConfigError
from bot.staff import accounts, audit

DAY = 86400.0


def token(client: Any, path: str = "/desk/login") -> str:
    m = CSRF.search(client.get(path).get_data(as_text=True))
    assert m, "no CSRF token on the page"
    return m.group(1)


def staff(h: Harness, name: str = "wang", role: str = "hotline") -> Any:
    accounts.add_user(h.services.store, name, role, PASSWORD)
    client = h.app.test_client()
    resp = client.post("/desk/login", data={"csrf_token": token(client), "name": name, "password": PASSWORD})
    assert resp.status_code == 302
    return client


def text(resp: Any) -> str:
    return str(resp.get_data(as_text=True))


def clock(h: Harness) -> list[float]:
    now = [1_612_137_600.0]
    h.services.store.clock = lambda: now[0]
    return now


def listed(client: Any, **query: str) -> str:
    """The list of cases (without the filter form, which echoes the query)."""
    page = text(client.get("/desk/complaints", query_string=query))
    assert "<h1>欠薪投诉</h1>" in page, page[:300]
    return page[page.index('<p class="count">') :]


# -- find a caller ---------------------------------------------------------------------------------


def test_a_caller_is_found_by_phone_last_four_digits_or_name(harness: Harness) -> None:
    register = harness.services.complaints
    a = register.create("o-1", "anqing", FIELDS)
    b = register.create("o-2", "dalian", FIELDS | {"phone": "13955556789", "name": "赵六"})
    client = staff(harness)
    for query, expected in (
        ("13812341234", {a.case_no}),
        ("138 1234 1234", {a.case_no}),
        ("1234", {a.case_no}),
        ("6789", {b.case_no}),
        ("张三丰", {a.case_no}),
        ("赵六", {b.case_no}),
        ("13900000000", set()),
    ):
        page = listed(client, q=query)
        assert {n for n in (a.case_no, b.case_no) if n in page} == expected, query
        assert "13812341234" not in page and "张三丰" not in page  # still masked in the list
    entries = audit.recent(harness.services.store, 20, action="search_caller")
    details = [e["detail"] for e in reversed(entries)]
    assert len(details) == 7  # every number searched; a name only when it found somebody
    assert details[6].startswith("电话 139****0000，投诉列表，0 条结果")
    assert details[0].startswith("电话 138****1234") and details[2].startswith("电话尾号 1234")
    assert details[4].startswith("姓名 张**")
    dump = str(entries)
    assert "13812341234" not in dump and "张三丰" not in dump and "13900000000" not in dump


def test_an_employer_search_is_not_a_caller_search(harness: Harness) -> None:
    harness.services.complaints.create("o-1", "anqing", FIELDS)
    client = staff(harness)
    assert "宏达" in listed(client, q="宏达")
    assert audit.recent(harness.services.store, 10, action="search_caller") == []


# -- assignee ---------------------------------------------------------------------------------------


def test_assigning_a_case_is_audited_and_filterable(harness: Harness) -> None:
    register = harness.services.complaints
    case = register.create("o-1", "anqing", FIELDS)
    other = register.create("o-2", "anqing", FIELDS | {"employer": "顺发公司"})
    client = staff(harness)
    accounts.add_user(harness.services.store, "li", "hotline", PASSWORD)
    page = f"/desk/complaints/{case.case_no}"
    resp = client.post(page + "/assign", data={"csrf_token": token(client, page), "assignee": "li"})
    assert resp.status_code == 302
    assert "已交给 li" in text(client.get(resp.headers["Location"]))
    found = register.get(case.case_no)
    assert found is not None and found.assignee == "li"
    entry = audit.recent(harness.services.store, 1, action="assign")[0]
    assert (entry["actor"], entry["target"], entry["detail"]) == ("wang", case.case_no, "无 → li")
    assert case.case_no in listed(client, assignee="li") and other.case_no not in listed(
        client, assignee="li"
    )
    assert other.case_no in listed(client, assignee="-") and case.case_no not in listed(client, assignee="-")
    client.post(page + "/assign", data={"csrf_token": token(client, page), "take": "1"})
    assert case.case_no in listed(client, assignee="me")
    # Only an enabled desk account can have a case.
    accounts.disable_user(harness.services.store, "li")
    refused = client.post(page + "/assign", data={"csrf_token": token(client, page), "assignee": "li"})
    assert "没有可用的账号" in text(client.get(refused.headers["Location"]))
    found = register.get(case.case_no)
    assert found is not None and found.assignee == "wang"
    # A cross-site form has no CSRF token.
    assert client.post(page + "/assign", data={"assignee": "li"}).status_code == 400


# -- due dates and the overdue filter --------------------------------------------------------------


def test_overdue_follows_the_time_limit_of_the_status(harness_factory: Any) -> None:
    h = harness_factory(complaints={"due_days": {"待受理": 2}})
    now = clock(h)
    register = h.services.complaints
    late = register.create("o-1", "anqing", FIELDS)
    now[0] += 3 * DAY
    fresh = register.create("o-2", "anqing", FIELDS | {"employer": "顺发公司"})
    client = staff(h)
    page = listed(client, overdue="1")
    assert late.case_no in page and fresh.case_no not in page
    assert "超期" in page
    # Moving the case on starts the next status's clock (已受理: the default 7 days).
    register.set_status(late.case_no, "已受理", "", "wang")
    assert late.case_no not in listed(client, overdue="1")
    now[0] += DEFAULT_DUE_DAYS["已受理"] * DAY + 60
    client = staff(h, "li")  # a new day, a new login
    assert late.case_no in listed(client, overdue="1")
    # A closed case is never overdue.
    register.set_status(late.case_no, "已办结", "", "wang")
    assert late.case_no not in listed(client, overdue="1")
    work = CaseWork(h.services.store, h.settings.complaints.time_limits())
    closed = register.get(late.case_no)
    assert closed is not None and work.due(closed) is None and not work.overdue(closed)


def test_due_days_config_is_checked_and_merged_with_the_defaults() -> None:
    s = from_dict({"complaints": {"due_days": {"处理中": 15}}}, env={})
    assert s.complaints.time_limits() == DEFAULT_DUE_DAYS | {"处理中": 15.0}
    with pytest.raises(ConfigError, match="not an open status"):
        from_dict({"complaints": {"due_days": {"已办结": 3}}}, env={})
    with pytest.raises(ConfigError, match="positive"):
        from_dict({"complaints": {"due_days": {"待受理": 0}}}, env={})


# -- internal notes and callbacks ----------------------------------------------------------------------


def test_internal_notes_and_callbacks_are_audited_and_never_reach_the_worker(harness: Harness) -> None:
    now = clock(harness)
    register = harness.services.complaints
    harness.say("你好", openid="o-w")  # the worker follows the account
    case = register.create("o-w", "anqing", FIELDS)
    client = staff(harness)
    page = f"/desk/complaints/{case.case_no}"
    t = token(client, page)
    client.post(page + "/notes", data={"csrf_token": t, "kind": "note", "body": "老板说下周付，别全信"})
    client.post(
        page + "/notes",
        data={
            "csrf_token": t,
            "kind": "callback",
            "happened": "2021-02-01T07:30",
            "outcome": "已接通",
            "body": "工人同意等到月底",
        },
    )
    shown = text(client.get(page))
    assert "老板说下周付，别全信" in shown and "回访：已接通" in shown and "2021-02-01 07:30" in shown
    actions = [e["action"] for e in audit.recent(harness.services.store, 5, target=case.case_no)]
    assert actions[:2] == ["callback", "case_note"]
    assert "老板说下周付" not in str(audit.recent(harness.services.store, 20))
    # The worker asks how it is going: the status, never the internal notes.
    now[0] += 60
    reply = harness.say("投诉进度", openid="o-w")
    assert case.case_no in reply
    assert "老板说下周付" not in reply and "工人同意等到月底" not in reply


def test_bad_callbacks_are_refused(harness: Harness) -> None:
    now = clock(harness)
    case = harness.services.complaints.create("o-1", "anqing", FIELDS)
    work = CaseWork(harness.services.store, harness.settings.complaints.time_limits())
    with pytest.raises(CaseWorkError):
        work.add_callback(case, "wang", now[0], "聊得很好", "")
    with pytest.raises(CaseWorkError):
        work.add_callback(case, "wang", now[0] + DAY, "已接通", "")
    with pytest.raises(CaseWorkError):
        work.add_note(case, "wang", "   ")
    assert work.notes(case) == []


def test_purge_clears_internal_notes_and_callbacks(harness: Harness) -> None:
    now = clock(harness)
    register = harness.services.complaints
    case = register.create("o-1", "anqing", FIELDS)
    work = CaseWork(harness.services.store, harness.settings.complaints.time_limits())
    work.add_note(case, "wang", "张三丰说他电话13812341234")
    work.add_callback(case, "wang", now[0], "已接通", "找到张三丰本人")
    register.set_status(case.case_no, "不予受理", "", "wang")
    now[0] += 400 * DAY
    assert register.purge(365) == 1
    notes = work.notes(case)
    assert len(notes) == 2 and not any("张三丰" in n.body or "1381234" in n.body for n in notes)
    assert {n.outcome for n in notes} == {"", "已接通"}  # what happened stays for the statistics


# -- the audit log ---------------------------------------------------------------------------------------


def test_audit_log_filters_links_and_export(harness: Harness) -> None:
    now = clock(harness)
    store = harness.services.store
    case = harness.services.complaints.create("o-1", "anqing", FIELDS)
    audit.record(store, "cli:ops", "user_add", "qian", "hotline")  # an entry written before role names
    audit.record(store, "干部甲", "broadcast_create", "broadcast:3", "")
    now[0] += 2 * DAY
    official = staff(harness, "zhao", "official")
    t = token(official, f"/desk/complaints/{case.case_no}")
    official.post(f"/desk/complaints/{case.case_no}/reveal", data={"csrf_token": t})
    page = text(official.get("/desk/audit"))
    assert f'href="/desk/complaints/{case.case_no}"' in page
    assert 'href="/desk/broadcasts/3"' in page
    assert "热线坐席" in page and ">hotline<" not in page  # role names in Chinese
    only_zhao = text(official.get("/desk/audit", query_string={"actor": "zhao"})).split("<table", 1)[1]
    assert "查看完整电话" in only_zhao and "cli:ops" not in only_zhao
    day = "2021-02-01"  # the day of the first two entries (Beijing time)
    that_day = text(official.get("/desk/audit", query_string={"from": day, "to": day})).split("<table", 1)[1]
    assert "cli:ops" in that_day and "查看完整电话</td>" not in that_day
    assert "看不懂" in text(official.get("/desk/audit", query_string={"from": "上周"}))
    assert official.get("/desk/audit.csv").status_code == 405  # not a link
    resp = official.post("/desk/audit.csv", data={"csrf_token": t, "action": "view_phone"})
    assert resp.status_code == 200 and resp.data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(resp.data.decode("utf-8-sig"))))
    assert rows[0] == ["时间", "人员", "操作", "对象", "详情"]
    assert [r[2] for r in rows[1:]] == ["查看完整电话"] and rows[1][3] == case.case_no
    assert audit.recent(store, 1)[0]["action"] == "audit_export"
    hotline = staff(harness, "wang", "hotline")
    assert (
        hotline.post("/desk/audit.csv", data={"csrf_token": token(hotline, "/desk/complaints")}).status_code
        == 403
    )
