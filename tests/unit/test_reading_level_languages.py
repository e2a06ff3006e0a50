"""Every filer text in Spanish and Portuguese reads at a grade-6 level, by a formula made for
that language (textstat 0.7.8):

- Spanish: Fernández-Huerta (`textstat.fernandez_huerta`, Spanish syllables), at least 70:
  "bastante fácil", the band of 6th grade (80-90 is 5th grade, 60-70 is 7th-8th grade);
- Portuguese: Flesch adapted to Portuguese by Martins et al. (1996), 248.835 - 1.015 ASL -
  84.6 ASW, which is textstat's Flesch reading ease with Portuguese syllables plus 42; at least
  50: "fácil", the band of the 5th to 8th grades.

The texts: each language's responses (staff mode stays English) and every text built in Python,
translated. As in the English test (`bot.content_register.for_reading_level`), PACER's labels,
anything in quotes (the English labels PACER shows), addresses and numbers count as one short
word and each line is a sentence. Texts under 12 words (a button, a field label) are left out:
these formulas say nothing about a few words.
"""

from __future__ import annotations

import re

import pytest
import textstat
from locale_texts import python_texts

from bot import i18n
from bot.content_register import STAND_IN, for_reading_level, load

LABELS = load().labels
QUOTED = re.compile(r'"[^"\n]*"')
MIN_WORDS = 12
SPANISH_MIN_FERNANDEZ_HUERTA = 70.0
PORTUGUESE_MIN_FLESCH = 50.0
MARTINS_OFFSET = 248.835 - 206.835  # Martins et al.'s base minus Flesch's; the weights are Flesch's


def prepared(text: str) -> str:
    return for_reading_level(QUOTED.sub(STAND_IN, text), LABELS)


def score(text: str, language: str) -> float:
    textstat.set_lang(language)
    try:
        if language == "es":
            return textstat.fernandez_huerta(text)
        return textstat.flesch_reading_ease(text) + MARTINS_OFFSET
    finally:
        textstat.set_lang("en_US")  # textstat's language is global: leave it as the other tests expect


MINIMUM = {"es": SPANISH_MIN_FERNANDEZ_HUERTA, "pt": PORTUGUESE_MIN_FLESCH}


def filer_texts(language: str) -> list[tuple[str, str]]:
    texts = [
        (name, variation["text"])
        for name, variations in i18n.responses(language).items()
        for variation in variations
    ]
    texts += [("python", i18n.translate(text, language)) for text in python_texts()]
    return [(key, prepared(text)) for key, text in texts if len(prepared(text).split()) >= MIN_WORDS]


CASES = [
    pytest.param(language, key, text, id=f"{language}-{key}-{number}")
    for language in MINIMUM
    if language in i18n.languages()
    for number, (key, text) in enumerate(filer_texts(language))
]


@pytest.mark.parametrize(("language", "key", "text"), CASES)
def test_filer_text_reads_at_grade_six(language, key, text):
    assert score(text, language) >= MINIMUM[language], text


def test_most_texts_are_measured():
    assert len([case for case in CASES if case.values[0] == "es"]) > 100


@pytest.mark.parametrize(
    ("language", "hard"),
    [
        (
            "es",
            "No obstante los requerimientos administrativos anteriormente mencionados, los "
            "solicitantes deberán fundamentar documentalmente su legitimación procesal.",
        ),
        (
            "pt",
            "Não obstante os requerimentos administrativos anteriormente mencionados, os "
            "requerentes deverão fundamentar documentalmente sua legitimidade processual.",
        ),
    ],
)
def test_the_measure_fails_a_hard_text(language, hard):
    assert score(hard, language) < MINIMUM[language]


def test_the_english_measure_is_left_as_it_was():
    score("Una frase corta y fácil de leer para todos.", "es")
    assert textstat.flesch_kincaid_grade("The cat sat on the mat.") < 3
