"""Content editing at the desk (issue 12 §3): drafts, checks on save, publish, approval, versions,
rollback, the reload in other processes, and ``bot content export|import`` / ``bot check``.

Real parts throughout: a SQLite file shared by two app instances (two "processes"), pushes signed
as WeChat signs them, the desk over HTTP with its login and CSRF token, the CLI through click.
"""

from __future__ import annotations

import json
import re
import shutil
import time
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from helpers.harness import Harness, make_settings

from bot.cli import main
from bot.config import DATA_ROOT
from bot.content.editing import ContentEditor, EditRefused
from bot.content.overlay import Tree, add_alias, add_keyword, apply, set_source
from bot.staff import accounts, audit

PASSWORD = "correct-horse-battery"
CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')
FAST = {"reload_seconds": 0.05}


def token(client: Any, path: str) -> str:
    resp = client.get(path)
    assert resp.status_code == 200, resp.status_code
    m = CSRF.search(resp.get_data(as_text=True))
    assert m, "no CSRF token on the page"
    return m.group(1)


def official(h: Harness, name: str = "li", role: str = "official") -> Any:
    accounts.add_user(h.services.store, name, role, PASSWORD)
    client = h.app.test_client()
    t = token(client, "/desk/login")
    resp = client.post("/desk/login", data={"csrf_token": t, "name": name, "password": PASSWORD})
    assert resp.status_code == 302
    return client


def answer_form(client: Any, region: str, intent: str) -> dict[str, str]:
    """The edit form as the page fills it in (hidden token, current values)."""
    html = client.get(f"/desk/content/answer/{region}/{intent}").get_data(as_text=True)
    body = re.search(r'<textarea[^>]*name="body"[^>]*>(.*?)</textarea>', html, re.S)
    assert body
    source = re.search(r'<option value="([^"]+)" selected>', html)
    validity = re.search(r'name="validity" value="(\w+)" checked', html)
    fields = {"csrf_token": CSRF.search(html)[1], "body": _unescape(body[1])}  # type: ignore[index]
    fields["source"] = source[1] if source else ""
    fields["validity"] = validity[1] if validity else ""
    for name in ("valid_from", "valid_until", "offered", "ask"):
        m = re.search(rf'name="{name}" value="([^"]*)"', html)
        fields[name] = _unescape(m[1]) if m else ""
    return fields


def _unescape(text: str) -> str:
    import html

    return html.unescape(text)


def wait_for(check: Callable[[], bool], seconds: float = 15.0) -> bool:
    """Poll until ``check`` holds or the deadline passes (each poll is a real request)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.05)
    return check()


@pytest.fixture
def pair(harness_factory: Callable[..., Harness]) -> tuple[Harness, Harness]:
    """Two app instances on one SQLite file: the desk on one, workers' pushes on the other."""
    return harness_factory(content=FAST), harness_factory(content=FAST)


# -- the file edits under the overlay ----------------------------------------------------------------


