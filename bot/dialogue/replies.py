"""What the bot says: a topic's answer from content/ shaped for the phone, and what is not an answer
from content/ (the menu, where it answers for, the hotline, thanks, subscribing)."""

from __future__ import annotations

from datetime import date

from ..content.knowledge import Knowledge
from . import compose
from .numbered import MENU
from .whereabouts import NOT_GOING_HOME


def topic(
    knowledge: Knowledge, intent: str, place: str | None, today: date, detailed: bool, question: str
) -> str:
    """A topic's answer for a place: short (or in full when asked for), saying when the place has no
    rules of its own and the national ones are given ("" when there is no answer)."""
    full = knowledge.reply(intent, place, today)
    if not full:
        return ""
    phones = [c.phone for c in knowledge.contacts(place)]
    reply = full if detailed else compose.short(full, phones, question)
    doc = knowledge.answer(intent, place)
    if place and doc and knowledge.city(doc.region) != knowledge.city(place):
        label = knowledge.region(place).label
        reply = f"{label}没有另外的{compose.topic_name(intent)}规定，按全国的办：\n{reply}"
    return reply


def menu(knowledge: Knowledge, place: str | None) -> str:
    items = [f"{i} {label}" for i, (_, label) in enumerate(MENU, 1)]
    rows = ["  ".join(items[i : i + 3]) for i in range(0, len(items), 3)]
    region = knowledge.region(place)
    where = (
        f"当前按【{region.label}】的政策回答，换地方就说「我在大连」这样。"
        if place
        else "告诉我你在哪个城市（比如「我在大连」），答案更准。"
    )
    return (
        "我是留工助手，回复数字就能问：\n" + "\n".join(rows) + "\n也可以直接打字或发语音提问，"
        "回复「菜单」随时回到这里。\n" + where
    )


# 「…过年不回去了」: what the menu holds for those who stay (its numbers, as the menu shows them)
_PICK = {intent: n for n, (intent, _) in enumerate(MENU, 1)}
STAYING = (
    f"留下过年辛苦了！问留岗补贴回复「{_PICK['stay_subsidy']}」，"
    f"过年有啥活动回复「{_PICK['festival_activities']}」。"
)


def region_confirmed(knowledge: Knowledge, place: str, said: str = "") -> str:
    label = knowledge.region(place).label
    noted = f"好的，记下了：你在{label}。以后按{label}的政策回答你，回复「菜单」看能问什么。"
    return f"{noted}\n{STAYING}" if NOT_GOING_HOME.search(said) else noted


def covered(knowledge: Knowledge) -> str:
    """The regions with local policy, as a worker reads them: 「黑龙江、黄埔、安庆、大连」."""
    return "、".join(r.label for r in knowledge.regions.values() if r.parent == "national")


def which_city(knowledge: Knowledge, kind: str) -> str:
    """「我在经开区上班」: many cities have one; ask which."""
    names = covered(knowledge)
    return f"很多城市都有{kind}，你在哪个城市的{kind}？说「我在安庆」这样就行。目前我有{names}的本地政策。"


def region_not_covered(knowledge: Knowledge, where: str | None = None) -> str:
    names = covered(knowledge)
    switch = "说「我在安庆」这样就能切换。"
    if where:
        return f"{where}还没有本地政策，先按全国政策回答你。目前我有{names}的本地政策，{switch}"
    return f"目前我有{names}的本地政策，其他地方先按全国政策回答你。{switch}"


def human_agent(knowledge: Knowledge, place: str | None) -> str:
    region = knowledge.region(place)
    lines = [f"【{region.label}·人工咨询】请直接打电话："]
    lines += [f"☎ {c.phone} {c.name}" for c in knowledge.contacts(place)[:4]]
    return "\n".join(lines)


SUBSCRIBED = "好的，已为你开通订阅。慰问信和本地活动通知会发到这里，回复「退订」可随时取消。"
UNSUBSCRIBED = "已退订，以后不再给你发通知。有问题照样可以问我；想再收到通知，回复「订阅」。"
THANKS = "不客气！还有问题随时发消息给我，回复「菜单」看我能帮什么。"


def welcome(knowledge: Knowledge, place: str | None) -> str:
    return "欢迎关注留工助手！留在打工地过年，有难处就问我。\n\n" + menu(knowledge, place)


def nothing_filed(knowledge: Knowledge, place: str | None) -> str:
    """Status asked with no complaint filed here (filed elsewhere: the hotline knows)."""
    hotline = knowledge.hotline(place)
    return f"你还没有在这里登记过欠薪投诉。在别处投诉的，拨 {hotline} 问进度；要在这登记，回复「投诉」。"


def unanswered(knowledge: Knowledge, place: str | None) -> str:
    return (
        "这个问题我还答不上来，已经记下来交给工作人员。\n"
        "我能回答：失业金、欠薪、法律援助、留岗补贴、加班费、找工作、培训、临时救助、留守老人孩子、过年活动。"
        "回复「菜单」看编号。\n"
        f"着急的话请拨打 {knowledge.hotline(place)}。"
    )
