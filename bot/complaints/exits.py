"""Leaving the complaint form, pausing it or going on: what a message at a step says about the form
itself rather than the step (「不弄了 取消」「我跟家里商量下」「不取消 继续」)."""

from __future__ import annotations

import re

from . import summary
from .fields import Field
from .reading import PARTICLES, QUESTION, UNSURE, WEAK_SKIP, WHY_ASKED, answers_step, names_or_places
from .values import clauses, find_values

# Leaving the form. A cue anywhere in a clause (「不弄了 取消」「退出吧 不要了」「先不登记了」), with the
# other clauses only filler (「回头问问老乡」「再想想」); 「不取消」 keeps going.
LEAVE_CUE = re.compile(
    r"取消|退出|放弃|(?<![忘漏少多没])算[了啦](?![一下算\d零一二两三四五六七八九十几]|就?[写填按记])|(?<!零头)(?<!零钱)不要了|不用了|先不|懒得|没必要"
    r"|撤销|撤回|(?:这个|这条|这张|投诉)撤(?:了|掉)"  # 「这个撤了」 (not 「我先撤了」, going off)
    r"|不(?:想|要|用|使|再|打算|准备)?(?:填|弄|登记|登了|投诉|举报|搞|办|整|告(?!诉|知)|写|提交|申请|继续|报(?![名销警]))|拉倒"
    # (「我爸说先别投 …这个先停了吧」「先别了 我问问老板」)
    r"|别(?:填|弄|登记|登了|投诉|投(?!资|保)|搞|办|整)|先停|停了吧|先别了|^别了$"
    r"|(?:以后|回头|改天|下次|下回|过两天|过几天|等等|晚点|明天|有空|到时候)再(?:说|填|弄|登记?|来|办|搞|投诉|告)?(?![给发补])"
    r"|再说(?:吧|了|啦)?$|^不了$"  # (「不了 我先打电话问问」)
)
REPORTED = re.compile(
    r"(?:老板|老细|工头|包工头|老总|经理|领导|厂里|公司|他|她)(?:[^\s，,。]{0,6}?(?:打电话|发消息|回话|回消息))?"
    r"(?:说|讲|(?<!电)话|讲的|说的)"  # 「工头刚打电话说初八给钱」
)
OTHER_OBJECT = re.compile(
    r"(?:取消|退出|关掉|关闭)(?:订阅|推送|通知|关注|提醒|消息|群)"
    r"|(?:订阅|推送|通知|关注|提醒|消息|群)[^，,\s]{0,4}(?:取消|退出|关掉|不要|别发|不用)"
    # 「…名字不用写了」「名字不用了」: step 7 skipped
    r"|(?:名字|姓名|称呼)[^，,\s]{0,3}(?:(?:不用|不想|不)(?:写|填|留)|不用了|不要了)"
)
STRONG_LEAVE = re.compile(r"取消|退出|放弃|不(?:想|要|用)?(?:登记?|投诉?|举报|告(?!诉|知)|弄|办|搞)")
# 「修改 6 …」「改第三项 …」 first: whatever follows says why the item is changed.
EDIT_FIRST = re.compile(
    r"(?:修[改该]|改)(?:一下|下)?\s*第?\s*[1-7一二三四五六七]\s*[项个条步]?(?![\d.万千百块元月号下])"
)
NOT_YET = re.compile(r"先不(?:提交|确认|交|发)|(?:以后|回头|改天|明天|晚点)再(?:提交|确认|交|发)")
KEEP_GOING = re.compile(
    r"(?:不|别|不要|不用|没|没有|不是|没说|不想)要?(?:取消|退出|放弃|算了)|不是不想?(?:填|弄|登记|投诉)"
)
CONTINUE = re.compile(
    r"(?:(?:刚才|刚刚|之前|前面)?(?:那个|那张|的)*)(?:继续|接着)(?:填|登记|弄|来|写|整|搞|吧)*|(?:我)?还要(?:填|登记|投诉)"
    r"|(?:搞忘了?|忘了)(?:你)?(?:刚才|刚刚)?(?:问|说)(?:的|到)?(?:啥子?|什么|哪儿?)了?"  # 「忘了刚刚问啥」
    # 「我回来了 填到第几步了」「刚才讲到哪儿了」
    r"|(?:[我俺]?回来了?[\s,，]*)?[我俺]?(?:这|这个|那个)?(?:(?:刚才|刚刚|之前)[填说讲弄]?|[填说讲弄])到哪(?:了|一步了?|儿了?)?|[我俺]?回来了?"
    # 「刚刚在弄的那个表」: the form left for a moment
    r"|(?:我|俺)?(?:刚才|刚刚|之前|前面)(?:在|正在)?[填弄写登]记?(?:的|那个)*(?:投诉|表)?(?:的|那个)*"
    r"|(?:我|俺)?(?:那个|的)?(?:投诉|表|登记)还?没[填弄写登]完"  # 「我的表还没填完」
)
PAUSE = re.compile(
    r"(?:我|俺|你|那|那我|那就|还是|先|就|再|得|要|回去|回家|回头|跟|和|去|等我|让我|这个|这"
    r"|家里人?|家人|老婆|媳妇|老公|工友|老乡|朋友|他们|等(?:他|她|他们|工友|老乡)回来)*"
    r"(?:问问|问一下|问下|去问问|去问|商量|考虑|想想|想一想|琢磨|打听|等等|等一下|等下|等会儿?|稍等|找找|核实"
    r"|翻翻|翻一下|算算|算一下|(?:一会儿?|待会儿?|等会儿?|晚点|回头|过会儿?)再(?:来|弄|填|搞)"
    r"|打电话问问|打个电话问问|打电话问一下|打电话问下|暂停|数一下|数数|数一数|不是现在|现在不"
    r"|接个?电话|接一下电话)"  # 「等下 我先接个电话」
    # 「等下 我翻翻记工本」 (not 查一下: 「查一下我那个投诉」 asks)
    r".{0,8}"
)
ACK = re.compile(
    r"(?:那|那我|我|俺)?(?:好的?|好吧|好嘞|行|行吧|中|嗯+|哦+|噢|ok|收到|知道|晓得|懂|明白|要得|可以|没问题|哈+"
    r"|谢谢?|多谢晒?|唔该晒?|感谢|麻烦|辛苦|拜拜?|再见|先这样|新年快乐|过年好|先下|下线|先走|先忙|去?试试看?|有事再(?:找|问|联系)"
    r"|那个|这个|呃+|额+)+"  # (「嗯 那个」: a hesitation)
    r"(?:你们?|您|老铁|兄弟|哥们|大哥|大姐|师傅|啊|了|呐|呢|哪)*"
)
# 「在吗」 before what the message says: a hello; and a look taken first, then on (「问问工友再说」).
_HELLO = re.compile(r"^(?:喂+|你好|您好)?[\s,，]*(?:在吗|在不在|在么|在不)[\s,，。?？!！]+(?=\S)")
_LOOK_FIRST = re.compile(r"(?:我|俺|先|等我|让我)*(?:翻|查|看|问|找|算|想|数|对)[^\s，,。]{0,8}再说[吧啊哈]?")
# The value promised for later, which pauses the form: 「号码我晚点再给你」.
LATER = re.compile(r"(?:晚点|回头|一会儿?|等会儿?|过会儿?|明天|待会儿?)再?(?:给|发|补|告诉)")
# A goodbye, which pauses a form rather than leaving it: 「好的 先这样」.
BYE = re.compile(r"先这样|拜拜|再见|先下了|下线了?|先走了|回头聊|改天聊|有事再(?:找|问|联系)")
# Reasons given for leaving, which are not answers: 「太麻烦」「在上班」.
REASON = re.compile(
    r"(?:太|好|真|有点|挺|这么|那么)?(?:麻烦|复杂|啰嗦|烦)|(?:没|没有)(?:时间|空|用)|有事|(?:在|要)(?:忙|上班|干活)"
    r"|忙|不方便"
    r"|(?:还是)?让(?:他|她|他们|她们)自己(?:来)?(?:登|弄|投|办|填|报)\S{0,3}"  # 「让他自己来登吧」
)
# Going off to do something first: 「我先去接孩子」「马上回来」 (with 「等会再弄」, a pause).
_GOING_OFF = re.compile(
    r"(?:我|俺)?(?:先|得先|要先)去[\u4e00-\u9fff]{1,6}|(?:马上|一会儿?|等下|待会儿?)就?回来"
    # 「老板来电话了」「娃打电话来了」: a call to take first
    r"|[我俺]?(?:老板|老婆|媳妇|老公|家里人?|伢|娃|孩子|妈|爸|工头|朋友|有人)?(?:来|打)(?:了个|个)?电话(?:过?来)?了?"
    r"|(?:晚上|晚点|下班|回头|明天)?回来再(?:填|弄|写|说)"  # 「…晚上回来再填」
    r"|有电话(?:进来|打进来)了?|[我俺]?(?:先)?接(?:个|一下)?电话"  # 「先接个电话」
    r"|(?:刚才|刚刚)[我俺]?(?:去)?接了?(?:个|一个|一下)?电话"  # back from a call
    # 「班长叫我 马上回」
    r"|(?:工友|老板|班长|领班|组长|主管|线长|工头|有人|老婆|媳妇|孩子)(?:在)?(?:喊|叫)[我俺]"
)
# A complaint about the form put as a question, which asks nothing: 「怎么还要填这么多」.
RHETORICAL = re.compile(r"(?:怎么|咋)(?:还|又)?(?:要|得)?(?:填|写|问|弄)?(?:这么|那么)(?:多|麻烦|复杂|啰嗦)")
# What the worker has not found out yet: 「包工头全名叫啥我还没弄清楚」 (its 啥 asks nobody).
NOT_FOUND_OUT = re.compile(r"(?:还)?没(?:问|搞|弄|打听|查)(?:清楚|明白|到)[^\s，,。]*")
# What the worker means to think over: 「让我想想是哪几个月」 (its 哪 asks nobody).
THINKING = re.compile(r"(?:想想|想一想|回忆一?下|数数|数一下)[^\s，,。]*")
# What the worker means to ask someone else: 「问问工友到底多少钱」.
ASKING_OTHERS = re.compile(
    r"(?:[^\s，,。吗呢?？]{0,6}?(?:我|俺)(?:得|要|还得|先|去)?)?"  # 「具体多少我得问问工友」
    r"(?:问问|问下|问一下)(?:工友|老乡|家里|老婆|媳妇|老公|同事|他们|老板|工头|朋友|兄弟|班长)[^\s，,。]*"
)
# Looking something up in one's own records, which says what it will find out: 「我翻下微信看看是哪天」.
LOOKING_UP = re.compile(
    r"(?:我|俺|先|再|回头|等我|让我|去)*(?:翻|查|看|找)(?:翻|一下|下|查|看|找)?(?:我的|下)?"
    r"(?:微信|手机|聊天记录|记录|本子|记工本|账本|日历|工资条|转账记录|合同|考勤|欠条)[^\s，,。]*"
)
# What is still to find out, beside a pause: 「等下我问问班长 有几个人」.
_TO_FIND = re.compile(r"(?:到底|具体)?(?:有|是)?(?:几个人?|多少人|多少钱|哪几个月)")
CANTONESE = str.maketrans({"唔": "不", "喇": "了", "咗": "了", "冇": "没"})


