"""The project's exceptions.

    BotError                 anything this package raises on purpose
    ├── ConfigError          the configuration cannot be used; start-up stops
    ├── ContentError         intents/ or content/ data is malformed
    ├── RequestRejected      a webhook request is refused (carries the HTTP status)
    └── WeChatError          the WeChat API answered an error or could not be reached

Third-party exceptions are translated at the boundary (``raise X(...) from exc``).
"""

from __future__ import annotations


class BotError(Exception):
    """Base class for errors raised by the bot."""


class ConfigError(BotError):
    """The configuration is invalid."""


class ContentError(BotError):
    """The intents/ or content/ data is invalid."""


class RequestRejected(BotError):
    """A webhook request was refused; ``status`` is the HTTP status to answer."""

    def __init__(self, status: int, reason: str) -> None:
        super().__init__(reason)
        self.status = status
        self.reason = reason


class WeChatError(BotError):
    """The WeChat API returned an error code or failed to answer."""

    def __init__(self, errcode: int, errmsg: str) -> None:
        super().__init__(f"WeChat API error {errcode}: {errmsg}")
        self.errcode = errcode
        self.errmsg = errmsg
