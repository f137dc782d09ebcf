"""What workers type into the complaint form: the fields, and parsing of amounts, counts, phones, names."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

START_WORDS = {"投诉", "我要投诉", "登记", "我要登记", "投诉登记", "登记投诉", "开始登记", "我要举报", "举报"}
CANCEL_WORDS = {"取消", "不登记了", "不投诉了", "算了", "退出", "取消登记", "不要了"}
CONFIRM_WORDS = {"确认", "确定", "确认提交", "提交", "对", "对的", "没错", "是的"}
SKIP_WORDS = {"跳过", "不留", "不想留", "不写", "匿名", "不方便", "算了不留"}


# -- parsing what workers type ------------------------------------------------------------------

_CN_NUM = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "俩": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_CN_UNIT = {"十": 10, "百": 100, "千": 1000, "k": 1000}


def normalize(text: str) -> str:
    return unicodedata.normalize("NFKC", text).strip()


def cn_small(text: str) -> float | None:
    """Chinese numerals under 10000: 「三千五」「两百」「十二」「八百六十」."""
    total, digit, last_unit = 0.0, None, 1
    for ch in text:
        if ch in _CN_NUM or ch.isdigit():
            digit = _CN_NUM[ch] if ch in _CN_NUM else int(ch)
        elif ch in _CN_UNIT:
            unit = _CN_UNIT[ch]
            total += (1 if digit is None else digit) * unit
            digit, last_unit = None, unit
        else:
            return None
    if digit is not None:
        # A trailing digit after a unit means the next unit down: 三千五 = 3500.
        total += digit * (last_unit // 10 if last_unit >= 10 else 1)
    return total


def _number(text: str) -> float | None:
    if not text:
        return 0.0
    if re.fullmatch(r"\d+(\.\d+)?", text):
        return float(text)
    return cn_small(text)


def parse_amount(text: str) -> int | None:
    """「三万五」「3.5万」「35000元」「3万5千」「两千八」 → yuan; None when it is not an amount."""
    t = normalize(text).lower().replace(",", "").replace("，", "")
    t = re.sub(r"(人民币|大概|大约|差不多|左右|一共|总共|共|块钱|块|元|钱|多|rmb)", "", t).strip()
    t = t.replace("w", "万")
    m = re.fullmatch(r"(.*?)万(.*)", t)
    if m:
        high, low = _number(m.group(1)) if m.group(1) else 1.0, m.group(2)
        if high is None:
            return None
        low_value = _number(low) if low else 0.0
        if low_value is None:
            return None
        # 三万五 / 3万5: a bare trailing digit means thousands.
        if low and re.fullmatch(r"[\d一二两三四五六七八九]", low):
            low_value *= 1000
        value = high * 10000 + low_value
    else:
        v = _number(t)
        if v is None:
            return None
        value = v
    return round(value) if 1 <= value <= 100_000_000 else None


def parse_count(text: str) -> int | None:
    t = normalize(text)
    if re.search(r"(就我|我自己|只有我|一个人|我一个)", t):
        return 1
    m = re.search(r"\d+", t)
    if m:
        n = int(m.group())
    else:
        cn = re.search(r"[零一二两三四五六七八九十百千]+", t)
        n = int(cn_small(cn.group()) or 0) if cn else 0
    return n if 1 <= n <= 100_000 else None


PHONE = re.compile(r"1[3-9]\d{9}")


def parse_phone(text: str) -> str | None:
    digits = re.sub(r"[\s\-－—()（）+]", "", normalize(text))
    digits = digits.removeprefix("86") if len(digits) == 13 else digits
    return digits if PHONE.fullmatch(digits) else None


def mask_phone(phone: str | None) -> str:
    return f"{phone[:3]}****{phone[-4:]}" if phone and len(phone) >= 7 else "—"


def _free_text(text: str, low: int, high: int) -> str | None:
    t = re.sub(r"\s+", " ", normalize(text))
    return t if low <= len(t) <= high and not t.isdigit() else None


def parse_period(text: str) -> str | None:
    t = _free_text(text, 1, 40)
    if t and re.search(r"[\d一二两三四五六七八九十半]|月|年|天|周|季", t):
        return t
    return None


def parse_name(text: str) -> str | None:
    t = normalize(text)
    return t if re.fullmatch(r"[\u4e00-\u9fffA-Za-z·• ]{1,20}", t) else None


@dataclass(frozen=True)
class Field:
    key: str
    label: str
    ask: str
    retry: str
    parse: Callable[[str], Any]
    skippable: bool = False


FIELDS: tuple[Field, ...] = (
    Field(
        "employer",
        "欠薪单位/老板",
        "第1步：欠你工资的是哪个单位或老板？公司名、老板或包工头的名字都行。",
        "名字太短或太长了，请写欠薪单位或老板的名字（2到60个字）。",
        lambda t: _free_text(t, 2, 60),
    ),
    Field(
        "site",
        "干活地点",
        "第2步：在哪里干的活？说城市和工地或厂名，也可以直接发个位置。",
        "请写城市和工地或厂名，比如「安庆宜秀区某某工地」。",
        lambda t: _free_text(t, 2, 80),
    ),
    Field(
        "amount",
        "被欠金额",
        "第3步：一共欠你多少钱？比如「3.5万」「35000元」「三万五」。",
        "没看懂金额，请写成「35000元」或「3.5万」这样。",
        parse_amount,
    ),
    Field(
        "period",
        "欠薪时间",
        "第4步：欠的是哪段时间的工资？比如「2020年10月到12月」或「3个月」。",
        "请写欠薪的月份或时长，比如「3个月」。",
        parse_period,
    ),
    Field(
        "workers",
        "被欠薪人数",
        "第5步：一共几个人被欠薪？只有你自己就回「1」。",
        "请回一个人数，比如「1」或「12」。",
        parse_count,
    ),
    Field(
        "phone",
        "联系电话",
        "第6步：留一个能打通的手机号（11位），工作人员会打给你。",
        "手机号要11位、1开头，请再发一次。",
        parse_phone,
    ),
    Field(
        "name",
        "姓名",
        "第7步：你怎么称呼？不想留名字回「跳过」。",
        "名字请用汉字或字母，不想留回「跳过」。",
        parse_name,
        skippable=True,
    ),
)
BY_KEY = {f.key: f for f in FIELDS}


def show_value(key: str, value: Any) -> str:
    if key == "amount":
        return f"{value}元"
    if key == "workers":
        return f"{value}人"
    if key == "name":
        return value or "（不留）"
    return str(value)
