"""The second opinion: where the turn model (``bot/nlu/linear.py``) is sure the rules took a turn for
the wrong topic, its topic is answered.

Measured on rounds 31-33 of the outside writers' dialogues, each with a model trained only on the
batches before it (bench/README.md, "The turn model"): the rules and the model are wrong on
different turns. The rules know places, forms and questions in a list; the model knows how people
refer back and the words the rules lack. So the model is heard only where its margin is clear, and
never about places (a region switch is the rules' call), about a topic the rules also found in the
message (their order of several questions stands), or to greet (the rules know a greeting; a
question taken for one would be answered with the menu and never reach the unanswered list).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..ids import TOPIC_INTENTS
from ..nlu.linear import TurnModel
from ..nlu.model import Result
from .memory import Memo

MARGIN = 0.005  # the best topic's lead over the next, per feature (bench/README.md, "The margin")
# The lead needed to answer what the rules could not place (「东家关张 每月有进项不」: unknown, and so
# left for staff to label) or read as a follow-up of the last answer (「好的 还有吗」).
SURE = 0.02
NEVER = ("set_region", "greeting", "subscribe", "unsubscribe")  # what the model never answers with
# A hesitation before the worker has said anything (「我那个」「嗯 就是」): nothing for the model to read.
HESITATION = re.compile(r"(?=.*(?:那个|这个|就是))(?:[我俺你嗯呃额啊哦噢诶喂\s,，.。…~]|那个|这个|就是)+")
# A slip put right by naming the topic meant: 「按错了 我想问的是加班费」.
MEANT = re.compile(r"(?:不是|[点按说打]错了?|手滑).{0,8}[我俺](?:是|就是)?(?:想|要)问")


def model_text(text: str, result: Result) -> str:
    """What the turn model reads: a pinyin message (「zaijian」) as the hanzi the rules heard in it,
    in training as in use."""
    return (result.heard or result.reading or text) if text.isascii() else text


def overrule(
    model: TurnModel | None,
    text: str,
    memo: Memo | None,
    intent: str,
    asked: Sequence[str],
    follow_up: bool = False,
) -> tuple[str, list[str]] | None:
    """The intent and topics to answer instead of the rules' ``intent`` and ``asked``, or None.

    The model reads ``text`` after the topic last answered (the dialogue memory, ``memo``). It needs
    a clearer lead (``SURE``) over a turn the rules left unknown or the memory read as a
    ``follow_up``."""
    took = asked[0] if asked and intent in TOPIC_INTENTS else intent
    if model is None or took == "set_region" or (took == "greeting" and len(text.strip()) <= 4):
        return None  # a region switch is the rules' call, and so is 「菜单」 or 「你好」 alone
    if HESITATION.fullmatch(text) or (took in TOPIC_INTENTS and MEANT.search(text)):
        return None
    guess = model.guess(text, memo.topic if memo else None)
    # (never to greet: a question answered with the menu would not reach the unanswered list)
    # (nor to subscribe or unsubscribe: a change to what the worker receives is the rules' call)
    need = SURE if took == "unknown" or follow_up else MARGIN
    if guess is None or guess.margin < need or guess.intent in (took, *NEVER):
        return None
    if guess.intent in asked:
        return None
    other = guess.intent
    return other, [other, *asked[1:]] if other in TOPIC_INTENTS else []
