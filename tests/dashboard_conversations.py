"""A known set of conversations for the dashboard's tests (bot/dashboard.py), written with
Rasa's own SQLTrackerStore, and the figures the dashboard must compute from them.

Over 1-3 November 2026 (UTC), plus one conversation in October, outside `PERIOD`:
- `sent-en`: 1 Nov, asks what PACER is, answers every question, sends the registration.
- `sent-es`: 2 Nov, Spanish, asks about fees twice and what PACER is, the email refused once,
  sends the registration.
- `quit-pt`: 2 Nov, Portuguese, reaches the email question, two emails refused, gives up.
- `lost`: 3 Nov, four messages not understood (two alike, one a bare email, one with an SSN),
  offered a person once, then asks for a person, and court staff take the chat over.
- `october`: 30 Oct, asks about fees.
"""

from __future__ import annotations

from datetime import date, datetime, timezone
from typing import Any

import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.events import (
    ActionExecuted,
    BotUttered,
    ConversationPaused,
    Event,
    SlotSet,
    UserUttered,
)
from rasa.shared.core.trackers import DialogueStateTracker

from bot.dashboard import Period, Table, tracker_tables
from bot.fields import FORM_SLOT_ORDER

PERIOD = Period(date(2026, 11, 1), date(2026, 11, 5))
SSN_MESSAGE = "my ssn is 123-45-6789 do you need it"


class Conversation:
    """Events of one conversation, one second apart from `start`."""

    def __init__(self, sender: str, start: datetime) -> None:
        self.sender = sender
        self.clock = start.timestamp()
        self.events: list[Event] = []

    def _tick(self) -> float:
        self.clock += 1
        return self.clock

    def user(self, text: str, intent: str) -> Conversation:
        self.events.append(ActionExecuted("action_listen", timestamp=self._tick()))
        self.events.append(UserUttered(text, {"name": intent}, timestamp=self._tick()))
        return self

    def slot(self, name: str, value: Any) -> Conversation:
        self.events.append(SlotSet(name, value, timestamp=self._tick()))
        return self

    def bot(self, response: str, custom: dict[str, Any] | None = None) -> Conversation:
        data = {"custom": custom} if custom else {}
        metadata = {"utter_action": response} if response else {}
        self.events.append(BotUttered("...", data, metadata, timestamp=self._tick()))
        return self

    def taken_over(self) -> Conversation:
        """Court staff pause the assistant to talk with the filer (the warm hand-off)."""
        self.events.append(ConversationPaused(timestamp=self._tick()))
        return self

    def ask(self, slot: str) -> Conversation:
        return self.slot("requested_slot", slot)

    def form(self, slots: tuple[str, ...], refused: dict[str, int] | None = None) -> Conversation:
        """Asks each of `slots`; an answer to one in `refused` is refused that many times first."""
        for slot in slots:
            self.ask(slot)
            for misses in range(1, (refused or {}).get(slot, 0) + 1):
                self.user("not right", "inform").slot("form_failures", {slot: misses})
            if (refused or {}).get(slot) and slot != slots[-1]:
                self.user("right", "inform").slot("form_failures", {})
        return self

    def send(self) -> Conversation:
        self.slot("requested_slot", None)
        return self.bot("", {"type": "registration_submission", "payload": {"reference": "X"}})


def at(day: int, month: int = 11) -> datetime:
    return datetime(2026, month, day, 10, 0, tzinfo=timezone.utc)


def conversations() -> list[Conversation]:
    """The known set (see the module's docstring)."""
    email_at = FORM_SLOT_ORDER.index("email")
    return [
        Conversation("sent-en", at(1))
        .user("what is pacer", "ask_what_is_pacer")
        .user("start", "start_registration")
        .form(FORM_SLOT_ORDER)
        .send(),
        Conversation("sent-es", at(2))
        .slot("language", "es")
        .user("cuanto cuesta", "ask_fee_types")
        .user("que tarifas hay", "ask_fee_types")
        .user("que es pacer", "ask_what_is_pacer")
        .form(FORM_SLOT_ORDER, refused={"email": 1})
        .send(),
        Conversation("quit-pt", at(2))
        .slot("language", "pt")
        .form(FORM_SLOT_ORDER[: email_at + 1], refused={"email": 2}),
        Conversation("lost", at(3))
        .user("How do I register my BOAT?", "nlu_fallback")
        .user("how do i register my boat", "out_of_scope")
        .bot("utter_fallback_offer_person")
        .user("jane@example.com", "nlu_fallback")
        .user(SSN_MESSAGE, "nlu_fallback")
        .user("a person please", "request_human")
        .taken_over(),
        Conversation("october", at(30, 10)).user("fees?", "ask_fee_types"),
    ]


async def save_all(store: SQLTrackerStore) -> None:
    """Saves the known set with Rasa's SQL tracker store."""
    for conversation in conversations():
        tracker = DialogueStateTracker.from_events(conversation.sender, conversation.events)
        await store.save(tracker)


def tables_of(url: str, period: Period = PERIOD) -> dict[str, Table]:
    """The dashboard's tables computed from the tracker database at `url`, by name."""
    engine = sa.create_engine(url, future=True)
    try:
        with engine.connect() as connection:
            return {table.name: table for table in tracker_tables(connection, period)}
    finally:
        engine.dispose()
