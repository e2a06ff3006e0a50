"""The web chat in Portuguese, in real Chromium, by keyboard only (issue 12): a whole registration
in Portuguese from a Brazilian browser, an answer refused in Portuguese, the summary card in
Portuguese with PACER's English labels beside, `lang` attributes, axe-core; then the staff
console's look-up of that reference names the filer's language."""

from __future__ import annotations

import re

from browsing import (
    ARTIFACTS,
    PUBLIC_CHAT,
    REFERENCE,
    answer_all,
    open_chat,
    serious_axe_violations,
    sign_in,
    summary_card,
    tab_to,
    watch_problems,
)
from playwright.sync_api import Browser

from ops.stack import Stack

LAUNCHER_PT = "Chat: ajuda com o cadastro de e-file"
MESSAGE_BOX_PT = "Sua mensagem"
REGISTRATION_PT = (
    ("button", "Me ajude com as respostas", "primeiro nome"),
    ("type", "meu nome é João", "nome do meio"),
    ("button", "Não tenho", "sobrenome"),
    ("type", "Silva", "e-mail"),
    ("type", "joao.silva@example.com", "telefone"),
    ("type", "não sei", "10 números"),  # refused in Portuguese, asked again
    ("type", "617-555-0100", "endereço"),
    ("type", "12 Main St Apt 4", "cidade"),
    ("type", "Boston", "estado"),
    ("type", "MA", "zip code"),
    ("type", "02110", "número do seu caso"),
    ("type", "1:24-cv-10987", "formas de pagamento"),
    ("button", "Não, pular", "terms of use"),
    ("button", "Sim, vou marcar", "confira suas respostas"),
    ("button", "Sim, tudo certo", "código de referência"),
)


def test_a_registration_in_portuguese_and_its_language_in_the_staff_look_up(
    browser: Browser, base_url: str, stack: Stack
) -> None:
    context = browser.new_context(locale="pt-BR", viewport={"width": 1280, "height": 1000})
    page = context.new_page()
    problems = watch_problems(page)
    open_chat(page, base_url, LAUNCHER_PT, "assistente automático")
    assert page.locator(".madchat-chat").get_attribute("lang") == "pt"
    assert page.locator(".madchat-language-picker").input_value() == "pt"
    answer_all(page, REGISTRATION_PT, MESSAGE_BOX_PT)
    card = summary_card(page)
    assert card.get_attribute("lang") == "pt"
    text = card.inner_text()
    reference = REFERENCE.search(text).group()
    for expected in (
        f"Código de referência: {reference}",
        "Resumo do seu cadastro",
        '"Court Type" (Tipo de tribunal)\nU.S. District Courts',
        '"Role in Court" (Papel no processo)\nParty',
        '"First Name" (Primeiro nome)\nJoão',
        '"Middle Name" (Nome do meio)\ndeixe em branco',
        '"Most Recent Case" (Caso mais recente)\n1:24-cv-10987',
        '"Terms of Use check boxes" (Caixas dos termos de uso)\nSim, vai marcar as caixas no PACER',
    ):
        assert expected in text, (expected, text)
    langs = page.eval_on_selector_all(f"{PUBLIC_CHAT} .madchat-msg", "ms => ms.map(m => m.lang)")
    assert set(langs) == {"pt"}
    page.evaluate("() => document.querySelector('.madchat-card h3').scrollIntoView()")
    page.screenshot(path=ARTIFACTS / "chat-pt.png")
    assert serious_axe_violations(page) == []
    assert problems == []
    context.close()

    staff = browser.new_context(viewport={"width": 1280, "height": 1000})
    console = staff.new_page()
    assert sign_in(console, base_url, stack.config.staff_token) == 200
    tab_to(console, "Reference code")
    console.keyboard.type(reference)
    console.keyboard.press("Enter")
    status = console.locator("#lookup-status")
    console.wait_for_function(
        "() => document.getElementById('lookup-status').textContent.includes('language')"
    )
    assert re.fullmatch(
        rf"Found {reference}: João Silva, confirmed \S+ \(UTC\)\. "
        r"Filer's language: Portuguese \(português\)\.",
        status.inner_text(),
    ), status.inner_text()
    assert status.locator("[lang=pt]").inner_text() == "português"
    assert serious_axe_violations(console) == []
    staff.close()
