"""The staff desk through Flask's test client, on a real SQLite file (the Harness)."""

from __future__ import annotations

import csv
import html
import io
import re
from datetime import date
from typing import Any

import pytest
from helpers.desk import CSRF, FIELDS, PASSWORD
from helpers.harness import Harness

from bot.app import create_app
from bot.staff import accounts, audit
from bot.staff.lookup import lookup
from bot.timefmt import beijing
from bot.web.desk import auth


def token(client: Any, path: str = "/desk/login") -> str:
    resp = client.get(path)
    assert resp.status_code == 200, resp.status_code
    m = CSRF.search(resp.get_data(as_text=True))
    assert m, "no CSRF token on the page"
    return m.group(1)


def log_in(client: Any, name: str, password: str = PASSWORD, **kw: Any) -> Any:
    return client.post(
        "/desk/login", data={"csrf_token": token(client), "name": name, "password": password}, **kw
    )


def staff(harness: Harness, name: str = "wang", role: str = "hotline") -> Any:
    """A logged-in test client for a new account."""
    accounts.add_user(harness.services.store, name, role, PASSWORD)
    client = harness.app.test_client()
    resp = log_in(client, name)
    assert resp.status_code == 302 and resp.headers["Location"] == "/desk/", resp.get_data(as_text=True)
    return client


def complaint(harness: Harness, **fields: Any) -> Any:
    return harness.services.complaints.create("o-worker-9", "anqing-yixiu", FIELDS | fields)


def text(resp: Any) -> str:
    return resp.get_data(as_text=True)


# -- login, sessions, CSRF ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    [
        "/desk/",
        "/desk/answers?q=欠薪",
        "/desk/complaints",
        "/desk/complaints/QX-20210201-0001",
        "/desk/search?q=欠薪",
        "/desk/unanswered",
        "/desk/audit",
        "/desk/users",
    ],
)
def test_pages_need_login(harness: Harness, path: str) -> None:
    resp = harness.client.get(path)
    assert resp.status_code == 302
    assert resp.headers["Location"].startswith("/desk/login?next=")


def test_login_page_is_chinese_with_security_headers(harness: Harness) -> None:
    resp = harness.client.get("/desk/login")
    assert resp.status_code == 200
    assert "工作人员登录" in text(resp)
    assert resp.headers["X-Frame-Options"] == "DENY"
    assert resp.headers["Referrer-Policy"] == "same-origin"
    csp = resp.headers["Content-Security-Policy"]
    assert "script-src 'self' 'nonce-" in csp and "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp


def test_login_redirects_back_and_sets_a_safe_cookie(harness: Harness) -> None:
    accounts.add_user(harness.services.store, "wang", "hotline", PASSWORD)
    client = harness.client
    page = client.get("/desk/complaints?status=待受理")
    back = page.headers["Location"]
    t = token(client, back)
    resp = client.post(
        "/desk/login",
        data={"csrf_token": t, "name": "wang", "password": PASSWORD, "next": "/desk/complaints"},
    )
    assert resp.status_code == 302 and resp.headers["Location"] == "/desk/complaints"
    cookie = resp.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Path=/desk" in cookie
    assert "Secure" not in cookie  # 127.0.0.1 demo over plain HTTP
    assert client.get("/desk/").status_code == 200
    entry = audit.recent(harness.services.store, 1)[0]
    assert (entry["actor"], entry["action"]) == ("wang", "login")


def test_login_never_redirects_off_the_desk(harness: Harness) -> None:
    accounts.add_user(harness.services.store, "wang", "hotline", PASSWORD)
    for evil in ("https://evil.example/", "//evil.example/desk/", "/desk/..//evil", "/wechat"):
        client = harness.app.test_client()
        resp = client.post(
            "/desk/login",
            data={"csrf_token": token(client), "name": "wang", "password": PASSWORD, "next": evil},
        )
        assert resp.headers["Location"] == "/desk/", evil


