"""Two lock stores on one Redis, as two Rasa servers have: one conversation, one holder at a time.

Each store runs in its own thread with its own event loop and takes the same conversation's
lock over and over through Rasa's own `LockStore.lock`; the time inside is counted.
"""

from __future__ import annotations

import asyncio
import threading
from concurrent.futures import ThreadPoolExecutor

from rasa.utils.endpoints import EndpointConfig

from rasa_extensions.lock_store import AtomicRedisLockStore

ROUNDS = 150


def lock_store(settings: dict[str, str]) -> AtomicRedisLockStore:
    return AtomicRedisLockStore(
        EndpointConfig(
            url=settings["LOCK_STORE_HOST"],
            port=settings["LOCK_STORE_PORT"],
            db=settings["LOCK_STORE_DB"],
            password=settings["LOCK_STORE_PASSWORD"],
        )
    )


class Room:
    """Counts who is inside; remembers the most ever inside at once."""

    def __init__(self) -> None:
        self.guard = threading.Lock()
        self.inside = 0
        self.most = 0
        self.visits = 0

    def enter(self) -> None:
        with self.guard:
            self.inside += 1
            self.visits += 1
            self.most = max(self.most, self.inside)

    def leave(self) -> None:
        with self.guard:
            self.inside -= 1


def take_turns(store: AtomicRedisLockStore, conversation_id: str, room: Room) -> None:
    async def rounds() -> None:
        for _ in range(ROUNDS):
            # A short lifetime: a ticket lost by a broken store expires soon, so the test ends.
            async with store.lock(conversation_id, lock_lifetime=3, wait_time_in_seconds=0.001):
                room.enter()
                await asyncio.sleep(0.001)
                room.leave()

    asyncio.run(rounds())


def test_two_servers_never_hold_one_conversation_at_once(service_settings):
    room = Room()
    stores = [lock_store(service_settings) for _ in range(2)]
    with ThreadPoolExecutor(len(stores)) as pool:
        for done in [pool.submit(take_turns, store, "one-conversation", room) for store in stores]:
            done.result()  # raises LockError if a ticket got lost
    assert room.visits == ROUNDS * len(stores)
    assert room.most == 1


def test_lock_is_gone_when_nobody_waits(service_settings):
    store = lock_store(service_settings)
    first = store.issue_ticket("tidy")
    second = store.issue_ticket("tidy")
    store.cleanup("tidy", first)
    assert store.get_lock("tidy").now_serving == second
    store.cleanup("tidy", second)
    assert store.get_lock("tidy") is None
