"""Wage-arrears complaints: the in-chat form, the case register and the status history.

The form asks one field at a time and keeps its draft in the user's row (``users.state``), so
a worker can leave and come back; it expires after ``draft_ttl_hours``. 「确认」 saves the case
inside the turn's transaction, so the case number is on disk before the reply leaves.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..ids import TOPIC_INTENTS
from ..nlu.classifier import Result
from ..storage.store import Store, User
from ..timefmt import beijing, shown

STATUSES = ("待受理", "已受理", "处理中", "已办结", "不予受理")
CLOSED = ("已办结", "不予受理")
# Which status may follow which (staff cannot reopen a closed case by accident).
TRANSITIONS = {
    "待受理": ("已受理", "不予受理"),
    "已受理": ("处理中", "已办结", "不予受理"),
    "处理中": ("已办结", "不予受理"),
    "已办结": (),
    "不予受理": (),
}

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


def _nfkc(text: str) -> str:
    return unicodedata.normalize("NFKC", text).strip()


def _cn_small(text: str) -> float | None:
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
    return _cn_small(text)


def parse_amount(text: str) -> int | None:
    """「三万五」「3.5万」「35000元」「3万5千」「两千八」 → yuan; None when it is not an amount."""
    t = _nfkc(text).lower().replace(",", "").replace("，", "")
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
    t = _nfkc(text)
    if re.search(r"(就我|我自己|只有我|一个人|我一个)", t):
        return 1
    m = re.search(r"\d+", t)
    if m:
        n = int(m.group())
    else:
        cn = re.search(r"[零一二两三四五六七八九十百千]+", t)
        n = int(_cn_small(cn.group()) or 0) if cn else 0
    return n if 1 <= n <= 100_000 else None


PHONE = re.compile(r"1[3-9]\d{9}")


def parse_phone(text: str) -> str | None:
    digits = re.sub(r"[\s\-－—()（）+]", "", _nfkc(text))
    digits = digits.removeprefix("86") if len(digits) == 13 else digits
    return digits if PHONE.fullmatch(digits) else None


def mask_phone(phone: str | None) -> str:
    return f"{phone[:3]}****{phone[-4:]}" if phone and len(phone) >= 7 else "—"


def _free_text(text: str, low: int, high: int) -> str | None:
    t = re.sub(r"\s+", " ", _nfkc(text))
    return t if low <= len(t) <= high and not t.isdigit() else None


def parse_period(text: str) -> str | None:
    t = _free_text(text, 1, 40)
    if t and re.search(r"[\d一二两三四五六七八九十半]|月|年|天|周|季", t):
        return t
    return None


def parse_name(text: str) -> str | None:
    t = _nfkc(text)
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


def _show(key: str, value: Any) -> str:
    if key == "amount":
        return f"{value}元"
    if key == "workers":
        return f"{value}人"
    if key == "name":
        return value or "（不留）"
    return str(value)


EVENT_INSERT = (
    "INSERT INTO complaint_events (complaint_id, status, note, actor, created) VALUES (?, ?, ?, ?, ?)"
)

# -- the register -------------------------------------------------------------------------------


@dataclass
class Complaint:
    id: int
    case_no: str
    openid: str | None
    user_hash: str
    region: str | None
    employer: str
    site: str
    amount: int
    period: str
    workers: int
    phone: str | None
    name: str | None
    status: str
    note: str
    notified: bool
    created: float
    updated: float
    anonymised: bool

    @property
    def masked_phone(self) -> str:
        return mask_phone(self.phone)


def _row(row: Any) -> Complaint:
    d = dict(row)
    d["notified"] = bool(d["notified"])
    d["anonymised"] = bool(d["anonymised"])
    return Complaint(**d)


class Register:
    """The complaint cases in SQLite: create, look up, change status, export, purge."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def create(self, openid: str, region: str | None, fields: dict[str, Any]) -> Complaint:
        from ..storage.store import hash_openid

        now = self.store.clock()
        day = beijing(now).strftime("%Y%m%d")
        with self.store.transaction() as conn:
            self.store.make_durable()
            n = conn.execute(
                "SELECT COUNT(*) FROM complaints WHERE case_no LIKE ?", (f"QX-{day}-%",)
            ).fetchone()[0]
            case_no = f"QX-{day}-{n + 1:04d}"
            cur = conn.execute(
                "INSERT INTO complaints (case_no, openid, user_hash, region, employer, site, amount, period,"
                " workers, phone, name, status, note, notified, created, updated)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '待受理', '', 1, ?, ?)",
                (
                    case_no,
                    openid,
                    hash_openid(openid),
                    region,
                    fields["employer"],
                    fields["site"],
                    fields["amount"],
                    fields["period"],
                    fields["workers"],
                    fields["phone"],
                    fields.get("name"),
                    now,
                    now,
                ),
            )
            conn.execute(
                EVENT_INSERT,
                (cur.lastrowid, "待受理", "工人通过公众号登记", "worker", now),
            )
            conn.execute("UPDATE users SET cases = 1 WHERE openid = ?", (openid,))
        found = self.get(case_no)
        assert found is not None
        return found

    def get(self, case_no: str) -> Complaint | None:
        row = self.store.conn.execute("SELECT * FROM complaints WHERE case_no = ?", (case_no,)).fetchone()
        return _row(row) if row else None

    def of_user(self, openid: str) -> list[Complaint]:
        rows = self.store.conn.execute(
            "SELECT * FROM complaints WHERE openid = ? ORDER BY id DESC", (openid,)
        )
        return [_row(r) for r in rows]

    def history(self, complaint_id: int) -> list[dict[str, Any]]:
        rows = self.store.conn.execute(
            "SELECT status, note, actor, created FROM complaint_events WHERE complaint_id = ? ORDER BY id",
            (complaint_id,),
        )
        return [dict(r) for r in rows]

    def search(
        self,
        *,
        status: str | None = None,
        region: str | None = None,
        since: float | None = None,
        until: float | None = None,
        text: str | None = None,
        limit: int = 200,
    ) -> list[Complaint]:
        sql = "SELECT * FROM complaints WHERE 1=1"
        args: list[object] = []
        if status:
            sql, args = sql + " AND status = ?", [*args, status]
        if region:
            sql, args = sql + " AND (region = ? OR region LIKE ?)", [*args, region, f"{region}-%"]
        if since is not None:
            sql, args = sql + " AND created >= ?", [*args, since]
        if until is not None:
            sql, args = sql + " AND created < ?", [*args, until]
        if text:
            like = f"%{text}%"
            sql += " AND (case_no LIKE ? OR employer LIKE ? OR site LIKE ? OR note LIKE ?)"
            args += [like, like, like, like]
        rows = self.store.conn.execute(sql + " ORDER BY id DESC LIMIT ?", [*args, limit])
        return [_row(r) for r in rows]

    def set_status(self, case_no: str, status: str, note: str, actor: str) -> Complaint:
        if status not in STATUSES:
            raise ValueError(f"unknown status {status!r}; one of {', '.join(STATUSES)}")
        now = self.store.clock()
        with self.store.transaction() as conn:
            current = self.get(case_no)
            if current is None:
                raise KeyError(case_no)
            if status not in TRANSITIONS[current.status]:
                allowed = "、".join(TRANSITIONS[current.status]) or "无（已结案）"
                raise ValueError(f"{current.status} 之后只能改为：{allowed}")
            conn.execute(
                "UPDATE complaints SET status = ?, note = ?, notified = 0, updated = ? WHERE id = ?",
                (status, note.strip(), now, current.id),
            )
            conn.execute(
                EVENT_INSERT,
                (current.id, status, note.strip(), actor, now),
            )
        updated = self.get(case_no)
        assert updated is not None
        return updated

    def mark_notified(self, complaint_id: int) -> None:
        self.store.conn.execute("UPDATE complaints SET notified = 1 WHERE id = ?", (complaint_id,))

    def export_csv(self, complaints: list[Complaint]) -> str:
        """CSV for the labour inspection team; cells that a spreadsheet would run as formulas are defused."""
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(
            [
                "编号",
                "状态",
                "登记时间",
                "地区",
                "欠薪单位",
                "地点",
                "金额(元)",
                "欠薪时间",
                "人数",
                "电话",
                "姓名",
                "最新说明",
            ]
        )
        for c in complaints:
            row = [
                c.case_no,
                c.status,
                shown(c.created),
                c.region or "",
                c.employer,
                c.site,
                c.amount,
                c.period,
                c.workers,
                c.phone or "",
                c.name or "",
                c.note,
            ]
            writer.writerow([_defuse(v) for v in row])
        return out.getvalue()

    def purge(self, older_than_days: int) -> int:
        """Anonymise closed cases older than N days: personal fields go, the numbers stay for statistics."""
        cutoff = self.store.clock() - older_than_days * 86400
        with self.store.transaction() as conn:
            cur = conn.execute(
                "UPDATE complaints SET openid = NULL, phone = NULL, name = NULL, employer = '（已清除）',"
                " site = '（已清除）', anonymised = 1"
                " WHERE status IN (?, ?) AND updated < ? AND anonymised = 0",
                (*CLOSED, cutoff),
            )
            return cur.rowcount


