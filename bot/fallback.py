"""What to say when the assistant did not understand: help first, then offer a person."""

from __future__ import annotations

from collections.abc import Sequence

MISSED_INTENTS = frozenset({"nlu_fallback", "out_of_scope"})
OFFER_PERSON_AFTER = 2


def misses_in_a_row(intents: Sequence[str | None]) -> int:
    """How many of the latest user messages (oldest first) in a row were not understood."""
    count = 0
    for intent in reversed(intents):
        if intent not in MISSED_INTENTS:
            break
        count += 1
    return count


def fallback_response(intents: Sequence[str | None]) -> str:
    """The response for this miss, given the intents of the user's messages so far."""
    if max(1, misses_in_a_row(intents)) >= OFFER_PERSON_AFTER:
        return "utter_fallback_offer_person"
    if intents and intents[-1] == "out_of_scope":
        return "utter_out_of_scope"
    return "utter_fallback_first"
