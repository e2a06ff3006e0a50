"""rasa_extensions/nlg.py: the response in the tracker's language; English in staff mode."""

from __future__ import annotations

import pytest
from rasa.core.nlg.generator import NaturalLanguageGenerator
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import SlotSet
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.utils.endpoints import EndpointConfig

from bot import i18n
from ops.stack import ROOT
from rasa_extensions.nlg import LocalizedNLG

DOMAIN = Domain.load(str(ROOT / "domain.yml"))


@pytest.fixture(scope="module")
def nlg() -> NaturalLanguageGenerator:
    """Built the way Rasa builds it from endpoints.yml's `nlg: type:`."""
    config = EndpointConfig(type="rasa_extensions.nlg.LocalizedNLG")
    return NaturalLanguageGenerator.create(config, DOMAIN)


def tracker(**slots) -> DialogueStateTracker:
    return DialogueStateTracker.from_events("t", [SlotSet(k, v) for k, v in slots.items()], DOMAIN.slots)


def test_rasa_builds_ours_from_the_endpoint_config(nlg):
    assert isinstance(nlg, LocalizedNLG)


@pytest.mark.parametrize("language", [code for code in i18n.languages() if code != "en"])
async def test_the_response_is_in_the_trackers_language(nlg, language):
    response = await nlg.generate("utter_ask_first_name", tracker(language=language), "rest")
    assert response["text"] == i18n.responses(language)["utter_ask_first_name"][0]["text"]


async def test_buttons_keep_their_payloads_with_translated_titles(nlg):
    response = await nlg.generate("utter_ask_middle_name", tracker(language="es"), "rest")
    assert response["buttons"] == [{"title": "No tengo", "payload": "none"}]


async def test_slots_are_filled_in_the_translation(nlg):
    response = await nlg.generate(
        "utter_registration_intro", tracker(language="es"), "rest", retention_days=30
    )
    assert "después de 30 días" in response["text"]


@pytest.mark.parametrize("language", [None, "en"])
async def test_english_without_a_language_or_in_english(nlg, language):
    response = await nlg.generate("utter_ask_first_name", tracker(language=language), "rest")
    assert response["text"] == "What is your first name?"


async def test_staff_mode_stays_english(nlg):
    staff = tracker(language="es", staff_mode=True)
    response = await nlg.generate("utter_ask_first_name", staff, "rest")
    assert response["text"] == "Step 6 (Fill in your details): What is the caller's First Name?"


async def test_a_response_a_language_lacks_falls_back_to_english(nlg):
    nlg.translated["es"].responses = {}  # this module's own generator: no Spanish at all
    try:
        response = await nlg.generate("utter_ask_first_name", tracker(language="es"), "rest")
    finally:
        nlg.translated["es"].responses = i18n.responses("es")
    assert response["text"] == "What is your first name?"
