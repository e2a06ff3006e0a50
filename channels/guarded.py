"""What every public chat channel does around Rasa's message handling.

- Secrets are masked before the text reaches the NLU, the tracker store or a log line: each
  channel masks the text once, as it reads it from the request (masking twice would mask
  the placeholder itself: "password is [password removed] removed]").
- Messages that are too long, not text, or too fast are refused with a plain reason
  (`bot.chat_guard`), and nothing is processed. Rates are counted in this process, or in
  Redis for all Rasa servers together (`channels.shared_rate_limit`).
- When the action server is down or slow, or the tracker store fails (a locked SQLite file,
  a database that is down), Rasa would answer nothing and keep a half-done turn. Here
  nothing of such a turn is saved, and the filer is told that the answers are kept and to
  try again. Every turn of this assistant sends at least one message, so
  "nothing sent" means failure. Rasa saves a turn once, at its end: a turn that timed out
  is cancelled before that, and the save of a turn that sent nothing is skipped (the
  tracker store's `save` is wrapped). Appending a `UserUtteranceReverted` instead would
  not do: inside a form, Rasa's `applied_events` has already dropped the form's earlier
  user messages, so the revert rewinds to before the form and erases every answer.
"""

from __future__ import annotations

import asyncio
import logging
import os
from collections.abc import Awaitable, Callable
from contextvars import ContextVar
from typing import Any

from rasa.core.channels.channel import OutputChannel, UserMessage
from rasa.core.tracker_store import FailSafeTrackerStore, TrackerStore
from rasa.shared.core.trackers import DialogueStateTracker
from sanic import Blueprint, Sanic

from bot.chat_guard import SOMETHING_WENT_WRONG, ChatGuard, Limiter, RateLimiter
from channels import action_results
from channels.api_errors import refuse_bad_jwts
from channels.model_loading import load_only_trusted_models
from channels.shared_rate_limit import SharedRateLimiter, redis_client

logger = logging.getLogger(__name__)

OnNewMessage = Callable[[UserMessage], Awaitable[Any]]

REPLY_TIMEOUT_S = float(os.environ.get("CHAT_REPLY_TIMEOUT_S", "20"))


def guard_from_env() -> ChatGuard:
    """Rate limits from CHAT_RATE_PER_SENDER / CHAT_RATE_PER_ADDRESS ("per_second/burst"),
    counted in Redis, shared by every Rasa server, when CHAT_RATE_REDIS_URL is set."""
    redis_url = os.environ.get("CHAT_RATE_REDIS_URL", "").strip()
    client = redis_client(redis_url) if redis_url else None

    def limiter(name: str, default: str, bucket: str) -> Limiter:
        per_second, _, burst = os.environ.get(name, default).partition("/")
        if client is None:
            return RateLimiter(per_second=float(per_second), burst=int(burst))
        return SharedRateLimiter(client, bucket, float(per_second), int(burst))

    return ChatGuard(
        per_sender=limiter("CHAT_RATE_PER_SENDER", "2/15", "sender"),
        per_address=limiter("CHAT_RATE_PER_ADDRESS", "5/40", "address"),
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


# The output of the turn being handled, in the task that handles it (and the tasks it starts).
CURRENT_TURN: ContextVar[CountingOutput | None] = ContextVar("current_turn", default=None)


def raise_it(error: Exception) -> None:
    """The error callback of a `FailSafeTrackerStore` that lets the error through."""
    raise error


def keep_no_failed_turn(store: TrackerStore) -> None:
    """Wraps `store.save` (once) so that a turn that sent the filer nothing is not saved.

    Rasa's agent wraps the tracker store in a `FailSafeTrackerStore`, which on an error of the
    real store reads "no conversation yet" and saves into memory instead: a filer halfway
    through the form would be greeted as new, and the turn's events lost. Its error callback
    is made to raise instead, so that the turn fails and nothing is saved.
    """
    if getattr(store, "skips_failed_turns", False):
        return
    if isinstance(store, FailSafeTrackerStore):
        store._on_tracker_store_error = raise_it
    save = store.save

    async def save_unless_failed(tracker: DialogueStateTracker) -> None:
        turn = CURRENT_TURN.get()
        if turn is not None and turn.sent == 0:
            logger.error("turn of %s not saved", tracker.sender_id)
            return
        await save(tracker)

    store.save = save_unless_failed  # type: ignore[method-assign]
    store.skips_failed_turns = True  # type: ignore[attr-defined]


class GuardedChannel:
    """Mixin for Rasa input channels: limits, a deadline, and keeping no turn that failed."""

    guard: ChatGuard
    app: Sanic | None = None

    def setup_guard(self) -> None:
        """Called by each channel's `__init__`, when the Rasa server reads credentials.yml."""
        action_results.install()
        self.guard = guard_from_env()
        self.app = None

    def remember_app(self, blueprint: Blueprint) -> None:
        """Keeps the Rasa app (and so its agent) once the server starts; bad JWTs get 401 and
        the HTTP API loads only our own models."""

        async def prepare(app: Sanic, _loop: object) -> None:
            refuse_bad_jwts(app)
            load_only_trusted_models(app)

        async def keep(app: Sanic, _loop: object) -> None:
            self.app = app

        blueprint.listener("before_server_start")(prepare)
        blueprint.listener("after_server_start")(keep)

    def guarded(self, on_new_message: OnNewMessage) -> OnNewMessage:
        """Wraps Rasa's message handler with a deadline and failure recovery."""

        async def handle(message: UserMessage) -> None:
            output = CountingOutput(message.output_channel)
            message.output_channel = output
            agent = getattr(getattr(self.app, "ctx", None), "agent", None)
            if agent is not None and agent.tracker_store is not None:
                keep_no_failed_turn(agent.tracker_store)
            turn = CURRENT_TURN.set(output)
            try:
                await asyncio.wait_for(on_new_message(message), REPLY_TIMEOUT_S)
            except asyncio.TimeoutError:
                logger.error("turn of %s timed out; nothing saved", message.sender_id)
            except Exception as error:  # the tracker store down or locked, say
                # Only the kind of error: Rasa's messages may quote the filer's text.
                logger.error("turn of %s failed (%s)", message.sender_id, type(error).__name__)
            else:
                if output.sent:
                    return
                logger.error("turn of %s sent nothing (action server down?)", message.sender_id)
            finally:
                CURRENT_TURN.reset(turn)
            await output.inner.send_response(message.sender_id, {"text": SOMETHING_WENT_WRONG})

        return handle

