"""Where the worker says they are: a statement of place (「我是在鹤岗打工的」), a move (「我不在大连了」
「换成黄埔 我过两天去」), and a place named with a question that asks the last question there
(「大观有啥」「那边也能投诉吧」)."""

from __future__ import annotations

import dataclasses
import re

from ..content.knowledge import Knowledge
from ..ids import NATIONAL, TOPIC_INTENTS
from ..nlu.classifier import Result, normalise
from ..nlu.clauses import NOW_AT
from ..nlu.model import Classifies
from ..nlu.rules import PLACE_KIND_IN
from .wording import CLAUSES, asks, one_clause

# 「我是在…」「俺现在在…」「人在…」: where the worker is, said as a statement.
# 「哦说错了 是怀宁」「不对 我们厂其实在桐城」: a correction of the place the question was asked for.
CORRECTS = re.compile(r"^(哦|噢|嗯|啊)*(我|俺)?(不对|[说打搞写弄讲整看听记]错了|整岔了|说岔了)")
SAYS_WHERE = re.compile(
    r"^(不对|不是|哦|噢|嗯|算了)*[\s,，]*(过完年|过了年|过咗年)?"
    # (「我同老公都在大连」: the worker with family)
    r"(我|俺|咱|额|我们|俺们|[我俺](?:跟|和|同)着?[^\s在]{1,6}?|跟着[^\s在]{1,6}?"
    r"|[我俺](?:媳妇|老婆|老公|对象|爱人)(?:跟|和|同)[我俺])?"  # 「我媳妇跟我都在…」
    r"(两口子|小两口|一家子?|夫妻俩|娘俩|爷俩|(?:一帮|一伙)(?:人|老乡|工友|兄弟)?|[几两三四五六七八九十\d]{1,2}个人?)?"
    r"(其实|是|都是|都|还是|现在|目前|而家|人|就|一直|平时|自己|本人|已经|刚|刚刚|年前|年后|去年|今年|上个月|上礼拜"
    r"|上周|前几天|这两天|这几年|这些年|头一回|第一次|以前|原来)*"
    r"(从[^\s]{1,8}?)?(改|换)?(在|搁|待在|呆在|留在|住在?|回(?!不)到?|返(?!工|岗)|调到|调[咗了]?去|转[咗了]去|转到|搬到|搬来|搬去|搬[咗了]去|挪到"
    r"|跑到?|过了?来|来了?|到(?!底|现在|时候|哪)|去(?!哪))"
    # 「我从佳木斯到黄埔打工了」
    r"|^(我|俺|咱|我们|俺们)?(已经|刚|去年|今年|上个月)?从[^\s]{1,8}?(?<!不)到(?!底|现在)"
    # 「我下个月去黄埔了」
    r"|^(那|那我|那俺)?(?:(?:下个月|下月|年后|过完年|过两天|过了十五|过完十五)(?:我|俺|咱|我们|俺们)|(?:我|俺|咱|我们|俺们)?"
    r"(?:下个月|下月|下礼拜|下周|下星期|过完年|年后|明天|过两天|过几天|马上|现在|已经))"  # (「年后俺要去…」)
    r"(就|要|打算|准备)?(从[^\s]{1,8}?)?(去|到|搬去|调去|转去|转到|换到?|换去)"
    r"|^(?:位置|我的位置|我在这里|发个位置|发位置)(?=[\s\u4e00-\u9fff]{4})"  # 「[位置] 广东省广州市…」
    r"|" + CORRECTS.pattern
)
NOW_HERE = re.compile(r"^(?:我|俺|咱)?" + NOW_AT)  # 「现在跑到黄埔电子厂了」: where the worker is now
# The end of a message that asks again rather than only says where the worker is.
ASKS_AGAIN = re.compile(
    r"(?:呢|嘞|吗|么|嘛|有没有[送发给领]?|有不|有没|也有|也能|也行|这么整|这样办|这么办|一样不|一样吗|行不行|中不中|可不可以)$"
    # 「在潜山也是一样的噻」「…都上 对吧」「…四川人 我这种算不算」
    r"|也是?一样的?[噻吧嘛啵哈]?$|(?:对吧|是吧|对不对|对不|算不算|算吗|算不)$"
    # 「回哈尔滨领是不是方便点」「是在哈尔滨申请还是得回齐齐哈尔申请啊」: which place to do it in
    r"|是不是[^\s]{0,4}$|(?:在|回|去)[^\s我俺咱吧]{1,8}还是[^\s]{1,12}$|(?:有冇|有没有|有没)(?:这个|这些|那个)$"
    r"|(?:为什么|怎么)(?:就)?(?:没有|没)的?$"  # 「我喺黄埔点解冇嘅」: why none here
    r"|(?:有啥|有什么)不一样的?$|还有别的[没吗么]?$|也能[^\s]{0,4}[吧吗嘛]$"  # 「…黄埔有啥不一样的」
    # 「…河南过来的 够不够条件」「…那咋领」
    r"|够不?够(?:条件|资格)?$|(?:咋|怎么|怎样|如何)(?:领|办|申请|报名)$"
    r"|(?P<a>[\u4e00-\u9fff])不(?P=a)$"  # 「我住科学城那头 远不远」
    r"|^(?:不对|不是|哦|噢|[搞弄说]错了)*[我俺]?(?:问|说)的是"  # 「不对 我问的是黄埔的」: the question, there
)
# A question about the place just named: 「大观有啥」「在这能申请不」「算吧」.
ASKS_THERE = re.compile(r"有什么$|有啥$|能[^\s]{0,4}[不吗]$|能[^\s]{0,3}多少$|行不$|算吧$|算不$|可以[不吗]$")
# 「换成黄埔」「切回大连」: a change of place said as such, not an ellipsis.
SWITCHES = re.compile(r"换成|换到|切回|切到|切换|改成|改到|改为")


