"""The content register (content/register.yml, bot/content_register.py) holds every text to account.

Every text the assistant shows has an entry with its sources and the date they were checked; the
emails, web addresses, phone numbers and other numbers a text states are exactly the facts its entry
lists, and each fact has a source of its own. The loader refuses a quote that is not on the court's
page, a page that is not an official one, an entry without a date or a fact with no source.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date

import pytest
from content_texts import all_texts

from bot.content_register import (
    COURT_PAGE_PATH,
    REGISTER_PATH,
    RegisterError,
    load,
    stated_facts,
)

REGISTER = load()
TEXTS = all_texts()
CHECKED = date(2026, 12, 2)


def facts_by_key() -> dict[str, set[str]]:
    facts: dict[str, set[str]] = defaultdict(set)
    for text in TEXTS:
        facts[text.key] |= stated_facts(text.text)
    return facts


def test_every_text_has_an_entry_and_every_entry_a_text():
    keys = {text.key for text in TEXTS}
    assert sorted(keys - set(REGISTER.texts)) == [], "texts with no entry in content/register.yml"
    assert sorted(set(REGISTER.texts) - keys) == [], "entries of texts that no longer exist"


@pytest.mark.parametrize(("key", "stated"), sorted(facts_by_key().items()))
def test_a_text_states_exactly_the_facts_its_entry_lists(key, stated):
    assert stated == set(REGISTER.texts[key].states), key


def test_every_fact_and_label_is_used():
    stated = set().union(*facts_by_key().values())
    assert sorted(set(REGISTER.facts) - stated) == []
    everything = "\n".join(text.text for text in TEXTS)
    assert [label for label in REGISTER.labels if label not in everything] == []


def test_every_entry_was_checked_on_the_date_of_the_last_review():
    entries = [*REGISTER.facts.values(), *REGISTER.labels.values(), *REGISTER.texts.values()]
    assert {entry.checked for entry in entries} == {CHECKED}


def test_phone_numbers_and_emails_come_from_the_court_or_pacer():
    for value in ("1-800-676-6856", "pacer@psc.uscourts.gov"):
        [source] = REGISTER.facts[value].sources
        assert source.kind == "court"
        assert value in source.ref


def test_made_up_examples_say_so():
    for value in ("617-555-0100", "name@example.com", "1:24-cv-10987"):
        assert REGISTER.facts[value].sources[0].kind == "none"
        assert "example" in REGISTER.facts[value].sources[0].ref


@pytest.mark.parametrize(
    ("text", "facts"),
    [
        (
            "Call 1-800-676-6856 or email pacer@psc.uscourts.gov.",
            {"1-800-676-6856", "pacer@psc.uscourts.gov"},
        ),
        ("Log in at pacer.uscourts.gov.", {"pacer.uscourts.gov"}),
        (
            "See https://www.mad.uscourts.gov/caseinfo/nextgen.htm.",
            {"https://www.mad.uscourts.gov/caseinfo/nextgen.htm"},
        ),
        ("It looks like 1:24-cv-10987.", {"1:24-cv-10987"}),
        ("Type the 5-digit ZIP code, like 02110.", {"5", "02110"}),
        ("Step 6 (Fill in your details): Steps 3-9 again. Step 2 of 10.", set()),
        ("1. Answer questions.\n2. Walk you through.", set()),
        ("Wait a few business days.", set()),
        ("Wait 3 business days.", {"3"}),
    ],
)
def test_stated_facts(text, facts):
    assert stated_facts(text) == facts


# ---------------------------------------------------------------------------
# The loader refuses a register that breaks its rules
# ---------------------------------------------------------------------------

PAGE_LINE = "Select Party as the Role in Court"


def register_with(tmp_path, body: str):
    path = tmp_path / "register.yml"
    path.write_text(body, encoding="utf-8")
    return load(path, COURT_PAGE_PATH)


def test_a_minimal_register_loads(tmp_path):
    register = register_with(
        tmp_path,
        f"""
facts:
  "5": {{sources: [{{project: bot/answers.py}}], checked: 2026-12-02}}
texts:
  utter_x: {{sources: [{{court: "{PAGE_LINE}"}}], states: ["5"], checked: 2026-12-02}}
""",
    )
    assert register.texts["utter_x"].states == frozenset({"5"})
    assert register.texts["utter_x"].sources[0].kind == "court"


@pytest.mark.parametrize(
    ("entry", "problem"),
    [
        ('{sources: [{court: "You will be approved in 3 days."}], checked: 2026-12-02}',
         "not a line of the court's page"),
        ("{sources: [{url: https://example.com/pacer}], checked: 2026-12-02}",
         "not an official https page"),
        ("{sources: [{url: http://pacer.uscourts.gov}], checked: 2026-12-02}",
         "not an official https page"),
        ("{sources: [{url: https://uscourts.gov.example.com}], checked: 2026-12-02}",
         "not an official https page"),
        ("{sources: [{project: bot/no_such_file.py}], checked: 2026-12-02}", "no such project file"),
        (f'{{sources: [{{court: "{PAGE_LINE}"}}]}}', "needs the date it was last checked"),
        ("{sources: [], checked: 2026-12-02}", "needs at least one source"),
        (
            f'{{sources: [{{court: "{PAGE_LINE}", url: https://pacer.uscourts.gov}}], '
            "checked: 2026-12-02}",
            "exactly one of",
        ),
        (
            f'{{sources: [{{court: "{PAGE_LINE}"}}], states: ["7"], checked: 2026-12-02}}',
            "states facts the register does not hold",
        ),
        ('{sources: [{none: "talk"}], states: ["5"], checked: 2026-12-02}', "needs a source"),
    ],
)
def test_the_loader_refuses_a_broken_entry(tmp_path, entry, problem):
    body = f"""
facts:
  "5": {{sources: [{{project: bot/answers.py}}], checked: 2026-12-02}}
texts:
  utter_x: {entry}
"""
    with pytest.raises(RegisterError, match=problem):
        register_with(tmp_path, body)


def test_the_register_is_in_the_repository():
    assert REGISTER_PATH.is_file() and COURT_PAGE_PATH.is_file()
