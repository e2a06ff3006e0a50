"""The assistant in Portuguese over HTTP with the real servers (issue 12): the first message's
language is detected, answers and form questions come in Portuguese, a question mid-form is
answered and the form goes on, a refusal is in Portuguese, and a switch to English keeps the
answers."""

from __future__ import annotations

import uuid

from assistant_replies import filer_text

from bot.answers import InvalidAnswer, clean_email
from bot.i18n import translate


def not_an_email(text: str) -> str:
    """The English refusal of `text` as an email."""
    try:
        clean_email(text)
    except InvalidAnswer as refusal:
        return refusal.message
    raise AssertionError(f"{text!r} was taken as an email")


def test_a_start_in_portuguese_with_a_question_a_refusal_and_a_switch(assistant) -> None:
    sender = f"pt-{uuid.uuid4().hex[:12]}"
    texts = lambda message: [m.get("text", "") for m in assistant.say(sender, message)]  # noqa: E731

    replies = texts("Olá, quero me cadastrar para enviar documentos pela internet")
    assert replies[-1] == filer_text("utter_ask_first_name", "pt")
    assert assistant.tracker(sender)["slots"]["language"] == "pt"
    assert texts("Ana Paula")[-1] == filer_text("utter_ask_middle_name", "pt")
    # A question mid-form is answered in Portuguese, and the same question comes back.
    assert texts("o que é ACH?") == [filer_text("utter_ask_what_is_ach", "pt"), filer_text("utter_ask_middle_name", "pt")]
    assert texts("não tenho nome do meio")[-1] == filer_text("utter_ask_last_name", "pt")
    assert texts("Souza")[-1] == filer_text("utter_ask_email", "pt")
    # A bad email is refused in Portuguese (not in English), and asked again.
    refusal = texts("meu e-mail é ana.souza")
    assert refusal == [translate(not_an_email("ana.souza"), "pt"), filer_text("utter_ask_email", "pt")]
    assert refusal[0] != not_an_email("ana.souza")
    # Switching to English keeps the answers: the form asks for the email again, in English.
    assert "email" in " ".join(texts("English please")).lower()
    slots = assistant.tracker(sender)["slots"]
    assert (slots["language"], slots["first_name"], slots["last_name"]) == ("en", "Ana Paula", "Souza")
