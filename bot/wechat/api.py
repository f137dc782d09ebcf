"""The WeChat HTTP API — the only way the product calls WeChat.

Built on wechatpy's ``WeChatClient`` (it builds URLs, sends UTF-8 JSON with ``ensure_ascii=False``
and knows the endpoints), with what production needs around it:

* every request has a (connect, read) timeout, the access-token fetch included;
* transient failures (errcode -1 / 45009, HTTP 5xx, timeouts, refused connections) are retried at
  most ``max_attempts`` times with exponential backoff and jitter; everything else fails at once;
* the access token lives in SQLite (``wechat_tokens``) and is shared by every process: whoever
  refreshes holds ``BEGIN IMMEDIATE``, the others wait on the busy timeout and re-read the new one;
* a 40001/40014/42001 answer refreshes the token once and retries once — never more
  (wechatpy's own ``auto_retry`` is off and its token fetch, which ignores ``API_BASE_URL`` and
  has no timeout, is replaced);
* errors become ``WeChatError`` subclasses whose messages, like our logs, never contain the
  access token or the app secret. Third-party exceptions are *not* chained (``from None``):
  their texts and tracebacks carry the request URL, secret included; a redacted summary of the
  cause is kept in ``errmsg`` instead.

Importing this module also installs a redacting filter on urllib3's connection-pool logger, whose
DEBUG lines carry full request URLs (``...?access_token=...``).
"""

from __future__ import annotations

import logging
import random
import re
import sqlite3
import threading
import time
from collections.abc import Callable, Iterable, Mapping
from contextlib import closing
from functools import partial
from pathlib import Path
from typing import Any, TypedDict, TypeVar

import requests
from wechatpy.client import WeChatClient
from wechatpy.exceptions import WeChatClientException

from ..config import WeChatSettings
from ..errors import ConfigError, WeChatError

log = logging.getLogger(__name__)
T = TypeVar("T")

# Error codes of our own, for failures WeChat did not answer with an errcode.
ERRCODE_NETWORK = -1000  # timeout, refused or reset connection
ERRCODE_HTTP = -1001  # an HTTP status other than 2xx
ERRCODE_BAD_RESPONSE = -1002  # a body that is not the JSON object expected

TRANSIENT_ERRCODES = frozenset({-1, 45009})  # system busy; API frequency limit
TOKEN_ERRCODES = frozenset({40001, 40014, 42001})  # invalid credential / token, token expired
AUTH_ERRCODES = frozenset({40001, 40013, 40014, 40125, 40164, 41001, 42001})
QUOTA_ERRCODES = frozenset({45028, 45047})  # no mass-send quota; customer-service message limit
REFRESH_MARGIN = 300.0  # refresh a token that expires within five minutes
DEFAULT_TIMEOUT = (3.0, 10.0)
BATCH_TAGGING_LIMIT = 50  # openids per tags/members/batch(un)tagging call

_SECRET_PARAMS = re.compile(r"((?:access_token|secret|appsecret|component_access_token)=)[^&\s'\"<>]+", re.I)


def redact(text: str, *secrets: str) -> str:
    """Mask ``access_token=…``/``secret=…`` query values and any of ``secrets`` found in ``text``."""
    text = _SECRET_PARAMS.sub(r"\1***", text)
    for secret in secrets:
        if secret:
            text = text.replace(secret, "***")
    return text


class _RedactingFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = redact(message)
        if cleaned != message:
            record.msg, record.args = cleaned, ()
        return True


_urllib3_log = logging.getLogger("urllib3.connectionpool")
if not any(isinstance(f, _RedactingFilter) for f in _urllib3_log.filters):
    _urllib3_log.addFilter(_RedactingFilter())


# --- errors ---------------------------------------------------------------------------------------


class TransientWeChatError(WeChatError):
    """Worth retrying later: WeChat busy or rate-limited, or the network failed."""


class NetworkError(TransientWeChatError):
    """No usable answer: timeout, connection failure or an HTTP 5xx."""


class AuthError(WeChatError):
    """The app id, secret or access token was refused (after the one refresh allowed)."""


class InvalidCredentials(AuthError):
    """The token endpoint refused the app id or secret: refreshing again would not help."""


class QuotaExceeded(WeChatError):
    """A sending quota is used up (45028 mass-send quota, 45047 customer-service message limit)."""


class OutsideServiceWindow(WeChatError):
    """45015: the follower has not written within 48 hours (or unsubscribed) — no custom message."""


class AlreadySent(WeChatError):
    """45065: a mass send with this clientmsgid was already accepted; ``msg_id`` is that send's id.

    Callers retrying a mass send with the same clientmsgid should treat this as success.
    """

    def __init__(self, errcode: int, errmsg: str, msg_id: int | None = None) -> None:
        super().__init__(errcode, errmsg)
        self.msg_id = msg_id


