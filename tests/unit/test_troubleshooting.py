"""The staff console's troubleshooting notes (bot/troubleshooting.py) match the court's page."""

from __future__ import annotations

import re

from bot.troubleshooting import NOTES, PACER_SERVICE_CENTER


def text_of(title_part: str) -> str:
    [note] = [note for note in NOTES if title_part.lower() in note.title.lower()]
    return " ".join([note.title, note.symptom, *note.steps])


def test_every_problem_of_the_brief_has_a_note_with_steps():
    for part in ("not upgraded", "already exist", "case number", "ACH", "No email"):
        assert text_of(part)
    assert all(note.symptom and len(note.steps) >= 3 for note in NOTES)
    assert len({note.title for note in NOTES}) == len(NOTES)


def test_facts_from_the_court_page():
    assert "NextGen" in text_of("not upgraded")
    assert "Most Recent Case" in text_of("case number")
    assert "new request" in text_of("case number")
    ach = text_of("ACH")
    assert "does not take ACH for Attorney Admissions fees" in ach and "credit card" in ach
    assert "optional" in ach
    assert "spam" in text_of("No email")


def test_pacer_service_center_is_the_courts_contact():
    assert PACER_SERVICE_CENTER == (
        "PACER Service Center: pacer@psc.uscourts.gov or 1-800-676-6856"
    )
    assert PACER_SERVICE_CENTER in text_of("already exist")


def test_no_phone_number_but_the_pacer_service_centers():
    everything = " ".join(text_of(note.title) for note in NOTES)
    phone_numbers = re.findall(r"(?:1-)?\(?\d{3}\)?[-. ]\d{3}[-. ]\d{4}", everything)
    assert set(phone_numbers) == {"1-800-676-6856"}


def test_never_asks_for_card_or_bank_numbers_on_the_phone():
    assert "Never take card or bank numbers on the phone" in text_of("ACH")
