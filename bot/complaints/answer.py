"""What one message answers at a step of the complaint form: the value asked for, the values of
other fields it unmistakably gives, and what it tells besides (where the work was, who the boss is)."""

from __future__ import annotations

import re
from typing import Any

from ..numbers import cn_small, parse_amount
from . import filing, reading, summary, where
from .fields import BY_KEY, FEASTS, Field, called
from .values import (
    DURATION,
    FEAST_SPAN,
    PHONE_IN,
    ROUGH_TIME,
    Found,
    clauses,
    compact,
    exact_over_rough,
    find_values,
    leftover,
    lone_sum,
)

# A long run of speech with no pause (voice input) that gives several steps at once:
# 「龙盛建筑工程有限公司欠我们钱在阳明区那个学校工地一共欠八个人九万六是去年五月到十月的」. It is
# cut where the firm's name ends, where the site or the sums begin, and where the months are told.
RUN_ON_MIN = 24
_RUN_ON_CUT = re.compile(
    r"(?:(?<=公司)|(?<=工程)|(?<=集团)|(?<=劳务)|(?<=厂)|(?<=项目部))(?=欠|拖|在)"
    r"|(?<=.)(?=在[^在]{1,12}?(?:工地|厂|项目|工程|园))"
    r"|(?=一共|总共)|(?<![一总])(?=共欠)"
    r"|(?=是(?:去年|今年|前年|\d{1,4}年|[\d一二三四五六七八九十]{1,3}月))"
)
# What is left between the cuts that only says money is owed: 「欠我们钱」.
_OWED_ONLY = re.compile(r"^(?:欠|拖)(?:了)?(?:我|俺|咱|我们|俺们|咱们)(?:的)?(?:钱|工资|工钱)?$")


def run_on(part: str) -> list[str]:
    if len(part) < RUN_ON_MIN or not find_values(part):
        return [part]
    pieces = [p for p in _RUN_ON_CUT.split(part) if p]
    kept = [p for p in pieces if not _OWED_ONLY.match(p)]
    return kept if len(kept) > 1 else [part]


# The months owed, whatever else their clause says: 「厂里欠了11月12月两个月工资」「12月同1月都冇钱」.
_OWED_AFTER = re.compile(
    r"^的?(?:工资|工钱|人工|钱)|^(?:都|一分钱?都?)?(?:没|冇|未)(?:发|给|收到|拿到|钱|出粮)"
    r"|^(?:就|一直)(?:没|冇|未)(?:发|给|结)"  # 「从去年七月开始就没结过」 (「干到腊月都没结」: only the end)
    r"|^的$"  # 「十二月的」
    r"|^[干做]的活?$"  # 「去年8月到11月干的」: the months of the work the case is about
    r"|^[^\s，,]{1,6}?的(?:工资|工钱|人工)$"  # 「4月到5月采茶那阵的工钱」
    r"|^(?:这|那|一共|共)?[两俩仨三四五六七八九\d]个?月的?(?:工资|工钱|人工|钱)?$"  # 「八月九月俩月的」
)
# A time said in words (numbers alone are no time: 「一共有11个人」 at the period step is a head count).
_TIME_SAID = re.compile(
    r"[月年天周季春夏秋冬号]|上冻|元旦|国庆|中秋|端午|至今|现在|而家|开工|完工|除夕|初[一二三四五六七八九十]|礼拜|星期"
)
_WORKED = re.compile(r"[干做](?:的活?)?(?:是(?:去年|今年|前年)?(?:[春夏秋冬]天|年底|年前|那阵)?)?")
# 「欠了11月到1月的」; 「干的是去年冬天11月到1月」: the months of the work the case is about
_OWED_BEFORE = re.compile(
    r"(?:欠|拖)[了咗]?$|^[干做]的?(?:是|活是)[^\s，,]{0,4}$|^(?:是|系|就是|都是|係)$"
    r"|(?:时间|日子|月份)(?:的话)?(?:是|系|就是)?$"  # 「两万八时间是九月到腊月」: its own word
)
# 「一个月2800」「月薪4500」: what a month's work pays
_MONTHLY = re.compile(
    r"(?:一个?月|每个?月|每月|月薪|月工资)(?:工资|工钱)?(?:是|有|就|就是)?\s*"
    r"([\d.一二两三四五六七八九十百千万]+)(?:块钱?|元|蚊)?$"
)
_MONTHS = re.compile(r"^([\d一二两三四五六七八九十]{1,3})个?月$")
# 「按天算的 干了92天 一天280」: a day's pay, and the days worked (the period found)
_DAILY = re.compile(
    r"(?:一天|每天|日薪|一日|每日)(?:工资|工钱)?(?:是|有|就)?\s*([\d.一二两三四五六七八九十百]+)(?:块钱?|元|蚊)?$"
)
# 「干了四十天」「三十天整」「一个月零五天」: the days worked, beside a day's pay.
_DAYS = re.compile(
    r"(?:([一两二三\d])个多?月零?)?([\d一二两三四五六七八九十百]{1,4})来?(?:天|日(?!期)|个工)整?"
)  # (「四十个工」: forty days' work)


