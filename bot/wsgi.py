"""WSGI entry point for gunicorn: ``gunicorn --preload 'bot.wsgi:app'``.

Finds its config like every command: $BOT_CONFIG, else ./config.toml, else the demo config.
With --preload, jieba's dictionary is loaded once before workers fork.
"""

from .app import configure_logging, create_app
from .config import locate

configure_logging()
app = create_app(locate())
