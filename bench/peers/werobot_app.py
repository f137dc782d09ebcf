"""The peer: a WeRoBot keyword bot — five keyword handlers and a default reply, on Bottle.

This is what a 公众号 backend built with WeRoBot typically looks like. WeRoBot checks the signature,
decrypts safe-mode pushes itself (``app_id`` + ``encoding_aes_key``, msg_signature checked) and
encrypts its replies. Sessions are off (a keyword bot has no state to keep), which makes it the
leanest WeRoBot can be; set ``BENCH_WEROBOT_SESSION=/path/to/file.sqlite3`` to turn on WeRoBot's
default SQLite session store (one write per message) instead.

    gunicorn -w 2 -k gthread --threads 4 --preload -b 127.0.0.1:8082 bench.peers.werobot_app:app
"""

from __future__ import annotations

import os
import re

from werobot import WeRoBot
from werobot.session.sqlitestorage import SQLiteStorage

from bench.peers import AES_KEY, APP_ID, TOKEN

_session = os.environ.get("BENCH_WEROBOT_SESSION", "")

robot = WeRoBot(
    token=TOKEN,
    app_id=APP_ID,
    encoding_aes_key=AES_KEY,
    SESSION_STORAGE=SQLiteStorage(_session) if _session else False,
)


@robot.filter(re.compile(r".*?(失业金|失业保险)", re.S))
def unemployment() -> str:
    return "【失业金】失业保险金请到参保地社保经办机构或“掌上12333”申领，需身份证和银行卡。详询 12333。"


@robot.filter(re.compile(r".*?(欠薪|拖欠|工资|工钱)", re.S))
def wage_arrears() -> str:
    return "【欠薪】请保留考勤、工资条、聊天记录，拨打 12333 或到当地劳动保障监察大队投诉。"


@robot.filter(re.compile(r".*?(加班|三倍)", re.S))
def holiday_pay() -> str:
    return "【加班费】法定节假日（初一至初三）上班按不低于300%支付工资，休息日加班可补休或按200%支付。"


@robot.filter(re.compile(r".*?(培训|学技术)", re.S))
def training() -> str:
    return "【培训】留在当地过年的职工可以参加免费的职业技能培训，合格后有培训补贴。详询 12333。"


@robot.filter(re.compile(r".*?(你好|在吗|菜单)", re.S))
def hello() -> str:
    return "你好，我是留工助手。可以问：失业金、欠薪、加班费、培训。着急的话请拨打 12333。"


@robot.handler
def default() -> str:
    return "这个问题我还答不上来。可以问：失业金、欠薪、加班费、培训，或拨打 12333。"


app = robot.wsgi
