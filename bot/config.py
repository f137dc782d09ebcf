"""Settings: a TOML file (plus environment overrides for secrets) → frozen dataclasses.

Every entry point finds the file the same way (``locate``): ``--config PATH``, else the
``BOT_CONFIG`` environment variable, else ``./config.toml``, else the built-in demo config.
"""

from __future__ import annotations

import ipaddress
import os
import tomllib
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from .errors import ConfigError


def _data_root() -> Path:
    """Where ``intents/`` and ``content/`` are: beside the package in a checkout, ``bot/data`` in a wheel."""
    checkout = Path(__file__).resolve().parent.parent
    if (checkout / "intents").is_dir() and (checkout / "content").is_dir():
        return checkout
    return Path(__file__).resolve().parent / "data"


DATA_ROOT = _data_root()
MODES = ("plain", "compat", "safe")
OPEN_STATUSES = ("待受理", "已受理", "处理中")
DEFAULT_DUE_DAYS = {"待受理": 3.0, "已受理": 7.0, "处理中": 30.0}
# Values of the demo config and of config.example.toml: public, so never secrets.
PLACEHOLDERS = frozenset(
    {
        "liugong-demo-token",
        "demo-secret",
        "wxdemo0000000000",
        "wx0000000000000000",
        "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG",
        "change-me",
    }
)
ACCOUNT_TYPES = ("subscription", "service")

# Secrets may come from the environment instead of the file.
ENV_OVERRIDES = {
    ("wechat", "token"): "BOT_WECHAT_TOKEN",
    ("wechat", "app_id"): "BOT_WECHAT_APP_ID",
    ("wechat", "app_secret"): "BOT_WECHAT_APP_SECRET",
    ("wechat", "encoding_aes_key"): "BOT_WECHAT_ENCODING_AES_KEY",
    ("desk", "secret_key"): "BOT_DESK_SECRET_KEY",
}


@dataclass(frozen=True)
class WeChatSettings:
    token: str = "liugong-demo-token"  # noqa: S105 - the public demo config, not a secret
    app_id: str = "wxdemo0000000000"
    app_secret: str = "demo-secret"  # noqa: S105 - the public demo config, not a secret
    encoding_aes_key: str = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG"
    mode: str = "plain"
    api_base_url: str = "https://api.weixin.qq.com/cgi-bin/"
    account_type: str = "subscription"
    # Requests whose timestamp is further than this from our clock are refused.
    timestamp_window: int = 300


@dataclass(frozen=True)
class ServerSettings:
    host: str = "127.0.0.1"
    port: int = 8080
    webhook_path: str = "/wechat"
    max_body_bytes: int = 64 * 1024
    # Past this many seconds a reply is abandoned: answer `success`, follow up by customer-service message.
    reply_budget_seconds: float = 4.0
    # Reverse proxies in front of the server whose X-Forwarded-For / X-Forwarded-Proto are trusted
    # (nginx on the same machine: 1). 0: those headers are ignored, whoever sends them.
    trusted_proxies: int = 0


@dataclass(frozen=True)
class StorageSettings:
    database: str = "var/liugong.db"


@dataclass(frozen=True)
class ContentSettings:
    intents_dir: str = str(DATA_ROOT / "intents")
    content_dir: str = str(DATA_ROOT / "content")
    # Desk content edits: a second official approves before publishing; each process looks for a
    # newly published version at most this often (seconds).
    require_approval: bool = False
    reload_seconds: float = 2.0


@dataclass(frozen=True)
class ComplaintSettings:
    # An unfinished complaint form is dropped after this many hours without an answer.
    draft_ttl_hours: float = 24.0
    # Closed cases are anonymised this many days after their last change (complaints purge).
    retention_days: int = 365
    # Days a case may stay in each open status before it is overdue (the desk flags and filters
    # it). Local practice sets these; the defaults are a starting point, not a legal limit.
    due_days: dict[str, float] = field(default_factory=lambda: dict(DEFAULT_DUE_DAYS))

    def time_limits(self) -> dict[str, float]:
        """Days allowed per open status: the defaults, overridden by what the config names."""
        return DEFAULT_DUE_DAYS | {k: float(v) for k, v in self.due_days.items()}


@dataclass(frozen=True)
class BroadcastSettings:
    # Followers (test OpenIDs) who receive previews; they must follow the account.
    preview_openids: list[str] = field(default_factory=list)
    # A broadcast the server was down for is still sent this many minutes late; later it is missed.
    grace_minutes: float = 120.0
    # How often the scheduler re-reads the table (new, edited, cancelled broadcasts) and syncs tags.
    poll_seconds: float = 30.0


@dataclass(frozen=True)
class DeskSettings:
    secret_key: str = ""
    # Send the session cookie only over HTTPS: "on", "off", or "auto" (on unless the server listens
    # on loopback, i.e. the demo). Behind nginx on 127.0.0.1 with TLS, set "on".
    cookie_secure: str = "auto"


