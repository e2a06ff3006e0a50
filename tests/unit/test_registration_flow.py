"""Tests for bot/registration_flow.py: which questions the form asks and what each answer does."""

from __future__ import annotations

import pytest
from sample_registration import ANSWERS, REVIEW_LINES

from bot.answers import ACH_NOT_FOR_ADMISSION
from bot.case_number import BANKRUPTCY_WARNING, NO_CASE_NUMBER
from bot.registration_flow import (
    EXPLAIN_AFTER,
    OFFER_STOP_AFTER,
    Outcome,
    Reply,
    check_answer,
    count_failures,
    required_slots,
    review_message,
)
from bot.sensitive import SENSITIVE_REFUSAL

PERSONAL = [
    "first_name",
    "middle_name",
    "last_name",
    "email",
    "phone",
    "street_address",
    "city",
    "state",
    "zip_code",
    "most_recent_case",
]
PAYMENT = ["pacer_fees_method", "efiling_fees_method", "admission_fees_method"]


# ---------------------------------------------------------------------------
# required_slots
# ---------------------------------------------------------------------------


def test_before_payment_answer_the_payment_methods_are_not_asked():
    assert required_slots({}) == [
        *PERSONAL,
        "set_payment_defaults",
        "terms_accepted",
        "confirmed",
    ]


def test_yes_to_payment_defaults_asks_all_three_methods_in_order():
    assert required_slots({"set_payment_defaults": True}) == [
        *PERSONAL,
        "set_payment_defaults",
        *PAYMENT,
        "terms_accepted",
        "confirmed",
    ]


def test_no_to_payment_defaults_skips_the_methods():
    slots = required_slots({"set_payment_defaults": False})
    assert not set(PAYMENT) & set(slots)
    assert slots.index("terms_accepted") == slots.index("set_payment_defaults") + 1


@pytest.mark.parametrize("value", ["yes", 1, "True"])
def test_only_a_real_true_turns_on_payment_methods(value):
    assert "pacer_fees_method" not in required_slots({"set_payment_defaults": value})


def test_no_to_the_terms_drops_the_review():
    assert required_slots({"terms_accepted": False})[-1] == "terms_accepted"
    assert "confirmed" not in required_slots({"terms_accepted": False})


def test_yes_or_unanswered_terms_keep_the_review():
    assert required_slots({"terms_accepted": True})[-1] == "confirmed"
    assert required_slots({"terms_accepted": None})[-1] == "confirmed"


# ---------------------------------------------------------------------------
# check_answer: one good and one bad answer for every slot
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("slot", "typed", "kept"),
    [
        ("first_name", "jane", "Jane"),
        ("first_name", "My name is Maria", "Maria"),
        ("middle_name", "none", ""),
        ("middle_name", "q", "Q"),
        ("last_name", "DOE", "Doe"),
        ("last_name", "O'Brien-Smith", "O'Brien-Smith"),
        ("email", "My email is Jane.Doe@Example.com ", "Jane.Doe@example.com"),
        ("phone", "(617) 555 0123", "617-555-0123"),
        ("phone", "617.555.0123 x12", "617-555-0123 ext. 12"),
        ("street_address", "  1 Courthouse Way ", "1 Courthouse Way"),
        ("city", "boston", "Boston"),
        ("state", "Massachusetts", "MA"),
        ("state", "ma", "MA"),
        ("zip_code", "02210", "02210"),
        ("zip_code", "02210 1234", "02210-1234"),
        ("most_recent_case", "No. 24 CV 12345 (ABC)", "24-cv-12345-ABC"),
        ("most_recent_case", "1:24-cv-987", "1:24-cv-00987"),
        ("set_payment_defaults", "yes please", True),
        ("pacer_fees_method", "ach", "ach"),
        ("pacer_fees_method", "my visa", "credit_card"),
        ("efiling_fees_method", "bank account", "ach"),
        ("efiling_fees_method", "none for now", "none"),
        ("admission_fees_method", "credit card", "credit_card"),
        ("admission_fees_method", "skip", "none"),
        ("terms_accepted", "I agree", True),
        ("terms_accepted", "no", False),
    ],
)
def test_good_answer_is_kept_cleaned(slot, typed, kept):
    outcome = check_answer(slot, typed)
    assert outcome == Outcome({slot: kept})
    assert outcome.failed is False


def test_no_payment_defaults_forgets_any_payment_method():
    outcome = check_answer("set_payment_defaults", "no")
    assert outcome == Outcome(
        {
            "set_payment_defaults": False,
            "pacer_fees_method": None,
            "efiling_fees_method": None,
            "admission_fees_method": None,
        }
    )


