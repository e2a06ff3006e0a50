"""Staff mode: the proof that a chat session belongs to help-line staff signed in to the console.

The staff console's chat sends `{"staff_proof": proof}` as socket.io metadata with each message;
the proof is the HMAC-SHA256 (hex) of the chat session id keyed with the staff token. The action
server, which knows the staff token too, checks it and answers that session tersely, with the
script step each answer belongs to. A filer cannot make a proof without the staff token.
"""

from __future__ import annotations

import hashlib
import hmac


def staff_proof(staff_token: str, session_id: str) -> str:
    """The proof for `session_id`: HMAC-SHA256 of it keyed with the staff token, in hex."""
    return hmac.new(staff_token.encode(), session_id.encode(), hashlib.sha256).hexdigest()


def is_staff(staff_token: str | None, session_id: str | None, proof: object) -> bool:
    """Whether `proof` is the staff proof of `session_id`; never true without a staff token."""
    if not staff_token or not staff_token.strip() or not session_id or not isinstance(proof, str):
        return False
    return hmac.compare_digest(staff_proof(staff_token, session_id).encode(), proof.encode())