def test_wrong_password_and_unknown_name_get_the_same_answer(harness: Harness) -> None:
    accounts.add_user(harness.services.store, "wang", "hotline", PASSWORD)
    wrong = log_in(harness.app.test_client(), "wang", "not-the-password")
    unknown = log_in(harness.app.test_client(), "nobody", "not-the-password")
    assert wrong.status_code == unknown.status_code == 401
    assert "用户名或密码不对" in text(wrong) and "用户名或密码不对" in text(unknown)
    assert [e["action"] for e in audit.recent(harness.services.store, 5)] == ["login_failed"] * 2


def test_post_without_or_with_a_wrong_csrf_token_is_refused(harness: Harness) -> None:
    client = staff(harness)
    missing = client.post("/desk/logout")
    assert missing.status_code == 400
    assert "安全校验码" in text(missing)
    wrong = client.post("/desk/logout", data={"csrf_token": "forged"})
    assert wrong.status_code == 400
    assert client.get("/desk/").status_code == 200  # still logged in
    # The login form is protected too (login CSRF).
    anon = harness.app.test_client()
    resp = anon.post("/desk/login", data={"name": "wang", "password": PASSWORD})
    assert resp.status_code == 400


def test_logout_ends_the_session_on_the_server(harness: Harness) -> None:
    client = staff(harness)
    cookie = client.get_cookie(auth.COOKIE_NAME, path="/desk")
    assert cookie is not None
    stolen = cookie.value
    resp = client.post("/desk/logout", data={"csrf_token": token(client, "/desk/")})
    assert resp.status_code == 302 and resp.headers["Location"] == "/desk/login"
    assert client.get("/desk/").status_code == 302
    replay = harness.app.test_client()
    replay.set_cookie(auth.COOKIE_NAME, stolen, path="/desk")
    assert replay.get("/desk/").status_code == 302  # a copied cookie is worthless after logout
    assert [e["action"] for e in audit.recent(harness.services.store, 2)] == ["logout", "login"]


def test_disabling_an_account_ends_its_sessions(harness: Harness) -> None:
    client = staff(harness)
    assert client.get("/desk/").status_code == 200
    accounts.disable_user(harness.services.store, "wang")
    assert client.get("/desk/").status_code == 302
    assert log_in(harness.app.test_client(), "wang").status_code == 401


def test_bad_passwords_slow_down_that_address_with_growing_waits(harness: Harness) -> None:
    store = harness.services.store
    now = [1_612_137_600.0]
    store.clock = lambda: now[0]
    accounts.add_user(store, "wang", "hotline", PASSWORD)
    client = harness.app.test_client()
    for _ in range(accounts.FREE_FAILURES):
        assert log_in(client, "wang", "wrong-password").status_code == 401
    refused = log_in(client, "wang")  # even the right password, from this address, waits
    assert refused.status_code == 429
    assert "30 秒后再试" in text(refused)
    # Another address is not slowed down: nobody can lock the owner out.
    other = harness.app.test_client()
    assert log_in(other, "wang", environ_base={"REMOTE_ADDR": "10.0.0.9"}).status_code == 302
    now[0] += 31
    assert log_in(client, "wang", "wrong-password").status_code == 401
    second = log_in(client, "wang")
    assert second.status_code == 429 and "1 分钟后再试" in text(second)
    now[0] += 61
    ok = log_in(client, "wang")
    assert ok.status_code == 302
    assert client.get("/desk/").status_code == 200


def test_many_failures_from_one_address_lock_that_address(harness: Harness) -> None:
    accounts.add_user(harness.services.store, "li", "hotline", PASSWORD)
    attacker = harness.app.test_client()
    far = {"REMOTE_ADDR": "203.0.113.5"}
    for i in range(accounts.MAX_PER_ADDRESS):
        log_in(attacker, f"guess{i}", "wrong-password", environ_base=far)
    refused = log_in(attacker, "li", environ_base=far)
    assert refused.status_code == 429
    # Somebody else, from elsewhere, is not affected.
    assert (
        log_in(harness.app.test_client(), "li", environ_base={"REMOTE_ADDR": "198.51.100.7"}).status_code
        == 302
    )


