"""NLU steps after the classifier that correct two readings a statistical classifier gets wrong.

- A random word is never "yes" or "no". A classifier puts every message in some intent, so a
  short string like "qwe" can come out as `affirm` with high confidence, and "yes" after "Do you
  want to stop?" deletes the filer's answers. A short message (up to `CHECKED_WORDS` words) keeps
  `affirm` or `deny` only when `bot.answers.is_clear_yes_no` reads it as a plain yes or no
  (buttons send their intent directly and never reach this); any other short one becomes
  `nlu_fallback`, which the assistant answers by asking again. A longer message ("everything on
  that list checks out") is a sentence, not a random string: it keeps its intent.
- A message that only asks for a language ("reply in English from now on", "portuguese would be
  better for me": `bot.language.requested_language`, a language name and filler words only) is
  `switch_language` whatever the classifier read: the language slot changes on such a message
  (actions/slot_mappings.py), so the answer must be the one that says so.

Both run after the `FallbackClassifier`, so they also correct its fallback.
"""

from __future__ import annotations

from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers.fallback_classifier import FallbackClassifier
from rasa.shared.constants import DEFAULT_NLU_FALLBACK_INTENT_NAME
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.answers import is_clear_yes_no
from bot.language import requested_language

YES_NO_INTENTS = frozenset({"affirm", "deny"})
CHECKED_WORDS = 2
SWITCH_LANGUAGE = "switch_language"


def yes_no_guard(parse: dict[str, Any]) -> dict[str, Any] | None:
    """The fallback intent for a short parse read as yes/no that is not plainly one, else None."""
    intent = parse.get(INTENT) or {}
    text = parse.get(TEXT) or ""
    if intent.get("name") not in YES_NO_INTENTS or len(text.split()) > CHECKED_WORDS:
        return None
    if is_clear_yes_no(text):
        return None
    return {"name": DEFAULT_NLU_FALLBACK_INTENT_NAME, "confidence": intent.get("confidence", 0.0)}


def language_request(parse: dict[str, Any]) -> dict[str, Any] | None:
    """`switch_language` for a message that only asks for a language, unless already read so."""
    intent = parse.get(INTENT) or {}
    if intent.get("name") == SWITCH_LANGUAGE or requested_language(parse.get(TEXT) or "") is None:
        return None
    return {"name": SWITCH_LANGUAGE, "confidence": 1.0}


def guard(parse: dict[str, Any]) -> dict[str, Any] | None:
    """The intent a parse must have instead of the classifier's, or None to keep it."""
    return language_request(parse) or yes_no_guard(parse)


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class IntentGuards(GraphComponent):
    """Applies `guard` to each message: its intent, and the corrected intent first in the ranking."""

    @classmethod
    def required_components(cls) -> list[type]:
        return [FallbackClassifier]

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> IntentGuards:
        return cls()

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            corrected = guard({TEXT: message.get(TEXT), INTENT: message.get(INTENT)})
            if corrected:
                ranking = message.get(INTENT_RANKING_KEY) or []
                message.set(INTENT, corrected, add_to_output=True)
                message.set(INTENT_RANKING_KEY, [corrected, *ranking], add_to_output=True)
        return messages
