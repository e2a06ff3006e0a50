"""The assistant in Spanish over HTTP with the real servers: the first message's language, a whole
registration with refusals, a question, a switch to English and back mid-form and a correction,
the summary in Spanish with PACER's English labels beside; the picker's metadata; a language the
assistant does not speak."""

from __future__ import annotations

import json
import uuid

from assistant_replies import submission_of

from bot.i18n import unsupported_reply


def new_sender() -> str:
    return f"es-{uuid.uuid4().hex[:12]}"


def test_a_whole_registration_in_spanish(assistant) -> None:
    sender = new_sender()
    say = lambda text: assistant.say_text(sender, text)  # noqa: E731

    reply = say("Hola, quiero registrarme para presentar documentos en línea")
    assert "¿cuál es su nombre?" in reply and "pacer" in reply
    assert "segundo nombre" in say("me llamo María")
    assert "apellido" in say("no tengo segundo nombre")
    # A question mid-form is answered in Spanish, and the question comes back.
    reply = say("¿qué es ACH?")
    assert "cuenta de banco" in reply and "apellido" in reply
    # A switch to English and back keeps the answers; the form asks again in each language.
    assert "last name" in say("English please")
    assert "apellido" in say("en español por favor")
    assert "correo electrónico" in say("mi apellido es López")
    # A refusal is in Spanish and the question comes back.
    assert "pacer necesita un correo electrónico" in say("no tengo")
    assert "teléfono" in say("mi correo es maria.lopez@example.com")
    assert "dirección" in say("mi teléfono es 617 555 0100")
    assert "ciudad" in say("vivo en 12 Main St Apt 4")
    assert "estado" in say("Lawrence")
    assert "código postal" in say("Massachusetts")
    assert "número de caso" in say("01841")
    assert "formas de pago" in say("1:24-cv-10987")
    assert "autobill pacer fees" in say("sí")
    assert "e-filing fees" in say("tarjeta de crédito")
    assert "admission fees" in say("cuenta bancaria")
    reply = say("ACH")
    assert "no acepta ach" in reply and "admission fees" in reply
    assert "terms of use" in say("ninguna por ahora")
    review = say("sí, lo haré")
    assert "revise sus respuestas" in review
    assert "nombre: maría" in review and "apellido: lópez" in review
    assert "correo electrónico" in say("cambiar mi correo")
    review = say("maria@example.org")
    assert "maria@example.org" in review
    messages = assistant.say(sender, "sí, todo correcto")

    payload = submission_of(messages)
    # The payload stays language-neutral: canonical values, as in English.
    assert payload["first_name"] == "María" and payload["last_name"] == "López"
    assert payload["email"] == "maria@example.org"
    assert payload["middle_name"] == ""
    assert payload["state"] == "MA"
    assert payload["pacer_fees_method"] == "credit_card"
    assert payload["efiling_fees_method"] == "ach"
    assert payload["admission_fees_method"] == "none"
    summary = "\n".join(m.get("text", "") for m in messages)
    assert f"Su código de referencia: {payload['reference']}." in summary
    assert '"First Name" (Nombre): María' in summary
    assert '"Most Recent Case" (Caso más reciente): 1:24-cv-10987' in summary
    assert '"Role in Court" (Su papel en el caso): "Party" (Parte)' in summary


def test_the_pickers_metadata_answers_in_portuguese_and_english(assistant) -> None:
    sender = new_sender()
    body = {"sender": sender, "message": "/greet", "metadata": {"language": "pt"}}
    reply = assistant.post_chat(json.dumps(body).encode())
    assert reply.status == 200
    texts = " ".join(m.get("text", "") for m in reply.json())
    assert "Olá" in texts or "Oi" in texts
    body = {"sender": sender, "message": "/switch_language", "metadata": {"language": "en"}}
    texts = " ".join(m.get("text", "") for m in assistant.post_chat(json.dumps(body).encode()).json())
    assert texts == "OK, I will answer in English."


def test_a_language_we_do_not_speak_gets_one_reply(assistant) -> None:
    sender = new_sender()
    texts = [m.get("text", "") for m in assistant.say(sender, "Bonjour, je voudrais de l'aide pour m'inscrire au tribunal")]
    assert "\n\n".join(texts[:2]) == unsupported_reply("fr")  # the channel splits at blank lines
    again = [m.get("text", "") for m in assistant.say(sender, "Merci beaucoup, je ne parle pas anglais du tout")]
    assert not any(text.startswith("Sorry, I only speak English") for text in again)


def test_an_english_conversation_stays_english(assistant) -> None:
    sender = new_sender()
    assert "first name" in assistant.say_text(sender, "please register me for e-filing")
    assert "middle name" in assistant.say_text(sender, "Jose Luis")
