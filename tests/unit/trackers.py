"""Builds real rasa-sdk `Tracker` objects for the action tests, in the style of rasa-sdk's tests.

For the form validation action, slot candidates are `SlotSet` events after the latest user
message, exactly as Rasa's form sends them to the action server.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from rasa_sdk import Tracker
from rasa_sdk.events import ActionExecuted, SlotSet, UserUttered
from rasa_sdk.executor import CollectingDispatcher

DOMAIN: dict[str, Any] = yaml.safe_load(
    (Path(__file__).resolve().parents[2] / "domain.yml").read_text(encoding="utf-8")
)
FORM_NAME = "registration_form"
FORM_LOOP = {"name": FORM_NAME, "validate": True, "rejected": False, "trigger_message": {}}


def empty_slots() -> dict[str, Any]:
    """Every domain slot, unset, plus Rasa's `requested_slot`."""
    return {**{name: None for name in DOMAIN["slots"]}, "requested_slot": None}


def parse_data(text: str, intent: str | None) -> dict[str, Any]:
    return {
        "text": text,
        "intent": {"name": intent, "confidence": 1.0} if intent else {},
        "entities": [],
    }


def user_events(*turns: tuple[str, str | None]) -> list[dict[str, Any]]:
    """`action_listen` + `UserUttered` for each (text, intent) turn, oldest first."""
    events: list[dict[str, Any]] = []
    for text, intent in turns:
        events.append(ActionExecuted("action_listen"))
        events.append(UserUttered(text, parse_data=parse_data(text, intent)))
    return events


def make_tracker(
    slots: dict[str, Any] | None = None,
    *,
    text: str = "",
    intent: str | None = None,
    events: list[dict[str, Any]] | None = None,
    active_loop: dict[str, Any] | None = None,
) -> Tracker:
    """A tracker whose latest message is `text` with `intent`; slots default to unset."""
    if events is None:
        events = user_events((text, intent))
    return Tracker(
        "filer",
        {**empty_slots(), **(slots or {})},
        parse_data(text, intent),
        events,
        False,
        None,
        active_loop or {},
        "action_listen",
    )


def form_tracker(
    answers: dict[str, Any],
    requested_slot: str | None,
    text: str,
    candidates: dict[str, Any] | None = None,
) -> Tracker:
    """The tracker Rasa's form hands to the validation action after the filer typed `text`.

    `answers` are the slots already kept; `candidates` default to `text` for the requested slot.
    """
    if candidates is None:
        candidates = {requested_slot: text}
    events = [
        *user_events((text, "inform")),
        *(SlotSet(name, value) for name, value in candidates.items()),
    ]
    slots = {**answers, **candidates, "requested_slot": requested_slot}
    return make_tracker(slots, text=text, intent="inform", events=events, active_loop=FORM_LOOP)


def slot_events(events: list[dict[str, Any]]) -> dict[str, Any]:
    """The last value each `SlotSet` event sets, by slot name."""
    return {event["name"]: event["value"] for event in events if event.get("event") == "slot"}


def texts(dispatcher: CollectingDispatcher) -> list[str | None]:
    return [message["text"] for message in dispatcher.messages]


def responses(dispatcher: CollectingDispatcher) -> list[str | None]:
    return [message["response"] for message in dispatcher.messages]
