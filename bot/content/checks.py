"""Content rules that keep the audit's findings from coming back (run by ``python -m bot check``).

Each function returns plain problem lines, one per finding, naming the file. What they enforce:

- every answer is ``standing`` (no end date) or ``campaign`` (an end date and a one-line
  ``offered``), cites sources that exist, from its own region's chain, and fits a phone screen
  both inside its dates and after them;
- no date without its year and no 今年 / 牛年 in answers and broadcast templates: a text read in
  another year must still be true;
- letters are signed with ``{sender}`` (the official fills it in), never with a list of
  departments the source does not name;
- a phone number, an amount or a percentage in a text appears in the seed it cites (the national
  hotlines and the overtime rates of labour law excepted);
- a place alias names its city: a district word used in many cities (经开区, 高新区) on its own
  would send workers elsewhere to one city's answers.
"""

from __future__ import annotations

import re
import tomllib
from datetime import date, timedelta
from pathlib import Path

from .. import timefmt
from .knowledge import CAMPAIGN, ENDED_TOKEN, MAX_ANSWER_CHARS, STANDING, VALIDITIES, Document, Knowledge

GENERAL_HOTLINES = frozenset({"12333", "12348"})  # national lines any answer may give
LABOUR_LAW_RATES = frozenset({"150%", "200%", "300%"})  # 《劳动法》第四十四条
LAW_SOURCES = frozenset({"labour-law", "holiday-rules"})
MAX_OFFERED_CHARS = 70

DATE_NO_YEAR = re.compile(r"(?<![\d年])(?<!\d{4}年)\d{1,2}月\d{1,2}日")
RELATIVE_YEAR = re.compile(r"今年|明年|去年|前年|[鼠牛虎兔龙蛇马羊猴鸡狗猪]年(?!代)")
PHONE = re.compile(r"(?<![\d.])\d{5,}(?:-\d{6,})?(?![\d.])")
AMOUNT = re.compile(r"(?<![\d.])(\d{1,4}(?:\.\d+)?)(万元|元|GB|户|家|个|人|条|场|份|名)")
PERCENT = re.compile(r"\d+%")
SIGNED_BY_DEPARTMENTS = re.compile(r"(等|相关)+部门\s*$")

# Words for a kind of place that many cities have: on their own they name no city.
GENERIC_PLACES = (
    "经济技术开发区",
    "高新技术开发区",
    "经济开发区",
    "高新区",
    "经开区",
    "开发区",
    "工业园区",
    "工业园",
    "产业园",
    "科技园",
    "工业区",
    "园区",
    "保税区",
    "自贸区",
    "新区",
    "老城区",
    "城区",
    "市区",
    "新城",
    "县城",
    "郊区",
    "市中心",
    "火车站",
    "高铁站",
    "汽车站",
    "机场",
    "步行街",
)


def _where(knowledge: Knowledge, doc: Document) -> str:
    try:
        return str(doc.path.relative_to(knowledge.dir))
    except ValueError:
        return str(doc.path)


def answer_problems(knowledge: Knowledge) -> list[str]:
    """Standing vs campaign, sources and their regions, and length inside and after the dates."""
    out: list[str] = []
    for doc in knowledge.answers.values():
        where = _where(knowledge, doc)
        if doc.validity not in VALIDITIES:
            out.append(f"{where}: validity must be one of {VALIDITIES} (got {doc.validity!r})")
            continue
        if doc.validity == STANDING and (doc.valid_until or doc.offered):
            out.append(f"{where}: a standing answer never expires: drop valid_until and offered")
        if doc.validity == CAMPAIGN:
            if doc.valid_until is None:
                out.append(f"{where}: a campaign answer needs valid_until (the campaign's last day)")
            if not doc.offered:
                out.append(f"{where}: a campaign answer needs offered = one line on what it offered")
            elif len(doc.offered) > MAX_OFFERED_CHARS or "\n" in doc.offered:
                out.append(f"{where}: offered is one line of at most {MAX_OFFERED_CHARS} characters")
            elif not re.search(r"\d{4}年", doc.offered):
                out.append(f"{where}: offered must name the campaign's year (2021年春节……)")
        out += _source_problems(knowledge, doc, where)
        for day in _days_to_render(doc):
            text = knowledge.render(doc, day)
            if len(text) > MAX_ANSWER_CHARS:
                out.append(f"{where}: {len(text)} characters on {day}, limit {MAX_ANSWER_CHARS}")
    return out


def _days_to_render(doc: Document) -> list[date]:
    if doc.validity != CAMPAIGN or doc.valid_until is None:
        return [timefmt.today()]
    return [doc.valid_from or doc.valid_until, doc.valid_until + timedelta(days=1)]


def _source_problems(knowledge: Knowledge, doc: Document, where: str) -> list[str]:
    out = []
    chain = set(knowledge.chain(doc.region))
    for sid in (doc.source, *doc.also):
        src = knowledge.sources.get(sid)
        if src is None:
            out.append(f"{where}: source {sid!r} is not in sources.toml")
        elif src.region not in chain:
            out.append(f"{where}: source {sid!r} is about {src.region}, not this region or its parents")
    for m in ENDED_TOKEN.finditer(doc.body):
        try:
            date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError:
            out.append(f"{where}: {m[0]} is not a date")
    return out


