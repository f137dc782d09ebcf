"""How the complaint form reads a worker's message: leaving, questions and doubts, and values.

Pure functions and patterns, no state: ``flow.ComplaintFlow`` decides what to do with what they find.
Values are written in fields.py (parsing one field) and found out of order by ``values.find_values``;
a wish to file (「想投诉工地欠薪」) is read in filing.py. This module decides what else a message *is*
— a wish to leave (「先不填了，我问问工友」), a question never to be stored as a value (「能报销不」),
a doubt (「不知道老板全名」), or a value of the field asked.
"""

from __future__ import annotations

import re
from typing import Any

from ..ids import TOPIC_INTENTS
from ..nlu.model import Result
from .fields import SKIP_WORDS, SURNAME, Field, called, normalize
from .values import DURATION, FEAST_SPAN, Found, clauses, compact, find_values, lone_sum

# 「详细」「详细说说」「具体点」: the rest of the last answer, not a value.
MORE_DETAIL = re.compile(
    r"(?:请|麻烦)?(?:再)?(?:说|讲)?得?(?:详细|具体|仔细)(?:一)?(?:点|些)?(?:说说|讲讲|说|讲|看看)?(?:呢|吧|啊)?"
)
INTERRUPTS = re.compile(r"\s*(?:等下|等一下|等等|对了|先问下|先问一下|顺便问|插一句)")
# A name the worker gives when asking to file: 「我要投诉宏达劳务公司拖欠工资」.
NAMED_IN_FILING = re.compile(
    r"(?:投诉|举报|告)(?:一下)?([\u4e00-\u9fffA-Za-z0-9]{2,20}?"
    r"(?:公司|集团|劳务|厂|装修队|施工队|工程队|包工队|超市|酒店|餐厅|饭店|物流|项目部))"
    r"(?=欠|拖欠|不给|没给|不发|没发|的工资|$|\s)"
)
GENERIC_ONLY = re.compile(
    r"(?:我们的?|俺们|他们|那个|这个|黑心)?(?:老板|包工头|工头|老总|公司|厂|厂里|厂子|工地|单位|项目部|队里|他|他们)"
)
GENERIC_NAME = re.compile(
    r"^(?:我们|我|他们|他|这个|那个|这家|那家|一个|一家|某|的|他家|黑心|拖欠|欠|不发|不给|没发|没给)"
)  # (「投诉拖欠工资的厂」: no name)

# What a question about something else looks like (a field value is a name, a place, a number).
ASKS = re.compile(
    r"[?？]|吗|呢$|怎么|咋|多少|如何|哪里|哪儿|在哪|找谁|啥|什么|有没有|能不能|可以.*不|几倍|给不给"
)
# What a field value looks like even when it holds a topic word (「华强技能培训学校」).
NAME_ENDS = re.compile(
    r"(公司|厂|工地|集团|店|馆|铺|坊|超市|餐厅|站|项目部|项目|中心|学校|医院|酒店|队|部|社|场|所|行|老板|工头|经理|"
    r"劳务|建筑|建设|工程|装饰|装修|物业|家政|科技|实业|贸易|物流|餐饮|人力|服务|电子|机械|制造|食品|服装|"
    r"汽修|维修|模具|运输|快递|保洁|印刷)$|^(?:他|她|老板|雇主|东家)?姓[\u4e00-\u9fff]$"  # (「…个人 姓钱」)
)

PARTICLES = re.compile(r"[吧了啦呀啊哈呢嘛哦]+$")
# Skipping the name: 「不想留名字」「不方便说」.
MAY_I = re.compile(
    r"(?:行不行|可以吗|行吗|可不可以|能不能|成不|中不中|可以不|行不)$|^(?:能不能|可不可以|可以)不"
)
WEAK_SKIP = re.compile(  # (「名字不用了」: step 7 left out)
    r"跳过|匿名|保密|不方便|(?:不(?:想|要|用)?|唔使|唔洗|唔好)(?:留|写|填|说|告诉)|(?:名字|姓名|称呼)就?不(?:用|要)了|(?:名字|姓名|称呼)(?:就|还是)?(?:算了|免了|省了)"
)