@pytest.mark.parametrize(
    ("slot", "typed", "message_part"),
    [
        ("first_name", "", "I need your name"),
        ("first_name", "J4ne", "A name can only have letters"),
        ("middle_name", "x" * 60, "That name is too long"),
        ("last_name", "skip", "I need your name"),
        ("email", "jane at example", "That doesn't look like an email"),
        ("email", "a@b.com or c@d.com", "I see more than one email"),
        ("phone", "555-0123", "Please add your 3-digit area code"),
        ("phone", "call me", "I need a phone number with 10 digits"),
        ("street_address", "12345", "An address needs a street name"),
        ("city", "Boston 02210", "A city name can only have letters"),
        ("state", "Atlantis", "I could not find that state"),
        ("zip_code", "2210", "A ZIP code has 5 digits. Massachusetts"),
        ("most_recent_case", "banana", "Sorry, I could not read that case number"),
        ("set_payment_defaults", "maybe", "Sorry, I did not understand"),
        ("pacer_fees_method", "bitcoin", "Please pick one: Credit card"),
        ("efiling_fees_method", "whatever", "Please pick one: Credit card"),
        ("terms_accepted", "hmm", "Sorry, I did not understand"),
    ],
)
def test_bad_answer_is_refused_with_a_message(slot, typed, message_part):
    outcome = check_answer(slot, typed)
    assert outcome.failed is True
    assert outcome.updates == {slot: None}
    assert len(outcome.replies) == 1
    assert outcome.replies[0].response is None
    assert message_part in outcome.replies[0].text


@pytest.mark.parametrize("typed", ["ach", "ACH please", "bank account", "my checking"])
def test_ach_is_refused_for_admission_fees(typed):
    assert check_answer("admission_fees_method", typed) == Outcome(
        {"admission_fees_method": None}, (Reply(text=ACH_NOT_FOR_ADMISSION),), failed=True
    )


@pytest.mark.parametrize("slot", ["pacer_fees_method", "efiling_fees_method"])
def test_ach_is_fine_for_pacer_and_efiling_fees(slot):
    assert check_answer(slot, "ACH") == Outcome({slot: "ach"})


def test_bankruptcy_case_is_kept_with_a_warning():
    assert check_answer("most_recent_case", "1:24-BK-12") == Outcome(
        {"most_recent_case": "1:24-bk-00012"}, (Reply(text=BANKRUPTCY_WARNING),)
    )


def test_bankruptcy_case_typed_in_its_canonical_form_is_warned_about_too():
    assert check_answer("most_recent_case", "1:24-bk-12345") == Outcome(
        {"most_recent_case": "1:24-bk-12345"}, (Reply(text=BANKRUPTCY_WARNING),)
    )


def test_a_kept_answer_checked_again_says_no_warning_again():
    assert check_answer("most_recent_case", "1:24-bk-12345", typed_now=False) == Outcome(
        {"most_recent_case": "1:24-bk-12345"}
    )


@pytest.mark.parametrize("typed", ["I don't have one", "none", "n/a"])
def test_no_case_number_is_refused(typed):
    assert check_answer("most_recent_case", typed) == Outcome(
        {"most_recent_case": None}, (Reply(text=NO_CASE_NUMBER),), failed=True
    )


@pytest.mark.parametrize(
    ("slot", "typed"),
    [
        ("email", "my card is 4111 1111 1111 1111"),
        ("phone", "my ssn is 123-45-6789"),
        ("first_name", "my password is hunter22"),
        ("pacer_fees_method", "card 4111111111111111"),
        ("first_name", "[card number removed]"),
        ("street_address", "1 Main St [SSN removed]"),
        ("confirmed", "yes [password removed]"),
    ],
)
def test_secret_or_masked_secret_is_refused_and_not_kept(slot, typed):
    outcome = check_answer(slot, typed)
    assert outcome == Outcome({slot: None}, (Reply(text=SENSITIVE_REFUSAL),), failed=True)


def test_missing_value_is_treated_as_empty_text():
    outcome = check_answer("first_name", None)
    assert outcome.updates == {"first_name": None}
    assert outcome.failed is True


def test_unknown_slot_is_a_programming_error():
    with pytest.raises(KeyError):
        check_answer("favourite_colour", "blue")


# ---------------------------------------------------------------------------
# check_answer at the review ("confirmed")
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("typed", ["yes", "Yes, all correct", "looks good", "that is correct"])
def test_yes_at_the_review_confirms(typed):
    assert check_answer("confirmed", typed) == Outcome({"confirmed": True})


@pytest.mark.parametrize(
    ("typed", "slot", "label"),
    [
        ("change my email", "email", "email"),
        ("fix my last name", "last_name", "last name"),
        ("the zip code is wrong", "zip_code", "zip code"),
        ("change my phone number", "phone", "phone"),
        ("wrong case number", "most_recent_case", "most recent case"),
    ],
)
def test_naming_a_field_at_the_review_clears_only_it(typed, slot, label):
    assert check_answer("confirmed", typed) == Outcome(
        {slot: None, "confirmed": None}, (Reply(text=f"OK, let's fix your {label}."),)
    )