# 「包工头叫李红兵 电话135…」「老板的手机139…」: the boss's number, not one to call the worker on.
_BOSS_PHONE = re.compile(
    r"(?:(?:老板|老板娘|包工头|工头|班长|领班|组长)(?:叫|姓)[^\s，,我俺]{1,4}|(?:老板|老板娘|包工头|工头|他|她|佢)的?)"
    # (「佢电话我都有…」: his number, in Cantonese)
    r"[\s，,]*(?:电话|手机号?|号码|微信)(?:是|系|号|号码|[我俺](?:都|也)?有)?[：:]?\s*$"
)


# 「…你先记着」: the bot bidden to note what was said, which is no value.
_NOTE_IT = re.compile(r"(?:你|您)?(?:先|帮我|给我)?(?:记着|记下|记好|记一下|记上)(?:吧|啊|哈|了|来)?")
# 「我叫王春雷」 beside other values: the name, which step 7 takes.
_MY_NAME = re.compile(r"(?:[我俺额]叫|叫我|[我俺额]姓)[\u4e00-\u9fff]{1,4}$")


def _bosses_phones(text: str) -> set[str]:
    said = compact(text)
    return {m.group(1) for m in PHONE_IN.finditer(said) if _BOSS_PHONE.search(said[: m.start()])}


def _days(text: str) -> int | None:
    """The days worked, said in a clause other than the day's pay (whose 「一天」 is no count)."""
    for c in clauses(text):
        if not _DAILY.search(c) and (m := _DAYS.search(c)):
            months, days = (cn_small(x) if x and not x.isdigit() else int(x) if x else 0 for x in m.groups())
            return 30 * int(months or 0) + int(days or 0) or None
    return None


_PER_HEAD = re.compile(r"^(?:一人|每人|每个人|一个人)[\d一二两三四五六七八九十]")


_EACH = re.compile(
    r"(?:一人|每人|每个人|一个人)(?:都|平均)?(?:是|有|欠|算|拿)?([\d.]+[万千]?|[一二两三四五六七八九十百千万]+)"
)
_FIGURE = re.compile(r"[\d.]+[万千]?[\d一二两三四五六七八九]?|[一二两三四五六七八九十百千万]{2,}")


def _share_total(text: str, count: int) -> int | None:
    """The sum said beside each one's share and the head count, when it is the one times the other."""
    if (m := _EACH.search(text)) is None or not (share := parse_amount(m[1])):
        return None
    figures = {parse_amount(f) for f in _FIGURE.findall(text[m.end() :])}
    return share * count if share * count in figures else None


def is_rate(text: str) -> bool:
    """「一个月五千二」「一人九千」: a month's pay or each one's share, which is no place."""
    return _MONTHLY.search(text) is not None or _PER_HEAD.match(text) is not None


def _owed(clause: str, found: Found) -> bool:
    """Whether a period in a clause that says more is told as the months owed."""
    if DURATION.fullmatch(found.value):
        return False  # 「三个月没发工资了」: how long, not which months; step 4 asks
    before = clause[: found.start]
    if FEAST_SPAN.match(str(found.value)):
        return True  # 「国庆到元旦的…」: from one festival to another, the time owed
    if before in ("从", "打") and re.search("到|至", str(found.value)):
        return True  # 「一万六 从八月干到腊月十五」: the months of the work, from one to the other
    return bool(_OWED_AFTER.match(clause[found.end :]) or _OWED_BEFORE.search(before))


