"""Actions of the question-answering side: answers during the form, field help, fallback."""

from __future__ import annotations

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, FollowupAction
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from bot.fallback import fallback_response
from bot.intents import response_for


def latest_intent(tracker: Tracker) -> str | None:
    """Name of the intent of the filer's latest message."""
    return (tracker.latest_message.get("intent") or {}).get("name")


class ActionAnswerQuestion(Action):
    """Answers a question asked in the middle of the registration, so the form can go on."""

    def name(self) -> str:
        return "action_answer_question"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        intent = latest_intent(tracker) or ""
        dispatcher.utter_message(response=response_for(intent))
        return []


class ActionExplainField(Action):
    """Says why the form asks the current question and how to answer it."""

    def name(self) -> str:
        return "action_explain_field"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        slot = tracker.get_slot("requested_slot") if tracker.active_loop_name else None
        dispatcher.utter_message(response=f"utter_explain_{slot}" if slot else "utter_explain_nothing")
        return []


class ActionFallback(Action):
    """Says what the assistant can help with; after two misses in a row, offers a person."""

    def name(self) -> str:
        return "action_fallback"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        intents = [
            (event.get("parse_data") or {}).get("intent", {}).get("name")
            for event in tracker.events
            if event.get("event") == "user"
        ]
        dispatcher.utter_message(response=fallback_response(intents))
        # As Rasa's core fallback nothing else changes, so Rasa would predict this action
        # again and again: wait for the filer's next message instead.
        return [FollowupAction("action_listen")]
