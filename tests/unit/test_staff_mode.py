"""The staff-mode proofs (bot/staff_mode.py) and the staff token check (bot/staff_session.py)."""

from __future__ import annotations

import hashlib
import stat

import pytest
import sqlalchemy as sa
from fake_clock import Clock

from bot.staff_mode import StaffProofs, is_staff
from bot.staff_session import token_matches

TOKEN = "staff-token-123"
SESSION = "0123456789abcdef"
STAFF = "cookie-value-of-one-staff-session"
EXPIRES = 3600.0  # the fake clock starts at 0


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def proofs(tmp_path, clock):
    store = StaffProofs(f"sqlite:///{tmp_path / 'submissions.db'}", clock)
    yield store
    store.close()


def sha256(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()


def test_an_issued_proof_is_valid_for_its_chat_session_only(proofs):
    proof = proofs.issue(STAFF, SESSION, EXPIRES)
    assert proofs.is_valid(SESSION, proof)
    assert not proofs.is_valid("another-session", proof)
    assert not proofs.is_valid(SESSION, "0" * 64)


def test_each_proof_is_new_random_hex(proofs):
    first, second = proofs.issue(STAFF, SESSION, EXPIRES), proofs.issue(STAFF, SESSION, EXPIRES)
    assert first != second
    assert len(first) == 64 and int(first, 16) >= 0 and first == first.lower()
    assert proofs.is_valid(SESSION, first) and proofs.is_valid(SESSION, second)


def test_the_table_keeps_only_hashes(proofs):
    proof = proofs.issue(STAFF, SESSION, EXPIRES)
    with proofs.engine.connect() as connection:
        rows = connection.execute(sa.text("SELECT * FROM staff_proofs")).all()
    assert [tuple(row) for row in rows] == [(sha256(proof), sha256(SESSION), sha256(STAFF), EXPIRES)]


def test_revoking_a_staff_session_ends_its_proofs_only(proofs):
    mine = proofs.issue(STAFF, SESSION, EXPIRES)
    also_mine = proofs.issue(STAFF, "second-chat-session", EXPIRES)
    theirs = proofs.issue("another-staff-session", SESSION, EXPIRES)
    proofs.revoke(STAFF)
    assert not proofs.is_valid(SESSION, mine)
    assert not proofs.is_valid("second-chat-session", also_mine)
    assert proofs.is_valid(SESSION, theirs)


def test_revoke_all_ends_every_proof(proofs):
    first = proofs.issue(STAFF, SESSION, EXPIRES)
    second = proofs.issue("another-staff-session", SESSION, EXPIRES)
    proofs.revoke_all()
    assert not proofs.is_valid(SESSION, first)
    assert not proofs.is_valid(SESSION, second)


def test_a_proof_ends_at_its_expiry_and_is_then_dropped(proofs, clock):
    proof = proofs.issue(STAFF, SESSION, EXPIRES)
    clock.now = EXPIRES - 1
    assert proofs.is_valid(SESSION, proof)
    clock.now = EXPIRES
    assert not proofs.is_valid(SESSION, proof)
    proofs.issue(STAFF, SESSION, EXPIRES + 3600)  # issuing drops the expired ones
    with proofs.engine.connect() as connection:
        hashes = connection.execute(sa.text("SELECT proof_sha256 FROM staff_proofs")).scalars()
        assert sha256(proof) not in list(hashes)


def test_a_new_sqlite_file_is_readable_by_its_owner_only(tmp_path):
    StaffProofs(f"sqlite:///{tmp_path / 'new' / 'submissions.db'}").close()
    assert stat.S_IMODE((tmp_path / "new" / "submissions.db").stat().st_mode) == 0o600


def test_a_proof_in_force_is_staff(proofs):
    proof = proofs.issue(STAFF, SESSION, EXPIRES)
    assert is_staff(TOKEN, SESSION, proof, lambda: proofs)


def test_a_revoked_proof_is_not_staff(proofs):
    proof = proofs.issue(STAFF, SESSION, EXPIRES)
    proofs.revoke(STAFF)
    assert not is_staff(TOKEN, SESSION, proof, lambda: proofs)


def untouched() -> StaffProofs:
    raise AssertionError("the table must not be read")


@pytest.mark.parametrize(
    ("token", "session_id", "proof"),
    [
        (TOKEN, SESSION, ""),
        (TOKEN, SESSION, None),
        (TOKEN, SESSION, 12345),
        (TOKEN, SESSION, "A" * 64),  # not lower-case hex
        (TOKEN, SESSION, "0" * 63),
        (TOKEN, SESSION, "0" * 65),
        (TOKEN, SESSION, "é" * 64),
        (TOKEN, "", "0" * 64),
        (TOKEN, None, "0" * 64),
        (None, SESSION, "0" * 64),  # no staff token: never staff
        ("  ", SESSION, "0" * 64),
    ],
)
def test_anything_not_shaped_like_a_proof_is_not_staff_and_reads_nothing(token, session_id, proof):
    assert not is_staff(token, session_id, proof, untouched)


def test_no_staff_token_means_no_staff_even_with_a_proof_in_force(proofs):
    proof = proofs.issue(STAFF, SESSION, EXPIRES)
    assert not is_staff("", SESSION, proof, lambda: proofs)


def test_token_matches_only_the_staff_token():
    assert token_matches(f" {TOKEN}\n", TOKEN)
    assert not token_matches(TOKEN + "x", TOKEN)
    assert not token_matches("", TOKEN)
