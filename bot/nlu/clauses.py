"""How a message's clauses are read: which clause asks, which tells the story around it, which place
is where the worker is, and what a correction takes back. Pure functions over the classifier's
evidence (keyword start positions and weights); ``classifier.Classifier`` calls them."""

from __future__ import annotations

import itertools
import re

from .model import Place, Rules

# What makes a clause a question (「有没有救助」), as opposed to the story around it (「没活干了」).
QUESTION_CLAUSE = re.compile(
    r"吗|么|呢|(?<!没)啥|什么|怎|咋|哪|谁|多少|是[^\s，,]{1,10}还是|(?<![过这那前后头们好十没])几[个天倍号点钱块]|有没有|有冇|能不能|可不可以|是不是|给不给|行不行|如何|"
    r"请问|想问|问下|问一下|想知道|求助|帮帮|咨询|有无|没有啊|点样|点(?:投诉|办|搞|算|计|领|申请|做)|边度|[不没]得?$|"
    r"想打官司|"
    r"有[^\s，,有]{1,6}(?:没有|冇)$|可有|"  # 「有红包没有」「有补贴冇」; Anhui 「可有补贴」
    r"([^\s，,唔])唔\1|"  # Cantonese A-not-A: 使唔使 (need I?), 得唔得, 系唔系
    r"(?:能|可以|会|一个月|每月|一天|总共|一共)(?:拿|给|发|领|补|得)好多"  # 好多: how much (south-west)
    r"|(?:拿|给|发|领|补|要)好多钱"  # (「初一上班给好多钱嘛」; not 「花了好多钱」, a lot spent)
)


def not_here(
    text: str,
    start: int,
    end: int,
    joined: tuple[int, int] | None = None,
    breaks: frozenset[int] = frozenset(),
) -> bool:
    """A place named as home (「老家安庆」「户口河南」), not where the worker is; 「回鹤岗了」 says where
    they are now. (A place left, 「不在大连了」, counts as no place at all: see ``pick_place``.)
    ``joined``: the span of the names written together with it (「我是安庆桐城人」), whose edges
    say where they come from."""
    head, tail = joined or (start, end)
    before = text[max(0, head - 3) : head]
    if before.endswith(("切回", "换回", "改回")):
        return False  # 「切回深圳」: the region switched back to, not a home town
    if before.endswith("回") and re.match(r"(?:[\u4e00-\u9fff]{0,4}?(?:了|来了)|这边)", text[end:]):
        return False  # 「回鹤岗了」「我回四川南充了」「回江西老家了」: gone back, and there now
    if re.search(r"(?:要是|如果|假如|万一)[我俺]?回(?:老家)?$", text[max(0, start - 7) : start]):
        return False  # 「要是回通辽领呢」「那要是回老家丹东呢」: a place asked about
    if before.endswith("回") and (_BACK_TO_WORK.match(text, end) or _FROM_HOME.search(text, 0, start)):
        return False  # 「要不俺回郑州找去」「初八从老家回到黄埔」: going there to work
    if before.endswith("是") and re.match(r"(?:农村|乡下|山里|山区|县城|那边|那块)?[人的哩滴]", text[tail:]):
        return True  # 「我是河南人」「俺是河南的」「我是贵州农村的」「俺是河南哩」: where they come from
    if re.match(r"(?:农村|乡下|山里|山区)[人的]|仔|佬|妹子|小伙", text[tail:]):
        return True  # 「…能领不 贵州山里的 小学毕业」「一个湖南仔」: a (rural) home, whoever says it
    origin = head == 0 or before.endswith(("我", "俺", "咱", "他", "她"))
    if origin and re.match(r"人(?:$|[\s,，。在])", text[tail:]):
        return True  # 「黑龙江人 在广州黄埔上班」: where they come from, not where they work
    if (origin and head > 0 and text.startswith("的", tail)) or _CAME_FROM.match(text, tail):
        return True  # 「我湖北的 在这能领不」「贵州来的」「我是吉林过来的」「宿松那边出来的」
    if before.endswith(("跟", "和", "同", "比")) and re.match(
        r"(?:那边|这边)?(?:一样|差不多|比)", text[end:]
    ):
        return True  # 「在合肥过年加班费跟安庆一样算不」: a place compared with, not the one asked about
    if re.match(r"老家(?:那边|那里|那儿)?(?:呢|找|有没有|有啥|有什么|怎么|的话)", text[end:]):
        return False  # 「阜阳老家呢」「临沂老家那边找谁」: the home town, asked about
    # (the cue beside the name itself: in 「黑龙江户口 在大连开叉车」 大连 is where the worker is)
    clause = max((b for b in breaks if b <= start), default=0)
    after = min((b for b in breaks if b >= tail), default=len(text))
    registered = bool(
        re.search(r"(?:户口|户籍)\S{0,3}$", text[max(clause, start - 5) : start])
        or re.match(r"\S{0,3}?(?:户口|户籍)", text[tail:after])
    )
    if text.startswith("老家", end) and re.search(
        r"(?:[我俺]人|现在|目前|如今)在$", text[max(clause, start - 6) : start]
    ):
        return False  # 「我人现在在河南老家」: home is where the worker is now
    if registered or (text.startswith("老家", end) and end not in breaks):  # (「我在佛山 老家安庆的」)
        return True  # 「户口在安徽六安」「孩子在湖南老家」
    return any(cue in text[max(clause, head - 3) : head] for cue in _HOME_CUES) or before.endswith("走了")


