"""How a message's clauses are read: what makes a clause a question, which place is where the worker
is (and which is home, or where the family is), and what a correction takes back. Pure functions
``classifier.Classifier`` calls; the order of several topics asked is ``order``'s."""

from __future__ import annotations

import itertools
import re

from .model import Place

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
    if before.endswith(("切回", "换回", "改回", "回到")):
        return False  # 「切回深圳」: the region switched back to, not a home town; 「回到安庆」: arrived
    if before.endswith(("不回", "没回")):
        return True  # 「在上海跑快递 过年不回大庆了」: where they are not going back to
    if before.endswith("回") and re.match(r"(?:[\u4e00-\u9fff]{0,4}?(?:了|来了)|这边)", text[end:]):
        return False  # 「回鹤岗了」「我回四川南充了」「回江西老家了」: gone back, and there now
    if re.search(r"(?:要是|如果|假如|万一)[我俺]?回(?:老家)?$", text[max(0, start - 7) : start]):
        return False  # 「要是回通辽领呢」「那要是回老家丹东呢」: a place asked about
    if before.endswith("回") and (_BACK_TO_WORK.match(text, end) or _FROM_HOME.search(text, 0, start)):
        return False  # 「要不俺回郑州找去」「初八从老家回到黄埔」: going there to work
    if before.endswith("是") and _NATIVE_OF.match(text, tail):
        return True  # 「我是河南人」「俺是河南的」「我是贵州农村的」「我是怀宁本地人」: where they come from
    if re.match(r"的?(?:手机卡|电话卡|卡|号码|手机号|车牌)", text[tail:]):
        return True  # 「河南的卡」: where a phone number is from, not where the worker is
    if re.match(r"(?:农村|乡下|山里|山区)[人的]|仔|佬|妹子|小伙", text[tail:]):
        return True  # 「…能领不 贵州山里的 小学毕业」「一个湖南仔」: a (rural) home, whoever says it
    origin = head == 0 or before.endswith(_SOMEONE)
    if origin and re.match(r"人(?:$|[\s,，。在])", text[tail:]):
        return True  # 「黑龙江人 在广州黄埔上班」: where they come from, not where they work
    if (origin and head > 0 and text.startswith("的", tail)) or _CAME_FROM.match(text, tail):
        return True  # 「我湖北的 在这能领不」「贵州来的」「我是吉林过来的」「宿松那边出来的」
    if before.endswith("从") and re.match(r"(?:老家|那边)?(?:过来|上来|下来|来)", text[tail:]):
        return True  # 「我爸从周口过来看我」: where someone came from, not where they are
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
    if re.search(r"(?:[我俺]人|现在|目前|如今)在老家$", text[max(clause, start - 8) : start]):
        return False  # 「我现在在老家南阳」: the same, home named first
    if registered or (text.startswith("老家", end) and end not in breaks):  # (「我在佛山 老家安庆的」)
        return True  # 「户口在安徽六安」「孩子在湖南老家」
    return any(cue in text[max(clause, head - 3) : head] for cue in _HOME_CUES) or before.endswith("走了")


_BACK_TO_WORK, _FROM_HOME = (
    re.compile(r"找|干|打工|上班|发展|看看|试试|打官司|起诉"),
    re.compile(r"从老家\S{0,4}回$"),
)
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


# A worker taking back what they just said: 「问下加班费 哦不对 我要问失业金」.
CORRECTION = re.compile(
    r"不对不对|[哦噢喔啊]不对|不对[，,。 ]*我?(?:是|其实是)?[要想]?问"
    r"|说错了|打错了|搞错了|写错了|口误|更正一下"
    r"|的事先不说|先不说那个|那个先不说"  # 「讨薪的事先不说 俺就问找律师要不要钱」
    r"|就算了"  # 「老板红包不发就算了 工资还欠着呢」
)


def clause_spans(text: str, breaks: frozenset[int]) -> list[tuple[int, int]]:
    """(start, end) of each clause: the text cut at its breaks."""
    return [(a, b) for a, b in itertools.pairwise(sorted({0, len(text), *breaks})) if a < b]


# Right before a place and 的 or 人: whose home it is (「我湖北的」「我老乡河北的」).
_SOMEONE = (
    *("我", "俺", "咱", "他", "她", "老乡", "工友", "同事", "老婆", "老公"),
    *("媳妇", "爱人", "对象", "朋友", "同学", "亲戚"),  # (「我媳妇湖北的」: where she comes from)
)

# Right after 「我是」 and a place: where the worker comes from.
_NATIVE_OF = re.compile(r"(?:农村|乡下|山里|山区|县城|那边|那块)?[人的哩滴]|本地人|[^\s，,。]{0,10}?出来的")

# Context right before a place name that makes it someone's home, not where they are now.
_HOME_CUES = ("老家", "家乡", "户口", "户籍", "回")

