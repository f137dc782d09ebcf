"""Which of several topics in one message leads, and in what order the others follow: the question
asked before the story around it, a second question marked as such, the stronger of two named in one
clause, the means named beside a problem. Pure functions over the classifier's evidence (keyword
start positions and weights); ``classifier.Classifier`` calls them."""

from __future__ import annotations

import itertools
import re

from .clauses import QUESTION_CLAUSE, clause_spans
from .model import Rules

# A clause that is a question by itself (not a preface such as 求助, 请问).
_ASKS_ITSELF = re.compile(r"吗|么|呢|啥|什么|怎|咋|哪|谁|多少|几倍|有没有|能不能|是不是|[不没]$")
# What opens a second question: 「欠薪能投诉吗 还有加班费咋算」.
_NEXT_QUESTION = re.compile(r"(?<![不没])另外|顺便|再问|还想问|还要问|以及|再一个|还有个问题|还有就是|第二个")


def second_question(text: str, breaks: frozenset[int], first_at: int, then_at: int) -> bool:
    """Whether a second question opens between where the first topic and the second are named: a
    word that says so, or the first one's clause ending as a question (「有补贴不？过年上班几倍工资」)."""
    if not 0 <= first_at < then_at:
        return False
    if _NEXT_QUESTION.search(text, first_at, then_at):
        return True
    if any(text.startswith(("还有", "仲有"), b) for b in breaks if first_at < b <= then_at):
        return True  # 「…能投诉吗 还有加班费咋算」 (not 「家里还有俩娃」)
    end = min((b for b in breaks if first_at < b <= then_at), default=None)
    start = max((b for b in breaks if b <= first_at), default=0)
    return end is not None and bool(_ASKS_ITSELF.search(text[start:end]))


_STORY_TOPIC_MIN = 2.0  # a topic told only as the story around a question counts as asked if this strong
_HINT_MAX = 1.5  # a topic this weak (one generic word) beside a much stronger one in its clause is not asked
# A story that asks nothing is about its strongest topic if it is this much stronger than the first
# (and no 还有/另外 lists them: 「大连留岗红包 还有春节加班费」).
_MOSTLY = 1.5
# A keyword this strong names its topic plainly (失业金, 老板跑了), not by a loose word (工地, 活动).
PLAIN_TOPIC = 3.0
# A question marked as one more thing, not the point of the story before it.
ASIDE = re.compile(r"顺便|顺带|另外|还有|还想问|再问")


def focused_from(text: str, cues: dict[str, int]) -> list[tuple[int, int]]:
    """(earliest, latest) start positions that a focus or lead cue reaches."""
    reach = []
    for cue, gap in cues.items():
        pos = text.find(cue)
        while pos != -1:
            reach.append((pos + len(cue), pos + len(cue) + gap))
            pos = text.find(cue, pos + 1)
    return reach


