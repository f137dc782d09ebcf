"""The floor: the least a correct WeChat webhook on Flask + wechatpy can do.

Verify the signature (``wechatpy.utils.check_signature``), decrypt in safe mode
(``wechatpy.crypto.WeChatCrypto``, which checks msg_signature and the AppID), parse
(``wechatpy.parse_message``) and answer one fixed text (``TextReply.render()``, encrypted when the
push came encrypted). No storage, no classifier, no logging per request.

    gunicorn -w 2 -k gthread --threads 4 --preload -b 127.0.0.1:8081 bench.peers.bare_app:app
"""

from __future__ import annotations

from flask import Flask, Response, request
from wechatpy import parse_message
from wechatpy.crypto import WeChatCrypto
from wechatpy.exceptions import InvalidAppIdException, InvalidSignatureException
from wechatpy.replies import TextReply
from wechatpy.utils import check_signature

from bench.peers import AES_KEY, APP_ID, TOKEN

REPLY = "你好，我是留工助手。失业金、欠薪、法律援助、加班费都可以问我，着急的话请拨打 12333。"

app = Flask(__name__)
crypto = WeChatCrypto(TOKEN, AES_KEY, APP_ID)


@app.route("/wechat", methods=["GET", "POST"])
def wechat() -> Response | str:
    args = request.args
    timestamp, nonce = args.get("timestamp", ""), args.get("nonce", "")
    try:
        check_signature(TOKEN, args.get("signature", ""), timestamp, nonce)
    except InvalidSignatureException:
        return Response("bad signature", status=403)
    if request.method == "GET":
        return args.get("echostr", "")
    body = request.get_data()
    encrypted = args.get("encrypt_type", "raw") == "aes"
    if encrypted:
        try:
            xml = crypto.decrypt_message(body, args.get("msg_signature", ""), timestamp, nonce)
        except (InvalidSignatureException, InvalidAppIdException):
            return Response("bad msg_signature", status=403)
    else:
        xml = body
    msg = parse_message(xml)
    reply = TextReply(content=REPLY, message=msg).render()
    if encrypted:
        reply = crypto.encrypt_message(reply, nonce)
    return Response(reply, mimetype="application/xml")
