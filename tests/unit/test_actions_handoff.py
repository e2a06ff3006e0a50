"""Tests for actions/handoff.py (the warm hand-off, the filer's side) with real rasa-sdk objects:
the help code after the contacts, a person joining, and leaving while the form is running."""

from __future__ import annotations

import logging
import re

import pytest
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from sample_registration import ANSWERS
from trackers import DOMAIN, FORM_LOOP, make_tracker, responses

from actions import handoff
from actions.handoff import (
    CUSTOM_ASK_ACTIONS,
    ActionHumanContacts,
    ActionStaffJoined,
    ActionStaffLeft,
    next_question,
)
from actions.registration_form import REVIEW_BUTTONS
from bot.help_codes import HELP_CODE_PATTERN, HelpCodeStore
from bot.registration_flow import review_message

pytestmark = pytest.mark.usefixtures("help_codes")


def test_action_names_match_the_domain():
    names = {ActionHumanContacts().name(), ActionStaffJoined().name(), ActionStaffLeft().name()}
    assert names == {"action_human_contacts", "action_staff_joined", "action_staff_left"}
    assert names <= set(DOMAIN["actions"])


def test_every_question_the_form_asks_by_an_action_is_known_to_the_hand_back():
    asked_by_actions = {name for name in DOMAIN["actions"] if name.startswith("action_ask_")}
    assert asked_by_actions == set(CUSTOM_ASK_ACTIONS) == {"action_ask_confirmed"}


# ---------------------------------------------------------------------------
# The help code
# ---------------------------------------------------------------------------


async def ask_for_a_person(slots: dict | None = None) -> CollectingDispatcher:
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(slots, text="a person please", intent="request_human")
    assert await ActionHumanContacts().run(dispatcher, tracker, DOMAIN) == []
    return dispatcher


async def test_a_person_asked_for_gives_the_contacts_then_a_help_code(help_codes: HelpCodeStore):
    dispatcher = await ask_for_a_person()
    assert responses(dispatcher) == ["utter_human_contacts", "utter_help_code"]
    code_message = dispatcher.messages[1]
    code = code_message["help_code"]
    assert re.fullmatch(HELP_CODE_PATTERN, code)
    assert code_message["custom"] == {"help_code": code}
    assert help_codes.conversation_for(code) == "filer"


async def test_asking_again_gives_the_same_code():
    first = (await ask_for_a_person()).messages[1]["help_code"]
    again = (await ask_for_a_person()).messages[1]["help_code"]
    assert again == first


async def test_the_staff_console_s_own_chat_gets_no_code():
    dispatcher = await ask_for_a_person({"staff_mode": True})
    assert responses(dispatcher) == ["utter_human_contacts"]


async def test_without_a_code_the_contacts_still_go_and_nothing_names_the_chat(
    monkeypatch, caplog
):
    def broken(self, conversation_id, now=None):
        raise OSError(f"disk full while saving {conversation_id}")

    monkeypatch.setattr(HelpCodeStore, "issue", broken)
    caplog.set_level(logging.DEBUG)
    dispatcher = await ask_for_a_person()
    assert responses(dispatcher) == ["utter_human_contacts"]
    assert "could not make a help code" in caplog.text
    # The traceback names the conversation; the log record factory of rasa_extensions.hidden_ids
    # hides it in the servers' logs. Our own message names neither the chat nor a code.
    assert [r.getMessage() for r in caplog.records] == ["could not make a help code"]


async def test_no_log_line_names_the_code_or_the_conversation(caplog):
    caplog.set_level(logging.DEBUG)
    dispatcher = await ask_for_a_person()
    code = dispatcher.messages[1]["help_code"]
    assert code not in caplog.text
    assert "filer" not in caplog.text


def test_the_store_is_opened_once_from_the_settings(help_codes, monkeypatch):
    monkeypatch.setenv("HELP_CODE_HOURS", "2")
    handoff.help_code_store.cache_clear()
    store = handoff.help_code_store()
    assert store is handoff.help_code_store()
    assert store._lifetime.total_seconds() == 2 * 3600


# ---------------------------------------------------------------------------
# A person joins and leaves
# ---------------------------------------------------------------------------


async def test_a_person_joining_is_told_to_the_filer():
    dispatcher = CollectingDispatcher()
    tracker = make_tracker({"requested_slot": "email"}, active_loop=FORM_LOOP)
    assert await ActionStaffJoined().run(dispatcher, tracker, DOMAIN) == []
    assert responses(dispatcher) == ["utter_staff_joined"]


async def staff_left(slots: dict, active_loop: dict | None = FORM_LOOP):
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(slots, text="thanks", intent="thank", active_loop=active_loop)
    events = await ActionStaffLeft().run(dispatcher, tracker, DOMAIN)
    return events, dispatcher


async def test_with_no_form_running_the_assistant_just_goes_on():
    events, dispatcher = await staff_left({}, active_loop=None)
    assert events == []
    assert responses(dispatcher) == ["utter_staff_left"]


async def test_the_form_s_current_question_is_asked_again():
    answers = {"first_name": "Jane", "middle_name": "", "last_name": "Doe"}
    events, dispatcher = await staff_left({**answers, "requested_slot": "email"})
    assert events == []
    assert responses(dispatcher) == ["utter_staff_left", "utter_ask_email"]


async def test_when_staff_answered_the_current_question_the_next_one_is_asked():
    answers = {"first_name": "Jane", "middle_name": "", "last_name": "Doe", "email": "j@example.com"}
    events, dispatcher = await staff_left({**answers, "requested_slot": "email"})
    assert events == [SlotSet("requested_slot", "phone")]
    assert responses(dispatcher) == ["utter_staff_left", "utter_ask_phone"]


async def test_payment_questions_skipped_by_a_no_are_not_asked():
    answers = {**ANSWERS, "set_payment_defaults": False, "terms_accepted": None, "confirmed": None}
    for slot in ("pacer_fees_method", "efiling_fees_method", "admission_fees_method"):
        answers[slot] = None
    events, dispatcher = await staff_left({**answers, "requested_slot": "terms_accepted"})
    assert events == []
    assert responses(dispatcher) == ["utter_staff_left", "utter_ask_terms_accepted"]


async def test_at_the_review_the_answers_are_read_back_again_as_the_form_does():
    answers = {**ANSWERS, "confirmed": None}
    events, dispatcher = await staff_left({**answers, "requested_slot": "confirmed"})
    assert events == []
    assert responses(dispatcher) == ["utter_staff_left", None]
    review = dispatcher.messages[1]
    assert review["text"] == review_message(answers)
    assert review["buttons"] == REVIEW_BUTTONS


async def test_the_review_is_read_back_in_the_filer_s_language():
    answers = {**ANSWERS, "confirmed": None}
    events, dispatcher = await staff_left(
        {**answers, "requested_slot": "confirmed", "language": "es"}
    )
    review = dispatcher.messages[1]["text"]
    assert review != review_message(answers)
    assert "Jane" in review


def test_the_next_question_is_the_first_unanswered_one_the_form_needs():
    assert next_question(make_tracker({})) == "first_name"
    assert next_question(make_tracker({"first_name": "Jane"})) == "middle_name"
    assert next_question(make_tracker({**ANSWERS, "confirmed": None})) == "confirmed"
    assert next_question(make_tracker(ANSWERS)) is None
