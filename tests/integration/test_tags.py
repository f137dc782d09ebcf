"""Region tags mirrored from the users table to WeChat (the emulator, over HTTP), off the reply path."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from helpers.emulator import APP_ID, APP_SECRET, PUSH_TOKEN, RunningEmulator, emulator_fixture  # noqa: F401
from helpers.harness import Harness, make_settings
from helpers.paths import ROOT

from bot.broadcasts.tags import TagMirror
from bot.content.knowledge import load_knowledge
from bot.storage.store import Store
from bot.wechat.api import WeChatAPI


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store(tmp_path / "bot.db")


@pytest.fixture
def api(emulator: RunningEmulator, tmp_path: Path) -> Iterator[WeChatAPI]:
    with WeChatAPI(emulator.settings(), tmp_path / "bot.db", sleep=lambda s: None) as client:
        yield client


@pytest.fixture
def mirror(store: Store, api: WeChatAPI) -> TagMirror:
    return TagMirror(store, load_knowledge(str(ROOT / "content")), lambda: api)


def tags_of(emulator: RunningEmulator, openid: str) -> set[str]:
    with emulator.state.lock:
        return {emulator.state.tags[t] for t in emulator.state.followers[openid].tags}


def save(store: Store, openid: str, **changes: Any) -> None:
    user = store.user(openid)
    for key, value in changes.items():
        setattr(user, key, value)
    store.save_user(user)


def test_followers_carry_their_region_its_city_and_the_national_tag(
    store: Store, mirror: TagMirror, emulator: RunningEmulator
) -> None:
    for openid, region in (("o-yixiu", "anqing-yixiu"), ("o-dalian", "dalian"), ("o-none", None)):
        emulator.state.add_follower(openid)
        save(store, openid, region=region)
    assert mirror.pending() == 3
    assert mirror.sync().users == 3
    assert tags_of(emulator, "o-yixiu") == {"留工·安庆·宜秀", "留工·安庆", "留工·全国"}
    assert tags_of(emulator, "o-dalian") == {"留工·大连", "留工·全国"}
    assert tags_of(emulator, "o-none") == {"留工·全国"}
    assert mirror.pending() == 0
    calls = emulator.state.count("tags/members/batchtagging")
    assert mirror.sync().users == 0 and emulator.state.count("tags/members/batchtagging") == calls


def test_moving_opting_out_and_back(store: Store, mirror: TagMirror, emulator: RunningEmulator) -> None:
    emulator.state.add_follower("o-1")
    save(store, "o-1", region="anqing")
    mirror.sync()
    save(store, "o-1", region="dalian")
    mirror.sync()
    assert tags_of(emulator, "o-1") == {"留工·大连", "留工·全国"}
    save(store, "o-1", subscribed=False)  # 退订
    mirror.sync()
    assert tags_of(emulator, "o-1") == set()
    save(store, "o-1", subscribed=True)  # 订阅
    mirror.sync()
    assert tags_of(emulator, "o-1") == {"留工·大连", "留工·全国"}


def test_unfollowing_costs_no_call_and_following_again_restores_the_tags(
    store: Store, mirror: TagMirror, emulator: RunningEmulator
) -> None:
    emulator.state.add_follower("o-1")
    save(store, "o-1", region="dalian")
    mirror.sync()
    calls = dict(emulator.state.calls)
    save(store, "o-1", followed=False)
    assert mirror.sync().users == 1
    assert dict(emulator.state.calls) == calls
    with emulator.state.lock:
        emulator.state.followers["o-1"].tags.clear()  # WeChat forgets tags when someone leaves
    save(store, "o-1", followed=True)
    mirror.sync()
    assert tags_of(emulator, "o-1") == {"留工·大连", "留工·全国"}


def test_saving_unchanged_user_does_not_mark_it(
    store: Store, mirror: TagMirror, emulator: RunningEmulator
) -> None:
    emulator.state.add_follower("o-1")
    save(store, "o-1", region="dalian")
    mirror.sync()
    save(store, "o-1", last_seen=123.0, state={"draft": 1})
    assert mirror.pending() == 0


def test_an_openid_wechat_refuses_does_not_block_the_others(
    store: Store, mirror: TagMirror, emulator: RunningEmulator
) -> None:
    emulator.state.add_follower("o-good")
    save(store, "o-good", region="dalian")
    save(store, "o-unknown-to-wechat", region="dalian")
    result = mirror.sync()
    assert (result.users, result.refused) == (2, 1)
    assert tags_of(emulator, "o-good") == {"留工·大连", "留工·全国"}
    assert mirror.pending() == 0  # the refused one waits for its next change


def test_a_change_during_the_sync_keeps_the_user_dirty(
    store: Store, emulator: RunningEmulator, api: WeChatAPI
) -> None:
    emulator.state.add_follower("o-1")
    save(store, "o-1", region="anqing")

    class MovesDuringCall:
        def __getattr__(self, name: str) -> Any:
            return getattr(api, name)

        def tag_users(self, tag_id: int, openids: list[str]) -> None:
            api.tag_users(tag_id, openids)
            other = Store(store.path)  # another process: the worker says 我在大连 right now
            save(other, "o-1", region="dalian")
            other.close()

    mirror = TagMirror(store, load_knowledge(str(ROOT / "content")), lambda: MovesDuringCall())  # type: ignore[arg-type,return-value]
    mirror.sync(limit=1)
    assert mirror.pending() == 1
    TagMirror(store, mirror.knowledge, lambda: api).sync()
    assert tags_of(emulator, "o-1") == {"留工·大连", "留工·全国"}


def test_the_webhook_never_calls_wechat_for_tags(tmp_path: Path, emulator: RunningEmulator) -> None:
    settings = make_settings(tmp_path, wechat=emulator.section())
    h = Harness(settings)
    emulator.state.add_follower("o-worker-1")
    assert "安庆" in h.say("我在安庆")
    assert "退订" in h.say("退订")
    assert sum(emulator.state.calls.values()) == 0
    tags = h.services.broadcasts.tags
    assert tags.sync().users == 1
    assert tags_of(emulator, "o-worker-1") == set()  # opted out: in no tag
    h.services.wechat_api().close()
