"""Tests for bot/fallback.py: ask first ("did you mean"), help after a miss, a person after two."""

from __future__ import annotations

import pytest
from trackers import DOMAIN

from bot.fallback import (
    MISSED_INTENTS,
    OFFER_PERSON_AFTER,
    clarify_choices,
    fallback_response,
    looks_like_form_answer,
    misses_in_a_row,
)
from bot.intents import FAQ_INTENTS
from bot.topics import NONE_OF_THESE_INTENT, NONE_OF_THESE_LABEL, TOPIC_LABELS


def test_missed_intents_and_threshold():
    assert {"nlu_fallback", "out_of_scope"} == MISSED_INTENTS
    assert OFFER_PERSON_AFTER == 2


@pytest.mark.parametrize(
    ("intents", "count"),
    [
        ([], 0),
        (["greet"], 0),
        (["nlu_fallback"], 1),
        (["greet", "nlu_fallback"], 1),
        (["nlu_fallback", "out_of_scope"], 2),
        (["out_of_scope", "greet", "nlu_fallback"], 1),
        (["nlu_fallback", "nlu_fallback", "nlu_fallback"], 3),
        (["nlu_fallback", "greet"], 0),
        ([None, "nlu_fallback"], 1),
    ],
)
def test_misses_in_a_row_counts_from_the_latest(intents, count):
    assert misses_in_a_row(intents) == count


def test_first_miss_gives_help():
    assert fallback_response(["greet", "nlu_fallback"]) == "utter_fallback_first"


def test_first_out_of_scope_says_it_is_off_topic():
    assert fallback_response(["greet", "out_of_scope"]) == "utter_out_of_scope"


@pytest.mark.parametrize(
    "intents",
    [
        ["nlu_fallback", "nlu_fallback"],
        ["out_of_scope", "nlu_fallback"],
        ["nlu_fallback", "out_of_scope"],
        ["greet", "out_of_scope", "out_of_scope", "out_of_scope"],
    ],
)
def test_two_misses_in_a_row_offer_a_person(intents):
    assert fallback_response(intents) == "utter_fallback_offer_person"


def test_misses_not_in_a_row_do_not_offer_a_person():
    assert fallback_response(["nlu_fallback", "greet", "nlu_fallback"]) == "utter_fallback_first"


def test_no_history_still_gives_first_help():
    assert fallback_response([]) == "utter_fallback_first"


# ---------------------------------------------------------------------------
# "Did you mean ...?" and form answers with no form running
# ---------------------------------------------------------------------------


def ranking(*pairs: tuple[str, float]) -> list[dict[str, object]]:
    return [{"name": name, "confidence": confidence} for name, confidence in pairs]


def test_clarify_offers_the_likeliest_known_meanings_then_something_else():
    choices = clarify_choices(
        ranking(
            ("nlu_fallback", 0.5),
            ("start_registration", 0.41),
            ("affirm", 0.3),
            ("walkthrough_start", 0.2),
            ("ask_where_form", 0.1),
            ("ask_fee_types", 0.09),
        )
    )
    assert [choice.intent for choice in choices] == [
        "start_registration", "walkthrough_start", "ask_where_form", NONE_OF_THESE_INTENT,
    ]
    assert [choice.payload for choice in choices][:2] == ["/start_registration", "/walkthrough_start"]
    assert choices[0].label == TOPIC_LABELS["start_registration"]
    assert choices[-1].label == NONE_OF_THESE_LABEL


def test_clarify_offers_nothing_when_no_meaning_is_likely_enough():
    assert clarify_choices(ranking(("nlu_fallback", 0.5), ("ask_fee_types", 0.05))) == []
    assert clarify_choices(ranking(("affirm", 0.9), ("inform", 0.1))) == []
    assert clarify_choices([]) == []


def test_topic_labels_are_domain_intents_and_cover_every_question():
    intents = set(DOMAIN["intents"])
    assert set(TOPIC_LABELS) <= intents
    assert set(FAQ_INTENTS) <= set(TOPIC_LABELS)
    assert {"start_registration", "walkthrough_start", "request_human"} <= set(TOPIC_LABELS)
    # Only meaningful in a context the filer is already in: never offered.
    assert not {"affirm", "deny", "inform", "walkthrough_next", "stop_form"} & set(TOPIC_LABELS)
    assert NONE_OF_THESE_INTENT in intents
    assert len(set(TOPIC_LABELS.values())) == len(TOPIC_LABELS)


@pytest.mark.parametrize(
    "text",
    ["jane.doe@example.com", "617-555-0100", "(617) 555 0100", "1:24-cv-10987",
     "1:24-bk-12345", "my case is 24-cv-10987", "24 CV 987"],
)
def test_form_answers_are_recognised(text):
    assert looks_like_form_answer(text)


@pytest.mark.parametrize(
    "text",
    ["hello", "what is ach", "123", "", "how do I link my old account",
     "I filed 24-cv-10987 last year and now I want to know how to e-file in it"],
)
def test_other_messages_are_not_form_answers(text):
    assert not looks_like_form_answer(text)
