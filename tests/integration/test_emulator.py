"""The WeChat API emulator, spoken to with plain HTTP as WeChat's servers would be."""

from __future__ import annotations

import threading
from typing import Any

import pytest
import requests
from flask import Flask, request
from helpers.emulator import (  # noqa: F401
    APP_ID,
    APP_SECRET,
    FakeClock,
    RunningEmulator,
    emulator_fixture,
    run_emulator,
    serve_in_thread,
)

from bot.config import WeChatSettings
from bot.wechat.emulator import check_loopback, create_emulator, serve
from bot.wechat.push import Gate


def token_of(emu: RunningEmulator, secret: str = APP_SECRET) -> dict[str, Any]:
    params = {"grant_type": "client_credential", "appid": APP_ID, "secret": secret}
    return requests.get(f"{emu.url}/cgi-bin/token", params=params, timeout=5).json()


def call(
    emu: RunningEmulator, path: str, token: str | None, body: Any = None, **params: str
) -> dict[str, Any]:
    query = {"access_token": token, **params} if token else params
    url = f"{emu.url}/cgi-bin/{path}"
    if body is None:
        return requests.get(url, params=query, timeout=5).json()
    return requests.post(url, params=query, json=body, timeout=5).json()


def control(emu: RunningEmulator, method: str, path: str, body: Any = None) -> Any:
    res = requests.request(method, f"{emu.url}/emulator/{path}", json=body, timeout=5)
    res.raise_for_status()
    return res.json()


# --- tokens


def test_token_endpoint_checks_credentials(emulator: RunningEmulator) -> None:
    answer = token_of(emulator)
    assert answer["expires_in"] == 7200 and len(answer["access_token"]) >= 64
    assert token_of(emulator, "wrong")["errcode"] == 40125
    bad_app = requests.get(
        f"{emulator.url}/cgi-bin/token",
        params={"grant_type": "client_credential", "appid": "wxother", "secret": APP_SECRET},
        timeout=5,
    ).json()
    assert bad_app["errcode"] == 40013
    assert "rid:" in bad_app["errmsg"]


def test_access_token_errors(emulator: RunningEmulator) -> None:
    assert call(emulator, "tags/get", None)["errcode"] == 41001
    assert call(emulator, "tags/get", "bad token!")["errcode"] == 40014
    assert call(emulator, "tags/get", "A" * 100)["errcode"] == 40001
    token = token_of(emulator)["access_token"]
    assert "tags" in call(emulator, "tags/get", token)
    emulator.state.expire_tokens()
    assert call(emulator, "tags/get", token)["errcode"] == 42001


def test_tokens_expire_and_old_ones_survive_five_minutes() -> None:
    clock = FakeClock()
    with run_emulator(clock=clock, token_ttl=7200) as emu:
        old = token_of(emu)["access_token"]
        new = token_of(emu)["access_token"]
        assert old != new
        clock.advance(299)
        assert "tags" in call(emu, "tags/get", old)
        clock.advance(2)
        assert call(emu, "tags/get", old)["errcode"] == 42001
        assert "tags" in call(emu, "tags/get", new)
        clock.advance(7200)
        assert call(emu, "tags/get", new)["errcode"] == 42001


# --- customer-service messages


def test_custom_send_window_and_limits() -> None:
    clock = FakeClock()
    with run_emulator(clock=clock, token_ttl=10 * 24 * 3600) as emu:
        token = token_of(emu)["access_token"]

        def send(openid: str, text: str = "你好") -> int:
            body = {"touser": openid, "msgtype": "text", "text": {"content": text}}
            return int(call(emu, "message/custom/send", token, body)["errcode"])

        assert send("nobody") == 40003
        emu.state.add_follower("o1")
        assert send("o1") == 45015  # never wrote
        control(emu, "POST", "inbound", {"openid": "o1"})
        assert send("o1") == 0
        assert send("o1", "") == 44004
        clock.advance(48 * 3600 + 1)
        assert send("o1") == 45015  # the window closed
        emu.state.record_inbound("o1")
        assert [send("o1") for _ in range(20)] == [0] * 20
        assert send("o1") == 45047
        emu.state.add_follower("o1", subscribed=False)
        assert send("o1") == 45015
        assert [m["text"] for m in control(emu, "GET", "inbox/o1")["messages"]] == ["你好"] * 21


