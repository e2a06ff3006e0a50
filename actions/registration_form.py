"""The registration form's actions: start or resume it, check each answer, read back, cancel."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

import settings
from actions.replies import say, send
from bot.fields import FORM_SLOT_ORDER
from bot.registration_flow import check_answer, count_failures, required_slots, review_message

FORM_NAME = "registration_form"
FAILURES_SLOT = "form_failures"
REVIEW_BUTTONS = [
    {"title": "Yes, all correct", "payload": "yes"},
    {"title": "Change something", "payload": "no"},
]


def answers_of(tracker: Tracker) -> dict[str, Any]:
    """The form's answers so far, keyed by slot name."""
    return {slot: tracker.get_slot(slot) for slot in FORM_SLOT_ORDER}


def has_answers(tracker: Tracker) -> bool:
    """Whether the filer has given at least one answer of the form (it was started)."""
    return any(value is not None for value in answers_of(tracker).values())


def clear_answers() -> list[EventType]:
    """Events that forget every answer of the form."""
    return [SlotSet(slot, None) for slot in (*FORM_SLOT_ORDER, FAILURES_SLOT)]


class ValidateRegistrationForm(FormValidationAction):
    """Checks each answer with `bot.registration_flow`; a bad answer is refused kindly and asked again."""

    def name(self) -> str:
        return f"validate_{FORM_NAME}"

    async def required_slots(
        self,
        domain_slots: list[str],
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> list[str]:
        return required_slots(answers_of(tracker))

    async def get_validation_events(
        self,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> list[EventType]:
        wanted = set(required_slots(answers_of(tracker)))
        updates: dict[str, Any] = {}
        failures = before = tracker.get_slot(FAILURES_SLOT)
        typed = tracker.latest_message.get("text")
        for slot, value in tracker.slots_to_validate().items():
            if slot not in wanted:
                continue
            outcome = check_answer(slot, value, typed_now=value == typed)
            failures, help_replies = count_failures(failures, slot, outcome.failed)
            send(dispatcher, tracker, (*outcome.replies, *help_replies))
            updates.update(outcome.updates)
        if failures != before:  # only then: with no answer at all, Rasa must see no SlotSet
            updates[FAILURES_SLOT] = failures
        return [SlotSet(slot, value) for slot, value in updates.items()]


class ActionBeginRegistration(Action):
    """Starts the form with what to pick on PACER, or welcomes a filer back to a half-done one."""

    def name(self) -> str:
        return "action_begin_registration"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        if has_answers(tracker):
            dispatcher.utter_message(response="utter_registration_welcome_back")
        else:  # the intro says how long answers are kept: the RETENTION_DAYS setting
            retention_days = settings.current().retention_days
            dispatcher.utter_message(
                response="utter_registration_intro", retention_days=retention_days
            )
        return []


class ActionOfferForm(Action):
    """Offers to start (or go on with) the form when an answer comes with no form running."""

    def name(self) -> str:
        return "action_offer_form"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        dispatcher.utter_message(
            response="utter_offer_resume_form" if has_answers(tracker) else "utter_offer_form"
        )
        return []


class ActionAskConfirmed(Action):
    """Reads back every answer and asks the filer to confirm or name what to change."""

    def name(self) -> str:
        return "action_ask_confirmed"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        say(
            dispatcher,
            tracker,
            review_message(answers_of(tracker)),
            REVIEW_BUTTONS,
        )
        return []


class ActionCancelRegistration(Action):
    """Ends the registration at the filer's request: answers are deleted, nothing is sent."""

    def name(self) -> str:
        return "action_cancel_registration"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        dispatcher.utter_message(response="utter_registration_cancelled")
        return clear_answers()
