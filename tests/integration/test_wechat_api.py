"""WeChatAPI against the emulator over real HTTP on 127.0.0.1."""

from __future__ import annotations

import logging
import socket
import sqlite3
import threading
import time
from pathlib import Path

import pytest
from flask import Flask, request
from helpers.emulator import APP_SECRET, FakeClock, RunningEmulator, emulator_fixture, run_emulator  # noqa: F401

from bot.errors import ConfigError, WeChatError
from bot.wechat.api import (
    ERRCODE_HTTP,
    ERRCODE_NETWORK,
    AlreadySent,
    AuthError,
    InvalidCredentials,
    NetworkError,
    OutsideServiceWindow,
    QuotaExceeded,
    TransientWeChatError,
    WeChatAPI,
    redact,
    unanswered_before,
)

TOKEN_PATH = "/cgi-bin/token"


class Sleeps(list[float]):
    """A sleep function that records the delays instead of sleeping."""

    def __call__(self, seconds: float) -> None:
        self.append(seconds)


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "bot.sqlite"


@pytest.fixture
def sleeps() -> Sleeps:
    return Sleeps()


@pytest.fixture
def api(emulator: RunningEmulator, db: Path, sleeps: Sleeps):
    with WeChatAPI(emulator.settings(), db, sleep=sleeps) as client:
        yield client


# --- the shared access token


def test_token_is_fetched_once_and_shared_through_sqlite(emulator: RunningEmulator, db: Path) -> None:
    with WeChatAPI(emulator.settings(), db) as a, WeChatAPI(emulator.settings(), db) as b:
        a.get_tags()
        b.get_tags()
        a.get_tags()
    assert emulator.state.count(TOKEN_PATH) == 1
    assert emulator.state.count("tags/get") == 3
    with sqlite3.connect(db) as conn:
        (token,) = conn.execute("SELECT token FROM wechat_tokens").fetchone()
    assert token in emulator.state.tokens


def test_wechatpy_never_fetches_a_token_of_its_own(api: WeChatAPI, emulator: RunningEmulator) -> None:
    api.get_tags()
    assert api.client.access_token in emulator.state.tokens  # the shared store's token
    with pytest.raises(RuntimeError, match="shared token store"):
        api.client.fetch_access_token()
    assert emulator.state.count(TOKEN_PATH) == 1


def test_concurrent_first_calls_refresh_exactly_once(emulator: RunningEmulator, db: Path) -> None:
    # The first fetch is slow, so the other threads queue on the SQLite write lock behind it.
    emulator.state.inject_fault("token", hang=0.3)
    clients = [WeChatAPI(emulator.settings(), db) for _ in range(6)]
    start = threading.Barrier(len(clients))
    errors: list[BaseException] = []

    def run(client: WeChatAPI) -> None:
        start.wait(timeout=5)
        try:
            client.get_tags()
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(c,)) for c in clients]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=10)
    for c in clients:
        c.close()
    assert errors == []
    assert emulator.state.count(TOKEN_PATH) == 1
    assert emulator.state.count("tags/get") == len(clients)


def test_token_expiring_mid_run_costs_exactly_one_refresh(db: Path) -> None:
    clock = FakeClock()
    with run_emulator(clock=clock) as emu, WeChatAPI(emu.settings(), db, clock=clock) as api:
        for _ in range(3):
            api.get_tags()
        assert emu.state.count(TOKEN_PATH) == 1
        clock.advance(7200 - 200)  # within the five-minute refresh margin
        for _ in range(3):
            api.get_tags()
        assert emu.state.count(TOKEN_PATH) == 2
        assert emu.state.count("tags/get") == 6


def test_token_expired_by_the_server_refreshes_once_and_retries(
    api: WeChatAPI, emulator: RunningEmulator
) -> None:
    api.get_tags()
    emulator.state.expire_tokens()  # WeChat now answers 42001 to the cached token
    api.get_tags()
    api.get_tags()
    assert emulator.state.count(TOKEN_PATH) == 2
    assert emulator.state.count("tags/get") == 4  # 1 + (42001, retry) + 1


def test_invalid_token_refreshes_once_not_in_a_loop(api: WeChatAPI, emulator: RunningEmulator) -> None:
    emulator.state.inject_fault("tags/get", errcode=40001, times=100)
    with pytest.raises(AuthError) as info:
        api.get_tags()
    assert info.value.errcode == 40001
    assert emulator.state.count(TOKEN_PATH) == 2  # the first fetch and one refresh
    assert emulator.state.count("tags/get") == 2


