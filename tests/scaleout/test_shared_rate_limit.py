"""Chat rate limits counted in Redis (channels/shared_rate_limit.py), as several Rasa servers do.

Two clients stand for two Rasa processes. Through the running scale-out stack:
test_scaleout.py.
"""

from __future__ import annotations

import asyncio

from redis.asyncio import Redis

from channels.shared_rate_limit import SharedRateLimiter, redis_client


def limiters(settings: dict[str, str], name: str, burst: int) -> list[SharedRateLimiter]:
    """One limiter per process, each with its own connection, counting in the same Redis."""
    url = settings["CHAT_RATE_REDIS_URL"]
    return [SharedRateLimiter(redis_client(url), name, per_second=0.0, burst=burst) for _ in "ab"]


async def test_two_processes_share_one_allowance(service_settings):
    first, second = limiters(service_settings, "share", burst=10)
    taken = await asyncio.gather(*(limiter.take("sender-1") for limiter in [first, second] * 15))
    assert sum(taken) == 10  # counted in each process, it would be 20
    assert await first.take("sender-2") and await second.take("sender-2")


async def test_tokens_come_back_over_time(service_settings):
    url = service_settings["CHAT_RATE_REDIS_URL"]
    limiter = SharedRateLimiter(redis_client(url), "refill", per_second=20.0, burst=2)
    assert [await limiter.take("s") for _ in range(3)] == [True, True, False]
    await asyncio.sleep(0.2)
    assert await limiter.take("s")


async def test_redis_keeps_no_sender_or_address(service_settings):
    first, _ = limiters(service_settings, "private", burst=5)
    await first.take("203.0.113.7")
    client: Redis = redis_client(service_settings["CHAT_RATE_REDIS_URL"])
    keys = [key.decode() async for key in client.scan_iter("chat-rate:private:*")]
    assert len(keys) == 1
    assert "203.0.113.7" not in keys[0]
    assert float((await client.hget(keys[0], "tokens")).decode()) == 4.0
    assert await client.ttl(keys[0]) > 0


async def test_without_redis_each_process_counts_for_itself(service_settings, caplog):
    settings = {**service_settings, "CHAT_RATE_REDIS_URL": "redis://127.0.0.1:1/2"}  # nobody there
    first, second = limiters(settings, "down", burst=3)
    assert [await first.take("filer-7q2") for _ in range(4)] == [True, True, True, False]
    assert await second.take("filer-7q2")
    assert "counted in this process" in caplog.text
    assert "filer-7q2" not in caplog.text
