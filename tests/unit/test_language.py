"""bot/language.py: the filer's explicit choice, the language of the first messages, and the
reply to a language the assistant does not speak."""

from __future__ import annotations

import pytest

from bot.language import Decision, decide, detect, metadata_language, requested_language


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("English", "en"),
        ("español", "es"),
        ("Espanol", "es"),
        ("en español por favor", "es"),
        ("Spanish please", "es"),
        ("I speak Spanish", "es"),
        ("¿Habla español?", "es"),
        ("quiero hablar en inglés", "en"),
        ("português", "pt"),
        ("portugues", "pt"),
        ("Portuguese, please", "pt"),
        ("em português por favor", "pt"),
    ],
)
def test_a_message_that_names_a_language_picks_it(text, code):
    assert requested_language(text) == code


@pytest.mark.parametrize(
    "text",
    [
        "my name is Maria",
        "español o inglés",  # two languages: no choice
        "I took Spanish in school and failed the class",
        "French",
        "",
        "no",
    ],
)
def test_other_messages_pick_no_language(text):
    assert requested_language(text) is None


@pytest.mark.parametrize(
    ("metadata", "code"),
    [({"language": "es"}, "es"), ({"language": "pt"}, "pt"), ({"language": "en"}, "en")],
)
def test_the_pickers_metadata_picks_a_language_we_speak(metadata, code):
    assert metadata_language(metadata) == code


@pytest.mark.parametrize("metadata", [None, "es", {}, {"language": "fr"}, {"language": ["es"]}])
def test_other_metadata_picks_nothing(metadata):
    assert metadata_language(metadata) is None


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Quiero registrarme para presentar documentos en línea", "es"),
        ("como me registro en pacer para presentar mis papeles", "es"),
        ("How do I register for e-filing in this court?", "en"),
        ("hola", "es"),
        ("buenas tardes", "es"),
        # langid alone reads these as Galician, Galician again and French.
        ("o número do caso está errado", "pt"),
        ("eu quero me cadastrar para o e-file", "pt"),
        ("oi, meu nome é Ana", "pt"),
    ],
)
def test_the_language_of_a_clear_message_is_detected(text, code):
    assert detect(text).supported == code
    assert detect(text).unsupported is None


@pytest.mark.parametrize("text", ["Maria Lopez", "12 Main St Apt 4", "02110", "ok", "MAD-7K3QX9"])
def test_a_short_message_says_nothing_about_its_language(text):
    assert detect(text) == detect("")
    assert detect(text).supported is None


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Bonjour, je voudrais de l'aide pour m'inscrire au tribunal", "fr"),
        ("我想注册电子文件，请帮助我", "zh"),
        ("Tôi cần giúp đỡ để đăng ký nộp hồ sơ điện tử", "vi"),
    ],
)
def test_a_language_we_do_not_speak_is_named(text, code):
    assert detect(text).unsupported == code
    assert detect(text).supported is None


def test_an_explicit_choice_wins_over_the_text_and_the_current_language():
    assert decide("How do I register?", {"language": "es"}, "en", False) == Decision("es")
    assert decide("español", {}, "en", True) == Decision("es")  # also while the form asks


def test_a_choice_of_the_current_language_changes_nothing():
    assert decide("español", {}, "es", False) == Decision()


def test_detection_only_while_no_language_is_set():
    spanish = "Quiero registrarme para presentar documentos en línea"
    assert decide(spanish, {}, None, False) == Decision("es")
    assert decide(spanish, {}, "en", False) == Decision()


def test_no_detection_while_a_form_question_waits_for_an_answer():
    assert decide("Quiero registrarme para presentar documentos", {}, None, True) == Decision()


def test_a_language_we_do_not_speak_is_reported_while_none_is_set():
    french = "Bonjour, je voudrais de l'aide pour m'inscrire au tribunal"
    assert decide(french, {}, None, False) == Decision(None, "fr")
    assert decide(french, {}, "en", False) == Decision()
