"""The help-line staff console in real Chromium, by keyboard only: refusal, sign-in, the script,
troubleshooting, the look-up of the reference the filer just made, and staff mode."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from browsing import (
    ARTIFACTS,
    Registration,
    focused_name,
    horizontal_overflow,
    say,
    serious_axe_violations,
    sign_in,
    tab_to,
    wait_for_reply,
)
from playwright.sync_api import Browser, Page

from bot.staff_session import COOKIE_NAME
from bot.troubleshooting import NOTES
from bot.walkthrough import STEPS
from ops.stack import Stack

STAFF_CHAT = "#staff-chat"


@pytest.fixture(scope="module")
def console(browser: Browser, base_url: str, stack: Stack) -> Iterator[Page]:
    """The console, signed in with the staff token, its chat greeted in staff mode."""
    context = browser.new_context(viewport={"width": 1280, "height": 1000})
    page = context.new_page()
    assert sign_in(page, base_url, stack.config.staff_token) == 200
    wait_for_reply(page, STAFF_CHAT, 0, "")  # the greeting
    yield page
    context.close()


def test_console_refuses_without_the_token(browser: Browser, base_url: str) -> None:
    context = browser.new_context()
    page = context.new_page()
    response = page.goto(base_url + "/staff")
    assert response.status == 401
    assert page.locator("h1").inner_text() == "Sign in to the staff console"
    assert page.locator("#staff-chat, #lookup-form, ol.script").count() == 0
    assert context.request.get(base_url + "/staff/proof?session_id=abcdefgh12345678").status == 401
    assert sign_in(page, base_url, "not-the-token") == 401
    assert "not right" in page.locator("[role=alert]").inner_text()
    assert not any(cookie["name"] == COOKIE_NAME for cookie in context.cookies())
    context.close()


def test_console_shows_the_script_and_troubleshooting(console: Page) -> None:
    steps = console.locator("ol.script > li")
    assert steps.count() == len(STEPS)
    assert steps.nth(3).locator("h3").inner_text() == f"Step 4: {STEPS[3].title}"
    assert STEPS[3].screen in steps.nth(3).inner_text()
    notes = console.locator("section.note h3").all_inner_texts()
    assert notes == [note.title for note in NOTES]
    cookie = next(c for c in console.context.cookies() if c["name"] == COOKIE_NAME)
    assert cookie["httpOnly"] and cookie["sameSite"] == "Strict" and cookie["secure"]


def test_look_up_reads_back_the_filers_submission(
    console: Page, registration: Registration
) -> None:
    tab_to(console, "Reference code")
    console.keyboard.type(registration.reference.lower())
    console.keyboard.press("Enter")
    status = console.locator("#lookup-status")
    status.filter(has_text="Found").wait_for()
    assert f"Found {registration.reference}: Maria Lopez" in status.inner_text()
    card = console.locator("#lookup-result .madchat-card:not([aria-busy])")
    card.wait_for()
    text = card.inner_text()
    assert f"Submission {registration.reference}" in text
    assert "Most Recent Case\n1:24-cv-10987" in text and "Phone\n617-555-0100" in text
    console.screenshot(path=ARTIFACTS / "staff-console.png", full_page=True)


def test_console_passes_axe_and_fits_320_px(console: Page) -> None:
    assert serious_axe_violations(console) == []
    console.set_viewport_size({"width": 320, "height": 800})
    assert horizontal_overflow(console) == 0
    console.set_viewport_size({"width": 1280, "height": 1000})


def test_staff_mode_answers_tersely_with_the_script_step(console: Page) -> None:
    """Staff mode answers with the script step, as short sentences to read aloud (no "=")."""
    tab_to(console, "Your message")
    assert focused_name(console) == "Your message"
    say(console, STAFF_CHAT, "which court do I pick on PACER?", "step 4 (pick the court)")
    answer = console.locator(f"{STAFF_CHAT} .madchat-msg--bot").last.inner_text()
    assert "Step 4 (Pick the court): Court Type is U.S. District Courts." in answer
