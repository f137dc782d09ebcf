"""Where the work was, and who the boss is, when the worker says them in one message with the
employer or the site: 「桐城华锦纺织 老板周国强，活是在经济开发区厂里干的」."""

from __future__ import annotations

import re
from typing import Any

from .fields import BY_KEY
from .reading import BOSS, COMPANY_END, GENERIC_NAME, SITE_END

NAME_MOST = 60  # the employer step takes 2 to 60 characters
NAMED = re.compile(
    r"^(?:公司|厂子?|单位|老板|工地)?(?:名字|名)?(?:叫|是|名叫)([\u4e00-\u9fffA-Za-z0-9·]{2,30})$"
)
# Where work is done, as against where a firm is (a district, 「那边」).
WORKSITE = re.compile(
    r"工地|项目|小区|楼盘|车间|大厦|商场|广场|码头|工程|矿(?!业)|地铁|隧道|仓库|工业园|产业园"
)
PLACE_END = r"(?:区|县|市|镇|乡|村|省|路|街|开发区|园区|新区|城南|城北|城东|城西)"
PLACE_OF = re.compile(
    rf"^([\u4e00-\u9fff]{{1,12}}?(?:{PLACE_END}(?:那边|这边|附近)?|那边|这边|附近|一带))的"
    r"(?:一个|一家|那个|那家|这个|这家)?([\u4e00-\u9fffA-Za-z0-9·]{2,30})$"
)
# A place said inside one long clause: 「老板叫于某他是开装修公司的我们在让胡路区给人家装修」.
AT_INSIDE = re.compile(rf"[在喺]([\u4e00-\u9fff]{{2,10}}?{PLACE_END})(?![区县市镇乡村路街])")
PHYSICAL = re.compile(r"(?:厂|工地|店|酒店|超市|餐馆|饭店|医院|学校|项目|工程|小区|车间|矿)$")
# 「在怀宁工业园」「就在龙凤区」: where, said as such.
AT_PLACE = re.compile(r"^(?:就|是|都)?在([\u4e00-\u9fffA-Za-z0-9·]{2,30})$")
# 「活是在经开区厂里干的」「在让胡路区跑的车」「派驻在科学城上班」: where the work was done, said so.
WORKED_AT = re.compile(
    r"^(?:活儿?|工作|我|我们|俺们|咱们|我哋)?(?:是|就|都|一直)?(?:被)?(?:派驻|派|调)?在(?!谁|[他她佢](?:手下|那|这|家))([\u4e00-\u9fffA-Za-z0-9·]{1,20}?)"
    r"(?:(?:厂|场|店|工地|公司)?(?:里|里头|里面|那边|这边|上))?"
    r"(?:干|做|上班|跑|开|送|打工|做工|上的班)(?:的|了|嘢)?(?:活儿?|车|货|工)?的?$"
    # 「沙河口那个小区干的」「…工地上干的」: no 在, but the site's kind named before the work
    r"|^(?:活儿?|我们|俺们)?(?![给跟帮替同为])([^\W\d_他她佢]{2,20}?(?:工地|厂房|小区|楼盘|项目|车间|仓库|码头|船坞|工厂))"
    r"(?:里|上|那边)?(?:干|做|上班|打工)(?:的|了)?(?:活儿?|工)?的?$"
    # 「干活在海林的板材厂」
    r"|^(?:干活|做工|上班|打工)(?:的地方)?(?:是|在)([\u4e00-\u9fffA-Za-z0-9·]{2,24})$"
)
# 「派到大连开发区那个电子厂」「派我哋去永和嗰个分拨中心」: where an agency sent the worker.
SENT_TO = re.compile(
    r"^(?:被|是)?派(?:我|我们|我哋|俺|俺们|咱们|咱)?(?:去|到|驻|过去)(?:了)?([\u4e00-\u9fffA-Za-z0-9·]{2,30})(?:干活|上班|做)?$"
)
# 「就在场里干的活」: the employer's own premises, which name no place of their own.
PREMISES = re.compile(r"^(?:厂|场|店|工地|公司|单位|这|那|这里|那里|这儿|那儿)$")
CITY_ALONE = re.compile(r"^[\u4e00-\u9fff]{1,2}$|[市省]$")


