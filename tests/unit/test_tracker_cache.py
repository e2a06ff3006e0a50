"""The SQL tracker store keeps the last saved tracker (rasa_extensions/tracker_cache.py), on SQLite."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, SessionStarted, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from rasa_extensions import tracker_cache


@pytest.fixture(autouse=True)
def installed(monkeypatch):
    """The cache installed; Rasa's own methods put back after the test."""
    for name in ("retrieve", "save", "_additional_events"):
        monkeypatch.setattr(SQLTrackerStore, name, getattr(SQLTrackerStore, name))
    tracker_cache.install()
    tracker_cache.install()  # once only: a second call wraps nothing twice


@pytest.fixture
def db(tmp_path):
    return str(tmp_path / "tracker.db")


def store_on(db: str) -> SQLTrackerStore:
    return SQLTrackerStore(Domain.empty(), dialect="sqlite", db=db)


def a_turn(tracker: DialogueStateTracker, text: str) -> None:
    tracker.update(UserUttered(text, {"name": "greet", "confidence": 1.0}))
    tracker.update(BotUttered(f"you said {text}"))
    tracker.update(ActionExecuted("action_listen"))


def events_of(tracker: DialogueStateTracker | None) -> list[dict]:
    assert tracker is not None
    return [event.as_dict() for event in tracker.events]


async def saved_conversation(store: SQLTrackerStore, sender_id: str = "webchat:a") -> DialogueStateTracker:
    tracker = store.init_tracker(sender_id)
    tracker.update(ActionExecuted("action_listen"))
    a_turn(tracker, "hello")
    await store.save(tracker)
    return tracker


def refuse_reading_events(monkeypatch, store: SQLTrackerStore) -> None:
    """Any load or count of the conversation's events (Rasa's `_event_query`) fails the test."""

    def no_query(*args, **kwargs):
        raise AssertionError("the events were read from the database")

    monkeypatch.setattr(store, "_event_query", no_query)


async def test_a_saved_conversation_is_handed_back_without_reading_its_events(db, monkeypatch):
    store = store_on(db)
    tracker = await saved_conversation(store)
    refuse_reading_events(monkeypatch, store)
    assert await store.retrieve("webchat:a") is tracker


async def test_the_next_save_inserts_only_the_new_events_without_counting(db, monkeypatch):
    store = store_on(db)
    await saved_conversation(store)
    refuse_reading_events(monkeypatch, store)
    tracker = await store.retrieve("webchat:a")
    a_turn(tracker, "second")
    await store.save(tracker)
    a_turn(tracker, "third")  # saved twice in a row, still without counting
    await store.save(tracker)
    from_database = await store_on(db).retrieve("webchat:a")  # a store that keeps nothing yet
    assert events_of(from_database) == events_of(tracker)
    assert len(tracker.events) == 10


async def test_a_write_by_another_server_makes_it_read_the_database_again(db):
    ours, theirs = store_on(db), store_on(db)
    kept = await saved_conversation(ours)
    other = await theirs.retrieve("webchat:a")
    a_turn(other, "from the other server")
    await theirs.save(other)
    again = await ours.retrieve("webchat:a")
    assert again is not kept
    assert events_of(again) == events_of(other)


async def test_a_turn_that_was_not_saved_is_never_handed_out_again(db):
    store = store_on(db)
    saved = events_of(await saved_conversation(store))
    half_done = await store.retrieve("webchat:a")
    a_turn(half_done, "this turn failed")  # the failed-turn guard skips its save
    again = await store.retrieve("webchat:a")
    assert again is not half_done
    assert events_of(again) == saved


async def test_a_purged_conversation_is_gone(db):
    store = store_on(db)
    await saved_conversation(store)
    with store.session_scope() as session:
        session.execute(sa.delete(store.SQLEvent))
        session.commit()
    assert await store.retrieve("webchat:a") is None


async def test_a_tracker_of_two_sessions_is_not_kept_and_the_last_session_is_read(db):
    store = store_on(db)
    tracker = store.init_tracker("webchat:a")
    for start, text in ((1000.0, "first session"), (2000.0, "second session")):
        tracker.update(ActionExecuted("action_session_start", timestamp=start))
        tracker.update(SessionStarted(timestamp=start))
        tracker.update(ActionExecuted("action_listen", timestamp=start))
        tracker.update(UserUttered(text, timestamp=start + 1))
    await store.save(tracker)
    read = await store.retrieve("webchat:a")
    assert read is not tracker
    assert [event.get("text") for event in events_of(read) if event["event"] == "user"] == [
        "second session"
    ]


async def test_different_conversations_are_kept_apart(db):
    store = store_on(db)
    first = await saved_conversation(store, "webchat:a")
    second = await saved_conversation(store, "webchat:b")
    assert await store.retrieve("webchat:b") is second
    assert await store.retrieve("webchat:a") is first


def test_only_the_most_recently_used_conversations_are_kept():
    table = tracker_cache.KeptTrackers(size=2)
    trackers = {name: DialogueStateTracker(name, []) for name in "abc"}
    for name, tracker in trackers.items():
        table.put(name, tracker_cache.Kept(tracker, 1))
    assert len(table) == 2
    assert table.take("a") is None
    assert table.take("c").tracker is trackers["c"]
    assert table.take("c") is None  # taken: it left the table
    assert table.take("b").tracker is trackers["b"]


def test_a_conversation_idle_for_an_hour_is_dropped_from_memory():
    now = [0.0]
    table = tracker_cache.KeptTrackers(size=10, seconds=3600, clock=lambda: now[0])

    def keep(name: str, last_event_id: int = 1) -> None:
        table.put(name, tracker_cache.Kept(DialogueStateTracker(name, []), last_event_id))

    keep("a")
    now[0] = 1800.0
    keep("b")
    now[0] = 3599.0
    keep("b", 2)  # kept again: its hour starts again
    assert len(table) == 2
    now[0] = 3600.0
    assert table.take("a") is None  # an hour old: never handed out
    keep("c")
    now[0] = 7199.0
    keep("d")  # "b", kept at 3599 s, is an hour old now: it leaves
    assert len(table) == 2
    assert table.take("b") is None
    assert table.take("c").last_event_id == 1
