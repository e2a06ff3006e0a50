"""What every public chat channel does around Rasa's message handling.

- Secrets are masked before the text reaches the NLU, the tracker store or a log line.
- Messages that are too long, not text, or too fast are refused with a plain reason
  (`bot.chat_guard`), and nothing is processed.
- When the action server is down or slow, Rasa would answer nothing and keep a half-done
  turn. Here the turn is undone (a `UserUtteranceReverted` event, or nothing saved at all
  when it timed out), and the filer is told that the answers are kept and to try again.
  Every turn of this assistant sends at least one message, so "nothing sent" means failure.
"""

from __future__ import annotations

import asyncio
import logging
import os
from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import OutputChannel, UserMessage
from rasa.shared.core.events import UserUtteranceReverted
from sanic import Blueprint, Sanic

from bot.chat_guard import SOMETHING_WENT_WRONG, ChatGuard, RateLimiter
from bot.sensitive import mask_sensitive

logger = logging.getLogger(__name__)

OnNewMessage = Callable[[UserMessage], Awaitable[Any]]

REPLY_TIMEOUT_S = float(os.environ.get("CHAT_REPLY_TIMEOUT_S", "20"))


def guard_from_env() -> ChatGuard:
    """Rate limits from CHAT_RATE_PER_SENDER / CHAT_RATE_PER_ADDRESS ("per_second/burst")."""

    def limiter(name: str, default: str) -> RateLimiter:
        per_second, _, burst = os.environ.get(name, default).partition("/")
        return RateLimiter(per_second=float(per_second), burst=int(burst))

    return ChatGuard(
        per_sender=limiter("CHAT_RATE_PER_SENDER", "1/8"),
        per_address=limiter("CHAT_RATE_PER_ADDRESS", "5/40"),
    )


class CountingOutput(OutputChannel):
    """Passes bot messages on to the real output channel and counts them."""

    def __init__(self, inner: OutputChannel) -> None:
        self.inner = inner
        self.sent = 0

    @classmethod
    def name(cls) -> str:
        return "counting"

    async def send_response(self, recipient_id: str, message: dict[str, Any]) -> None:
        self.sent += 1
        await self.inner.send_response(recipient_id, message)


class GuardedChannel:
    """Mixin for Rasa input channels: masking, limits, and undoing turns that failed."""

    guard: ChatGuard
    app: Sanic | None = None

    def setup_guard(self) -> None:
        self.guard = guard_from_env()
        self.app = None

    def remember_app(self, blueprint: Blueprint) -> None:
        """Keeps the Rasa app (and so its agent) once the server starts."""

        async def keep(app: Sanic, _loop: object) -> None:
            self.app = app

        blueprint.listener("after_server_start")(keep)

    def guarded(self, on_new_message: OnNewMessage) -> OnNewMessage:
        """Wraps Rasa's message handler with masking, a deadline and failure recovery."""

        async def handle(message: UserMessage) -> None:
            message.text = mask_sensitive(message.text or "")[0]
            output = CountingOutput(message.output_channel)
            message.output_channel = output
            try:
                await asyncio.wait_for(on_new_message(message), REPLY_TIMEOUT_S)
            except asyncio.TimeoutError:
                # Cancelled before Rasa saved the turn: nothing of it is kept.
                logger.error("turn of %s timed out; nothing saved", message.sender_id)
                await output.inner.send_response(message.sender_id, {"text": SOMETHING_WENT_WRONG})
                return
            if output.sent == 0:
                logger.error("turn of %s sent nothing (action server down?); undone", message.sender_id)
                await self._undo_last_turn(message.sender_id)
                await output.inner.send_response(message.sender_id, {"text": SOMETHING_WENT_WRONG})

        return handle

    async def _undo_last_turn(self, sender_id: str) -> None:
        agent = getattr(getattr(self.app, "ctx", None), "agent", None)
        if agent is None or agent.tracker_store is None:
            return
        async with agent.lock_store.lock(sender_id):
            tracker = await agent.tracker_store.retrieve(sender_id)
            if tracker is not None:
                tracker.update(UserUtteranceReverted())
                await agent.tracker_store.save(tracker)
