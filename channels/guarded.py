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
  is cancelled before that, and the save of a turn that sent nothing is skipped (by the
  tracker store wrapper of `rasa_extensions.failed_turns`, which these channels feed with
  the turn's count). Appending a `UserUtteranceReverted` instead would
  not do: inside a form, Rasa's `applied_events` has already dropped the form's earlier
  user messages, so the revert rewinds to before the form and erases every answer.
- No log line names the conversation: ours name it by `bot.chat_ids.log_id`, Rasa's own lines
  within the turn get it replaced by that (`rasa_extensions.hidden_ids`).

The channels need `rasa_extensions.install.install()` to have run (the Rasa server started with
`python -m rasa_extensions run`): without it they refuse to start.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import UserMessage

import settings
from bot.chat_guard import SOMETHING_WENT_WRONG, ChatGuard, Limiter, RateLimiter
from bot.chat_ids import log_id
from bot.i18n import translate
from bot.language import metadata_language
from channels.shared_rate_limit import SharedRateLimiter, redis_client
from rasa_extensions import hidden_ids
from rasa_extensions.failed_turns import CURRENT_TURN, CountingOutput
from rasa_extensions.install import is_installed

logger = logging.getLogger(__name__)

OnNewMessage = Callable[[UserMessage], Awaitable[Any]]

NOT_INSTALLED = (
    "The chat channels need the project's Rasa extensions: start the Rasa server with "
    "`python -m rasa_extensions run ...` (as `make run` does), not `rasa run`."
)


def limiter_from(config: settings.Settings, rate: tuple[float, int], bucket: str) -> Limiter:
    """A limit of `rate` (per second, burst), counted in Redis, shared by every Rasa server, when
    CHAT_RATE_REDIS_URL is set (under `bucket`); else in this process."""
    per_second, burst = rate
    if not config.chat_rate_redis_url:
        return RateLimiter(per_second=per_second, burst=burst)
    return SharedRateLimiter(redis_client(config.chat_rate_redis_url), bucket, per_second, burst)


def guard_from(config: settings.Settings) -> ChatGuard:
    """Rate limits of CHAT_RATE_PER_SENDER / CHAT_RATE_PER_ADDRESS (see `limiter_from`)."""
    return ChatGuard(
        per_sender=limiter_from(config, config.chat_rate_per_sender, "sender"),
        per_address=limiter_from(config, config.chat_rate_per_address, "address"),
    )


class GuardedChannel:
    """Mixin for Rasa input channels: limits, a deadline, and keeping no turn that failed."""

    guard: ChatGuard
    reply_timeout_s: float

    def setup_guard(self) -> None:
        """Called by each channel's `__init__`, when the Rasa server reads credentials.yml."""
        if not is_installed():
            raise RuntimeError(NOT_INSTALLED)
        config = settings.current()
        self.guard = guard_from(config)
        self.reply_timeout_s = config.chat_reply_timeout_s

    def guarded(self, on_new_message: OnNewMessage) -> OnNewMessage:
        """Wraps Rasa's message handler with a deadline and failure recovery."""

        async def handle(message: UserMessage) -> None:
            output = CountingOutput(message.output_channel)
            message.output_channel = output
            turn = CURRENT_TURN.set(output)
            conversation = log_id(message.sender_id)
            try:
                with hidden_ids.hiding(message.sender_id):
                    await asyncio.wait_for(on_new_message(message), self.reply_timeout_s)
            except asyncio.TimeoutError:
                logger.error("turn of %s timed out; nothing saved", conversation)
            except Exception as error:  # the tracker store down or locked, say
                # Only the kind of error: Rasa's messages may quote the filer's text.
                logger.error("turn of %s failed (%s)", conversation, type(error).__name__)
            else:
                if output.sent or output.quiet:  # quiet: paused, court staff took over
                    return
                logger.error("turn of %s sent nothing (action server down?)", conversation)
            finally:
                CURRENT_TURN.reset(turn)
            language = metadata_language(message.metadata)  # the web chat picker's, if any
            await output.inner.send_response(
                message.sender_id, {"text": translate(SOMETHING_WENT_WRONG, language)}
            )

        return handle

