"""Every language has everything English has (locales/README.md): a response a language lacks, a
variation, a button, a text built in Python or a word list is a defect this test names.

English is the source: domain.yml's responses (staff variations aside: staff mode stays English)
and the texts of `locale_texts.python_texts`. A changed English text is a new key, so it fails
here until every language has it.
"""

from __future__ import annotations

import json
import re

import pytest
import yaml
from locale_texts import python_texts

from bot import i18n
from ops.stack import ROOT

DOMAIN = yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))
TRANSLATED = [language for language in i18n.languages() if language != i18n.ENGLISH]
WORD_LISTS = (
    "yes", "no", "negations", "declined", "declined_starts", "payment_card", "payment_bank",
    "lead_ins", "states", "language_names", "switch_fillers", "hints", "fields",
)  # fmt: skip
SLOT_IN_TEXT = re.compile(r"\{\w+\}")


def _is_staff(variation: dict) -> bool:
    return any(
        condition.get("name") == "staff_mode" and condition.get("value")
        for condition in variation.get("condition", [])
    )


def filer_variations(name: str) -> list[dict]:
    return [variation for variation in DOMAIN["responses"][name] if not _is_staff(variation)]


def test_spanish_and_portuguese_are_spoken():
    assert i18n.languages()[0] == "en"
    assert "es" in i18n.languages()


@pytest.mark.parametrize("language", TRANSLATED)
def test_every_response_is_translated_and_nothing_else(language):
    translated = i18n.responses(language)
    assert sorted(set(DOMAIN["responses"]) - set(translated)) == [], "responses not translated"
    assert sorted(set(translated) - set(DOMAIN["responses"])) == [], "responses English lacks"


@pytest.mark.parametrize("language", TRANSLATED)
def test_each_response_has_the_same_variations_buttons_and_slots(language):
    translated = i18n.responses(language)
    for name in DOMAIN["responses"]:
        english, theirs = filer_variations(name), translated.get(name, [])
        assert len(theirs) == len(english), name
        for ours, their in zip(english, theirs, strict=False):
            assert their.get("condition") == ours.get("condition"), name
            assert [b["payload"] for b in their.get("buttons") or []] == [
                b["payload"] for b in ours.get("buttons") or []
            ], name
            assert all(b["title"].strip() for b in their.get("buttons") or []), name
            assert set(SLOT_IN_TEXT.findall(their["text"])) == set(SLOT_IN_TEXT.findall(ours["text"])), name


@pytest.mark.parametrize("language", TRANSLATED)
def test_no_translation_keeps_staff_variations(language):
    for name, variations in i18n.responses(language).items():
        assert not any(_is_staff(variation) for variation in variations), name


@pytest.mark.parametrize("language", TRANSLATED)
def test_every_text_built_in_python_is_translated(language):
    missing = [line for text in python_texts() for line in i18n.untranslated_lines(text, language)]
    assert missing == []


@pytest.mark.parametrize("language", TRANSLATED)
def test_every_text_key_is_still_an_english_text(language):
    """A key whose English is gone (changed or removed) is dead text: the test names it."""
    english = python_texts()
    lines = {line.strip() for text in english for line in text.split("\n")} | set(english)
    used = set()
    for key in i18n.texts(language):
        pattern = re.compile("^" + re.sub(r"\\\{\w+(?::en)?\\\}", r".+?", re.escape(key)) + "$")
        if any(pattern.match(line) for line in lines) or any(key in line for line in lines):
            used.add(key)
    assert sorted(set(i18n.texts(language)) - used) == []


@pytest.mark.parametrize("language", TRANSLATED)
def test_every_word_list_is_there(language):
    words = i18n.words(language)
    assert [name for name in WORD_LISTS if not words.get(name)] == []
    assert set(words["language_names"]) == set(i18n.languages())


@pytest.mark.parametrize("language", TRANSLATED)
def test_every_language_names_each_form_field_in_its_own_words(language):
    assert set(i18n.words(language)["fields"]) == set(i18n.word_lists("fields"))


def test_english_names_every_language():
    assert set(i18n.words("en")["language_names"]) == set(i18n.languages())


def test_the_unsupported_reply_is_english_first_then_the_language():
    reply = i18n.unsupported_reply("fr")
    english, french = reply.split("\n\n")
    assert english == i18n.unsupported_texts()["en"]
    assert french == i18n.unsupported_texts()["fr"]
    assert i18n.unsupported_reply("xx") == i18n.unsupported_texts()["en"]


def test_the_unsupported_reply_names_the_same_contacts_as_the_english_texts():
    for text in i18n.unsupported_texts().values():
        assert "www.mad.uscourts.gov" in text
        assert "1-800-676-6856" in text
        assert "pacer@psc.uscourts.gov" in text


CHAT_JS = (ROOT / "web" / "static" / "chat.js").read_text(encoding="utf-8")
_LITERAL = r'"(?:[^"\\]|\\.)*"'
_LOOKUP = re.compile(r"\bt\(\s*((?:" + _LITERAL + r"\s*\+\s*)*" + _LITERAL + r")\s*[,)]")
_NOTICE = re.compile(r"var NOTICE =\s*((?:" + _LITERAL + r"\s*\+\s*)*" + _LITERAL + r");")


def _joined(literals: str) -> str:
    return "".join(json.loads(part) for part in re.findall(_LITERAL, literals))


def chat_strings() -> set[str]:
    """Every English string web/static/chat.js looks up with t(), and the notice."""
    found = {_joined(match) for match in _LOOKUP.findall(CHAT_JS)}
    return found | {_joined(_NOTICE.search(CHAT_JS).group(1))}


def test_the_chat_looks_its_strings_up():
    strings = chat_strings()
    assert {"Send", "Language", "Your message", "Reference code: "} <= strings
    assert any(text.startswith("This is an automated assistant") for text in strings)


@pytest.mark.parametrize("language", TRANSLATED)
def test_every_chat_string_is_translated(language):
    found = i18n.chat_strings(language)
    assert found["language_name"] != language
    assert sorted(chat_strings() - set(found["chat"])) == []
    assert sorted(set(found["chat"]) - chat_strings()) == []