def questions_first(
    text: str,
    breaks: frozenset[int],
    asked: list[str],
    scores: dict[str, float],
    starts: dict[str, list[tuple[int, float]]],
    best: str,
    courtesy: frozenset[str] = frozenset(),
    holds: frozenset[tuple[str, str]] = frozenset(),
) -> list[str]:
    """Several intents found, in the order said. One named only in the story around the question,
    not in a clause that asks, stays only if its evidence is strong: 「工地上干活摔伤了，没钱看病，
    有没有救助」 is not asking for a job. (Which one leads stays the order said: 「家里孩子过年来
    这边，有啥活动」 asks about the children's programmes, though only 活动 is in the question.)"""
    clauses = clause_spans(text, breaks)

    def clauses_of(k: str) -> set[int]:
        return {i for i, (a, b) in enumerate(clauses) for s, _ in starts.get(k, ()) if a <= s < b}

    def reach(k: str) -> set[int]:  # evidence from combos alone speaks for the whole message
        return clauses_of(k) or set(range(len(clauses)))

    # A bare hint of a topic in the same clause as a much stronger one is a word of that clause, not
    # a question of its own: 「大年三十上班算不算三倍」 asks about pay, not about New Year's Eve events.
    weak = {
        k
        for k in asked
        if scores[k] <= _HINT_MAX
        and (where := clauses_of(k))
        and any(o != k and scores[o] >= 2 * scores[k] and where <= reach(o) for o in asked)
    }
    asked = [k for k in asked if k not in weak]
    asking = [
        (a, b)
        for i, (a, b) in enumerate(clauses)
        if QUESTION_CLAUSE.search(text[a:b])
        # 「能找免费律师不 还是直接去投诉」: the alternative is the same question
        or (i and text.startswith("还是", a) and QUESTION_CLAUSE.search(text[slice(*clauses[i - 1])]))
    ]
    # 「房租还欠着呢」 tells how things stand; beside a clause that asks about a topic it asks nothing
    # (「…工资还拖着呢 咋办」, with no topic in the question, still asks about the wages)
    stands = [(a, b) for a, b in asking if not QUESTION_CLAUSE.search(_STANDS.sub("", text[a:b]))]
    named = [s for k in asked for s, _ in starts.get(k, ())]
    if stands and any(a <= s < b for a, b in asking if (a, b) not in stands for s in named):
        asking = [c for c in asking if c not in stands]
    if (
        len(asked) >= 2
        and not asking
        and best in asked
        and scores[best] >= _MOSTLY * scores[asked[0]]
        and not ASIDE.search(text)
    ):
        # a story that asks nothing (「…发200块红包就不给加班费了」): what it is mostly about leads
        return [best, *(k for k in asked if k != best)]
    if len(asked) < 2 or not asking or len(asking) == len(clauses):
        return asked  # no clause asks, or every clause does: keep the order they were said in
    said = {k: [w for s, w in starts.get(k, ()) if any(a <= s < b for a, b in asking)] for k in asked}
    # in the order asked (「…过年不回去 加班费咋算 有没有留岗补贴啥的」 asks about pay first); a clause
    # opened by 还是 is the same question (「能找免费律师不 还是直接去投诉」)
    nth = list(itertools.accumulate(int(not text.startswith("还是", a)) for a, _ in asking))
    ask = sorted(
        (k for k in asked if said[k]),
        key=lambda k: min(nth[i] for i, (a, b) in enumerate(asking) for s, _ in starts[k] if a <= s < b),
    )
    if not ask:  # 「老板说红包顶加班费，合法吗」: the question is about the story; its main topic leads
        return [best, *(k for k in asked if k != best)] if best in asked else asked
    story = [k for k in asked if k not in ask and scores[k] >= _STORY_TOPIC_MIN]
    # The question's topic leads when the story names its own only by loose words (「在工地干活
    # 留下来有啥补贴没」), or the question names its topic as plainly as the story does
    # (「厂子黄了老板跑了 失业金能领不」). Otherwise a vague question (「有啥帮扶」) is about the story's
    # topic, said first.
    plain = max(max(said[k]) for k in ask)
    # The story holds what is asked when the question is about its programmes (「寒假孩子要过来 这边有啥
    # 活动」: the children's); somewhere fun to go (「…有啥好玩的地方」) is asked for itself.
    held = holds if any(_PROGRAMMES.search(text, a, b) for a, b in asking) else frozenset()
    told = max((w for k in story for _, w in starts.get(k, ())), default=0.0)
    # (or the story tells of it too, as strongly as of anything: 「…饭都吃不上 有啥救助没」)
    again = any(len(starts.get(k, ())) > 1 and max(w for _, w in starts[k]) >= told for k in ask)
    # (or it names its topic plainly and the story loosely: 「…娃还在上学 我这种失业金能领吗」,
    # unless it is one more question, or asks what the story's topic holds: activities for the
    # children are family care, 「寒假孩子要过来 这边有啥活动」)
    # (said before the topic: 「…仲有冇招聘会」 asks one more, 「加班费还有没有」 asks if there still is)
    marks = [
        ASIDE.search(text, a, min(s for s, _ in starts[k] if a <= s < b))
        for a, b in asking
        for k in ask
        if any(a <= s < b for s, _ in starts[k])
    ]
    clearer = (
        PLAIN_TOPIC <= plain > told
        and not any((k, q) in held for k in story for q in ask)
        and not all(marks)  # 「工钱没给 另外请律师要钱吗」: one more question
    )
    # (loose words that add up to a strong topic still hold a vague question: 「孩子跟他外婆 外婆年纪大了
    # 管不住 有啥帮扶不」 asks what help there is for the children)
    loose = told < _STORY_TOPIC_MIN and all(scores[k] < PLAIN_TOPIC + 0.5 for k in story)
    plainly = loose or told >= PLAIN_TOPIC or again or clearer
    # (or the message as a whole is mostly about what the question asks: 「…放假了 开春也不一定要人
    # 我这算失业了能领钱不」)
    strongest = max(scores[k] for k in ask)
    plainly = plainly or (
        bool(story)
        and strongest >= max(PLAIN_TOPIC, _MOSTLY * max(scores[k] for k in story))
        and not any((k, q) in held for k in story for q in ask)
    )
    plainly = plainly or all(k in courtesy for k in story)  # 「那我先打电话问问 热线多少」 asks
    # (or the question's topic weighs at least as much in all as the story's and is named as plainly:
    # 「寒假带娃在这过年 有啥好玩的地方」 asks for outings; a tie goes to what is asked, not to the order
    # of the intents' files)
    plainly = plainly or (
        bool(story)
        and strongest >= max(scores[k] for k in story)
        and plain >= told
        and not any((k, q) in held for k in story for q in ask)
        and not all(marks)  # (「…仲有冇招聘会」: one more question)
    )
    # (or it asks for somewhere to go: 「老婆孩子过来看我 这边有啥好玩的地方」 asks for outings)
    outing = any(_OUTING.search(text, a, b) for a, b in asking) and not held
    plainly = plainly or (outing and not all(marks))
    if story and all(m and m[0] in ("顺便", "顺带", "另外", "再问", "还想问") for m in marks):
        return [*story, *ask]  # 「想找份工作 顺便问下有没有培训」: what is asked by the way is not the point
    if (story and (plain >= max(told, _HINT_MAX) or outing) and plainly) or not story:
        return [*ask, *story]
    return [k for k in asked if k in ask or k in story]