_ERROR_CLASSES: dict[int, type[WeChatError]] = {
    45015: OutsideServiceWindow,
    **{code: QuotaExceeded for code in QUOTA_ERRCODES},
    **{code: AuthError for code in AUTH_ERRCODES},
    **{code: TransientWeChatError for code in TRANSIENT_ERRCODES},
}


def error_for(errcode: int, errmsg: str, body: Mapping[str, Any] | None = None) -> WeChatError:
    """The WeChatError subclass for an errcode."""
    if errcode == 45065:
        msg_id = (body or {}).get("msg_id")
        return AlreadySent(errcode, errmsg, int(msg_id) if msg_id is not None else None)
    return _ERROR_CLASSES.get(errcode, WeChatError)(errcode, errmsg)


def unanswered_before(exc: BaseException) -> bool:
    """Whether WeChat may have done what the failed call asked: one of its attempts got no answer.

    A timeout, a dropped connection or an HTTP 5xx leaves the outcome unknown, even when a later
    attempt is refused outright (a mass send the first attempt delivered, then 48001 for the retry).
    """
    return isinstance(exc, NetworkError) or getattr(exc, "unanswered_before", False) is True


def _mark_unanswered(error: WeChatError) -> WeChatError:
    error.unanswered_before = True  # type: ignore[attr-defined]  # read by unanswered_before()
    return error


class MassResult(TypedDict):
    msg_id: int
    msg_data_id: int | None


# --- the shared access token ----------------------------------------------------------------------


class TokenStore:
    """The access token in SQLite, shared by every process using the same database file."""

    def __init__(self, database: Path | str, app_id: str, clock: Callable[[], float], busy_timeout: float):
        self.app_id = app_id
        self.clock = clock
        self.busy_timeout = busy_timeout
        self._anchor: sqlite3.Connection | None = None
        if str(database) == ":memory:":
            # One process only: a named shared-cache memory database, kept alive by an open connection.
            self.database, self._uri = f"file:wechat-tokens-{id(self)}?mode=memory&cache=shared", True
            self._anchor = self._connect()
        else:
            self.database, self._uri = str(database), False
            Path(database).parent.mkdir(parents=True, exist_ok=True)
        # The table is the store's (migration 0009); made here too so the client also works on a
        # database no Store has opened (a memory database, the emulator's tests).
        with closing(self._connect()) as db:
            db.execute(
                "CREATE TABLE IF NOT EXISTS wechat_tokens"
                " (app_id TEXT PRIMARY KEY, token TEXT NOT NULL, expires_at REAL NOT NULL)"
            )

    def _connect(self) -> sqlite3.Connection:
        return sqlite3.connect(self.database, timeout=self.busy_timeout, isolation_level=None, uri=self._uri)

    def close(self) -> None:
        if self._anchor is not None:
            self._anchor.close()
            self._anchor = None

    def _row(self, db: sqlite3.Connection) -> tuple[str, float] | None:
        row = db.execute("SELECT token, expires_at FROM wechat_tokens WHERE app_id = ?", (self.app_id,))
        found = row.fetchone()
        return (str(found[0]), float(found[1])) if found else None

    def _fresh(self, row: tuple[str, float] | None) -> bool:
        return row is not None and row[1] - self.clock() > REFRESH_MARGIN

    def current(self) -> str | None:
        """The stored token, unless it is missing or expires within five minutes."""
        with closing(self._connect()) as db:
            row = self._row(db)
        return row[0] if row is not None and self._fresh(row) else None

    def refresh(self, fetch: Callable[[], tuple[str, float]], stale: str | None = None) -> str:
        """Fetch a new token unless another process already replaced ``stale`` with a fresh one.

        ``fetch`` returns (token, expires_in) and runs while this process holds the write lock.
        """
        with closing(self._connect()) as db:
            db.execute("BEGIN IMMEDIATE")
            try:
                row = self._row(db)
                if row is not None and self._fresh(row) and row[0] != stale:
                    db.execute("COMMIT")
                    return row[0]
                token, expires_in = fetch()
                db.execute(
                    "INSERT OR REPLACE INTO wechat_tokens (app_id, token, expires_at) VALUES (?, ?, ?)",
                    (self.app_id, token, self.clock() + expires_in),
                )
                db.execute("COMMIT")
                return token
            except BaseException:
                db.execute("ROLLBACK")
                raise


# --- the client -----------------------------------------------------------------------------------


