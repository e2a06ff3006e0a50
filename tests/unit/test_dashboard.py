"""Tests for bot/dashboard.py: every table, from a tracker store written by Rasa's SQLTrackerStore."""

from __future__ import annotations

from datetime import date

import pytest
from dashboard_conversations import SSN_MESSAGE, save_all, tables_of
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain

from bot.dashboard import Period, alike_key, group_unanswered
from bot.fields import FORM_SLOT_ORDER

EXPECTED_FUNNEL = tuple(
    (
        slot,
        3 if FORM_SLOT_ORDER.index(slot) <= FORM_SLOT_ORDER.index("email") else 2,
        1 if slot == "email" else 0,
        3 if slot == "email" else 0,
    )
    for slot in FORM_SLOT_ORDER
)


@pytest.fixture
async def tracker_url(tmp_path) -> str:
    path = tmp_path / "tracker.db"
    store = SQLTrackerStore(Domain.empty(), db=str(path))
    await save_all(store)
    store.engine.dispose()
    return f"sqlite:///{path}"


def test_conversations_per_day_count_each_conversation_on_the_day_it_began(tracker_url):
    table = tables_of(tracker_url)["conversations"]
    assert table.rows == (
        ("2026-11-01", 1),
        ("2026-11-02", 2),
        ("2026-11-03", 1),
        ("2026-11-04", 0),
        ("2026-11-05", 0),
    )
    assert table.chart == 1


def test_completion_is_sent_over_started(tracker_url):
    assert tables_of(tracker_url)["completion"].rows == (
        ("Conversations", 4),
        ("Started the form", 3),
        ("Sent the registration", 2),
        ("Completion rate (sent / started)", "67%"),
    )


def test_questions_by_topic_count_faq_intents_in_the_period_only(tracker_url):
    assert tables_of(tracker_url)["topics"].rows == (
        ("The kinds of fees", "ask_fee_types", 2),
        ("What PACER is", "ask_what_is_pacer", 2),
    )


def test_unanswered_messages_are_grouped_masked_and_without_form_answers(tracker_url):
    rows = tables_of(tracker_url)["unanswered"].rows
    assert rows == (
        ("How do I register my BOAT?", 2),
        ("my ssn is [SSN removed] do you need it", 1),
    )
    assert "123-45-6789" in SSN_MESSAGE and "123-45-6789" not in str(rows)
    assert "jane@example.com" not in str(rows)


def test_funnel_counts_reached_gave_up_and_refused_per_question(tracker_url):
    table = tables_of(tracker_url)["funnel"]
    labels = {"email": "Email", "first_name": "First name", "confirmed": "Confirmed"}
    assert [row[0] for row in table.rows if row[0] in labels.values()] == [
        "First name",
        "Email",
        "Confirmed",
    ]
    assert tuple(
        (slot, *row[1:]) for slot, row in zip(FORM_SLOT_ORDER, table.rows, strict=True)
    ) == (EXPECTED_FUNNEL)


def test_hand_offs_count_asks_offers_and_take_overs(tracker_url):
    assert tables_of(tracker_url)["handoffs"].rows == (
        ("Asked for a person", 1, 1),
        ("Offered a person after missed answers", 1, 1),
        ("Taken over by court staff", 1, 1),
    )


def test_languages_count_each_conversation_once_by_its_last_language(tracker_url):
    assert tables_of(tracker_url)["languages"].rows == (("not set", 2), ("es", 1), ("pt", 1))


def test_no_table_shows_a_sender_id(tracker_url):
    text = str(tables_of(tracker_url))
    for sender in ("sent-en", "sent-es", "quit-pt", "lost", "october"):
        assert sender not in text


def test_a_period_with_no_conversations_has_zero_counts(tracker_url):
    tables = tables_of(tracker_url, Period(date(2026, 12, 1), date(2026, 12, 2)))
    assert tables["conversations"].rows == (("2026-12-01", 0), ("2026-12-02", 0))
    assert tables["completion"].rows[-1] == ("Completion rate (sent / started)", "-")
    assert tables["topics"].rows == tables["unanswered"].rows == ()


def test_a_store_without_conversations_yet_has_no_tables(tmp_path):
    assert tables_of(f"sqlite:///{tmp_path / 'new.db'}") == {}


def test_period_bounds_are_whole_utc_days():
    period = Period.last_days(date(2026, 11, 30), days=30)
    assert period.first == date(2026, 11, 1)
    assert period.bounds() == (1793491200.0, 1793491200.0 + 30 * 86400)


def test_alike_messages_share_their_words_without_case_accents_or_punctuation():
    assert alike_key("¿Cómo   registro?") == alike_key("como registro") == "como registro"
    assert group_unanswered(["Help!", "help", "HELP", "help", "1:23-cv-10001", "  ", "Other"]) == [
        ("help", 4),
        ("Other", 1),
    ]