def test_roles(harness: Harness) -> None:
    hotline = staff(harness, "wang", "hotline")
    official = staff(harness, "zhao", "official")
    admin = staff(harness, "admin", "admin")
    for path in ("/desk/answers", "/desk/complaints", "/desk/unanswered"):
        assert hotline.get(path).status_code == 200, path
    forbidden = hotline.get("/desk/audit")
    assert forbidden.status_code == 403 and "权限" in text(forbidden)
    assert hotline.get("/desk/users").status_code == 403
    assert official.get("/desk/audit").status_code == 200
    assert official.get("/desk/users").status_code == 403
    page = admin.get("/desk/users")
    assert page.status_code == 200 and "wang" in text(page)


def test_admin_adds_and_disables_accounts(harness: Harness) -> None:
    admin = staff(harness, "admin", "admin")
    t = token(admin, "/desk/users")
    short = admin.post(
        "/desk/users",
        data={"csrf_token": t, "name": "qian", "role": "hotline", "password": "short", "password2": "short"},
    )
    assert "至少 10 个字符" in text(admin.get(short.headers["Location"]))
    admin.post(
        "/desk/users",
        data={
            "csrf_token": t,
            "name": "qian",
            "role": "hotline",
            "password": PASSWORD,
            "password2": PASSWORD,
        },
    )
    assert accounts.get_user(harness.services.store, "qian") is not None
    admin.post("/desk/users/qian/disable", data={"csrf_token": t})
    account = accounts.get_user(harness.services.store, "qian")
    assert account is not None and account.disabled
    actions = [e["action"] for e in audit.recent(harness.services.store, 2)]
    assert actions == ["user_disable", "user_add"]


def test_secret_key_is_made_once_and_shared(harness: Harness) -> None:
    key = harness.app.secret_key
    assert key and len(str(key)) >= 32
    other = create_app(harness.settings, harness.services)  # another worker process on the same file
    assert other.secret_key == key
    row = harness.services.store.conn.execute("SELECT value FROM desk_secrets").fetchone()
    assert row[0] == key


def test_configured_secret_key_wins(harness_factory: Any) -> None:
    h = harness_factory(desk={"secret_key": "from-the-config-file-0123456789"})
    assert h.app.secret_key == "from-the-config-file-0123456789"


def test_secure_cookie_flag(harness: Harness, monkeypatch: pytest.MonkeyPatch) -> None:
    from dataclasses import replace

    from bot.config import ServerSettings

    settings = harness.settings
    assert auth.cookie_secure(settings) is False  # 127.0.0.1
    public = replace(settings, server=ServerSettings(host="0.0.0.0"))
    assert auth.cookie_secure(public) is True
    monkeypatch.setenv("BOT_DESK_COOKIE_SECURE", "1")
    assert auth.cookie_secure(settings) is True
    monkeypatch.setenv("BOT_DESK_COOKIE_SECURE", "0")
    assert auth.cookie_secure(public) is False


# -- scripted answers -------------------------------------------------------------------------------


def test_search_with_a_typo_finds_wage_arrears_answers(harness: Harness) -> None:
    client = staff(harness)
    resp = client.get("/desk/answers", query_string={"q": "欠心"})
    page = text(resp)
    assert resp.status_code == 200
    assert "欠薪维权" in page
    assert "全国" in page and "安庆市" in page  # no region named: every region's answer
    knowledge = harness.services.knowledge
    national = knowledge.answers[("national", "wage_arrears")]
    shown = [html.unescape(t) for t in re.findall(r'<pre class="answer-text"[^>]*>(.*?)</pre>', page, re.S)]
    assert knowledge.render(national, date(2021, 2, 1)) in shown  # exactly what the bot sends
    src = knowledge.sources[national.source]
    assert src.short in page
    assert 'class="copy"' in page and "nonce=" in page


def test_search_names_a_place_and_lists_its_chain(harness: Harness) -> None:
    client = staff(harness)
    page = text(client.get("/desk/answers", query_string={"q": "安庆老板拖欠工资怎么办"}))
    assert "安庆市（从问题里识别）" in page
    assert page.count('<article class="answer') == 2  # 安庆市 then 全国
    assert (
        page.index("欠薪维权 · 安庆市")
        < page.index('<span class="tag">机器人发这条')
        < page.index("欠薪维权 · 全国")
    )


