"""Tests for actions/submission.py: the payload is stored, sent and summarised after a "yes"."""

from __future__ import annotations

import re
import sqlite3
from contextlib import closing

import pytest
from rasa_sdk.events import FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from sample_registration import ANSWERS
from trackers import DOMAIN, make_tracker, responses, slot_events

from actions import submission
from actions.submission import SUBMISSION_MESSAGE_TYPE, ActionFinishRegistration
from bot.fields import FORM_SLOT_ORDER
from bot.payload import REFERENCE_PATTERN, payload_json
from bot.submission_store import SubmissionStore

CLEARED = [SlotSet(slot, None) for slot in (*FORM_SLOT_ORDER, "form_failures")]


@pytest.fixture
def db_url(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'submissions.db'}"
    monkeypatch.setenv("SUBMISSIONS_DB_URL", url)
    submission.submission_store.cache_clear()
    yield url
    submission.submission_store.cache_clear()


async def finish(
    answers: dict[str, object], language: str | None = None
) -> tuple[list[dict], CollectingDispatcher]:
    dispatcher = CollectingDispatcher()
    tracker = make_tracker({**answers, "language": language}, text="yes", intent="affirm")
    events = await ActionFinishRegistration().run(dispatcher, tracker, DOMAIN)
    return events, dispatcher


def test_action_name():
    assert ActionFinishRegistration().name() == "action_finish_registration"
    assert "action_finish_registration" in DOMAIN["actions"]


def test_store_comes_from_the_environment(db_url):
    store = submission.submission_store()
    assert isinstance(store, SubmissionStore)
    assert submission.submission_store() is store


async def test_confirmed_answers_are_stored_sent_and_summarised(db_url):
    events, dispatcher = await finish(ANSWERS)

    assert len(dispatcher.messages) == 2
    custom = dispatcher.messages[0]["custom"]
    assert dispatcher.messages[0]["text"] is None
    assert set(custom) == {"type", "payload"}
    assert custom["type"] == SUBMISSION_MESSAGE_TYPE == "registration_submission"
    payload = custom["payload"]
    reference = payload["reference"]
    assert re.fullmatch(REFERENCE_PATTERN, reference)
    expected = {k: v for k, v in ANSWERS.items() if k not in ("set_payment_defaults", "confirmed")}
    assert {k: payload[k] for k in expected} == expected
    assert payload["court"] == "Massachusetts District Court"
    assert payload["court_type"] == "U.S. District Courts"
    assert payload["role_in_court"] == "Party"
    assert payload["created_at"].endswith("Z")

    summary = dispatcher.messages[1]["text"]
    assert summary.count(reference) == 2
    assert "Email: jane.doe@example.com" in summary
    assert "Most Recent Case: 1:24-cv-12345-ABC" in summary

    stored = SubmissionStore(db_url).find(reference)
    assert stored is not None
    assert payload_json(stored.payload) == payload

    assert events == CLEARED


def sent_payload(dispatcher: CollectingDispatcher) -> dict:
    return dispatcher.messages[0]["custom"]["payload"]


async def test_a_confirmation_repeated_after_a_timeout_gets_the_same_reference(db_url):
    # The first reply was lost, so the turn was undone and the filer says "yes" again.
    _, first = await finish(ANSWERS)
    events, second = await finish(ANSWERS)
    assert sent_payload(second) == sent_payload(first)
    assert second.messages[1]["text"] == first.messages[1]["text"]
    assert events == CLEARED
    with closing(sqlite3.connect(db_url.removeprefix("sqlite:///"))) as database:
        rows = database.execute("SELECT reference FROM submissions").fetchall()
    assert rows == [(sent_payload(first)["reference"],)]


async def test_other_answers_or_another_conversation_get_a_new_reference(db_url):
    _, first = await finish(ANSWERS)
    _, changed = await finish({**ANSWERS, "city": "Worcester"})
    other_tracker = make_tracker(ANSWERS, text="yes", intent="affirm")
    other_tracker.sender_id = "another filer"
    other = CollectingDispatcher()
    await ActionFinishRegistration().run(other, other_tracker, DOMAIN)
    references = {sent_payload(d)["reference"] for d in (first, changed, other)}
    assert len(references) == 3
    store = SubmissionStore(db_url)
    assert all(store.find(reference) is not None for reference in references)


async def test_no_payment_defaults_send_none_for_every_fee(db_url):
    answers = {
        **ANSWERS,
        "set_payment_defaults": False,
        "pacer_fees_method": None,
        "efiling_fees_method": None,
        "admission_fees_method": None,
    }
    _, dispatcher = await finish(answers)
    payload = dispatcher.messages[0]["custom"]["payload"]
    fees = ("pacer_fees_method", "efiling_fees_method", "admission_fees_method")
    assert [payload[slot] for slot in fees] == ["none", "none", "none"]
    assert "Payment screen: skip (click Next)." in dispatcher.messages[1]["text"]


async def test_terms_declined_sends_nothing_and_clears(db_url):
    answers = {**ANSWERS, "terms_accepted": False, "confirmed": None}
    events, dispatcher = await finish(answers)
    assert responses(dispatcher) == ["utter_terms_declined"]
    assert all(not message["custom"] for message in dispatcher.messages)
    assert events == CLEARED


async def test_terms_declined_wins_even_if_confirmed_is_set(db_url):
    events, dispatcher = await finish({**ANSWERS, "terms_accepted": False})
    assert responses(dispatcher) == ["utter_terms_declined"]
    assert events == CLEARED


async def test_form_ended_without_confirmation_does_nothing(db_url):
    events, dispatcher = await finish({**ANSWERS, "confirmed": None})
    assert events == []
    assert dispatcher.messages == []


async def test_store_failure_keeps_answers_and_asks_again(tmp_path, monkeypatch):
    # A directory is not a database file, so opening the store fails.
    monkeypatch.setenv("SUBMISSIONS_DB_URL", f"sqlite:///{tmp_path}")
    submission.submission_store.cache_clear()
    try:
        events, dispatcher = await finish(ANSWERS)
    finally:
        submission.submission_store.cache_clear()
    assert responses(dispatcher) == ["utter_submission_failed"]
    assert all(not message["custom"] for message in dispatcher.messages)
    assert events == [SlotSet("confirmed", None), FollowupAction("registration_form")]
    assert slot_events(events) == {"confirmed": None}


async def test_save_error_after_opening_is_handled_the_same(db_url, monkeypatch):
    def broken_save(self, payload, key, language):
        raise RuntimeError("database is down")

    monkeypatch.setattr(SubmissionStore, "save", broken_save)
    events, dispatcher = await finish(ANSWERS)
    assert responses(dispatcher) == ["utter_submission_failed"]
    assert events == [SlotSet("confirmed", None), FollowupAction("registration_form")]


@pytest.mark.parametrize(
    ("slot", "stored"), [("es", "es"), ("pt", "pt"), ("en", "en"), (None, None), ("fr", None)]
)
async def test_the_filers_language_is_stored_beside_the_payload(db_url, slot, stored):
    _, dispatcher = await finish(ANSWERS, language=slot)
    payload = sent_payload(dispatcher)
    found = SubmissionStore(db_url).find(payload["reference"])
    assert found is not None
    assert found.language == stored
    assert payload_json(found.payload) == payload
    assert "language" not in payload
