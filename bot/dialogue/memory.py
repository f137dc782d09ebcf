"""What the bot remembers of a conversation, and how a short follow-up turn is read against it.

Per worker: the last topic answered, the place it was answered for, when, and whether the full
text was given. It lives in the user's row (``users.state["memo"]``), so it costs no query of its
own: the turn already reads and writes that row. It expires after ``MEMO_TTL`` seconds; a worker
who comes back later starts afresh.

A turn resolves against the memo only when the message itself names no topic:

- a place and an ellipsis (「那大连那边呢」「黄埔呢」) → the same topic, for that place;
- a fragment about the last answer (「要带啥材料」「钱打到哪」「还有呢」「详细」) → the same topic,
  in full this time.

A message that names a topic is always taken at its word (「那法律援助呢」 is legal aid, at the
place already known).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..ids import TOPIC_INTENTS
from ..nlu.classifier import Result, normalise
from ..numbers import parse_amount
from ..storage.store import User
from .whereabouts import ASKS_AGAIN, ASKS_THERE, SWITCHES
from .wording import CLAUSES, asks

MEMO_TTL = 30 * 60
# Below this confidence a request for a number may be a fragment about the last answer (「去哪个窗口」).
SURE_REQUEST = 0.95
STATUS_SURE = 3.0  # complaint_status named less strongly than this may be about the last answer
MEMO_KEY = "memo"
# A topic named this weakly in an ellipsis after an answer is what it asks about (「孩子那个呢」).
HINT_MIN = 0.5
HINT_MAX_CHARS = 8  # (or a topic the last message also asked; 「我老家不是中高风险的 那我呢」 is no hint)

# 「详细」 and its kin ask for the rest of the last answer.
MORE = re.compile(
    r"^还有(别的|其他|其它|啥|什么)(招|办法|法子|路子|门路)(没|吗|不|没有|么)?$|"
    r"^(意思是|也就是说|那就是说|你是说|就是说|说白了).{0,12}(呗|吧|吗|啊|是吧)$|"
    r"^(还有(啥|什么))?(请|麻烦)?(说|讲|唠)?(得)?(详细|具体|仔细|展开|完整)(一)?(点|些|的|说说|讲讲|说|讲|看看|内容|步骤|情况)*(呢|吧|啊)?$"
    r"|^(?:嗯+|哦+|好的?)?(还有|还有呢|还有吗|还有别的吗|还有啥|还有什么|然后呢|接着说|继续|继续说|多说点|再说说|全部|全文|再?(?:说|讲)多一?点|再?多(?:说|讲)一?点)$"
    r"|^(?:就这些|就这么多|就这么点|就这)(?:吗|啊|呀|么|了吗|了)?$"  # 「就这些？」: surely there is more
    r"|^(xiangxi|xiangxidian|xiangxiyidian|juti|jutidian|haiyou|haiyoune|jixu|quanbu)$"  # typed in pinyin
)
# 「没看懂 再说一遍」「字太多 简单点说」: the last answer again, short.
# 「同样的问题」 after a move: the last question, asked again (where the worker now is).
AGAIN = re.compile(
    r"再说一[遍次]|再讲一[遍次]|没看懂|看不懂|没听懂|没记住|简单点|说简单|字太多|^(?:还是)?(?:同样|一样)的(?:问题|事)(?:呢|啊)?$"
)


def wants_it_again(text: str) -> bool:
    t = normalise(text)
    return len(t) <= FRAGMENT_MAX_CHARS and bool(AGAIN.search(t)) and not re.search(r"号码|电话", t)


# Where to do it online: 「网址发我」「链接发给我」.
WHERE_ONLINE = re.compile(r"网址|网站|链接|二维码|小程序|app|公众号|网页")
# Words that mark a fragment as asking about the subject just answered.
FOLLOW_UP = re.compile(
    # Any question word: an unrecognised question just after an answer is most likely about it
    # (「户籍有啥要求」「直播间几点开」「找哪个部门」). Callers pass the text with dialect respelled
    # (啥 → 什么, 咋 → 怎么, 冇 → 没有, 俾 → 给, 几时 → 什么时候, 边度 → 哪里), so one spelling will do.
    r"什么|哪|几|谁|怎么|多少|多久|好久|多长时间|是不是|会不会|可不可以|行不行|要不要|需不需要|能不能|"
    r"够不够|符不符合|算不算|有没有|吗$|嘛$|么$|没$|不$|没有$|呢$|可以吗|行吗|有吗|有用吗|还是|好多钱|"
    r"是吧$|对吧$|才行吧$|才可以吧$|([\u4e00-\u9fff])不\1|"  # (A-not-A anywhere: 「入场使唔使俾钱」)
    # what the answer was about: its steps, papers, money, place and time
    r"详细|具体|还有|然后|继续|材料|证件|手续|流程|步骤|条件|符合|够格|有份|轮得到|能领|能拿|也能|也有|"
    r"拿得到|领得到|还给|还配|还发|另外还|又给|到账|到手|电话|报名|申请|办理|打到|打给|发给|要钱|收费|"
    r"免费|收钱|准备|要求|靠谱|真的|确定|那现在|那我|网上|线上|线下|能办|办吗|证据|"
    # who gets it: 「钱给我本人吗」「是给我还是给厂里」 (and Cantonese the table leaves: 点搞, 乜)
    r"给我|本人|个人|自己|给厂|给企业|给单位|给公司|给老板|发我|要些|点搞|乜|^那[我俺咱]们?呢$|"
    + WHERE_ONLINE.pattern
)
# A topic message that asks for the steps and papers gets the whole answer at once.
DETAILS = re.compile(
    r"材料|步骤|流程|手续|证件|证据|凭据|带啥|带什么|准备什么|准备啥|详细|具体|[说讲]细|细[点些]|细一点|网址|网站|链接|官网"
)
# A fragment whose topic rests on one generic word (补贴, 证据) counts this little.
WEAK_SCORE = 0.8
# An ellipsis: 「那……呢」「……呢」「……那边」.
ELLIPSIS = re.compile(
    r"^那|[呢嘞咧][吗啊呀]?$|那边|那里|这边的|的话?$|怎么样$|咋样$|如何$|有没有$|有吗$|有不$|有没得?$|有冇$|[问说]的是"
    r"|一样吧$|也一样$|一样不$|也想问这个$|也想问$"
    # 「小孩那个咋弄」「孩子那块咋弄」: the other thing asked, what about it
    r"|(?:那个|那块|这块|的事)(?:怎么|咋)(?:弄|办|搞|整)[嘛呢啊呀]?$"
)
PINYIN_ELLIPSIS = re.compile(r"^\s*na\b|\bne\s*[?？]?\s*$")
FRAGMENT_MAX_CHARS = 16
ASIDE_MAX = 2.0  # a topic named no more strongly than this beside a leading ellipsis is an aside
# The phone number the last answer gave: 「打那个电话要钱不」.
THAT_PHONE = re.compile(r"(那|这)个.{0,4}(电话|号码|热线)|(那|这)(电话|号码|热线)|^打?(那|这)个?号")
# A sum of money as workers write it: 「500块」「一千块钱」「2000元」.
AMOUNT = re.compile(r"(\d+(?:\.\d+)?|[一二两三四五六七八九十百千万]+)\s*(?:块|元|蚊)|\d{3,}")


def amounts(text: str) -> list[str]:
    """The sums a message names, as an answer writes them (「一千块」 → "1000")."""
    found = []
    for m in AMOUNT.finditer(text):
        value = parse_amount(m.group(1) or m.group())
        if value and value >= 10 and not 12300 <= value < 12400:  # (12333, 12348: hotlines)
            found.append(str(value))
    return found


# Words too common to tie a message to the answer that also holds them.
COMMON_WORDS = frozenset(
    [
        "我们",
        "你们",
        "他们",
        "这个",
        "那个",
        "什么",
        "怎么",
        "可以",
        "没有",
        "是不是",
        "过年",
        "春节",
        "现在",
        "知道",
        "还有",
        "就是",
        "一个",
        "这边",
        "那边",
        "时候",
        "问问",
        "一下",
        "谢谢",
        "的话",
        "自己",
        "工作",
        "上班",
        "打工",
    ]
)


def picks_up(words: list[str], answer: str) -> bool:
    """A word of the message, not too common, that the answer holds too."""
    return any(len(w) >= 2 and w in answer and w not in COMMON_WORDS for w in words)


# A plain request for a number (「电话多少」「给个电话」) is one for the hotlines, unless it is tied to
# the case just answered (「不给的话打哪个电话」).
PHONE_WORD = re.compile(r"电话|号码|热线")
NOTE_THE_NUMBER = re.compile(r"再说一[遍下次]|再给我?说|又忘|忘了|记一下|记下|记本|拿笔|搞混|来着|是多少")
IF = re.compile(r"的话|要是|如果|万一")
# 「能打电话问吗」「除了打电话还能找谁」: about calling the ones just named, not a request for a number.
CALL_THEM = re.compile(r"能打电话|可以打电话|打电话(?:问|能|行|可以)|除了")
WHICH_NUMBER = re.compile(r"多少|号码|几号|哪个号")
# Asking for a person, not for a number: 「转人工」「有没有真人」.
A_PERSON = re.compile(r"人工|客服|真人|活人|转人|工作人员|接线|找个人问|找人问")
# Where to go for what the last answer said: 「去哪个窗口」「在哪办」.
WHERE_TO_GO = re.compile(r"哪个窗口|什么窗口|去窗口|窗口办|去哪|哪里办|在哪办|哪儿办|去哪办")
# A fragment about the money itself: 「钱打给谁」「这笔补贴给谁」.
MONEY = re.compile(r"钱|补贴|补助|红包|慰问金|工资|工钱")
MONEY_SUBJECT = re.compile(r"^(那|这|这笔|那笔|这个|那个)?(钱|补贴|补助|红包|款)")


@dataclass(frozen=True)
class Memo:
    topic: str
    region: str | None
    at: float
    detailed: bool = False
    others: tuple[str, ...] = ()  # further topics the same message asked
    first: str | None = None  # the conversation's first topic, when another was answered since


def recall(user: User, now: float) -> Memo | None:
    raw = (user.state or {}).get(MEMO_KEY)
    if not isinstance(raw, dict) or now - float(raw.get("at", 0)) > MEMO_TTL:
        return None
    return Memo(
        str(raw["topic"]),
        raw.get("region"),
        float(raw["at"]),
        bool(raw.get("detailed")),
        tuple(raw.get("others") or ()),
        raw.get("first"),
    )


def keep(user: User, memo: Memo) -> None:
    state = dict(user.state or {})
    raw: dict[str, object] = {"topic": memo.topic, "region": memo.region, "at": memo.at}
    if memo.detailed:
        raw["detailed"] = True
    if memo.others:
        raw["others"] = list(memo.others)
    if (was := recall(user, memo.at)) and (first := was.first or was.topic) != memo.topic:
        raw["first"] = first  # (the same conversation: its first topic stays known)
    state[MEMO_KEY] = raw
    user.state = state


# 「我还是问回第一个」「回到最开始 那个1000是给谁的」: the conversation's first question again.
BACK_TO_FIRST = re.compile(r"(?:第一个|最开始|刚开始|一开始|最早|头一个)(?:问的?|说的?)?(?:那个|的)?")


def back_to_first(text: str, memo: Memo) -> str | None:
    # (with one topic so far, the first answer is the last: 「你一开始说的那个网址呢」 after chat)
    said = BACK_TO_FIRST.search(normalise(text))
    return (memo.first or (memo.topic if "开" in said[0] else None)) if said else None


def forget(user: User) -> None:
    if user.state and MEMO_KEY in user.state:
        state = dict(user.state)
        state.pop(MEMO_KEY)
        user.state = state or None


# 「第二个呢」「另外那个问题呢」: the other question of a message that asked two.
SECOND = re.compile(
    r"^(那|还有|再说说|说说)?(第二个|第2个|第二|另一个|另外一个|另外那个|后面那个|后面一个|后一个|后面的|还有一个)"
    r"(问题|事|事情)?(?:(?:再|你再|能不能|可以)?(?:给我)?(?:说说?|讲讲?)?得?(?:细点|细一点|细些|详细点?|详细一点|"
    r"具体点?|具体一点|清楚点))?"  # 「第二个说详细点」: that one, in full
    r"(呢|咋说|怎么说|的呢|咋办|怎么办|你?还没回答?|你?还没说|没回答?)?[吗嘞啊呢吧]?$"
)


def asks_second(text: str) -> bool:
    return bool(SECOND.match(normalise(text)))


# 「意思是钱给公司不给我？？」: the last answer, restated as a question.
RESTATES = re.compile(r"^(?:意思是|也就是说|那就是说|你是说|就是说|所以说?)")


def wants_more(text: str) -> bool:
    """「详细」「还有呢」: the rest of the last answer."""
    t = normalise(text)
    return bool(MORE.match(t) or (RESTATES.match(t) and text.rstrip().endswith(("?", "？"))))


def is_follow_up(text: str) -> bool:
    """A short fragment that only makes sense about the last answer (「要带啥材料」「钱打到哪」)."""
    t = normalise(text)
    if len(t) > FRAGMENT_MAX_CHARS:  # 「俺是河南农村的 初中毕业 够条件不」: the asking clause is the fragment
        parts = CLAUSES.split(text.strip())
        return len(t) <= 2 * FRAGMENT_MAX_CHARS and any(
            (0 < len(p) <= 12 and bool(FOLLOW_UP.search(p)))
            or (len(p) <= FRAGMENT_MAX_CHARS and ELIGIBLE.search(p))
            for p in (parts[0], parts[-1])
        )
    asks = text.rstrip().endswith(("?", "？"))  # 「钱打哪 打厂子账上？」
    asks = asks or normalise(CLAUSES.split(text.strip())[0]).endswith(("呢", "嘞"))  # 「初五呢 初五也上」
    return 0 < len(t) <= FRAGMENT_MAX_CHARS and bool(asks or FOLLOW_UP.search(t) or ELLIPSIS.search(t))


# Up to this long, a message that names nothing and asks nothing after an answer adds to the story.
STORY_MAX_CHARS = 10


def goes_on(text: str, heard: str, result: Result) -> bool:
    """A message the rules left unknown that goes on with the last answer's topic: more of it (「详细」),
    a fragment about it (「钱打到哪」), or a few words that add to the story (「腿脚不好」「她腰也闪了」
    after the family answer; measured: longer ones are as often something else)."""
    if wants_more(text) or is_follow_up(heard):
        return True
    said = not (result.scores or result.place or result.elsewhere) and not asks(text)
    return said and 0 < len(normalise(text)) <= STORY_MAX_CHARS


def wants_details(text: str) -> bool:
    """「法律援助要带啥材料」: the whole answer, not the first screen."""
    return bool(DETAILS.search(text))  # the raw text will do: a cheap test run on every topic turn


def about_last_answer(text: str, result: Result) -> bool:
    """A fragment the rules read as a command, which is about the last answer: 「钱打给谁」 (read as a
    request for a number) asks where that money goes; 「网址发我下」 (a weak hint of subscribing)
    asks for the website the answer named."""
    if result.intent not in ("human_agent", "subscribe", "unsubscribe"):
        return False  # (checked first: this runs on every turn after an answer)
    t = normalise(text)
    if len(t) > FRAGMENT_MAX_CHARS and not (len(t) <= 2 * FRAGMENT_MAX_CHARS and amounts(t)):
        return False
    unsure = result.score < SURE_REQUEST
    if result.intent == "human_agent" and NOTE_THE_NUMBER.search(t):
        return False  # 「那个电话再说一遍 我记本上」: the numbers themselves, as a list
    if result.intent == "human_agent" and (
        MONEY_SUBJECT.match(t)
        or amounts(t)  # 「那500块是给俺个人的还是给厂子的」
        or THAT_PHONE.search(t)
        or (WHERE_TO_GO.search(t) and unsure)
        # 「咋联系」「不给的话打哪个电话」: the number for what was just answered (which the answer gives)
        or (
            len(t) <= 12
            and not A_PERSON.search(t)
            and not re.search(r"\d{5}", t)  # 「那我打12333问行不行」 asks about the hotline itself
            and (
                not PHONE_WORD.search(t)
                or IF.search(t)
                or (CALL_THEM.search(t) and not WHICH_NUMBER.search(t))
            )
        )
    ):
        return True
    # (not when it asks plainly to subscribe: 「订阅一下 有新补贴告诉我」)
    if (
        result.intent == "subscribe"
        and result.scores.get("subscribe", 0.0) < SETTLES
        and (WHERE_ONLINE.search(t) or MONEY.search(t) or amounts(t))
    ):
        return True  # nobody subscribes by asking for a link, or where money is sent (「钱发给我还是厂里」)
    return result.score < WEAK_SCORE and result.intent in ("subscribe", "unsubscribe") and is_follow_up(t)


# 「不对吧 我老乡说拿了两千」「你们说的不准 …」: doubting the answer just given.
DOUBTS = re.compile(r"^(?:不对吧|不是吧|不可能吧?|瞎说|骗人)|说的?(?:不准|不对|有问题)")


def doubts(text: str) -> bool:
    return DOUBTS.search(normalise(text)) is not None


# 「大连这边有什么帮助吗」 after an answer: what there is for it at the place named.
HELP_THERE = re.compile(
    r"(?:有|有没有|有啥|有什么|能有|能给)(?:什么|啥|哪些|点)?(?:帮助|帮扶|帮忙|照顾|政策|办法)"
)


def asks_help_there(text: str, result: Result) -> bool:
    """A greeting's generic 「有什么帮助」 beside a place, which after an answer asks it there."""
    return (
        bool(result.place)
        and result.intent == "greeting"
        and result.scores.get("greeting", 0.0) < SETTLES
        and HELP_THERE.search(normalise(text)) is not None
    )