def by_the_month(text: str, period: Any) -> int | None:
    """「每个月四千八 欠咗两个月」: the month's pay times the months owed (None if either is missing)."""
    rate, months = _monthly(text), _months(str(period or ""))
    return rate * months if rate and months else None


def _monthly(text: str) -> int | None:
    rates = [m[1] for c in clauses(text) if (m := _MONTHLY.search(c))]
    return parse_amount(rates[0]) if len(rates) == 1 else None


def _months(period: str) -> int | None:
    m = _MONTHS.match(period)
    n = (int(m[1]) if m[1].isdigit() else cn_small(m[1])) if m else None
    return int(n) if n and 1 <= n <= 24 else None


# 「每侬三千几 我个3650」: the worker's own sum, said after the crew's
# The exact figure after a rough one: 「八千多吧 准确的是八千三百五」「具体是8350」.
_EXACT = re.compile(r"(?:准确|确切|精确|具体)(?:的|地|点|一点|些|来说|来讲|说|讲)*(?:是|系)")
MINE = re.compile(r"^(?:我|俺|阮|偶)(?:个|的|嘅|自己的?|自家的?)(?:是|系)?")


def read(
    field: Field, text: str, *, numbers_only: bool = False
) -> tuple[Any, dict[str, Any], dict[str, str]]:
    """What a message answers: the value for ``field`` (or None), values it unmistakably gives for
    other fields, and what it told about the site or the boss besides (used at the first two steps).

    A value of another field comes from a clause that is nothing but values (「拖了四个月工资」 is a
    period, 「每人六七千」 an amount), or is a phone, an amount with its unit or a head count anywhere.
    What is left over is the answer to the field asked."""
    if reading.LAST_WINS.search(text):
        # 「是两万五不是两万」: the value said not to be is no value
        text = reading.NOT_THIS.sub("", text)
    text = reading.OFF_BY.sub("", text)
    numeric = field.key in ("amount", "workers", "phone")
    if numeric and (chosen := reading.WRITE_THIS.search(text)) and (v := field.parse(chosen[1] or chosen[2])):
        # 「一起的六七个 写7个吧」「…先写15000」: the worker chose what to write; the other clauses may
        # still tell another step's value (「11月12月的 一共9千出头 写9100吧」: the months)
        besides = "，".join(c for c in clauses(text) if chosen.group() not in c)
        elsewhere = read(field, besides, numbers_only=True)[1] if besides else {}
        return v, {k: x for k, x in elsewhere.items() if k != field.key}, {}
    every = [piece for part in clauses(text) for piece in run_on(part)]
    # 「我要投诉 …」「…你先记着」: the asking, or the bidding to note it, is not an answer
    parts = [p for p in every if not filing.only_filing(p) and not _NOTE_IT.fullmatch(p)]
    if not numeric and len(parts) == 1 and reading.looks_like_name(field, parts[0]):
        by_clause: list[tuple[str, list[Found]]] = [(parts[0], [])]  # 「一万家超市」 is a name
    else:
        by_clause = [(part, find_values(part)) for part in parts]
    if field.key != "phone" and (theirs := _bosses_phones(text)):
        by_clause = [(p, [v for v in vs if v.key != "phone" or v.value not in theirs]) for p, vs in by_clause]
    found = any(values for _, values in by_clause)
    own: Any = None
    others: dict[str, Any] = {}
    rest: list[str] = []
    valued: list[str] = []  # what is left of clauses that gave a value
    taken: list[Found] = []
    own_name = None
    for part, values in by_clause:
        pure = not leftover(part, values)
        distinct = [v for v in values if v.key != "period" or _owed(part, v)]
        taken += values if pure else distinct
        if field.key != "name" and len(by_clause) > 1 and _MY_NAME.match(part) and not values:
            own_name = called(part)  # 「我叫周德胜 是长青物流欠的」: the worker's name, kept for step 7
            continue
        if pure:
            continue
        left = leftover(part, distinct) if distinct else part
        if distinct and _WORKED.fullmatch(left):
            continue  # 「去年8月到11月干的」 is all said by its months
        rest.append(left if reading.looks_like_name(field, left) else part)
        if values:
            valued.append(rest[-1])
    named = (reading.COMPANY_END, reading.NAMES_SOMEONE)  # 「锦丰五金制品厂 …」「老板叫王建 …」
    if field.key == "employer" and any(r.search(p) for p in rest if p not in valued for r in named):
        rest = [p for p in rest if p not in valued]  # (… 我一个人就8400): the firm or boss is named
    settled = reading.settle(taken, bool(reading.LAST_WINS.search(text)))
    if ("amount" not in settled or _ADDED.search(text)) and (total := _shares(by_clause)):
        settled["amount"] = total  # 「欠我八千六 欠我婆娘四千」: each one's share, added up
    for key, value in settled.items():
        if key == field.key:
            own = value
        else:
            others[key] = value
    if own_name:
        others.setdefault("name", own_name)
    if numeric:
        if own is None and not others:
            # 「8000」「6」: bare numbers answer the field asked (「6800 啊不是 是8600」: the last)
            exact = reading.LAST_WINS.search(text) or _EXACT.search(text)
            own = None if exact else field.parse(text)
            if own is None:  # 「大概8000出头 8260」: the last clause that is a value on its own
                own = next(
                    (
                        v
                        for p in reversed([q for p in parts for q in _EXACT.split(p)])
                        if (v := field.parse(MINE.sub("", p.lstrip("就应该是系")))) is not None
                    ),
                    None,
                )
            if own is None and field.key == "amount":  # 「我自己的是12800」: the one sum in it
                own = lone_sum(text)
        elif own is None:  # 「我们四个 电话139…」 at the head-count step: the clause left is the answer
            own = next((v for p, vs in by_clause if not vs and (v := field.parse(p)) is not None), None)
            if own is None and field.key == "amount":  # 「三万多点 我跟我老婆两个人的」
                own = lone_sum(" ".join(p for p, vs in by_clause if not vs))
        if own is None and field.key == "amount":
            # 「三个月9000 十月到十二月的」: a clause whose only values are periods (三个月: how long)
            # leaves a bare number, which is the sum
            sums = {
                s
                for p, vs in by_clause
                if vs and all(v.key == "period" for v in vs)
                if (s := lone_sum(leftover(p, vs))) is not None
            }
            own = sums.pop() if len(sums) == 1 else None
        if own is None and field.key == "amount" and isinstance(n := others.get("workers"), int):
            own = _share_total(text, n)  # 「一个人三千一 我们八个 两万四八」: share × count
        days = _days(text) if field.key == "amount" and own is None else None
        daily = [m[1] for c in clauses(text) if (m := _DAILY.search(c))] if days else []
        if (
            own is None
            and field.key == "amount"
            and days
            and len(daily) == 1
            and (pay := parse_amount(daily[0]))
        ):
            own = pay * days  # the days make the sum; step 4 still asks which they were
            others = {k: v for k, v in others.items() if k != "period"}
        if own is None and field.key == "amount" and (rate := _monthly(text)):
            # 「一个月2800 欠了三个月」: the month's pay times the months owed; the pay alone else
            own = by_the_month(text, others.get("period")) or rate
            if own != rate:  # the months make the sum: step 4 still asks which months they were
                others = {k: v for k, v in others.items() if k != "period"}
        return exact_over_rough(field, [_EXACT.sub("", p) for p in parts], own), others, {}
    if numbers_only:
        return None, others, {}
    if not found:
        rest = [p for p in parts if not (own_name and _MY_NAME.match(p))] or parts
    told: dict[str, str] = {}
    if field.key in ("employer", "site") and rest:
        rest, told = where.split_site_and_boss(field.key, rest)
    if field.key == "period" and own is not None:
        rest = [own, *(p for p in rest if p not in valued)]  # (「…到1月 就我和我哥两个人」: the count told)
    # (a story at step 1 cut down to the name it gives is no longer the message as typed)
    as_typed = not found and not told and len(parts) == len(every) and rest == parts
    answer = text if as_typed else " ".join(rest)
    value = field.parse(answer) if answer.strip() else None
    if field.key == "period" and found and value is not None and own is None:
        # 「我们线上有14个人」: with the other step's values cut out, is a time still said?
        cut = [_cut(part, [v for v in values if v.key != "period"]) for part, values in by_clause]
        value = value if _TIME_SAID.search(" ".join(cut)) else None
    if found and isinstance(value, str) and reading.GENERIC_ONLY.fullmatch(value):
        value = None  # 「老板欠我4800」 names no one: the amount is kept, the question asked again
    return value, others, told


