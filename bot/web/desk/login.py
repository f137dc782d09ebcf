"""Logging in and out of the desk."""

from __future__ import annotations

import logging

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue

from ...services import current
from ...staff import accounts, audit
from . import auth

log = logging.getLogger("bot.web.desk")

WRONG = "用户名或密码不对，请再试一次。"


def register(bp: Blueprint) -> None:
    @bp.route("/login", methods=["GET", "POST"])
    def login() -> ResponseReturnValue:
        store = current().store
        back = auth.safe_next(request.values.get("next"))
        if request.method == "GET":
            if auth.current() is not None:
                return redirect(back or url_for("desk.home"))
            return render_template("desk/login.html", next=back or "", name="", error=None)
        name = request.form.get("name", "").strip()[: accounts.MAX_NAME + 8]
        password = request.form.get("password", "")
        ip = auth.client_ip()
        try:
            account = accounts.login(store, name, password, ip)
        except accounts.Throttled as exc:
            log.info("desk: login refused from %s (throttled %ds)", ip, exc.seconds)
            return render_template("desk/login.html", next=back or "", name=name, error=exc.message), 429
        except accounts.Busy as exc:
            log.warning("desk: login refused from %s: too many password checks at once", ip)
            return render_template("desk/login.html", next=back or "", name=name, error=exc.message), 503
        if account is None:
            # Only names of real accounts go in the log: people type passwords into the name field.
            known = accounts.get_user(store, name) is not None
            audit.record(store, name if known else audit.UNKNOWN_ACTOR, "login_failed", "", f"ip {ip}")
            log.info("desk: login refused from %s (401)", ip)
            return render_template("desk/login.html", next=back or "", name=name, error=WRONG), 401
        auth.start_session(store, account)
        audit.record(store, account.name, "login", "", f"ip {ip}")
        log.info("desk: staff #%d logged in", account.id)
        return redirect(back or url_for("desk.home"))

    @bp.post("/logout")
    def logout() -> ResponseReturnValue:
        store = current().store
        staff = auth.current()
        if staff is not None:
            audit.record(store, staff.name, "logout", "", f"ip {auth.client_ip()}")
            log.info("desk: staff #%d logged out", staff.id)
        auth.end_session(store)
        flash("你已退出登录。", "ok")
        return redirect(url_for("desk.login"))