_BACK_TO_WORK, _FROM_HOME = re.compile(r"找|干|打工|上班|发展|看看|试试"), re.compile(r"从老家\S{0,4}回$")
_CAME_FROM = re.compile(r"(?:那边|那块|那里)?[出过]?来的")
_LEFT = re.compile(r"(?:不在|没在|离开|离开了|(?<!是)不是)$")  # (「不是大连 是黄埔」; 「是不是大连」 asks)


def _left(text: str, start: int, breaks: frozenset[int]) -> bool:
    """「不在大连了」: a place left (not the 不 of a question before a break: 「加班费给几倍不 在黄埔」)."""
    m = _LEFT.search(text[max(0, start - 3) : start])
    return m is not None and not any(b in breaks for b in range(start - len(m.group()) + 1, start))


_EARLIER = re.compile(r"(?:之前|以前|原来|本来|先前|早先|去年)(?:是|一直)?在$|从$")  # (「从大连过来黄埔」)
# 「现在跑到黄埔」: where the worker is now (the dialogue reads it too, at the start of a clause).
NOW_AT = r"(?:现在|目前|如今|今年)人?(?:[跟和同]着?[^\s在到]{1,4}?)?(?:在|到|跑到?|来到?|调到|搬到|去了|上)"
_NOW = re.compile(NOW_AT + "$")
# Where one comes from asked about as a condition: 「我是桐城人 算不算市外」「俺是黑龙江户口 够条件不」.
AS_CONDITION = re.compile(  # (「河南算中高风险不」: counted as X or not)
    r"算不算|够不够|符不符合|够条件|够格|算吗|算嘛|算外地|算市外|有份|算[^\s，,]{1,6}[不吗嘛]$"
)
_COUNTED_AS = re.compile(
    r"(?:那边|那里)?(?:算|属于|是不是|不是|不算|够)"
)  # right after a place: what it counts as
_SWITCHED = re.compile(r"(?:换成|换回|换到|切换到|切到|切回|改成|改到|改回)$")


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


