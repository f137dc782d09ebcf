"""The emulator's HTTP face: WeChat's API endpoints and the /emulator/* control endpoints."""

from __future__ import annotations

import hashlib
import json
import secrets
import time
from collections.abc import Callable
from dataclasses import asdict
from typing import Any

from flask import Flask, Response, jsonify, request

from .state import (
    BUTTON_TYPES,
    CS_LIMIT,
    MAX_TAG_BATCH,
    MAX_TAGS,
    MAX_TAGS_PER_USER,
    STATE_KEY,
    WINDOW,
    ApiError,
    EmulatorState,
)


def _json_body() -> dict[str, Any]:
    try:
        body = json.loads(request.get_data() or b"{}")
    except ValueError:
        raise ApiError(47001) from None
    if not isinstance(body, dict):
        raise ApiError(47001)
    return body


def _text_of(body: dict[str, Any]) -> str:
    if body.get("msgtype") != "text":
        raise ApiError(40008)
    text = body.get("text")
    return str(text.get("content") or "") if isinstance(text, dict) else ""


def _check_menu(menu: dict[str, Any]) -> None:
    buttons = menu.get("button")
    if not isinstance(buttons, list) or not 1 <= len(buttons) <= 3:
        raise ApiError(40016)
    for button in buttons:
        leaves, limit = [button], 16
        if isinstance(button, dict) and "sub_button" in button:
            subs = button["sub_button"]
            if not isinstance(subs, list) or not 1 <= len(subs) <= 5:
                raise ApiError(40023)
            leaves, limit = subs, 60
            if not 1 <= len(str(button.get("name", "")).encode()) <= 16:
                raise ApiError(40018)
        for leaf in leaves:
            if not isinstance(leaf, dict) or leaf.get("type") not in BUTTON_TYPES:
                raise ApiError(40017)
            if not 1 <= len(str(leaf.get("name", "")).encode()) <= limit:
                raise ApiError(40018)
            if leaf["type"] == "click" and not 1 <= len(str(leaf.get("key", "")).encode()) <= 128:
                raise ApiError(40019)