# A question, which is never stored as a value; and a question or doubt about the form itself.
QUESTION = re.compile(
    r"[?？]|吗|怎么|咋|如何|哪|谁|啥|什么|多少|多久|多长时间|为什么|为啥|(?<![那这前后头十])(?<!再等)几[天号点倍岁年路]|(?<![那这前后头])几个月|(?<![十百千万])几$"
    r"|(?<!不)([^\W\d_])不\1"  # 「能不能」「办不办」「搞不搞」 (not 「不对不对」)
    r"|[^\s，,不没]{2,}(?<![先就还都也])[不没](?=$|[\s，,。])"  # 「能报销不」「现在能办不」「发了没」
    # 「月底还是年底」 (not 「还是老周」, 「还是写上吧」)
    r"|还是(?!没|不|算了|直接|先|自己|让|留|[写填]上|[老小][\u4e00-\u9fff]$)"
    r"|有冇|点样|点算|边度|乜嘢|咩|([^\W\d_])唔\2"  # Cantonese (「会唔会」 is 「会不会」)
)
# Why a step asks what it asks: 「为啥要电话 会不会泄露」.
WHY_ASKED = re.compile(
    r"为(?:啥|什么|哪样|啥子)(?:非|一定|必须|非得|还)?(?:要|留|给|填|写)|干嘛(?:非|一定)?要|做啥子|做什么用|泄露|泄漏|保密|骚扰"
    # 「要我手机号搞么事」: what it is wanted for
    r"|要[我俺]?的?[^\s，,]{0,4}(?:搞么事|搞么子|干啥|干什么|干嘛|做啥|有啥用|有什么用)|乱打电话"
    r"|(?:一定|必须|非得?)要?(?:给|留|填|写)(?:吗|么|嘛|不)"  # 「手机号一定要给吗 我怕东家知道」
    # 「手机号会不会给老板看到」「老板能看到吗」 (not 「…别让老板看到啊」 beside the number)
    r"|会不会[^\s，,]{0,4}(?:老板|东家|厂里|公司|工头|包工头)[^\s，,]{0,2}(?:看到|看见|知道)"
    r"|(?:老板|东家|厂里|公司|工头|包工头|他|她|[\u4e00-\u9fff][哥姐])(?:会|能)(?:看到|看见|知道)(?:是我|是谁)?(?:吗|不|么)"
    r"|(?:老板|东家|厂里|公司|工头|包工头)会不会(?:看到|看见|知道)"  # 「留了号老板会不会知道是我告的」
)
# Whether the boss will learn who complained: 「登记了厂里能看到是谁吗」.
BOSS_KNOWS = re.compile(r"(?:老板|东家|厂里|公司|工头|包工头)[^\s，,。]{0,3}(?:知道|看到|看见|晓得)")
PRIVATE = "你的电话和名字只给工作人员核实情况用，不会公开；名字可以不留。"


def why_asked(field: Field, words: str) -> str:
    """The answer to 「为啥要电话」 at a step: why it is asked, or that what is given is kept private."""
    return PRIVATE if BOSS_KNOWS.search(words) and field.key != "phone" else field.hint


# 「是7500」「应该是三万二」: the value a correction says is right.
SAID_RIGHT = re.compile(r"^(?:应该是|其实是|是|改成|改为)\s*([\d.一二两三四五六七八九十百千万]+(?:块|元)?)$")
# 「刚才不都说了吗 老板吕大伟 金州区工地 七万二…」: a protest that it was said before, then the values.
ALREADY_SAID = re.compile(
    r"^(?:(?:刚才|刚刚|上面|前面|之前|头先|啱先)[我俺]?(?:不[都是]|都|已经|不是都|唔系都?)?|[我俺]?(?:不都|已经|不是都))"
    r"(?:说|讲|写|发|打)(?:了|过|咗)(?:的|了)?(?:吗|嘛|啊|呀|呢|么|咩)?[\s,，。!！?？~]+(?=\S)"
)


def after_already_said(text: str) -> str | None:
    """What follows 「刚才不都说了吗」 (None: the message does not open so)."""
    m = ALREADY_SAID.match(text.strip())
    return text.strip()[m.end() :] if m else None


