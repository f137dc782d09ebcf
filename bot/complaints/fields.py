"""What workers type into the complaint form: the fields, and parsing of amounts, counts, phones, names
(values found out of order inside a longer message are in values.py)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..numbers import FORMAL, cn_small, parse_amount

START_WORDS = {"投诉", "我要投诉", "登记", "我要登记", "投诉登记", "登记投诉", "开始登记", "我要举报", "举报"}
# The form's name said alone, as a menu item would be (「欠薪投诉」).
START_WORDS |= {"回复投诉", "欠薪投诉", "欠薪登记", "欠薪举报", "工资投诉", "拖欠工资投诉"}
START_WORDS |= {"投", "投吧", "那就投"}  # (投诉 cut short, after the arrears answer)
CANCEL_WORDS = {"取消", "不登记了", "不投诉了", "算了", "退出", "取消登记", "不要了"}
# Emoji that end a message (「确认✅」「好的👌」): no part of what it says to the form.
EMOJI_END = re.compile(r"[\u2600-\u27bf\ufe0f\U0001F000-\U0001FAFF]+$")
CONFIRM_WORDS = {"确认", "确定", "确认提交", "提交", "对", "对的", "没错", "是的", "确任"}  # (确任: a slip)
# Yes in Cantonese, which 对 is (係 is read simplified, as 系): 「系」「系呀」「啱啊」「冇错」.
CONFIRM_WORDS |= {"系", "系呀", "系啊", "系啦", "系咯", "系嘅", "啱", "啱啊", "啱呀", "啱晒", "冇错", "无错"}
SKIP_WORDS = {
    "跳过",
    "不留",
    "不想留",
    "不写",
    "匿名",
    "不方便",
    "算了不留",
    "不用了",
    "不用",
    "不用留",
    "不用写",
}


# -- parsing what workers type ------------------------------------------------------------------


# What voice input writes for 投诉 (tóusù): 「重新头诉」「要投述」
_SLIPS = re.compile(r"[头偷]诉|投[述速素塑]")
_CONFIRM_SLIPS = re.compile(r"[却雀缺]认|确人")  # 确认 (quèrèn) by voice: 「却认」「确人」


# 「承包商叫蓝骑士什么的」: 什么的 after a name hedges it ("or some such"); it asks nothing.
_HEDGE = re.compile(r"(叫[^\s，,。什啥]{1,12})(?:什么|啥)的(?=$|[\s，,。])")


def normalize(text: str) -> str:
    """NFKC, 投诉 and 确认 as voice input mishears them, 廿/卅 (twenty, thirty) as digits' words, a number
    spoken digit by digit as digits (「一三六零零二二八四七五」, 幺 for 1), and no hedge after a name
    (「叫蓝骑士什么的」)."""
    text = unicodedata.normalize("NFKC", text).strip().replace("廿", "二十").replace("卅", "三十")
    text = _SPOKEN_DIGITS.sub(lambda m: re.sub(r"[\s\-]", "", m.group()).translate(_DIGIT_OF), text)
    text = _CONFIRM_SLIPS.sub("确认", _SLIPS.sub("投诉", text)).replace("嗯哪", "嗯呐")  # (yes, not 哪)
    return _HEDGE.sub(r"\1", text)


# What a pasted location carries beside the address: a map link, a 「[位置]」 or 「我在这里：」 label.
_PASTED = re.compile(
    r"https?://\S+|www\.\S+|^\s*(?:\[位置\]|【位置】|位置[:：]|我的位置[:：]|我在这里[:：])\s*"
)


# The form's commands typed in pinyin: 「queren」 is read 缺人 by the classifier, 「xiugai 3」 not at all.
_PINYIN_COMMANDS = {
    "queren": "确认",
    "queding": "确定",
    "tijiao": "提交",
    "quxiao": "取消",
    "tiaoguo": "跳过",
    "jiuwoyige": "就我一个",
    "jiuwoyigeren": "就我一个人",
}


def from_pinyin(text: str) -> str | None:
    """A form command typed in toneless pinyin, in hanzi; None for anything else."""
    said = text.strip().lower()
    if not said.isascii():
        return None
    if m := re.fullmatch(r"xiugai\s*([1-7])", said):
        return f"修改 {m[1]}"
    return _PINYIN_COMMANDS.get(said.replace(" ", ""))


def strip_pasted(text: str) -> str:
    """「我在这里：黄埔区香雪大道中85号 https://surl.amap.com/…」 → the address alone."""
    return _PASTED.sub("", text).strip() or text


