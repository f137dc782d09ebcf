"""Comparison servers for ``bench/webhook_load.py``: the floor (bare Flask + wechatpy) and the peer (WeRoBot).

Both read the account settings the load generator signs with from the environment, so the
generator, these apps and the bot's temporary config always agree:

    BENCH_WECHAT_TOKEN, BENCH_WECHAT_APP_ID, BENCH_WECHAT_AES_KEY   (defaults below)

Serve them exactly like the bot, e.g. ``gunicorn -w 2 -k gthread --threads 4 --preload
bench.peers.bare_app:app`` from the repository root.
"""

from __future__ import annotations

import os

TOKEN = os.environ.get("BENCH_WECHAT_TOKEN", "bench-token")
APP_ID = os.environ.get("BENCH_WECHAT_APP_ID", "wxb3c4000000000001")
AES_KEY = os.environ.get("BENCH_WECHAT_AES_KEY", "benchbenchbenchbenchbenchbenchbenchbench123")