def test_wrong_secret_is_refused_without_retrying(
    emulator: RunningEmulator, db: Path, sleeps: Sleeps
) -> None:
    api = WeChatAPI(emulator.settings(app_secret="not-the-secret"), db, sleep=sleeps)
    with api, pytest.raises(InvalidCredentials) as info:
        api.get_tags()
    assert info.value.errcode == 40125
    assert emulator.state.count(TOKEN_PATH) == 1
    assert emulator.state.count("tags/get") == 0
    assert sleeps == []


def test_in_memory_database_shares_the_token_within_the_client(emulator: RunningEmulator) -> None:
    with WeChatAPI(emulator.settings(), ":memory:") as api:
        api.get_tags()
        api.get_tags()
    assert emulator.state.count(TOKEN_PATH) == 1


def test_base_url_must_end_with_a_slash(emulator: RunningEmulator, db: Path) -> None:
    with pytest.raises(ConfigError, match="end with '/'"):
        WeChatAPI(emulator.settings(api_base_url=emulator.url + "/cgi-bin"), db)


# --- retries


@pytest.mark.parametrize("errcode", [-1, 45009])
def test_transient_errcode_is_retried_then_succeeds(
    api: WeChatAPI, emulator: RunningEmulator, sleeps: Sleeps, errcode: int
) -> None:
    emulator.state.inject_fault("tags/get", errcode=errcode, times=2)
    assert api.get_tags() == [{"id": 2, "name": "星标组", "count": 0}]
    assert emulator.state.count("tags/get") == 3
    assert len(sleeps) == 2
    assert 0.5 <= sleeps[0] <= 1.0 and 1.0 <= sleeps[1] <= 2.0  # exponential, with jitter


def test_http_5xx_is_retried(api: WeChatAPI, emulator: RunningEmulator, sleeps: Sleeps) -> None:
    emulator.state.inject_fault("tags/get", status=502)
    api.get_tags()
    assert emulator.state.count("tags/get") == 2
    assert len(sleeps) == 1


def test_http_4xx_is_not_retried(api: WeChatAPI, emulator: RunningEmulator, sleeps: Sleeps) -> None:
    emulator.state.inject_fault("tags/get", status=404)
    with pytest.raises(WeChatError) as info:
        api.get_tags()
    assert info.value.errcode == ERRCODE_HTTP and not isinstance(info.value, TransientWeChatError)
    assert sleeps == []


def test_retries_are_bounded(api: WeChatAPI, emulator: RunningEmulator, sleeps: Sleeps) -> None:
    emulator.state.inject_fault("tags/get", errcode=-1, times=100)
    with pytest.raises(TransientWeChatError) as info:
        api.get_tags()
    assert info.value.errcode == -1
    assert emulator.state.count("tags/get") == 3
    assert len(sleeps) == 2


def test_hanging_server_times_out_within_bounded_time(
    emulator: RunningEmulator, db: Path, sleeps: Sleeps
) -> None:
    with WeChatAPI(emulator.settings(), db, sleep=sleeps, timeout=(1.0, 0.2)) as api:
        api.get_tags()  # the token is cached; only tags/get hangs
        emulator.state.inject_fault("tags/get", hang=30, times=3)
        started = time.monotonic()
        with pytest.raises(NetworkError) as info:
            api.get_tags()
        elapsed = time.monotonic() - started
    assert info.value.errcode == ERRCODE_NETWORK
    assert "timed out" in str(info.value)
    assert elapsed < 3.0
    assert emulator.state.count("tags/get") == 4
    assert len(sleeps) == 2


def test_a_refusal_after_an_unanswered_attempt_says_the_call_may_have_happened(
    emulator: RunningEmulator, db: Path, sleeps: Sleeps
) -> None:
    # (a read timeout long enough for the answered attempts on a busy machine, and a hang well past it)
    with WeChatAPI(emulator.settings(), db, sleep=sleeps, timeout=(1.0, 1.0)) as api:
        api.get_tags()
        emulator.state.inject_fault("tags/get", errcode=48001)
        with pytest.raises(WeChatError) as answered:
            api.get_tags()
        emulator.state.inject_fault("tags/get", hang=5)  # may have been done: no answer came
        emulator.state.inject_fault("tags/get", errcode=48001)
        with pytest.raises(WeChatError) as refused:
            api.get_tags()
        emulator.state.inject_fault("tags/get", status=502)
        emulator.state.inject_fault("tags/get", errcode=40001)  # … then a token errcode, twice
        emulator.state.inject_fault("tags/get", errcode=40001)
        with pytest.raises(AuthError) as after_refresh:
            api.get_tags()
    assert not unanswered_before(answered.value)
    assert refused.value.errcode == 48001 and unanswered_before(refused.value)
    assert after_refresh.value.errcode == 40001 and unanswered_before(after_refresh.value)


# --- final errors


