"""Tests for bot/help_codes.py (the warm hand-off's help codes) on a temporary SQLite file."""

from __future__ import annotations

import re
import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta, timezone

import pytest

import bot.help_codes
import settings
from bot.help_codes import (
    HELP_CODE_ALPHABET,
    HELP_CODE_PATTERN,
    HelpCodeStore,
    NoFreeHelpCode,
    new_help_code,
    normalize_help_code,
)

NOON = datetime(2026, 12, 2, 12, 0, tzinfo=timezone.utc)
HOURS = 4


@pytest.fixture
def db_url(tmp_path):
    return f"sqlite:///{tmp_path / 'submissions.db'}"


@pytest.fixture
def store(db_url):
    opened = HelpCodeStore(db_url, HOURS)
    yield opened
    opened.close()


def test_the_alphabet_has_no_look_alikes():
    assert not set("0O1IL5S2Z8BH") & set(HELP_CODE_ALPHABET)
    assert len(set(HELP_CODE_ALPHABET)) == len(HELP_CODE_ALPHABET) == 24


def test_a_new_code_matches_the_pattern():
    codes = {new_help_code() for _ in range(200)}
    assert all(re.fullmatch(HELP_CODE_PATTERN, code) for code in codes)
    assert len(codes) > 150


@pytest.mark.parametrize(
    "typed", ["H-4KQ7", "h4kq7", "H 4KQ7", " h-4kq7 ", "4KQ7", "h.4 k q 7", "H - 4KQ7"]
)
def test_what_staff_typed_or_heard_becomes_the_canonical_code(typed):
    assert normalize_help_code(typed) == "H-4KQ7"


@pytest.mark.parametrize(
    "typed", ["", "H-", "H-4KQ", "H-4KQ77", "H-4KQ0", "H-SKQ7", "X-4KQ7", "MAD-4KQ7", "H-4K_7", "H4KQ", "HH-4KQ7"]
)
def test_what_cannot_be_a_code_gives_none(typed):
    assert normalize_help_code(typed) is None


def test_a_code_leads_to_its_conversation(store):
    code = store.issue("webchat:abcdefgh12345678", now=NOON)
    assert re.fullmatch(HELP_CODE_PATTERN, code)
    assert store.conversation_for(code, now=NOON) == "webchat:abcdefgh12345678"
    assert store.conversation_for(code.lower().replace("-", " "), now=NOON) == (
        "webchat:abcdefgh12345678"
    )


def test_the_same_conversation_gets_the_same_live_code(store):
    first = store.issue("webchat:one-conversation", now=NOON)
    later = NOON + timedelta(hours=HOURS) - timedelta(seconds=1)
    assert store.issue("webchat:one-conversation", now=later) == first


def test_a_code_expires_after_the_hours_and_the_conversation_gets_a_new_one(store, monkeypatch):
    first = store.issue("webchat:one-conversation", now=NOON)
    expiry = NOON + timedelta(hours=HOURS)
    assert store.conversation_for(first, now=expiry - timedelta(seconds=1)) == (
        "webchat:one-conversation"
    )
    assert store.conversation_for(first, now=expiry) is None
    monkeypatch.setattr(bot.help_codes, "new_help_code", lambda: "H-9999")
    assert store.issue("webchat:one-conversation", now=expiry) == "H-9999"
    assert store.conversation_for("H-9999", now=expiry) == "webchat:one-conversation"
    assert store.conversation_for(first, now=NOON) is None


def test_unknown_codes_and_non_codes_lead_nowhere(store, monkeypatch):
    monkeypatch.setattr(bot.help_codes, "new_help_code", lambda: "H-4KQ7")
    store.issue("webchat:one-conversation", now=NOON)
    assert store.conversation_for("H-3333", now=NOON) is None
    assert store.conversation_for("hello", now=NOON) is None
    assert store.conversation_for("", now=NOON) is None


