"""The staff's view of a filer's chat (bot/handoff_view.py) from hand-made tracker JSON, and the
check of a correction staff type for the filer."""

from __future__ import annotations

from typing import Any

from bot.case_number import BANKRUPTCY_WARNING
from bot.handoff_view import (
    NO_FORM,
    NOT_A_FIELD,
    NOT_ASKED,
    Message,
    check_correction,
    handoff_view,
    unchecked_answer,
)
from bot.sensitive import SENSITIVE_REFUSAL


def user(text: str, at: float) -> dict[str, Any]:
    return {"event": "user", "timestamp": at, "text": text, "parse_data": {}, "metadata": {}}


def bot(text: str | None, at: float, custom: Any = None, metadata: Any = None) -> dict[str, Any]:
    data = {"elements": None, "buttons": None, "custom": custom}
    return {"event": "bot", "timestamp": at, "text": text, "data": data, "metadata": metadata or {}}


def tracker(
    slots: dict[str, Any] | None = None,
    events: list[dict[str, Any]] | None = None,
    form: bool = False,
    paused: bool = False,
) -> dict[str, Any]:
    return {
        "sender_id": "webchat:abcdef0123456789",
        "slots": slots or {},
        "events": events or [],
        "paused": paused,
        "active_loop": {"name": "registration_form", "is_interrupted": False} if form else {},
        "latest_input_channel": "socketio",
    }


MID_FORM = {
    "first_name": "Jane",
    "middle_name": "",
    "last_name": "Doe",
    "email": "jane@example.com",
    "requested_slot": "phone",
    "form_failures": {"phone": 2},
    "language": "es",
}


def test_mid_form_view_names_the_question_its_refusals_the_answers_and_the_language():
    view = handoff_view(tracker(MID_FORM, form=True))
    assert (view.language, view.language_name) == ("es", "Spanish")
    assert (view.form_active, view.question, view.question_slot, view.refusals) == (
        True, "Phone", "phone", 2,
    )
    assert view.answers == (
        "First name: Jane", "Middle name: (none)", "Last name: Doe", "Email: jane@example.com",
    )
    assert (view.walkthrough, view.reference, view.paused) == (None, None, False)
    assert [c.slot for c in view.correctable] == [
        "first_name", "middle_name", "last_name", "email", "phone", "street_address", "city",
        "state", "zip_code", "most_recent_case", "terms_accepted",
    ]


def test_refusals_count_only_the_current_question():
    slots = {**MID_FORM, "form_failures": {"email": 1}}
    assert handoff_view(tracker(slots, form=True)).refusals == 0


def test_a_control_question_has_a_label_in_words():
    view = handoff_view(tracker({"requested_slot": "set_payment_defaults"}, form=True))
    assert view.question == "Set payment defaults"


def test_payment_methods_are_correctable_only_after_a_yes_to_payment_defaults():
    slots = {**MID_FORM, "set_payment_defaults": True, "requested_slot": "pacer_fees_method"}
    view = handoff_view(tracker(slots, form=True))
    assert [c.slot for c in view.correctable][-4:] == [
        "pacer_fees_method", "efiling_fees_method", "admission_fees_method", "terms_accepted",
    ]


def test_no_form_no_language_and_the_walkthrough_step():
    view = handoff_view(tracker({"walkthrough_step": 4, "requested_slot": "email"}))
    assert (view.language, view.language_name) == ("en", "English")
    assert (view.form_active, view.question, view.refusals) == (False, None, 0)
    assert view.walkthrough == "Step 4 of 10: Pick the court"
    assert view.answers == ()


def test_secrets_are_masked_in_answers_and_messages():
    slots = {"first_name": "Jane 123-45-6789", "requested_slot": "last_name"}
    events = [user("my ssn is 123-45-6789", 1.0), bot("pw: Hunter#22 is not needed", 2.0)]
    view = handoff_view(tracker(slots, events, form=True))
    assert view.answers == ("First name: Jane [SSN removed]",)
    assert [m.text for m in view.messages] == [
        "my ssn is [SSN removed]", "pw: [password removed] is not needed",
    ]