_PROGRAMMES = re.compile(r"活动")
_STANDS = re.compile(r"着呢$")  # 「还欠着呢」「等着呢」: how things stand
_OUTING = re.compile(r"好玩|有啥玩|有什么玩|去哪玩|哪里玩|玩的地方|去玩|玩玩|能去的|去的地方|地方能去|逛")
_BY_THE_WAY = re.compile(r"^(?:那|我|俺)?(?:顺便|顺带)")
_MARKED = re.compile(rf"^(?:那|我|俺)?(?:{ASIDE.pattern}|还要问|再一个)")  # a clause opened as one more


def asides_last(
    text: str, breaks: frozenset[int], asked: list[str], starts: dict[str, list[tuple[int, float]]]
) -> list[str]:
    """「…初一到初三上班给几倍 另外留岗红包有没有」: a topic asked only in clauses marked as one more
    question (另外, 顺便, 还有…) comes after one asked in a clause of its own."""
    spans = clause_spans(text, breaks)
    asking = [(a, b) for a, b in spans if QUESTION_CLAUSE.search(text[a:b])]
    named = {s for k in asked for s, _ in starts.get(k, ())}
    # 「…发1000块红包 是政府给的还是厂里给的」: a question naming nothing asks about the clause before it
    before = [
        spans[i - 1]
        for i, c in enumerate(spans)
        if i and c in asking and not any(c[0] <= s < c[1] for s in named)
    ]

    def _names(k: str, a: int, b: int) -> bool:
        return any(a <= s < b for s, _ in starts.get(k, ()))

    def marked_only(k: str) -> bool | None:  # None: not asked in any clause that asks
        where = [(a, b) for a, b in asking if _names(k, a, b)]
        if not where and any(_names(k, a, b) for a, b in before):
            return False
        return all(_MARKED.match(text[a:b]) for a, b in where) if where else None

    marks = {k: marked_only(k) for k in asked}
    if True not in marks.values() or False not in marks.values():
        # 「在安庆想找个活 顺便学个技术 有没有门路」: a topic named only by the way comes after
        named_in = {k: [text[a:b] for a, b in spans if _names(k, a, b)] for k in asked}
        aside = {k: bool(cs) and all(_BY_THE_WAY.match(c) for c in cs) for k, cs in named_in.items()}
        if True in aside.values() and False in aside.values():
            return [*(k for k in asked if not aside[k]), *(k for k in asked if aside[k])]
        return asked
    return [*(k for k in asked if marks[k] is not True), *(k for k in asked if marks[k] is True)]


def order_asked(
    text: str,
    breaks: frozenset[int],
    asked: list[str],
    scores: dict[str, float],
    starts: dict[str, list[tuple[int, float]]],
    best: str,
    rules: Rules,
) -> list[str]:
    """The topics asked, the one that leads first: questions before the story around them, one more
    question after the first, the means before the problem it is asked for."""
    ordered = questions_first(text, breaks, asked, scores, starts, best, rules.courtesy, rules.story_holds)
    ordered = means_first(text, breaks, asides_last(text, breaks, ordered, starts), starts, rules.means)
    if "social_assistance" in ordered and any(w in text for w in rules.urgent):
        ordered.remove("social_assistance")  # 「工资拖着 … 不想活了」: the person first
        ordered.insert(0, "social_assistance")
    return ordered


_LISTED = re.compile(r"和|跟|与|及|还有|、|(?<![不没])另外|顺便|顺带|同埋")


