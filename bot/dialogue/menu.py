"""The 公众号's custom menu: content/menu.toml → WeChat's menu JSON → ``menu/create``.

Once a webhook is configured the menu edited in the 公众号 admin stops working, so the account's
menu lives here as data. Every CLICK key must be something the dialogue answers (an intent id or
one of its CLICK_ALIASES): a key it does not know would just show the numbered menu.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from ..errors import ContentError
from ..ids import INTENTS, TOPIC_INTENTS
from .turn import CLICK_ALIASES

CLICK_KEYS = frozenset(TOPIC_INTENTS) | {"greeting", "human_agent", "complaint_status"} | set(CLICK_ALIASES)
TYPES = {"click", "location_select", "view"}
MAX_BUTTONS, MAX_SUB = 3, 5
NAME_BYTES, SUB_NAME_BYTES = 16, 60


def _leaf(raw: dict[str, Any], where: str, limit: int, problems: list[str]) -> dict[str, Any]:
    kind = raw.get("type", "click")
    name = str(raw.get("name", ""))
    if not 1 <= len(name.encode()) <= limit:
        problems.append(f"{where}: name {name!r} must be 1–{limit} bytes (a Chinese character is 3)")
    if kind not in TYPES:
        problems.append(f"{where}: type must be one of {sorted(TYPES)}")
    button = {"type": kind, "name": name}
    if kind == "view":
        url = str(raw.get("url", ""))
        if not url.startswith("https://"):
            problems.append(f"{where}: a view button needs an https:// url")
        button["url"] = url
        return button
    key = str(raw.get("key", ""))
    if kind == "click" and key not in CLICK_KEYS:
        problems.append(f"{where}: key {key!r} is not an intent the bot answers on a click")
    if kind == "location_select" and key not in INTENTS:
        problems.append(f"{where}: key {key!r} is not an intent id")
    button["key"] = key
    return button


def build_menu(raw: dict[str, Any]) -> dict[str, Any]:
    """WeChat's ``{"button": [...]}`` from the parsed file, or ContentError listing every problem."""
    problems: list[str] = []
    buttons = raw.get("button", [])
    if not isinstance(buttons, list) or not 1 <= len(buttons) <= MAX_BUTTONS:
        raise ContentError(f"menu: 1 to {MAX_BUTTONS} [[button]] entries expected")
    out = []
    for i, top in enumerate(buttons, 1):
        where = f"button {i}"
        subs = top.get("sub_button")
        if subs is None:
            out.append(_leaf(top, where, NAME_BYTES, problems))
            continue
        name = str(top.get("name", ""))
        if not 1 <= len(name.encode()) <= NAME_BYTES:
            problems.append(f"{where}: name {name!r} must be 1–{NAME_BYTES} bytes (a Chinese character is 3)")
        if not 1 <= len(subs) <= MAX_SUB:
            problems.append(f"{where}: 1 to {MAX_SUB} sub_button entries expected")
        leaves = [_leaf(sub, f"{where}.{j}", SUB_NAME_BYTES, problems) for j, sub in enumerate(subs, 1)]
        out.append({"name": name, "sub_button": leaves})
    if problems:
        raise ContentError("menu: " + "; ".join(problems))
    return {"button": out}


def load_menu(path: Path) -> dict[str, Any]:
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ContentError(f"{path}: {exc}") from exc
    return build_menu(raw)


def menu_path(content_dir: str) -> Path:
    return Path(content_dir) / "menu.toml"