def test_messages_say_who_sent_them_and_only_the_last_twelve_are_kept():
    events = [user(f"message {n}", float(n)) for n in range(20)]
    events += [
        {"event": "action", "timestamp": 20.0, "name": "action_listen"},
        bot(None, 21.0, custom={"help_code": "H-4KQ7"}),
        bot("A person from the court is here.", 22.0),
        bot("Hello, this is Ana.", 23.0, {"staff_message": "Hello, this is Ana."}, {"from_staff": True}),
    ]
    view = handoff_view(tracker(events=events, paused=True))
    assert view.paused is True
    assert len(view.messages) == 12
    assert view.messages[-3:] == (
        Message("filer", "message 19", 19.0),
        Message("assistant", "A person from the court is here.", 22.0),
        Message("staff", "Hello, this is Ana.", 23.0),
    )


def test_the_reference_code_of_the_last_registration_sent():
    submission = {"type": "registration_submission", "payload": {"reference": "MAD-7K3QX9"}}
    events = [bot("Here is your summary.", 1.0, custom=submission), user("thanks", 2.0)]
    assert handoff_view(tracker(events=events)).reference == "MAD-7K3QX9"


def test_as_json_is_plain_data():
    view = handoff_view(tracker(MID_FORM, [user("hola", 1.0)], form=True))
    body = view.as_json()
    assert body["messages"] == [{"sender": "filer", "text": "hola", "timestamp": 1.0}]
    assert body["correctable"][0] == {"slot": "first_name", "label": "First name"}
    assert (body["question"], body["refusals"], body["language_name"]) == ("Phone", 2, "Spanish")


def test_a_correction_of_an_answer_given_keeps_the_current_question():
    correction = check_correction(tracker(MID_FORM, form=True), "first_name", "  janet ")
    assert (correction.refusal, correction.updates) == (None, {"first_name": "Janet"})


def test_a_correction_of_the_current_question_moves_the_form_on_and_forgets_its_refusals():
    correction = check_correction(tracker(MID_FORM, form=True), "phone", "(617) 555-0100")
    assert correction.updates == {
        "phone": "617-555-0100", "requested_slot": "street_address", "form_failures": {},
    }


def test_a_refused_correction_says_why_as_the_form_would():
    state = tracker(MID_FORM, form=True)
    assert check_correction(state, "email", "jane@").refusal == (
        "I could not use that email address. Please check it for typos. "
        "It should look like name@example.com."
    )
    assert check_correction(state, "email", "jane@").updates == {}
    assert check_correction(state, "first_name", "123-45-6789").refusal == SENSITIVE_REFUSAL
    assert check_correction(state, "confirmed", "yes").refusal == NOT_A_FIELD
    assert check_correction(state, "no_such_slot", "x").refusal == NOT_A_FIELD
    assert check_correction(state, "pacer_fees_method", "card").refusal == NOT_ASKED


def test_no_correction_before_the_form_starts_and_notes_come_back():
    assert check_correction(tracker(), "first_name", "Jane").refusal == NO_FORM
    correction = check_correction(tracker(MID_FORM, form=True), "most_recent_case", "1:24-bk-10001")
    assert correction.updates == {"most_recent_case": "1:24-bk-10001"}
    assert correction.notes == (BANKRUPTCY_WARNING,)


def test_an_answer_typed_while_paused_is_not_shown_as_given():
    slots = {**MID_FORM, "phone": "ok thanks"}  # Rasa filled the asked slot, nothing checked it
    state = tracker(slots, form=True, paused=True)
    assert unchecked_answer(state) == "phone"
    assert handoff_view(state).answers[-1] == "Email: jane@example.com"
    assert unchecked_answer(tracker(MID_FORM, form=True)) is None
    assert unchecked_answer(tracker(slots)) is None  # no form running: nothing is asked