# Seven or more digit words in a row (in groups or not) are a number read out digit by digit (a
# phone number), never an amount: amounts need 十/百/千/万 between their digits.
_SPOKEN_DIGITS = re.compile(r"[零〇一二三四五六七八九幺](?:[\s\-]?[零〇一二三四五六七八九幺]){6,}")
_DIGIT_OF = str.maketrans("零〇一二三四五六七八九幺", "00123456789" + "1")


# 「…写二十一吧」「…就填20」: after a rough figure, the one to put down.
_PUT_DOWN = re.compile(r"(?:就|那就)?(?:写|填)(?:成|上|个)?(?=[\d零一二两三四五六七八九十百千万])")


def parse_count(text: str) -> int | None:
    t = normalize(text).replace("仨", "三").replace("俩", "两")
    if put := _PUT_DOWN.search(t):
        t = t[put.end() :]  # 「二十来个 写二十一吧」: the number to put down
    t = re.sub(r"一个人(?=[怪好太挺很真冷孤闷无过在待呆住])", "", t)  # 「一个人挺闷的」: alone, no count
    if re.fullmatch(r"(?:就|只有|只)?(?:[我俺咱额](?:本人)?|本人)[啊呀哈吧嘛的]?", t):
        return 1  # 「我」「我本人」 asked how many are owed: the worker alone
    # (「我一个人就8400」 is the worker's own share, not a head count)
    if re.search(
        r"(就[我俺咱他她]|[我俺咱他她]自(?:己|个儿?|各)|只有[我俺咱他她]|一个人|[我俺咱]一个)(?!就?\d)", t
    ):
        return 1
    if (
        re.fullmatch(r"(?:就|只有)?[我俺咱](?:和|跟|同)[我俺咱]?[\u4e00-\u9fff]{1,4}?(?:两个|二人|俩)?", t)
        and "们" not in t
    ):
        return 2  # 「俺跟俺表弟」: the worker and one other
    # (a number of months, days, hours or money is no head count: 「11月3号到12月20号」「两千」)
    m = next((m for m in re.finditer(r"\d+(?:\.\d+)?", t) if not _NOT_A_COUNT.match(t, m.end())), None)
    if m:
        n = int(float(m.group()))
    else:
        cn = next(
            (
                m
                for m in re.finditer(r"[零一二两三四五六七八九十百千]+", t)
                if not (m.group().endswith("千") and not t.startswith(("人", "个", "名", "位"), m.end()))
                and not _NOT_A_COUNT.match(t, m.end())
            ),
            None,
        )
        n = int(cn_small(cn.group()) or 0) if cn else 0
    return n if 1 <= n <= 100_000 else None


# What follows a number that is a time or a sum, not people: 「11月」「3号」「8点」「30岁」「3千」「2w」.
_NOT_A_COUNT = re.compile(
    r"(?:多|来|几)?(?:[月号日年点岁块元万千天周分毛wWkK]|小时|个多?(?:月|星期|礼拜|小时|钟头))"
)


PHONE = re.compile(r"1[3-9]\d{9}")


_SAID_DIGITS = str.maketrans("零〇幺一二两三四五六七八九", "0011223456789")  # 「幺五九 二二八六…」


def parse_phone(text: str) -> str | None:
    said = normalize(text.translate(FORMAL))  # (the numerals of receipts: 壹叁捌…)
    digits = re.sub(r"[\s\-－—()（）+]", "", said).translate(_SAID_DIGITS)
    digits = digits.removeprefix("86") if len(digits) == 13 else digits
    return digits if PHONE.fullmatch(digits) else None


def mask_phone(phone: str | None) -> str:
    return f"{phone[:3]}****{phone[-4:]}" if phone and len(phone) >= 7 else "—"


def _free_text(text: str, low: int, high: int) -> str | None:
    t = re.sub(r"\s+", " ", normalize(text))
    return t if low <= len(t) <= high and not t.isdigit() else None


