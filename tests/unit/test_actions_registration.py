"""Tests for actions/registration_form.py with real rasa-sdk trackers and dispatchers."""

from __future__ import annotations

import pytest
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from sample_registration import ANSWERS, REVIEW_LINES
from trackers import DOMAIN, form_tracker, make_tracker, responses, slot_events, texts

from actions.registration_form import (
    ActionAskConfirmed,
    ActionBeginRegistration,
    ActionCancelRegistration,
    ValidateRegistrationForm,
)
from bot.answers import ACH_NOT_FOR_ADMISSION
from bot.case_number import BANKRUPTCY_WARNING
from bot.fields import FORM_SLOT_ORDER
from bot.payload import build_payload
from bot.sensitive import SENSITIVE_REFUSAL

# Answers kept before each question, in form order (payment defaults "yes").
ORDER = list(FORM_SLOT_ORDER)


def answers_before(slot: str, **changes: object) -> dict[str, object]:
    kept = {name: ANSWERS[name] for name in ORDER[: ORDER.index(slot)]}
    return {**kept, **changes}


async def validate(
    slot: str,
    text: str,
    answers: dict[str, object] | None = None,
    candidates: dict[str, object] | None = None,
) -> tuple[dict[str, object], CollectingDispatcher, list[dict]]:
    dispatcher = CollectingDispatcher()
    tracker = form_tracker(
        answers_before(slot) if answers is None else answers, slot, text, candidates
    )
    events = await ValidateRegistrationForm().run(dispatcher, tracker, DOMAIN)
    return slot_events(events), dispatcher, events


# ---------------------------------------------------------------------------
# ValidateRegistrationForm
# ---------------------------------------------------------------------------


def test_validation_action_name():
    action = ValidateRegistrationForm()
    assert action.name() == "validate_registration_form"
    assert action.form_name() == "registration_form"


async def test_valid_answer_is_stored_cleaned_and_next_question_chosen():
    slots, dispatcher, _ = await validate("email", "My email is Jane.Doe@Example.com ")
    assert slots["email"] == "Jane.Doe@example.com"
    assert slots["requested_slot"] == "phone"
    assert slots["form_failures"] == {}
    assert dispatcher.messages == []


@pytest.mark.parametrize(
    ("slot", "typed", "kept", "next_slot"),
    [
        ("first_name", "jane", "Jane", "middle_name"),
        ("middle_name", "none", "", "last_name"),
        ("last_name", "DOE", "Doe", "email"),
        ("phone", "(617) 555 0123", "617-555-0123", "street_address"),
        ("street_address", "1 Courthouse Way", "1 Courthouse Way", "city"),
        ("city", "boston", "Boston", "state"),
        ("state", "massachusetts", "MA", "zip_code"),
        ("zip_code", "02210", "02210", "most_recent_case"),
        ("most_recent_case", "1:24-cv-12345-abc", "1:24-cv-12345-ABC", "set_payment_defaults"),
    ],
)
async def test_each_personal_answer_is_cleaned_and_the_form_moves_on(slot, typed, kept, next_slot):
    slots, dispatcher, _ = await validate(slot, typed)
    assert slots[slot] == kept
    assert slots["requested_slot"] == next_slot
    assert dispatcher.messages == []


async def test_invalid_answer_is_refused_kindly():
    slots, dispatcher, _ = await validate("email", "jane at example")
    assert slots["email"] is None
    assert slots["form_failures"] == {"email": 1}
    assert slots["requested_slot"] == "email"
    assert len(dispatcher.messages) == 1
    assert "@" in texts(dispatcher)[0]
    assert "name@example.com" in texts(dispatcher)[0]


async def test_second_miss_adds_the_explanation():
    answers = answers_before("email", form_failures={"email": 1})
    slots, dispatcher, _ = await validate("email", "jane at example", answers)
    assert slots["form_failures"] == {"email": 2}
    assert responses(dispatcher) == [None, "utter_explain_email"]
    assert "@" in texts(dispatcher)[0]


async def test_third_miss_offers_to_stop():
    answers = answers_before("email", form_failures={"email": 2})
    slots, dispatcher, _ = await validate("email", "jane at example", answers)
    assert slots["form_failures"] == {"email": 3}
    assert responses(dispatcher) == [None, "utter_offer_stop"]
    assert slots["email"] is None