# 「钱数错了 是一万八」「钱说少了 应该是9600」「数字打反了 是4700」「少打了一个零」: a value told before
FIXES_EARLIER = re.compile(
    r"错了|不对|说错|写错|填错|搞错|不全|不细|别写|那一?[栏项][写填]|(?:说|写|填|打|记|算|报|看)(?:少|多|反|岔|倒)了|(?:打|写|弄|搞)反|颠倒"
    r"|(?:少|多|漏)(?:打|写|填|算)?了?(?:一个|个|一位|一)?(?:零|0)|不是\S{2,8}\s*是|不姓\S\s*姓"
)
# Which of the kinds named to put down: 「是中介还是厂 该写谁」「写中介公司还是用工的厂」.
WHICH_TO_WRITE = re.compile(r"(?:写|填)(?:谁|哪个|哪家|哪一个|边个|边间)|(?:写|填)[^\s，,]{1,6}还是")
# A question about what to put down (「啥叫单位」「写村名行不行」「从哪天算」), never a value
# (「…这么写行吗」「…写他行不」 offer one; 「不知道从哪天算」 is a doubt).
FORM_ASK = re.compile(
    r"(?:啥|什么)叫|(?:啥|什么)意思|(?:写|填)(?![他她这那])[^\s，,。]{1,6}(?:行不行|可以吗|行吗|行不|可不可以|成不|中不中)$"
    r"|(?:这|那|该)?(?:写|填)(?:啥|什么)(?:呢|啊|呀)?$"  # 「…他叫啥不晓得 这个写啥」
    r"|(?:怎么|咋|点样?)(?:填|写)(?:呢|啊|呀|嘞)?$"  # 「…名字真不知道 点填啊」
    r"|(?<!知道)(?<!清楚)从(?:哪天|哪一天|哪个月|什么时候|啥时候)(?:开始)?算"
    r"|(?:写|填)(?:到)?几(?:号|日|月)"  # 「日子要写几号到几号吗」: how exact to be
)
ABOUT_FORM = re.compile(
    FORM_ASK.pattern + r"|怎么填|怎么写|填什么|写什么|填啥|写啥|要填|要写|必须|一定要|可以不"
    r"|能不能不|不填|不写|不留|空着|留空|这一步|这一项|这个问题|这里|这儿|是写|是填|写[我俺总全]|填[我俺总全]"
    r"|" + WHY_ASKED.pattern
)
UNSURE = re.compile(
    r"不知道|不清楚|记不清|记不得|不记得|忘了|搞不清|说不清|不太清楚|说不好|说不准|不好说|不晓得|唔知|算不清|算不出|想不起"
)
# What the worker does not know, which asks the bot nothing: 「不清楚有多少人」「不知道几个」.
UNSURE_OF = re.compile(
    r"(?:不知道|不清楚|搞不清|说不清|不太清楚|记不清)(?:到底|具体)?(?:有|是)?(?:多少|几)[^\s，,。]*"
    r"|(?:不知道|搞不清|说不清|说不好|说不准|不好说)(?:该|到底)?(?:算|是|归|找)谁的?"  # 「说不好算谁的」
    r"|叫(?:什么|啥)(?:来着|[\u4e00-\u9fff]{1,4}的)"  # 「叫啥来着 哦对 宏图公司」「叫什么精工的」: recalled
)
UNSURE_REST = re.compile(
    r"不知道|不清楚|记不清|记不得|不记得|忘了|搞不清|说不清|不太清楚|具体|准确|确切|全名|名字|叫什么|叫啥|公司|老板"
    r"|地址|地方|在哪|多少|金额|钱数|钱|人数|几个人|时间|哪个月|电话|号码|真|也|都|的|了|啊|呀|我|他|他们|是|这个"
)
# Asking after a complaint already filed: 「查查我的投诉」「投诉处理得怎么样了」.
STATUS_ASK = re.compile(
    r"查.{0,8}投诉|投诉.{0,6}(?:进度|进展|结果|怎么样|处理得?怎么|有人管|受理了)"
    r"|投的那个.{0,6}(?:啥情况|什么情况|怎么样|咋样)"  # 「前几天投的那个 啥情况了」
)
# A message about the arrears rather than a place (at the site step), and words that name a place.
WAGE_STORY = re.compile(r"欠|拖欠|工资|工钱|结账|没结|没给|不给|不发|没发|跑路|卷走|躲着|不还")
PLACE_WORD = re.compile(
    r"工地|厂|公司|项目|小区|楼盘|车间|园区|大厦|广场|商场|码头|矿|店|酒店|饭店|学校|医院|市场"
    r"|那边|这边|附近|一带|[区县市镇乡村路街省](?=$|[\s，,的])"
)
# A word that names where, not whom (「…公司」「…厂」 name an employer as often as a place).
WHERE_WORD = re.compile(
    r"工地|项目|小区|楼盘|车间|园区|工业园|大厦|广场|商场|码头|那边|这边|附近|一带|那块"
    r"|[区县市镇乡村路街省](?=$|[\s，,的那])"
    r"|(?:经开|开发|高新|新)区|^[\u4e00-\u9fff]{2,3}区"  # 「经开区恒丰纺织」「铁锋区老张家烧烤」
)
# Changing the region the bot answers for (not a place of work): 「切换到安庆」「地区改成大连」.
SWITCH = re.compile(r"^(?:帮我|请)?(?:切换|换|改|设)|地区|定位")
CORRECTING = re.compile(r"改成|改为|换成|应该是|其实是|不对|错了|说错|写错|更正|重新")
# A clause that names the boss (「老板叫王五」「工头姓赵」) or the employer (「叫兴旺木器厂」).
BOSS = re.compile(
    r"^(?:那个|这个|我们|我们的)?(?:老板娘?|包工头|工头|老总|经理|负责人|班组长|承包人|队长|厂长)"
    r"(?:的名字)?(?:叫|姓|是|名叫|名字叫)[\u4e00-\u9fffA-Za-z·]{1,6}$"
    r"|^[\u4e00-\u9fff](?:老板娘?|包工头|工头|总|经理|厂长)$"  # 「刘老板」
    # 「包工头王小军」: the title, then a name that starts with a common surname
    r"|^(?:那个)?(?:老板|包工头|工头|队长|班长|组长|工长|老总)" + SURNAME + r"[\u4e00-\u9fff]{1,2}$"
)
# 「对 就在那」: yes to the value offered; in Cantonese too: 「系呀」「啱啊」「冇错」「就喺嗰度」.
SAME_PLACE = re.compile(
    r"(?:(?:对|是|嗯|嗯呐|嗯哪|嗯呢|对头|是滴|对滴|没错|是的|对的|就是|系|啱晒?|冇错|无错|确认|确定|好的?|行|中)"
    r"(?:啊|呀|嘅|咯|啦|喇|嘞)?[\s,，]*)*"
    r"(?:就?(?:在|喺)?(?:那|那里|那儿|那边|这|这里|嗰度|嗰边)|就?喺度)?(?:的|啊|呀|吧|嘅|咯|啦|喇|嘞)?"
)
# A place of work that is not an employer's name: 「…小区工地」「开发区那边」.
SITE_END = re.compile(
    r"(?:工地|项目|项目部|小区|楼盘|车间|园区|大厦|广场|商场|码头|矿|那边|这边|附近|一带|区|县|市|镇|乡|村|路|街)$"
)
# Days said by the festival's calendar: 「除夕到初六」「腊月二十到正月十五」.
DATES = re.compile(
    r"(?:除夕|腊月|正月|初[一二三四五六七八九十]|[一二三四五六七八九十\d]+月)\S{0,6}(?:到|至|-)"
)
# 「11月同12月嘅人工」 at the period step: months named (人工 is the wages, not a person)
MONTHS = re.compile(
    r"(?:\d{1,2}|[一二三四五六七八九十]{1,3}|腊|正|冬|元)月"
    r"|从[^\s，,。]{1,10}[干做]到|^(?:" + FEAST_SPAN.pattern + ")"  # 「从国庆后面干到过小年」「腊八到元宵」
)
# A domestic worker's site is the employer's home: 「在他家里当保姆 做饭带孩子」.
HOME_SITE = re.compile(
    r"(?:就)?在?(?:他|她|他们|雇主|老板|主家|东家|人家|客户|业主)的?(?:家|屋)(?:里|头|中)?"
)
# Recalling a name, not asking: 「叫啥精密来着」.
RECALLS = re.compile(
    r"叫|姓|来着|名字"
    # 「大连海鑫什么物流」「红什么制衣厂」: a word forgotten inside the name, not a question
    r"|[\u4e00-\u9fff](?:什么|啥)[\u4e00-\u9fff]{0,6}(?:公司|厂|物流|劳务|建筑|集团|超市|酒店|饭店|店|科技|电子|工程)$"
)
# A clause naming someone: 「头儿叫马建国」「老板姓钟」 (not 「…叫啥咋办」, which asks what to do).
NAMES_SOMEONE = re.compile(r"(?:叫|姓|名叫|喊他|喊她)(?!(?:啥|什么)(?:咋|怎))[\u4e00-\u9fffA-Za-z·]{1,4}$")
# 「工头姓蒋叫蒋什么我也不清楚大家都叫他蒋哥…」: a voice message that starts by naming the boss
# answers the employer step, however it runs on.
BOSS_FIRST = re.compile(
    r"^(?:那个|这个|我们的?)?(?:老板娘?|包工头|工头|老总|经理|负责人|班组长|承包人|队长|厂长)(?:叫|姓|名叫)[\u4e00-\u9fff]"
)
COMPANY_END = re.compile(
    r"(?:公司|集团|劳务|派遣|人力|中介|合作社|作坊|商行|厂|装修队|施工队|工程队|包工队|队|店|超市|酒店|餐厅|饭店|物流|项目部|分包"
    # a firm named by its trade (「桐城市鸿羽服饰」): no place statement
    r"|服饰|服装|制衣|鞋业|电子|科技|建材|实业|纺织|食品|五金|贸易|机械|家具|塑胶|塑业|包装|建工|装饰|物业|餐饮|农家乐|茶餐厅"
    r"|机电|电机|电器|化工|钢构|木业|印务|纸业|陶瓷|汽配|制品|汽修|维修|模具|运输|快递|保洁|印刷|家政)的?$"
)