# The days a period may be told by, from the calendar, the lunar calendar and the solar terms
# (「国庆到元旦」「腊八到元宵」「霜降到小寒」).
FEASTS = (
    r"(?:国庆|元旦|中秋|端午|五一|清明|重阳|八月节|八月十五|八月半|正月十五|小年|元宵|除夕|大?年三十|腊八|破五"
    r"|年(?:廿|二十)[一二三四五六七八九]?"  # (Cantonese 年廿八: the 28th of the last month)
    r"|年初[一二三四五六七八九十]|立[春夏秋冬]|冬至|寒露|霜降|[大小]寒|[大小]雪)"
)


def parse_period(text: str) -> str | None:
    t = _free_text(text, 1, 40)
    if t and re.search(
        r"[\d一二两三四五六七八九十半]|月|年|天|周|季|春|夏|秋|冬|上冻|至今|到现在|开工|完工"
        r"|除夕|腊月|正月|初[一二三四五六七八九十]|" + FEASTS,
        t,
    ):
        return t
    return None


# 「叫我小邓」「我姓王就行」: the name a worker gives to be called by.
CALL_ME = re.compile(
    r"^(?:你们?)?(?:就|直接)?(?:(?:名字|姓名|称呼)(?:就|你就)?[写填叫]|[叫喊][我俺额]|称呼我?|[我俺额]叫|[我俺额]姓|姓|(?:还是|叫)(?=[老小阿]))([\u4e00-\u9fffA-Za-z]{1,4}?)(?:就行了?|就好|就可以|就得|就要得|要得|就成|就中|得了|得啦|吧|哈|啊|嘛)?$"
)


SURNAME = (  # the common ones
    "[王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔"
    "钟谭陆汪范金石廖贾夏韦方邹孟熊秦邱尹薛段雷侯史陶黎贺顾毛郝龚邵严覃武戴孔汤]"
)
# What a worker is called by: 「小韦」「老陈」「阿珍」「吴师傅」「刘姐」 (not 老板, 老乡, 小孩).
NICKNAME = re.compile(
    r"(?:小(?!孩|区)|老(?!板|乡|家|婆|公|表|总|娘|师)|阿)[\u4e00-\u9fff]|[\u4e00-\u9fff](?:姐|哥|师傅|叔|婶|嫂|工)"
)


def called(clause: str) -> str | None:
    """The name a clause gives on its own (「叫我老陈」 → 老陈, 「吴师傅」, 「吴桂兰」), or None."""
    if m := CALL_ME.match(clause):
        return m.group(1)
    full = NICKNAME.fullmatch(clause) or re.fullmatch(SURNAME + r"[\u4e00-\u9fff]{1,2}", clause)
    return clause if full else None


# A slip taken back before the name (「马…不对 我叫王军」), and a surname spelt out (「我姓章 立早章」).
_NAME_FIXED = re.compile(
    r"^.{0,6}?(?:…+|\.{2,}|[\s,，])*(?:不是|不对|说错了|打错了)[\s,，]+"
    r"|[\s,，]+(?:立早章|弓长张|口天吴|木子李|耳东陈|双木林|古月胡|草头黄|言午许|三横王)$"
)


# A clause that spells out a character of what was said before it: 「草字头那个茂」「三点水那个」「单人旁的」
# name a radical; 「茂盛的茂」「弓长张」 end in the character.
_RADICAL = re.compile(
    r"(?:字|人|手|心|丝|犬|耳|土|金|木|水|言|足|女)旁|点水|(?:字|草|宝盖|竹)头|字底|偏旁|部首"
)
_WORD_THEN_CHAR = re.compile(r"[\u4e00-\u9fff]{1,5}(?:那个|的那个|的)([\u4e00-\u9fff])")


def _spells(clause: str, said: str) -> bool:
    clause = re.sub(r"[的啊呀吧嘛哈]+$", "", clause) or clause
    if len(clause) > 8 or not re.fullmatch(r"[\u4e00-\u9fff]+", clause):
        return False
    if _RADICAL.search(clause):
        return True  # 「三点水那个」「草字头那个茂」
    if (m := _WORD_THEN_CHAR.fullmatch(clause)) and m[1] in said:
        return True  # 「茂盛的茂」
    return len(clause) == 3 and clause[-1] in said and not set(clause[:2]) & set(said)  # 「弓长张」


