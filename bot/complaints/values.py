"""Values found inside a longer message. A worker often answers more than was asked, or something else
than was asked: 「拖了四个月 九千块」 at the amount step, 「我们一共七个人」 at the amount step, 「电话139…」
anywhere. These find the values that are unmistakable by their form (a mobile number, money with a
unit, people counted, months or years), each with its place in the text so what is left over can be
judged."""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from typing import Any

from ..numbers import cn_small, parse_amount
from .fields import FEASTS, Field, normalize


@dataclass(frozen=True)
class Found:
    key: str  # amount | workers | phone | period
    value: Any
    start: int
    end: int
    total: int = 0  # an amount said to be the total: 1 「一共…」「总共…」; 2 the worker's own 「我自己是…」


_CN_DIGITS = "零〇一二两三四五六七八九"
_CN_NUMERAL = _CN_DIGITS + "十百千"
# (a comma or point between digits is part of a number: 「12,000」「2.8万」)
_CLAUSE_BREAK = re.compile(
    r"[\s。!！;；、~～…]+|(?<!\d)[,.]+|[,.]+(?!\d)|(?<=\d),+(?=\d)"
)  # (thousands joined first)
_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}(?!\d))")
# A mobile number written with spaces or dashes: 「139 1234 5678」「139-1234-5678」; only such a
# number is joined up (「工资7200 10月到12月」 is a sum, then months; 「最后一位是5 17770812245」 a digit,
# then the number).
_SPACED_PHONE = re.compile(r"(?<!\d)1[\s\-－—.·]*[3-9](?:[\s\-－—.·]*\d){9}(?!\d)")  # (「186.4520.7713」)
_GAP = re.compile(r"[\s\-－—.·]+")
PHONE_IN = re.compile(r"(?<!\d)(?:\+?86)?(1[3-9]\d{9})(?!\d)")
# (「几十块钱」 is a few tens of yuan, no sum: a number after 几 is not read; 「九千几」 is 9000 odd,
# 「二十来万」 about 200,000.)
_AMOUNT_IN = re.compile(
    rf"(?<![\d.{_CN_NUMERAL}万几])(?:\d+(?:\.\d+)?|[{_CN_NUMERAL}])[\d.{_CN_NUMERAL}万wk]*"
    r"(?:(?<=[十百千])(?:来|多|几)万)?(?:(?<=[十百千万])几)?(?:多|来)?(?:块钱|块|元|蚊|rmb)?"
)
# A sum given as a range (「四万到四万五」) is taken at its top, as 「两三万」 is.
_RANGE = re.compile(r"\s*(?:到|至|-|~|～|—|－)\s*")
_NOT_MONEY_AFTER = re.compile(r"[个人月年天号点岁周星礼名位次层栋楼期家户条台辆件套间倍分小斤米平吨]|几")
# Money the worker has left or has spent, which is not what is owed: 「兜里就剩五十块了」「看病花了六百」.
_NOT_OWED_BEFORE = re.compile(
    r"(?:(?:兜里|身上|手里|手头|口袋里?|钱包里?|卡里)[^\d，,\s]{0,3}"
    r"|(?:花了|花掉了?|房租|押金|路费|车费|车票|医药费|药费|住院费|饭钱)[^\d，,\s]{0,2})$"
)
_RATE_BEFORE = re.compile(
    r"(每月|每个月|一个月|一月|月薪|月工资|每天|一天|日薪|工价|时薪|每小时|一小时|每年|年薪)[^\d，,\s]{0,3}$"
    r"|(?:底薪|基本工资)(?:是|有|才|就)?$"  # (「底薪三千八」 is the pay; 「底薪就欠了一万」 the sum owed)
)
_TOTAL_BEFORE = re.compile(
    r"(一共|总共|共|合计|加起来|加埋|加一块|加一起|合起来|算下来|总的)[^\d，,\s]{0,4}$"
)
# The worker's own sum, which the amount step asks for, over the crew's: 「俺自己是38600 班组加起来21万」
_OWN_BEFORE = re.compile(
    r"([我俺咱]自(?:己|个儿?)|[我俺咱]个人|[我俺咱]一个人|光[我俺]|单[我俺]|[我俺咱]的|[我俺咱]这份|[我俺咱]那份"
    # 「他说一万三 我算着有一万五」 (not 「他说给我算的八千多」: his count)
    r"|(?<![给帮替])[我俺咱](?:自己)?(?:算着?|算的|算了一?下|记着?|记的)(?:有|得|应该)?"
    r"|还欠[我俺]?|还差[我俺]?"  # 「说好一万 给了两千 还欠八千」: what is still owed
    r"|^[我俺])"  # 「我两万二 全班将近三十万」: the clause opens with the worker, then the sum
    r"(?:的?是|就是|就|被欠了?|欠?了?[我俺]?)$"
)
_WAGE_BEFORE = re.compile(
    r"(欠|欠[了咗]|欠[我俺咱]|欠咗[我俺咱]|欠[我俺咱]们|拖[了咗]?[我俺咱]|工资|工钱|一共|总共|共|每人|每个人|差|还差|差[我俺]|就是)$"
)
_COUNT_IN = re.compile(
    rf"(?<![\d{_CN_NUMERAL}每第])(\d{{1,5}}|[{_CN_NUMERAL}]+)(几|多|来)?(个|名|位|号)?"
    r"(人|工友|工人|兄弟|老乡|同事|保安|保洁|司机|师傅|骑手|伙计|姐妹|小工|员工|老头|民工|农民工|女工)"
)
# (not 「我一个人就8400」: the worker's own share; nor 「写我一个人的还是…」, a question)
_SELF_ONLY = re.compile(
    rf"(?:(就[我俺咱]|只有[我俺咱]|只[我俺咱])(一个人?|自己|一人)?|[我俺咱]一个人"
    rf"|(?:就|只有)[他她]一个人?(?=$|[\s，,。])|得[我俺]一个人?)"  # (得我一个: Cantonese)
    rf"(?!(?:就|是|就是|被?欠[了咗]?|有)?[\d{_CN_NUMERAL}]|的?还是|[们和跟同与])"  # (「就我和我哥两个人」)
)
# A crew counted with no noun, the clause's last words: 「一共我们三个」「我们俩一共5个」.
_CREW_COUNT = re.compile(
    rf"(?:(?:一共|总共|共)有?(?:我们|咱们|俺们)?|(?:我们|咱们|俺们|我地|我哋)[俩两]?(?:车间|班组|组里|队里|厂里)?(?:一共|总共|共)?有?"
    r"|(?:我们|咱们|俺们|我地|我哋)[^\s，,]{1,6}?的有"  # 「我们一路来的有九个」
    r"|(?:一起|一块儿?|一同)?被?(?:欠|拖)[^\s，,]{0,3}?的(?:一共|总共|共)?有?"  # 「一块被欠的有五个」
    r"|(?:同埋我|跟我|和我)(?:一起|一块儿?|一齐)[的嘅]有"  # 「同埋我一齐嘅有五个」
    r"|(?<![\u4e00-\u9fff])人(?:数)?(?:一共|总共|共)?有)"  # 「十月到年底 人有六个」
    rf"(\d{{1,5}}|[{_CN_NUMERAL}]+)来?个(?=$|都|全)"  # (「…一共5个都没拿到」「…有二十来个」)
)
# A couple owed together: 「就我们两口子」「我们夫妻俩的」.
COUPLE = re.compile(r"[两俩]口子|夫妻[俩两](?:个人?)?|两公婆")
# 「我和我表哥」 as a clause of its own: the worker and one other.
_ME_AND_KIN = re.compile(
    r"[我俺](?:和|跟|同)[我俺]?(?:表|堂)?(?:哥哥?|弟弟?|姐姐?|妹妹?|老婆|媳妇|老公|爱人|老乡|同事|工友|朋友|兄弟"
    r"|舅舅?|叔叔?|儿子|女儿|侄子)(?:俩|两个人?)?"
)
_MONTH = rf"(?:\d{{1,2}}|[{_CN_NUMERAL}]{{1,3}}|正|腊|冬|元)月份?(?:底|初|末)?"  # (「十二月底」)
_YEAR = r"(?:\d{2,4}年|去年|今年|前年|年前|年初(?![一二三四五六七八九十])|年底)"
FEAST_SPAN = re.compile(r"(?:\d{2,4}年|去年|今年|前年)?" + FEASTS + r"节?(?:以?[后前])?(?:[干做]?到|至|-|~)")
# How long, not which months (「三个月」「四十多天」)
_DURATION = (
    rf"(?:\d{{1,2}}|[{_CN_NUMERAL}]{{1,3}}|半)(?:几|多)?个?多?(?:月|年|星期|礼拜)多?"
    rf"|(?:\d{{1,3}}|[{_CN_NUMERAL}]{{1,3}})(?:几|多)?天"
)
# (「6到10月」 first: one 月 for both months; 「11和12两个月」 as compact joins them)
_PERIOD_IN = re.compile(
    # 「正月初一到初三」「除夕到初五」: days of the holiday worked
    r"(?:除夕|(?:正月|腊月)?初[一二三四五六七八九十]{1,2})(?:到|至|-|~|—|－)(?:正月)?(?:初[一二三四五六七八九十]{1,2}|十五|元宵|大?年三十|除夕)"
    # (not 「初一到初三叫我们上班 …给三倍吗」: the shifts asked about)
    r"(?![^\s，,]{0,4}(?:上班|加班|值班|干活))"
    r"|(?:春节|过年)(?:那几天|期间|那阵子?|那会儿?)(?=的|$)"  # 「1500左右 就春节那几天的」
    rf"|(?:\d{{1,2}}和)+\d{{1,2}}(?:月份?|[两三四五六七八九十]个月)"
    rf"|{_YEAR}?(?:\d{{1,2}}|[{_CN_NUMERAL}]{{1,3}})(?:到|至|-|~|—|－)(?:\d{{1,2}}|[{_CN_NUMERAL}]{{1,3}})月份?"
    # 「国庆到元旦」「中秋后到年底」「八月十五到年廿八」 (before the months): from one festival to another
    rf"|{_YEAR}?{FEASTS}节?(?:以?[后前])?(?:[干做]?到|至|-|~){_YEAR}?(?:{FEASTS}|春节|过年|年底|年前|现在|而家|{_MONTH})节?"
    # 「十二月一月」「11月同12月」「11月同埋12月」: the months listed
    rf"|{_YEAR}?{_MONTH}(?:(?:同埋|[和同跟、])?{_YEAR}?{_MONTH})+"
    rf"|{_YEAR}?{_MONTH}(?:(?:[干做]?到|至|-|~|—|－){_YEAR}?(?:{_MONTH}|现在|而家|今天|年底|过年前|年前|过年)|以来|开始|起)?"
    rf"|{_DURATION}"
    r"|上上?个月|上月"  # 「4500 上个月的」: the month before this one
)
DURATION = re.compile(_DURATION)
# What is left of a clause once its values are taken out, when it says nothing more:
# 「拖了四个月工资」 less 「四个月」, 「电话是…」 less the number, 「每人六七千」 less the amount.
_EDGE_WORDS = sorted(
    {
        *"我他她它们的了是有就还都共被和跟给在吧呢呀啊啦哦嗯约多从",
        *"同嘅咗佢由",  # Cantonese and, 的, 了, he, from
        "我哋",
        "佢哋",
        "被欠薪",
        "我们",
        "他们",
        "咱们",
        "大家",
        "车间",  # (the crew: 「班组一起被欠的有十来个」)
        "班组",
        "组里",
        "队里",
        "一共",
        "总共",
        "大概",
        "大约",
        "差不多",
        "左右",
        "工资",
        "工钱",
        "薪水",
        "钱",
        "欠了",
        "欠",
        "拖欠",
        "拖欠了",
        "拖了",
        "欠薪",
        "没给",
        "没发",
        "不给",
        "没结",
        "冇钱",
        "冇收到",
        "没拿到",
        "的活",
        "还没给",
        "都没给",
        "一直没给",
        "每人",
        "每个人",
        "人均",
        "电话",
        "手机",
        "手机号",
        "手机号码",
        "号码",
        "电话号码",
        "联系方式",
        "人数",
        "金额",
        "时间",
        "还有",
        "另外",
        "然后",
        "对了",
        "干了",
        "做了",
        "块钱",
        "元",
        "块",
        "我的",
        "是的",
        "一起",
        "被欠",
        "被欠了",
        "算下来",
        "加起来",
        "加埋",
        "应该",
        "估计",
    },
    key=len,
    reverse=True,
)
_EDGE = "|".join(re.escape(w) for w in _EDGE_WORDS)
_LEADING = re.compile(rf"^(?:{_EDGE})")
_TRAILING = re.compile(rf"(?:{_EDGE})$")