def leaving(words: str) -> str | None:
    """Whether a message leaves the form: "leave"; "unclear" (a leave cue beside what may be an answer);
    "pause" (「我跟家里商量下」); "continue" (「不取消 继续」); "ack" (「好的」); None for anything else."""
    # 「在不在 我的表还没填完」: a hello, not a question; 「等哈」 is 「等下」
    words = re.sub("等一?哈", "等下", _HELLO.sub("", words))
    parts = [p for p in re.split(r"[\s,，。.!！;；、~～…]+", words.lower()) if p]
    # (「多少我也说不清 算了 改天再说」: not knowing how much asks nothing)
    # (nor what is still to find out: 「等下我问问班长 到底几个人」)
    asks = [p for p in parts if not UNSURE.search(p) or re.search("[吗呢嘛?？]", p)]
    said = " ".join(p for p in asks if not _TO_FIND.fullmatch(p))
    unasked = LOOKING_UP.sub("", ASKING_OTHERS.sub("", THINKING.sub("", NOT_FOUND_OUT.sub("", said))))
    unasked = CONTINUE.sub("", unasked)  # 「刚才讲到哪儿了」 asks to go on
    if QUESTION.search(RHETORICAL.sub("", unasked)):
        return None  # 「取消了还能再投诉吗」 asks (「我得先问问工友到底多少钱」 asks someone else)
    if not parts:
        return None
    if LATER.search(said) and not find_values(said) and not LEAVE_CUE.search(said):
        return "pause"  # 「他号码我得问问 等会儿发你」: what is missing comes later
    leave = unclear = pause = kept = going = unsure = False
    # 「算了 接着弄」: never mind the aside, go on
    on = next((i for i, p in enumerate(parts) if CONTINUE.fullmatch(PARTICLES.sub("", p))), -1)
    for i, part in enumerate(parts):
        if i < on and re.fullmatch(r"算[了啦](?:吧)?", part):
            continue
        if OTHER_OBJECT.search(part):
            unclear = True  # 「推送取消掉」 is about something else
            continue
        if REPORTED.search(part):
            unclear = True  # 「老板说年后再说」: what someone else said, not the worker leaving
            continue
        bare = KEEP_GOING.sub("", part)
        kept = kept or bare != part
        if _LOOK_FIRST.fullmatch(bare):
            pause = True  # 「我翻翻本子再说」「问问工友再说」: a look first, then on (not 「以后再说」)
            continue
        if LEAVE_CUE.search(bare) or LEAVE_CUE.search(bare.translate(CANTONESE)):  # 「唔搞喇」 = 「不搞了」
            leave = True
            continue
        core = PARTICLES.sub("", bare)
        if not core or ACK.fullmatch(core) or CONTINUE.fullmatch(core) or REASON.fullmatch(core):
            continue
        if RHETORICAL.fullmatch(core):
            continue
        if PAUSE.fullmatch(core) or LOOKING_UP.fullmatch(core) or LATER.search(core):
            pause = True
            continue
        if _GOING_OFF.fullmatch(core):
            pause = going = True  # (「我先去送趟货 晚点再弄」: off for now, asked before anything goes)
            continue
        if (UNSURE.search(core) or _TO_FIND.fullmatch(core)) and not re.search("[吗呢嘛?？]", core):
            unsure = True  # 「等下 我翻翻名片 名字想不起来了」: what is not known yet, beside a pause
            continue
        unclear = True
    unclear = unclear or (unsure and not pause)
    if leave:
        return "unclear" if unclear or going else "leave"
    if unclear:
        return None
    if kept or any(CONTINUE.fullmatch(PARTICLES.sub("", p)) for p in parts):
        return "continue"
    if pause:
        return "pause"
    return "ack"


