"""Whether a message asks to file a wage complaint (「想投诉工地欠薪」「你们可以直接帮我登记吗」),
rather than asking how to (「怎么投诉」) or saying one was filed before (「上礼拜登记过了」)."""

from __future__ import annotations

import re

from ..nlu.model import Result
from .fields import START_WORDS

# 记 said for 登记, with what is recorded: 「记个投诉」「记一下欠薪」「把欠的工资记上」
# (not 「记一下投诉电话」: a number noted down).
_RECORD = (
    r"(?:记录?(?:个|一个|一下|下|一笔|上)?(?:欠薪|拖欠工资|欠工资|欠工钱|工资|工钱)?的?(?:投诉|登记)(?!电话|热线|号|编号|进度)"
    r"|记录?(?:个|一个|一下|下|一笔|上)?(?:欠薪|拖欠工资|欠工资|欠工钱)"
    r"|把(?:欠薪|拖欠工资|欠的?(?:工资|工钱|钱)|这事|这个事|这件事|工资的事)记(?:上|下|下来|一下))"
)
# Asking the bot to do it, not how to: 「你们可以直接帮我投诉吗」.
ASKS_US_TO_FILE = re.compile(
    r"(?:帮|替)着?(?:我|俺|我们|俺们|她|他|她们|他们)?(?:俩|两个|仨|几个)?(?:弟弟?|哥哥?|爸|妈|老公|老婆|媳妇|对象|爱人|男人|儿子|闺女|女儿|侄子|老表|老乡|工友|亲戚|朋友|舅舅?|姨|叔叔?|姑|妹妹?|姐姐?|同事)?"
    r"(?:也|直接|马上|现在)?(?:(?:弄|搞|整|办)一?个?)?(?:投诉|举报|登记|登个记|告(?!诉|知)|报一?个(?=$|[\s,，。!！吧呗啊呀]))|(?<![能以])(?:投诉|举报|登记)吧"
    # doing it here, with the bot: 「能直接在这投诉吗」「想在这举报老板 咋填」「我要在这填欠薪投诉」
    r"|(?:在这|在这里|在这儿|这里|这儿|喺度|在你这|在你们这|你这|你们这)(?:上面|上头|里面|上)?(?:能|可以|就)?(?:直接)?(?:给|帮)?(?:投诉|举报|登记|填|报|弄|投(?!资|保|诉))(?!过|找|去哪|上哪|到哪|在哪)"
    # 「你帮俺投一下中不」「能帮我登记上不」
    r"|(?:帮|替)(?:我|俺|我们|俺们)(?:投|登上|登记上)(?:一下|下|个)?(?![资保简递诉])"
    r"|(?:帮|替)(?:我|俺|我们|俺们)报(?:一下|下|个|上)?(?=$|[\s,，。!！吧呗啊了])"  # 「帮我报」 (not 报名)
    r"|(?:^|[\s,，])(?:你们?)?(?:帮|替)[我俺](?:弄|办|搞|整)(?:一下|下)?$"  # 「要咋投诉 你来帮我弄」
    r"|[我俺](?:要|想)投诉?(?!资|保|简历)|^(?:那)?(?:要|想)投诉(?:一下)?(?=$|[\s,，])|(?:投诉|举报)个|投个诉|[填写](?:个|一个|一份|份)?(?:(?:欠薪|工资)?投诉|(?:欠薪|工资|投诉)表)|填表(?:投诉|登记|举报)"
    # 「你这能弄不」「帮我记下来往上报」: the bot asked to take it; 「…咋投诉 你帮我弄」「你帮我搞掂佢」
    r"|你(?:能|可以)?帮[我俺](?:弄|办|搞掂|搞定|整|搞)(?:一下|下|一哈|哈)?(?:佢|他|嘛|吧|呗|啊|不|吗|么|得唔得|得不得|行不行|行不|中不)?$"
    r"|你(?:这|这里|们这|们)(?:能|可以)?(?:帮忙|帮我)?(?:弄|办|登记|受理|报(?!个?(?:名|驾|考|班|销|读)))|(?:帮我|给我|帮俺)(?:记下来|记一下|报上去|上报|报一下)"
    r"|(?:登记|投诉|举报)(?:一个|一次|一下)(?:行不|行吗|可以吗|中不)"  # 「那我自己登记一个行不」
    # 「现在帮他登」「没登记过 现在登」
    r"|(?:帮|替)(?:他|她|我|俺)?登(?=$|[\s,，。!！吧呗啊])|(?:现在|这就|马上)登(?=$|[\s,，。!！吧呗啊])"
    # 「还能再登一个吗」「投诉表在哪 我要填」
    r"|(?:能|可以)(?:再|重新)(?:登记?|投诉|报)一?个|[我俺](?:要|想)填(?=$|[\s,，。吧呗啊])"
    # 记 for 登记: 「帮我记一个投诉」「给俺记一下欠薪」「帮我把欠的工资记上」
    r"|(?:帮|替|给)(?:我|俺|我们|俺们)?"
    + _RECORD
    # 「帮我把投诉登了」: the complaint, then 登
    + r"|(?:帮|替|给)(?:我|俺|我们|俺们)?把(?:这个|这)?(?:投诉|欠薪|工资的事)登(?:了|上|记|一下)?"
    # 「帮我记上」: 记 alone, the clause ending there; 「能登记不」 alone, asking us to
    r"|(?:帮|替|给)(?:我|俺|我们|俺们)记(?:上|下|下来|一下|着)(?=$|[\s,，。!！吧呗啊])"
    r"|^(?:那|那我|那俺)?(?:能|可以)(?:直接)?登记(?:一下|上)?(?:不|吗|么|嘛|不能|不可以)$"
)
# Asking to file, not asking how to: 「那我现在登记一个」「想投诉工地欠薪」「举报老板拖欠工资」.
WANTS_TO_FILE = re.compile(
    r"(?:想|要|(?<=[我俺咱])得|帮我|帮俺|替我|帮忙|给我|准备|打算|申请)(?:马上|立刻|现在|直接|赶紧|这就)?(?:在网上|网上|在这里?)?"
    r"(?:去|来|再|帮我)?"  # 「我想在网上投诉」
    # (灯记: 登记 as voice input spells it)
    r"(?:集体|一起|联名)?(?:投诉|举报|告(?!诉|知)|登记|[灯等]记|反映)"
    r"|^(?:投诉|举报)(?!编号|号|单号)|^(?:那|那就|那我|我就|那我就|好|行|好的|那行|那好|中|那中)?[\s,，]*(?:那)?(?:我|俺)?(?:先|就)?(?:要)?(?:投诉|举报)(?:一下|一个)?(?:吧|呗|嘛|了)?$|登记|(?:重新|再)[投报](?:一个|一次|一下|个)?|(?:重新|再)弄(?:一个|个)|(?:重新|再)?登(?:一个|一下|个|一遍)(?!人)"
    r"|(?:登上|(?:重新|再)登)(?=$|[\s,，。!！吧呗啊])"  # 「帮我把这事登上」「重新登吧」: 登 for 登记
    # 「先帮我把拖工资这事登了」「帮我把这事报了」
    r"|(?:帮|替|给)[我俺]把[^\s，,。]{0,10}(?:登|报|投|记)(?:了|上|下|一下)?(?=$|[\s,，。!！吧呗啊])"
    r"|(?:帮|替)(?:他|她|他们|她们)(?:弄|搞|整|办)?一?个?(?:投诉|登记|举报)"  # 「俺替她弄投诉中不」
    # 「我帮班组的人弄一下投诉」: the worker files for others
    r"|(?:帮|替)[^\s，,。吗]{1,6}?(?:弄|搞|整|办)(?:一下|下)一?个?(?:投诉|登记|举报)(?!怎|咋|在哪|去哪|找|有用)"
    r"|(?:现在|这就|马上)(?:报|登)(?=$|[\s,，。!！吧呗啊])"  # 「没报过 这就报」
    r"|^给(?:他|她)(?:投诉|举报)(?:吧|一下|呗)?$"  # 「好 给他投诉」: go ahead against him
    r"|那(?:我|俺)(?:就|还是)?(?:投诉|举报|登记)(?:一下)?(?:吧|呗|嘛)?$"  # 「免费的话那我投诉」
    r"|还是(?:得|要|想)(?:弄|填|报)(?:一下|吧|了)?$"  # 「想想还是要弄」: after leaving the form, back to it
    r"|^(?:那|那我|那俺)?(?:我|俺)?就?投诉(?:他|她|他们|她们)(?:吧|去)?$"  # 「那我投诉她」
    r"|帮[我俺](?:现在|马上|再)?(?:弄|搞|整|登)一个(?=$|[\s，,。吧呗啊])"  # 「没登记过 帮我现在整一个」
    r"|(?:就|来|喺度|在这|在这里|在这儿)(?:投诉|举报)(?!找|去哪|上哪|到哪|在哪)|(?<![能以])(?:投诉|举报|登记)吧|登个记|报个案|(?:还是|那就)[投报]吧|还是(?:要|想)投(?![资保简])|新建一?个?(?:欠薪)?(?:投诉|登记)"
    r"|(?:投诉|举报)(?:一下)?.{0,12}(?:欠|拖欠|工资|工钱|薪)|(?:整|弄|搞|来|走|办)一?个(?:欠薪|工资)?(?:投诉|登记)"
    r"|(?:现在|这就|马上)投(?:一个|一下|个|(?=$|[\s，,。吧]))|(?:帮我|给我|要)立个?案|^(?:那|那就)?重新登记(?:一下|吧)?$|(?:想|要)(?:提交|提|交)一?个?(?:欠薪|工资|讨薪)?(?:投诉|举报)|(?:现在|这就|马上)(?:投诉|登记|举报)(?:一个|一下|个)?(?=$|[\s，,。吧])|[要想]等级|等级(?:欠薪)?投诉|[我俺]就在[\u4e00-\u9fff]{2,6}(?:投诉|举报)吧?$|"
    # 「记个欠薪」: 记 for 登记 (not 忘记, 登记, 书记)
    + r"(?<![忘日笔标惦牢登得书])"
    + _RECORD
    + "|"
    + ASKS_US_TO_FILE.pattern
)
# A clause that only wishes to file: 「我要登记」「那俺想投诉」.
WILL_FILE = re.compile(
    r"^(?:那|那我|那俺)?(?:我|俺)?(?:就|还是)?(?:想|要|重新|想重新|要重新)(?:登记|投诉|举报)(?:一下|吧)?$"
    r"|^(?:算了)?(?:还是|那就)(?:投|报|登记|投诉)吧$"  # 「算了还是报吧」: changed one's mind back
)
# 「我要登记拖欠工资」: the wish to register here, which the form answers however it is asked.
WILL_REGISTER = re.compile(r"(?:我|俺)(?:就|是)?(?:要|想)登记")
# 「我想问一下怎么登记」「欠薪登记 咋弄」: how to register arrears is answered by registering them.
HOW_TO_REGISTER = re.compile(
    r"(?:怎么|咋|如何|咋个)(?:在这|在这里)?登记(?!过)|登记(?:一下)?\s*(?:怎么|咋|咋个)(?:弄|办|搞|填|登)"
)
NOT_FILING = re.compile(
    r"(?:不|没|别|不用|不必|无需)(?:想|要|打算|准备|必要)?(?:去|再)?(?:投诉|举报|告(?!诉|知)|登记)"
    r"|不(?:太|大)?放心|已经|(?<!再)投诉过|举报过|告过|(?<!再)登记过|之前投诉|以前投诉|进度|撤销|撤回|[上前]几?[个次]?(?:礼拜|星期|周|月|天)投诉"
    # one filed before: 「上礼拜在这登记了一个投诉」「是上礼拜三登记的」
    r"|(?:登记|投诉|举报)了一?个|(?:上|前)个?[几两三]?(?:礼拜|星期|周|月|天|回|次).{0,8}(?:登记|投诉|举报|报[的了])|(?:登记|投诉)的(?:那个|欠薪)"
    # 「不可能 我肯定登记了」: sure it was filed
    r"|(?:肯定|明明|确实|早就?)(?:在这|在这里)?(?:登记|投诉|举报)(?:了|过)"
    r"|是[^\s，,。]{0,8}(?:登记|投诉|举报)的(?=$|[\s，,。])"  # 「是我帮我老表登记的」: done before
    # 「投诉两个礼拜了」: filed that long ago
    r"|(?:登记|投诉|举报)了?(?:两|几|[一二三四五六七八九十\d]+)个?(?:礼拜|星期|周|月|天)了"
)
ANOTHER = re.compile(
    r"(?:再|重新|另外|现在|那就|那我就?)(?:帮我|给我|帮俺)?(?:登记|投诉|举报|登|投|报|弄)(?:一个|一下|个|一次|一遍|上)|再登记过"
    r"|(?:再|重新)(?:帮我|给我|帮俺)?登(?=$|[\s吧呗啊])"
)
_LEAVE_ASKED = re.compile(r"(?:行不行|行吗|行不|可以吗|可以不|可不可以|成不|中不中|中不)$")
HOW = re.compile(
    r"[?？]|吗|么|咋|怎|如何|哪|啥|什么|谁|能不能|可不可以|要不要|该不该|有没有|有用|会不会|是不是|行不行"
    r"|管用|流程|步骤|[能可]以?投诉不|不$|点样|点算|点做|边度|几时|乜|咩|几耐|多久|多长时间"
)
WAGE_WORDS = re.compile(r"欠|拖欠|工资|工钱|薪|加班费|不给钱|没给钱|不发|没发|不结|没结|开支")


