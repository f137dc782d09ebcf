"""The dashboard's panels: each a table of numbers (from ``bot.staff.stats``) that a chart is drawn from.

A ``Panel`` is what the home page shows and the CSV link downloads: the row labels, the columns
(which of them the chart draws, and how), and the cells, each with its text and its number. The
browser draws the chart from the table itself (``static/dashboard.js``), so they cannot disagree.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from ...broadcasts.service import KIND_NAMES, STATUS_NAMES
from ...complaints.register import CLOSED, STATUSES
from ...content.knowledge import Knowledge
from ...ids import NATIONAL, REGIONS, TOPIC_INTENTS
from ...staff import stats
from ...staff.lookup import intent_name, region_title
from ...timefmt import beijing

OPEN = tuple(s for s in STATUSES if s not in CLOSED)
OTHER = "其他"
NO_REGION = "未选地区"
RECENT_DAYS = 30
RESULT_NAMES = {
    "send success": "成功",
    "send fail": "失败",
    "err(10001)": "涉嫌广告",
    "err(20001)": "涉嫌政治",
}


@dataclass(frozen=True)
class Column:
    label: str
    series: str = ""  # how the chart draws it: bar, stack, line; '' = table only
    unit: str = ""  # '%' for rates
    text: bool = False  # words, not numbers (left-aligned, may wrap)


@dataclass(frozen=True)
class Cell:
    text: str
    value: float | None = None  # the number behind the text (charts and CSV read it)


def num(n: int | None) -> Cell:
    return Cell("—", None) if n is None else Cell(str(n), n)


def pct(part: int, whole: int) -> Cell:
    if not whole:
        return Cell("—", None)
    value = round(100 * part / whole, 1)
    return Cell(f"{value}%", value)


@dataclass(frozen=True)
class Row:
    label: str
    cells: list[Cell]


@dataclass
class Panel:
    id: str
    title: str
    key_label: str  # the first column's heading
    columns: list[Column]
    rows: list[Row]
    chart: str = ""  # stack | bar | combo | hbar; '' = a table only
    note: str = ""
    empty: str = "还没有数据。"
    reverse: bool = False  # rows are newest first; the chart runs oldest → newest
    link: tuple[str, str] | None = None  # (text, endpoint) of a page with the details
    wide: bool = False  # many columns: on a phone the table scrolls sideways (with a cue)


# -- labels -------------------------------------------------------------------------------------------


def period_label(start: date, by: str) -> str:
    return f"{start.month}月{start.day}日" + ("起" if by == "week" else "")


def top_region(knowledge: Knowledge, region: str) -> str:
    """A stored region id rolled up to the contract region ('' stays '': not said)."""
    return knowledge.city(region) if region else ""


def region_label(knowledge: Knowledge, rid: str) -> str:
    """「安庆市」; 「广州市黄埔区」 without its bracketed other name (it has to fit a phone's table)."""
    return region_title(knowledge, rid).split("（")[0] if rid else NO_REGION


def when(ts: float) -> str:
    """「2月5日 10:00」 in Beijing time."""
    t = beijing(ts)
    return f"{t.month}月{t.day}日 {t:%H:%M}"


def region_columns(knowledge: Knowledge, seen: Iterable[str]) -> list[str]:
    """The contract regions (bar national), then national and 「not said」 if they occur."""
    seen = set(seen)
    cols = [r for r in REGIONS if r != NATIONAL and r in knowledge.regions]
    return cols + [r for r in (NATIONAL, "") if r in seen]


# -- panels -------------------------------------------------------------------------------------------


def question_panels(
    knowledge: Knowledge,
    win: stats.Window,
    intents: list[stats.QuestionCount],
    places: list[stats.QuestionCount],
) -> list[Panel]:
    """Topics, regions and the unanswered rate per period (``intents``/``places``: ``stats.questions``)."""
    label = "周（周一起）" if win.by == "week" else "日期"
    span = f"近{stats.WEEKS}周" if win.by == "week" else f"近{stats.DAYS}天"
    by_topic: dict[date, Counter[str]] = defaultdict(Counter)
    by_region: dict[date, Counter[str]] = defaultdict(Counter)
    asked: Counter[date] = Counter()
    missed: Counter[date] = Counter()
    for c in intents:
        by_topic[c.period][c.key if c.key in TOPIC_INTENTS else OTHER] += c.asked
        asked[c.period] += c.asked
        missed[c.period] += c.unanswered
    for c in places:
        by_region[c.period][top_region(knowledge, c.key)] += c.asked
    periods = list(reversed(win.starts)) if intents else []
    topics = [*TOPIC_INTENTS, OTHER]
    regions = region_columns(knowledge, (r for counter in by_region.values() for r in counter))
    return [
        Panel(
            "topics",
            f"各类问题数（{span}）",
            label,
            [Column(intent_name(t), "stack") for t in topics] + [Column("合计")],
            [
                Row(period_label(p, win.by), [num(by_topic[p][t]) for t in topics] + [num(asked[p])])
                for p in periods
            ],
            chart="stack",
            note="工人每问一个问题算一次（菜单数字也算）；「其他」是问候、转人工和没认出的话。",
            reverse=True,
            wide=True,
        ),
        Panel(
            "regions",
            f"各地区问题数（{span}）",
            label,
            [Column(region_label(knowledge, r), "stack") for r in regions] + [Column("合计")],
            [
                Row(period_label(p, win.by), [num(by_region[p][r]) for r in regions] + [num(asked[p])])
                for p in periods
            ],
            chart="stack",
            note="按工人选的地区算（区县算到所在市）；没说在哪的算「未选地区」。",
            reverse=True,
            wide=len(regions) > 4,
        ),
        Panel(
            "unanswered",
            f"没答上的比例（{span}）",
            label,
            [Column("问题数", "bar"), Column("没答上", "bar"), Column("没答上比例", "line", "%")],
            [
                Row(period_label(p, win.by), [num(asked[p]), num(missed[p]), pct(missed[p], asked[p])])
                for p in periods
            ],
            chart="combo",
            note="比例越低越好。没答上的原话在「没答上的问题」里，可以据此补充话术。",
            reverse=True,
            link=("看没答上的原话", "desk.unanswered"),
        ),
    ]


def complaint_panels(cases: list[stats.CaseCount]) -> list[Panel]:
    per_status: Counter[str] = Counter()
    overdue: Counter[str] = Counter()
    ages: dict[int, Counter[str]] = defaultdict(Counter)
    overdue_age: Counter[int] = Counter()
    for c in cases:
        per_status[c.status] += c.cases
        overdue[c.status] += c.overdue or 0
        if c.status in OPEN:
            ages[c.age][c.status] += c.cases
            overdue_age[c.age] += c.overdue or 0
    status_rows = [
        Row(s, [num(per_status[s]), num(overdue[s]) if s in OPEN else Cell("—")]) for s in STATUSES
    ]
    age_rows = [
        Row(
            name,
            [num(ages[n][s]) for s in OPEN] + [num(sum(ages[n].values())), num(overdue_age[n])],
        )
        for n, (name, _, _) in enumerate(stats.AGE_BUCKETS)
    ]
    return [
        Panel(
            "complaints",
            "投诉按状态",
            "状态",
            [Column("件数", "bar"), Column("超期")],
            status_rows if sum(per_status.values()) else [],
            chart="bar",
            note="超期：在当前状态停留的天数超过了规定的办理期限。",
            empty="还没有登记的投诉。",
            link=("去处理投诉", "desk.complaints"),
        ),
        Panel(
            "ages",
            "没办结的投诉等了多久",
            "已等",
            [*(Column(s, "stack") for s in OPEN), Column("合计"), Column("超期")],
            age_rows if any(ages.values()) else [],
            chart="stack",
            note="按登记后过了多少天分组，只算还没办结的。",
            empty="没有没办结的投诉。",
        ),
    ]


def follower_panel(knowledge: Knowledge, counts: list[stats.FollowerCount]) -> Panel:
    rows: dict[str, Counter[str]] = defaultdict(Counter)
    for c in counts:
        key = top_region(knowledge, c.region)
        if not c.followed:
            rows[key]["left"] += c.users
        else:
            rows[key]["on" if c.subscribed else "off"] += c.users
    regions = region_columns(knowledge, rows)
    return Panel(
        "followers",
        "关注的工人（按地区）",
        "地区",
        [Column("接收通知", "stack"), Column("已退订通知", "stack"), Column("关注中合计"), Column("已取关")],
        [
            Row(
                region_label(knowledge, r),
                [
                    num(rows[r]["on"]),
                    num(rows[r]["off"]),
                    num(rows[r]["on"] + rows[r]["off"]),
                    num(rows[r]["left"]),
                ],
            )
            for r in regions
        ]
        if counts
        else [],
        chart="hbar",
        note="「接收通知」的人会收到群发的慰问信和通知；回复「退订」的不再收到，但照样能提问。",
        empty="还没有工人关注。",
    )


def audience(knowledge: Knowledge, counts: list[stats.FollowerCount], region: str) -> int:
    """How many followers taking broadcasts a send to ``region`` reaches (its districts included)."""
    return sum(
        c.users
        for c in counts
        if c.followed and c.subscribed and (region == NATIONAL or region in knowledge.chain(c.region or None))
    )


def broadcast_panels(
    knowledge: Knowledge,
    upcoming: list[stats.Send],
    recent: list[stats.Send],
    counts: list[stats.FollowerCount],
) -> list[Panel]:
    def where(region: str) -> str:
        return "全国" if region == NATIONAL else region_label(knowledge, region)

    def result(s: stats.Send) -> str:
        if s.result:
            return RESULT_NAMES.get(s.result, s.result)
        return STATUS_NAMES.get(s.status, s.status) + ("，等结果" if s.status == "sent" else "")

    return [
        Panel(
            "upcoming",
            "将要发出的群发",
            "时间",
            [
                Column("标题", text=True),
                Column("类型", text=True),
                Column("地区", text=True),
                Column("预计收到人数"),
            ],
            [
                Row(
                    when(s.due),
                    [
                        Cell(s.title),
                        Cell(KIND_NAMES.get(s.kind, s.kind)),
                        Cell(where(s.region)),
                        num(audience(knowledge, counts, s.region)),
                    ],
                )
                for s in upcoming
            ],
            note="预计人数是现在接收通知的关注者，实际以发出时为准。",
            empty="没有安排中的群发。",
            link=("安排群发", "desk_broadcasts.index"),
        ),
        Panel(
            "results",
            f"近{RECENT_DAYS}天群发结果",
            "时间 · 地区",
            [
                Column("标题", text=True),
                Column("结果", text=True),
                Column("发送成功", "stack"),
                Column("发送失败", "stack"),
                Column("应发人数"),
            ],
            [
                Row(
                    when(s.sent or s.due) + " · " + where(s.region),
                    [Cell(s.title), Cell(result(s)), num(s.delivered), num(s.errors), num(s.filtered)],
                )
                for s in recent
            ],
            chart="stack",
            note="数字来自微信发回的群发结果；「应发人数」是微信过滤后准备发送的人数。",
            empty=f"近{RECENT_DAYS}天没有群发。",
            reverse=True,
            wide=True,
        ),
    ]
