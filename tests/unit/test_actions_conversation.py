"""Tests for actions/conversation.py and actions/walkthrough.py with real rasa-sdk objects."""

from __future__ import annotations

import pytest
from rasa_sdk import Tracker
from rasa_sdk.events import ActionExecuted, FollowupAction, SlotSet, UserUttered
from rasa_sdk.executor import CollectingDispatcher
from trackers import DOMAIN, FORM_LOOP, empty_slots, make_tracker, responses, texts, user_events

from actions.conversation import (
    ActionAnswerQuestion,
    ActionExplainField,
    ActionFallback,
    latest_intent,
)
from actions.registration_form import ActionOfferForm
from actions.walkthrough import STEP_BUTTONS, ActionWalkthrough
from bot.intents import RESPONSE_FOR_INTENT
from bot.topics import NONE_OF_THESE_INTENT, NONE_OF_THESE_LABEL, TOPIC_LABELS
from bot.walkthrough import STEPS

LAST = len(STEPS)
# A person offered (asked for, or after two misses) comes with a help code (actions/handoff.py).
pytestmark = pytest.mark.usefixtures("help_codes")
OFFER_PERSON = ["utter_fallback_offer_person", "utter_help_code"]


def test_action_names_match_the_domain():
    names = {
        ActionAnswerQuestion().name(),
        ActionExplainField().name(),
        ActionFallback().name(),
        ActionWalkthrough().name(),
    }
    assert names == {
        "action_answer_question",
        "action_explain_field",
        "action_fallback",
        "action_walkthrough",
    }
    assert names <= set(DOMAIN["actions"])


def test_latest_intent():
    assert latest_intent(make_tracker(text="hi", intent="greet")) == "greet"
    assert latest_intent(make_tracker(text="hi", intent=None)) is None


# ---------------------------------------------------------------------------
# ActionAnswerQuestion
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "intent", ["ask_upgrade_required", "ask_find_case_number", "ask_ach_admission"]
)
async def test_faq_question_gets_utter_intent(intent):
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(text="question", intent=intent, active_loop=FORM_LOOP)
    events = await ActionAnswerQuestion().run(dispatcher, tracker, DOMAIN)
    assert events == []
    assert responses(dispatcher) == [f"utter_{intent}"]


@pytest.mark.parametrize(
    ("intent", "response"),
    [
        ("greet", "utter_greet"),
        ("goodbye", "utter_goodbye"),
        ("thank", "utter_you_are_welcome"),
        ("ask_capabilities", "utter_capabilities"),
        ("request_human", "utter_human_contacts"),
        ("ask_legal_advice", "utter_no_legal_advice"),
        ("share_sensitive_info", "utter_never_share_sensitive"),
    ],
)
async def test_special_intents_use_their_own_response(intent, response):
    assert RESPONSE_FOR_INTENT[intent] == response
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(text="message", intent=intent, active_loop=FORM_LOOP)
    await ActionAnswerQuestion().run(dispatcher, tracker, DOMAIN)
    with_code = ["utter_help_code"] if intent == "request_human" else []
    assert responses(dispatcher) == [response, *with_code]


def test_special_map_has_exactly_the_chitchat_and_refusal_intents():
    assert set(RESPONSE_FOR_INTENT) == {
        "greet",
        "goodbye",
        "thank",
        "ask_capabilities",
        "request_human",
        "ask_legal_advice",
        "share_sensitive_info",
        "switch_language",
    }


# ---------------------------------------------------------------------------
# ActionExplainField
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "slot", ["email", "most_recent_case", "admission_fees_method", "confirmed"]
)
async def test_explain_the_question_being_asked(slot):
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(
        {"requested_slot": slot}, text="why?", intent="ask_why_field", active_loop=FORM_LOOP
    )
    events = await ActionExplainField().run(dispatcher, tracker, DOMAIN)
    assert events == []
    assert responses(dispatcher) == [f"utter_explain_{slot}"]
    assert f"utter_explain_{slot}" in DOMAIN["responses"]


async def test_explain_with_no_form_says_nothing_is_asked():
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(text="why?", intent="ask_why_field")
    await ActionExplainField().run(dispatcher, tracker, DOMAIN)
    assert responses(dispatcher) == ["utter_explain_nothing"]


async def test_explain_ignores_a_stale_requested_slot_when_the_form_is_off():
    dispatcher = CollectingDispatcher()
    tracker = make_tracker({"requested_slot": "email"}, text="why?", intent="ask_why_field")
    await ActionExplainField().run(dispatcher, tracker, DOMAIN)
    assert responses(dispatcher) == ["utter_explain_nothing"]


