"""Completes a whole registration with the running servers and checks the payload end to end."""

from __future__ import annotations

import uuid

from assistant_replies import submission_of


def test_complete_registration_with_interruptions_and_a_correction(assistant) -> None:
    sender = f"reg-{uuid.uuid4().hex[:12]}"
    say = lambda text: assistant.say_text(sender, text)  # noqa: E731

    assert "first name" in say("please register me for e-filing")
    assert "middle name" in say("Maria")
    assert "last name" in say("none")
    assert "email" in say("Lopez")
    assert "phone" in say("maria.lopez@example.com")
    # A question mid-form is answered, and the same question is asked again.
    reply = say("hold on, what is ach")
    assert "bank" in reply and "phone" in reply
    assert "street" in say("(617) 555-0100")
    assert "city" in say("12 Main St Apt 4")
    assert "state" in say("Boston")
    assert "zip" in say("massachusetts")
    assert "case number" in say("02110")
    # Skipping the case number is refused, and it is asked again.
    assert "case number" in say("i dont have one")
    assert "payment" in say("No. 24 CV 10987 (ADB)")
    assert "pacer fees" in say("yes")
    assert "e-filing fees" in say("credit card")
    assert "admission fees" in say("ach")
    # ACH for admission fees is refused with the reason; the question comes back.
    reply = say("ach")
    assert "does not" in reply and "admission" in reply
    assert "terms" in say("credit card")
    review = say("yes")
    assert "maria.lopez@example.com" in review and "1:24-cv-10987" not in review
    assert "24-cv-10987-adb" in review
    assert "email" in say("change my email")
    review = say("maria@example.org")
    assert "maria@example.org" in review and "lopez" in review
    messages = assistant.say(sender, "yes")

    payload = submission_of(messages)
    assert payload["email"] == "maria@example.org"
    assert payload["most_recent_case"] == "24-cv-10987-ADB"
    assert payload["phone"] == "617-555-0100"
    assert payload["state"] == "MA"
    assert payload["middle_name"] == ""
    assert payload["efiling_fees_method"] == "ach"
    assert payload["admission_fees_method"] == "credit_card"
    summary = "\n".join(m.get("text", "") for m in messages)
    assert payload["reference"] in summary

    status, stored = assistant.submission(payload["reference"], assistant.config.staff_token)
    assert status == 200
    assert stored == payload
    status, _ = assistant.submission(payload["reference"], None)
    assert status == 401


def test_cancel_ends_without_a_payload_and_deny_keeps_the_place(assistant) -> None:
    sender = f"reg-{uuid.uuid4().hex[:12]}"
    say = lambda text: assistant.say_text(sender, text)  # noqa: E731

    say("i want to fill out my e-file registration")
    say("Tran")
    assert "stop" in say("cancel")
    assert "middle name" in say("no")  # not stopping: the same question again
    assert "stop" in say("stop")
    reply = say("yes")
    assert "deleted" in reply
    assert "first name" in say("register me")  # a new start: the old answers are gone