def leaves_with_reason(field: Field, words: str) -> bool:
    """「算了 取消吧 怕他知道了更不给」「先不弄了 他电话打来了」: a plain wish to stop beside a reason,
    with nothing in it that could answer the step."""
    if not STRONG_LEAVE.search(words.translate(CANTONESE)):
        return False
    rest = [
        c
        for c in clauses(words)
        if not LEAVE_CUE.search(c.translate(CANTONESE))
        and not REPORTED.search(c)  # (「…他说初六给钱」)
        and not PAUSE.fullmatch(PARTICLES.sub("", c))  # 「取消 我先问问工友他叫啥」
    ]
    return not any(answers_step(field, c, c) or names_or_places(field, c) or find_values(c) for c in rest)


# What a step asks for, named beside a wish not to give it: 「电话不想填」 skips the step, not the form.
STEP_OBJECT = re.compile(r"电话|手机|号码|名字|姓名|称呼|这个|这项|这一?步")


def skips_step(words: str) -> bool:
    """「电话不想填」「名字就不写了」: a wish not to give this step's value, which does not leave the form."""
    bare = KEEP_GOING.sub("", words)
    return bool(WEAK_SKIP.search(bare) and STEP_OBJECT.search(bare)) and not STRONG_LEAVE.search(bare)