# Months listed by number with spaces, before 月 or a count of months: 「11 12两个月」「9 10 11三个月」.
_SPACED_MONTHS = re.compile(
    r"(?<!\d)(\d{1,2})\s+(?=\d{1,2}(?:\s+\d{1,2})*\s*(?:月|[两三四五六七八九十]个月))"
)


def compact(text: str) -> str:
    """NFKC, trimmed, digits that a worker spaced out joined up again, months listed by number kept in
    one clause (「11和12两个月」), and people counted with 仨/俩 (「我们组仨人」 is 三个人)."""
    text = _SPACED_PHONE.sub(lambda m: _GAP.sub("", m.group()), normalize(text))
    text = _PAIR.sub(lambda m: "三个" if m[0][0] == "仨" else "两个", text)
    text = _MONTHS_SAID.sub(_months_said, _MONTH_PAIR.sub(_month_pair, text))
    return _SPACED_MONTHS.sub(r"\1和", _THOUSANDS.sub("", text))


# Two months in a row, the first without its 月: 「十一十二月的」 (November and December).
_MONTH_PAIR = re.compile(r"(?<!\S)(十[一二]?|[一二三四五六七八九])(?=(十[一二]?|[一二三四五六七八九])月)")


def _month_pair(m: re.Match[str]) -> str:
    first, then = (cn_small(n) for n in m.groups())
    return f"{m[1]}月" if first and then and then == first + 1 else m[1]


