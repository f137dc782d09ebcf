"""The short first answer: which line of the full answer it keeps for the question asked."""

from __future__ import annotations

from bot.dialogue.compose import MORE_HINT, short

FESTIVAL = "\n".join(
    [
        "【某地·过年活动】留在这里过年，图书馆、文化馆照常开放，还有新春大礼包可领。",
        "1. 看展读书：区图书馆和各街镇分馆春节照常开放，办书画、摄影等各类展览，务工人员及家属免费进。",
        "2. 年味：社区志愿者上门送福字和手写对联。",
        "3. 逛一逛：迎春花市初一到初三开放，凭工牌免门票。",
        "4. 大礼包：旅游经营单位送电影票、年货、观光巴士纪念票，数量有限，领完为止，具体到社区登记。",
        "（依据：某地方案，2021年2月3日）",
    ]
)
LEGAL = "\n".join(
    [
        "【某地·法律援助】需要免费法律帮助，先打公共法律服务热线咨询。",
        "1. 打电话：拨 12348，说清你在哪个城市、和谁有什么纠纷、纠纷到了哪一步，"
        "工作人员会告诉你能不能申请法律援助、去哪里申请。",
        "2. 被辞退、工钱没给等劳动问题，也可拨 12333。",
        "3. 带上材料：身份证、劳动合同、工资条、考勤记录、转账记录，没有合同的把聊天记录和证人也记下来。",
        "（依据：某地方案，2021年2月3日）",
    ]
)


def test_a_word_only_one_line_shares_with_the_question_picks_that_line() -> None:
    reply = short(FESTIVAL, ["12333"], "福字找谁领")
    assert "福字" in reply and reply.endswith(MORE_HINT), reply
    assert "电影票" not in reply  # the other lines stay one reply away


def test_a_word_several_lines_share_picks_none() -> None:
    reply = short(FESTIVAL, ["12333"], "开放到几号")  # 开放: in three lines
    assert "1." not in reply and "福字" not in reply and "花市" not in reply, reply


def test_the_answers_own_number_stays_though_the_line_picked_names_another() -> None:
    reply = short(LEGAL, ["12333", "12348"], "被辞退了工钱没给 咋办")
    assert "12333" in reply and "☎ 咨询电话：12348" in reply, reply


HOLIDAY = "\n".join(
    [
        "【某地·春节加班】法定假日上班按300%；休息日上班不补休按200%。",
        "1. 法定假日：除夕到初三，共4天。",
        "2. 厂里另发的过年红包是另给的，不能顶替加班费。",
        "3. 加班费不给或少给：拨 12333 投诉；要打官司，拨 12348 问能不能申请法律援助，带上考勤和工资条。",
        "4. 错峰放假、调休：方案只是鼓励企业安排，具体看单位的通知，不清楚的先问单位人事。",
        "（依据：某地方案，2021年2月3日）",
    ]
)


def test_the_particle_ending_a_question_picks_no_line() -> None:
    # 「…加班费不」: 费不 is no piece of what is asked; 红包 and 加班费 pick the line on both
    reply = short(HOLIDAY, ["12333"], "老板发了红包 可以抵掉加班费不")
    assert "不能顶替" in reply and "少给" not in reply, reply


SUBSIDY = "\n".join(
    [
        "【某地·留岗补贴】本地的补贴是发给企业的，政府不直接发给工人；企业发的留岗红包金额由企业定。",
        "1. 条件：企业给非本市户籍员工发了留岗红包，员工留到2月底，企业才能申领补贴。",
        "2. 办法：企业先发后补，3月里向所在区人社部门申请，材料看通知。",
        "3. 稳岗返还：符合条件的企业还有失业保险稳岗返还，也是给企业的。",
        "（依据：某地方案，2021年2月3日）",
    ]
)


def test_hukou_asked_picks_the_line_on_household_registration() -> None:
    reply = short(SUBSIDY, ["12333"], "户口要是这边的 也能拿吗")
    assert "户籍" in reply, reply