def test_browse_by_intent_and_region(harness: Harness) -> None:
    client = staff(harness)
    page = text(client.get("/desk/answers", query_string={"intent": "holiday_pay", "region": "dalian"}))
    assert "春节加班费 · 大连市" in page
    assert "失业金 ·" not in page
    start = text(client.get("/desk/answers"))
    assert "/desk/answers?intent=wage_arrears" in start


def test_expired_answers_are_marked(harness: Harness) -> None:
    client = staff(harness)
    harness.services.bot.today = lambda: date(2021, 2, 1)
    assert "已过期" not in text(client.get("/desk/answers", query_string={"q": "安庆欠薪"}))
    harness.services.bot.today = lambda: date(2021, 5, 1)
    page = text(client.get("/desk/answers", query_string={"q": "安庆欠薪"}))
    assert "已过期" in page and "已于2021年3月31日结束" in page  # the ⚠ line (issue 12 §2)


def test_search_that_is_not_a_topic_shows_nothing(harness: Harness) -> None:
    client = staff(harness)
    page = text(client.get("/desk/answers", query_string={"q": "今天天气怎么样"}))
    assert "没找到相关的答复" in page
    assert "<article" not in page
    assert "识别结果" not in page and "unknown" not in page  # no internal labels


def test_no_topic_falls_back_to_the_words_and_marks_them(harness: Harness) -> None:
    from bot.staff.lookup import TOPIC_INTENTS, search_terms

    client = staff(harness)
    s = harness.services
    cut = s.bot.classifier.words
    # A word from an answer that, on its own, the classifier places under no topic.
    words = [
        w
        for doc in s.knowledge.answers.values()
        for w in search_terms(s.knowledge.render(doc, date(2021, 2, 1)), cut)
        if len(w) >= 2
    ]
    word = next(w for w in words if s.bot.classifier.classify(w).intent not in TOPIC_INTENTS)
    page = text(client.get("/desk/answers", query_string={"q": word}))
    assert "文字里含有" in page and f"<mark>{word}</mark>" in page
    assert "识别结果" not in page
    search = text(client.get("/desk/search", query_string={"q": word}))
    assert f"<mark>{word}</mark>" in search and "识别结果" not in search


def test_lookup_function_is_shared(harness: Harness) -> None:
    s = harness.services
    found = lookup(s.knowledge, s.bot.classifier, "拖欠工资", region="anqing-yixiu", today=date(2021, 2, 1))
    assert found.intent == "wage_arrears"
    assert found.hits[0].sent_by_bot
    assert found.hits[0].doc is s.knowledge.answer("wage_arrears", "anqing-yixiu")


# -- complaints -------------------------------------------------------------------------------------


def test_list_masks_phones_and_detail_shows_them_with_an_audit_entry(harness: Harness) -> None:
    case = complaint(harness)
    client = staff(harness)
    listing = text(client.get("/desk/complaints"))
    assert case.case_no in listing and "138****1234" in listing
    assert "13812341234" not in listing and "张三" not in listing
    page = text(client.get(f"/desk/complaints/{case.case_no}"))
    assert "138****1234" in page and "张*" in page and "张三" not in page
    for _ in range(2):
        t = token(client, f"/desk/complaints/{case.case_no}")
        detail = text(client.post(f"/desk/complaints/{case.case_no}/reveal", data={"csrf_token": t}))
        assert "13812341234" in detail and "张三" in detail
    views = audit.recent(harness.services.store, 10, target=case.case_no, action="view_phone")
    assert len(views) == 2 and views[0]["actor"] == "wang"
    assert "13812341234" not in str(audit.recent(harness.services.store, 100))


def test_a_head_count_the_worker_could_not_give_reads_unknown_not_none(harness: Harness) -> None:
    case = harness.services.complaints.create("o-many", "dalian", FIELDS | {"workers": None})
    client = staff(harness)
    for page in (text(client.get("/desk/complaints")), text(client.get(f"/desk/complaints/{case.case_no}"))):
        assert "不清楚" in page and "None" not in page