# 「娃在怀宁老家」「俺爹娘在桐城」: family at home, right before the place.
_KIN = re.compile(
    r"(?:娃|孩子|小孩|闺女|儿子|女儿|老人|爹|娘|爸|妈|爷爷|奶奶|老婆|媳妇|家里人|一家老小|老的小的|老小)(?:们)?(?:都|还|一个人)?(?:留|待|呆|放)?在$"
    r"|[我俺]家(?:里)?(?:是|在)$"  # (「俺家是佳木斯的 家里就我爹」, asking about family care)
)

_PROVINCE_END = re.compile(r"(?:安徽|黑龙江|辽宁|广东)省?$")


def _kin_before(text: str, start: int) -> bool:
    """Family said to be at the place starting at ``start`` (「娃在怀宁」, 「闺女在安徽潜山老家」)."""
    return bool(_KIN.search(_PROVINCE_END.sub("", text[max(0, start - 10) : start])[-7:]))


# Right after a place: the work there, or the wages owed there (「在芜湖工地上被欠的」「在佛山一个鞋厂干」).
_WORKED = re.compile(
    r"[^\s，,。]{0,3}?(?:干活|工地|干的|被欠|欠的|欠我|欠俺)"
    r"|(?:一个|一家|那个|那家|的)[^\s，,。]{0,4}?(?:厂|店|公司|酒店|饭店|餐馆|项目)(?:里|上)?(?:干|做|上班|打工)"
)

_AT_HOME = re.compile(r"(?<![不没])在(?:老)?家(?:里|带|看|守)|留在(?:老)?家|留守在家")
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
    worked: bool = False,
) -> tuple[Place, bool] | None:
    """The most specific place, and whether it is named as home; a home town (「老家安庆」) only if
    nothing else is named. A district of another region loses to a city named beside it:
    「哈尔滨经开区」 is Harbin's, not Anqing's.
    With ``now``, a place said as where the worker is now beats the places they were at. With
    ``kin`` (a question about family left at home), where the family is said to be beats the rest.
    With ``worked`` (wages owed), where the work was beats where the worker is now."""
    if len(found) == 1:  # most messages: nothing to weigh it against
        start, end, place = found[0]
        if _left(text, start, breaks):
            return None
        # (a known place's home only matters where it is asked about as a condition: see the turn;
        # with ``kin``, 「娃在四川老家」: the family's home, uncovered, is where the answer is for)
        asked_as = place.priority < 0 or bool(AS_CONDITION.search(text))
        home = asked_as and not_here(text, start, end, breaks=breaks)
        family = kin and _kin_before(text, start)
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
    # (a city and its district written together count as one: 「在鹤岗东山的工地」)
    there = [k for k in kept if worked and not k[3] and _WORKED.match(text, _joined(found, k[0], k[1])[1])]
    spots = {_joined(found, k[0], k[1]) for k in there}
    if len(spots) == 1 and len(kept) > len(there):  # 「人在大连 钱是在鹤岗干活时欠下的」
        return max(there, key=lambda k: k[2].priority)[2], False
    earlier = [k for k in kept if _EARLIER.search(text[max(0, k[0] - 6) : k[0]])]
    # 「之前在大连 现在到黄埔了」: where they were before (not when what is left is only a kind of
    # place: 「以前在大连那个开发区的厂里」)
    if earlier and any(k not in earlier and k[2].priority != -2 for k in kept):
        kept = [k for k in kept if k not in earlier]
    asked = [k for k in kept if _ASKED_THERE.match(text, k[1]) and all(o[1] != k[0] for o in kept)]
    if len(asked) == 1 and len(kept) > 1:  # 「听说大连留下有500 黄埔有没有」: the place the question is about
        kept = asked
    # (a district written onto its city counts from the city: 「现在在安庆桐城」)
    heads = {k: _joined(found, k[0], k[1])[0] for k in kept}
    here = [k for k in kept if now and _NOW.search(text[max(0, heads[k] - 5) : heads[k]])]
    if here and len(here) < len(kept):  # 「在大连干了三年 现在跑到黄埔了」: where they are now
        kept = here
    switched = [k for k in kept if _SWITCHED.search(text[max(0, k[0] - 3) : k[0]])]
    if switched and len(switched) < len(kept):  # 「大连的我知道了 换回安庆」: the place switched to
        kept = switched
    cities = {place.region for _, _, place, home in kept if place.priority == 1 and not home}
    homes_in = {place.region for _, _, place, home in kept if place.priority == 1 and home}
    at_home = kin and bool(_AT_HOME.search(text))  # 「爸妈在家带着孩子」: the family is at the home town
    for start, _, place, home in kept:
        family = (
            kin
            and place.priority >= 0
            and bool(_kin_before(text, start) or (home and (at_home or text.endswith("老家", 0, start))))
        )  # (「老家怀宁的 孩子发烧了」: the home town, where the children are)
        # (a district of the home town named is its own: 「老家安庆桐城的 回桐城过年的话」)
        if cities and place.priority == 2 and place.region not in cities | homes_in and not family:
            continue
        if home and place.priority < 0 and not kin:
            continue  # 「我户口河南的」: where they come from, not a place they are asking about
        key = (2 if family else 0 if home else 1, place.priority, -start)
        if best is None or key > best[0]:
            best = (key, place, home)
    return (best[1], best[2]) if best else None
