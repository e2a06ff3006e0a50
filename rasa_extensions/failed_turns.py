"""A chat turn that failed is not saved: the tracker store skips the save of a turn that sent nothing.

Rasa saves a turn once, at its end. Our chat channels (`channels.guarded`) count what each turn
sends (`CountingOutput`, kept in `CURRENT_TURN` for the task that handles the turn); when a turn
sent the filer nothing (the action server down, a timeout), its save is skipped, so the
conversation goes on correctly once the fault is gone. A turn of a paused conversation (court
staff took over the chat: the warm hand-off) sends nothing on purpose: it is saved, and marked
`quiet`, so the channel does not call it a failure. `rasa_extensions.install.install()` wraps the
tracker store of every Rasa agent this way (`keep_no_failed_turn`), the first one and every one
loaded later through the HTTP API.
"""

from __future__ import annotations

import logging
from contextvars import ContextVar
from typing import Any

from rasa.core.channels.channel import OutputChannel
from rasa.core.tracker_store import FailSafeTrackerStore, TrackerStore
from rasa.shared.core.trackers import DialogueStateTracker

from bot.chat_ids import log_id

logger = logging.getLogger(__name__)


class CountingOutput(OutputChannel):
    """Passes bot messages on to the real output channel and counts them."""

    def __init__(self, inner: OutputChannel) -> None:
        self.inner = inner
        self.sent = 0
        self.quiet = False  # the conversation is paused: sending nothing is right

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
            if not tracker.is_paused():
                logger.error("turn of %s not saved", log_id(tracker.sender_id))
                return
            turn.quiet = True
        await save(tracker)

    store.save = save_unless_failed  # type: ignore[method-assign]
    store.skips_failed_turns = True  # type: ignore[attr-defined]
