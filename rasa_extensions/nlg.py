"""The assistant's responses in the filer's language: Rasa's templated NLG, per language.

Named in endpoints.yml (`nlg: type: rasa_extensions.nlg.LocalizedNLG`); Rasa builds it with the
endpoint config and the domain (rasa/core/nlg/generator.py). English comes from domain.yml; each
other language from `locales/<lang>/responses.yml` (`bot.i18n.responses`), picked by the
tracker's `language` slot. Staff mode (slot `staff_mode` true) stays English. A response a
language lacks falls back to English: the completeness test (tests/unit/test_locales.py) makes
that a defect.
"""

from __future__ import annotations

from typing import Any

from rasa.core.nlg.response import TemplatedNaturalLanguageGenerator
from rasa.shared.core.domain import Domain
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.utils.endpoints import EndpointConfig

from bot import i18n

LANGUAGE_SLOT = "language"
STAFF_SLOT = "staff_mode"


def response_language(filled_slots: dict[str, Any]) -> str:
    """The language to answer in: the `language` slot, but English in staff mode."""
    language = filled_slots.get(LANGUAGE_SLOT)
    if filled_slots.get(STAFF_SLOT) or not i18n.is_supported(language):
        return i18n.ENGLISH
    return str(language)


class LocalizedNLG(TemplatedNaturalLanguageGenerator):
    """Picks the response variation in the conversation's language (English in staff mode)."""

    def __init__(self, endpoint_config: EndpointConfig | None = None, domain: Domain | None = None) -> None:
        super().__init__(domain.responses if domain else {})
        self.translated = {
            language: TemplatedNaturalLanguageGenerator(i18n.responses(language))
            for language in i18n.languages()
            if language != i18n.ENGLISH
        }

    async def generate(
        self,
        utter_action: str,
        tracker: DialogueStateTracker,
        output_channel: str,
        **kwargs: Any,
    ) -> dict[str, Any] | None:
        filled_slots = tracker.current_slot_values()
        return self.generate_from_slots(utter_action, filled_slots, output_channel, **kwargs)

    def generate_from_slots(
        self,
        utter_action: str,
        filled_slots: dict[str, Any],
        output_channel: str,
        **kwargs: Any,
    ) -> dict[str, Any] | None:
        generator = self.translated.get(response_language(filled_slots))
        if generator is not None:
            response = generator.generate_from_slots(
                utter_action, filled_slots, output_channel, **kwargs
            )
            if response is not None:
                return response
        return super().generate_from_slots(utter_action, filled_slots, output_channel, **kwargs)