def wording_problems(knowledge: Knowledge) -> list[str]:
    """Dates with their year, no 今年 / 牛年, letters signed with {sender}."""
    out: list[str] = []
    docs = [*knowledge.answers.values(), *knowledge.broadcasts]
    for doc in docs:
        where = _where(knowledge, doc)
        text = "\n".join((doc.title, ENDED_TOKEN.sub("", doc.body), doc.offered))
        for m in DATE_NO_YEAR.finditer(text):
            out.append(f"{where}: 「{m[0]}」 without its year: write 2021年{m[0]}")
        for m in RELATIVE_YEAR.finditer(text):
            out.append(f"{where}: 「{m[0]}」 goes stale: name the year (2021年春节)")
    for doc in knowledge.broadcasts:
        where = _where(knowledge, doc)
        out += [
            f"{where}: source {sid!r} is not in sources.toml"
            for sid in doc.also
            if sid not in knowledge.sources
        ]
        if doc.kind == "letter" and "{sender}" not in doc.body:
            out.append(f"{where}: sign a letter with {{sender}}: the official fills in who sends it")
        for line in doc.body.splitlines():
            if SIGNED_BY_DEPARTMENTS.search(line):
                out.append(f"{where}: 「{line.strip()}」 signs for departments: use {{sender}}")
    return out


def claim_problems(knowledge: Knowledge, seeds_dir: Path | None) -> list[str]:
    """Numbers, amounts and percentages that the cited seeds do not contain."""
    if seeds_dir is None or not seeds_dir.is_dir():
        return []
    seeds: dict[str, str] = {}
    out: list[str] = []
    for sid, src in knowledge.sources.items():
        if not src.seed:
            continue
        path = seeds_dir / src.seed
        if not path.is_file():
            out.append(f"sources.toml: [{sid}] seed {src.seed} is not in {seeds_dir}")
            continue
        seeds[sid] = re.sub(r"\s+", "", path.read_text(encoding="utf-8"))
    for doc in [*knowledge.answers.values(), *knowledge.broadcasts]:
        cited = [sid for sid in (doc.source, *doc.also) if sid in knowledge.sources]
        texts = [seeds[sid] for sid in cited if sid in seeds]
        law = any(sid in LAW_SOURCES for sid in cited)
        where = _where(knowledge, doc)
        body = "\n".join((doc.title, ENDED_TOKEN.sub("", doc.body), doc.offered))

        def found(claim: str, texts: list[str] = texts) -> bool:
            return any(claim in t for t in texts)

        for m in PHONE.finditer(body):
            if m[0] not in GENERAL_HOTLINES and not found(m[0]):
                out.append(f"{where}: number {m[0]} is not in the cited source")
        for m in PERCENT.finditer(body):
            if not (law and m[0] in LABOUR_LAW_RATES) and not found(m[0]):
                out.append(f"{where}: {m[0]} is neither labour law cited nor in the cited source")
        if not texts:
            continue  # general sources: amounts cannot be checked against a text
        for m in AMOUNT.finditer(body):
            if not found(m[1] + m[2]) and not found(m[1] + "元/人") and not found(m[1]):
                out.append(f"{where}: 「{m[0]}」 is not in the cited source")
    return out


def alias_problems(intents_dir: Path) -> list[str]:
    """Place aliases made only of a generic place word (经开区): they name no city."""
    path = intents_dir / "regions.toml"
    if not path.is_file():
        return []
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    out = []
    for entry in [*data.get("region", []), *data.get("place", [])]:
        for alias in [*entry.get("aliases", []), *entry.get("weak", [])]:
            if isinstance(alias, str) and names_no_city(alias):
                out.append(
                    f"intents/regions.toml: alias {alias!r} ({entry.get('id')}) is a kind of place many "
                    f"cities have: name the city in it (「安庆{alias}」)"
                )
    return out


def names_no_city(alias: str) -> bool:
    """Whether an alias is only generic place words: 「经开区」 yes, 「安庆经开区」 no."""
    rest = alias.strip()
    for word in GENERIC_PLACES:
        rest = rest.replace(word, "")
    return rest != alias.strip() and len(rest.rstrip("区县市镇乡街")) < 2


def seeds_dir_for(content_dir: Path) -> Path:
    """The seeds beside the checkout: <repo>/../shared/seeds."""
    return content_dir.resolve().parent.parent / "shared" / "seeds"


def all_problems(knowledge: Knowledge, intents_dir: Path, seeds_dir: Path | None = None) -> list[str]:
    """Every rule in this module, for ``python -m bot check`` and for the desk's save checks."""
    seeds = seeds_dir if seeds_dir is not None else seeds_dir_for(knowledge.dir)
    return (
        answer_problems(knowledge)
        + wording_problems(knowledge)
        + claim_problems(knowledge, seeds)
        + alias_problems(intents_dir)
    )