def test_outside_service_window_is_final_and_typed(
    api: WeChatAPI, emulator: RunningEmulator, sleeps: Sleeps
) -> None:
    emulator.state.add_follower("o-worker-1")
    with pytest.raises(OutsideServiceWindow) as info:
        api.send_text("o-worker-1", "您好")
    assert info.value.errcode == 45015
    assert emulator.state.count("message/custom/send") == 1
    assert sleeps == []


def test_send_text_within_window_arrives_as_utf8(api: WeChatAPI, emulator: RunningEmulator) -> None:
    text = "春节留岗补贴：每人 500 元 ✅"
    emulator.state.record_inbound("o-worker-1")
    api.send_text("o-worker-1", text)
    assert [m["text"] for m in emulator.state.inbox["o-worker-1"]] == [text]
    raw = emulator.state.last_body["/cgi-bin/message/custom/send"]
    assert text.encode() in raw and b"\\u" not in raw


def test_clientmsgid_repeat_surfaces_as_already_sent(api: WeChatAPI, emulator: RunningEmulator) -> None:
    tag = api.create_tag("留岗-深圳")
    emulator.state.add_follower("o1", tags=[tag])
    first = api.mass_send_text("今晚年夜饭 18:00", tag_id=tag, clientmsgid="notice-2025-01-28")
    assert first["msg_data_id"] is None
    with pytest.raises(AlreadySent) as info:
        api.mass_send_text("今晚年夜饭 18:00", tag_id=tag, clientmsgid="notice-2025-01-28")
    assert info.value.errcode == 45065
    assert info.value.msg_id == first["msg_id"]
    body = emulator.state.last_body["/cgi-bin/message/mass/sendall"].decode()
    assert f'"tag_id": {tag}' in body and '"clientmsgid": "notice-2025-01-28"' in body


def test_mass_quota_refused_without_retry(api: WeChatAPI, emulator: RunningEmulator, sleeps: Sleeps) -> None:
    api.mass_send_text("第一条", is_to_all=True, clientmsgid="a")
    with pytest.raises(QuotaExceeded) as info:
        api.mass_send_text("第二条", is_to_all=True, clientmsgid="b")
    assert info.value.errcode == 45028
    assert emulator.state.count("message/mass/sendall") == 2
    assert sleeps == []


def test_mass_send_needs_exactly_one_audience(api: WeChatAPI) -> None:
    with pytest.raises(ValueError, match="either"):
        api.mass_send_text("x", clientmsgid="a")
    with pytest.raises(ValueError, match="either"):
        api.mass_send_text("x", tag_id=2, is_to_all=True, clientmsgid="a")
    with pytest.raises(ValueError, match="clientmsgid"):
        api.mass_send_text("x", tag_id=2, clientmsgid="x" * 65)


# --- secrets stay secret


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_secret_and_token_never_leak(
    emulator: RunningEmulator, db: Path, sleeps: Sleeps, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)  # urllib3 logs full request URLs at DEBUG
    log = logging.getLogger("test")
    raised: list[WeChatError] = []

    def attempt(client: WeChatAPI, call) -> None:
        try:
            call(client)
        except WeChatError as exc:
            log.exception("call failed: %s %r", exc, exc)
            raised.append(exc)

    with WeChatAPI(emulator.settings(), db, sleep=sleeps, timeout=(1.0, 0.2)) as api:
        api.get_tags()
        emulator.state.inject_fault("tags/get", errcode=40001, times=10)
        attempt(api, WeChatAPI.get_tags)  # invalid token, even after the refresh
        emulator.state.inject_fault("user/info", hang=10, times=3)
        attempt(api, lambda c: c.user_info("o1"))  # timeouts
        emulator.state.inject_fault("menu/create", status=503, times=3)
        attempt(api, lambda c: c.create_menu({"button": []}))  # HTTP 503
    refused = emulator.settings(api_base_url=f"http://127.0.0.1:{_closed_port()}/cgi-bin/")
    with WeChatAPI(refused, db.with_name("other.sqlite"), sleep=sleeps) as api:
        attempt(api, WeChatAPI.get_tags)  # connection refused while fetching the token: URL has secret=
    with WeChatAPI(emulator.settings(app_secret=APP_SECRET + "x"), db.with_name("third.sqlite")) as api:
        attempt(api, WeChatAPI.get_tags)  # wrong secret

    assert [type(e) for e in raised] == [
        AuthError,
        NetworkError,
        NetworkError,
        NetworkError,
        InvalidCredentials,
    ]
    assert "Max retries exceeded" in str(raised[3])  # the connection error text is kept, redacted
    assert "secret=***" in caplog.text and "access_token=***" in caplog.text  # logged, but redacted
    tokens = list(emulator.state.tokens)
    assert len(tokens) == 2
    texts = [caplog.text] + [str(e) for e in raised] + [repr(e) for e in raised]
    for text in texts:
        for secret in [APP_SECRET, *tokens]:
            assert secret not in text
    assert all(e.__cause__ is None and e.__suppress_context__ for e in raised)