# 「那投诉呢」「投诉的话呢」: complaining about unpaid wages, asked after another answer (20 of 20
# labelled turns), not after a complaint filed.
HOW_TO_COMPLAIN = re.compile(r"^(?:那|那要是|要是)?(?:去)?投诉(?:的话)?(?:呢|咋弄|怎么弄|咋办|怎么办)?$")


def weak_status(result: Result) -> bool:
    """「多久能受理」「那投诉呢」: read as asking after a filed complaint on words that are as much
    about the topic just answered (no 「进度」「我的投诉」)."""
    return result.intent == "complaint_status" and result.scores.get("complaint_status", 0.0) < STATUS_SURE


# 「孩子能参加不」「家里老人也能免费进吗」 after an answer: whether one's family may have it too, which
# is a question about that answer, not about family care.
KIN_TOO = re.compile(
    r"^(?:那|我|俺)?(?:家里|屋里)?的?(?:孩子|小孩|娃娃?|老人家?|爸妈|父母|我爸|我妈|老婆|媳妇|老公|爱人|对象|家属|家里人|一家人)们?"
    r"(?:也|还)?(?:能|可以|能不能|可不可以|有没有|有)(?:免费)?(?:参加|进去?|去|领|拿|享受|用|报名|玩)?(?:吗|不|没|么|嘛)?$"
)


