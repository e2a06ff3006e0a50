"""What to say when the assistant is not sure what a message means.

First ask: offer the likeliest meanings as buttons ("Did you mean ...?"). If a message that
was not understood looks like an answer to the registration form, offer the form instead.
After two misses in a row, say what the assistant can do and offer a person.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from bot.answers import InvalidAnswer
from bot.case_number import parse_case_number
from bot.topics import NONE_OF_THESE_INTENT, NONE_OF_THESE_LABEL, TOPIC_LABELS

MISSED_INTENTS = frozenset({"nlu_fallback", "out_of_scope"})
# Yes/no questions asked again (after "Please answer yes or no") when the reply was neither.
REASKED_QUESTIONS = frozenset({"utter_ask_confirm_stop", "action_offer_form"})
OFFER_PERSON_AFTER = 2
# At most this many meanings are offered, each at least this likely.
CLARIFY_CHOICES = 3
CLARIFY_MIN_CONFIDENCE = 0.08

_EMAIL = re.compile(r"^\S+@\S+\.\w+$")
_PHONE = re.compile(r"^\+?1?[\s.()-]*(?:\d[\s.()-]*){10}$")


@dataclass(frozen=True)
class Choice:
    """One button: what it says, and the intent it sends."""

    label: str
    intent: str

    @property
    def payload(self) -> str:
        return f"/{self.intent}"


def misses_in_a_row(intents: Sequence[str | None]) -> int:
    """How many of the latest user messages (oldest first) in a row were not understood."""
    count = 0
    for intent in reversed(intents):
        if intent not in MISSED_INTENTS:
            break
        count += 1
    return count


def clarify_choices(ranking: Sequence[Mapping[str, object]]) -> list[Choice]:
    """The likeliest meanings of a message that was not understood, as buttons.

    `ranking` is the NLU's intent ranking, likeliest first. Returns no choice when no
    meaning is likely enough to offer; otherwise up to `CLARIFY_CHOICES` and "Something else".
    """
    offered = [
        Choice(TOPIC_LABELS[str(item["name"])], str(item["name"]))
        for item in ranking
        if str(item.get("name")) in TOPIC_LABELS
        and float(item.get("confidence") or 0.0) >= CLARIFY_MIN_CONFIDENCE  # type: ignore[arg-type]
    ][:CLARIFY_CHOICES]
    if not offered:
        return []
    return [*offered, Choice(NONE_OF_THESE_LABEL, NONE_OF_THESE_INTENT)]


def looks_like_form_answer(text: str) -> bool:
    """Whether a short message looks like an answer to the form: an email, a phone, a case number."""
    words = text.strip()
    if not words or len(words.split()) > 6:
        return False
    if _EMAIL.match(words) or _PHONE.match(words):
        return True
    try:
        parse_case_number(words)
    except InvalidAnswer:
        return False
    return True


def fallback_response(intents: Sequence[str | None]) -> str:
    """The response for this miss, given the intents of the user's messages so far."""
    if max(1, misses_in_a_row(intents)) >= OFFER_PERSON_AFTER:
        return "utter_fallback_offer_person"
    if intents and intents[-1] == "out_of_scope":
        return "utter_out_of_scope"
    return "utter_fallback_first"
