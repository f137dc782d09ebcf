"""Desk accounts (admin only): list, add, disable."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue

from ...services import current
from ...staff import accounts, audit
from . import auth


def register(bp: Blueprint) -> None:
    @bp.get("/users")
    @auth.require("admin")
    def users() -> ResponseReturnValue:
        return render_template(
            "desk/users.html", users=accounts.list_users(current().store), roles=accounts.ROLES
        )

    @bp.post("/users")
    @auth.require("admin")
    def add_user() -> ResponseReturnValue:
        store = current().store
        staff = auth.current()
        assert staff is not None
        name = request.form.get("name", "")
        role = request.form.get("role", "")
        password = request.form.get("password", "")
        if password != request.form.get("password2", ""):
            flash("两次输入的密码不一样。", "error")
            return redirect(url_for("desk.users"))
        try:
            account = accounts.add_user(store, name, role, password)
        except accounts.AccountError as exc:
            flash(str(exc), "error")
            return redirect(url_for("desk.users"))
        audit.record(store, staff.name, "user_add", account.name, account.role_name)
        flash(f"已新建账号 {account.name}（{account.role_name}）。", "ok")
        return redirect(url_for("desk.users"))

    @bp.post("/users/<name>/disable")
    @auth.require("admin")
    def disable_user(name: str) -> ResponseReturnValue:
        store = current().store
        staff = auth.current()
        assert staff is not None
        if name == staff.name:
            flash("不能停用自己的账号。", "error")
            return redirect(url_for("desk.users"))
        try:
            accounts.disable_user(store, name)
        except accounts.AccountError as exc:
            flash(str(exc), "error")
            return redirect(url_for("desk.users"))
        audit.record(store, staff.name, "user_disable", name)
        flash(f"已停用 {name}，它的登录也已失效。", "ok")
        return redirect(url_for("desk.users"))
