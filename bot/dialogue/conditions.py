"""Conditions a worker tells after an answer: where they come from, the risk level of their home
province, the firm they work at. These ask whether the answer applies to them; they do not move
the worker or change the topic."""

from __future__ import annotations

import re
from dataclasses import replace

from ..ids import TOPIC_INTENTS
from ..nlu.classifier import Result, normalise
from ..nlu.clauses import AS_CONDITION
from .memory import Memo
from .wording import asks

HUKOU = re.compile("户口|户籍")  # where one is registered: a condition, never where one is
RISK = re.compile("[中高低]风险|风险地区")
QUALIFIES = re.compile(r"符合|够条件|够不够")
NATIVE = re.compile("本省|本地人|本地的|本市")  # 「我老婆安徽本省的 也能领吧」: a home inside the province


def where_from(text: str, result: Result, memo: Memo | None, region: str | None) -> Result:
    """「我是桐城人 算不算市外」「俺是黑龙江户口 够条件不」 after an answer: where the worker comes from,
    as a condition of what was answered; they have not moved (the result without its place)."""
    # (asked or not whether it qualifies: 「我是鸡西户口 符合不」)
    registered = (
        result.place is not None
        and HUKOU.search(text) is not None
        and (not asks(text) or QUALIFIES.search(text))
    )
    # 「湖北又不算中高风险」「她本地人 算不算」 after the subsidy answer: where home is, a condition
    risk = bool(
        memo and memo.topic in CONDITIONAL and (RISK.search(text) or NATIVE.search(text)) and result.elsewhere
    )
    if risk or (
        ((result.home and AS_CONDITION.search(normalise(text))) or registered)  # 「我户口就是潜山的」
        and memo
        and region
        and "family_care" not in (memo.topic, result.intent)
    ):
        asked_too = tuple(t for t in result.asked if t != "set_region")
        intent = "unknown" if result.intent == "set_region" else result.intent
        return replace(
            result, intent=intent, region=None, place=None, home=False, asked=asked_too, elsewhere=None
        )
    return result


# What a subsidy's conditions turn on, told after its answer (「我在大观一个机械厂 规模挺大 五百多号人」
# 「她湖北的 在宜秀那边做一线」「我们厂在迎江 可不在园区里头」): whether the worker qualifies there.
ELIGIBILITY = re.compile(
    r"一线|规模|规上|号人|[不没]在园区|园区里|户口|户籍|省外|外省|市外|外地人|本地人|照常生产|风险"
)
CONDITIONAL = ("stay_subsidy",)


def tells_conditions(text: str, result: Result, memo: Memo) -> bool:
    return (
        memo.topic in CONDITIONAL
        and ELIGIBILITY.search(normalise(text)) is not None
        and all(t == memo.topic for t in result.asked if t in TOPIC_INTENTS)
    )