async def test_success_resets_the_count_for_that_question_only():
    answers = answers_before("email", form_failures={"email": 2, "first_name": 1})
    slots, dispatcher, _ = await validate("email", "jane@example.com", answers)
    assert slots["email"] == "jane@example.com"
    assert slots["form_failures"] == {"first_name": 1}
    assert dispatcher.messages == []


async def test_ach_refused_for_admission_fees():
    answers = answers_before("admission_fees_method")
    slots, dispatcher, _ = await validate("admission_fees_method", "ACH", answers)
    assert slots["admission_fees_method"] is None
    assert "requested_slot" not in slots  # Rasa asks the first empty slot: this one again
    assert texts(dispatcher) == [ACH_NOT_FOR_ADMISSION]


async def test_ach_accepted_for_pacer_fees():
    slots, dispatcher, _ = await validate("pacer_fees_method", "ach")
    assert slots["pacer_fees_method"] == "ach"
    assert dispatcher.messages == []


async def test_ach_accepted_for_efiling_fees():
    slots, dispatcher, _ = await validate("efiling_fees_method", "bank account")
    assert slots["efiling_fees_method"] == "ach"
    assert dispatcher.messages == []


async def test_case_number_is_canonicalised():
    slots, dispatcher, _ = await validate("most_recent_case", "No. 24 CV 12345 (ABC)")
    assert slots["most_recent_case"] == "24-cv-12345-ABC"
    assert dispatcher.messages == []


async def test_bankruptcy_case_is_kept_with_a_warning():
    slots, dispatcher, _ = await validate("most_recent_case", "1:24-bk-12")
    assert slots["most_recent_case"] == "1:24-bk-00012"
    assert slots["requested_slot"] == "set_payment_defaults"
    assert texts(dispatcher) == [BANKRUPTCY_WARNING]


async def test_bankruptcy_case_typed_in_canonical_form_gets_the_warning():
    slots, dispatcher, _ = await validate("most_recent_case", "1:24-bk-12345")
    assert slots["most_recent_case"] == "1:24-bk-12345"
    assert texts(dispatcher) == [BANKRUPTCY_WARNING]


async def test_kept_bankruptcy_case_handed_back_when_the_form_resumes_is_not_warned_again():
    # The filer asked a question; the form starts again and Rasa hands back the kept answer.
    slots, dispatcher, _ = await validate(
        "set_payment_defaults",
        "what is ach",
        answers=answers_before("set_payment_defaults"),
        candidates={"most_recent_case": "1:24-bk-12345"},
    )
    assert slots["most_recent_case"] == "1:24-bk-12345"
    assert dispatcher.messages == []


async def test_no_case_number_is_refused():
    slots, dispatcher, _ = await validate("most_recent_case", "I don't have one")
    assert slots["most_recent_case"] is None
    assert slots["requested_slot"] == "most_recent_case"
    assert slots["form_failures"] == {"most_recent_case": 1}
    assert "most recent case" in texts(dispatcher)[0]
    assert "1:24-cv-10987" in texts(dispatcher)[0]


@pytest.mark.parametrize(
    ("slot", "typed"),
    [
        ("email", "my card is 4111 1111 1111 1111"),
        ("first_name", "[card number removed]"),
        ("phone", "my ssn is 123-45-6789"),
    ],
)
async def test_secrets_are_refused_and_not_stored(slot, typed):
    slots, dispatcher, events = await validate(slot, typed)
    assert slots[slot] is None
    assert slots["requested_slot"] == slot
    assert texts(dispatcher) == [SENSITIVE_REFUSAL]
    assert typed not in [event.get("value") for event in events]
    assert typed not in str(dispatcher.messages)


async def test_no_to_payment_defaults_skips_to_the_terms():
    slots, dispatcher, _ = await validate("set_payment_defaults", "no")
    assert slots["set_payment_defaults"] is False
    assert slots["requested_slot"] == "terms_accepted"
    assert dispatcher.messages == []


async def test_yes_to_payment_defaults_leaves_the_next_question_to_rasa():
    # With payment defaults on, the SDK's list equals the domain's, so Rasa picks the next slot.
    slots, _, _ = await validate("set_payment_defaults", "yes")
    assert slots["set_payment_defaults"] is True
    assert "requested_slot" not in slots


async def test_yes_to_terms_asks_for_the_review():
    answers = answers_before("terms_accepted", set_payment_defaults=False)
    for slot in ("pacer_fees_method", "efiling_fees_method", "admission_fees_method"):
        answers.pop(slot)
    slots, _, _ = await validate("terms_accepted", "yes", answers)
    assert slots["terms_accepted"] is True
    assert slots["requested_slot"] == "confirmed"


