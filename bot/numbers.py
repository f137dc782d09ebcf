"""Sums and small numbers as workers write them: 「三万五」「3.5万」「两千八」「35000元」."""

from __future__ import annotations

import re
import unicodedata

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


# The formal numerals of receipts and contracts (「贰万叁仟元整」).
FORMAL = str.maketrans("壹贰貳叁參肆伍陆陸柒捌玖拾佰仟萬", "一二二三三四五六六七八九十百千万")


def parse_amount(text: str) -> int | None:
    """「三万五」「3.5万」「35000元」「3万5千」「两千八」 → yuan; None when it is not an amount."""
    t = unicodedata.normalize("NFKC", text.translate(FORMAL)).strip().lower()
    t = re.sub(r"(?<=[元块])整$", "", t.replace(",", "").replace("，", ""))  # (「…元整」 on receipts)
    # (两万来块, 四千多一点)
    rough = r"(人民币|大概|大约|差不多|左右|一共|总共|共|块钱|块|元|蚊|钱|出头|多一点|多点|多|来|rmb)"
    t = re.sub(rough, "", re.sub(r"[吧啊呀哦嘛哈]+$", "", t)).strip()  # 「四千三吧」
    t = re.sub(r"(?<=[十百千万])几", "", t).replace("w", "万")  # 「三千几」: three thousand odd
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