# 「…等年后看他给不给 先取消」: a message that ends by cancelling.
TRAILING_CANCEL = re.compile(
    r"(?:^|[\s,，。!！])(?:算了)?先?(?:取消|不登记了|不投诉了|取消登记|不弄了|不搞了)(?:吧|了)?$"
)

# 「取消 …」「不登记了，…」: a message that opens by cancelling.
LEADING_CANCEL = re.compile(
    r"(?:算了)?先?(?:取消|不登记了|不投诉了|取消登记|不弄了|不搞了)(?:吧|了)?(?:$|[\s,，。!！])"
)


# 「帮我重新登记」「取消重来」: the worker starts the form over (a message of that and nothing else).
RESTART = re.compile(
    r"^(?:那|那就|算了|不好意思)?(?:帮我|给我|我要|我想|俺要|我|俺)?(?:取消)?(?:重新|从头)(?:登记|填|来|嚟|开始|登|弄|搞)"
    r"(?:一[下次遍个]|过)?(?:吧|啊|呗|嘛)?$|^(?:取消)?(?:重来|重嚟|再来一遍)(?:吧|啦)?$"
)

READY = re.compile(r"(?:都|我|俺)?(?:问|想|商量|算|弄|搞|打听)?(?:完|好|清楚|明白)了|好了|行了")


