"""The assistant asks before it gives up, over HTTP with the real servers (issue 10).

Each message is one a filer might type; the replies are checked against domain.yml and the
"Did you mean" labels, and the tracker store is read back where a secret is involved.
"""

from __future__ import annotations

import uuid

from assistant_replies import filer_text

from bot.topics import NONE_OF_THESE_LABEL, TOPIC_LABELS


def new_sender() -> str:
    return f"ask-{uuid.uuid4().hex[:12]}"


def test_an_email_with_no_form_running_gets_the_form_offered_then_yes_starts_it(assistant):
    sender = new_sender()
    [offer] = assistant.say(sender, "jane.doe@example.com")
    assert offer["text"] == filer_text("utter_offer_form")
    assert [b["payload"] for b in offer["buttons"]] == ["/affirm", "/deny"]
    assert "first name" in assistant.say_text(sender, "yes please")


def test_a_name_with_no_form_running_gets_the_offer_and_no_leaves_it(assistant):
    sender = new_sender()
    assert assistant.say(sender, "Maria")[0]["text"] == filer_text("utter_offer_form")
    assert [m["text"] for m in assistant.say(sender, "no thanks")] == [
        filer_text("utter_form_not_started")
    ]


def test_a_paused_form_is_offered_again_with_its_answers_kept(assistant):
    sender = new_sender()
    assert "first name" in assistant.say_text(sender, "register me please")
    assert "middle name" in assistant.say_text(sender, "Maria")
    assistant.say(sender, "stop")
    assistant.say(sender, "no wait")  # keep going
    assistant.say(sender, "stop")
    assistant.say(sender, "what is pacer")  # the stop question is left unanswered: form paused
    assert assistant.say(sender, "jane.doe@example.com")[0]["text"] == filer_text(
        "utter_offer_resume_form"
    )
    assert "middle name" in assistant.say_text(sender, "yes")


def test_a_random_word_is_not_a_yes_to_stopping(assistant):
    sender = new_sender()
    assistant.say(sender, "register me please")
    assert "middle name" in assistant.say_text(sender, "Maria")
    assert assistant.say(sender, "i want to stop")[0]["text"] == filer_text("utter_ask_confirm_stop")
    # Neither yes nor no: asked again, and nothing is deleted.
    replies = [m["text"] for m in assistant.say(sender, "qwe")]
    assert replies == [filer_text("utter_please_yes_or_no"), filer_text("utter_ask_confirm_stop")]
    assert "middle name" in assistant.say_text(sender, "no")
    slots = assistant.tracker(sender)["slots"]
    assert slots["first_name"] == "Maria"


def test_a_message_with_two_meanings_gets_both_as_buttons_then_a_person(assistant):
    sender = new_sender()
    [reply] = assistant.say(sender, "what is ach or what is pacer")
    assert reply["text"] == filer_text("utter_did_you_mean")
    buttons = {b["title"]: b["payload"] for b in reply["buttons"]}
    assert buttons[TOPIC_LABELS["ask_what_is_ach"]] == "/ask_what_is_ach"
    assert buttons[TOPIC_LABELS["ask_what_is_pacer"]] == "/ask_what_is_pacer"
    assert list(buttons)[-1] == NONE_OF_THESE_LABEL
    # A button answers at once.
    [answer] = assistant.say(sender, "/ask_what_is_ach")
    assert answer["text"] == filer_text("utter_ask_what_is_ach")
    # "Something else", then another miss: the people who can help.
    assert assistant.say(sender, "/out_of_scope")[0]["text"] == filer_text("utter_out_of_scope")
    assert assistant.say(sender, "qwe")[0]["text"] == filer_text("utter_fallback_offer_person")