def kin_too(text: str) -> bool:
    return KIN_TOO.match(normalise(text)) is not None


def is_weak_follow_up(text: str, result: Result) -> bool:
    """A short fragment whose topic rests on one generic word (「有补贴没」「要准备啥证据」); or who
    the worker is, asking if that counts (「我户口外省的 一线普工 算嘛」: 普工 is no job search)."""
    if result.score < WEAK_SCORE:
        return is_follow_up(text)
    return bool(COUNTS.search(normalise(text))) and result.scores.get(result.intent, 0.0) < SETTLES


# 「我在物流园开叉车的算不算一线的」: whether the worker counts, in a clause of its own.
ELIGIBLE = re.compile(r"算不算|够不够|符不符合|算吗|算嘛|够格|有份|轮得到")
# 「…算嘛」「…符合不」: does what the worker just told count, for what was just answered.
COUNTS = re.compile(
    r"(?:算|符合|够格|够条件|有份|轮得到)(?:吗|嘛|么|不|没|吧)?$|算不算$|符不符合$"
    r"|也?一样(?:吗|嘛|么|不|没)$|也一样$"  # 「我们是劳务派遣的 也一样吗」
)
SETTLES = 3.0  # a topic named this strongly settles the message alone (see the intents' files)


def is_ellipsis(text: str) -> bool:
    """「那大连呢」「黄埔那边的呢」 (or in pinyin, 「na da lian ne」): the same question, somewhere else."""
    t = normalise(text)
    if t.isascii():
        return bool(PINYIN_ELLIPSIS.search(text.lower()))
    if SWITCHES.search(t) and not ASKS_AGAIN.search(t):
        return False  # 「那切回黄埔」 moves; 「换成黄埔那边呢」 asks the same there
    first = normalise(CLAUSES.split(text.strip())[0])  # 「潜山呢 我表姐在潜山」
    return 0 < len(t) <= FRAGMENT_MAX_CHARS and bool(ELLIPSIS.search(t) or first.endswith(("呢", "嘞")))


