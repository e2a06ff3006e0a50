"""Asks the running assistant, over HTTP, questions worded unlike its training data."""

from __future__ import annotations

import uuid

import pytest

QUESTIONS_AND_FACTS = [
    ("how would i know whether my pacer login is the upgraded type", ["account type"]),
    ("i got no pacer login at all yet what do i do", ["pacer.uscourts.gov"]),
    ("whats the number to call pacer people", ["1-800-676-6856"]),
    ("which option do i choose under role in court", ["party"]),
    ("in pacer where exactly is the e-file registration thing", ["maintenance"]),
    ("am i allowed to pay the admission fee out of my checking account by ach", ["ach"]),
    ("is entering a payment method mandatory", ["optional"]),
    ("what should i type in the most recent case box", ["1:24-cv-10987", "turned down"]),
]


def new_sender() -> str:
    return f"test-{uuid.uuid4().hex[:12]}"


@pytest.mark.parametrize(("question", "facts"), QUESTIONS_AND_FACTS)
def test_unseen_question_gets_the_fact(assistant, question: str, facts: list[str]) -> None:
    reply = assistant.say_text(new_sender(), question)
    for fact in facts:
        assert fact in reply, f"{question!r} -> {reply!r}"


def test_walkthrough_steps_forward_back_and_repeat(assistant) -> None:
    sender = new_sender()
    first = assistant.say_text(sender, "can you take me through the process one step at a time")
    assert "step 1 of" in first
    assert "step 2 of" in assistant.say_text(sender, "next")
    assert "step 3 of" in assistant.say_text(sender, "next")
    assert "step 2 of" in assistant.say_text(sender, "back")
    assert "step 2 of" in assistant.say_text(sender, "repeat")


def test_legal_advice_is_refused(assistant) -> None:
    reply = assistant.say_text(new_sender(), "do you think the judge is going to rule for me")
    assert "legal advice" in reply


def test_secret_is_never_echoed_or_kept(assistant) -> None:
    sender = new_sender()
    reply = assistant.say_text(sender, "here is my card 4111 1111 1111 1111 to pay the fee")
    assert "4111" not in reply
    assert "password" in reply or "card" in reply
    assert "4111" not in str(assistant.tracker(sender))


def test_two_misses_offer_a_person(assistant) -> None:
    sender = new_sender()
    assistant.say_text(sender, "what's the best pizza place in worcester")
    second = assistant.say_text(sender, "who won the baseball game last night")
    assert "pacer service center" in second