def _cut(part: str, values: list[Found]) -> str:
    for v in sorted(values, key=lambda f: f.start, reverse=True):
        part = part[: v.start] + part[v.end :]
    return part


# Whose share a clause gives: 「欠我八千六」「欠我婆娘四千」「我弟三千五」.
_SHARE = re.compile(
    r"^(?:还有|还|另外)?(?:欠|拖|差)?了?(?:(我|俺)(?:的|家)?)?"
    r"([大小二三老]?(?:老婆|婆娘|媳妇|老公|男人|爱人|弟弟?|哥哥?|姐姐?|妹妹?|老表|兄弟|表弟|表哥|爸|妈|儿子|女儿|闺女|侄子|老乡|工友))?"
)
# Shares said to be added up: 「我八千 我哥七千 加起来」.
_ADDED = re.compile(r"加一起|加一块儿?|加起来|加在一起|合起来|合计")


def _shares(by_clause: list[tuple[str, list[Found]]]) -> int | None:
    """The sum of two to four people's shares, each in a clause of its own that says whose it is."""
    shares = [(part, v[0]) for part, v in by_clause if len(v) == 1 and v[0].key == "amount"]
    if (
        not 2 <= len(shares) <= 4
        or len(shares) != sum(1 for _, v in by_clause if v)
        or reading.LAST_WINS.search(" ".join(p for p, _ in by_clause))
    ):
        return None
    # (「俺八千五 俺老婆六千」, 「老公九千 大表哥七千五」: whose each is; the worker's own alone is 「我」)
    whose = [(m[2] or "") if (m := _SHARE.match(part)) and (m[1] or m[2]) else None for part, _ in shares]
    added = _ADDED.search(" ".join(p for p, _ in by_clause))
    if None in whose or len(set(whose)) < len(whose) or (any(f.total for _, f in shares) and not added):
        return None
    return sum(int(f.value) for _, f in shares)