# The worker corrects or picks one of two values: 「一万三千二 不对 是一万三千八」「…先写15000」.
LAST_WINS = re.compile(
    r"不对|错了|说错|打错|写错|应该是|改成|改为|更正|(?:就|先|还是)?[写填](?:个|成|总共|一共)?\s*[\d一二两三四五六七八九十]"
    r"|(?:不是|唔系)\s*(?:是|系)\s*[\d一二两三四五六七八九十]"  # 「6800 啊不是 是8600」: said again, right
)


# 「5200 刚才少写了八百」: by how much the sum was wrong, which is no value of its own.
OFF_BY = re.compile(
    r"(?:刚才|之前)?(?:少|多)(?:算|写|打|填|记|报)了?[\d.一二两三四五六七八九十百千万]+(?![\d.个位零])[块元]?"
)
NOT_THIS = re.compile(r"(?:而)?(?:不是|别写|不要写)[\d.一二两三四五六七八九十百千万]+[万千元块个人月]*")
# 「写7个吧」「先写15000」: the value the worker says to write down.
WRITE_THIS = re.compile(
    r"(?:就|先|还是)?[写填记](?:个|成|上)?\s*([\d.一二两三四五六七八九十百千万]+(?:万|千|个|人|元|块)?)"
    r"|按\s*([\d.一二两三四五六七八九十百千万]+(?:万|千|个|人|元|块)?)\s*[写填记算]"  # 「按一万四千五写」
)


