"""Lists that Rasa must read from its own files stay the same as their one source in `bot/`.

domain.yml and the rules repeat intent names and the form's slots because Rasa reads them
there; the step titles of the staff-mode texts repeat the walkthrough's. Each test here fails
when one of those copies drifts from its source.
"""

from __future__ import annotations

import re

import pytest
import yaml

from bot.fields import FORM_SLOT_ORDER
from bot.intents import ANSWERED_IN_FORM, FAQ_INTENTS, FORM_INTERRUPTIONS
from bot.walkthrough import STEPS
from ops.stack import ROOT


def load(path: str) -> dict:
    return yaml.safe_load((ROOT / path).read_text(encoding="utf-8"))


DOMAIN = load("domain.yml")


def rule_named(path: str, name: str) -> dict:
    [rule] = [rule for rule in load(path)["rules"] if rule["rule"] == name]
    return rule


def test_every_free_text_form_slot_skips_exactly_the_interruptions():
    skipped = [
        frozenset(mapping["not_intent"])
        for slot in DOMAIN["slots"].values()
        for mapping in slot.get("mappings", [])
        if mapping.get("type") == "from_text"
    ]
    assert skipped, "the form's slots are filled from text"
    assert set(skipped) == {FORM_INTERRUPTIONS}


def test_the_form_answers_exactly_the_questions_of_bot_intents():
    rule = rule_named(
        "data/rules/registration.yml",
        "Answer a question in the middle of the form, then ask the form's question again",
    )
    [choice] = [step["or"] for step in rule["steps"] if "or" in step]
    assert [step["intent"] for step in choice] == list(ANSWERED_IN_FORM)


def test_each_faq_intent_has_its_rule_and_response():
    rules = load("data/rules/faq.yml")["rules"]
    answered = {
        rule["steps"][0]["intent"]: rule["steps"][1]["action"]
        for rule in rules
        if rule["steps"][0].get("intent", "").startswith("ask_")
    }
    assert answered == {intent: f"utter_{intent}" for intent in FAQ_INTENTS}
    assert set(FAQ_INTENTS) <= set(DOMAIN["intents"])
    assert all(f"utter_{intent}" in DOMAIN["responses"] for intent in FAQ_INTENTS)


def test_the_form_asks_its_slots_in_the_order_of_bot_fields():
    assert DOMAIN["forms"]["registration_form"]["required_slots"] == list(FORM_SLOT_ORDER)


STEP_REFERENCE = re.compile(r"Step (\d+) \(((?:[^()]|\([^()]*\))*)\)")


@pytest.mark.parametrize("name", sorted(DOMAIN["responses"]))
def test_step_titles_in_responses_are_the_walkthrough_titles(name):
    for variation in DOMAIN["responses"][name]:
        for number, title in STEP_REFERENCE.findall(variation.get("text", "")):
            assert title == STEPS[int(number) - 1].title, (name, number)


def test_staff_texts_name_their_steps():
    references = [
        match
        for variations in DOMAIN["responses"].values()
        for variation in variations
        for match in STEP_REFERENCE.findall(variation.get("text", ""))
    ]
    assert len(references) >= 20