def at_step(words: str, field: Field | None) -> str | None:
    """What a message says about the form, at a field's step (or the summary, ``field`` None): as
    ``leaving``, with the cases only the step can tell apart settled."""
    words = re.sub(
        r"(?:^|(?<=[\s,，。]))还是(?=先?不|[^\s，,。]{0,5}再说)", "", words.replace("哒", "了")
    )  # 「还是先不登记了」: its 还是 asks nothing (「不登记哒」: Hunan 了)
    if RESTART.match(words.replace(" ", "")):
        return "restart"
    if EDIT_FIRST.match(words) and not STRONG_LEAVE.search(words):
        return None  # 「修改 6 这个号码以后不用了」: the item changed, the form kept
    if field is None and summary.NAME_OFF.search(words):
        return None  # 「名字别写了 怕厂里知道」 at the summary: the name taken off, not the form
    parts = [p for p in re.split(r"[\s,，。!！]+", words) if p]
    if len(parts) > 1 and RESTART.match(parts[-1]):
        if re.search("错|乱|不对", "".join(parts[:-1])):
            # 「哎呀厂名打错了 是恒远不是恒达 取消重来」: cancelled as asked; 「投诉」 starts it again
            return "leave" if "取消" in words else "restart"
        if len(parts) == 2 and READY.fullmatch(parts[0]):
            return "restart"  # 「问完了 重新登吧」 back from a pause
    leaving_ = leaving(words)
    if leaving_ == "leave" and field is not None and skips_step(words):
        return None  # 「电话不想填」: the step says why it asks
    if (
        leaving_ != "leave"
        and (LEADING_CANCEL.match(words) or TRAILING_CANCEL.search(words))
        and (field is None or leaves_with_reason(field, words))
    ):
        return "leave"  # 「取消 还是等12333回信吧」 (its 还是 is no question)
    if leaving_ == "unclear" and field is not None and leaves_with_reason(field, words):
        return "leave"
    if leaving_ == "leave" and field is None and NOT_YET.search(words) and not STRONG_LEAVE.search(words):
        return "pause"  # 「先不提交」 at the summary holds the finished form back, it does not drop it
    return leaving_


def skips_optional(words: str) -> bool:
    """「不想留名字」「不方便说」 at a step that may be skipped (and not a cancel, 「不登记了」)."""
    return (
        bool(WEAK_SKIP.search(words))
        and not WHY_ASKED.search(words)  # 「为什么要名字 不写会不会不给办」 asks
        and not STRONG_LEAVE.search(KEEP_GOING.sub("", words))
    )