@pytest.mark.parametrize(
    ("typed", "slot", "label"),
    [
        ("change the admission fees", "admission_fees_method", "admission fees"),
        ("wrong e-filing fees", "efiling_fees_method", "e-filing fees"),
        ("fix autobill", "pacer_fees_method", "autobill pacer fees"),
    ],
)
def test_naming_one_fee_also_asks_payment_defaults_again(typed, slot, label):
    assert check_answer("confirmed", typed) == Outcome(
        {slot: None, "confirmed": None, "set_payment_defaults": None},
        (Reply(text=f"OK, let's fix your {label}."),),
    )


@pytest.mark.parametrize("slot", ["set_payment_defaults", "terms_accepted", "confirmed"])
@pytest.mark.parametrize("value", [True, False])
def test_kept_yes_no_answers_pass_unchanged(slot, value):
    assert check_answer(slot, value) == Outcome({slot: value})


@pytest.mark.parametrize(
    ("slot", "value"),
    [
        ("first_name", "Jane"),
        ("middle_name", ""),
        ("email", "jane.doe@example.com"),
        ("phone", "617-555-0123 ext. 12"),
        ("street_address", "1 Courthouse Way"),
        ("city", "Boston"),
        ("state", "MA"),
        ("zip_code", "02210-1234"),
        ("most_recent_case", "1:24-cv-12345-ABC"),
        ("pacer_fees_method", "credit_card"),
        ("efiling_fees_method", "ach"),
        ("admission_fees_method", "none"),
    ],
)
def test_kept_answers_pass_a_second_check_unchanged(slot, value):
    assert check_answer(slot, value) == Outcome({slot: value})


def test_changing_payment_clears_the_whole_payment_section():
    assert check_answer("confirmed", "change my payment") == Outcome(
        {
            "set_payment_defaults": None,
            "pacer_fees_method": None,
            "efiling_fees_method": None,
            "admission_fees_method": None,
            "confirmed": None,
        },
        (Reply(text="OK, let's go over payment again."),),
    )


def test_no_at_the_review_asks_what_to_change():
    assert check_answer("confirmed", "no") == Outcome(
        {"confirmed": None}, (Reply(response="utter_ask_what_to_change"),)
    )


def test_gibberish_at_the_review_is_a_miss():
    outcome = check_answer("confirmed", "purple")
    assert outcome.failed is True
    assert outcome.updates == {"confirmed": None}
    assert len(outcome.replies) == 1
    assert "yes or no" in outcome.replies[0].text


# ---------------------------------------------------------------------------
# count_failures
# ---------------------------------------------------------------------------


def test_thresholds_match_the_financial_demo_pattern():
    assert (EXPLAIN_AFTER, OFFER_STOP_AFTER) == (2, 3)


def test_first_miss_is_counted_without_help():
    assert count_failures(None, "email", True) == ({"email": 1}, ())


def test_second_miss_explains_the_question():
    assert count_failures({"email": 1}, "email", True) == (
        {"email": 2},
        (Reply(response="utter_explain_email"),),
    )


def test_third_and_later_misses_offer_to_stop():
    assert count_failures({"email": 2}, "email", True) == (
        {"email": 3},
        (Reply(response="utter_offer_stop"),),
    )
    assert count_failures({"email": 3}, "email", True) == (
        {"email": 4},
        (Reply(response="utter_offer_stop"),),
    )


def test_success_resets_only_that_slot():
    assert count_failures({"email": 2, "phone": 1}, "email", False) == ({"phone": 1}, ())


def test_misses_on_other_slots_are_counted_separately():
    assert count_failures({"email": 1}, "phone", True) == ({"email": 1, "phone": 1}, ())


def test_count_failures_does_not_change_its_input():
    before = {"email": 1}
    count_failures(before, "email", True)
    assert before == {"email": 1}


# ---------------------------------------------------------------------------
# review_message
# ---------------------------------------------------------------------------


def test_review_reads_back_every_answer_in_order():
    message = review_message(ANSWERS)
    lines = message.split("\n")
    assert lines[0] == "Please check your answers:"
    assert lines[1:-1] == REVIEW_LINES
    assert lines[-1] == (
        'Is all of this right? Say "yes", or tell me what to change, like "change my email".'
    )


def test_review_without_payment_defaults_says_so_once():
    message = review_message({**ANSWERS, "set_payment_defaults": False})
    assert message.count("Payment defaults: not set") == 1
    assert "Autobill PACER fees" not in message
