"""The numbered menu: replying 「3」 (or 「三」) asks the menu's third topic."""

from __future__ import annotations

import unicodedata

# The numbered menu: replying a number asks that topic.
MENU: tuple[tuple[str, str], ...] = (
    ("unemployment_benefit", "失业金"),
    ("wage_arrears", "欠薪维权"),
    ("legal_aid", "法律援助"),
    ("stay_subsidy", "留岗补贴"),
    ("holiday_pay", "春节加班费"),
    ("job_services", "找工作"),
    ("skills_training", "技能培训"),
    ("social_assistance", "临时救助"),
    ("family_care", "留守老人孩子"),
    ("festival_activities", "过年活动"),
)
_CN_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}


def menu_pick(text: str) -> str | None:
    """「3」「３」「三」「3.」 → the menu's third topic."""
    t = unicodedata.normalize("NFKC", text).strip().rstrip(".、。号")
    n = int(t) if t.isdigit() and len(t) <= 2 else _CN_DIGITS.get(t, 0)
    return MENU[n - 1][0] if 1 <= n <= len(MENU) else None
