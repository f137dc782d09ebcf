"""The checks a desk edit must pass: the field rules below, then ``python -m bot check`` on the result.

A change is applied (with the published overlay) to a private copy of the shipped folders, loaded
as the bot would load it, and checked with the same rules as ``bot check`` (``rules.validate``,
``Knowledge.problems`` and ``checks.all_problems``). Only problems the change *adds* refuse it, so a
finding already present in the shipped files does not block an unrelated edit. Field problems come
first, in words an official can act on.
"""

from __future__ import annotations

import json
import re
import tempfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from .. import timefmt
from ..errors import ContentError
from ..ids import INTENTS, TOPIC_INTENTS
from ..nlu.classifier import Rules, normalise, respeller
from ..nlu.rules import KEYWORD_TABLES, MAX_WEIGHT, load_rules, validate
from .checks import all_problems, names_no_city, seeds_dir_for
from .knowledge import CAMPAIGN, MAX_ANSWER_CHARS, STANDING, Knowledge, split_front_matter
from .overlay import Payload, Tree, apply, copy_tree, source_table

SOURCE_ID = re.compile(r"^[a-z0-9][a-z0-9-]{1,60}$")


@dataclass
class Checked:
    problems: list[str]
    knowledge: Knowledge | None = None  # the content with the change applied (for the preview)
    rules: Rules | None = None
    notes: list[str] = field(default_factory=list)


@dataclass
class _State:
    problems: list[str]
    knowledge: Knowledge | None
    rules: Rules | None


