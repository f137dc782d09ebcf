"""What a worker says at the summary, where only filing, changing an item or dropping it is left:
assent in any of its everyday forms, said in pieces (「行了 就这么着」「没了 确认」「对 就这些」); and the
name taken off (「名字别写了 怕厂里知道」「名字也删了吧」). ``CONFIRMS`` knows the set
phrases; this reads each clause on its own."""

from __future__ import annotations

import re
from typing import Any

from .fields import SKIP_WORDS

# At the summary, where only confirming, editing or cancelling is left, assent in the worker's own
# words confirms, with or without the word to submit (「没错 确认」「行 就这么交吧」「妥了 交吧」).
CONFIRMS = re.compile(
    r"(?:(?:没错|冇错|无误|对的?|对了|对头|都对|好的?|好嘞|是的|系|啱晒?|嗯+|嗯呐|嗯呢|行|行吧|可以|没问题|冇问题|木问题|没毛病|看好了|看过了"
    r"|妥了?|中|ok|okay|(?:这回|这下|现在)(?:对了|没错了?|没问题了?)|就这么地|就这样|就这么着|可以了|整吧|得嘞|行嘞|就咁样|对着[哩呢]|没得错)[吧喇\s,，。!！~]*)+"
    r"(?:(?:那就?|那我就?|就这样|就这么|就)?(?:确认提交|确认|确定|提交|交上去|交|报上去|上报|报|发出去|发过去|发|登记|登上|整上去)"
    r"(?:了吧|吧|了|啦|呀|哈|无误)?[\s。!！~]*)?"
    # 「确定 发过去」: confirmed, then sent on
    r"|(?:确认|确定)[\s,，]*(?:提交|交上去|交了?|报上去|发出去|发过去|发了?)(?:吧|了|啦)?[\s。!！~]*"
    # after 「我再想想」: 「考虑好了 提交」
    r"|(?:想好了|考虑好了|想清楚了)[\s,，。]*(?:确认提交|确认|确定|提交)(?:吧|了)?[\s。!！~]*",
    re.IGNORECASE,
)
CONFIRM_LAST = re.compile(r"[\s,，。]*(?:确认|确定|提交)(?:吧|了|啦)?[\s。!！]*$")
OK_THEN_CONFIRM = re.compile(  # An agreement, then the confirmation: 「啱 确认」「都没问题了 确认」
    r"^(?:(?:啱|啱啱|对|对的|对了|对头|系|好|好的|好嘞|嗯|嗯嗯|行|行吧|中|要得|可照|可以|可以了|是的|是这样|就是这样|ok|okay|得|整吧|那整吧|就这么[的地着]"
    r"|(?:都|全)?(?:没|冇|无|莫|么)(?:得|有|啥|什么)?(?:问题|毛病|错)|都对)[了啦喇]?[\s,，。!！]*)*(?:(确认|确定|提交)(?:提交|一下)?|(?:就这么|就这样|就)?(?:交|发)(?:了|上去)?)(?:吧|啦|了|呀|哈|嘛|咯|哦)?[\s。!！~]*$"
    # 「确认 都对」「确认 无误了」: the confirmation first
    # (「确认的」「确定 确认」「确认 就提交吧」: the confirmation said twice or with 的)
    r"|^(确认|确定|提交|确认提交)(?:一下)?[的了吧啊]?[\s,，。]*(?:没问题|冇问题|对的|没错|是的|好的|都对|可以|无误|确认|确定|提交|登记"
    r"|没啥?毛病|谢谢|谢了|就这样|就这么着|交|发|交上去|发上去)?[了的吧啊]{0,2}$"
    r"|^(?:就这么|就这样|就照这)(?:报|提交|交|定)(?:吧|了)?$|^[行好中]?\s*就这么地[吧呗]?$",  # 「就这么报」
    re.IGNORECASE,
)

# One clause that agrees and asks nothing, or says to send it on. (Not 「好」 alone beside other words:
# 「好 我再看看」 is a pause, which ``exits`` reads first.)
_AGREES = re.compile(
    r"(?:那|那就|就|那我就?|好|行|嗯+)*"
    r"(?:确认|确定|确任|提交|报上去|报吧|交上去|发上去|上报|登上去|就?这样|就这|就?这么[着地的]|就这些|就这么多|没了|没有了|没别的了?"
    r"|谢谢?|谢了|多谢|唔该晒?|麻烦了|辛苦了|感谢|都对|对|对的|对了|对头|是的|好|好了|好的|好嘞|嗯+|嗯呐|行|行了|可以|可以了|没问题|没毛病|没错|ok|妥了?|中|得了|齐了)"
    r"(?:吧|嘛|啦|了|呀|哈|咯|呗|的)*"
)
_SENDS = re.compile(r"确认|确定|确任|提交|报|交|发|登|这样|这么|这些|没了|没有了|没别的|齐了")
# Pinyin for the one word the summary asks for (「queren」).
_PINYIN_YES = {"queren", "queding", "tijiao"}


def agrees(words: str) -> bool:
    """Whether a message at the summary says to file it: every clause agrees, one of them says so."""
    if words.replace(" ", "") in _PINYIN_YES:
        return True
    parts = [p for p in re.split(r"[\s,，。.!！~～]+", words.lower()) if p]
    return bool(parts) and all(_AGREES.fullmatch(p) for p in parts) and any(_SENDS.search(p) for p in parts)


# 「名字别写了」「名字也删了吧」「称呼就别留了」: the name taken off at the summary.
NAME_OFF = re.compile(
    r"(?:我的)?(?:名字|姓名|称呼)(?:也|还是|就|那栏|那项)?(?:不要|不用|不想|别|不)(?:写|填|留|要)了?"
    r"|(?:我的)?(?:名字|姓名|称呼)(?:也|还是|就|那栏|那项)?(?:去掉|删掉|删了|拿掉|划掉|不要了|不留了)"
)


def drops_name(words: str, fields: dict[str, Any]) -> bool:
    """Whether a message at the summary takes the name off (or, with none, skips it again: 「那跳过」)."""
    if re.sub("^[那好行就吧]+", "", words) in SKIP_WORDS:
        return fields.get("name") is None
    return bool(NAME_OFF.search(words))