# Months said one after another by number, then how many: 「四五六三个月」 (April to June).
_MONTHS_SAID = re.compile(r"([一二三四五六七八九十]{2,4})(?=([两二三四]|\d)个月)")
_MONTH_NO = {c: i for i, c in enumerate("一二三四五六七八九十", 1)}


def _months_said(m: re.Match[str]) -> str:
    said = [_MONTH_NO[c] for c in m[1]]
    count = 2 if m[2] == "两" else _MONTH_NO.get(m[2]) or int(m[2])
    run = len(said) == count and all(b == a + 1 for a, b in itertools.pairwise(said))
    return f"{m[1]}月 " if run else m[1]


# (not 「俩月」: how long, which step 4 asks); 「我们仨」 ending a clause is a crew of three
_PAIR = re.compile(r"[仨俩]个?(?=[人工兄老同师姐])|(?<=[们咱俺])[仨俩](?=$|[\s，,。])")


def clauses(text: str) -> list[str]:
    """The parts of a message between spaces and punctuation."""
    return [c for c in _CLAUSE_BREAK.split(compact(text)) if c]


def find_values(clause: str) -> list[Found]:
    """Phones, amounts of money, head counts and periods that one clause unmistakably holds."""
    found: list[Found] = []
    taken = [False] * len(clause)

    def free(a: int, b: int) -> bool:
        return not any(taken[a:b])

    def take(key: str, value: Any, a: int, b: int, total: int = 0) -> None:
        found.append(Found(key, value, a, b, total))
        for i in range(a, b):
            taken[i] = True

    for m in PHONE_IN.finditer(clause):
        take("phone", m.group(1), m.start(), m.end())
    for m in _COUNT_IN.finditer(clause):
        n = m.group(1)
        if not free(m.start(), m.end()):
            continue
        if n == "一":
            continue  # 「一个人在家」「一人一万」: not a head count (「只有我自己」 is, below)
        if m.group(2) == "几":
            taken[m.start() : m.end()] = [True] * (m.end() - m.start())
            continue  # 「我们十几个人的钱没给」: how many is not said; step 5 asks
        count = int(n) if n.isdigit() else int(cn_small(n) or 0)
        if 1 <= count <= 100_000:  # (「两口子加上另外两个 一共4个人」: the total over a part)
            take("workers", count, m.start(), m.end(), int(bool(_TOTAL_BEFORE.search(clause[: m.start()]))))
    if (crew := _CREW_COUNT.search(clause)) and free(crew.start(), crew.end()):
        n = crew.group(1)
        if 2 <= (count := int(n) if n.isdigit() else int(cn_small(n) or 0)) <= 100_000:
            take("workers", count, crew.start(), crew.end())
    for m in COUPLE.finditer(clause):
        if free(m.start(), m.end()):
            take("workers", 2, m.start(), m.end())
    if (pair := _ME_AND_KIN.fullmatch(clause)) and free(0, pair.end()):
        take("workers", 2, 0, pair.end())
    for m in _SELF_ONLY.finditer(clause):
        if free(m.start(), m.end()):
            take("workers", 1, m.start(), m.end())
    for m in _PERIOD_IN.finditer(clause):
        after = clause[m.end() :]
        before = clause[: m.start()]
        if not free(m.start(), m.end()) or before.endswith(("过", "每", "再")):
            continue
        if re.match(rf"[\d{_CN_NUMERAL}]", after) and re.fullmatch(r"(一|每)个?月|每月|一年|一天", m.group()):
            continue  # 「一个月3000」: a wage rate
        take("period", m.group(), m.start(), m.end())
    for m in _AMOUNT_IN.finditer(clause.lower()):
        a, b = m.start(), m.end()
        span = m.group()
        if not free(a, b) or _NOT_MONEY_AFTER.match(clause[b:]) or rate_before(clause[:a]):
            continue
        if _NOT_OWED_BEFORE.search(clause[:a]):
            continue
        if span.endswith("几") and not _WAGE_BEFORE.search(clause[:a]):
            continue  # (「欠咗我九千几」 is a sum owed; 「每侬三千几」 a rough share)
        if re.fullmatch("[千百万]", span) and not (
            _WAGE_BEFORE.search(clause[:a]) or clause.startswith(("把", "块", "元"), b)
        ):
            continue  # 「千灯镇」「千禧小区」: a name, not a thousand (「欠我千把块」 is one)
        amount = parse_amount(span)
        if amount is None or amount < 10:
            continue  # (「一块弄」 is together, not one yuan: no wage claim is under ten yuan)
        marked = bool(re.search(r"[万千wk块元蚊]|rmb", span))  # (蚊: Cantonese for 元)
        total = 2 if _OWN_BEFORE.search(clause[:a]) else int(bool(_TOTAL_BEFORE.search(clause[:a])))
        said_as_wage = total > 0 or bool(_WAGE_BEFORE.search(clause[:a]))  # (「我自己20400」)
        if marked or (said_as_wage and amount >= 100 and re.search(r"\d", span)):
            last = found[-1] if found and found[-1].key == "amount" else None
            if last and last.value < amount and _RANGE.fullmatch(clause[last.end : a]):
                found[-1] = Found("amount", amount, last.start, b, max(total, last.total))  # 「四万到四万五」
            else:
                found.append(Found("amount", amount, a, b, total))
            for i in range(a, b):
                taken[i] = True
    return sorted(found, key=lambda f: f.start)