def only_values(text: str) -> bool:
    """「13966023871」「九千六 四个人」: a message that is nothing but values for the form."""
    parts = clauses(text)
    return bool(parts) and all((found := find_values(p)) and not leftover(p, found) for p in parts)


def gives_value(field: Field, text: str, words: str) -> bool:
    if field.key in ("amount", "workers", "phone"):
        parts = clauses(text)  # (a message that ends with the value gives it: 「…先算我自己的 7200」,
        return (  # or begins with it: 「5800 还有几天加班的没算」)
            field.parse(text) is not None
            or any(find_values(part) for part in parts)
            or (bool(parts) and (field.parse(parts[-1]) is not None or field.parse(parts[0]) is not None))
        )
    if field.key == "period" and (ROUGH_TIME.search(words) or told_beside(field, text)):
        return True  # 「记不清了 反正是秋天」: a rough time is an answer
    return reading.looks_like_name(field, words)


# Words that tell a time span: 「12月到放假前」「年前俩月」「从去年七月底」.
PERIOD_WORDS = re.compile(
    r"\d{1,2}月|[一二三四五六七八九十冬腊正]月|个月|俩月|半年|年前|年后|过年|去年|今年|中旬|上旬|下旬|月底|月初"
    r"|" + FEASTS  # (「腊八到元宵」)
)


def leads_with_period(text: str) -> bool:
    """A time span in the first clause, which asks nothing, whatever doubt follows it: 「年前俩月 具体
    几号忘了」「12月到放假前 当中歇过两天」."""
    parts = clauses(text)
    return bool(parts) and bool(PERIOD_WORDS.search(parts[0])) and not reading.QUESTION.search(parts[0])


def told_beside(field: Field, text: str) -> bool:
    """A value in a clause after the first that asks nothing: 「不记得几号了 反正是11月12月」
    (not 「…过年前能拿到钱不」)."""
    return any(field.parse(c) and not reading.QUESTION.search(c) for c in clauses(text)[1:])


def restates(words: str, text: str, fields: dict[str, Any]) -> bool:
    """「就7800 确认」: values the summary already shows, then 确认."""
    if not summary.CONFIRM_LAST.search(words) or reading.QUESTION.search(words):
        return False
    _, others, _ = read(BY_KEY["employer"], summary.CONFIRM_LAST.sub("", text), numbers_only=True)
    return bool(others) and all(fields.get(k) == v for k, v in others.items())