async def test_no_to_terms_ends_the_form_without_the_review():
    slots, dispatcher, _ = await validate("terms_accepted", "no")
    assert slots["terms_accepted"] is False
    assert slots["requested_slot"] is None
    assert "confirmed" not in slots
    assert dispatcher.messages == []


async def test_change_my_email_at_the_review_asks_the_email_again():
    answers = answers_before("confirmed", set_payment_defaults=False)
    slots, dispatcher, _ = await validate("confirmed", "change my email", answers)
    assert slots["email"] is None
    assert slots["confirmed"] is None
    assert slots["requested_slot"] == "email"
    assert texts(dispatcher) == ["OK, let's fix your email."]
    for kept in ("first_name", "last_name", "phone", "most_recent_case", "terms_accepted"):
        assert kept not in slots  # no SlotSet: the earlier answer stays


async def test_change_my_email_with_payment_defaults_clears_only_email_and_confirmed():
    slots, _, _ = await validate("confirmed", "change my email")
    assert {name: value for name, value in slots.items() if value is None} == {
        "email": None,
        "confirmed": None,
    }


async def test_change_payment_at_the_review_asks_payment_defaults_again():
    slots, _, _ = await validate("confirmed", "change my payment")
    assert slots["set_payment_defaults"] is None
    assert slots["pacer_fees_method"] is None
    assert slots["requested_slot"] == "set_payment_defaults"


async def test_yes_at_the_review_confirms_and_ends_the_form():
    answers = answers_before("confirmed", set_payment_defaults=False)
    slots, dispatcher, _ = await validate("confirmed", "yes", answers)
    assert slots["confirmed"] is True
    assert slots["requested_slot"] is None
    assert dispatcher.messages == []


async def test_no_at_the_review_asks_what_to_change():
    answers = answers_before("confirmed", set_payment_defaults=False)
    slots, dispatcher, _ = await validate("confirmed", "no", answers)
    assert slots["confirmed"] is None
    assert slots["requested_slot"] == "confirmed"
    assert responses(dispatcher) == ["utter_ask_what_to_change"]


async def test_slots_not_asked_now_are_not_validated():
    # A payment method typed while payment defaults are off is ignored, not kept.
    answers = answers_before("terms_accepted", set_payment_defaults=False)
    for slot in ("pacer_fees_method", "efiling_fees_method", "admission_fees_method"):
        answers.pop(slot)
    slots, _, _ = await validate(
        "terms_accepted", "ach", answers, candidates={"pacer_fees_method": "ach"}
    )
    assert "pacer_fees_method" not in slots
    assert slots["requested_slot"] == "terms_accepted"


async def test_prefilled_answers_survive_form_reactivation():
    # When the form starts again (resume after "stop" -> "no", or after a failed save), Rasa
    # sends every kept answer back to the validator as a candidate; none may be refused.
    kept = answers_before("confirmed")
    slots, dispatcher, _ = await validate("confirmed", "no", kept, candidates=dict(kept))
    assert dispatcher.messages == []
    assert {name: slots[name] for name in kept} == kept
    assert slots["form_failures"] == {}


async def test_prefilled_yes_no_answers_are_kept_as_booleans():
    kept = answers_before("confirmed", set_payment_defaults=False, terms_accepted=True)
    candidates = {"set_payment_defaults": False, "terms_accepted": True}
    slots, dispatcher, _ = await validate("confirmed", "no", kept, candidates=candidates)
    assert slots["set_payment_defaults"] is False
    assert slots["terms_accepted"] is True
    assert slots["requested_slot"] == "confirmed"
    assert dispatcher.messages == []


async def test_changing_one_fee_when_payment_defaults_are_off_asks_about_payment():
    answers = answers_before("confirmed", set_payment_defaults=False)
    for slot in ("pacer_fees_method", "efiling_fees_method", "admission_fees_method"):
        answers.pop(slot)
    slots, dispatcher, _ = await validate("confirmed", "change the admission fees", answers)
    assert texts(dispatcher) == ["OK, let's fix your admission fees."]
    assert slots["set_payment_defaults"] is None
    assert slots["requested_slot"] == "set_payment_defaults"


