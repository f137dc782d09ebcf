"""What the bot says that is not an answer from content/: the menu, where it answers for, the hotline."""

from __future__ import annotations

from ..content.knowledge import Knowledge
from .numbered import MENU


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


def region_confirmed(knowledge: Knowledge, place: str) -> str:
    label = knowledge.region(place).label
    return f"好的，记下了：你在{label}。以后按{label}的政策回答你，回复「菜单」看能问什么。"


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