async def test_explain_in_a_form_without_a_requested_slot():
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(text="why?", intent="ask_why_field", active_loop=FORM_LOOP)
    await ActionExplainField().run(dispatcher, tracker, DOMAIN)
    assert responses(dispatcher) == ["utter_explain_nothing"]


def test_every_form_question_has_an_explanation_in_the_domain():
    for slot in DOMAIN["forms"]["registration_form"]["required_slots"]:
        assert f"utter_explain_{slot}" in DOMAIN["responses"]


# ---------------------------------------------------------------------------
# ActionFallback
# ---------------------------------------------------------------------------


async def run_fallback(*turns: tuple[str, str | None]) -> CollectingDispatcher:
    dispatcher = CollectingDispatcher()
    text, intent = turns[-1]
    tracker = make_tracker(text=text, intent=intent, events=user_events(*turns))
    events = await ActionFallback().run(dispatcher, tracker, DOMAIN)
    assert events == [FollowupAction("action_listen")]
    return dispatcher


async def test_first_miss_gives_help():
    dispatcher = await run_fallback(("hi", "greet"), ("blorp", "nlu_fallback"))
    assert responses(dispatcher) == ["utter_fallback_first"]


async def test_two_misses_in_a_row_offer_a_person():
    dispatcher = await run_fallback(
        ("hi", "greet"), ("blorp", "nlu_fallback"), ("zzz", "nlu_fallback")
    )
    assert responses(dispatcher) == OFFER_PERSON


async def test_misses_with_an_understood_message_between_start_over():
    dispatcher = await run_fallback(
        ("blorp", "nlu_fallback"), ("what is pacer", "ask_what_is_pacer"), ("zzz", "nlu_fallback")
    )
    assert responses(dispatcher) == ["utter_fallback_first"]


async def test_out_of_scope_first_time():
    dispatcher = await run_fallback(("hi", "greet"), ("tell me a joke", "out_of_scope"))
    assert responses(dispatcher) == ["utter_out_of_scope"]


async def test_out_of_scope_after_a_miss_offers_a_person():
    dispatcher = await run_fallback(("blorp", "nlu_fallback"), ("tell me a joke", "out_of_scope"))
    assert responses(dispatcher) == OFFER_PERSON


async def test_fallback_ignores_bot_events_between_user_messages():
    events = [
        *user_events(("blorp", "nlu_fallback")),
        {"event": "bot", "text": "Sorry?", "data": {}, "metadata": {}, "timestamp": None},
        SlotSet("walkthrough_step", 2),
        *user_events(("zzz", "nlu_fallback")),
    ]
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(text="zzz", intent="nlu_fallback", events=events)
    await ActionFallback().run(dispatcher, tracker, DOMAIN)
    assert responses(dispatcher) == OFFER_PERSON


def unsure(text: str, *ranked: tuple[str, float]) -> dict:
    """The parse of a message the NLU was not sure about, as the FallbackClassifier leaves it."""
    ranking = [{"name": "nlu_fallback", "confidence": 0.5}]
    ranking += [{"name": name, "confidence": confidence} for name, confidence in ranked]
    return {"text": text, "intent": ranking[0], "intent_ranking": ranking, "entities": []}


def tracker_after(events: list, parse: dict, slots: dict | None = None, active_loop=None):
    """A tracker whose latest message has `parse`, after `events`."""
    events = [*events, ActionExecuted("action_listen"), UserUttered(parse["text"], parse_data=parse)]
    return Tracker(
        "filer", {**empty_slots(), **(slots or {})}, parse, events, False, None,
        active_loop or {}, "action_listen",
    )


async def test_unsure_first_miss_offers_the_likeliest_meanings_as_buttons():
    dispatcher = CollectingDispatcher()
    parse = unsure("can u get me going w efile", ("start_registration", 0.45), ("walkthrough_start", 0.4))
    events = await ActionFallback().run(dispatcher, tracker_after([], parse), DOMAIN)
    assert events == [FollowupAction("action_listen")]
    [message] = dispatcher.messages
    assert message["response"] == "utter_did_you_mean"
    assert message["buttons"] == [
        {"title": TOPIC_LABELS["start_registration"], "payload": "/start_registration"},
        {"title": TOPIC_LABELS["walkthrough_start"], "payload": "/walkthrough_start"},
        {"title": NONE_OF_THESE_LABEL, "payload": f"/{NONE_OF_THESE_INTENT}"},
    ]


