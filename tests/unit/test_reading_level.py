"""Every text a filer reads is at Flesch-Kincaid grade 6 or below, measured with textstat.

Staff texts (the staff-mode answers, the console's notes and screen descriptions) are left out.
PACER's own labels (content/register.yml, `labels`) and the emails, web addresses and numbers a
filer copies count as one short word, and each line counts as a sentence:
`bot.content_register.for_reading_level` says why.
"""

from __future__ import annotations

import pytest
import textstat
from content_texts import all_texts

from bot.content_register import STAND_IN, for_reading_level, load

MAX_GRADE = 6.0
LABELS = load().labels
FILER_TEXTS = [text for text in all_texts() if not text.staff]


def grade(text: str) -> float:
    return textstat.flesch_kincaid_grade(for_reading_level(text, LABELS))


@pytest.mark.parametrize("text", FILER_TEXTS, ids=lambda text: text.key)
def test_filer_text_is_at_grade_six_or_below(text):
    assert grade(text.text) <= MAX_GRADE, for_reading_level(text.text, LABELS)


def test_every_kind_of_filer_text_is_measured():
    kinds = {text.key.split(".")[0] if "." in text.key else "domain" for text in FILER_TEXTS}
    assert kinds == {"domain", "walkthrough", "summary", "answers", "case_number"}
    assert len(FILER_TEXTS) > 100


def test_the_measure_fails_a_hard_text():
    hard = (
        "Notwithstanding the aforementioned administrative requirements, prospective registrants "
        "must substantiate their eligibility through documentation demonstrating authorization."
    )
    assert grade(hard) > MAX_GRADE


def test_labels_addresses_and_numbers_count_as_one_short_word():
    text = "Click Non-Attorney Admission / E-File Registration at pacer.uscourts.gov, like 02110."
    assert for_reading_level(text, LABELS) == f"Click {STAND_IN} at {STAND_IN}, like {STAND_IN}."


def test_each_line_is_a_sentence():
    text = "Payment screen:\n   - Autobill PACER fees: Credit card\n1. Log in"
    assert for_reading_level(text, LABELS) == "Payment screen. it: Credit card. Log in."
