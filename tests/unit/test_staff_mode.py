"""The staff-mode proof (bot/staff_mode.py) and the staff token check (bot/staff_session.py)."""

from __future__ import annotations

import hashlib
import hmac

import pytest

from bot.staff_mode import is_staff, staff_proof
from bot.staff_session import token_matches

TOKEN = "staff-token-123"
SESSION = "0123456789abcdef"


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
