"""The filer's chat on the demo court page, in real Chromium, by keyboard only."""

from __future__ import annotations

import json
from pathlib import Path

from browsing import (
    ARTIFACTS,
    LAUNCHER,
    PUBLIC_CHAT,
    Registration,
    focused_name,
    horizontal_overflow,
    open_chat,
    say,
    serious_axe_violations,
    tab_to,
)
from playwright.sync_api import Browser, expect

OFFICIAL = ("https://pacer.uscourts.gov/", "https://www.mad.uscourts.gov/", "https://uscourts.gov/")


def test_registration_ends_with_the_summary_card(registration: Registration) -> None:
    page, reference = registration.page, registration.reference
    card = page.locator(".madchat-card").last
    text = card.inner_text()
    for expected in (
        f"Reference code: {reference}",
        "Court Type\nU.S. District Courts",
        "Court\nMassachusetts District Court",
        "Role in Court\nParty",
        "First Name\nMaria",
        "Middle Name\nleave blank",
        "Email\nmaria.lopez@example.com",
        "Most Recent Case\n1:24-cv-10987",
        "Admission fees\nNone for now",
        "Terms of Use check boxes\nYes, will check them on PACER",
    ):
        assert expected in text, (expected, text)
    page.evaluate("() => document.querySelector('.madchat-card h3').scrollIntoView()")
    page.screenshot(path=ARTIFACTS / "chat.png")


def test_nothing_was_refused_by_the_security_policy(registration: Registration) -> None:
    assert registration.problems == []


def test_summary_downloads_and_prints_by_keyboard(registration: Registration) -> None:
    page, reference = registration.page, registration.reference
    page.evaluate("() => { window.printed = 0; window.print = () => { window.printed += 1; }; }")
    with page.expect_download() as text_download:
        tab_to(page, "Download my summary", backwards=True)
        page.keyboard.press("Enter")
    text = Path(text_download.value.path()).read_text()
    assert text_download.value.suggested_filename == f"mad-efile-summary-{reference}.txt"
    assert f"Reference code: {reference}" in text and "Most Recent Case: 1:24-cv-10987" in text
    with page.expect_download() as json_download:
        tab_to(page, "Download as data (JSON)")
        page.keyboard.press("Enter")
    payload = json.loads(Path(json_download.value.path()).read_text())
    assert payload["reference"] == reference and payload["last_name"] == "Lopez"
    tab_to(page, "Print")
    page.keyboard.press("Enter")
    assert page.evaluate("() => window.printed") == 1


def test_only_official_sites_become_links(registration: Registration) -> None:
    page = registration.page
    hrefs = page.eval_on_selector_all(f"{PUBLIC_CHAT} .madchat-log a", "as => as.map(a => a.href)")
    assert hrefs and all(href.startswith(OFFICIAL) for href in hrefs), hrefs
    rendered = page.evaluate(
        """() => {
          const box = document.createElement("div");
          box.appendChild(MadChat.renderText(
            "See https://evil.example/pacer.uscourts.gov, pacer.uscourts.gov/login. " +
            "Mail pacer@psc.uscourts.gov. <img src=x onerror=alert(1)> (www.mad.uscourts.gov)."));
          return {links: Array.from(box.querySelectorAll("a"), (a) => a.href),
                  images: box.querySelectorAll("img").length, text: box.textContent};
        }"""
    )
    assert rendered["links"] == [
        "https://pacer.uscourts.gov/login",
        "https://www.mad.uscourts.gov/",
    ]
    assert rendered["images"] == 0 and "<img src=x onerror=alert(1)>" in rendered["text"]


KEPT_SESSION_ID = "() => JSON.parse(sessionStorage['madchat:filer']).session_id"


def test_reload_keeps_the_conversation(registration: Registration) -> None:
    page = registration.page
    log = page.locator(f"{PUBLIC_CHAT} .madchat-log")
    session_id = page.evaluate(KEPT_SESSION_ID)
    filled_cards = page.locator(f"{PUBLIC_CHAT} .madchat-card:not([aria-busy])")
    cards = filled_cards.count()
    before = log.inner_text()
    page.reload()
    # A kept summary card fills in once its layout has loaded: wait for that, not a race.
    expect(filled_cards).to_have_count(cards)
    assert log.inner_text() == before
    assert registration.reference in page.locator(".madchat-card").last.inner_text()
    assert page.evaluate(KEPT_SESSION_ID) == session_id
    # The conversation goes on with the same session after the reload.
    tab_to(page, "Your message")
    say(page, PUBLIC_CHAT, "what happens after I submit the request?", "email")


def test_a_new_tab_keeps_nothing_of_the_last_filers_chat(
    registration: Registration, base_url: str
) -> None:
    """On a shared computer, the next person's tab shows none of the earlier conversation."""
    page = registration.page.context.new_page()
    try:
        open_chat(page, base_url)
        log = page.locator(f"{PUBLIC_CHAT} .madchat-log").inner_text()
        assert registration.reference not in log and "Lopez" not in log
        assert page.evaluate("() => localStorage.length") == 0
        assert page.evaluate(KEPT_SESSION_ID) != registration.page.evaluate(KEPT_SESSION_ID)
    finally:
        page.close()


def test_demo_page_with_the_chat_open_passes_axe(browser: Browser, base_url: str) -> None:
    context = browser.new_context()
    page = context.new_page()
    open_chat(page, base_url)
    assert page.evaluate("() => document.activeElement.className") == "madchat-input"
    assert serious_axe_violations(page) == []
    context.close()


def test_focus_is_visible_and_motion_can_stop(browser: Browser, base_url: str) -> None:
    context = browser.new_context(reduced_motion="reduce")
    page = context.new_page()
    open_chat(page, base_url)
    style = page.evaluate(
        "() => { const s = getComputedStyle(document.activeElement);"
        " return [s.outlineStyle, parseFloat(s.outlineWidth)]; }"
    )
    assert style[0] != "none" and style[1] >= 2
    dot = page.evaluate(
        "() => getComputedStyle(document.querySelector('.madchat-dot')).animationName"
    )
    assert dot == "none"
    page.keyboard.press("Escape")
    assert focused_name(page) == LAUNCHER
    context.close()


def test_nothing_overflows_at_320_px_or_at_200_percent_zoom(
    browser: Browser, base_url: str
) -> None:
    # 200% zoom of a 1280 x 800 window leaves 640 x 400 CSS pixels.
    for width, height in ((320, 640), (640, 400)):
        context = browser.new_context(viewport={"width": width, "height": height})
        page = context.new_page()
        open_chat(page, base_url)
        assert horizontal_overflow(page) == 0, width
        panel = page.locator(PUBLIC_CHAT).bounding_box()
        assert panel["x"] >= 0 and panel["x"] + panel["width"] <= width, (width, panel)
        say(page, PUBLIC_CHAT, "who can register for e-filing?", "no lawyer (pro se)")
        assert horizontal_overflow(page) == 0, width
        context.close()