@dataclass(frozen=True)
class Settings:
    wechat: WeChatSettings = field(default_factory=WeChatSettings)
    server: ServerSettings = field(default_factory=ServerSettings)
    storage: StorageSettings = field(default_factory=StorageSettings)
    content: ContentSettings = field(default_factory=ContentSettings)
    desk: DeskSettings = field(default_factory=DeskSettings)
    complaints: ComplaintSettings = field(default_factory=ComplaintSettings)
    broadcasts: BroadcastSettings = field(default_factory=BroadcastSettings)
    source: str = "built-in demo config"

    def validate(self) -> Settings:
        """Raise ConfigError with a plain message if the settings cannot work."""
        w = self.wechat
        if not w.token.strip():
            raise ConfigError("[wechat] token is empty: copy it from the 公众号 developer settings")
        if w.mode not in MODES:
            raise ConfigError(f"[wechat] mode must be one of {', '.join(MODES)}, not {w.mode!r}")
        if len(w.encoding_aes_key) != 43:
            raise ConfigError(
                f"[wechat] encoding_aes_key must be 43 characters, got {len(w.encoding_aes_key)}"
            )
        if w.mode != "plain" and not w.app_id:
            raise ConfigError("[wechat] app_id is required in compat and safe mode")
        if w.account_type not in ACCOUNT_TYPES:
            raise ConfigError(f"[wechat] account_type must be one of {', '.join(ACCOUNT_TYPES)}")
        if not w.api_base_url.startswith(("http://", "https://")) or not w.api_base_url.endswith("/"):
            raise ConfigError("[wechat] api_base_url must be an http(s) URL ending with '/'")
        if self.desk.cookie_secure not in ("on", "off", "auto"):
            raise ConfigError('[desk] cookie_secure must be "on", "off" or "auto"')
        if not self.server.webhook_path.startswith("/"):
            raise ConfigError("[server] webhook_path must start with /")
        if self.server.trusted_proxies < 0:
            raise ConfigError("[server] trusted_proxies must be 0 or more")
        for status, days in self.complaints.due_days.items():
            if status not in OPEN_STATUSES:
                raise ConfigError(
                    f"[complaints] due_days: {status!r} is not an open status ({'、'.join(OPEN_STATUSES)})"
                )
            if not isinstance(days, int | float) or days <= 0:
                raise ConfigError(f"[complaints] due_days: {status} must be a positive number of days")
        weak = self.placeholder_secrets()
        if weak and not is_loopback(self.server.host):
            raise ConfigError(
                f"[server] host {self.server.host} is reachable from other machines, but "
                + "; ".join(weak)
                + ": set the 公众号's real values (or BOT_WECHAT_* variables) first"
            )
        return self

    def placeholder_secrets(self) -> list[str]:
        """The secrets still at a public demo or placeholder value (empty: none)."""
        w = self.wechat
        named = {
            "[wechat] token": w.token,
            "[wechat] app_secret": w.app_secret,
            "[wechat] app_id": w.app_id,
            "[wechat] encoding_aes_key": w.encoding_aes_key,
            "[desk] secret_key": self.desk.secret_key,
        }
        return [
            f"{key} is the demo/placeholder value {value!r}"
            for key, value in named.items()
            if value in PLACEHOLDERS or "change-me" in value
        ]

    def mode_warning(self) -> str | None:
        """A warning for plain and compat mode (printed by ``serve`` and ``check``), None in safe mode."""
        mode = self.wechat.mode
        if mode == "safe":
            return None
        return (
            f"warning: {mode} mode: WeChat signs only the query string, not the message, so anyone "
            f"who has seen one push URL can post messages as any openid for "
            f'{self.wechat.timestamp_window} s. Use mode = "safe" in production.'
        )


def is_loopback(host: str) -> bool:
    """Is ``host`` reachable from this machine only (127.0.0.1, ::1, localhost)?"""
    if host in ("localhost", ""):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _section(cls: type, raw: dict[str, Any], name: str) -> Any:
    known = {f.name: f for f in fields(cls)}
    unknown = set(raw) - set(known)
    if unknown:
        raise ConfigError(f"unknown key(s) in [{name}]: {', '.join(sorted(unknown))}")
    for key, value in raw.items():
        expected = type(getattr(cls(), key))
        if expected is float and isinstance(value, int):
            continue
        if expected is int and isinstance(value, bool):
            raise ConfigError(f"[{name}] {key} must be a int")
        if not isinstance(value, expected):
            raise ConfigError(f"[{name}] {key} must be a {expected.__name__}")
    return cls(**raw)


SECTIONS = {
    "wechat": WeChatSettings,
    "server": ServerSettings,
    "storage": StorageSettings,
    "content": ContentSettings,
    "desk": DeskSettings,
    "complaints": ComplaintSettings,
    "broadcasts": BroadcastSettings,
}


def from_dict(raw: dict[str, Any], source: str = "dict", env: dict[str, str] | None = None) -> Settings:
    """Build validated Settings from a parsed TOML document (env overrides applied)."""
    env = dict(os.environ) if env is None else env
    raw = {k: dict(v) if isinstance(v, dict) else v for k, v in raw.items()}
    for (section, key), var in ENV_OVERRIDES.items():
        if env.get(var):
            raw.setdefault(section, {})[key] = env[var]
    unknown = set(raw) - set(SECTIONS)
    if unknown:
        raise ConfigError(f"unknown section(s): {', '.join(sorted(unknown))}")
    parts = {name: _section(cls, raw.get(name, {}), name) for name, cls in SECTIONS.items()}
    return Settings(**parts, source=source).validate()


def load(path: str | os.PathLike[str]) -> Settings:
    try:
        with open(path, "rb") as fh:
            raw = tomllib.load(fh)
    except FileNotFoundError as exc:
        raise ConfigError(f"config file not found: {path}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path} is not valid TOML: {exc}") from exc
    settings = from_dict(raw, source=str(path))
    # Relative paths in a config file are relative to the file, not the working directory.
    base = Path(path).resolve().parent
    db = settings.storage.database
    if db != ":memory:" and not Path(db).is_absolute():
        settings = replace(settings, storage=StorageSettings(database=str(base / db)))
    return settings


def locate(path: str | None = None) -> Settings:
    """--config PATH, else $BOT_CONFIG, else ./config.toml, else the demo config."""
    chosen = path or os.environ.get("BOT_CONFIG")
    if chosen:
        return load(chosen)
    if Path("config.toml").is_file():
        return load("config.toml")
    return from_dict({}, source="built-in demo config")
