"""What a chat message must pass before the assistant reads it: size, type and rate limits.

Framework-free: the chat channels ask `ChatGuard.check` about every incoming message and,
when it is refused, send the filer the plain-words reason instead of processing it.

Limits by address count a whole IPv6 /64 as one client (`address_key`): one home or phone
gets a /64 and can use any address in it.
"""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from ipaddress import IPv6Address, IPv6Network, ip_address
from typing import Protocol

MAX_MESSAGE_CHARS = 2000

TOO_LONG = (
    "Your message is too long for me to read. Please send a shorter message, "
    f"under {MAX_MESSAGE_CHARS} characters. Nothing you typed was saved."
)
NOT_TEXT = "I can only read plain text messages. Please type your message again."
TOO_FAST = (
    "You are sending messages very fast. Please wait a few seconds, then try again. "
    "Your earlier answers are kept."
)
SOMETHING_WENT_WRONG = (
    "Sorry, something went wrong on our side. Your answers so far are kept. "
    "Please send your last message again in a minute."
)


IPV6_CLIENT_PREFIX = 64


def address_key(address: str) -> str:
    """The key a client address is counted by: an IPv4 address as it is (also when written as
    IPv6 ::ffff:a.b.c.d), an IPv6 address as its /64 network; anything else unchanged."""
    try:
        ip = ip_address(address.split("%")[0])
    except ValueError:
        return address
    if isinstance(ip, IPv6Address):
        if ip.ipv4_mapped is not None:
            return str(ip.ipv4_mapped)
        return str(IPv6Network((ip, IPV6_CLIENT_PREFIX), strict=False))
    return str(ip)


class RateLimiter:
    """Token buckets by key: `burst` messages at once, refilled at `per_second`.

    Keeps at most `max_keys` buckets (least recently used go first) so memory stays bounded.
    """

    def __init__(
        self,
        per_second: float,
        burst: int,
        max_keys: int = 10_000,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.per_second = per_second
        self.burst = burst
        self.max_keys = max_keys
        self.clock = clock
        self._buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()

    def _tokens(self, key: str, now: float) -> float:
        tokens, last = self._buckets.get(key, (float(self.burst), now))
        return min(float(self.burst), tokens + (now - last) * self.per_second)

    def exhausted(self, key: str) -> bool:
        """Whether `allow(key)` would say False now; takes nothing."""
        return self._tokens(key, self.clock()) < 1.0

    async def take(self, key: str) -> bool:
        """`allow`, as a `Limiter` (what `ChatGuard` counts with)."""
        return self.allow(key)

    def allow(self, key: str) -> bool:
        """Takes one token for `key`; False when its bucket is empty."""
        now = self.clock()
        tokens = self._tokens(key, now)
        self._buckets.pop(key, None)
        allowed = tokens >= 1.0
        self._buckets[key] = (tokens - 1.0 if allowed else tokens, now)
        while len(self._buckets) > self.max_keys:
            self._buckets.popitem(last=False)
        return allowed


class Limiter(Protocol):
    """A rate limit by key: this process's `RateLimiter`, or one shared between processes."""

    async def take(self, key: str) -> bool:
        """Takes one message's allowance for `key`; False when there is none left."""
        ...


@dataclass(frozen=True)
class Verdict:
    """None `refusal` means the message may be processed."""

    refusal: str | None = None


class ChatGuard:
    """Size, type and per-sender / per-address rate checks on chat messages."""

    def __init__(
        self,
        per_sender: Limiter | None = None,
        per_address: Limiter | None = None,
    ) -> None:
        self.per_sender = per_sender or RateLimiter(per_second=1.0, burst=8)
        self.per_address = per_address or RateLimiter(per_second=5.0, burst=40)

    async def check(self, text: object, sender: object, address: str | None) -> Verdict:
        """May this message be processed? The rate is counted only for well-formed messages."""
        if not isinstance(text, str) or not isinstance(sender, str) or not sender.strip():
            return Verdict(NOT_TEXT)
        if len(text) > MAX_MESSAGE_CHARS:
            return Verdict(TOO_LONG)
        if address is not None and not await self.per_address.take(address_key(address)):
            return Verdict(TOO_FAST)
        if not await self.per_sender.take(sender):
            return Verdict(TOO_FAST)
        return Verdict()
