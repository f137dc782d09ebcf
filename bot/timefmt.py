"""Beijing time. Workers, staff and case numbers live by it, whatever the server's zone is."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

BEIJING = timezone(timedelta(hours=8), "北京时间")


def beijing(ts: float) -> datetime:
    return datetime.fromtimestamp(ts, BEIJING)


def today(now: float | None = None) -> date:
    """Today in Beijing: which campaigns have ended, what a worker's 「今天」 is. (The server's own
    date is a day behind for eight hours a day on a UTC machine.)"""
    return (datetime.now(BEIJING) if now is None else beijing(now)).date()


def shown(ts: float | None, fmt: str = "%Y-%m-%d %H:%M", empty: str = "") -> str:
    """A timestamp as staff read it (Beijing time)."""
    return beijing(ts).strftime(fmt) if ts else empty


def cn_date(d: date) -> str:
    """2021年2月1日: a day as workers and officials write it."""
    return f"{d.year}年{d.month}月{d.day}日"