async def test_changing_one_fee_then_saying_no_leaves_no_fee_behind():
    # Review: "change the admission fees" -> payment defaults asked again -> "no" -> review.
    answers = dict(ANSWERS, confirmed=None)
    slots, _, _ = await validate("confirmed", "change the admission fees", answers)
    answers.update((k, v) for k, v in slots.items() if k in ANSWERS)
    slots, _, _ = await validate("set_payment_defaults", "no", answers)
    answers.update((k, v) for k, v in slots.items() if k in ANSWERS)
    assert answers["set_payment_defaults"] is False
    assert slots["requested_slot"] == "confirmed"
    # The review now says "Payment defaults: not set", so no fee method may still be kept.
    review = build_payload({**answers, "confirmed": True})
    fees = (review.pacer_fees_method, review.efiling_fees_method, review.admission_fees_method)
    assert fees == ("none", "none", "none")


# ---------------------------------------------------------------------------
# ActionBeginRegistration
# ---------------------------------------------------------------------------


async def test_begin_with_no_answers_gives_the_intro():
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(text="register me", intent="start_registration")
    events = await ActionBeginRegistration().run(dispatcher, tracker, DOMAIN)
    assert events == []
    assert responses(dispatcher) == ["utter_registration_intro"]


async def test_begin_with_earlier_answers_welcomes_back():
    dispatcher = CollectingDispatcher()
    tracker = make_tracker({"first_name": "Jane"}, text="register me", intent="start_registration")
    events = await ActionBeginRegistration().run(dispatcher, tracker, DOMAIN)
    assert events == []
    assert responses(dispatcher) == ["utter_registration_welcome_back"]


async def test_begin_counts_an_empty_middle_name_as_an_answer():
    dispatcher = CollectingDispatcher()
    tracker = make_tracker({"middle_name": ""}, text="register me", intent="start_registration")
    await ActionBeginRegistration().run(dispatcher, tracker, DOMAIN)
    assert responses(dispatcher) == ["utter_registration_welcome_back"]


async def test_begin_ignores_non_form_slots():
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(
        {"walkthrough_step": 3, "form_failures": {"email": 1}},
        text="register me",
        intent="start_registration",
    )
    await ActionBeginRegistration().run(dispatcher, tracker, DOMAIN)
    assert responses(dispatcher) == ["utter_registration_intro"]


# ---------------------------------------------------------------------------
# ActionAskConfirmed
# ---------------------------------------------------------------------------


async def test_ask_confirmed_reads_back_every_answer():
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(
        {**ANSWERS, "confirmed": None}, active_loop={"name": "registration_form"}
    )
    events = await ActionAskConfirmed().run(dispatcher, tracker, DOMAIN)
    assert events == []
    assert len(dispatcher.messages) == 1
    message = dispatcher.messages[0]
    for expected in REVIEW_LINES:
        assert expected in message["text"]
    assert message["buttons"] == [
        {"title": "Yes, all correct", "payload": "yes"},
        {"title": "Change something", "payload": "no"},
    ]


async def test_ask_confirmed_without_payment_defaults():
    dispatcher = CollectingDispatcher()
    answers = {**ANSWERS, "set_payment_defaults": False, "confirmed": None}
    for slot in ("pacer_fees_method", "efiling_fees_method", "admission_fees_method"):
        answers[slot] = None
    await ActionAskConfirmed().run(dispatcher, make_tracker(answers), DOMAIN)
    text = dispatcher.messages[0]["text"]
    assert "Payment defaults: not set" in text
    assert "Admission fees" not in text


# ---------------------------------------------------------------------------
# ActionCancelRegistration
# ---------------------------------------------------------------------------


async def test_cancel_clears_every_answer_and_the_failure_count():
    dispatcher = CollectingDispatcher()
    tracker = make_tracker({**ANSWERS, "form_failures": {"email": 2}}, intent="affirm")
    events = await ActionCancelRegistration().run(dispatcher, tracker, DOMAIN)
    assert responses(dispatcher) == ["utter_registration_cancelled"]
    assert events == [SlotSet(slot, None) for slot in (*FORM_SLOT_ORDER, "form_failures")]
    assert set(slot_events(events)) == {*ANSWERS, "form_failures"}


async def test_a_question_instead_of_an_answer_sets_no_slot_so_rasa_rejects_the_form():
    # "what is ach?" is never taken as the answer: no candidate reaches the action. Any SlotSet
    # (even of the failure count) would stop Rasa from rejecting the form, and the question
    # would go unanswered.
    slots, dispatcher, _ = await validate("phone", "what is ach", candidates={})
    assert set(slots) <= {"requested_slot"}
    assert dispatcher.messages == []
