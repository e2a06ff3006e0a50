"""A chat turn that failed keeps nothing and tells the filer (channels/guarded.py with
rasa_extensions/failed_turns.py).

Rasa saves a turn once, at its end; the guard skips that save when the turn sent nothing,
and cancels a turn past the deadline before it. Here Rasa's message handling is replaced by
small coroutines that save a tracker the way Rasa's processor does.
"""

from __future__ import annotations

import asyncio

import pytest
from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from rasa.core.tracker_store import FailSafeTrackerStore, InMemoryTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ConversationPaused
from rasa.shared.core.trackers import DialogueStateTracker

import channels.guarded
import settings
from bot.chat_guard import SOMETHING_WENT_WRONG, RateLimiter
from channels.guarded import GuardedChannel
from channels.shared_rate_limit import SharedRateLimiter
from rasa_extensions import install
from rasa_extensions.failed_turns import keep_no_failed_turn

TOLD = {"recipient_id": "filer", "text": SOMETHING_WENT_WRONG}


@pytest.fixture
def tracker_store() -> InMemoryTrackerStore:
    return InMemoryTrackerStore(Domain.empty())


@pytest.fixture
def channel(tracker_store) -> GuardedChannel:
    install.install()
    channel = GuardedChannel()
    channel.setup_guard()
    keep_no_failed_turn(tracker_store)  # as rasa_extensions does for every agent's store
    return channel


async def run_turn(channel, turn) -> list[dict]:
    output = CollectingOutputChannel()
    await channel.guarded(turn)(UserMessage("hello", output, "filer"))
    return output.messages


async def test_turn_that_sent_nothing_is_not_saved(channel, tracker_store):
    async def action_server_down(message: UserMessage) -> None:
        await tracker_store.save(DialogueStateTracker(message.sender_id, []))

    assert await run_turn(channel, action_server_down) == [TOLD]
    assert await tracker_store.retrieve("filer") is None


async def test_turn_that_answered_is_saved(channel, tracker_store):
    async def answered(message: UserMessage) -> None:
        await message.output_channel.send_response(message.sender_id, {"text": "Hi!"})
        await tracker_store.save(DialogueStateTracker(message.sender_id, []))

    assert await run_turn(channel, answered) == [{"recipient_id": "filer", "text": "Hi!"}]
    assert await tracker_store.retrieve("filer") is not None
    # Saves outside a turn (the HTTP API, other tasks) are never skipped.
    await tracker_store.save(DialogueStateTracker("other", []))
    assert await tracker_store.retrieve("other") is not None


async def test_turn_of_a_paused_conversation_is_saved_and_quiet(channel, tracker_store):
    """Court staff took over (the warm hand-off): the assistant says nothing, and that is right."""

    async def paused(message: UserMessage) -> None:
        tracker = DialogueStateTracker(message.sender_id, [])
        tracker.update(ConversationPaused())
        await tracker_store.save(tracker)

    assert await run_turn(channel, paused) == []
    assert (await tracker_store.retrieve("filer")).is_paused()


async def test_turn_past_the_deadline_is_cancelled_before_it_saves(
    channel, tracker_store
):
    channel.reply_timeout_s = 0.05

    async def hung_action_server(message: UserMessage) -> None:
        await asyncio.sleep(1)
        await tracker_store.save(DialogueStateTracker(message.sender_id, []))

    assert await run_turn(channel, hung_action_server) == [TOLD]
    await asyncio.sleep(1.1)
    assert await tracker_store.retrieve("filer") is None


async def test_turn_that_raised_tells_the_filer(channel, tracker_store):
    async def tracker_store_down(message: UserMessage) -> None:
        await message.output_channel.send_response(message.sender_id, {"text": "Hi!"})
        raise OSError("database is locked")

    told = await run_turn(channel, tracker_store_down)
    assert told == [{"recipient_id": "filer", "text": "Hi!"}, TOLD]
    assert await tracker_store.retrieve("filer") is None


class BrokenStore(InMemoryTrackerStore):
    """A tracker store whose database is down."""

    async def retrieve(self, sender_id: str) -> None:
        raise OSError("database is locked")

    async def save(self, tracker: DialogueStateTracker) -> None:
        raise OSError("database is locked")


@pytest.mark.parametrize("step", ["retrieve", "save"])
async def test_tracker_store_errors_fail_the_turn_instead_of_starting_afresh(channel, step):
    """Rasa's FailSafeTrackerStore would read "new conversation" and save into memory."""
    store = FailSafeTrackerStore(BrokenStore(Domain.empty()))
    keep_no_failed_turn(store)

    async def turn(message: UserMessage) -> None:
        if step == "retrieve":
            await store.retrieve(message.sender_id)
        await message.output_channel.send_response(message.sender_id, {"text": "Hi!"})
        await store.save(DialogueStateTracker(message.sender_id, []))

    told = await run_turn(channel, turn)
    assert told[-1] == TOLD and len(told) == (1 if step == "retrieve" else 2)
    assert await store.fallback_tracker_store.retrieve("filer") is None


def test_rate_limits_are_shared_in_redis_only_when_it_is_configured(monkeypatch):
    monkeypatch.setenv("CHAT_RATE_PER_SENDER", "1/3")
    monkeypatch.delenv("CHAT_RATE_REDIS_URL", raising=False)
    alone = channels.guarded.guard_from(settings.current())
    assert isinstance(alone.per_sender, RateLimiter)
    assert isinstance(alone.per_address, RateLimiter)
    monkeypatch.setenv("CHAT_RATE_REDIS_URL", "redis://:secret@127.0.0.1:6399/2")
    settings.current.cache_clear()
    shared = channels.guarded.guard_from(settings.current())
    assert isinstance(shared.per_sender, SharedRateLimiter)
    assert (shared.per_sender.name, shared.per_sender.per_second, shared.per_sender.burst) == (
        "sender",
        1.0,
        3,
    )
    assert isinstance(shared.per_address, SharedRateLimiter)
    assert shared.per_address.name == "address"


def test_channels_refuse_to_start_without_the_rasa_extensions(monkeypatch):
    monkeypatch.setattr(install, "INSTALLED", [])
    with pytest.raises(RuntimeError, match="python -m rasa_extensions run"):
        GuardedChannel().setup_guard()
