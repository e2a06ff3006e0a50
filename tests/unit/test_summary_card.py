"""The summary card's layout (bot/summary_card.py): every payload answer, by its PACER name."""

from __future__ import annotations

from sample_registration import sample_payload

from bot.fields import FORM_FIELDS, PAYMENT_SCREEN, PERSONAL_SCREEN, TERMS_SCREEN
from bot.payload import payload_json
from bot.summary_card import COURT_SCREEN, card_layout

LAYOUT = card_layout()


def keys() -> list[str]:
    return [field["key"] for section in LAYOUT["sections"] for field in section["fields"]]


def test_sections_follow_the_pacer_screens():
    titles = [section["title"] for section in LAYOUT["sections"]]
    assert titles == [COURT_SCREEN, PERSONAL_SCREEN, PAYMENT_SCREEN, TERMS_SCREEN]


def test_every_payload_answer_is_shown_once():
    shown = keys()
    assert len(shown) == len(set(shown))
    hidden = set(payload_json(sample_payload())) - set(shown)
    assert hidden == {"schema_version", "reference", "created_at"}


def test_labels_are_the_pacer_field_names():
    labels = {f["key"]: f["label"] for s in LAYOUT["sections"] for f in s["fields"]}
    assert labels["court_type"] == "Court Type" and labels["role_in_court"] == "Role in Court"
    for form_field in FORM_FIELDS:
        assert labels[form_field.slot] == form_field.pacer_field


def test_codes_become_words():
    values = {f["key"]: f["values"] for s in LAYOUT["sections"] for f in s["fields"]}
    assert values["efiling_fees_method"]["ach"] == "ACH (bank account)"
    assert values["admission_fees_method"]["none"] == "None for now"
    assert values["terms_accepted"] == {"true": "Yes, will check them on PACER"}
    assert values["middle_name"] == {"": "leave blank"}
