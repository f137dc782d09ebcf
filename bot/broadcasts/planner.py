"""Planning, pure: send times, quotas, text problems, warnings and cautions over plain values.

No SQLite and no clock here: the caller passes ``now``, the sends already booked (``Existing``),
the region chains and labels. Every answer is in Chinese, for the official who must act on it.

Three kinds of finding:
* problems stop scheduling outright (a missing title, a time in the past, a quota WeChat would
  refuse or silently filter);
* cautions stop it until the official confirms (a campaign that has ended, the same template to
  the same region within 7 days, a template written for another region);
* warnings are shown and do not stop anything.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime, timedelta

from ..content.knowledge import BROADCAST_KINDS, Document
from ..ids import NATIONAL
from .model import (
    DAILY_QUOTA,
    DUPLICATE_DAYS,
    MAX_SENDER,
    MAX_TEXT,
    MAX_TITLE,
    MONTHLY_QUOTA,
    PLACEHOLDERS,
    Caution,
    Draft,
    Existing,
    PlanError,
    cn_date,
    occurrence_key,
)

STALE_PHRASE = "确认照发"  # typed by an official who sends a template whose campaign has ended
Rows = Sequence[tuple[datetime, str]]

_RELATIVE_YEAR = re.compile(r"今年|明年|去年|[鼠牛虎兔龙蛇马羊猴鸡狗猪]年")
_DAY_WITHOUT_YEAR = re.compile(r"(?<![年\d])(\d{1,2})月(\d{1,2})[日号]")


def text_problems(draft: Draft) -> list[str]:
    """What is wrong with the words of ``draft`` (its length is checked once rendered)."""
    problems = []
    if draft.kind not in BROADCAST_KINDS:
        problems.append("类型只能是慰问信或通知")
    title = draft.title.strip()
    if not title:
        problems.append("请填写标题")
    elif len(title) > MAX_TITLE:
        problems.append(f"标题太长（{len(title)} 字），最多 {MAX_TITLE} 字")
    if not draft.body.strip():
        problems.append("请填写正文")
    strange = sorted(set(re.findall(r"\{[^{}\s]{0,30}\}", draft.body)) - set(PLACEHOLDERS))
    if strange:
        allowed = "、".join(f"{k}（{v}）" for k, v in PLACEHOLDERS.items())
        problems.append(f"正文里有不认识的占位符 {'、'.join(strange)}，只能用 {allowed}")
    sender = draft.sender.strip()
    if "{sender}" in draft.body and not sender:
        problems.append("正文落款用了 {sender}：请填写发件单位（例如「××市人力资源和社会保障局」）")
    if len(sender) > MAX_SENDER:
        problems.append(f"发件单位太长（{len(sender)} 字），最多 {MAX_SENDER} 字")
    return problems


def length_problems(rendered: Iterable[str]) -> list[str]:
    """The longest rendered message (one per region) must fit in one WeChat message."""
    longest = max((len(text) for text in rendered), default=0)
    return [f"正文太长（{longest} 字），一条消息最多 {MAX_TEXT} 字"] if longest > MAX_TEXT else []


def send_times(draft: Draft, now: float) -> tuple[list[datetime], list[str]]:
    """The times still ahead (a minute's slack), and what is wrong with the schedule."""
    try:
        times = draft.schedule.times()
    except PlanError as exc:
        return [], exc.problems
    problems = []
    if draft.schedule.at is not None and times and times[0].timestamp() < now - 60:
        problems.append(f"发送时间 {occurrence_key(times[0])} 已经过去了")
    ahead = [t for t in times if t.timestamp() >= now - 60]
    if draft.schedule.recurring and not ahead:
        problems.append("这段日期里的发送时间都已经过去了")
    return ahead, problems


# -- quota ------------------------------------------------------------------------------------------


def daily_problems(rows: Rows, existing: Sequence[Existing]) -> list[str]:
    """Subscription account: one mass send per (Beijing) day for the whole account."""
    new = Counter(t.date() for t, _ in rows)
    taken: dict[date, list[tuple[int, str]]] = defaultdict(list)
    for e in existing:
        taken[e.when.date()].append((e.broadcast_id, e.title))
    if any(n > DAILY_QUOTA for n in new.values()):
        return [
            f"订阅号每天只能群发 {DAILY_QUOTA} 次。这条选了 {max(new.values())} 个地区，"
            "每个地区要单独群发一次，同一天发不了。请只选一个地区，或者选「全国」发给所有订阅者"
        ]
    busy = sorted(d for d in new if len(taken[d]) + new[d] > DAILY_QUOTA)
    if not busy:
        return []
    first = busy[0]
    others = "、".join(f"「{title}」（#{bid}）" for bid, title in dict.fromkeys(taken[first]))
    more = f"等 {len(busy)} 天" if len(busy) > 1 else ""
    return [
        f"订阅号每天只能群发 {DAILY_QUOTA} 次，{cn_date(first)}{more}已经安排了{others}，不能再发。"
        "请换一天，或者先取消那一条"
    ]


def monthly_problems(
    rows: Rows,
    existing: Sequence[Existing],
    chains: Mapping[str, Sequence[str]],
    labels: Mapping[str, str],
) -> list[str]:
    """Service account: each follower receives at most 4 mass messages per calendar month.

    ``chains`` maps every region id to its chain (itself, its city, national): a follower in a
    district gets what is sent to the district, its city and everyone.
    """

    def per_month(items: Iterable[tuple[datetime, str]]) -> dict[str, Counter[str]]:
        out: dict[str, Counter[str]] = defaultdict(Counter)
        for when, region in items:
            out[f"{when.year}年{when.month}月"][region] += 1
        return out

    new = per_month(rows)
    old = per_month((e.when, e.region) for e in existing)
    problems = []
    for month, counts in new.items():
        worst, worst_leaf, before = 0, NATIONAL, 0
        for leaf, chain in chains.items():
            total = sum(counts[r] + old[month][r] for r in chain)
            if total > worst:
                worst, worst_leaf, before = total, leaf, sum(old[month][r] for r in chain)
        if worst > MONTHLY_QUOTA:
            who = "所有" if worst_leaf == NATIONAL else f"{labels.get(worst_leaf, worst_leaf)}的"
            problems.append(
                f"服务号每位关注者每月最多收到 {MONTHLY_QUOTA} 次群发："
                f"{month}{who}关注者已经安排了 {before} 次，加上这条要收到 {worst} 次，"
                "超出的人会收不到。请减少次数、改到下个月，或者先取消别的群发"
            )
    return problems


def quota_problems(
    account_type: str,
    rows: Rows,
    existing: Sequence[Existing],
    chains: Mapping[str, Sequence[str]],
    labels: Mapping[str, str],
) -> list[str]:
    if account_type == "service":
        return monthly_problems(rows, existing, chains, labels)
    return daily_problems(rows, existing)


# -- cautions and warnings --------------------------------------------------------------------------


def cautions(
    draft: Draft,
    doc: Document | None,
    rows: Rows,
    recent: Sequence[Existing],
    chains: Mapping[str, Sequence[str]],
    labels: Mapping[str, str],
) -> list[Caution]:
    """What an official must confirm before ``rows`` (the planned sends of ``draft``) are booked.

    ``recent``: sends of the same template booked or sent around these times (any broadcast but
    the one being edited).
    """
    found = []
    days = sorted({t.date() for t, _ in rows})
    if doc is not None and doc.valid_until is not None and days and days[-1] > doc.valid_until:
        found.append(
            Caution(
                "stale",
                f"这个模板的活动期在{cn_date(doc.valid_until)}已经结束，里面的政策、日期和电话可能已经过时。"
                f"请先核对并改好正文；确实要发，请在安排按钮旁输入「{STALE_PHRASE}」",
                STALE_PHRASE,
            )
        )
    if draft.template:
        window = timedelta(days=DUPLICATE_DAYS)
        for e in recent:
            near = [t for t, r in rows if r == e.region and abs(t - e.when) < window]
            if e.template == draft.template and near:
                done = "发过" if e.status == "sent" else "安排了"
                found.append(
                    Caution(
                        "duplicate",
                        f"{DUPLICATE_DAYS} 天内已经给{labels.get(e.region, e.region)}{done}同一个模板"
                        f"「{e.title}」（#{e.broadcast_id}，{occurrence_key(e.when)}）。"
                        "同样的内容再发一次请确认",
                    )
                )
                break
    if doc is not None and doc.region != NATIONAL:
        foreign = [r for r in dict.fromkeys(r for _, r in rows) if doc.region not in chains.get(r, (r,))]
        if foreign:
            found.append(
                Caution(
                    "region",
                    f"这个模板是写给{labels.get(doc.region, doc.region)}的，里面有当地的政策和电话，"
                    f"现在要发给{'、'.join(labels.get(r, r) for r in foreign)}。"
                    "请确认内容对那里的人也适用",
                )
            )
    return found


def unconfirmed(found: Sequence[Caution], confirm: Mapping[str, str]) -> list[Caution]:
    """The cautions not confirmed: a tick (any value) for most, the exact phrase where one is set."""
    return [c for c in found if c.code not in confirm or (c.phrase and confirm[c.code].strip() != c.phrase)]


def warnings(draft: Draft, doc: Document | None, times: Sequence[datetime], account_type: str) -> list[str]:
    """Worth a second look, and no confirmation needed."""
    out = []
    if doc is not None and doc.valid_from and times and times[0].date() < doc.valid_from:
        out.append(f"模板的活动从{cn_date(doc.valid_from)}开始，早于这个日期发送请核对内容")
    if account_type == "subscription" and draft.schedule.recurring:
        out.append("订阅号每天只能群发 1 次：每天发送会占用这段日期里每一天的群发次数")
    text = draft.title + "\n" + draft.body
    relative = sorted(set(_RELATIVE_YEAR.findall(text)))
    if relative:
        out.append(f"正文里有「{'」「'.join(relative)}」：收到的人不知道是哪一年，请写明年份（如 2027年）")
    bare = [m[0] for m in _DAY_WITHOUT_YEAR.finditer(text)]
    if bare:
        out.append(f"日期「{'」「'.join(dict.fromkeys(bare))}」没写年份，请写成「2027年2月28日」这样")
    return out
