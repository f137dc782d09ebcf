"""What a worker says at the summary, where only filing, changing an item or dropping it is left:
assent in any of its everyday forms, said in pieces (「行了 就这么着」「没了 确认」「对 就这些」); and the
name taken off (「名字别写了 怕厂里知道」「名字也删了吧」). ``reading.CONFIRMS`` knows the set
phrases; this reads each clause on its own."""

from __future__ import annotations

import re
from typing import Any

from .fields import SKIP_WORDS

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