# A worker taking back what they just said: 「问下加班费 哦不对 我要问失业金」.
CORRECTION = re.compile(
    r"不对不对|[哦噢喔啊]不对|不对[，,。 ]*我?(?:是|其实是)?[要想]?问"
    r"|说错了|打错了|搞错了|写错了|口误|更正一下"
    r"|的事先不说|先不说那个|那个先不说"  # 「讨薪的事先不说 俺就问找律师要不要钱」
    r"|就算了"  # 「老板红包不发就算了 工资还欠着呢」
)
_STORY_TOPIC_MIN = 2.0  # a topic told only as the story around a question counts as asked if this strong
_HINT_MAX = 1.5  # a topic this weak (one generic word) beside a much stronger one in its clause is not asked
# A story that asks nothing is about its strongest topic if it is this much stronger than the first
# (and no 还有/另外 lists them: 「大连留岗红包 还有春节加班费」).
_MOSTLY = 1.5
# A keyword this strong names its topic plainly (失业金, 老板跑了), not by a loose word (工地, 活动).
_PLAIN_TOPIC = 3.0
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


def clause_spans(text: str, breaks: frozenset[int]) -> list[tuple[int, int]]:
    """(start, end) of each clause: the text cut at its breaks."""
    return [(a, b) for a, b in itertools.pairwise(sorted({0, len(text), *breaks})) if a < b]


# Context right before a place name that makes it someone's home, not where they are now.
_HOME_CUES = ("老家", "家乡", "户口", "户籍", "回")

# 「娃在怀宁老家」「俺爹娘在桐城」: family at home, right before the place.
_KIN = re.compile(
    r"(?:娃|孩子|小孩|闺女|儿子|女儿|老人|爹|娘|爸|妈|爷爷|奶奶|老婆|媳妇|家里人|一家老小)(?:们)?(?:都|还|一个人)?(?:留|待|呆|放)?在$"
)

_ASKED_THERE = re.compile(r"(?:那边|这边|那里|嗰边|这里)?(?:有没有|有冇|有没|有吗|呢|咧)$")


def _joined(found: list[tuple[int, int, Place]], start: int, end: int) -> tuple[int, int]:
    """The span of a place name with the names written onto it: 「黑龙江绥化」「安庆桐城」 are read as
    one (「我是安庆桐城人」 is where the worker comes from, both names alike)."""
    while (before := next((s for s, e, _ in found if e == start), None)) is not None:
        start = before
    while (after := next((e for s, e, _ in found if s == end), None)) is not None:
        end = after
    return start, end