def test_keyword_and_alias_edits_keep_the_files_layout_and_are_idempotent() -> None:
    intent_file = (DATA_ROOT / "intents" / "holiday_pay.toml").read_text(encoding="utf-8")
    comments = [line for line in intent_file.splitlines() if line.startswith("#")]
    for table, weight in (("keywords", 3.0), ("keywords", 1.0), ("keywords", 4.5), ("whole_message", 2.0)):
        out = add_keyword(intent_file, table, weight, "新词语")
        section = tomllib.loads(out)[table]
        assert any(float(k) == weight and "新词语" in v for k, v in section.items()), (table, weight)
        assert [line for line in out.splitlines() if line.startswith("#")] == comments
        assert add_keyword(out, table, weight, "新词语") == out
        # the rest of the file is as it was: only the phrase was added
        before = tomllib.loads(intent_file)
        after = tomllib.loads(out)
        after[table] = {
            k: [p for p in v if p != "新词语"] for k, v in after[table].items() if v != ["新词语"]
        }
        if not after[table]:
            del after[table]  # a table the edit had to add
        assert after == before

    regions = (DATA_ROOT / "intents" / "regions.toml").read_text(encoding="utf-8")
    for place in ("dalian", "anqing-yingjiang"):
        out = add_alias(regions, place, "某新地名")
        data = tomllib.loads(out)
        entry = next(e for e in [*data["region"], *data["place"]] if e["id"] == place)
        assert "某新地名" in entry["aliases"]
        assert add_alias(out, place, "某新地名") == out

    sources = (DATA_ROOT / "content" / "sources.toml").read_text(encoding="utf-8")
    fields = {"number": "", "issuer": "某局", "title": "某文件", "date": "", "region": "anqing"}
    out = set_source(
        sources, "anqing-test-1", fields | {"short": "某文件", "seed": "", "link": "https://x.cn/a"}
    )
    parsed = tomllib.loads(out)
    assert parsed["anqing-test-1"]["link"] == "https://x.cn/a" and "date" not in parsed["anqing-test-1"]
    assert {k: v for k, v in parsed.items() if k != "anqing-test-1"} == tomllib.loads(sources)


# -- the desk: draft → preview → publish, reaching another process ----------------------------------


def test_an_official_edits_previews_publishes_and_rolls_back_and_another_process_serves_it(
    pair: tuple[Harness, Harness],
) -> None:
    desk, worker = pair
    client = official(desk)
    question = "安庆免费法律援助怎么申请"
    before = worker.say(question, openid="o-w1")
    form = answer_form(client, "anqing", "legal_aid")
    assert form["body"] and form["body"].split("\n")[0] in before  # the form holds what workers get
    added = "材料不全也可以先来问。"
    first, rest = form["body"].split("\n", 1)
    form |= {"body": f"{first}{added}\n{rest}", "note": "补一句材料"}

    saved = client.post("/desk/content/answer/anqing/legal_aid", data=form)
    assert saved.status_code == 302, saved.get_data(as_text=True)[:2000]
    preview = client.get(saved.headers["Location"]).get_data(as_text=True)
    phone = re.findall(r'<div class="bubble preview-text">(.*?)</div>', preview, re.S)
    assert phone and added in _unescape(phone[0]) and "依据" in _unescape(phone[0])
    assert "+" + first + added in _unescape(preview)  # the diff shows the changed line
    assert worker.say(question, openid="o-w1") == before  # a draft is not live

    rev_id = int(saved.headers["Location"].rsplit("/", 1)[1])
    t = CSRF.search(preview)[1]  # type: ignore[index]
    published = client.post(
        f"/desk/content/revision/{rev_id}/publish", data={"csrf_token": t}, follow_redirects=True
    )
    assert "已发布" in published.get_data(as_text=True), _unescape(published.get_data(as_text=True))[:3000]
    assert wait_for(lambda: added in worker.say(question, openid="o-w1")), "the other process never served it"
    assert added in desk.say(question, openid="o-w2")

    # one click on the shipped version's page restores it everywhere
    page = client.get("/desk/content/answer/anqing/legal_aid").get_data(as_text=True)
    assert "恢复到文件里的原版" in page
    t = CSRF.search(page)[1]  # type: ignore[index]
    assert (
        client.post("/desk/content/restore/answer/anqing/legal_aid", data={"csrf_token": t}).status_code
        == 302
    )
    assert wait_for(lambda: worker.say(question, openid="o-w1") == before)

    # …and "restore this version" brings the edit back: versions are kept
    assert client.post(f"/desk/content/revision/{rev_id}/rollback", data={"csrf_token": t}).status_code == 302
    assert wait_for(lambda: added in worker.say(question, openid="o-w1"))
    actions = [a["action"] for a in audit.recent(desk.services.store, target="答复 anqing/legal_aid")]
    assert actions == ["content_rollback", "content_rollback", "content_publish", "content_draft"]
    log = client.get("/desk/audit").get_data(as_text=True)
    assert "发布内容" in log and "恢复内容旧版本" in log