def create_emulator(
    *,
    app_id: str,
    app_secret: str,
    webhook_url: str | None = None,
    token: str | None = None,
    encoding_aes_key: str | None = None,
    mode: str = "plain",
    token_ttl: int = 7200,
    daily_quota: int = 1,
    monthly_quota: int = 4,
    clock: Callable[[], float] = time.time,
    account_type: str = "subscription",
    original_id: str | None = None,
) -> Flask:
    """A Flask app emulating the WeChat API; its state is ``emulator_state(app)``."""
    state = EmulatorState(
        app_id=app_id,
        app_secret=app_secret,
        webhook_url=webhook_url,
        token=token,
        encoding_aes_key=encoding_aes_key,
        mode=mode,
        token_ttl=token_ttl,
        daily_quota=daily_quota,
        monthly_quota=monthly_quota,
        clock=clock,
        account_type=account_type,
        original_id=original_id or "gh_" + hashlib.sha1(app_id.encode()).hexdigest()[:12],  # noqa: S324
    )
    app = Flask(__name__)
    app.json.ensure_ascii = False  # type: ignore[attr-defined]  # WeChat answers raw UTF-8
    app.extensions[STATE_KEY] = state

    def api(
        rule: str, methods: tuple[str, ...] = ("POST",), auth: bool = True
    ) -> Callable[[Callable[[], Any]], Any]:
        """Register a WeChat endpoint: count it, apply faults, check the token, answer JSON."""

        def register(handler: Callable[[], dict[str, Any]]) -> Any:
            def view() -> Response:
                path = request.path
                with state.changed:
                    state.calls[path] += 1
                    state.last_body[path] = request.get_data()
                    fault = state._take_fault(path)
                    state.changed.notify_all()
                try:
                    if fault is not None:
                        if fault.hang:
                            state.closing.wait(fault.hang)
                        if fault.status is not None:
                            return Response("emulated failure", status=fault.status)
                        if fault.errcode is not None:
                            raise ApiError(fault.errcode, fault.errmsg)
                    with state.lock:
                        if auth:
                            state._check_token(request.args.get("access_token"))
                        return jsonify(handler())
                except ApiError as exc:
                    return jsonify(exc.body)

            app.add_url_rule(rule, endpoint=rule, view_func=view, methods=list(methods))
            return handler

        return register

    @api("/cgi-bin/token", methods=("GET",), auth=False)
    def token_() -> dict[str, Any]:
        args = request.args
        if args.get("grant_type") != "client_credential":
            raise ApiError(40002)
        if args.get("appid") != state.app_id:
            raise ApiError(40013)
        if not secrets.compare_digest(args.get("secret", "").encode(), state.app_secret.encode()):
            raise ApiError(40125)
        return {"access_token": state._issue_token(), "expires_in": state.token_ttl}

    @api("/cgi-bin/message/custom/send")
    def custom_send() -> dict[str, Any]:
        body = _json_body()
        follower = state._follower(body.get("touser"), subscribed=False)
        text = _text_of(body)
        last = follower.last_inbound
        if not follower.subscribed or last is None or state.clock() - last > WINDOW:
            raise ApiError(45015)
        if follower.cs_since_inbound >= CS_LIMIT:
            raise ApiError(45047)
        if not text:
            raise ApiError(44004)
        follower.cs_since_inbound += 1
        state._deliver(follower.openid, "custom", text)
        return {"errcode": 0, "errmsg": "ok"}

    @api("/cgi-bin/tags/create")
    def tags_create() -> dict[str, Any]:
        tag = _json_body().get("tag")
        name = str(tag.get("name") or "") if isinstance(tag, dict) else ""
        if len(name) > 30:
            raise ApiError(45158)
        if not name or name in state.tags.values():
            raise ApiError(45157)
        if len(state.tags) >= MAX_TAGS:
            raise ApiError(45056)
        tag_id, state.next_tag_id = state.next_tag_id, state.next_tag_id + 1
        state.tags[tag_id] = name
        return {"tag": {"id": tag_id, "name": name}}

    @api("/cgi-bin/tags/get", methods=("GET",))
    def tags_get() -> dict[str, Any]:
        def members(tag_id: int) -> int:
            return sum(1 for f in state.followers.values() if f.subscribed and tag_id in f.tags)

        return {"tags": [{"id": i, "name": n, "count": members(i)} for i, n in sorted(state.tags.items())]}

    def batch(tagging: bool) -> dict[str, Any]:
        body = _json_body()
        openids, tag_id = body.get("openid_list"), body.get("tagid")
        if not isinstance(openids, list) or not 1 <= len(openids) <= MAX_TAG_BATCH:
            raise ApiError(40032)
        if tag_id not in state.tags:
            raise ApiError(45159)
        followers = [state._follower(openid, subscribed=False) for openid in openids]
        if tagging and any(tag_id not in f.tags and len(f.tags) >= MAX_TAGS_PER_USER for f in followers):
            raise ApiError(45059)
        for follower in followers:
            (follower.tags.add if tagging else follower.tags.discard)(tag_id)
        return {"errcode": 0, "errmsg": "ok"}

    api("/cgi-bin/tags/members/batchtagging")(lambda: batch(True))
    api("/cgi-bin/tags/members/batchuntagging")(lambda: batch(False))

    @api("/cgi-bin/message/mass/sendall")
    def mass_sendall() -> dict[str, Any]:
        body = _json_body()
        target = body.get("filter")
        if not isinstance(target, dict):
            raise ApiError(47001)
        text = _text_of(body)
        if target.get("is_to_all") is True:
            audience, candidates = "all", list(state.followers)
        else:
            tag_id = target.get("tag_id")
            if tag_id not in state.tags:
                raise ApiError(45159)
            audience = f"tag:{tag_id}"
            candidates = [f.openid for f in state.followers.values() if tag_id in f.tags]
        return state._mass(text, audience, candidates, body.get("clientmsgid"))

    @api("/cgi-bin/message/mass/send")
    def mass_send() -> dict[str, Any]:
        if state.account_type != "service":
            raise ApiError(48001)
        body = _json_body()
        openids = body.get("touser")
        if not isinstance(openids, list) or not 2 <= len(openids) <= 10000:
            raise ApiError(40130)
        text = _text_of(body)
        return state._mass(
            text, "openids:" + ",".join(sorted(map(str, openids))), openids, body.get("clientmsgid")
        )

    @api("/cgi-bin/message/mass/preview")
    def mass_preview() -> dict[str, Any]:
        body = _json_body()
        follower = state._follower(body.get("touser"))
        text = _text_of(body)
        if not text:
            raise ApiError(44004)
        msg_id = state._new_msg_id()
        state._deliver(follower.openid, "preview", text, msg_id)
        return {"errcode": 0, "errmsg": "preview success", "msg_id": msg_id}

    @api("/cgi-bin/message/mass/get")
    def mass_get() -> dict[str, Any]:
        msg_id = str(_json_body().get("msg_id", ""))
        job = state.mass_jobs.get(int(msg_id)) if msg_id.isdigit() else None
        if job is None:
            raise ApiError(47003, "argument invalid! data.msg_id invalid")
        return {"msg_id": job.msg_id, "msg_status": job.status}

    @api("/cgi-bin/menu/create")
    def menu_create() -> dict[str, Any]:
        menu = _json_body()
        _check_menu(menu)
        state.menu = menu
        return {"errcode": 0, "errmsg": "ok"}

    @api("/cgi-bin/user/info", methods=("GET",))
    def user_info() -> dict[str, Any]:
        follower = state._follower(request.args.get("openid"), subscribed=False)
        if not follower.subscribed:
            return {"subscribe": 0, "openid": follower.openid}
        return {
            "subscribe": 1,
            "openid": follower.openid,
            "language": request.args.get("lang", "zh_CN"),
            "subscribe_time": follower.subscribe_time,
            "remark": "",
            "groupid": 0,
            "tagid_list": sorted(follower.tags),
            "subscribe_scene": "ADD_SCENE_QR_CODE",
            "qr_scene": 0,
            "qr_scene_str": "",
        }

    # --- control endpoints

    @app.route("/emulator/faults", methods=["GET", "POST", "DELETE"])
    def faults() -> Any:
        if request.method == "DELETE":
            state.clear_faults()
        elif request.method == "POST":
            body = request.get_json(force=True)
            if body.get("expire_tokens"):
                state.expire_tokens()
            if body.get("path"):
                options = {k: body[k] for k in ("errcode", "errmsg", "hang", "status", "times") if k in body}
                state.inject_fault(body["path"], **options)
        with state.lock:
            return jsonify(
                {path: [asdict(f) for f in queue] for path, queue in state.faults.items() if queue}
            )

    @app.route("/emulator/followers", methods=["GET", "POST"])
    def followers() -> Any:
        if request.method == "POST":
            body = request.get_json(force=True)
            for item in body.get("followers", [body]):
                state.add_follower(
                    item["openid"], subscribed=item.get("subscribed", True), tags=item.get("tags", ())
                )
        with state.lock:
            return jsonify(
                [
                    {"openid": f.openid, "subscribed": f.subscribed, "tags": sorted(f.tags)}
                    for f in state.followers.values()
                ]
            )

    @app.route("/emulator/inbound", methods=["POST"])
    def inbound() -> Any:
        body = request.get_json(force=True)
        openid = body["openid"]
        state.record_inbound(openid, body.get("at"))
        if not body.get("content"):
            return jsonify({"ok": True})
        with state.lock:
            msg_id = state._new_msg_id()
        outcome = state.push(
            {
                "ToUserName": state.original_id,
                "FromUserName": openid,
                "CreateTime": int(state.clock()),
                "MsgType": "text",
                "Content": str(body["content"]),
                "MsgId": str(msg_id),
            }
        )
        return jsonify(
            {"ok": True, "status": outcome["status"], "reply": outcome["body"], "error": outcome["error"]}
        )

    @app.route("/emulator/inbox/<openid>")
    def inbox(openid: str) -> Any:
        with state.lock:
            return jsonify({"messages": list(state.inbox.get(openid, []))})

    @app.route("/emulator/calls")
    def calls() -> Any:
        with state.lock:
            return jsonify(dict(state.calls))

    return app


def emulator_state(app: Flask) -> EmulatorState:
    state: EmulatorState = app.extensions[STATE_KEY]
    return state