def test_redact_masks_query_values() -> None:
    url = "/cgi-bin/token?grant_type=client_credential&appid=wx1&secret=s3cr3t"
    assert redact(url) == "/cgi-bin/token?grant_type=client_credential&appid=wx1&secret=***"
    assert redact("x?access_token=AbC-12_x&openid=o1") == "x?access_token=***&openid=o1"
    assert redact("token AbC in text", "AbC") == "token *** in text"


# --- the rest of the surface


def test_tags_users_menu_and_preview(api: WeChatAPI, emulator: RunningEmulator) -> None:
    openids = [f"o{i:03d}" for i in range(120)]
    for openid in openids:
        emulator.state.add_follower(openid)
    tag = api.create_tag("留岗-东莞")
    api.tag_users(tag, openids)
    assert emulator.state.count("tags/members/batchtagging") == 3  # batches of 50
    assert {"id": tag, "name": "留岗-东莞", "count": 120} in api.get_tags()
    api.untag_users(tag, openids[:10])
    assert api.user_info("o000")["tagid_list"] == []
    assert api.user_info("o010")["tagid_list"] == [tag]

    menu = {"button": [{"type": "click", "name": "找工作", "key": "JOBS"}]}
    api.create_menu(menu)
    assert emulator.state.menu == menu

    api.mass_preview_text("预览：除夕安排", "o001")
    assert emulator.state.inbox["o001"][-1]["type"] == "preview"


def test_mass_send_by_openids_on_a_service_account(db: Path) -> None:
    with run_emulator(account_type="service") as emu, WeChatAPI(emu.settings(), db) as api:
        for openid in ("o1", "o2", "o3"):
            emu.state.add_follower(openid)
        result = api.mass_send_by_openids("初一值班表已更新", ["o1", "o2"], clientmsgid="duty-1")
        assert emu.state.wait_for(lambda: emu.state.mass_jobs[result["msg_id"]].status == "SEND_SUCCESS")
        assert api.mass_get(result["msg_id"]) == "SEND_SUCCESS"
        assert [m["text"] for m in emu.state.inbox["o2"]] == ["初一值班表已更新"]
        assert emu.state.inbox.get("o3", []) == []


def test_mass_send_by_openids_refused_on_a_subscription_account(
    api: WeChatAPI, emulator: RunningEmulator
) -> None:
    for openid in ("o1", "o2"):
        emulator.state.add_follower(openid)
    with pytest.raises(WeChatError) as info:
        api.mass_send_by_openids("x", ["o1", "o2"], clientmsgid="c")
    assert info.value.errcode == 48001


# --- MASSSENDJOBFINISH reaches the webhook


def test_mass_send_finish_event_is_pushed_signed(db: Path) -> None:
    from bot.wechat.push import parse, signature

    received: list[tuple[dict[str, str], bytes]] = []
    arrived = threading.Event()
    receiver = Flask("receiver")

    @receiver.post("/wechat")
    def wechat() -> str:
        received.append((dict(request.args), request.get_data()))
        arrived.set()
        return "success"

    from helpers.emulator import PUSH_TOKEN, serve_in_thread

    with serve_in_thread(receiver) as hook, run_emulator(webhook_url=hook + "/wechat") as emu:
        with WeChatAPI(emu.settings(), db) as api:
            tag = api.create_tag("留岗")
            emu.state.add_follower("o1", tags=[tag])
            emu.state.add_follower("o2", tags=[tag])
            emu.state.add_follower("o3", tags=[tag], subscribed=False)
            result = api.mass_send_text("新春快乐", tag_id=tag, clientmsgid="greeting")
            assert arrived.wait(timeout=5)
            assert api.mass_get(result["msg_id"]) == "SEND_SUCCESS"
        # (the emulator records the delivery once the receiver's answer is back, after `arrived`)
        assert emu.state.wait_for(lambda: any(d["status"] == 200 for d in emu.state.deliveries), 5)

    args, body = received[0]
    assert args["signature"] == signature(PUSH_TOKEN, args["timestamp"], args["nonce"])
    event = parse(body.decode())
    assert event.msg_type == "event" and event.event == "masssendjobfinish"
    assert event.msg_id == str(result["msg_id"])
    counts = {k: event.fields[k] for k in ("TotalCount", "FilterCount", "SentCount", "ErrorCount")}
    assert counts == {"TotalCount": "3", "FilterCount": "2", "SentCount": "2", "ErrorCount": "0"}