def test_a_bad_edit_is_refused_with_reasons_and_nothing_is_lost(harness: Harness) -> None:
    client = official(harness)
    form = answer_form(client, "dalian", "wage_arrears")
    cases = [
        ({"source": "no-such-document"}, "不在政策文件登记里"),
        ({"body": form["body"] + "\n" + "很长的补充说明。" * 80}, "最多 600 个字"),
        ({"validity": "campaign", "valid_until": "", "offered": ""}, "截止日期"),
        (
            {"validity": "campaign", "valid_from": "2021-03-01", "valid_until": "2021-02-01", "offered": "x"},
            "晚于",
        ),
        ({"body": "  "}, "正文是空的"),
    ]
    for change, reason in cases:
        data = form | change
        resp = client.post("/desk/content/answer/dalian/wage_arrears", data=data)
        html = _unescape(resp.get_data(as_text=True))
        assert resp.status_code == 422, change
        assert reason in html, (reason, change)
        if data["body"].strip():
            assert data["body"].strip() in html  # what the official typed is still in the form
    count = harness.services.store.conn.execute("SELECT COUNT(*) FROM content_revisions").fetchone()[0]
    assert count == 0


def test_hotline_staff_cannot_edit_content(harness: Harness) -> None:
    client = official(harness, "zhao", "hotline")
    assert client.get("/desk/content").status_code == 403
    t = token(client, "/desk/answers")
    resp = client.post("/desk/content/answer/anqing/legal_aid", data={"csrf_token": t, "body": "x"})
    assert resp.status_code == 403


def test_keywords_are_checked_for_collisions_and_a_new_one_routes_messages(
    pair: tuple[Harness, Harness],
) -> None:
    desk, worker = pair
    client = official(desk)
    t = token(client, "/desk/content/phrase")
    taken = client.post(
        "/desk/content/phrase",
        data={
            "csrf_token": t,
            "kind": "keyword",
            "phrase": "加班费",
            "intent": "legal_aid",
            "table": "keywords",
            "weight": "3",
        },
    )
    assert taken.status_code == 422 and "已经是「春节加班费」的关键词" in _unescape(
        taken.get_data(as_text=True)
    )
    generic = client.post(
        "/desk/content/phrase", data={"csrf_token": t, "kind": "alias", "phrase": "经开区", "place": "anqing"}
    )
    assert generic.status_code == 422 and "带上城市名" in _unescape(generic.get_data(as_text=True))
    clash = client.post(
        "/desk/content/phrase", data={"csrf_token": t, "kind": "alias", "phrase": "大连", "place": "anqing"}
    )
    assert clash.status_code == 422 and "别称" in _unescape(clash.get_data(as_text=True))

    # a phrase workers use that the rules do not know yet (the first of these still unknown)
    candidates = ("以工代赈", "零工驿站", "用工对接会")
    phrase = next(
        (p for p in candidates if worker.services.bot.classifier.classify(p).intent != "job_services"), ""
    )
    if not phrase:
        pytest.skip("every candidate phrase is a job_services keyword already")
    saved = client.post(
        "/desk/content/phrase",
        data={
            "csrf_token": t,
            "kind": "keyword",
            "phrase": phrase,
            "intent": "job_services",
            "table": "keywords",
            "weight": "3",
        },
    )
    assert saved.status_code == 302, _unescape(saved.get_data(as_text=True))[:3000]
    rev_id = int(saved.headers["Location"].rsplit("/", 1)[1])
    assert client.post(f"/desk/content/revision/{rev_id}/publish", data={"csrf_token": t}).status_code == 302
    assert wait_for(lambda: worker.services.bot.classifier.classify(phrase).intent == "job_services", 30)
    reply = worker.say(f"大连{phrase}", openid="o-w3")
    dalian = worker.services.knowledge.answer("job_services", "dalian")
    assert dalian is not None and dalian.body.split("\n")[0] in reply