def leads_with_ellipsis(text: str) -> bool:
    """「那佛山呢 他之前在佛山也有一笔没要回来」: an ellipsis, then an aside about why it is asked."""
    parts = [p for p in CLAUSES.split(text.strip()) if p]
    if len(parts) < 2:
        return False
    first = normalise(parts[0])
    if SWITCHES.search(first) and not first.endswith(("呢", "嘞")):
        return False  # 「换成黄埔 我过两天去」 moves; 「那换成哈尔滨呢 我哥在那边」 asks there
    return 0 < len(first) <= 10 and (first.endswith(("呢", "嘞")) or bool(ASKS_AGAIN.search(first)))


# Where the worker's family lives: 「我家在怀宁县」「俺老家是桐城的」.
FAMILY_HOME = re.compile(
    r"^(?:我|俺)?(?:家|老家|家里|屋里|屋头|小的那个|大的那个|小的|老大|老二|孩子|娃|老人|爸妈|父母|老婆|媳妇)"
    r"(?:人)?(?:还|都|也)?(?:在|是|就在|留在)"
)
# Where the work was done, said after an answer: 「活是在安庆干的 老板也在安庆」 (「公司在深圳」 says where).
WORKED_THERE = re.compile(r"^(?:那个?)?(?:活|活儿|工程|工地)(?:是|也|都|就)?在")


