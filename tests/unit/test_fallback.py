"""Tests for bot/fallback.py: help after the first miss, a person after two in a row."""

from __future__ import annotations

import pytest

from bot.fallback import MISSED_INTENTS, OFFER_PERSON_AFTER, fallback_response, misses_in_a_row


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
