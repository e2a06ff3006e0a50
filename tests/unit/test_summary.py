"""Tests for bot/summary.py: the PACER step guide and the in-chat read-back."""

from __future__ import annotations

from sample_registration import ANSWERS, REFERENCE, REVIEW_LINES, sample_payload

from bot.summary import INDENT, review_lines, summarize
from bot.walkthrough import ASK_FOR_PERMISSION, PERMISSION_FIRST, STEPS

REFERENCE_LINES = [
    f"Your reference code: {REFERENCE}.",
    "Court staff can use it to read these answers back to you.",
    "To reach them, call the Clerk's Office. Its number is on www.mad.uscourts.gov.",
]


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
            *REFERENCE_LINES,
            "This chat sends nothing to the court. You still apply yourself, on PACER.",
            "What to do on PACER (pacer.uscourts.gov):",
            "1. Check your PACER account:",
            PERMISSION_FIRST,
            ASK_FOR_PERMISSION,
            "Your PACER account must be upgraded.",
            "2. Log in:",
            "3. Open the request:",
            "Click Manage My Account.",
            "Click the Maintenance tab.",
            "Click Non-Attorney Admission / E-File Registration.",
            "4. Pick the court:",
            "Court Type: U.S. District Courts",
            "Court: Massachusetts District Court",
            "5. Pick your role:",
            "Role in Court: Party",
            "6. Fill in your details:",
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
            "7. Payment (optional):",
            "8. Terms of Use:",
            "Read the Terms of Use on PACER.",
            "Then check the boxes.",
            "9. Submit:",
            "Then click Done on the confirmation page.",
            "10. Wait for the court:",
            "It will write to you by email at jane.doe@example.com.",
            *REFERENCE_LINES,
        ],
    )
    assert text.startswith("\n".join(REFERENCE_LINES))
    assert text.endswith("\n".join(REFERENCE_LINES))


def test_summary_steps_have_the_walkthroughs_numbers_and_titles():
    numbered = [line for line in summarize(sample_payload()).splitlines() if line[:1].isdigit()]
    assert numbered == [f"{n}. {step.title}:" for n, step in enumerate(STEPS, start=1)]


def test_summary_says_permission_comes_first():
    lines = summarize(sample_payload()).splitlines()
    step_one = lines.index("1. Check your PACER account:")
    assert lines[step_one + 1] == INDENT + PERMISSION_FIRST
    assert lines[step_one + 2] == INDENT + ASK_FOR_PERMISSION


def test_summary_names_a_real_contact_and_no_help_line():
    text = summarize(sample_payload())
    assert "help line" not in text
    assert "call the Clerk's Office. Its number is on www.mad.uscourts.gov." in text


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
            "Type card or bank numbers only on PACER, never in a chat.",
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
        "Will check the Terms of Use boxes: Yes",
    ]


def test_review_lines_skip_unanswered_fields():
    answers = {"first_name": "Jane", "middle_name": "Quinn", "last_name": None}
    assert review_lines(answers) == ["First name: Jane", "Middle name: Quinn"]
