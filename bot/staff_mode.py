"""Staff mode: the proof that a chat session belongs to help-line staff signed in to the console.

The staff console's chat sends `{"staff_proof": proof}` as socket.io metadata with each message.
The web app issues a proof (`StaffProofs.issue`) to a signed-in staff session for one chat
session id: a random value (256 bits, in hex) that only the web app and that console know. The
server keeps the proof's SHA-256, the SHA-256 of the chat session id, the SHA-256 of the staff
session it was issued to, and its expiry (the staff session's), in a table of the submissions
database, which the action server reads too. The action server answers a session tersely, with
the script step each answer belongs to, only while its proof is in that table: signing out
(`StaffProofs.revoke`) and restarting the web app (`StaffProofs.revoke_all`: its sessions live in
memory) end the proofs at once, and a proof never outlives its staff session's expiry. A filer
cannot make a proof, and a proof is good for one chat session only.
"""

from __future__ import annotations

import hashlib
import re
import secrets
import time
from collections.abc import Callable

import sqlalchemy as sa

from bot.submission_store import create_private_file, sqlite_file

PROOF = re.compile(r"[0-9a-f]{64}")

_proofs = sa.Table(
    "staff_proofs",
    sa.MetaData(),
    sa.Column("proof_sha256", sa.String(64), primary_key=True),
    sa.Column("chat_session_sha256", sa.String(64), nullable=False),
    sa.Column("staff_session_sha256", sa.String(64), nullable=False, index=True),
    sa.Column("expires_at", sa.Float, nullable=False),
)


def _sha256(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()


class StaffProofs:
    """The staff proofs in force, in the submissions database (SQLite or PostgreSQL)."""

    def __init__(self, url: str, clock: Callable[[], float] = time.time) -> None:
        path = sqlite_file(url)
        if path is not None and not path.exists():
            create_private_file(path)
        self.engine = sa.create_engine(url, future=True, hide_parameters=True)
        self.clock = clock
        _proofs.metadata.create_all(self.engine)

    def issue(self, staff_session: str, chat_session_id: str, expires_at: float) -> str:
        """A new proof for `chat_session_id`, good until `expires_at` (epoch seconds) or until
        `staff_session` (the console's cookie value) is revoked. Expired proofs are dropped."""
        proof = secrets.token_hex(32)
        with self.engine.begin() as connection:
            connection.execute(sa.delete(_proofs).where(_proofs.c.expires_at <= self.clock()))
            connection.execute(
                sa.insert(_proofs).values(
                    proof_sha256=_sha256(proof),
                    chat_session_sha256=_sha256(chat_session_id),
                    staff_session_sha256=_sha256(staff_session),
                    expires_at=expires_at,
                )
            )
        return proof

    def is_valid(self, chat_session_id: str, proof: str) -> bool:
        """Whether `proof` was issued for `chat_session_id`, is not revoked and not expired."""
        query = sa.select(_proofs.c.chat_session_sha256, _proofs.c.expires_at).where(
            _proofs.c.proof_sha256 == _sha256(proof)
        )
        with self.engine.connect() as connection:
            row = connection.execute(query).first()
        return (
            row is not None
            and row.chat_session_sha256 == _sha256(chat_session_id)
            and self.clock() < row.expires_at
        )

    def revoke(self, staff_session: str) -> None:
        """Ends every proof issued to `staff_session` (at sign-out)."""
        with self.engine.begin() as connection:
            connection.execute(
                sa.delete(_proofs).where(_proofs.c.staff_session_sha256 == _sha256(staff_session))
            )

    def revoke_all(self) -> None:
        """Ends every proof (the web app starts with no staff session)."""
        with self.engine.begin() as connection:
            connection.execute(sa.delete(_proofs))

    def close(self) -> None:
        """Lets go of the database connections."""
        self.engine.dispose()


def is_staff(
    staff_token: str | None,
    session_id: str | None,
    proof: object,
    proofs: Callable[[], StaffProofs],
) -> bool:
    """Whether `proof` is a proof in force for `session_id`; never true without a staff token.

    `proofs` gives the table; it is called only for a value shaped like a proof, so messages
    without one never touch the database.
    """
    if not staff_token or not staff_token.strip() or not session_id:
        return False
    if not isinstance(proof, str) or PROOF.fullmatch(proof) is None:
        return False
    return proofs().is_valid(session_id, proof)
