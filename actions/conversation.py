"""Actions of the question-answering side: answers during the form, field help, fallback.

When a message is not understood, `ActionFallback` asks before it gives up: a yes/no question
that got no plain yes or no is asked again; a message that looks like a form answer gets the
offer to start the form; otherwise the likeliest meanings are offered as buttons. Only a
second miss in a row gets "here is what I can do" and the people who can help, with the filer's
help code (`actions.handoff`), as a request for a person in the middle of the form does.
"""

from __future__ import annotations

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, FollowupAction
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.handoff import utter_with_help_code
from actions.replies import language_of
from bot.fallback import (
    REASKED_QUESTIONS,
    clarify_choices,
    fallback_response,
    looks_like_form_answer,
    misses_in_a_row,
)
from bot.i18n import translate_buttons
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
        await utter_with_help_code(dispatcher, tracker, response_for(intent))
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
    """Asks again, offers the form or the likeliest meanings; after two misses, offers a person."""

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
        if misses_in_a_row(intents) <= 1 and latest_intent(tracker) == "nlu_fallback":
            asked = last_question(tracker)
            if asked in REASKED_QUESTIONS:
                dispatcher.utter_message(response="utter_please_yes_or_no")
                return [FollowupAction(asked)]
            if not tracker.active_loop_name and looks_like_form_answer(
                tracker.latest_message.get("text") or ""
            ):
                return [FollowupAction("action_offer_form")]
            choices = clarify_choices(tracker.latest_message.get("intent_ranking") or [])
            if choices:
                dispatcher.utter_message(
                    response="utter_did_you_mean",
                    buttons=translate_buttons(
                        [{"title": choice.label, "payload": choice.payload} for choice in choices],
                        language_of(tracker),
                    ),
                )
                return [FollowupAction("action_listen")]
        await utter_with_help_code(dispatcher, tracker, fallback_response(intents))
        # As Rasa's core fallback nothing else changes, so Rasa would predict this action
        # again and again: wait for the filer's next message instead.
        return [FollowupAction("action_listen")]


def last_question(tracker: Tracker) -> str | None:
    """The assistant's last action before the filer's latest message (action_listen aside)."""
    names = [
        event.get("name")
        for event in tracker.events
        if event.get("event") == "action" and event.get("name") != "action_listen"
    ]
    return names[-1] if names else None
