"""Chat rate limits counted in Redis, so that several Rasa servers share one allowance.

In the scale-out profile a filer's messages may reach any of the Rasa servers; limits counted
in each process would let N servers take N times as much. With `CHAT_RATE_REDIS_URL` set, each
limit is one token bucket per key in Redis, changed by one Lua script (so two servers never
both take the last token). Keys are hashes (SHA-256), so Redis holds no sender id or client
address in plain text.
When Redis cannot be reached, the limit is counted in this process instead (and logged), so a
Redis outage neither stops the chat nor lifts the limits.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging

from redis.asyncio import Redis
from redis.exceptions import RedisError

from bot.chat_guard import RateLimiter

logger = logging.getLogger(__name__)

# KEYS[1]: the bucket; ARGV: tokens per second, burst. Redis's own clock, so servers agree.
TAKE_TOKEN = """
local rate, burst = tonumber(ARGV[1]), tonumber(ARGV[2])
local clock = redis.call('TIME')
local now = tonumber(clock[1]) + tonumber(clock[2]) / 1000000
local bucket = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(bucket[1]) or burst
local at = tonumber(bucket[2]) or now
tokens = math.min(burst, tokens + math.max(0, now - at) * rate)
local allowed = 0
if tokens >= 1 then
  tokens = tokens - 1
  allowed = 1
end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(now))
redis.call('EXPIRE', KEYS[1], math.ceil(burst / math.max(rate, 0.001)) + 1)
return allowed
"""

# A turn waits at most this long for Redis before counting locally.
REDIS_TIMEOUT_S = 0.5


def redis_client(url: str) -> Redis:
    """A client for `url` (redis://[:password@]host:port/db) that gives up quickly."""
    return Redis.from_url(
        url, socket_timeout=REDIS_TIMEOUT_S, socket_connect_timeout=REDIS_TIMEOUT_S
    )


class SharedRateLimiter:
    """A `bot.chat_guard.Limiter` whose buckets live in Redis under `chat-rate:<name>:`."""

    def __init__(self, client: Redis, name: str, per_second: float, burst: int) -> None:
        self.name = name
        self.per_second = per_second
        self.burst = burst
        self.script = client.register_script(TAKE_TOKEN)
        self.fallback = RateLimiter(per_second=per_second, burst=burst)

    def bucket(self, key: str) -> str:
        return f"chat-rate:{self.name}:" + hashlib.sha256(key.encode()).hexdigest()[:32]

    async def take(self, key: str) -> bool:
        try:
            allowed = await self.script(keys=[self.bucket(key)], args=[self.per_second, self.burst])
        except (RedisError, OSError, asyncio.TimeoutError) as error:
            logger.warning(
                "chat rate limit %s counted in this process: Redis failed (%s)",
                self.name,
                type(error).__name__,
            )
            return await self.fallback.take(key)
        return bool(allowed)