async def test_a_second_miss_after_the_buttons_offers_a_person():
    first = unsure("blorp", ("ask_fee_types", 0.3))
    events = [ActionExecuted("action_listen"), UserUttered("blorp", parse_data=first)]
    dispatcher = CollectingDispatcher()
    await ActionFallback().run(dispatcher, tracker_after(events, unsure("zzz", ("ask_fee_types", 0.3))), DOMAIN)
    assert responses(dispatcher) == OFFER_PERSON


async def test_no_likely_meaning_gives_first_help():
    dispatcher = CollectingDispatcher()
    await ActionFallback().run(dispatcher, tracker_after([], unsure("qwe", ("ask_fee_types", 0.01))), DOMAIN)
    assert responses(dispatcher) == ["utter_fallback_first"]


@pytest.mark.parametrize("question", ["utter_ask_confirm_stop", "action_offer_form"])
async def test_a_yes_no_question_without_a_plain_answer_is_asked_again(question):
    dispatcher = CollectingDispatcher()
    tracker = tracker_after([ActionExecuted(question)], unsure("qwe", ("affirm", 0.97)))
    events = await ActionFallback().run(dispatcher, tracker, DOMAIN)
    assert responses(dispatcher) == ["utter_please_yes_or_no"]
    assert events == [FollowupAction(question)]


@pytest.mark.parametrize("text", ["jane.doe@example.com", "1:24-cv-10987", "617 555 0100"])
async def test_a_form_answer_with_no_form_running_gets_the_form_offered(text):
    dispatcher = CollectingDispatcher()
    events = await ActionFallback().run(dispatcher, tracker_after([], unsure(text)), DOMAIN)
    assert events == [FollowupAction("action_offer_form")]
    assert dispatcher.messages == []


@pytest.mark.parametrize(
    ("slots", "response"),
    [({}, "utter_offer_form"), ({"email": "jane@example.com"}, "utter_offer_resume_form")],
)
async def test_offer_form_starts_or_resumes(slots, response):
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(slots, text="Jane", intent="inform")
    assert await ActionOfferForm().run(dispatcher, tracker, DOMAIN) == []
    assert responses(dispatcher) == [response]
    assert ActionOfferForm().name() in DOMAIN["actions"]
    assert {button["payload"] for button in DOMAIN["responses"][response][0]["buttons"]} == {
        "/affirm", "/deny",
    }


# ---------------------------------------------------------------------------
# ActionWalkthrough
# ---------------------------------------------------------------------------


async def walk(intent: str, step: int | None) -> tuple[list[dict], CollectingDispatcher]:
    dispatcher = CollectingDispatcher()
    tracker = make_tracker({"walkthrough_step": step}, text="go", intent=intent)
    events = await ActionWalkthrough().run(dispatcher, tracker, DOMAIN)
    return events, dispatcher


async def test_start_shows_step_one():
    events, dispatcher = await walk("walkthrough_start", None)
    assert events == [SlotSet("walkthrough_step", 1)]
    assert texts(dispatcher)[0].startswith(f"Step 1 of {LAST}: Check your PACER account.")
    assert dispatcher.messages[0]["buttons"] == STEP_BUTTONS


async def test_start_again_in_the_middle_goes_back_to_step_one():
    events, _ = await walk("walkthrough_start", 6)
    assert events == [SlotSet("walkthrough_step", 1)]


@pytest.mark.parametrize(
    ("intent", "step", "expected"),
    [
        ("walkthrough_next", 1, 2),
        ("walkthrough_next", 5, 6),
        ("walkthrough_back", 5, 4),
        ("walkthrough_repeat", 5, 5),
        ("walkthrough_back", 1, 1),
        ("walkthrough_next", LAST, LAST),
        ("walkthrough_next", None, 1),
    ],
)
async def test_moves_and_clamps(intent, step, expected):
    events, dispatcher = await walk(intent, step)
    assert events == [SlotSet("walkthrough_step", expected)]
    assert len(dispatcher.messages) == 1
    assert texts(dispatcher)[0].startswith(
        f"Step {expected} of {LAST}: {STEPS[expected - 1].title}. {STEPS[expected - 1].do}"
    )


async def test_last_step_says_so():
    _, dispatcher = await walk("walkthrough_next", LAST - 1)
    assert texts(dispatcher)[0].endswith("That was the last step.")


async def test_unknown_intent_starts_the_walkthrough():
    events, _ = await walk("greet", 7)
    assert events == [SlotSet("walkthrough_step", 1)]


def test_step_buttons_send_the_walkthrough_intents():
    assert [button["payload"] for button in STEP_BUTTONS] == [
        "/walkthrough_next",
        "/walkthrough_back",
        "/walkthrough_repeat",
    ]