class _Client(WeChatClient):  # type: ignore[misc]  # wechatpy is untyped
    """wechatpy's client, with the token coming from our store instead of its session."""

    def __init__(self, base_url: str, app_id: str, timeout: tuple[float, float], token: Callable[[], str]):
        # No secret, no auto_retry: wechatpy neither fetches tokens nor retries for us.
        super().__init__(app_id, "", timeout=timeout, auto_retry=False)
        self.API_BASE_URL = base_url
        self._token = token

    @property
    def access_token(self) -> str:
        return self._token()

    def fetch_access_token(self) -> Any:
        # wechatpy calls this only with auto_retry (off) or without a token (ours always has one):
        # a token fetched here would bypass the shared store and its refresh lock.
        raise RuntimeError("tokens come from WeChatAPI's shared token store, never from wechatpy")


class WeChatAPI:
    """Typed calls to the WeChat API with timeouts, bounded retries and a shared access token."""

    def __init__(
        self,
        settings: WeChatSettings,
        database: Path | str,
        *,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.time,
        timeout: tuple[float, float] = DEFAULT_TIMEOUT,
        max_attempts: int = 3,
        backoff: float = 0.5,
        busy_timeout: float = 60.0,
    ) -> None:
        if not settings.api_base_url.endswith("/"):
            raise ConfigError(f"[wechat] api_base_url must end with '/': {settings.api_base_url!r}")
        if max_attempts < 1:
            raise ValueError("max_attempts must be at least 1")
        self.base_url = settings.api_base_url
        self.app_id = settings.app_id
        self._secret = settings.app_secret
        self._sleep = sleep
        self._timeout = timeout
        self.max_attempts = max_attempts
        self.backoff = backoff
        self._tokens = TokenStore(database, settings.app_id, clock, busy_timeout)
        self._local = threading.local()  # the token the current thread's request carries
        self.client = _Client(self.base_url, settings.app_id, timeout, self._request_token)

    def close(self) -> None:
        self.client._http.close()
        self._tokens.close()

    def __enter__(self) -> WeChatAPI:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"WeChatAPI(app_id={self.app_id!r}, base_url={self.base_url!r})"

    # --- customer-service and mass messages

    def send_text(self, openid: str, text: str) -> None:
        """A customer-service text message (only within 48 h of the follower writing to us)."""
        self._call("message/custom/send", lambda: self.client.message.send_text(openid, text))

    def mass_send_text(
        self, text: str, *, tag_id: int | None = None, is_to_all: bool = False, clientmsgid: str
    ) -> MassResult:
        """A mass text to one tag or to all followers. A repeated clientmsgid raises AlreadySent."""
        if is_to_all == (tag_id is not None):
            raise ValueError("give either tag_id or is_to_all=True")
        target: dict[str, Any] = {"is_to_all": True} if is_to_all else {"is_to_all": False, "tag_id": tag_id}
        body = {
            "filter": target,
            "text": {"content": text},
            "msgtype": "text",
            "send_ignore_reprint": 0,
            "clientmsgid": _clientmsgid(clientmsgid),
        }
        return _mass_result(
            self._call("message/mass/sendall", lambda: self.client.post("message/mass/sendall", data=body))
        )

    def mass_send_by_openids(self, text: str, openids: Iterable[str], clientmsgid: str) -> MassResult:
        """A mass text to an openid list (WeChat wants 2–10000 openids; service accounts only)."""
        users = list(openids)
        result = self._call(
            "message/mass/send",
            lambda: self.client.message.send_mass_text(users, text, client_msg_id=_clientmsgid(clientmsgid)),
        )
        return _mass_result(result)

    def mass_preview_text(self, text: str, openid: str) -> None:
        """Preview a mass text on one follower's phone (does not use the mass-send quota)."""
        body = {"touser": openid, "text": {"content": text}, "msgtype": "text"}
        self._call("message/mass/preview", lambda: self.client.post("message/mass/preview", data=body))

    def mass_get(self, msg_id: int) -> str:
        """The status of a mass send: SEND_SUCCESS, SENDING, SEND_FAIL or DELETE."""
        result = self._call("message/mass/get", lambda: self.client.message.get_mass(msg_id))
        return str(result["msg_status"])

    # --- tags, users, menu

    def create_tag(self, name: str) -> int:
        return int(self._call("tags/create", lambda: self.client.tag.create(name))["id"])

    def get_tags(self) -> list[dict[str, Any]]:
        """[{"id": 2, "name": "星标组", "count": 0}, ...]"""
        return list(self._call("tags/get", lambda: self.client.tag.get()))

    def tag_users(self, tag_id: int, openids: Iterable[str]) -> None:
        for batch in _batches(openids, BATCH_TAGGING_LIMIT):
            self._call("tags/members/batchtagging", partial(self.client.tag.tag_user, tag_id, batch))

    def untag_users(self, tag_id: int, openids: Iterable[str]) -> None:
        for batch in _batches(openids, BATCH_TAGGING_LIMIT):
            self._call("tags/members/batchuntagging", partial(self.client.tag.untag_user, tag_id, batch))

    def create_menu(self, menu: Mapping[str, Any]) -> None:
        self._call("menu/create", lambda: self.client.menu.create(dict(menu)))

    def user_info(self, openid: str) -> dict[str, Any]:
        return dict(self._call("user/info", lambda: self.client.user.get(openid)))

    # --- machinery

    def _request_token(self) -> str:
        token = self._tokens.current() or self._tokens.refresh(self._fetch_token)
        self._local.token = token
        return token

    def _fetch_token(self) -> tuple[str, float]:
        """GET token from the configured base URL (wechatpy's fetch ignores it and has no timeout)."""
        params = {"grant_type": "client_credential", "appid": self.app_id, "secret": self._secret}

        def fetch() -> dict[str, Any]:
            log.info("fetching a WeChat access token for %s", self.app_id)
            res = self.client._http.get(self.base_url + "token", params=params, timeout=self._timeout)
            if res.status_code >= 400:
                raise WeChatClientException(None, None, client=self.client, request=res.request, response=res)
            return self.client._handle_result(res)  # type: ignore[no-any-return]

        try:
            result = self._retrying("token", fetch)
        except AuthError as exc:
            raise InvalidCredentials(exc.errcode, exc.errmsg) from None
        token = result.get("access_token") if isinstance(result, dict) else None
        if not isinstance(token, str) or not token:
            raise WeChatError(ERRCODE_BAD_RESPONSE, "token: answer has no access_token")
        return token, float(result.get("expires_in", 7200))

    def _call(self, what: str, request: Callable[[], T]) -> T:
        """Run ``request`` with retries; on an invalid/expired token refresh once and retry once."""
        try:
            return self._retrying(what, request)
        except AuthError as exc:
            if exc.errcode not in TOKEN_ERRCODES or isinstance(exc, InvalidCredentials):
                raise
            stale = getattr(self._local, "token", None)
            log.info("%s: access token refused (%s), refreshing it once", what, exc.errcode)
            unanswered = unanswered_before(exc)
            try:
                self._tokens.refresh(self._fetch_token, stale=stale)
                return self._retrying(what, request)
            except WeChatError as again:
                if unanswered:
                    _mark_unanswered(again)
                raise

    def _retrying(self, what: str, request: Callable[[], T]) -> T:
        attempt = 1
        unanswered = False  # an attempt got no answer: WeChat may have done it
        while True:
            try:
                result = request()
                if not isinstance(result, dict | list):
                    raise WeChatError(ERRCODE_BAD_RESPONSE, f"{what}: answer is not a JSON object")
                return result
            except (WeChatClientException, requests.RequestException) as exc:
                error = self._translate(what, exc)
            if not isinstance(error, TransientWeChatError) or attempt >= self.max_attempts:
                raise (_mark_unanswered(error) if unanswered else error) from None
            unanswered = unanswered or isinstance(error, NetworkError)
            delay = self.backoff * 2 ** (attempt - 1) * (1 + random.random())
            log.warning(
                "%s failed (%s), attempt %d/%d, retrying in %.2fs",
                what,
                error,
                attempt,
                self.max_attempts,
                delay,
            )
            self._sleep(delay)
            attempt += 1

    def _translate(self, what: str, exc: Exception) -> WeChatError:
        secrets = (self._secret, getattr(self._local, "token", "") or "")
        if isinstance(exc, WeChatClientException) and exc.errcode is not None:
            body: dict[str, Any] | None = None
            try:
                body = exc.response.json() if exc.response is not None else None
            except ValueError:
                body = None
            return error_for(int(exc.errcode), redact(f"{what}: {exc.errmsg}", *secrets), body)
        if isinstance(exc, WeChatClientException):  # raise_for_status() failed inside wechatpy
            status = exc.response.status_code if exc.response is not None else 0
            cls: type[WeChatError] = NetworkError if status >= 500 or status == 0 else WeChatError
            return cls(ERRCODE_HTTP, f"{what}: HTTP {status}")
        summary = redact(f"{type(exc).__name__}: {exc}", *secrets)
        return NetworkError(ERRCODE_NETWORK, f"{what}: {summary}")


def _clientmsgid(value: str) -> str:
    if not value or len(value.encode()) > 64:
        raise ValueError("clientmsgid must be 1–64 bytes")
    return value


def _mass_result(result: Mapping[str, Any]) -> MassResult:
    data_id = result.get("msg_data_id")
    return {"msg_id": int(result["msg_id"]), "msg_data_id": int(data_id) if data_id is not None else None}


def _batches(items: Iterable[str], size: int) -> list[list[str]]:
    values = list(items)
    return [values[i : i + size] for i in range(0, len(values), size)]
