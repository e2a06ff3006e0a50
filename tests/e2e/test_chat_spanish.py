"""The web chat in Spanish, in real Chromium, by keyboard only: the picker, a whole registration
in Spanish from a Spanish browser, the summary card in Spanish with PACER's English labels beside,
`lang` attributes, and axe-core."""

from __future__ import annotations

from browsing import (
    ARTIFACTS,
    PUBLIC_CHAT,
    REFERENCE,
    answer_all,
    bot_count,
    open_chat,
    serious_axe_violations,
    summary_card,
    tab_to,
    wait_for_reply,
    watch_problems,
)
from playwright.sync_api import Browser

LAUNCHER_ES = "Chat: ayuda para registrarse y presentar en línea"
MESSAGE_BOX_ES = "Su mensaje"
REGISTRATION_ES = (
    ("button", "Ayúdeme con mis respuestas", "cuál es su nombre"),
    ("type", "me llamo María", "segundo nombre"),
    ("button", "No tengo", "apellido"),
    ("type", "López", "correo electrónico"),
    ("type", "maria.lopez@example.com", "teléfono"),
    ("type", "no sé", "10 dígitos"),  # refused in Spanish, asked again
    ("type", "617-555-0100", "dirección"),
    ("type", "12 Main St Apt 4", "ciudad"),
    ("type", "Boston", "estado"),
    ("type", "MA", "código postal"),
    ("type", "02110", "número de caso"),
    ("type", "1:24-cv-10987", "formas de pago"),
    ("button", "No, lo salto", "terms of use"),
    ("button", "Sí, lo haré", "revise sus respuestas"),
    ("button", "Sí, todo está bien", "código de referencia"),
)


def test_a_registration_in_spanish_from_a_spanish_browser(browser: Browser, base_url: str) -> None:
    context = browser.new_context(locale="es-US", viewport={"width": 1280, "height": 1000})
    page = context.new_page()
    problems = watch_problems(page)
    open_chat(page, base_url, LAUNCHER_ES, "asistente automático")
    assert page.locator(".madchat-chat").get_attribute("lang") == "es"
    assert page.locator(".madchat-language-picker").input_value() == "es"
    answer_all(page, REGISTRATION_ES, MESSAGE_BOX_ES)
    card = summary_card(page)
    assert card.get_attribute("lang") == "es"
    text = card.inner_text()
    reference = REFERENCE.search(text).group()
    for expected in (
        f"Código de referencia: {reference}",
        "Resumen de su registro",
        '"Court Type" (Tipo de tribunal)\nU.S. District Courts',
        '"Role in Court" (Su papel en el caso)\nParty',
        '"First Name" (Nombre)\nMaría',
        '"Middle Name" (Segundo nombre)\ndéjelo en blanco',
        '"Most Recent Case" (Caso más reciente)\n1:24-cv-10987',
        '"Terms of Use check boxes" (Casillas de las reglas de uso)\nSí, las va a marcar en PACER',
    ):
        assert expected in text, (expected, text)
    assert set(page.eval_on_selector_all(f"{PUBLIC_CHAT} .madchat-msg", "ms => ms.map(m => m.lang)")) == {"es"}
    page.evaluate("() => document.querySelector('.madchat-card h3').scrollIntoView()")
    page.screenshot(path=ARTIFACTS / "chat-es.png")
    assert serious_axe_violations(page) == []
    assert problems == []
    context.close()


def test_the_picker_by_keyboard_switches_the_chat_and_the_answers(browser: Browser, base_url: str) -> None:
    context = browser.new_context(locale="en-US")
    page = context.new_page()
    open_chat(page, base_url)
    assert page.locator(".madchat-chat").get_attribute("lang") == "en"
    tab_to(page, "Language", backwards=True)
    before = bot_count(page, PUBLIC_CHAT)
    page.keyboard.press("ArrowDown")  # English -> Español
    wait_for_reply(page, PUBLIC_CHAT, before, "le contesto en español")
    assert page.locator(".madchat-chat").get_attribute("lang") == "es"
    assert page.locator(".madchat-language-label").inner_text() == "Idioma"
    assert page.locator(".madchat-label").inner_text() == MESSAGE_BOX_ES
    langs = page.eval_on_selector_all(f"{PUBLIC_CHAT} .madchat-msg--bot", "ms => ms.map(m => m.lang)")
    assert langs[0] == "en" and langs[-1] == "es"  # the greeting stays as it was
    options = page.eval_on_selector_all(".madchat-language-picker option", "os => os.map(o => [o.value, o.lang, o.textContent])")
    assert options[:2] == [["en", "en", "English"], ["es", "es", "Español"]]
    assert serious_axe_violations(page) == []
    context.close()