def _defuse(value: Any) -> Any:
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


# -- the form (a dialogue Flow) --------------------------------------------------------------------


class ComplaintFlow:
    """Plugs into ``dialogue.Bot.flows``: starts, continues and reports on complaints."""

    def __init__(self, register: Register, knowledge: Any, *, draft_ttl_hours: float = 24) -> None:
        self.register = register
        self.knowledge = knowledge
        self.ttl = draft_ttl_hours * 3600

    def _draft(self, user: User) -> dict[str, Any] | None:
        state = user.state or {}
        draft = state.get("complaint")
        return draft if isinstance(draft, dict) else None

    def _set(self, user: User, draft: dict[str, Any] | None) -> None:
        state = dict(user.state or {})
        if draft is None:
            state.pop("complaint", None)
        else:
            state["complaint"] = draft
        user.state = state or None

    # Flow protocol ---------------------------------------------------------------------------------

    def active(self, user: User) -> bool:
        draft = self._draft(user)
        return draft is not None and self.register.store.clock() - draft["touched"] <= self.ttl

    def handle(self, text: str, user: User, result: Result) -> str | None:
        words = _nfkc(text).rstrip("。！!.")
        draft = self._draft(user)
        now = self.register.store.clock()
        if draft and now - draft["touched"] > self.ttl:
            self._set(user, None)
            if words in START_WORDS:
                return self._start(user, now)
            return None  # expired: the caller answers normally (see ``notice``)
        if not draft:
            if words in START_WORDS:
                return self._start(user, now)
            if words in CONFIRM_WORDS and (recent := self._recent_case(user, now)):
                return (
                    f"你的投诉已经登记好了，编号 {recent.case_no}，不用重复提交。回复「投诉进度」可以查看。"
                )
            return None
        if words in CANCEL_WORDS:
            self._set(user, None)
            return "好的，这次登记取消了，填的内容已经删掉。需要时回复「投诉」重新开始。"
        draft["touched"] = now
        step = draft["step"]
        if step == "confirm":
            return self._at_summary(words, user, draft)
        field = BY_KEY[step]
        if field.skippable and words in SKIP_WORDS:
            value = None
        else:
            value = field.parse(text)
            if value is None or self._is_question(field, text, result):
                if self._is_question(field, text, result):
                    return None  # answered normally, then ``reminder`` says where the form stands
                return field.retry
        draft["fields"][field.key] = value
        return self._next(user, draft)

    def reminder(self, user: User) -> str:
        draft = self._draft(user)
        if not draft:
            return ""
        if draft["step"] == "confirm":
            return "——你的欠薪投诉还没提交，回复「确认」提交，或「取消」不登记。"
        return f"——你的欠薪投诉还没填完。{BY_KEY[draft['step']].ask}（回复「取消」可放弃）"

    def offer(self, intent: str, user: User) -> str:
        if intent == "wage_arrears" and not self.active(user):
            return "\n👉 想让我帮你登记投诉，回复「投诉」。"
        return ""

    def status(self, user: User) -> str | None:
        cases = self.register.of_user(user.openid)
        if not cases:
            return None
        lines = ["你登记的欠薪投诉："]
        for c in cases[:5]:
            note = f"（{c.note}）" if c.note else ""
            lines.append(f"· {c.case_no} {c.employer[:12]}：{c.status}{note}")
            if not c.notified:
                self.register.mark_notified(c.id)
        lines.append(f"有疑问请拨打 {self.knowledge.hotline(user.region)}，报上编号。")
        return "\n".join(lines)

    def notice(self, user: User) -> str | None:
        """Tell the worker about status changes they have not heard of yet, and about an expired draft."""
        out = []
        draft = self._draft(user)
        if draft and self.register.store.clock() - draft["touched"] > self.ttl:
            self._set(user, None)
            out.append("你之前没填完的欠薪投诉已过期删除了，需要时回复「投诉」重新登记。")
        for c in self.register.of_user(user.openid) if user.cases else ():
            if not c.notified:
                note = f"：{c.note}" if c.note else ""
                out.append(f"📌 你的投诉 {c.case_no} 有新进展：{c.status}{note}")
                self.register.mark_notified(c.id)
        return "\n".join(out) or None

    # internals --------------------------------------------------------------------------------------

    def _start(self, user: User, now: float) -> str:
        self._set(user, {"step": FIELDS[0].key, "fields": {}, "touched": now, "editing": False})
        return (
            "好，我帮你登记欠薪投诉，一共7个问题，一次回一个。随时回复「取消」可以放弃。\n\n" + FIELDS[0].ask
        )

    def _next(self, user: User, draft: dict[str, Any]) -> str:
        if draft.get("editing"):
            draft["editing"] = False
            draft["step"] = "confirm"
        else:
            keys = [f.key for f in FIELDS]
            i = keys.index(draft["step"]) + 1
            draft["step"] = keys[i] if i < len(keys) else "confirm"
        self._set(user, draft)
        if draft["step"] == "confirm":
            return self._summary(draft)
        return BY_KEY[draft["step"]].ask

    def _summary(self, draft: dict[str, Any]) -> str:
        lines = ["请核对你的投诉："]
        for i, f in enumerate(FIELDS, 1):
            lines.append(f"{i}. {f.label}：{_show(f.key, draft['fields'].get(f.key))}")
        lines.append(
            "没问题回复「确认」提交；要改哪项回复「修改 几」，比如「修改 3」；不登记了回复「取消」。"
        )
        return "\n".join(lines)

    def _at_summary(self, words: str, user: User, draft: dict[str, Any]) -> str:
        if words in CONFIRM_WORDS:
            region = user.region
            case = self.register.create(user.openid, region, draft["fields"])
            user.cases = True
            self._set(user, None)
            hotline = self.knowledge.hotline(region)
            legal = next((c.phone for c in self.knowledge.contacts(region) if c.phone == "12348"), "12348")
            return (
                f"✅ 已登记，投诉编号 {case.case_no}，请记下来。\n"
                f"接下来：工作人员会打你留的电话核实；也可以拨打 {hotline} "
                "或到当地劳动保障监察机构，报上编号。"
                f"需要打官司的，拨 {legal} 申请法律援助。\n回复「投诉进度」随时查看处理情况。"
            )
        m = re.fullmatch(r"(?:修改|改)\s*第?\s*([1-7一二三四五六七])\s*[项个]?", words)
        if m:
            n = m.group(1)
            idx = int(n) if n.isdigit() else int(_cn_small(n) or 0)
            field = FIELDS[idx - 1]
            draft["step"] = field.key
            draft["editing"] = True
            self._set(user, draft)
            return field.ask
        return "请回复「确认」提交，「修改 几」改某一项（比如「修改 3」），或「取消」不登记。"

    def _is_question(self, field: Field, text: str, result: Result) -> bool:
        """Is this a question about something else rather than the answer to the field asked?"""
        if field.key in ("amount", "phone", "workers") and field.parse(text) is not None:
            return False
        other = result.intent in TOPIC_INTENTS and result.intent != "wage_arrears"
        other = other or result.intent in (
            "greeting",
            "human_agent",
            "complaint_status",
            "unsubscribe",
            "subscribe",
        )
        # A name like 「华强建筑劳务公司」 may look like a topic; only a question counts as one.
        asks = bool(re.search(r"[?？]|吗|呢$|怎么|咋|多少钱|如何|哪里|哪儿|能不能|可以.*不", _nfkc(text)))
        return other and asks

    def _recent_case(self, user: User, now: float) -> Complaint | None:
        if not user.cases:
            return None
        cases = self.register.of_user(user.openid)
        return cases[0] if cases and now - cases[0].created < 3600 else None