def test_complaint_filters(harness: Harness) -> None:
    a = complaint(harness, employer="甲公司")
    b = harness.services.complaints.create("o-2", "dalian", FIELDS | {"employer": "乙公司"})
    harness.services.complaints.set_status(b.case_no, "已受理", "", "test")
    client = staff(harness)

    def cases(**query: str) -> set[str]:
        page = text(client.get("/desk/complaints", query_string=query))
        return {n for n in (a.case_no, b.case_no) if n in page}

    assert cases() == {a.case_no, b.case_no}
    assert cases(status="已受理") == {b.case_no}
    assert cases(region="anqing") == {a.case_no}  # the city includes its districts
    assert cases(q="乙公司") == {b.case_no}
    today = beijing(harness.services.store.clock()).date().isoformat()  # the desk's days are Beijing days
    assert cases(**{"from": today, "to": today}) == {a.case_no, b.case_no}
    assert cases(**{"from": "2000-01-01", "to": "2000-01-02"}) == set()
    assert "看不懂" in text(client.get("/desk/complaints", query_string={"from": "昨天"}))


def test_status_change_records_history_audit_and_notifies(
    harness: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    case = complaint(harness)
    told: list[Any] = []
    monkeypatch.setattr(harness.services, "notify_status", lambda c: told.append(c))
    client = staff(harness)
    t = token(client, f"/desk/complaints/{case.case_no}")
    resp = client.post(
        f"/desk/complaints/{case.case_no}/status",
        data={"csrf_token": t, "status": "已受理", "note": "已转劳动监察大队"},
    )
    assert resp.status_code == 302
    page = text(client.get(resp.headers["Location"]))
    assert "已改为「已受理」" in page
    updated = harness.services.complaints.get(case.case_no)
    assert updated is not None and updated.status == "已受理" and updated.note == "已转劳动监察大队"
    history = harness.services.complaints.history(case.id)
    assert [(h["status"], h["actor"]) for h in history][-1] == ("已受理", "wang")
    changes = audit.recent(harness.services.store, 10, target=case.case_no, action="status_change")
    assert len(changes) == 1 and changes[0]["detail"] == "待受理 → 已受理"
    assert [c.status for c in told] == ["已受理"]


def test_only_allowed_transitions(harness: Harness) -> None:
    case = complaint(harness)
    client = staff(harness)
    page = text(client.get(f"/desk/complaints/{case.case_no}"))
    select = re.search(r'<select name="status" required>(.*?)</select>', page, re.S)
    assert select is not None
    options = re.findall(r"<option>(.*?)</option>", select.group(1))
    assert options == ["已受理", "不予受理"]
    t = token(client, f"/desk/complaints/{case.case_no}")
    resp = client.post(f"/desk/complaints/{case.case_no}/status", data={"csrf_token": t, "status": "已办结"})
    assert "之后只能改为" in text(client.get(resp.headers["Location"]))
    current = harness.services.complaints.get(case.case_no)
    assert current is not None and current.status == "待受理"
    assert audit.recent(harness.services.store, 10, action="status_change") == []
    harness.services.complaints.set_status(case.case_no, "不予受理", "", "test")
    assert "不能再改状态" in text(client.get(f"/desk/complaints/{case.case_no}"))


def test_unknown_case_is_404(harness: Harness) -> None:
    client = staff(harness)
    assert client.get("/desk/complaints/QX-19990101-0001").status_code == 404


def test_everything_is_escaped(harness: Harness) -> None:
    case = complaint(harness, employer="<script>alert(1)</script>", site="<img src=x onerror=alert(2)>")
    client = staff(harness)
    for path in ("/desk/complaints", f"/desk/complaints/{case.case_no}"):
        page = text(client.get(path))
        assert "<script>alert(1)</script>" not in page
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
        assert "<img src=x" not in page


def test_csv_export_is_excel_friendly_defused_and_audited(harness: Harness) -> None:
    complaint(harness, employer='=HYPERLINK("http://evil.example","点我")')
    complaint(harness, employer="正常公司")
    client = staff(harness)
    t = token(client, "/desk/complaints")
    resp = client.post("/desk/complaints.csv", data={"csrf_token": t, "q": "HYPERLINK"})
    assert resp.status_code == 200
    assert resp.headers["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in resp.headers["Content-Disposition"]
    assert resp.data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(resp.data.decode("utf-8-sig"))))
    assert rows[0][0] == "编号"
    assert len(rows) == 2  # the filter applies
    employer = rows[1][4]
    assert employer.startswith("'=HYPERLINK")  # a spreadsheet shows it as text, never runs it
    assert rows[1][9] == "13812341234"
    assert rows[1][3] == "安庆市宜秀区"  # the region as staff read it, not its id
    entry = audit.recent(harness.services.store, 1)[0]
    assert (entry["action"], entry["actor"]) == ("export", "wang")
    assert "1 条" in entry["detail"] and "HYPERLINK" in entry["detail"]