def settle(found: list[Found], last_wins: bool = False) -> dict[str, Any]:
    """One value a field: where a message gives two different ones (「一个月六千 … 一共差了八万」) the one
    said to be the total, or the last one when the worker corrected or chose (「…不对 是一万三千八」),
    else none (guessing is worse than asking)."""
    out: dict[str, Any] = {}
    for key in dict.fromkeys(f.key for f in found):
        mine = [f for f in found if f.key == key]
        if key == "period" and last_wins:  # 「时间不对 是11月和12月两个月」: how many, after the months
            mine = [
                f
                for i, f in enumerate(mine)
                if not (i and f.start == mine[i - 1].end and DURATION.fullmatch(str(f.value)))
            ]
        if key == "period" and len(mine) > 1 and not last_wins:
            out[key] = " ".join(dict.fromkeys(str(f.value) for f in mine))  # 「十一月 十二月两个月」
            continue
        if len({f.value for f in mine}) > 1:
            top = max(f.total for f in mine)  # (the worker's own sum over the crew's total)
            mine = mine[-1:] if last_wins else [f for f in mine if f.total == top > 0]
        if len({f.value for f in mine}) == 1:
            out[key] = mine[0].value
    return out


def sums_up(period: Any, text: str) -> bool:
    """A period beside the sum that only adds it up (「三个月一共一万八」): step 4 still asks which months."""
    if not isinstance(period, str) or not DURATION.fullmatch(period) or re.fullmatch(r"[^个]{1,3}月", period):
        return False  # (「6500 十二月的」: 十二月 is December, not twelve months)
    at = compact(text).find(period)
    return at >= 0 and not re.search(r"[欠拖]", compact(text)[max(0, at - 4) : at])


