"""Size, type and rate checks on chat messages (bot/chat_guard.py)."""

from __future__ import annotations

import pytest
from fake_clock import Clock

from bot.chat_guard import (
    MAX_MESSAGE_CHARS,
    NOT_TEXT,
    TOO_FAST,
    TOO_LONG,
    ChatGuard,
    RateLimiter,
    address_key,
)


def test_bucket_allows_a_burst_then_refills_over_time():
    clock = Clock()
    limiter = RateLimiter(per_second=1.0, burst=3, clock=clock)
    assert [limiter.allow("a") for _ in range(4)] == [True, True, True, False]
    assert limiter.allow("b") is True  # other keys have their own bucket
    clock.now = 1.0
    assert limiter.allow("a") is True
    assert limiter.allow("a") is False


def test_exhausted_tells_without_taking():
    clock = Clock()
    limiter = RateLimiter(per_second=1.0, burst=2, clock=clock)
    assert [limiter.exhausted("a") for _ in range(5)] == [False] * 5
    assert [limiter.allow("a"), limiter.allow("a")] == [True, True]
    assert limiter.exhausted("a") is True
    clock.now = 1.0
    assert limiter.exhausted("a") is False
    assert limiter.allow("a") is True


def test_bucket_count_is_bounded():
    limiter = RateLimiter(per_second=1.0, burst=1, max_keys=2, clock=Clock())
    for key in "abc":
        limiter.allow(key)
    assert limiter.allow("a") is True  # "a" was dropped as least recently used: a fresh bucket


@pytest.mark.parametrize(
    ("text", "sender", "refusal"),
    [
        ("hello", "s1", None),
        ("x" * MAX_MESSAGE_CHARS, "s1", None),
        ("x" * (MAX_MESSAGE_CHARS + 1), "s1", TOO_LONG),
        (None, "s1", NOT_TEXT),
        (12, "s1", NOT_TEXT),
        (["hi"], "s1", NOT_TEXT),
        ("hello", None, NOT_TEXT),
        ("hello", "  ", NOT_TEXT),
        ("hello", 5, NOT_TEXT),
    ],
)
async def test_message_checks(text, sender, refusal):
    assert (await ChatGuard().check(text, sender, "127.0.0.1")).refusal == refusal


async def test_too_fast_per_sender_and_per_address():
    clock = Clock()
    guard = ChatGuard(
        per_sender=RateLimiter(per_second=0.1, burst=2, clock=clock),
        per_address=RateLimiter(per_second=0.1, burst=3, clock=clock),
    )
    assert (await guard.check("hi", "s1", "10.0.0.1")).refusal is None
    assert (await guard.check("hi", "s1", "10.0.0.1")).refusal is None
    assert (await guard.check("hi", "s1", "10.0.0.1")).refusal == TOO_FAST  # sender over its limit
    assert (await guard.check("hi", "s2", "10.0.0.1")).refusal == TOO_FAST  # address over its limit
    assert (await guard.check("hi", "s3", "10.0.0.2")).refusal is None


async def test_refused_messages_do_not_use_up_the_rate():
    guard = ChatGuard(per_sender=RateLimiter(per_second=0.0, burst=1, clock=Clock()))
    assert (await guard.check("x" * (MAX_MESSAGE_CHARS + 1), "s1", None)).refusal == TOO_LONG
    assert (await guard.check("hi", "s1", None)).refusal is None


@pytest.mark.parametrize(
    ("address", "key"),
    [
        ("203.0.113.9", "203.0.113.9"),
        ("2001:db8:1:2::1", "2001:db8:1:2::/64"),
        ("2001:db8:1:2:ffff:ffff:ffff:ffff", "2001:db8:1:2::/64"),
        ("2001:DB8:1:2:0:0:0:7", "2001:db8:1:2::/64"),
        ("fe80::1%eth0", "fe80::/64"),
        ("::ffff:203.0.113.9", "203.0.113.9"),
        ("::1", "::/64"),
        ("not an address", "not an address"),
    ],
)
def test_an_address_is_counted_as_its_ipv4_address_or_its_ipv6_64(address, key):
    assert address_key(address) == key


async def test_ipv6_clients_are_limited_per_64():
    clock = Clock()
    guard = ChatGuard(
        per_sender=RateLimiter(per_second=0.1, burst=100, clock=clock),
        per_address=RateLimiter(per_second=0.1, burst=2, clock=clock),
    )
    # A new address of the same /64 for every message is still one client.
    for n, refusal in enumerate([None, None, TOO_FAST, TOO_FAST]):
        assert (await guard.check("hi", f"s{n}", f"2001:db8:5:6::{n + 1}")).refusal == refusal
    assert (await guard.check("hi", "s9", "2001:db8:5:7::1")).refusal is None
