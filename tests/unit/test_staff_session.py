"""Staff console sessions kept on the server, and the back-off after wrong staff tokens
(bot/staff_session.py)."""

from __future__ import annotations

import pytest
from fake_clock import Clock

from bot.staff_session import (
    FIRST_WAIT_S,
    FORGET_AFTER_S,
    FREE_TRIES,
    MAX_AGE_S,
    MAX_WAIT_S,
    StaffSessions,
    WrongTokenBackOff,
)


def test_a_session_is_valid_until_it_expires():
    clock = Clock()
    sessions = StaffSessions(clock)
    value = sessions.start()
    assert len(value) >= 43  # 256 random bits
    assert sessions.is_valid(value)
    clock.now = MAX_AGE_S - 1
    assert sessions.is_valid(value)
    assert sessions.expires_at(value) == MAX_AGE_S  # the staff-mode proofs end then too
    clock.now = MAX_AGE_S
    assert not sessions.is_valid(value)
    assert sessions.expires_at(value) is None


def test_an_ended_session_is_never_valid_again_and_others_stay():
    sessions = StaffSessions(Clock())
    mine, theirs = sessions.start(), sessions.start()
    sessions.end(mine)
    assert not sessions.is_valid(mine)
    assert sessions.expires_at(mine) is None
    assert sessions.is_valid(theirs)
    sessions.end(mine)  # ending twice, or a cookie never issued, does nothing
    sessions.end("never issued")
    sessions.end(None)
    assert sessions.is_valid(theirs)


@pytest.mark.parametrize("value", [None, "", "garbage", "0" * 43])
def test_values_never_issued_are_not_valid(value):
    sessions = StaffSessions(Clock())
    sessions.start()
    assert not sessions.is_valid(value)


def test_the_server_keeps_only_a_digest_and_a_bounded_number():
    clock = Clock()
    sessions = StaffSessions(clock, limit=3)
    values = [sessions.start() for _ in range(4)]
    assert [sessions.is_valid(value) for value in values] == [False, True, True, True]
    assert not any(value in repr(sessions._expiries) for value in values)
    clock.now = MAX_AGE_S
    sessions.start()  # expired sessions are dropped as new ones start
    assert len(sessions._expiries) == 1


def test_a_sessions_cookie_value_is_unpredictable():
    sessions = StaffSessions(Clock())
    assert len({sessions.start() for _ in range(50)}) == 50


def test_wrong_tries_are_free_then_the_wait_doubles_up_to_a_cap():
    clock = Clock()
    back_off = WrongTokenBackOff(clock)
    for _ in range(FREE_TRIES - 1):
        back_off.wrong("a")
    assert back_off.wait_s("a") == 0
    waits = []
    for _ in range(8):
        back_off.wrong("a")
        waits.append(back_off.wait_s("a"))
        clock.now += back_off.wait_s("a")
    assert waits == [FIRST_WAIT_S * 2**n for n in range(5)] + [MAX_WAIT_S] * 3
    assert waits[:5] == [30, 60, 120, 240, 480] and MAX_WAIT_S == 900


def test_the_wait_runs_down_with_time():
    clock = Clock()
    back_off = WrongTokenBackOff(clock)
    for _ in range(FREE_TRIES):
        back_off.wrong("a")
    clock.now = 10
    assert back_off.wait_s("a") == FIRST_WAIT_S - 10
    clock.now = FIRST_WAIT_S
    assert back_off.wait_s("a") == 0


def test_one_key_never_waits_for_another():
    back_off = WrongTokenBackOff(Clock())
    for _ in range(FREE_TRIES + 5):
        back_off.wrong("attacker")
    assert back_off.wait_s("attacker") > 0
    assert back_off.wait_s("staff") == 0


def test_the_right_token_clears_and_a_quiet_day_forgets():
    clock = Clock()
    back_off = WrongTokenBackOff(clock)
    for _ in range(FREE_TRIES - 1):
        back_off.wrong("a")
        back_off.wrong("b")
    back_off.right("a")
    back_off.wrong("a")
    assert back_off.wait_s("a") == 0
    clock.now = FORGET_AFTER_S + 1
    back_off.wrong("b")
    assert back_off.wait_s("b") == 0


def test_back_off_memory_is_bounded():
    back_off = WrongTokenBackOff(Clock(), max_keys=2)
    for key in ("a", "b", "c"):
        for _ in range(FREE_TRIES):
            back_off.wrong(key)
    assert [back_off.wait_s(key) > 0 for key in ("a", "b", "c")] == [False, True, True]