# -- unanswered, audit ---------------------------------------------------------------------------


def test_unanswered_lists_what_workers_asked_most_frequent_first(harness: Harness) -> None:
    harness.say("宇宙的尽头是什么", openid="o-a")
    harness.say("我想买一辆自行车", openid="o-a")
    harness.say("我想买一辆自行车", openid="o-b")
    client = staff(harness)
    page = text(client.get("/desk/unanswered"))
    assert "我想买一辆自行车" in page and "宇宙的尽头是什么" in page
    assert page.index("我想买一辆自行车") < page.index("宇宙的尽头是什么")
    assert "o-a" not in page and "o-b" not in page


def test_audit_page_shows_recent_entries(harness: Harness) -> None:
    case = complaint(harness)
    official = staff(harness, "zhao", "official")
    official.post(
        f"/desk/complaints/{case.case_no}/reveal", data={"csrf_token": token(official, "/desk/complaints")}
    )
    page = text(official.get("/desk/audit"))
    assert "查看完整电话" in page and case.case_no in page and "登录" in page
    only = text(official.get("/desk/audit", query_string={"action": "login"}))
    assert "查看完整电话</td>" not in only


def test_refusals_while_throttled_do_not_flood_the_audit_log(harness: Harness) -> None:
    client = harness.app.test_client()
    for _ in range(8):
        log_in(client, "nobody", "wrong-password")
    failures = audit.recent(harness.services.store, 20, action="login_failed")
    assert len(failures) == accounts.FREE_FAILURES
    assert {f["actor"] for f in failures} == {audit.UNKNOWN_ACTOR}


# -- broadcasts: a failed send is retried from the desk ---------------------------------------------


def test_official_retries_a_failed_broadcast_from_the_desk(harness: Harness) -> None:
    from datetime import datetime, timedelta

    from bot.broadcasts.service import BEIJING, Draft, Schedule

    b = harness.services.broadcasts
    at = datetime.now(BEIJING).replace(microsecond=0) + timedelta(days=2)
    item = b.create(
        Draft("notice", "通知", "{region_name}的朋友：过年好", ("dalian",), Schedule.once(at)), "干部甲"
    )
    official = staff(harness, "zhao", "official")
    page = f"/desk/broadcasts/{item.id}"
    assert "现在就发" in text(official.get(page))  # still scheduled: it can be brought forward

    with harness.services.store.transaction() as conn:  # WeChat refused it
        conn.execute("UPDATE broadcast_sends SET status = 'failed', error = '微信拒绝（45028）'")
    shown = text(official.get(page))
    assert "重新发送失败的" in shown and "45028" in shown
    no_confirm = official.post(page + "/send-now", data={"csrf_token": token(official, page)})
    assert no_confirm.status_code == 302 and b.get(item.id).sends[0].status == "failed"

    resp = official.post(page + "/send-now", data={"csrf_token": token(official, page), "confirm": "1"})
    assert resp.status_code == 302
    [send] = b.get(item.id).sends
    assert send.status == "scheduled" and send.error == "" and send.due <= b.clock()
    flashed = text(official.get(page))
    assert "已安排立即发送" in flashed and "调度器没有在运行" in flashed  # none runs in this test
    trail = audit.recent(harness.services.store, 5, target=f"broadcast:{item.id}")
    assert trail[0]["action"] == "broadcast_send_now"
    hotline = staff(harness, "wang", "hotline")
    assert (
        hotline.post(
            page + "/send-now", data={"csrf_token": token(hotline, "/desk/answers"), "confirm": "1"}
        ).status_code
        == 403
    )
