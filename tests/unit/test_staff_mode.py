"""The staff-mode proof (bot/staff_mode.py) and the console's cookie (bot/staff_session.py)."""

from __future__ import annotations

import hashlib
import hmac

import pytest

from bot.staff_mode import is_staff, staff_proof
from bot.staff_session import MAX_AGE_S, is_valid_session, new_session, token_matches

TOKEN = "staff-token-123"
SESSION = "0123456789abcdef"
NOW = 1_800_000_000.0


def test_proof_is_the_hmac_sha256_of_the_session_id_in_hex():
    expected = hmac.new(TOKEN.encode(), SESSION.encode(), hashlib.sha256).hexdigest()
    assert staff_proof(TOKEN, SESSION) == expected


def test_the_right_proof_is_staff():
    assert is_staff(TOKEN, SESSION, staff_proof(TOKEN, SESSION))


@pytest.mark.parametrize(
    ("token", "session_id", "proof"),
    [
        (TOKEN, SESSION, staff_proof(TOKEN, "another-session")),  # another session's proof
        (TOKEN, SESSION, staff_proof("other-token", SESSION)),  # made with another token
        (TOKEN, SESSION, staff_proof(TOKEN, SESSION).upper()),
        (TOKEN, SESSION, ""),
        (TOKEN, SESSION, None),
        (TOKEN, SESSION, 12345),
        (TOKEN, SESSION, "é" * 64),
        (TOKEN, "", staff_proof(TOKEN, "")),
        (None, SESSION, staff_proof("", SESSION)),  # no staff token: never staff
        ("  ", SESSION, staff_proof("  ", SESSION)),
    ],
)
def test_anything_else_is_not_staff(token, session_id, proof):
    assert not is_staff(token, session_id, proof)


def test_token_matches_only_the_staff_token():
    assert token_matches(f" {TOKEN}\n", TOKEN)
    assert not token_matches(TOKEN + "x", TOKEN)
    assert not token_matches("", TOKEN)


def test_session_cookie_is_valid_until_it_expires():
    value = new_session(TOKEN, NOW)
    assert TOKEN not in value
    assert is_valid_session(TOKEN, value, NOW)
    assert is_valid_session(TOKEN, value, NOW + MAX_AGE_S - 1)
    assert not is_valid_session(TOKEN, value, NOW + MAX_AGE_S)


def test_session_cookie_is_bound_to_the_token_and_cannot_be_extended():
    value = new_session(TOKEN, NOW)
    expires, _, signature = value.partition(".")
    assert not is_valid_session("another-token", value, NOW)
    assert not is_valid_session(TOKEN, f"{int(expires) + 3600}.{signature}", NOW)


@pytest.mark.parametrize("value", [None, "", "abc", ".", "123.", "x.y", f"{int(NOW) + 60}.00"])
def test_malformed_cookies_are_not_valid(value):
    assert not is_valid_session(TOKEN, value, NOW)


def test_cookie_is_not_a_staff_proof():
    """The cookie's key is derived apart from the proofs, so one never passes for the other."""
    expires = new_session(TOKEN, NOW).partition(".")[0]
    assert new_session(TOKEN, NOW).partition(".")[2] != staff_proof(TOKEN, expires)