def split_site_and_boss(key: str, parts: list[str]) -> tuple[list[str], dict[str, str]]:
    """At the employer or site step, a message may also say where, or who the boss is:
    「…楼盘工地 工头姓赵」, 「高新区的兴旺木器厂」. Returns the parts answering ``key`` and what was
    told besides ({"site": …} at the employer step, with "worked" when the worker said the work was
    done there; {"boss": …} at the site step)."""
    employer: list[str] = []
    named_parts: list[str] = []  # 「叫老绥化饺子馆」: the firm's name, said as its name
    site: list[str] = []
    boss: list[str] = []
    said_where = False  # the worker said where the work was done, not only where the firm is
    premises = False
    for part in parts:
        named = NAMED.match(part)
        place = PLACE_OF.match(part)
        at = AT_PLACE.match(part)
        if BOSS.match(part):
            boss.append(part)
        elif named:
            employer.append(named.group(1))
            named_parts.append(named.group(1))
        elif (worked := WORKED_AT.match(part)) and key == "employer":
            spot = worked.group(1) or worked.group(2) or worked.group(3)
            if PREMISES.match(spot):
                premises = True  # 「就在厂里干的」: at the firm itself; step 2 asks where that is
                continue
            site.append(spot)
            # (a city alone, 「活是在大连干的」, is only offered: step 2 asks for the site in it)
            said_where = said_where or not CITY_ALONE.match(spot)
        elif at and key == "employer":
            site.append(at.group(1))  # 「安庆恒步鞋业 在怀宁工业园」
        elif (sent := SENT_TO.match(part)) and key == "employer":
            site.append(sent.group(1))  # 「诚信劳务派遣 派到开发区那个电子厂」: where the work is
            said_where = True
        elif place:
            name = place.group(2)
            site.append(part if PHYSICAL.search(name) else place.group(1))
            if len(name) > 2 and not GENERIC_NAME.match(name):
                employer.append(name)
        elif SITE_END.search(part) and not COMPANY_END.search(part):
            site.append(re.sub(r"^(?:家住|住在)", "", part))  # (「住在迎江区」: 迎江区)
        else:
            employer.append(part)
    if key == "employer":
        story = bool(named_parts) and len(" ".join(parts)) > NAME_MOST
        if story:
            employer = named_parts  # a whole story told at step 1: the name it gives, not the story
        name = " ".join(employer)
        if boss:
            name = f"{name}（{'，'.join(boss)}）" if name else "，".join(boss)
        if not (name and site):
            if name and premises:
                return [name], {"worked": "at the firm"}
            return ([name], {}) if story else (parts, {})
        # (「…的养鸡场 就在场里干的活」: at the firm itself, whose place was given)
        return [name], {"site": " ".join(site), **({"worked": "yes"} if said_where or premises else {})}
    # the site step
    where = site + employer
    if boss and where:
        return where, {"boss": " ".join(boss)}
    return parts, {}


def add_boss(draft: dict[str, Any], boss: str) -> str:
    """「工头姓赵」 told at the site step: added to the employer, which it describes."""
    employer = draft["fields"].get("employer")
    if not employer:
        draft["fields"]["employer"] = boss
    elif boss not in employer:
        draft["fields"]["employer"] = f"{employer}（{boss}）"
    else:
        return ""
    return f"{BY_KEY['employer'].label} {draft['fields']['employer']}"


def place_part(value: str, where_word: re.Pattern[str]) -> str:
    """The clause of a step-1 answer that says where, offered back at step 2: 「南岗区的」 of
    「南岗区的 宏图装饰 工头叫孙强」 (the whole answer when it is one clause or none says where)."""
    parts = [p for p in re.split(r"[\s，,。]+", value) if p]
    placed = [p for p in parts if where_word.search(p)]
    if len(parts) > 1 and placed:
        return placed[0].removesuffix("的")
    inside = AT_INSIDE.search(value) if len(value) > 12 else None
    return inside[1] if inside else value  # (「…我们在让胡路区给人家装修…」: the place, not the story)