# A place and nothing else: 「宜秀」「大连开发区」「黄埔这边」.
_BARE_PLACE = re.compile(r"[\u4e00-\u9fff]{2,6}?(?:这边|这里|那边|那里|的)?")


# 「人在牡丹江呢」「俺还搁安庆呢」「我是迎江这块的」: where the worker is, told (not 「在杭州呢」 or
# 「我在桐城那边呢」, which ask the last question again for there).
_STILL_HERE = re.compile(
    r"^(?:[我俺额咱](?:人|还|现在|一直|就)*|人还?|还)(?:在|搁|喺)[^\s，,那吗么我俺额咱的话]{1,10}?"
    r"(?:这边|这疙瘩|这里|这儿)?(?:干活|上班|打工|做事|做工|过年|待着|呆着)?(?:呢|嘞)$"
    r"|^[我俺额咱]是[^\s，,那我俺额咱]{1,8}?(?:这边|这块|这疙瘩|这里)的$"
)


def still_here(text: str) -> bool:
    """「人在牡丹江呢」: one clause that tells where the worker is, its 呢 asking nothing."""
    return bool(_STILL_HERE.match(normalise(text))) and one_clause(text)


def asked_there(text: str, result: Result, known: bool) -> bool:
    """Whether a message naming a place asks the last question there (「去黄埔干的话也有吗」), not
    only says where the worker is; so does a bare place (「宜秀」) after an answer for a place known,
    as 「那宜秀呢」 does."""
    if still_here(text):
        return False
    t = normalise(text)
    if asks_again(text) or asks(text.replace("呢", "")):
        return True
    bare = bool(result.place or result.elsewhere) and bool(_BARE_PLACE.fullmatch(t))
    return known and bare and not re.search(r"[我俺咱在住到去回搬调来换切改]", t)


def asks_again(text: str) -> bool:
    """「回大连的话也能学吗」「大观有啥」: a message naming a place that asks, not only says where."""
    t = normalise(text)
    return bool(ASKS_AGAIN.search(t) or ASKS_THERE.search(t))


