"""The language slot (actions/slot_mappings.py) and texts built in Python in the filer's language
(actions/replies.py and the actions that use it), with real rasa-sdk objects."""

from __future__ import annotations

from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from trackers import DOMAIN, form_tracker, make_tracker

from actions.registration_form import ActionAskConfirmed, ValidateRegistrationForm
from actions.slot_mappings import ValidateSlotMappings
from actions.walkthrough import ActionWalkthrough
from bot.i18n import unsupported_reply
from bot.walkthrough import render_step

FRENCH = "Bonjour, je voudrais de l'aide pour m'inscrire au tribunal"


async def slot_events(tracker, dispatcher=None):
    events = await ValidateSlotMappings().run(dispatcher or CollectingDispatcher(), tracker, DOMAIN)
    return [event for event in events if event.get("name") == "language"]


async def test_the_pickers_metadata_sets_the_language():
    tracker = make_tracker(text="hola", intent="greet")
    tracker.latest_message["metadata"] = {"language": "pt"}
    assert await slot_events(tracker) == [SlotSet("language", "pt")]


async def test_a_language_name_switches_even_mid_form():
    tracker = make_tracker({"language": "es", "requested_slot": "email"}, text="in English please",
                           intent="switch_language", active_loop={"name": "registration_form"})  # fmt: skip
    assert await slot_events(tracker) == [SlotSet("language", "en")]


async def test_the_first_spanish_message_sets_spanish():
    tracker = make_tracker(text="Quiero registrarme para presentar documentos en línea", intent="start_registration")
    assert await slot_events(tracker) == [SlotSet("language", "es")]


async def test_a_set_language_is_not_changed_by_detection():
    tracker = make_tracker({"language": "en"}, text="Quiero registrarme para presentar documentos", intent="start_registration")
    assert await slot_events(tracker) == []


async def test_a_language_we_do_not_speak_gets_one_reply_once():
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(text=FRENCH, intent="nlu_fallback")
    assert await slot_events(tracker, dispatcher) == []
    assert [message["text"] for message in dispatcher.messages] == [unsupported_reply("fr")]
    again = CollectingDispatcher()
    tracker.events.append({"event": "bot", "text": unsupported_reply("fr")})
    await slot_events(tracker, again)
    assert again.messages == []


async def test_a_refusal_is_in_the_filers_language():
    dispatcher = CollectingDispatcher()
    tracker = form_tracker({"language": "es", "first_name": "Ana", "middle_name": "", "last_name": "Ruiz"}, "email", "no tengo")
    await ValidateRegistrationForm().run(dispatcher, tracker, DOMAIN)
    assert dispatcher.messages[0]["text"].startswith("PACER necesita un correo electrónico")


async def test_staff_mode_stays_english():
    dispatcher = CollectingDispatcher()
    tracker = make_tracker({"language": "es", "staff_mode": True}, text="siguiente", intent="walkthrough_start")
    await ActionWalkthrough().run(dispatcher, tracker, DOMAIN)
    assert dispatcher.messages[0]["text"] == render_step(1)
    assert [button["title"] for button in dispatcher.messages[0]["buttons"]] == ["Next", "Back", "Repeat"]


async def test_the_walkthrough_and_its_buttons_in_spanish():
    dispatcher = CollectingDispatcher()
    tracker = make_tracker({"language": "es"}, text="guíeme paso a paso", intent="walkthrough_start")
    await ActionWalkthrough().run(dispatcher, tracker, DOMAIN)
    message = dispatcher.messages[0]
    assert message["text"].startswith("Paso 1 de 10: Revise su cuenta de PACER. Primero,")
    assert message["buttons"] == [
        {"title": "Siguiente", "payload": "/walkthrough_next"},
        {"title": "Atrás", "payload": "/walkthrough_back"},
        {"title": "Repetir", "payload": "/walkthrough_repeat"},
    ]


async def test_the_review_in_spanish_keeps_the_answers_as_given():
    dispatcher = CollectingDispatcher()
    tracker = make_tracker({"language": "es", "first_name": "José", "state": "MA", "terms_accepted": True})
    await ActionAskConfirmed().run(dispatcher, tracker, DOMAIN)
    text = dispatcher.messages[0]["text"]
    assert text.splitlines() == [
        "Por favor, revise sus respuestas:",
        "Nombre: José",
        '"State" (Estado): MA',
        "Va a marcar las casillas de las reglas de uso: Sí",
        '¿Está todo bien? Diga "sí", o dígame qué cambiar, por ejemplo, "cambiar mi correo".',
    ]
    assert [button["payload"] for button in dispatcher.messages[0]["buttons"]] == ["yes", "no"]