def noted(said: list[str], kept: list[str]) -> list[str]:
    return ([f"记下了：{'、'.join(said)}。"] if said else []) + kept


def asks_or_unsure(words: str, field: Field) -> bool:
    """A question (「这个要填什么」) or a doubt (「不知道公司叫啥」) rather than an answer."""
    if FORM_ASK.search(words):
        return True
    if names_or_places(field, words) or (
        field.key == "employer" and names_one(words) and not WHICH_TO_WRITE.search(words)
    ):
        return False  # 「包工头叫于海波 公司不知道」「沙河口区 门牌号不方便说」 answer the step
    if QUESTION.search(UNSURE_OF.sub("", words)):
        one = len(clauses(words)) == 1  # 「叫什么来着华强公司」 names; 「…还能学不 在大观区」 asks
        return not (one and looks_like_name(field, words.rstrip("?？")) and not re.search(r"[?？]|吗", words))
    if not UNSURE.search(words):
        return False
    if field.key in ("amount", "period", "workers") and field.parse(words) is None:
        return True  # 「欠了老多了 俺也说不清」: no number to keep, so a doubt
    return not UNSURE_REST.sub("", words).strip(" ，,。.!！")


def names_or_places(field: Field, words: str) -> bool:
    """At the first two steps, a clause that names someone or a place answers them, whatever else is said."""
    return (field.key == "employer" and bool(BOSS_FIRST.match(words))) or (
        field.key in ("employer", "site")
        and any(
            NAMES_SOMEONE.search(c) or BOSS.search(c) or (field.key == "site" and PLACE_WORD.search(c))
            for c in clauses(words)
        )
    )


def names_one(words: str) -> bool:
    """A clause naming an employer or boss (not 「不知道老板」), none asking more (「法律援助中心 在哪」)."""
    parts = clauses(words)
    if re.search(r"[?？]|吗", words) or any(ASKS.search(c) and not RECALLS.search(c) for c in parts):
        return False
    named = (c for c in parts if NAMES_SOMEONE.search(c) or BOSS.search(c) or NAME_ENDS.search(c))
    return any(not UNSURE.search(c) for c in named)


def answers_step(field: Field, text: str, words: str) -> bool:
    """Whether a message after a pause plainly answers the step it stopped at."""
    if field.key in ("amount", "workers", "phone", "period"):  # (「找着了 一共是九千四百块」)
        told = field.parse(text) is not None or any(f.key == field.key for f in find_values(text))
        return told and not QUESTION.search(words)
    if field.key == "name":
        return words in SKIP_WORDS or (len(words) <= 4 and field.parse(text) is not None)
    return looks_like_name(field, words)


def looks_like_name(field: Field, words: str) -> bool:
    if field.key not in ("employer", "site"):
        return False
    return bool(NAME_ENDS.search(words) or SITE_END.search(words) or COMPANY_END.search(words))


def named_employer(text: str) -> str | None:
    m = NAMED_IN_FILING.search(compact(text))
    if not m or GENERIC_NAME.match(m.group(1)):
        return None
    return m.group(1)


# What a worker may add beside the phone number: a name to call them by, or that they leave none.
_NO_NAME = re.compile(
    r"(?:名字|姓名|称呼).{0,3}(?:不留|不写|不说|不用|算了|跳过|就不)|(?:不留|不写|不想留)(?:名字|姓名)|匿名"
)


def name_beside_phone(text: str) -> str | None:
    """The name a message at the phone step gives beside the number: 「139… 叫我阿珍」 → 阿珍,
    「139… 小韦」 → 小韦; "" when it says to leave the name out (「名字就不留了」); None otherwise."""
    for clause in clauses(text):
        rest = PARTICLES.sub("", re.sub(r"(?:\+?86)?1[3-9]\d{9}|电话|手机号?|号码", "", clause))
        if not rest:
            continue
        if _NO_NAME.search(rest):
            return ""
        if name := called(rest):
            return name  # 「…叫我阿珍」「…小韦」「…吴桂兰」
    return None