# 「好 我打过去」: an OK, then what the worker will do next; or putting things off (「…先这样」).
CLOSER = re.compile(
    r"^(?:好|行|哦|嗯|中|ok|那好|那行|那中|好的|好嘞|行吧|要得|晓得了|知道了|明白了|可照|照|可以|得嘞|得|谢谢|谢了|多谢)[\s,，。!！~]*"
    r"(?:谢谢|谢了|多谢)?[\s,，。!！~]*(?:那)?(?:[我俺额]|到时候|回头|改天|有空|明天|明儿|后天|过两天|过几天|晚点|下午|今晚)"
    r"|(?:先这样|就这样|先咁|先这么着|(?:回头|改天|以后|下次|过后|到时候)再说|(?:先|我先)?(?:挂了|下了|撤了)"
    r"|(?:过两天|过几天)再来(?:整|弄|搞)?)[吧了啊哈]?[\s。!！~]*$"
    # 「先不登记了 我去问问老乡」: the form declined for now, to ask around first
    r"|^先不(?:登记|投诉|弄|报|填|办)了?吧?(?:[我俺](?:先|再|去)?(?:问问|想想|考虑|商量)\S{0,6})?$"
    # 「哦 行」「中 好」「哦 那没我啥事了」
    r"|^(?:好的?|行|哦|噢|嗯|中|ok)(?:好的?|行|中|嗯|吧|了|啦|哈|呢|呐|哪)+$|没[我俺](?:啥|什么|么)事了?[呗吧啊]?$|都?没[我俺]的?份了?$"
    # 「哦 那俺领不到了」: what was asked after is not for the worker
    r"|^(?:哦|噢|唉|那)*[我俺]?(?:就|也)?(?:拿不到|领不到|领不了|拿不了|没戏)了[呗吧啊]?$"
    # 「工钱的事我先自己找老板说吧 谢了」: what the worker will do, and thanks
    r"|(?:[我俺]先|[我俺]自己|[我俺]还是)[^，,。？?]{0,16}吧[\s,，。!！~]*(?:谢谢|谢了|多谢)(?:你|您)?[啊哈了啦]?[\s。!！~]*$"
    # 「谢谢你啊闺女」: thanks, with who is thanked; 「那白搭」「那没意思」「…再说吧」: nothing more to ask
    r"|^(?:(?:明白了?|知道了|懂了|晓得了|好的?|行|嗯|哦)[\s,，。!！~]*)?(?:谢谢|多谢|谢了|感谢)(?:你|您)?(?:啊|呀|哈|了)?"
    r"(?:闺女|姑娘|小同志|妹子|妹儿|同志|老师|小妹|大姐|师傅|小伙子|兄弟)?[\s。!！~]*$"
    r"|白[搭瞎][了啊]?$|^白[搭瞎]|没意思[了啊]?$|^没劲|再说吧$|^(?:妥|妥了|妥妥的?|照)[\s。!！~]*$"
    # 「哦 代表才有啊」「哦 又是给企业的」「就送个福字啊…」: the answer taken in, and it is not for them
    r"|^(?:哦|噢|唉)[\s,，]*(?:原来)?\S{1,6}才(?:有|能|行)[啊呀啦哦]?$|^(?:哦|噢|唉)[\s,，]*又是\S{1,8}$"
    r"|^就(?:送|给|发)(?:了)?(?:个|点)\S{1,4}(?:啊|呀|嘛)?[.…。]*$"
    r"|^(?:哦|噢|唉)[\s,，]*(?:是)?(?:发)?给(?:厂里|企业|公司|单位|老板)的[啊呀啦哦]?$"  # 「噢 是给企业的」
    # 「还好还好 这个跑不掉」「我就知道 这老板抠得很」「还行 有总比没有强」: a reaction, then a remark
    r"|^(?:哦|噢)?[\s,，]*(?:还好|太好了|那就好|那还好|还行|不错|挺好|那也行|我就知道|早知道|果然)(?:还好|不错|了|啊|呀)*"
    r"[\s,，。!！…~]*\S[^?？]{1,14}$|没劲|不问了[吧啊]?$"  # 「不错不错 初一带老婆去逛逛」「…没劲 不问了」
    r"|^那?[我俺](?:先|就|还是|明天|回头)*去\S{1,8}(?:问问|问一下|问下|打听打听?)[吧了啊]?$"
    # 「要是明天还不给 我再来找你」「那我打12333问吧 谢谢」: coming back later, or a plan and thanks
    r"|[我俺]?再来(?:找你|问你?|问问)?[吧啊哈]?[\s。!！]*$"
    r"|^那?[我俺](?:先|就|还是)*(?:打|去|找)\S{0,10}吧[\s,，。!！]*(?:谢谢|多谢|谢了)[\s。!！]*$"
    r"|^那?[我俺](?:先|就|还是)?(?:打|去)\S{0,10}吧[\s,，。!！]*(?:谢谢|多谢|谢了)?[\s。!！]*$"
    # 「哦 那还是先问厂里吧」: asking someone nearer first; 「那挺好 一样就行」: content with the answer
    r"|^(?:哦|噢|嗯|好|行)?[\s,，]*那?[我俺]?(?:先|就|还是)+(?:去)?(?:问问?|找)(?:厂里|单位|老板|公司|人事|工头|包工头|班长|领导|社区|村里)吧"
    r"|^那?挺好的?[\s,，]*(?:一样就行了?)?[\s。!！~]*$|一样就行了?[\s。!！~]*$"
    # 「先等两天看 不告了」: waiting, not filing after all; 「行 回头过去瞧瞧」: going to see for oneself
    r"|^(?:中|好|行|嗯)?[\s,，]*那?[我俺]?(?:年后|明天|回头|过两天|改天)?过?去(?:瞅瞅|瞧瞧|看看)[吧啊]?$"
    r"|^(?:那|我|那我)?先?(?:等等看|再等等|等一等|等等再说)|(?:先|就|还是)?不(?:投|投诉|告|告了他|登记|报)了[吧啊哈]?$"
    # 「暂时不想投诉 睇下先」: not filing yet; 「没有 我就随便看看」: only looking
    r"|^[我俺]?(?:暂时|先)?(?:不想|不打算)(?:投诉|告|登记)[住先了]?[\s,，]*(?:看下先|看看再说|看看先|再看看)?$"
    r"|^(?:没欠|没有|没)?[\s,，]*[我俺]?(?:(?:就是?|只是)随便|就是?|只是|随便)看看[的吧啊哈]?$"
)
CLOSER_MAX = 3.0  # a topic named this strongly is a new question, not a plan


