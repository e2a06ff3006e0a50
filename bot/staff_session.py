"""The staff console's sign-in: sessions kept on the server, and a back-off after wrong tokens.

After staff type the staff token into the console's sign-in form, the web app starts a session:
a random id (256 bits) goes in the cookie, and the server keeps only the id's SHA-256 and its
expiry. Signing out ends the session on the server, so a copy of the cookie that someone kept
stops working at once, and so do the staff-mode proofs it was given (`bot.staff_mode`); a
session also ends at its expiry. Sessions live in the web app's memory (it runs as one
process): restarting it, or changing the staff token, signs everyone out.

The cookie carries the `__Host-` prefix and is always `Secure`: browsers keep it only from HTTPS
(or localhost), for this host alone, never for a sibling domain.

Wrong staff tokens are counted per network (`bot.chat_guard.address_key`: an IPv4 address, or
an IPv6 /64): after `FREE_TRIES` wrong tries that network waits `FIRST_WAIT_S`, doubling with
each further wrong try up to `MAX_WAIT_S`. One attacker's tries never lock out staff elsewhere.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time
from collections import OrderedDict
from collections.abc import Callable

COOKIE_NAME = "__Host-mad_staff_session"
MAX_AGE_S = 8 * 60 * 60  # one working day
MAX_SESSIONS = 1_000
FREE_TRIES = 10
FIRST_WAIT_S = 30
MAX_WAIT_S = 15 * 60
FORGET_AFTER_S = 24 * 60 * 60


def token_matches(supplied: str, staff_token: str) -> bool:
    """Whether the token someone supplied is the staff token (compared in constant time)."""
    return hmac.compare_digest(supplied.strip().encode(), staff_token.encode())


def _digest(cookie_value: str) -> str:
    return hashlib.sha256(cookie_value.encode()).hexdigest()


class StaffSessions:
    """The signed-in staff sessions, by the SHA-256 of their cookie value."""

    def __init__(self, clock: Callable[[], float] = time.time, limit: int = MAX_SESSIONS) -> None:
        self.clock = clock
        self.limit = limit
        self._expiries: OrderedDict[str, float] = OrderedDict()

    def start(self) -> str:
        """A new session; returns the cookie value (the only copy of the session id)."""
        now = self.clock()
        for digest, expires in list(self._expiries.items()):
            if expires <= now:
                del self._expiries[digest]
        value = secrets.token_urlsafe(32)
        self._expiries[_digest(value)] = now + MAX_AGE_S
        while len(self._expiries) > self.limit:
            self._expiries.popitem(last=False)  # the oldest session ends first
        return value

    def expires_at(self, cookie_value: str | None) -> float | None:
        """When the session ends (`clock` time), or None if it is not a valid session."""
        expires = self._expiries.get(_digest(cookie_value or ""))
        return expires if expires is not None and self.clock() < expires else None

    def is_valid(self, cookie_value: str | None) -> bool:
        """Whether the cookie value is a session that was started here, not ended, not expired."""
        return self.expires_at(cookie_value) is not None

    def end(self, cookie_value: str | None) -> None:
        """End the session (sign-out): its cookie value is never valid again."""
        self._expiries.pop(_digest(cookie_value or ""), None)


class WrongTokenBackOff:
    """Wrong staff tokens counted per network key, with a doubling wait after `FREE_TRIES`.

    Keeps at most `max_keys` networks (least recently wrong go first) so memory stays bounded;
    a network with no wrong try for `FORGET_AFTER_S` starts again from zero.
    """

    def __init__(
        self, clock: Callable[[], float] = time.monotonic, max_keys: int = 10_000
    ) -> None:
        self.clock = clock
        self.max_keys = max_keys
        self._wrong: OrderedDict[str, tuple[int, float]] = OrderedDict()  # key: (count, last)

    def _count(self, key: str, now: float) -> tuple[int, float]:
        count, last = self._wrong.get(key, (0, now))
        return (0, now) if now - last > FORGET_AFTER_S else (count, last)

    def wait_s(self, key: str) -> float:
        """Seconds before `key` may try a token again; 0 when it may try now."""
        now = self.clock()
        count, last = self._count(key, now)
        if count < FREE_TRIES:
            return 0.0
        wait = min(MAX_WAIT_S, FIRST_WAIT_S * 2 ** (count - FREE_TRIES))
        return max(0.0, last + wait - now)

    def wrong(self, key: str) -> None:
        """One more wrong token from `key`."""
        now = self.clock()
        count, _ = self._count(key, now)
        self._wrong.pop(key, None)
        self._wrong[key] = (count + 1, now)
        while len(self._wrong) > self.max_keys:
            self._wrong.popitem(last=False)

    def right(self, key: str) -> None:
        """The right token from `key`: its wrong tries are forgotten."""
        self._wrong.pop(key, None)