def answer_after_question(field: Field, text: str) -> str | None:
    """「你问的是总共还是一个月嘛？一个月4500 三个月就是13500」「写滑雪场还是写老板？滑雪场叫雪龙山庄
    老板姓何」: a question about the step, then the answer; the part after the last question mark."""
    marks = list(re.finditer(r"[?？]", text))
    tail = text[marks[-1].end() :].strip() if marks else ""
    if not tail or QUESTION.search(normalize(tail)):
        return None
    if field.key in ("amount", "phone", "workers"):
        found = field.parse(tail) is not None or any(
            f.key == field.key for p in clauses(tail) for f in find_values(p)
        )
    else:
        found = looks_like_name(field, tail) or names_or_places(field, normalize(tail))
    return tail if found else None


LANDMARK_WAY = re.compile(r"往[东南西北]|[东南西北]边|对面|旁边|边上|隔壁|那一?片|那一?块")


def _topic_asked_beside(field: Field, text: str, result: Result) -> bool:
    """「家里俩孩子在老家没人带 有啥帮扶没有」 at the head-count step: a question of another topic,
    whose 俩 is no head count (one is said as 「N个」「N人」 or a bare number)."""
    return (
        field.key == "workers"
        and result.intent in TOPIC_INTENTS
        and result.intent != "wage_arrears"
        and bool(QUESTION.search(text))
        and not any(f.key == "workers" for c in clauses(text) for f in find_values(c))
    )


_AT_A_PLACE = re.compile(r"在[\u4e00-\u9fff]{1,10}?(?:镇|乡|村|区|县|市|街|路|工地|园)")