def test_malformed_json_is_a_data_format_error(emulator: RunningEmulator) -> None:
    token = token_of(emulator)["access_token"]
    res = requests.post(
        f"{emulator.url}/cgi-bin/message/custom/send",
        params={"access_token": token},
        data=b"{nope",
        timeout=5,
    )
    assert res.json()["errcode"] == 47001


# --- tags and users


def test_tags_and_users(emulator: RunningEmulator) -> None:
    token = token_of(emulator)["access_token"]
    control(
        emulator,
        "POST",
        "followers",
        {"followers": [{"openid": "o1"}, {"openid": "o2", "subscribed": False}]},
    )
    created = call(emulator, "tags/create", token, {"tag": {"name": "留岗-苏州"}})["tag"]
    assert call(emulator, "tags/create", token, {"tag": {"name": "留岗-苏州"}})["errcode"] == 45157
    assert call(emulator, "tags/create", token, {"tag": {"name": "长" * 31}})["errcode"] == 45158
    tagging = {"tagid": created["id"], "openid_list": ["o1", "o2"]}
    assert call(emulator, "tags/members/batchtagging", token, tagging)["errcode"] == 0
    assert (
        call(emulator, "tags/members/batchtagging", token, {"tagid": 999, "openid_list": ["o1"]})["errcode"]
        == 45159
    )
    assert (
        call(emulator, "tags/members/batchtagging", token, {"tagid": 2, "openid_list": ["x"]})["errcode"]
        == 40003
    )
    too_many = {"tagid": 2, "openid_list": ["o1"] * 51}
    assert call(emulator, "tags/members/batchtagging", token, too_many)["errcode"] == 40032
    tags = call(emulator, "tags/get", token)["tags"]
    assert {"id": created["id"], "name": "留岗-苏州", "count": 1} in tags  # o2 unsubscribed

    info = call(emulator, "user/info", token, openid="o1", lang="zh_CN")
    assert info["subscribe"] == 1 and info["tagid_list"] == [created["id"]]
    assert call(emulator, "user/info", token, openid="o2") == {"subscribe": 0, "openid": "o2"}
    assert call(emulator, "user/info", token, openid="nobody")["errcode"] == 40003
    assert call(emulator, "tags/members/batchuntagging", token, tagging)["errcode"] == 0
    assert call(emulator, "user/info", token, openid="o1")["tagid_list"] == []


def test_menu_validation(emulator: RunningEmulator) -> None:
    token = token_of(emulator)["access_token"]
    click = {"type": "click", "name": "政策", "key": "POLICY"}
    assert call(emulator, "menu/create", token, {"button": []})["errcode"] == 40016
    assert call(emulator, "menu/create", token, {"button": [click] * 4})["errcode"] == 40016
    assert (
        call(emulator, "menu/create", token, {"button": [{"name": "x", "sub_button": [click] * 6}]})[
            "errcode"
        ]
        == 40023
    )
    assert (
        call(emulator, "menu/create", token, {"button": [{"type": "bogus", "name": "x"}]})["errcode"] == 40017
    )
    assert (
        call(emulator, "menu/create", token, {"button": [{"type": "click", "name": "x"}]})["errcode"] == 40019
    )
    menu = {
        "button": [
            click,
            {"name": "更多", "sub_button": [{"type": "view", "name": "官网", "url": "https://x"}]},
        ]
    }
    assert call(emulator, "menu/create", token, menu)["errcode"] == 0
    assert emulator.state.menu == menu


# --- mass sends