# 「我调到安庆了 能换成安庆的吗」: after a move told, the switch asked for (no question of its own).
_SWITCH_ASKED = re.compile(
    r"(?<=[了的])[\s,，]*(?:能不能|能|可以|可不可以)?(?:改成|换成|切到|换到|改到)[^\s]{1,8}?的?(?:吗|不|么|嘛)$"
)


# A greeting or a form of address before what is said: 「你好」「老铁」「哥们」「姐妹们」.
_GREETING = re.compile(
    r"^(?:你好|您好|喂|哈喽|在吗|老妹儿?|妹子|大姐|大哥|老铁|老乡|师傅|同志|哥们儿?|兄弟|姐妹们?|我?跟你[讲说])+"
)


def says_where(text: str, anywhere: bool = False) -> bool:
    """「我是在鹤岗打工的」: where the worker is, not an ellipsis; or where they left for or moved;
    ``anywhere``, also in a later clause of a statement (「我中专的 在大庆一家饭店实习」)."""
    # (「你好 我在桐城一个厂上班」「老妹儿 我在大连这疙瘩干活」)
    text = re.sub(r"^\s*(?:算了|不管了)[\s,，。]*(?=\S)", "", text)  # 「算了 过两天我去大连」
    t = _GREETING.sub("", normalise(text))
    t = _SWITCH_ASKED.sub("", t) or t  # 「我调到安庆了 能改成安庆的吗」: a move, and the switch asked for
    if still_here(text):
        return True
    # 「在杭州呢」「我在潜山上班 潜山也有吗」 ask again, for there
    if ASKS_AGAIN.search(t):
        return False
    if SAYS_WHERE.match(t):
        return True
    parts = [normalise(p) for p in CLAUSES.split(text.strip()) if p]
    if len(parts) > 1 and NOW_HERE.match(parts[-1]):
        return True  # 「俺是齐齐哈尔的 在大连干了三年 现在跑到黄埔了」
    if anywhere and (
        _later_says_where(text, parts) or (_WORKS_AT.match(parts[0]) and not _TROUBLE.search(t))
    ):
        return True
    # 「我不在大连干了 现在跑到黄埔」「俺换地方了 去大连了」「换成黄埔 我过两天去」「我是黑龙江的 在大连干」
    first = parts[0] if parts else ""
    moved = LEFT_HERE.search(first) or _MOVED_OR_FROM.search(first)
    return bool(moved or SWITCHES.search(first)) and any(map(SAYS_WHERE.match, parts[1:]))


# 「算了 我就在深圳」「还是算了 我就留在黄埔」: staying where one is, after weighing a move (not
# 「算了 还是在宜秀找」, which asks the last question there).
# 「哦 那我不回了 就留在大连」: not going home, staying where one is.
_STAYS_PUT = re.compile(
    r"^(?:哦|噢|嗯|那|还是)*(?:算了|(?:那|就)?(?:我|俺)?(?:就|也)?不回(?:去|家|老家)?了)(?:不走了|不去了)?(?:那|我|俺)?(?:还是|就)*"
    r"(?:留在|留|在|待在|呆在)[^\s，,找问办领学干]{1,8}?(?:待着|呆着|过年|吧|了)?$"
)


def stays_put(text: str) -> bool:
    """Staying where one is, said after weighing a move or a trip home."""
    return _STAYS_PUT.match(re.sub(r"[\s,，]", "", normalise(text))) is not None


# 「下礼拜去安庆那边进厂」: a move to work in a factory there, not a job sought.
_GOES_TO_WORK = re.compile(r"(?:去|到)[^\s，,]{1,12}?进厂了?$")


# 「我技校的 在大连一家宾馆见习」: where a trainee trains, told (见习 alone asks for no subsidy).
_TRAINS_THERE = re.compile(r"^(?:现在|目前|如今)?在[^\s，,]{2,12}?见习$")