def test_with_approval_on_a_second_official_publishes(harness_factory: Callable[..., Harness]) -> None:
    h = harness_factory(content=FAST | {"require_approval": True})
    author, checker = official(h, "li"), official(h, "zhou")
    form = answer_form(author, "heilongjiang", "job_services")
    form["body"] += "\n另：招聘会信息以人社部门公布为准。"
    saved = author.post("/desk/content/answer/heilongjiang/job_services", data=form)
    rev = int(saved.headers["Location"].rsplit("/", 1)[1])
    t = form["csrf_token"]
    author.post(f"/desk/content/revision/{rev}/publish", data={"csrf_token": t})
    editor = ContentEditor(h.services.store, h.settings.content)
    assert editor.revision(rev).status == "pending" and editor.version() == 0  # type: ignore[union-attr]
    with pytest.raises(EditRefused, match="不能审核自己"):
        editor.approve(rev, "li")
    page = checker.get(f"/desk/content/revision/{rev}").get_data(as_text=True)
    assert "审核通过并发布" in page
    checker.post(f"/desk/content/revision/{rev}/approve", data={"csrf_token": CSRF.search(page)[1]})  # type: ignore[index]
    done = editor.revision(rev)
    assert (
        done is not None and done.status == "published" and done.approver == "zhou" and editor.version() == 1
    )


def test_sources_register_new_documents_that_answers_can_then_cite(harness: Harness) -> None:
    client = official(harness)
    t = token(client, "/desk/content/source")
    doc = {
        "csrf_token": t,
        "id": "anqing-2025-test",
        "number": "",
        "issuer": "安庆市人力资源和社会保障局",
        "title": "测试用文件",
        "short": "安庆测试文件",
        "date": "",
        "region": "anqing",
        "link": "ftp://nope",
    }
    bad = client.post("/desk/content/source", data=doc)
    assert bad.status_code == 422 and "https://" in _unescape(bad.get_data(as_text=True))
    ok = client.post("/desk/content/source", data=doc | {"link": "https://example.gov.cn/a.html"})
    assert ok.status_code == 302
    preview = _unescape(client.get(ok.headers["Location"]).get_data(as_text=True))
    assert "（依据：安庆测试文件）" in preview  # no date in the document: none is invented
    rev = int(ok.headers["Location"].rsplit("/", 1)[1])
    client.post(f"/desk/content/revision/{rev}/publish", data={"csrf_token": t})
    assert wait_for(
        lambda: (harness.say("你好"), "anqing-2025-test" in harness.services.knowledge.sources)[1]
    )
    form = answer_form(client, "anqing", "job_services") | {"source": "anqing-2025-test"}
    assert client.post("/desk/content/answer/anqing/job_services", data=form).status_code == 302


# -- the CLI and bot check ----------------------------------------------------------------------------


def _copy_tree(dest: Path) -> Tree:
    shutil.copytree(DATA_ROOT / "content", dest / "content")
    shutil.copytree(DATA_ROOT / "intents", dest / "intents")
    return Tree(dest / "content", dest / "intents")