def test_mass_sendall_dedupes_by_clientmsgid_and_by_content() -> None:
    with run_emulator(daily_quota=10) as emu:
        token = token_of(emu)["access_token"]
        emu.state.add_follower("o1")

        def sendall(text: str, clientmsgid: str | None = None) -> dict[str, Any]:
            body: dict[str, Any] = {
                "filter": {"is_to_all": True},
                "msgtype": "text",
                "text": {"content": text},
            }
            if clientmsgid:
                body["clientmsgid"] = clientmsgid
            return call(emu, "message/mass/sendall", token, body)

        first = sendall("a", "id-1")
        assert first["errcode"] == 0 and "msg_data_id" not in first
        repeat = sendall("b", "id-1")
        assert (repeat["errcode"], repeat["msg_id"]) == (45065, first["msg_id"])
        assert repeat["errmsg"].startswith("clientmsgid exist")
        # Without clientmsgid WeChat digests audience + content: the same text twice is a repeat.
        assert sendall("c")["errcode"] == 0
        assert sendall("c")["errcode"] == 45065
        body = {"filter": {"is_to_all": False, "tag_id": 999}, "msgtype": "text", "text": {"content": "d"}}
        assert call(emu, "message/mass/sendall", token, body)["errcode"] == 45159
        assert call(emu, "message/mass/get", token, {"msg_id": 123})["errcode"] == 47003


def test_subscription_quota_is_per_beijing_day() -> None:
    clock = FakeClock(1_700_000_000.0)  # 2023-11-15 06:13 in Beijing
    with run_emulator(clock=clock, token_ttl=24 * 3600) as emu:
        token = token_of(emu)["access_token"]

        def sendall(clientmsgid: str) -> int:
            body = {
                "filter": {"is_to_all": True},
                "msgtype": "text",
                "text": {"content": "x"},
                "clientmsgid": clientmsgid,
            }
            return int(call(emu, "message/mass/sendall", token, body)["errcode"])

        assert sendall("1") == 0
        assert sendall("2") == 45028
        clock.advance(18 * 3600)  # past midnight in Beijing
        assert sendall("3") == 0


def test_service_account_filters_followers_over_four_a_month() -> None:
    with run_emulator(account_type="service") as emu:
        token = token_of(emu)["access_token"]
        for openid in ("o1", "o2"):
            emu.state.add_follower(openid)
        ids = []
        for n in range(5):
            body = {
                "touser": ["o1", "o2"],
                "msgtype": "text",
                "text": {"content": f"第{n}条"},
                "clientmsgid": str(n),
            }
            answer = call(emu, "message/mass/send", token, body)
            assert answer["errcode"] == 0
            ids.append(answer["msg_id"])
        assert emu.state.wait_for(
            lambda: all(j.status == "SEND_SUCCESS" for j in emu.state.mass_jobs.values())
        )
        assert len(emu.state.inbox["o1"]) == 4
        assert emu.state.mass_jobs[ids[-1]].targets == []
        one = {"touser": ["o1"], "msgtype": "text", "text": {"content": "x"}}
        assert call(emu, "message/mass/send", token, one)["errcode"] == 40130


def test_preview_needs_a_subscribed_follower(emulator: RunningEmulator) -> None:
    token = token_of(emulator)["access_token"]
    emulator.state.add_follower("o1")
    emulator.state.add_follower("o2", subscribed=False)
    body = {"msgtype": "text", "text": {"content": "预览"}}
    assert (
        call(emulator, "message/mass/preview", token, {**body, "touser": "o1"})["errmsg"] == "preview success"
    )
    assert call(emulator, "message/mass/preview", token, {**body, "touser": "o2"})["errcode"] == 43004
    assert emulator.state.inbox["o1"][0]["type"] == "preview"


# --- fault injection