def placed(text: str, result: Result, intent: str) -> bool:
    """A place named as strongly as the topic, a move to work there, where a trainee trains, or
    staying put said after weighing a move."""
    if stays_put(text) or result.scores.get("set_region", 0.0) >= result.scores.get(intent, 0.0):
        return True
    t = normalise(text)
    if _GOES_TO_WORK.search(t):
        return True
    return (
        "见习" in t
        and not HEARSAY.search(t)  # (「…见习 听说有500块」 asks after the money)
        and any(_TRAINS_THERE.match(normalise(p)) for p in CLAUSES.split(text.strip()))
    )


# What a statement of where one works may ask or complain of besides: 「…说好年底结 到今天也没信」.
_TROUBLE = re.compile(
    r"[吗么嘛呢?？]|工资|工钱|欠|拖|没给|不给|咋|怎|啥|什么|哪|裁|辞退|开除|失业|受伤|工伤|加班|全让上|都让上"
)
# 「怀宁那边一个做竹席的厂」: where the worker works, named as the workplace.
_WORKS_AT = re.compile(
    r"^[\u4e00-\u9fff]{2,8}?(?:这边|那边|边上|附近|那块|这块)?(?:一个|一家|的)[\u4e00-\u9fff]{0,8}"
    r"(?:厂|工地|公司|饭店|餐馆|酒店|物流园|小区|超市|车间|食堂|仓库)的?$"  # (「俺们是…木业厂的」)
)


# A later clause that names no place: 「…我在外面过年」「在这过了」.
_NOWHERE = re.compile(r"在(?:外|这|那|家|屋|老家)")


def _later_says_where(text: str, parts: list[str]) -> bool:
    """「活不多 天天歇着 我在宜秀这边」: a statement asking nothing, whose later clause says where (not
    after an ellipsis, 「安庆嘞 俺在那干三年了」)."""
    return (
        not asks(text)
        and not re.search(r"^(?![我俺]).*[呢嘞咧]$", parts[0])  # (「我四川的嘞 …」 is where from)
        and not any(re.search(r"[不没吗么嘛]$", p) for p in parts)  # 「够条件不 我湖南的 在…」
        and any(
            SAYS_WHERE.match(c := _GREETING.sub("", p)) is not None and not _NOWHERE.search(c)
            for p in parts[1:]
        )
    )


def states_where(text: str, result: Result, anywhere: bool = False) -> bool:
    """「我在宁波一个鞋厂上班 做针车的」: where the worker is, said as a statement with no question
    (``anywhere``: in any clause, for a message that opens a dialogue)."""
    # (stays_put: 「现在在大连水产市场干」, where 水产 is where they work, not a topic)
    return (
        bool(result.place or result.elsewhere)
        and (says_where(text, anywhere) or stays_put(text))
        and not asks_beside(text)
    )


# 「…过年不回去了」「今年唔返屋企」: not going home for the holiday, which asks nothing by itself.
NOT_GOING_HOME = re.compile(
    r"(?:今年|过年|春节)?(?:就|也)?(?:不回|没回|唔返|不返|冇返)(?:去|家|老家|屋企|乡下)?(?:过年)?(?:了|喇|啦|咯|嘞)?"
)


# What staying for the holiday is said beside when it asks after money: 「听说有一千块」「补助冇」.
HEARSAY = re.compile(r"听说|真的假的|是真的|补|钱|块|元|千|万|红包|\d")


def only_hinted(text: str, result: Result, intent: str) -> bool:
    """A topic only hinted at (「我在齐齐哈尔一个厂 刚进厂一个来月」), in a message naming no money: what
    a first message that says where is about, rather than the topic."""
    if intent == "greeting":
        return True  # 「你好 我贵州的 在安庆…上班」: a hello, then where
    score = result.scores.get(intent, 0.0)
    t = normalise(text)  # (nor wages owed: 「…说等货款回来再发工资 拖了俩月」)
    return (score <= 1.0 or (score < 2.0 and intent in _TOLD_BY_THE_JOB)) and not (
        HEARSAY.search(t) or _TROUBLE.search(t)
    )


