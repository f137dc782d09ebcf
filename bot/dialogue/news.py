"""Asking after a filed complaint's news in words of its own: 「啥时候有信」 from a worker who filed,
「前几天在这登记的 咋还没人给我打电话」 from one who says they did, 「咋这么慢 都一礼拜了」 right after
asking how their complaint stands, as is any waiting then (「要等好久」「啥时候能有人联系我」). The turn
reads these as ``complaint_status``."""

from __future__ import annotations

import re
from collections.abc import Callable

from ..nlu.model import Result
from ..storage.store import User
from .wording import asks

ARREARS_PLAIN = 2.5  # wage arrears named as plainly as 欠薪
NEWS_OF_A_CASE = ("unknown", "human_agent", "wage_arrears", "smalltalk")  # what they may be read as
# Waiting to hear back: 「大概多长时间能给我们回信」「咋还没人给我打电话」「要等多久」「多久能给信儿」.
AWAITS_NEWS = re.compile(
    r"有信|回信|回音|回话|有消息|有结果|有动静|联系我|给我打电话|给我们回|答复|给(?:个|我)?信"
    r"|处理.{0,4}(?:多久|多长时间|几天)|(?:啥时候|什么时候|多久|哪天)(?:能|会|才)?(?:处理完|处理好|办完|办好|有人|有结果|要回来)"
    r"|有人(?:打给我|打过来|打电话给我|打电话来)|跟进"
    r"|(?:没|冇|没有|莫得|没得)(?:人|谁)(?:给我|俾我|同我)?(?:联系|打电话|打过电话|回电话|找|管|理|覆)"
    r"|(?:还得|还要|要)等(?:多久|好久|多长时间|几天|到啥时候|几耐)|(?:几耐|多久|多长时间).{0,4}(?:覆|回|联系|有人|打电话|来电话)"
)
# What happens to a complaint once filed: 「接下来谁处理」「会有人通知我吗」.
WHAT_NEXT = re.compile(
    r"投诉|谁(?:来)?(?:处理|管|跟进)|处理|跟进|通知我|结果|接下来|后面|之后|交了|交上去|会知道"
)
# Asking for someone to talk to or a number to call: 「有没有人工」「给个电话」「号码多少」.
_WANTS_SOMEONE = re.compile(
    r"人工|客服|真人|号码|电话(?:多少|是|能打)|有电话|给(?:我)?个电话|打电话(?:问|找)|找个人|打哪个|打什么电话|直接打"
)
# What the worker should prepare or keep: 「证据要我自己去找不」「手里留着啥」.
_PREPARES = re.compile(r"准备|备点|证据|凭据|材料|留着|带啥|带什么")
# Impatience, which asks after the complaint only right after its status was asked.
_SLOW = re.compile(
    r"这么慢|太慢|好慢|咁慢|咋还没|怎么还没|点解仲未|都一?个?(?:礼拜|星期|周|月)了|好几天了|多少天了"
)
# 「前几天我在你这登记…」「上个月投诉过」: the worker says they filed.
_FILED = re.compile(
    r"(?:前几天|前两天|上次|上回|之前|以前|早就|已经|上个?(?:礼拜|星期|周|月))[^，,。]{0,8}(?:登记|投诉|举报|报)"
    # 「投诉两个礼拜了」: filed that long ago
    r"|(?:登记|投诉|举报)了?(?:两|几|[一二三四五六七八九十\d]+)个?(?:礼拜|星期|周|月|天)了"
)
_STATUS_KEY = "status_at"  # when the worker last asked how their complaint stands
_STATUS_FRESH = 10 * 60


def asked_status(user: User, now: float) -> None:
    user.state = {**(user.state or {}), _STATUS_KEY: now}


def asks_news(user: User, intent: str, heard: str, now: float, filed: Callable[[], bool]) -> bool:
    """Whether a message read as ``intent`` asks after a complaint's news (``filed``: whether the
    worker has just filed one)."""
    if intent not in NEWS_OF_A_CASE:
        return False
    if (
        user.cases
        and intent != "smalltalk"
        and asks(heard)
        and WHAT_NEXT.search(heard)
        and not _PREPARES.search(heard)  # 「接下来我要备点啥」: the evidence, which the arrears answer lists
        and filed()
    ):
        return True  # just filed: 「这投诉谁处理啊」「交了之后是你们通知我还是我自己去问」
    if user.cases and (intent != "smalltalk" or asks(heard)) and AWAITS_NEWS.search(heard):
        return True  # (「谢谢 啥时候会有人打给我」 after filing: the thanks asks too)
    fresh = now - float((user.state or {}).get(_STATUS_KEY, 0)) <= _STATUS_FRESH
    if fresh and intent in ("unknown", "smalltalk") and (_SLOW.search(heard) or AWAITS_NEWS.search(heard)):
        return True  # right after asking how it stands: 「咋这么慢」「要等好久」「啥时候能有人联系我」
    if fresh and intent == "human_agent" and AWAITS_NEWS.search(heard) and not _WANTS_SOMEONE.search(heard):
        return True  # 「咋个还莫得人给我打电话 查一下嘛」「一直没人打给我」: the case, not a number
    if intent == "human_agent":
        return False  # 「咋还没人联系我 给个电话」 from one with nothing on file: the number they ask for
    return intent != "smalltalk" and bool(AWAITS_NEWS.search(heard)) and bool(_FILED.search(heard))


# How arrears are handled in general (「欠薪一般多久能处理」「还能去哪反映」), not one's own complaint
# (「我投诉的那个」「我上礼拜那个欠薪的事」).
_IN_GENERAL = re.compile(r"一般|通常|还能去哪|去哪里?(?:反映|投诉|告)|找谁")
_MINE = re.compile(r"[我俺]|进度|查一下|查查|编号|前天|前几天|前些天|上礼拜|上个?星期|上周|上次|之前")


def arrears_in_general(user: User, result: Result, heard: str) -> bool:
    """A question read as a complaint's status from a worker with nothing on file, which asks how
    arrears are handled in general."""
    return (
        not user.cases
        and result.scores.get("wage_arrears", 0.0) >= ARREARS_PLAIN
        and bool(_IN_GENERAL.search(heard))
        and not _MINE.search(re.sub(r"^[我俺]在\S+\s", "", heard))  # (「我在黄埔 欠薪一般…」 says where)
    )