def test_faults_over_http(emulator: RunningEmulator) -> None:
    token = token_of(emulator)["access_token"]
    control(emulator, "POST", "faults", {"path": "tags/get", "errcode": 45009, "times": 2})
    control(emulator, "POST", "faults", {"path": "/cgi-bin/tags/get", "status": 502})
    assert "/cgi-bin/tags/get" in control(emulator, "GET", "faults")
    assert call(emulator, "tags/get", token)["errcode"] == 45009
    assert call(emulator, "tags/get", token)["errcode"] == 45009
    res = requests.get(f"{emulator.url}/cgi-bin/tags/get", params={"access_token": token}, timeout=5)
    assert res.status_code == 502
    assert "tags" in call(emulator, "tags/get", token)
    control(emulator, "POST", "faults", {"path": "tags/get", "errcode": -1})
    assert control(emulator, "DELETE", "faults") == {}
    assert "tags" in call(emulator, "tags/get", token)
    control(emulator, "POST", "faults", {"expire_tokens": True})
    assert call(emulator, "tags/get", token)["errcode"] == 42001
    assert control(emulator, "GET", "calls")["/cgi-bin/tags/get"] == 6


def test_hang_fault_is_released_on_close() -> None:
    with run_emulator() as emu:
        token = token_of(emu)["access_token"]
        emu.state.inject_fault("tags/get", hang=60)
        answers: list[int] = []
        thread = threading.Thread(target=lambda: answers.append(len(call(emu, "tags/get", token))))
        thread.start()
        assert emu.state.wait_for(lambda: emu.state.calls["/cgi-bin/tags/get"] == 1)
        emu.state.close()
        thread.join(timeout=5)
        assert answers == [1]  # answered normally once released


# --- pushes to the webhook


@pytest.mark.parametrize("mode", ["plain", "compat", "safe"])
def test_inbound_text_is_pushed_to_the_webhook_verifiably(mode: str) -> None:
    settings = WeChatSettings(token="push-token", app_id=APP_ID, mode=mode)
    gate = Gate(settings)
    opened: list[Any] = []
    receiver = Flask("receiver")

    @receiver.post("/wechat")
    def wechat() -> str:
        envelope = gate.open(request.args, request.get_data())
        opened.append(envelope)
        return "reply:" + envelope.message.content

    with serve_in_thread(receiver) as hook:
        options = {"webhook_url": hook + "/wechat", "token": "push-token", "mode": mode}
        with run_emulator(**options, encoding_aes_key=settings.encoding_aes_key) as emu:
            answer = control(emu, "POST", "inbound", {"openid": "o-worker", "content": "还有工资没结 <急>"})
            assert answer["status"] == 200 and answer["reply"] == "reply:还有工资没结 <急>"
            assert emu.state.followers["o-worker"].last_inbound is not None
    (envelope,) = opened
    assert envelope.encrypted == (mode != "plain")
    assert envelope.message.from_user == "o-worker" and envelope.message.msg_type == "text"


def test_push_without_webhook_is_recorded_not_sent(emulator: RunningEmulator) -> None:
    answer = control(emulator, "POST", "inbound", {"openid": "o1", "content": "hi"})
    assert answer["status"] is None and "no webhook_url" in answer["error"]


# --- construction and serving


def test_serve_refuses_non_loopback_hosts() -> None:
    for host in ("0.0.0.0", "192.168.1.10", "::", "example.com"):
        with pytest.raises(ValueError, match="loopback"):
            serve(host=host, port=0, app_id=APP_ID, app_secret=APP_SECRET)
    for host in ("127.0.0.1", "127.0.0.2", "::1", "localhost"):
        check_loopback(host)


def test_bad_options_are_refused() -> None:
    with pytest.raises(ValueError, match="mode"):
        create_emulator(app_id="a", app_secret="b", mode="weird")
    with pytest.raises(ValueError, match="encoding_aes_key"):
        create_emulator(app_id="a", app_secret="b", mode="safe")
    with pytest.raises(ValueError, match="account_type"):
        create_emulator(app_id="a", app_secret="b", account_type="enterprise")