def rate_before(before: str) -> bool:
    """Whether the words before a number make it a rate (「一个月3500」); 「3个月工资一共一万零五百」
    says what the sum is of, and 一共 that it is the total."""
    return bool(_RATE_BEFORE.search(before)) and not _TOTAL_BEFORE.search(before)


def lone_sum(text: str) -> int | None:
    """The one number of a hundred or more in a message at the amount step, if it holds no other."""
    sums = {
        n
        for m in _AMOUNT_IN.finditer(text)
        if (n := parse_amount(m.group())) is not None and n >= 100 and not rate_before(text[: m.start()])
    }  # (「一个月3500 仨月10500」: a monthly wage beside the sum is no second sum)
    return sums.pop() if len(sums) == 1 else None


def leftover(clause: str, spans: list[Found]) -> str:
    """The clause without the given values and without the words around them that say nothing."""
    parts, last = [], 0
    for f in sorted(spans, key=lambda f: f.start):
        parts.append(clause[last : f.start])
        last = f.end
    parts.append(clause[last:])
    rest = " ".join(p for p in parts if p)
    words = []
    for part in rest.split():
        while True:
            before = part
            part = _LEADING.sub("", part, count=1)
            part = _TRAILING.sub("", part, count=1)
            if part == before or not part:
                break
        if part:
            words.append(part)
    return " ".join(words)