def test_export_writes_the_published_state_and_import_loads_files(tmp_path: Path) -> None:
    repo = _copy_tree(tmp_path / "repo")
    db = tmp_path / "bot.db"
    config = tmp_path / "config.toml"
    config.write_text(
        f'[storage]\ndatabase = "{db}"\n'
        f'[content]\ncontent_dir = "{repo.content}"\nintents_dir = "{repo.intents}"\n',
        encoding="utf-8",
    )
    settings = make_settings(
        tmp_path, content={"content_dir": str(repo.content), "intents_dir": str(repo.intents)}
    )
    from bot.storage.store import Store

    editor = ContentEditor(Store(db), settings.content)
    runner = CliRunner()
    before = runner.invoke(main, ["check", "--config", str(config)])

    path = repo.content / "answers" / "dalian" / "wage_arrears.md"
    meta, body = (
        tomllib.loads(path.read_text(encoding="utf-8").split("+++\n")[1]),
        path.read_text().split("+++\n")[2],
    )
    payload: dict[str, Any] = {
        "meta": {k: str(v) for k, v in meta.items()},
        "body": body.strip() + "\n先把欠薪凭据拍照留好。",
    }
    rev = editor.save_draft("answer", "dalian/wage_arrears", payload, "li")
    editor.publish(rev.id, "li")
    draft = dict(payload, body=payload["body"] + "\n草稿里的一句。")
    editor.save_draft("answer", "dalian/wage_arrears", draft, "li")

    out = runner.invoke(main, ["content", "export", "--config", str(config)])
    assert out.exit_code == 0, out.output
    assert "先把欠薪凭据拍照留好。" in path.read_text(encoding="utf-8")
    assert "草稿里的一句。" not in path.read_text(encoding="utf-8")  # a draft stays out
    again = runner.invoke(main, ["content", "export", "--config", str(config)])
    assert "already match" in again.output
    after = runner.invoke(main, ["check", "--config", str(config)])
    assert after.exit_code == before.exit_code and after.output == before.output

    # a tree with another change imports as one published version
    other = _copy_tree(tmp_path / "other")
    apply({("answer", "dalian/wage_arrears"): payload}, other)
    edited = other.content / "answers" / "anqing" / "family_care.md"
    edited.write_text(
        edited.read_text(encoding="utf-8").rstrip("\n") + "\n有困难先打电话问清楚。\n", encoding="utf-8"
    )
    version = editor.version()
    out = runner.invoke(
        main, ["content", "import", "--config", str(config), "--from", str(tmp_path / "other")]
    )
    assert out.exit_code == 0, out.output
    assert "published answer anqing/family_care" in out.output and "dalian/wage_arrears" not in out.output
    assert editor.version() == version + 1
    assert "有困难先打电话问清楚。" in editor.overlay()[("answer", "anqing/family_care")]["body"]
    assert (
        "nothing to import"
        in runner.invoke(
            main, ["content", "import", "--config", str(config), "--from", str(tmp_path / "other")]
        ).output
    )
    # a tree that breaks a check is refused whole, with the reason, and nothing is published
    text = edited.read_text(encoding="utf-8")
    edited.write_text(
        re.sub(r'source = "[^"]+"', 'source = "no-such-document"', text, count=1), encoding="utf-8"
    )
    refused = runner.invoke(
        main, ["content", "import", "--config", str(config), "--from", str(tmp_path / "other")]
    )
    assert refused.exit_code == 1 and "no-such-document" in refused.output
    assert editor.version() == version + 1


def test_bot_check_validates_the_published_state_in_the_database(tmp_path: Path) -> None:
    db = tmp_path / "bot.db"
    config = tmp_path / "config.toml"
    config.write_text(f'[storage]\ndatabase = "{db}"\n', encoding="utf-8")
    runner = CliRunner()
    before = runner.invoke(main, ["check", "--config", str(config)])
    from bot.storage.store import Store

    store = Store(db)
    # A published revision citing a document that is not registered (as an older version could have
    # stored, or a hand edit of the database): the desk would refuse it, bot check must see it.
    bad = {
        "meta": {"intent": "legal_aid", "region": "dalian", "source": "gone", "validity": "standing"},
        "body": "x",
    }
    with store.transaction():
        store.conn.execute(
            "INSERT INTO content_revisions (kind, key, payload, status, author, created, seq)"
            " VALUES ('answer', 'dalian/legal_aid', ?, 'published', 'x', 0, 1)",
            (json.dumps(bad),),
        )
    after = runner.invoke(main, ["check", "--config", str(config)])
    assert after.exit_code == 1
    assert "published desk edits" in after.output and "'gone'" in after.output
    assert len(after.output.splitlines()) > len(before.output.splitlines())