def stronger_first(
    text: str,
    breaks: frozenset[int],
    first: dict[str, int],
    asked: list[str],
    best: str,
    means: tuple[tuple[str, str], ...] = (),
) -> list[str]:
    """Two topics named in one clause (「红包能抵加班费不」「学个技术 有补贴没」): the stronger leads,
    unless it is listed after the other (「失业金和找工作的事」). Topics in clauses of their own keep
    the order ``questions_first`` gave; a topic found by a combo alone is named nowhere; and a means
    that ``means_first`` put before its problem (a (problem, means) pair of ``means``) stays first."""
    if not asked or asked[0] == best or best not in asked or asked[0] not in first or best not in first:
        return asked
    lo, hi = sorted((first[asked[0]], first[best]))
    if any(lo < x <= hi for x in breaks) or (_LISTED.search(text, lo, hi) and not _BOTH.match(text, hi)):
        return asked  # (「红包同加班费可以一起领不」 lists nothing: it asks if both are had)
    if (best, asked[0]) in means:
        return asked  # the means put first (``means_first``): 「…不签合同还拖工资 想找个免费律师」
    return [best, *(k for k in asked if k != best)]


_BOTH = re.compile(r"[^\s，,。]{0,6}?(?:能不能|可不可以|能|可以|会)?(?:一块儿?|一起|同时|都)[拿领要给发]")


# The other route named beside the means, as a choice: 「去劳动监察投诉好还是找法律援助打官司好」.
_EITHER_ROUTE = re.compile(r"还是[^\s，,。]{0,6}(?:投诉|监察|12333)|(?:投诉|监察)[^\s，,。]{0,6}还是")


def means_first(
    text: str,
    breaks: frozenset[int],
    asked: list[str],
    starts: dict[str, list[tuple[int, float]]],
    pairs: tuple[tuple[str, str], ...] = (),
) -> list[str]:
    """「老板不认账 我想找个律师」「讨薪能不能找法律援助」: the means (legal aid), named plainly, leads
    the problem told before it, unless the problem was asked for itself (「欠薪咋投诉 要不要请律师」)
    or the means comes as one more question (「…另外请律师要钱不」)."""
    for problem, means in pairs:
        if problem not in asked or means not in asked or asked.index(means) < asked.index(problem):
            continue
        plain = [s for s, w in starts.get(means, ()) if w >= PLAIN_TOPIC]
        told = starts.get(problem, [])  # (none: told by a combo, which speaks for the whole message)
        if not plain or min((s for s, _ in told), default=0) > min(plain):
            continue
        m = min(plain)
        own = [(a, b) for a, b in clause_spans(text, breaks) if b <= m and any(a <= s < b for s, _ in told)]
        # (an aside before the problem is told asks both: 「对了再问下 拖工资找法律援助去哪」)
        if ASIDE.search(text, min((s for s, _ in told), default=0), m) or any(
            QUESTION_CLAUSE.search(text[a:b]) for a, b in own
        ):
            continue
        if _EITHER_ROUTE.search(text):
            continue  # 「…能找免费律师不 还是直接去投诉」: which way to go is a question of the problem
        asked = [means, *(k for k in asked if k != means)]
    return asked


_TOLD_STRONGLY = 4.0  # a score that tells a topic plainly (「包工头拖着仨月工钱」), above a hint of it


def told_first(
    said_first: str,
    best: str,
    asked: list[str],
    scores: dict[str, float],
    rules: Rules,
    asking: tuple[str, frozenset[int], dict[str, list[tuple[int, float]]]],
) -> tuple[str, list[str]]:
    """(the lead, the topics asked): of a (told, asked) pair of ``rules.told_first``, the topic told
    first leads when told strongly (「包工头拖着仨月工钱 过年还叫看工地 加班费咋算」), not hinted
    (「只按平常的算」); of a pair of ``rules.asked_leads``, the one asked after leads when stronger
    and the first is named in no clause that asks (「春节厂里不停工 补贴有没有」 asks about the
    subsidy; not 「给不给三倍工资啊 留下过年有红包没」). ``asking``: (text, breaks, starts)."""
    if (said_first, best) in rules.told_first and scores[said_first] >= min(scores[best], _TOLD_STRONGLY):
        return said_first, [said_first, *(k for k in asked if k != said_first)]
    told = asked[0] if asked else said_first  # (what leads so far: 「过年留厂值班 …学点电工」: a hint first)
    if (told, best) in rules.asked_leads and scores[best] > scores[told]:
        text, breaks, starts = asking
        questions = [(a, b) for a, b in clause_spans(text, breaks) if QUESTION_CLAUSE.search(text, a, b)]
        if not any(a <= s < b for s, _ in starts.get(told, ()) for a, b in questions):
            return best, [best, *(k for k in asked if k != best)]
    return best, asked