def closes(text: str, result: Result) -> bool:
    t = normalise(text).lower()
    return (
        bool(CLOSER.search(t))
        and (not asks(text) or re.fullmatch(r"[嗯好][呢呐哪]", t) is not None)  # northern 「嗯呢」: yes
        and max((v for k, v in result.scores.items() if k not in ("greeting", "smalltalk")), default=0.0)
        < CLOSER_MAX
    )


def only_an_aside(text: str, result: Result, asked: list[str]) -> bool:
    """「那安庆呢 我闺女在安庆也是一个人」: a place ellipsis first, and no topic named strongly after it."""
    return (
        bool(result.place or result.elsewhere)
        and leads_with_ellipsis(text)
        and max((result.scores.get(t, 0.0) for t in asked), default=0.0) < ASIDE_MAX
    )


# 「要外地户口是吧」「要户口在安徽外面才行吧」: a condition, said to be checked.
TAG_QUESTION = re.compile(r".{2,}(?:是吧|对吧|才行吧|才可以吧|是不是)$")


def asks_after_all(text: str, result: Result) -> bool:
    """A message read as thanks that asks: it checks a condition, or asks again at a place named; or
    goes back to a place or to one it names (「算了 还是问大连的吧」「算了 过完年我去开发区」)."""
    t = normalise(text)
    asks = TAG_QUESTION.search(t) or MORE.match(t)  # (「好的 还有吗」: the OK asks for more)
    there = result.place and (ASKS_AGAIN.search(t) or ASKS_THERE.search(t) or PLACE_AFTER_ALL.search(t))
    return bool(asks or there)


PLACE_AFTER_ALL = re.compile(r"^算了.*(?:还是(?:说|问|按|看)|[我俺](?:要|得)?(?:去|回|到|搬))")


def hinted_topic(result: Result) -> str | None:
    """The topic a message names too weakly to be a question of its own (「孩子那个呢」: 0.9 for
    family care), which an ellipsis after an answer asks about."""
    topic, score = max(
        ((k, v) for k, v in result.scores.items() if k in TOPIC_INTENTS),
        key=lambda kv: kv[1],
        default=("", 0.0),
    )
    return topic if score >= HINT_MIN else None