class Checker:
    def __init__(self, base: Tree, *, today: Callable[[], date] = timefmt.today) -> None:
        self.base = base
        self.today = today
        self.seeds = seeds_dir_for(base.content)
        self._baseline: tuple[str, _State] | None = None  # the last published state checked

    # -- loading ----------------------------------------------------------------------------------

    def load(self, overlay: Mapping[tuple[str, str], Payload]) -> _State:
        """The content with ``overlay`` applied, and every ``bot check`` problem in it."""
        with tempfile.TemporaryDirectory(prefix="liugong-content-") as tmp:
            tree = copy_tree(self.base, Path(tmp))
            try:
                apply(overlay, tree)
                knowledge = Knowledge(tree.content)
            except (ContentError, KeyError, TypeError, ValueError) as exc:
                return _State([f"内容读不出来：{exc}"], None, None)
            problems = validate(tree.intents) + knowledge.problems(self.today())
            problems += all_problems(knowledge, tree.intents, self.seeds)
            try:
                rules: Rules | None = load_rules(tree.intents)
            except ContentError:
                rules = None
        knowledge.dir = self.base.content  # the copy is gone; paths in messages stay relative
        return _State(problems, knowledge, rules)

    def baseline(self, published: Mapping[tuple[str, str], Payload]) -> _State:
        """The published content and its problems, kept until something else is published."""
        mark = _fingerprint(published)
        if self._baseline is None or self._baseline[0] != mark:
            self._baseline = (mark, self.load(published))
        return self._baseline[1]

    def shipped_text(self, kind: str, key: str) -> str:
        if kind == "answer":
            path = self.base.content / "answers" / f"{key}.md"
            return path.read_text(encoding="utf-8") if path.exists() else ""
        if kind == "source":
            import tomllib

            raw = tomllib.loads((self.base.content / "sources.toml").read_text(encoding="utf-8"))
            return source_table(key, raw[key]) if key in raw else ""
        return ""

    # -- the check --------------------------------------------------------------------------------

    def check(
        self, published: Mapping[tuple[str, str], Payload], change: Mapping[tuple[str, str], Payload | None]
    ) -> Checked:
        before = self.baseline(published)
        if before.knowledge is None:
            return Checked(["现有内容读不出来，先请技术人员运行 python -m bot check：", *before.problems])
        merged = dict(published)
        problems: list[str] = []
        for (kind, key), payload in change.items():
            if payload is None:
                merged.pop((kind, key), None)
            else:
                problems += self.fields(kind, key, payload, before.knowledge, before.rules)
                merged[(kind, key)] = payload
        if problems:
            return Checked(problems, before.knowledge, before.rules)
        after = self.load(merged)
        known = set(before.problems)
        added = [p for p in after.problems if p not in known]
        added = [f"检查没通过（与 python -m bot check 相同）：{p}" for p in added]
        if after.knowledge is not None and (too_long := self.lengths(change, after.knowledge)):
            added = too_long + [p for p in added if " characters " not in p]
        return Checked(added, after.knowledge, after.rules)

    def lengths(self, change: Mapping[tuple[str, str], Payload | None], knowledge: Knowledge) -> list[str]:
        out = []
        for (kind, key), payload in change.items():
            if kind != "answer" or not payload or payload.get("retired"):
                continue
            region, intent = key.split("/", 1)
            doc = knowledge.answers.get((region, intent))
            if doc is None:
                continue
            days = [self.today()]
            if doc.valid_until:
                days = [doc.valid_from or doc.valid_until, doc.valid_until + timedelta(days=1)]
            for day in days:
                n = len(knowledge.render(doc, day))
                if n > MAX_ANSWER_CHARS:
                    out.append(f"连同依据一共 {n} 个字（{day}），最多 {MAX_ANSWER_CHARS} 个字：请删短一些。")
                    break
        return out

    # -- field rules ------------------------------------------------------------------------------

    def fields(
        self, kind: str, key: str, payload: Payload, knowledge: Knowledge, rules: Rules | None
    ) -> list[str]:
        if kind == "answer":
            return self.answer_fields(key, payload, knowledge)
        if kind == "source":
            return self.source_fields(key, payload, knowledge)
        if kind in ("keyword", "alias"):
            return self.phrase_fields(kind, payload, knowledge, rules)
        return [f"不认识的内容类型 {kind!r}"]

    def answer_fields(self, key: str, payload: Payload, knowledge: Knowledge) -> list[str]:
        region, _, intent = key.partition("/")
        out = []
        if region not in knowledge.regions:
            out.append(f"没有「{region}」这个地区。")
        if intent not in TOPIC_INTENTS:
            out.append(f"「{intent}」不是答复类别。")
        if payload.get("retired"):
            if region == "national":
                out.append("全国的答复不能停用：每个类别都要有一条全国答复兜底。")
            return out
        meta, body = payload.get("meta", {}), str(payload.get("body", "")).strip()
        if not body:
            out.append("答复正文是空的。")
        if meta.get("intent") != intent or meta.get("region") != region:
            out.append("答复的类别或地区和要改的那一条对不上。")
        for sid in [meta.get("source", ""), *meta.get("also", [])]:
            if not sid:
                out.append("请选一份依据文件。")
            elif sid not in knowledge.sources:
                out.append(f"依据「{sid}」不在政策文件登记里：先在「添加政策文件」里登记。")
        validity = meta.get("validity")
        dates: dict[str, date] = {}
        for k in ("valid_from", "valid_until"):
            if meta.get(k):
                try:
                    dates[k] = date.fromisoformat(str(meta[k]))
                except ValueError:
                    out.append(f"日期「{meta[k]}」看不懂，请写成 2025-01-20 这样。")
        if validity == STANDING:
            if dates.get("valid_until") or meta.get("offered"):
                out.append("长期有效的答复没有截止日期：请清空截止日期和「活动内容」。")
        elif validity == CAMPAIGN:
            if "valid_until" not in dates:
                out.append("限时活动要填截止日期（活动最后一天）。")
            if not str(meta.get("offered", "")).strip():
                out.append("限时活动要用一句话写明活动提供了什么（过期后显示在⚠那一行）。")
        else:
            out.append("请选：长期有效，还是限时活动。")
        if "valid_from" in dates and "valid_until" in dates and dates["valid_from"] > dates["valid_until"]:
            out.append("开始日期晚于截止日期。")
        return out

    def source_fields(self, key: str, payload: Payload, knowledge: Knowledge) -> list[str]:
        out = []
        if not SOURCE_ID.match(key):
            out.append("编号只能用小写字母、数字和短横线，比如 anqing-2025-3。")
        for name, label in (("issuer", "发文机关"), ("title", "文件标题"), ("short", "简称")):
            if not str(payload.get(name, "")).strip():
                out.append(f"请填「{label}」。")
        if payload.get("region") not in knowledge.regions:
            out.append("请选文件适用的地区。")
        when = payload.get("date")
        if when:
            try:
                day = date.fromisoformat(str(when))
            except ValueError:
                out.append(f"日期「{when}」看不懂，请写成 2025-01-20 这样；文件没写日期就留空。")
            else:
                if day > self.today():
                    out.append("发文日期在今天之后：请核对。")
        link = str(payload.get("link", ""))
        if link and not link.startswith(("https://", "http://")):
            out.append("链接要以 https:// 开头。")
        if not link and not payload.get("seed"):
            out.append("请填文件的网址（链接），方便核对原文。")
        return out

    def phrase_fields(
        self, kind: str, payload: Payload, knowledge: Knowledge, rules: Rules | None
    ) -> list[str]:
        if rules is None:
            return ["关键词规则现在读不出来，先请技术人员运行 python -m bot check。"]
        phrase = str(payload.get("phrase", ""))
        norm = respeller(rules.dialect)(normalise(phrase))
        if not norm:
            return ["请填一个词（去掉标点和空格后不能是空的）。"]
        out = []
        if norm != phrase:
            out.append(f"请直接写成「{norm}」（机器人读消息时会去掉空格、标点，统一成简体小写）。")
        for kw in rules.keywords:
            if kw.text == norm:
                out.append(
                    f"「{phrase}」已经是「{_intent_label(kw.intent)}」的关键词"
                    f"（权重 {kw.weight:g}），不能重复。"
                )
        for place in rules.places:
            if place.alias == norm:
                out.append(f"「{phrase}」已经是地名「{place.place or '其他地方'}」的别称。")
        if kind == "keyword":
            if payload.get("intent") not in INTENTS or payload.get("intent") == "unknown":
                out.append("请选这个词属于哪一类问题。")
            if payload.get("table") not in KEYWORD_TABLES:
                out.append("请选这个词怎么算（出现就算 / 整词 / 整条消息 / 带地名时）。")
            weight = payload.get("weight")
            if not isinstance(weight, int | float) or not 0 < weight <= MAX_WEIGHT:
                out.append(f"权重要在 0 到 {MAX_WEIGHT:g} 之间（3 = 单独就能判定）。")
        else:
            places = {p.place for p in rules.places if p.place}
            if payload.get("place") not in places:
                out.append("请选这个别称指哪个地区。")
            if names_no_city(phrase):
                out.append(
                    f"「{phrase}」很多城市都有，单独用会把别的城市的工人带到这里：请带上城市名（比如「安庆{phrase}」）。"
                )
        return out


def _intent_label(intent: str) -> str:
    from ..dialogue.numbered import MENU

    return dict(MENU).get(intent, intent)


def _fingerprint(overlay: Mapping[tuple[str, str], Payload]) -> str:
    return json.dumps(sorted((k, v) for k, v in overlay.items()), ensure_ascii=False, default=str)


def answer_fields_from_file(path: Path) -> tuple[dict[str, object], str]:
    """The front matter and body of an answer file (dates as ISO strings, as payloads keep them)."""
    meta, body = split_front_matter(path.read_text(encoding="utf-8"), path)
    return {k: (v.isoformat() if isinstance(v, date) else v) for k, v in meta.items()}, body