# A condition put before the wish: 「可以的话帮我登记一下」「能登记就帮我登记」「要是能就帮我投诉吧」.
_IF_ABLE = (
    r"(?:要是|如果|假如|若是|万一)(?:能|可以|行|方便)?(?:投诉|举报|登|报)?(?:的话)?就?"
    r"|(?:能|可以|行|方便|成|中|允许)(?:投诉|举报|登|报)?的?话就?"
    r"|(?:能|可以|行)(?:投诉|举报|登|报)?(?=就)|的话就?|就"
)


def only_filing(clause: str) -> bool:
    return clause in START_WORDS or bool(WANTS_TO_FILE.search(clause) and not filing_rest(clause))


def filing_rest(words: str) -> str:
    """What a message asking to file says besides asking (「我要投诉」 says nothing more)."""
    rest = WANTS_TO_FILE.sub("", words)
    rest = re.sub(
        _IF_ABLE
        + r"|我们?|他们?|帮我|一?下|再|那|的|了|吧|啊|呀|一个|新的|欠薪|欠工资|拖欠|工资|工钱|欠钱|欠|钱"
        r"|老板|包工头|工头|公司|工地|单位|厂|这个|那个|还|也|要|想|不给|没给|不发|没发|跑了|跑路|[\s,，。.!！]"
        r"|先|试试|试一下|试下|试一哈|投诉|登记|举报|(?:能|可以)(?=投诉|登记|就|$)"  # 「可以登记就登记」
        r"|^(?:来|好的?|行|嗯+|中|可以|开始)(?=吧|$|[\s,，])",  # 「来吧 登记」「好的 投诉」: go ahead
        "",
        rest,
    )
    return rest


