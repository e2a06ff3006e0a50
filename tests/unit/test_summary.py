"""Tests for bot/summary.py: the PACER step guide and the in-chat read-back."""

from __future__ import annotations

from sample_registration import ANSWERS, REFERENCE, REVIEW_LINES, sample_payload

from bot.summary import review_lines, summarize

REFERENCE_LINE = f"Your reference code: {REFERENCE}. Staff at the court help line can look it up."


def assert_in_order(text: str, parts: list[str]) -> None:
    position = 0
    for part in parts:
        found = text.find(part, position)
        assert found >= 0, f"{part!r} missing or out of order"
        position = found + len(part)


def test_summary_walks_through_the_pacer_screens_in_order():
    text = summarize(sample_payload())
    assert_in_order(
        text,
        [
            REFERENCE_LINE,
            "Log in to PACER",
            "Manage My Account",
            "Maintenance tab",
            "Non-Attorney Admission / E-File Registration",
            "Court Type: U.S. District Courts",
            "Court: Massachusetts District Court",
            "Role in Court: Party",
            "First Name: Jane",
            "Middle Name: leave blank",
            "Last Name: Doe",
            "Email: jane.doe@example.com",
            "Phone: 617-555-0123",
            "Address: 1 Courthouse Way",
            "City: Boston",
            "State: MA",
            "Zip/Postal Code: 02210",
            "Most Recent Case: 1:24-cv-12345-ABC",
            "Payment screen",
            "Terms of Use: check the boxes",
            "Submit",
            "Done on the confirmation page",
            "email",
            REFERENCE_LINE,
        ],
    )
    assert text.startswith(REFERENCE_LINE)
    assert text.endswith(REFERENCE_LINE)


def test_summary_shows_middle_name_when_given():
    text = summarize(sample_payload(middle_name="Quinn"))
    assert "Middle Name: Quinn" in text
    assert "leave blank" not in text


def test_summary_lists_each_fee_method_and_where_to_type_numbers():
    text = summarize(sample_payload())
    assert_in_order(
        text,
        [
            "Autobill PACER fees: Credit card",
            "E-filing fees: ACH (bank account)",
            "Admission fees: None for now",
            "only on PACER",
        ],
    )
    assert "skip (click Next)" not in text


def test_summary_says_to_skip_payment_screen_when_no_methods():
    text = summarize(
        sample_payload(
            pacer_fees_method="none", efiling_fees_method="none", admission_fees_method="none"
        )
    )
    assert "Payment screen: skip (click Next)" in text
    assert "Autobill PACER fees" not in text


def test_summary_lines_are_short():
    assert all(len(line) <= 90 for line in summarize(sample_payload()).splitlines())


def test_review_lines_read_back_every_answer_with_plain_labels():
    assert review_lines(ANSWERS) == REVIEW_LINES


def test_review_lines_replace_payment_lines_when_defaults_not_set():
    lines = review_lines({**ANSWERS, "set_payment_defaults": False})
    assert lines[10:] == [
        "Payment defaults: not set (you can skip that screen)",
        "Terms of use accepted: Yes",
    ]


def test_review_lines_skip_unanswered_fields():
    answers = {"first_name": "Jane", "middle_name": "Quinn", "last_name": None}
    assert review_lines(answers) == ["First name: Jane", "Middle name: Quinn"]