def is_question(field: Field, text: str, result: Result) -> bool:
    """Is this a question about something else rather than the answer to the field asked?

    It is when it reads as another topic (or a bot command) and either asks (「法律援助找谁」) or
    names the topic with nothing that makes it a value of this field (「加班费怎么算」 needs no
    question mark; 「华强技能培训学校」 is an employer's name, 「3万」 an amount, 「电话139…」 a
    phone)."""
    if FORM_ASK.search(normalize(text)):
        return False  # 「从哪天算 进厂那天还是…」: about what to put down, whatever topic it names
    if INTERRUPTS.match(text) and result.intent in TOPIC_INTENTS and result.intent != "wage_arrears":
        return True  # 「等下 大连留岗那个500块我能领吗」: a question first, whatever it holds
    if field.key == "phone" and re.search(r"\d{5,}|\d{3,4}-\d", text):
        return False  # 「只有个家里电话6123456」「020-8222 1234」: a number, which step 6 checks
    if field.key in ("amount", "phone", "workers") and (
        (field.parse(text) is not None and not _topic_asked_beside(field, text, result))
        or WRITE_THIS.search(text)
    ):
        return False  # (「…那个算不算嘛 先写14400吧」: the worker chose what to write)
    parts = clauses(text)
    found = [f for part in parts for f in find_values(part)]
    if (
        field.key in ("amount", "phone", "workers")
        and parts
        and (any(f.key == field.key for f in found) or field.parse(parts[-1]) is not None)
        and not QUESTION.search(parts[-1])
    ):
        return False  # 「6300块 哦不对 是6800 …」「…我自己的是 8300」 give the value, asking nothing
    # 「5800 还有几天加班的没算」: the value, then a remark that asks nothing (有几天: a few days)
    if (
        field.key in ("amount", "phone", "workers")
        and parts
        and field.parse(parts[0]) is not None
        and not QUESTION.search(re.sub(r"有几[天个]", "", text))
    ):
        return False
    said = normalize(text)
    if (
        field.key == "amount"
        and lone_sum(text) is not None
        and not (ASKS.search(said) or QUESTION.search(said))
    ):
        return False  # 「6800 连加班费」: the sum, and what it takes in
    if (
        field.key == "name"
        and any(
            re.fullmatch(r"[\u4e00-\u9fff]{2,4}", p) or called(p) for p in parts[:2] + parts[-1:]
        )  # 「王秀兰 我是他女儿」「叫我小王吧 白天接不了电话」
        and not (ASKS.search(text) or QUESTION.search(parts[-1]))
    ):
        return False  # 「写我爸名 刘长海」: a name, last
    if field.key == "period" and MONTHS.search(said) and not (ASKS.search(said) or QUESTION.search(said)):
        return False  # 「11月同12月嘅人工」: the months (人工 is the wages, not a person)
    if field.key == "site" and _AT_A_PLACE.search(said) and not (ASKS.search(said) or QUESTION.search(said)):
        return False  # 「不在城区 厂在某某镇」: where, said at the step that asks where
    other = result.intent in TOPIC_INTENTS and result.intent != "wage_arrears"
    other = other or result.intent in (
        "greeting",
        "human_agent",
        "complaint_status",
        "unsubscribe",
        "subscribe",
    )
    if not other:
        return False
    words = normalize(result.heard or text)  # (「有么事活动冇得」 asks as 「有什么活动没有」 does)
    if field.key == "employer" and names_one(words):
        return False  # 「陈老板 叫陈国富 电话打不通了」「…做手机壳的厂 叫啥精密来着」 answer the step
    if ASKS.search(words):
        return True
    gives = any(f.key != "period" for f in found)
    if gives and not QUESTION.search(words):
        return False  # 「电话 139 0000 1111」「我们五个人 每人六千」 give values
    command = result.intent in ("subscribe", "unsubscribe", "human_agent", "complaint_status")
    looks_like_value = not command and (
        # 「齐齐哈尔宏达劳务 头儿叫马建国」: a clause that ends in a name
        any(NAME_ENDS.search(c) or NAMES_SOMEONE.search(c) for c in clauses(words))
        # (a place the bot does not cover is a site too: 「重庆渝北 一个商场装修的活路」)
        or (field.key == "site" and (result.region or result.elsewhere or HOME_SITE.match(words)) is not None)
        # 「铁人纪念馆往西那片」: a landmark and the way from it, at the site step
        or (field.key == "site" and LANDMARK_WAY.search(words) is not None and not QUESTION.search(words))
        # 「春节加班 除夕到初六」 at the period step: the days, said by the festival's dates
        # (「唔记得 应该系年尾嗰两个月」: how long, whatever else the words hint at)
        or (
            field.key == "period"
            and (DATES.search(words) or DURATION.search(words))
            and not QUESTION.search(words)
        )
        # 「不知道全名 招工的时候就说是做汽配的」: the firm told by its trade
        or (
            field.key == "employer"
            and re.search(r"(?:是|说是)(?:做|搞|干|开)[\u4e00-\u9fff]{1,5}的$", words) is not None
        )
        # 「鑫聚源劳务派遣」 at the employer step: a clause that ends as a firm's name does
        or (field.key == "employer" and any(COMPANY_END.search(c) for c in clauses(words)))
        # 「先是劳务派遣公司管 后来厂里管」: who was over the work, told and asking nothing
        or (field.key == "employer" and FIRM_WORD.search(words) is not None and not QUESTION.search(words))
        # 「王建军 他是给中建下面一个劳务队干的」: whom the work was for
        or (
            field.key == "employer"
            and re.search(r"(?:给|跟|帮)[\u4e00-\u9fff]{1,12}干(?:的|活)", words) is not None
            and not QUESTION.search(words)
        )
    )
    return result.score >= 0.9 and not looks_like_value


# Words for whoever was over the work, at the employer step: a firm, an agency, a contractor, a boss.
FIRM_WORD = re.compile(r"公司|劳务|派遣|总包|分包|包工头|工头|老板")


def known_part(field: Field, text: str) -> str | None:
    """Where or whom, without what the worker forgot about it: 「哈尔滨松北区 一个小区的活 叫啥名忘了」 →
    「哈尔滨松北区 一个小区的活」; None unless a clause forgets and the others say something."""
    if field.key not in ("employer", "site") or WHICH_TO_WRITE.search(text):
        return None  # (「…我也不晓得填哪个」 asks which to put down)
    parts = clauses(text)
    kept = [c for c in parts if not UNSURE.search(c)]
    return (
        " ".join(re.sub(r"^(?:只|就|光)(?:知道|晓得|记得)(?:是|叫)?", "", c) for c in kept)  # 「只晓得是…」
        if kept and len(kept) < len(parts) and not any(QUESTION.search(c) for c in kept)
        else None
    )