def test_a_code_live_for_another_conversation_is_never_given_twice(store, monkeypatch):
    drawn = iter(["H-4KQ7", "H-4KQ7", "H-7QK4"])
    monkeypatch.setattr(bot.help_codes, "new_help_code", lambda: next(drawn))
    assert store.issue("webchat:first-one", now=NOON) == "H-4KQ7"
    assert store.issue("webchat:second-one", now=NOON) == "H-7QK4"
    assert store.conversation_for("H-4KQ7", now=NOON) == "webchat:first-one"
    assert store.conversation_for("H-7QK4", now=NOON) == "webchat:second-one"


def test_an_expired_code_may_be_given_to_another_conversation(store, monkeypatch):
    monkeypatch.setattr(bot.help_codes, "new_help_code", lambda: "H-4KQ7")
    store.issue("webchat:first-one", now=NOON)
    later = NOON + timedelta(hours=HOURS)
    assert store.issue("webchat:second-one", now=later) == "H-4KQ7"
    assert store.conversation_for("H-4KQ7", now=later) == "webchat:second-one"


def test_when_every_draw_is_taken_the_store_says_so(store, monkeypatch):
    monkeypatch.setattr(bot.help_codes, "new_help_code", lambda: "H-4KQ7")
    store.issue("webchat:first-one", now=NOON)
    with pytest.raises(NoFreeHelpCode):
        store.issue("webchat:second-one", now=NOON)


def test_codes_survive_a_restart(db_url):
    first = HelpCodeStore(db_url, HOURS)
    code = first.issue("webchat:one-conversation", now=NOON)
    first.close()
    second = HelpCodeStore(db_url, HOURS)
    assert second.conversation_for(code, now=NOON) == "webchat:one-conversation"
    assert second.issue("webchat:one-conversation", now=NOON) == code
    second.close()


def test_a_time_in_another_zone_is_the_same_moment(store):
    code = store.issue("webchat:one-conversation", now=NOON)
    boston = timezone(timedelta(hours=-5))
    just_before_expiry = (NOON + timedelta(hours=HOURS, seconds=-1)).astimezone(boston)
    assert store.conversation_for(code, now=just_before_expiry) == "webchat:one-conversation"
    assert store.conversation_for(code, now=just_before_expiry + timedelta(seconds=1)) is None


def test_many_workers_asking_for_one_conversation_at_once_get_one_code(db_url):
    stores = [HelpCodeStore(db_url, HOURS) for _ in range(6)]
    start = threading.Barrier(len(stores))

    def issue(index: int) -> str:
        start.wait()
        return stores[index].issue("webchat:one-conversation", now=NOON)

    with ThreadPoolExecutor(len(stores)) as pool:
        codes = set(pool.map(issue, range(len(stores))))
    for opened in stores:
        opened.close()
    assert len(codes) == 1


def test_expired_codes_are_deleted_and_live_ones_kept(store):
    old = store.issue("webchat:old-conversation", now=NOON - timedelta(hours=HOURS))
    live = store.issue("webchat:live-conversation", now=NOON - timedelta(hours=1))
    assert store.delete_expired(now=NOON) == 1
    assert store.conversation_for(live, now=NOON) == "webchat:live-conversation"
    assert store.conversation_for(old, now=NOON - timedelta(hours=1)) is None
    assert store.delete_expired(now=NOON) == 0


def test_a_new_sqlite_file_is_private(tmp_path):
    HelpCodeStore(f"sqlite:///{tmp_path / 'var' / 'submissions.db'}", HOURS).close()
    assert (tmp_path / "var" / "submissions.db").stat().st_mode & 0o777 == 0o600


@pytest.mark.parametrize("hours", [0, -1])
def test_a_code_must_work_for_some_time(db_url, hours):
    with pytest.raises(ValueError):
        HelpCodeStore(db_url, hours)


def test_codes_work_four_hours_unless_help_code_hours_says_otherwise():
    assert settings.Settings.from_env({}).help_code_hours == 4.0
    assert settings.Settings.from_env({"HELP_CODE_HOURS": "1.5"}).help_code_hours == 1.5
    for bad in ("0", "-2", "soon"):
        with pytest.raises(settings.SettingsError, match="HELP_CODE_HOURS"):
            settings.Settings.from_env({"HELP_CODE_HOURS": bad})
