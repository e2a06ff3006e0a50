"""The signed-in state of the staff console, kept in a cookie that never holds the staff token.

After staff type the staff token into the console's sign-in form, the web app sets a cookie
`<expiry>.<signature>`: the expiry time (Unix seconds) and its HMAC-SHA256 under a key derived
from the staff token. Changing the token signs everyone out; a cookie stops working at its expiry.
"""

from __future__ import annotations

import hashlib
import hmac

COOKIE_NAME = "mad_staff_session"
MAX_AGE_S = 8 * 60 * 60  # one working day
_KEY_LABEL = b"mad staff console session"


def _signature(staff_token: str, expires: int) -> str:
    key = hmac.new(staff_token.encode(), _KEY_LABEL, hashlib.sha256).digest()
    return hmac.new(key, str(expires).encode(), hashlib.sha256).hexdigest()


def token_matches(supplied: str, staff_token: str) -> bool:
    """Whether the token someone supplied is the staff token (compared in constant time)."""
    return hmac.compare_digest(supplied.strip().encode(), staff_token.encode())


def new_session(staff_token: str, now: float) -> str:
    """A cookie value that is valid for `MAX_AGE_S` seconds from `now`."""
    expires = int(now) + MAX_AGE_S
    return f"{expires}.{_signature(staff_token, expires)}"


def is_valid_session(staff_token: str, value: str | None, now: float) -> bool:
    """Whether `value` is a cookie value made with this staff token that has not expired."""
    expires, _, signature = (value or "").partition(".")
    if not expires.isdigit() or int(expires) <= now:
        return False
    return hmac.compare_digest(signature.encode(), _signature(staff_token, int(expires)).encode())