def test_live_content_reads_the_version_at_most_every_few_seconds_and_swaps_in_place(tmp_path: Path) -> None:
    from bot.content.checker import answer_fields_from_file
    from bot.content.knowledge import load_knowledge
    from bot.content.live import LiveContent
    from bot.nlu.rules import load_classifier
    from bot.storage.store import Store

    settings = make_settings(tmp_path, content={"reload_seconds": 2.0}).content
    store = Store(tmp_path / "live.db")
    now = [100.0]
    shipped = load_knowledge(settings.content_dir)
    live = LiveContent(
        store, settings, shipped, load_classifier(Path(settings.intents_dir)), clock=lambda: now[0]
    )
    held = live.knowledge  # what the bot, the complaint form and the desk hold
    live.refresh()  # looks now; the next look is 2 s later
    editor = ContentEditor(store, settings)
    meta, body = answer_fields_from_file(Path(settings.content_dir) / "answers" / "national" / "legal_aid.md")
    rev = editor.save_draft("answer", "national/legal_aid", {"meta": meta, "body": body + "\n补一句。"}, "li")
    editor.publish(rev.id, "li")

    now[0] += 1.0
    live.refresh()
    assert "补一句。" not in held.answers[("national", "legal_aid")].body  # not looked yet
    now[0] += 1.5
    assert wait_for(lambda: (live.refresh(), "补一句。" in held.answers[("national", "legal_aid")].body)[1])
    assert live.knowledge is held and live.version == editor.version() == 1
    # the process-wide cache other Services share still holds the shipped text
    assert load_knowledge(settings.content_dir) is shipped
    assert "补一句。" not in shipped.answers[("national", "legal_aid")].body


def test_retiring_a_district_answer_falls_back_to_its_city_and_national_cannot_be_retired(
    harness: Harness,
) -> None:
    client = official(harness)
    knowledge = harness.services.knowledge
    region, intent = next(
        (r, i) for (r, i) in sorted(knowledge.answers) if knowledge.regions[r].parent not in ("", "national")
    )
    parent = knowledge.regions[region].parent
    form = answer_form(client, region, intent)
    saved = client.post(f"/desk/content/answer/{region}/{intent}", data=form | {"retire": "1"})
    assert saved.status_code == 302
    preview = _unescape(client.get(saved.headers["Location"]).get_data(as_text=True))
    assert "停用后" in preview
    rev = int(saved.headers["Location"].rsplit("/", 1)[1])
    client.post(f"/desk/content/revision/{rev}/publish", data={"csrf_token": form["csrf_token"]})
    assert wait_for(lambda: (harness.say("你好"), (region, intent) not in knowledge.answers)[1])
    used = knowledge.answer(intent, region)
    assert used is not None and used.region in knowledge.chain(parent)

    national = answer_form(client, "national", intent)
    refused = client.post(f"/desk/content/answer/national/{intent}", data=national | {"retire": "1"})
    assert refused.status_code == 422 and "全国的答复不能停用" in _unescape(refused.get_data(as_text=True))


def test_a_draft_overtaken_by_someone_elses_publish_says_so_before_it_replaces_it(harness: Harness) -> None:
    li, zhou = official(harness, "li"), official(harness, "zhou")
    mine = answer_form(li, "dalian", "job_services")
    theirs = answer_form(zhou, "dalian", "job_services")
    saved = li.post(
        "/desk/content/answer/dalian/job_services", data=mine | {"body": mine["body"] + "\n李的补充。"}
    )
    other = zhou.post(
        "/desk/content/answer/dalian/job_services", data=theirs | {"body": theirs["body"] + "\n周的补充。"}
    )
    zhou.post(other.headers["Location"] + "/publish", data={"csrf_token": theirs["csrf_token"]})
    page = _unescape(li.get(saved.headers["Location"]).get_data(as_text=True))
    assert "zhou" in page and "发布会替换掉它" in page
    assert "-周的补充。" in page  # the diff is against the version now live