def pick_place(
    text: str,
    found: list[tuple[int, int, Place]],
    now: bool = True,
    kin: bool = False,
    breaks: frozenset[int] = frozenset(),
) -> tuple[Place, bool] | None:
    """The most specific place, and whether it is named as home; a home town (「老家安庆」) only if
    nothing else is named. A district of another region loses to a city named beside it:
    「哈尔滨经开区」 is Harbin's, not Anqing's.
    With ``now``, a place said as where the worker is now beats the places they were at. With
    ``kin`` (a question about family left at home), where the family is said to be beats the rest."""
    if len(found) == 1:  # most messages: nothing to weigh it against
        start, end, place = found[0]
        if _left(text, start, breaks):
            return None
        # (a known place's home only matters where it is asked about as a condition: see the turn;
        # with ``kin``, 「娃在四川老家」: the family's home, uncovered, is where the answer is for)
        asked_as = place.priority < 0 or bool(AS_CONDITION.search(text))
        home = asked_as and not_here(text, start, end, breaks=breaks)
        family = kin and bool(_KIN.search(text[max(0, start - 7) : start]))
        return None if home and place.priority < 0 and not family else (place, home)
    best: tuple[tuple[int, int, int], Place, bool] | None = None
    kept = [
        (start, end, place, not_here(text, start, end, _joined(found, start, end), breaks))
        for start, end, place in found
        if not any(s <= start and end <= e and e - s > end - start for s, e, _ in found)
        and not _left(text, start, breaks)
        # 「安徽怀宁」: a province said before a place in it only says where that place is
        and not (place.priority < 0 and any(s == end and p.region for s, _, p in found))
    ]  # a name inside a longer one does not count: 五大连池 is not 大连; nor a place left, 「不在大连了」
    homes = {place for _, _, place, home in kept if home}
    if homes:  # 「我老家河南的 河南算中高风险吗」: named again as a condition, still the home town
        kept = [
            (s, e, place, home or (place in homes and bool(_COUNTED_AS.match(text, e))))
            for s, e, place, home in kept
        ]
    earlier = [k for k in kept if _EARLIER.search(text[max(0, k[0] - 6) : k[0]])]
    if earlier and len(earlier) < len(kept):  # 「之前在大连 现在到黄埔了」: where they were before
        kept = [k for k in kept if k not in earlier]
    asked = [k for k in kept if _ASKED_THERE.match(text, k[1]) and all(o[1] != k[0] for o in kept)]
    if len(asked) == 1 and len(kept) > 1:  # 「听说大连留下有500 黄埔有没有」: the place the question is about
        kept = asked
    here = [k for k in kept if now and _NOW.search(text[max(0, k[0] - 5) : k[0]])]
    if here and len(here) < len(kept):  # 「在大连干了三年 现在跑到黄埔了」: where they are now
        kept = here
    switched = [k for k in kept if _SWITCHED.search(text[max(0, k[0] - 3) : k[0]])]
    if switched and len(switched) < len(kept):  # 「大连的我知道了 换回安庆」: the place switched to
        kept = switched
    cities = {place.region for _, _, place, home in kept if place.priority == 1 and not home}
    for start, _, place, home in kept:
        family = (
            kin
            and place.priority >= 0
            and bool(
                _KIN.search(text[max(0, start - 7) : start]) or (home and text.endswith("老家", 0, start))
            )
        )  # (「老家怀宁的 孩子发烧了」: the home town, where the children are)
        if cities and place.priority == 2 and place.region not in cities and not family:
            continue
        if home and place.priority < 0 and not kin:
            continue  # 「我户口河南的」: where they come from, not a place they are asking about
        key = (2 if family else 0 if home else 1, place.priority, -start)
        if best is None or key > best[0]:
            best = (key, place, home)
    return (best[1], best[2]) if best else None


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
        _PLAIN_TOPIC <= plain > told
        and not any((k, q) in held for k in story for q in ask)
        and not all(marks)  # 「工钱没给 另外请律师要钱吗」: one more question
    )
    # (loose words that add up to a strong topic still hold a vague question: 「孩子跟他外婆 外婆年纪大了
    # 管不住 有啥帮扶不」 asks what help there is for the children)
    loose = told < _STORY_TOPIC_MIN and all(scores[k] < _PLAIN_TOPIC + 0.5 for k in story)
    plainly = loose or told >= _PLAIN_TOPIC or again or clearer
    # (or the message as a whole is mostly about what the question asks: 「…放假了 开春也不一定要人
    # 我这算失业了能领钱不」)
    strongest = max(scores[k] for k in ask)
    plainly = plainly or (
        bool(story)
        and strongest >= max(_PLAIN_TOPIC, _MOSTLY * max(scores[k] for k in story))
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
_OUTING = re.compile(r"好玩|去哪玩|哪里玩|玩的地方|去玩|玩玩|能去的|去的地方|地方能去|逛")
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
    if any(lo < x <= hi for x in breaks) or _LISTED.search(text, lo, hi):
        return asked
    if (best, asked[0]) in means:
        return asked  # the means put first (``means_first``): 「…不签合同还拖工资 想找个免费律师」
    return [best, *(k for k in asked if k != best)]


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
        plain = [s for s, w in starts.get(means, ()) if w >= _PLAIN_TOPIC]
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
    said_first: str, best: str, asked: list[str], scores: dict[str, float], pairs: frozenset[tuple[str, str]]
) -> tuple[str, list[str]]:
    """(the lead, the topics asked): of a (told, asked) pair of ``pairs``, the topic told first leads when
    told strongly (「包工头拖着仨月工钱 过年还叫看工地 加班费咋算」), not hinted (「只按平常的算」)."""
    if (said_first, best) in pairs and scores[said_first] >= min(scores[best], _TOLD_STRONGLY):
        return said_first, [said_first, *(k for k in asked if k != said_first)]
    return best, asked
