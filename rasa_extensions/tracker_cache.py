"""The SQL tracker store keeps each conversation's last saved tracker in memory.

Rasa's SQL tracker store rebuilds a conversation from the database at the start of every turn
(every event of the session loaded, parsed from JSON and replayed) and, to save it, first counts
the events already stored: most of a Rasa server's CPU per chat turn (README "Measured",
docs/benchmarks.md). Between turns, the server that handled a conversation already holds the
tracker it saved. With `install()`:

- `save` (after Rasa's own) keeps the saved tracker, with the highest event id the database
  then has for the conversation, in a table of the `CACHED_CONVERSATIONS` most recently saved,
  each for at most `KEPT_SECONDS` (an hour: the filer's answers do not stay in memory long);
- `retrieve` asks the database only for that highest id: when it is unchanged, no one else
  wrote to the conversation since (another server, the HTTP API, `make purge`), and the kept
  tracker is handed out (and leaves the table: a turn that fails after it is never saved, so
  its half-done tracker is never handed out again); otherwise Rasa's own `retrieve` reads it;
- the save of a tracker handed out this way inserts its new events without counting the
  stored ones first: it knows how many were stored.

Every turn and every write through the HTTP API holds the conversation's lock, so no other
write can fall between a `retrieve` and its `save`. A tracker of more than one session (a
session started during the turn) is not kept, as Rasa's `retrieve` returns only the last one.
`rasa_extensions.install.install()` calls `install()`.
"""

from __future__ import annotations

import itertools
import time
from collections import OrderedDict
from collections.abc import Callable, Coroutine, Iterator
from dataclasses import dataclass
from functools import wraps
from typing import Any

import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.events import Event, SessionStarted
from rasa.shared.core.trackers import DialogueStateTracker

# About 0.15 MB each (docs/benchmarks.md, the capacity run of 2026-12-02, night).
CACHED_CONVERSATIONS = 1000
# A conversation idle this long is dropped from memory (it stays in the database, until
# `make purge`): the table never holds a filer's answers for long after the chat.
KEPT_SECONDS = 3600.0
# Set on a tracker once saved (a single session): how many of its events the database holds.
STORED_EVENTS = "_mad_stored_events"


@dataclass(frozen=True)
class Kept:
    """A saved tracker and the highest event id its conversation had right after the save."""

    tracker: DialogueStateTracker
    last_event_id: int


class KeptTrackers:
    """The last saved tracker of up to `size` conversations, each for at most `seconds`.

    Past `size`, the least recently kept is dropped; one kept `seconds` ago or more is dropped
    at the next `put` and never taken.
    """

    def __init__(
        self,
        size: int = CACHED_CONVERSATIONS,
        seconds: float = KEPT_SECONDS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.size = size
        self.seconds = seconds
        self.clock = clock
        self._kept: OrderedDict[str, tuple[float, Kept]] = OrderedDict()  # oldest first

    def __len__(self) -> int:
        return len(self._kept)

    def put(self, sender_id: str, kept: Kept) -> None:
        now = self.clock()
        self._kept.pop(sender_id, None)
        self._kept[sender_id] = (now, kept)
        while self._kept and (
            len(self._kept) > self.size or self._expired(next(iter(self._kept.values()))[0], now)
        ):
            self._kept.popitem(last=False)

    def take(self, sender_id: str) -> Kept | None:
        """The kept tracker of `sender_id`, which leaves the table, or None."""
        kept_at, kept = self._kept.pop(sender_id, (0.0, None))
        if kept is None or self._expired(kept_at, self.clock()):
            return None
        return kept

    def _expired(self, kept_at: float, now: float) -> bool:
        return now - kept_at >= self.seconds


def kept_trackers(store: SQLTrackerStore) -> KeptTrackers:
    """The table of `store`, made on first use."""
    table = store.__dict__.get("kept_trackers")
    if table is None:
        table = store.__dict__["kept_trackers"] = KeptTrackers()
    return table


def last_event_id(store: SQLTrackerStore, sender_id: str) -> int | None:
    """The highest event id stored for `sender_id`, None when it has none.

    One statement, built once per store, on a plain connection: no ORM session to set up.
    """
    query = store.__dict__.get("last_event_id_query")
    if query is None:
        events = store.SQLEvent.__table__
        query = store.__dict__["last_event_id_query"] = sa.select(sa.func.max(events.c.id)).where(
            events.c.sender_id == sa.bindparam("sender_id")
        )
    with store.engine.connect() as connection:
        return connection.execute(query, {"sender_id": sender_id}).scalar()


def single_session(tracker: DialogueStateTracker) -> bool:
    """Whether `tracker` holds at most one session (what Rasa's `retrieve` returns)."""
    starts = (event for event in tracker.events if isinstance(event, SessionStarted))
    return next(itertools.islice(starts, 1, None), None) is None


Retrieve = Callable[[SQLTrackerStore, str], Coroutine[Any, Any, DialogueStateTracker | None]]
Save = Callable[[SQLTrackerStore, DialogueStateTracker], Coroutine[Any, Any, None]]
AdditionalEvents = Callable[[SQLTrackerStore, Any, DialogueStateTracker], Iterator[Event]]


def retrieving_kept(retrieve: Retrieve) -> Retrieve:
    @wraps(retrieve)
    async def retrieve_kept(self: SQLTrackerStore, sender_id: str) -> DialogueStateTracker | None:
        kept = kept_trackers(self).take(sender_id)
        if kept is not None and last_event_id(self, sender_id) == kept.last_event_id:
            return kept.tracker  # its STORED_EVENTS was set when it was saved and kept
        return await retrieve(self, sender_id)

    return retrieve_kept


def saving_kept(save: Save) -> Save:
    @wraps(save)
    async def save_and_keep(self: SQLTrackerStore, tracker: DialogueStateTracker) -> None:
        table = kept_trackers(self)
        table.take(tracker.sender_id)  # whatever happens next, what was kept is stale
        await save(self, tracker)
        if not single_session(tracker):
            setattr(tracker, STORED_EVENTS, None)  # Rasa's own counting, if it is saved again
            return
        setattr(tracker, STORED_EVENTS, len(tracker.events))
        last_id = last_event_id(self, tracker.sender_id)
        if last_id is not None:
            table.put(tracker.sender_id, Kept(tracker, last_id))

    return save_and_keep


def counting_only_unknown(additional_events: AdditionalEvents) -> AdditionalEvents:
    @wraps(additional_events)
    def events_to_insert(
        self: SQLTrackerStore, session: Any, tracker: DialogueStateTracker
    ) -> Iterator[Event]:
        stored = getattr(tracker, STORED_EVENTS, None)
        if stored is None:
            return additional_events(self, session, tracker)
        return itertools.islice(tracker.events, stored, None)

    return events_to_insert


def install() -> None:
    """Wraps the SQL tracker store's `retrieve`, `save` and `_additional_events` (once)."""
    if getattr(SQLTrackerStore.retrieve, "keeps_trackers", False):
        return
    SQLTrackerStore.retrieve = retrieving_kept(SQLTrackerStore.retrieve)  # type: ignore[method-assign]
    SQLTrackerStore.save = saving_kept(SQLTrackerStore.save)  # type: ignore[method-assign]
    SQLTrackerStore._additional_events = counting_only_unknown(  # type: ignore[method-assign]
        SQLTrackerStore._additional_events
    )
    SQLTrackerStore.retrieve.keeps_trackers = True  # type: ignore[attr-defined]