# 「是23000不是32000」「不是32000 是23000」: the sum meant, beside the one taken back.
THIS_NOT_THAT = re.compile(r"^(?:是|应该是)?([^不]+?)不是[^是]+$|^不是[^是]+?(?:是|而是)(.+)$")


ROUGH = re.compile(r"多|来|出头|左右|大概|差不多|上下")


def exact_over_rough(field: Field, parts: list[str], value: Any) -> Any:
    """「七千多 7300」: a rough sum, then the exact one in a clause of its own: the exact one is kept."""
    if field.key != "amount" or not isinstance(value, int) or not any(ROUGH.search(p) for p in parts):
        return value
    exact = [v for p in parts if not ROUGH.search(p) and (v := field.parse(p)) is not None]
    return next((v for v in reversed(exact) if value < v < value * 1.5), value)


def meant(clause: str) -> str:
    """「是23000不是32000」 → 「23000」: of a sum and the one taken back, the sum meant."""
    m = THIS_NOT_THAT.match(clause.replace(" ", ""))
    return (m.group(1) or m.group(2)) if m else clause


# A rough time that answers the period step though the worker is unsure of the months.
ROUGH_TIME = re.compile(
    r"[春夏秋冬](天|季)|年前|年底|年初|[上下]半年|腊月|正月|开春|入冬|中秋|国庆|元旦|端午"
)