# Topics a worker's job or stay names in passing (学徒, 派遣, 留在这边过年, 关注): weaker than a place
# said beside them, unlike trouble (欠, 没签合同, 孩子在老家) said beside it.
_TOLD_BY_THE_JOB = ("skills_training", "job_services", "stay_subsidy", "subscribe")


def stays(text: str, result: Result, classifier: Classifies) -> bool:
    """「我在牡丹江食堂帮厨 今年不回家了」: where the worker is, and that they stay there over the holiday,
    asking nothing and naming no topic besides (the rest read again with the staying cut out)."""
    if not (
        (result.place or result.elsewhere)
        and NOT_GOING_HOME.search(normalise(text)) is not None
        and (says_where(text) or any(map(says_where, CLAUSES.split(text.strip()))))
        and not asks_beside(text)
    ):
        return False
    rest = classifier.classify(NOT_GOING_HOME.sub(" ", text))
    return not HEARSAY.search(rest.text) and not any(  # (hints below 1 do not count: 做嘢, 送外卖)
        rest.scores.get(topic, 0.0) >= 1.0 for topic in TOPIC_INTENTS
    )


# 「我人在大庆呢 刚调过来」: a 呢 after where one says one is, before more is said, asks nothing
# (「在苏州呢 我在苏州厂里」 does: the same question, there).
_HERE_NOW = re.compile(r"^((?:我|俺|咱)人?[^\s，,。]{1,10})呢(?=[\s，,。]+\S)")


def asks_beside(text: str) -> bool:
    """Whether a message that says where the worker is asks anything too (「我在大观 那边咋说的」)."""
    if still_here(text):
        return False  # (its 呢 asks nothing)
    return asks(_HERE_NOW.sub(r"\1", _SWITCH_ASKED.sub("", text)))


# 「俺换地方了」; 「我是黑龙江的」「我大连人」「家是大庆的」: where from, before where one is now.
_MOVED_OR_FROM = re.compile(r"换(?:了个?)?地[方儿]|^(?:[我俺]是?|[我俺]?家是)\w{2,6}[的人]$")
LEFT_HERE = re.compile(r"(?:不在|没在|离开了?)[\u4e00-\u9fff]{2,8}$")


def left_here(text: str) -> bool:
    """「我不在大连了」「已经离开安庆了」: the worker has left, and says no more."""
    t = normalise(text).rstrip("了啦")
    return (
        bool(LEFT_HERE.search(t))
        and one_clause(text)
        and not re.search(r"户口|户籍|那边|这边|那里|这里|家里", t)  # 「户口不在安庆」 is no move
        and not asks(text)
    )


KIND_ALONE = re.compile(
    r"(?:那|那么)?(?:在|去)?(?:开发区|经开区|高新区|新区)(?:呢|那边呢|那里呢|那块呢|咋样|怎么样)?"
)


def own_city_kind(
    classifier: Classifies, knowledge: Knowledge, text: str, result: Result, region: str | None
) -> Result:
    """「经开区呢」 from a worker in Anqing: Anqing's 经开区. A kind of place alone names no city (nearly
    every city has one), but a worker who asks about one alone after an answer means their city's."""
    if result.place or result.elsewhere or not (kind := PLACE_KIND_IN.search(text)):
        return result
    if kind.group() != "经开区" and not KIND_ALONE.fullmatch(text):
        return result  # (开发区 only asked about alone: 「厂在开发区 户口外省」 tells a condition)
    city = knowledge.city(region)
    if city == NATIONAL:
        return result
    named = classifier.classify(knowledge.region(city).label + kind.group())
    if named.place is None or knowledge.city(named.place) != city:
        return result
    return dataclasses.replace(result, place=named.place, region=named.region)
