"""Asks the running assistant, over HTTP, questions worded unlike its training data.

Each answer is checked word for word against the response in domain.yml that it must be.
"""

from __future__ import annotations

import re
import uuid

import pytest
from assistant_replies import filer_text

from bot.help_codes import HELP_CODE_PATTERN

QUESTIONS_AND_ANSWERS = [
    ("how would i know whether my pacer login is the upgraded type", "utter_ask_check_upgraded"),
    ("i got no pacer login at all yet what do i do", "utter_ask_get_pacer_account"),
    ("whats the number to call pacer people", "utter_ask_pacer_contact"),
    ("which option do i choose under role in court", "utter_ask_court_selection"),
    ("in pacer where exactly is the e-file registration thing", "utter_ask_where_form"),
    ("am i allowed to pay the admission fee out of my checking account by ach",
     "utter_ask_ach_admission"),
    ("is entering a payment method mandatory", "utter_ask_payment_required"),
    ("what should i type in the most recent case box", "utter_ask_case_number_field"),
]


def new_sender() -> str:
    return f"test-{uuid.uuid4().hex[:12]}"


def texts(assistant, sender: str, message: str) -> list[str]:
    return [reply.get("text", "") for reply in assistant.say(sender, message)]


@pytest.mark.parametrize(("question", "response"), QUESTIONS_AND_ANSWERS)
def test_unseen_question_gets_its_answer(assistant, question: str, response: str) -> None:
    assert texts(assistant, new_sender(), question) == [filer_text(response)], question


def test_walkthrough_steps_forward_back_and_repeat(assistant) -> None:
    sender = new_sender()
    first = assistant.say_text(sender, "can you take me through the process one step at a time")
    assert "step 1 of" in first
    assert "step 2 of" in assistant.say_text(sender, "next")
    assert "step 3 of" in assistant.say_text(sender, "next")
    assert "step 2 of" in assistant.say_text(sender, "back")
    assert "step 2 of" in assistant.say_text(sender, "repeat")


def test_legal_advice_is_refused(assistant) -> None:
    reply = texts(assistant, new_sender(), "do you think the judge is going to rule for me")
    assert reply == [filer_text("utter_no_legal_advice")]


def test_secret_is_never_echoed_or_kept(assistant) -> None:
    sender = new_sender()
    reply = texts(assistant, sender, "here is my card 4111 1111 1111 1111 to pay the fee")
    assert reply == [filer_text("utter_never_share_sensitive")]
    assert "4111" not in str(assistant.tracker(sender))


def test_two_misses_offer_a_person(assistant) -> None:
    sender = new_sender()
    assistant.say_text(sender, "what's the best pizza place in worcester")
    offer, code_text, code_payload = assistant.say(sender, "who won the baseball game last night")
    assert offer["text"] == filer_text("utter_fallback_offer_person")
    code = code_payload["custom"]["help_code"]
    assert re.fullmatch(HELP_CODE_PATTERN, code)
    assert code_text["text"] == filer_text("utter_help_code").format(help_code=code)