def resumes(words: str) -> bool:
    """A wish to file said with a draft kept (however the rest of the message was read)."""
    return any(
        WANTS_TO_FILE.search(c) and not NOT_FILING.search(c) for c in re.split(r"[\s,，?？!！。;；]+", words)
    )


_URGED = re.compile(r"(?<![都早过])(?:投诉|登记)啦[\s!！。]*$")


def wants_to_file(words: str, result: Result) -> bool:
    """「举报欠薪」「想投诉工地欠薪」「我要告老板拖欠工资」; not 「怎么投诉」「欠薪去哪投诉」 (asking
    how) nor 「不想投诉」「我已经投诉过了」 (the last clause that speaks of filing decides)."""
    if _URGED.search(result.text) and not HOW.search(words) and not NOT_FILING.search(words):
        return True  # Cantonese 「快啲投诉啦」: 啦 urges it on (heard as 投诉了, which was done)
    owed = result.intent == "wage_arrears" or (result.intent in ("greeting", "unknown") and "钱" in words)
    if HOW_TO_REGISTER.search(words) and owed and not NOT_FILING.search(words):
        return True  # (「…老板到现在还差我们钱 我想问一下怎么登记」: no topic read, money owed)
    parts = [c for c in re.split(r"[\s,，?？!！。;；]+", words) if c]
    if len(parts) > 1 and parts[-1] in ("投诉", "登记", "举报") and not NOT_FILING.search(words):
        return True  # 「回复投诉对吧 投诉」: the command said after whatever came before it
    wanting = [i for i, c in enumerate(parts) if WANTS_TO_FILE.search(c) and not NOT_FILING.search(c)]
    # (「那我再投一个行不行」 asks leave to file, not how)
    asks_how = bool(wanting) and any(HOW.search(_LEAVE_ASKED.sub("", c)) for c in parts[wanting[0] :])
    last = parts[wanting[-1] :] if wanting else []
    if asks_how and WILL_FILE.match(last[0]) and not any(HOW.search(c) for c in last):
        asks_how = False  # 「黄埔这边能登记欠薪吗 我要登记」: whether one can, then the wish to
    if asks_how and any(WILL_REGISTER.search(parts[i]) for i in wanting):
        asks_how = False  # 「我要登记欠薪 咋整」: registering here is how
    if (
        not wanting
        # asking how, in the asking clause or after it (「没有？那我登记一个」 is not asking how)
        or (asks_how and not ASKS_US_TO_FILE.search(words))
        # (「我还没投诉过 那现在登记一个」: what was not done before is done now; 「咁我再登记过」 is again)
        or NOT_FILING.search(" ".join(parts[wanting[-1] :]))
    ):
        return False
    if WILL_FILE.match(parts[wanting[-1]]) and not asks_how:
        return True  # 「我没投诉过 想投诉」 after a status answer: the wish, whatever the message was read as
    if result.intent in ("wage_arrears", "unknown") or ANOTHER.search(words) or ASKS_US_TO_FILE.search(words):
        return True  # (「那再登记一个」 after a status answer asks for a new one)
    # (「法律援助咋申请 老板欠钱不给 我想告他」: with legal aid asked for, 告 is going to law)
    return result.intent not in ("complaint_status", "legal_aid") and bool(WAGE_WORDS.search(words))