def without_spelling(value: str) -> str:
    """The value without the clauses after it that spell out one of its characters:
    「张红 弓长张」 → 「张红」, 「华茂，草字头那个茂」 → 「华茂」."""
    value = value.strip()
    while (m := _LAST_CLAUSE.search(value)) and m.start() and _spells(m[1], value[: m.start()]):
        value = value[: m.start()]
    return value


_LAST_CLAUSE = re.compile(r"[\s,，。、]+([^\s,，。、]+)[\s,，。、!！]*$")


def parse_name(text: str) -> str | None:
    # 「马…不对 我叫王军」: the name after the slip (and no character spelt out after it)
    t = _NAME_FIXED.sub("", without_spelling(normalize(EMOJI_END.sub("", text.strip()))))  # (「叫我老刘👍」)
    if m := CALL_ME.match(t):
        return m.group(1)
    parts = [p for p in re.split(r"[\s,，。!！;；]+", t) if p]
    if len(parts) > 1 and (name := next((n for p in parts if (n := called(p))), None)):
        return name  # 「吴师傅 跟老板一个姓」「叫我老陈 电话别打太早」「写我爸的 王长贵 我是他儿子」
    if re.search(r"[俩仨]|[两三四五六七八九十几]个|[我俺](?:和|跟)", t):
        return None  # 「俩 我和我媳妇」: who was owed, not what to call the worker
    return t if re.fullmatch(r"[\u4e00-\u9fffA-Za-z·• ]{1,20}", t) else None


@dataclass(frozen=True)
class Field:
    key: str
    label: str
    ask: str
    retry: str
    parse: Callable[[str], Any]
    skippable: bool = False
    hint: str = ""  # said when the worker is unsure or asks how to answer


FIELDS: tuple[Field, ...] = (
    Field(
        "employer",
        "欠薪单位/老板",
        "第1步：欠你工资的是哪个单位或老板？公司名、老板或包工头的名字都行。",
        "名字太短或太长了，请写欠薪单位或老板的名字（2到60个字）。",
        lambda t: _free_text(without_spelling(t), 2, 60),
        hint="不知道公司全名没关系，写老板或包工头的姓名、外号，或者大家平时怎么叫都行。",
    ),
    Field(
        "site",
        "干活地点",
        "第2步：在哪里干的活？说城市和工地或厂名，也可以直接发个位置。",
        "请写城市和工地或厂名，比如「安庆宜秀区某某工地」。",
        lambda t: _free_text(without_spelling(t), 2, 80),
        hint="记不清具体地址也行，写城市和大概位置就可以。",
    ),
    Field(
        "amount",
        "被欠金额",
        "第3步：一共欠你多少钱？比如「3.5万」「35000元」「三万五」。",
        "没看懂金额。一共欠你多少钱？写成「35000元」或「3.5万」这样，记不清写个大概数也行。",
        parse_amount,
        hint="记不清的话写个大概数就行，比如「大概2万」。",
    ),
    Field(
        "period",
        "欠薪时间",
        "第4步：欠的是哪段时间的工资？比如「2020年10月到12月」或「3个月」。",
        "请写欠薪的月份或时长，比如「3个月」。",
        parse_period,
        hint="写个大概就行，比如「去年10月到今年1月」或「3个月」。",
    ),
    Field(
        "workers",
        "被欠薪人数",
        "第5步：一共几个人被欠薪？只有你自己就回「1」。",
        "请回一个人数，比如「1」或「12」。",
        parse_count,
        hint="只知道大概也行，比如「10个人左右」。",
    ),
    Field(
        "phone",
        "联系电话",
        "第6步：留一个能打通的手机号（11位），工作人员会打给你。",
        "手机号要11位、1开头，请再发一次。",
        parse_phone,
        hint="电话只给工作人员核实情况用，不会公开；没有电话没法联系你。不想登记了回复「取消」。",
    ),
    Field(
        "name",
        "姓名",
        "第7步：你怎么称呼？不想留名字回「跳过」。",
        "这一步要的是你的称呼，写个姓或名字就行，比如「老王」；不想留回「跳过」。",
        parse_name,
        skippable=True,
        hint="名字可以不留，回复「跳过」就行。",
    ),
)
BY_KEY = {f.key: f for f in FIELDS}


def show_value(key: str, value: Any) -> str:
    if key == "amount":
        return f"{value}元"
    if key == "workers":
        return "不清楚" if value is None else f"{value}人"
    if key == "name":
        return value or "（不留）"
    return str(value)
