"""An NLU step that never reads a random word as "yes" or "no".

A statistical classifier puts every message in some intent, so a short string like "qwe" can
come out as `affirm` with high confidence, and "yes" after "Do you want to stop?" deletes the
filer's answers. This step, placed after the `FallbackClassifier`, keeps `affirm` and `deny`
for a short message (up to `CHECKED_WORDS` words) only when `bot.answers.is_clear_yes_no` reads
it as a plain yes or no (buttons send their intent directly and never reach it); any other
short one becomes `nlu_fallback`, which the assistant answers by asking again. A longer message
("everything on that list checks out") is a sentence, not a random string: it keeps its intent.
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

YES_NO_INTENTS = frozenset({"affirm", "deny"})
CHECKED_WORDS = 2


def guard(parse: dict[str, Any]) -> dict[str, Any] | None:
    """The fallback intent for a short parse read as yes/no that is not plainly one, else None."""
    intent = parse.get(INTENT) or {}
    text = parse.get(TEXT) or ""
    if intent.get("name") not in YES_NO_INTENTS or len(text.split()) > CHECKED_WORDS:
        return None
    if is_clear_yes_no(text):
        return None
    return {"name": DEFAULT_NLU_FALLBACK_INTENT_NAME, "confidence": intent.get("confidence", 0.0)}


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class YesNoGuard(GraphComponent):
    """Turns an `affirm` / `deny` that is not a plain yes or no into `nlu_fallback`."""

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
    ) -> YesNoGuard:
        return cls()

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            fallback = guard({TEXT: message.get(TEXT), INTENT: message.get(INTENT)})
            if fallback:
                ranking = message.get(INTENT_RANKING_KEY) or []
                message.set(INTENT, fallback, add_to_output=True)
                message.set(INTENT_RANKING_KEY, [fallback, *ranking], add_to_output=True)
        return messages
