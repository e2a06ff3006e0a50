"""The staff console's warm hand-off panel in real Chromium, by keyboard only (issue 13): a filer
on the demo page asks for a person and gets a help code; staff type it into the console, see the
chat, take over, write to the filer, have a bad answer refused and correct one, hand back; axe-core
finds no serious or critical issue on the console with the panel in use."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from browsing import (
    ARTIFACTS,
    PUBLIC_CHAT,
    bot_count,
    focused_name,
    open_chat,
    say,
    serious_axe_violations,
    sign_in,
    tab_to,
    wait_for_reply,
    watch_problems,
)
from playwright.sync_api import Browser, Page

from bot.help_codes import HELP_CODE_PATTERN
from ops.stack import Stack

STAFF_TEXT = "Hello, this is Ana from the Clerk's Office."
WAIT_MS = 30_000


@pytest.fixture(scope="module")
def filer(browser: Browser, base_url: str) -> Iterator[tuple[Page, str]]:
    """The demo page's chat, in the form at the middle name, after asking for a person."""
    context = browser.new_context(viewport={"width": 1280, "height": 1000})
    page = context.new_page()
    problems = watch_problems(page)
    open_chat(page, base_url)
    say(page, PUBLIC_CHAT, "please register me for e-filing", "first name")
    say(page, PUBLIC_CHAT, "Maria", "middle name")
    say(page, PUBLIC_CHAT, "can i talk to a real person instead", "help code")
    code = re.search(HELP_CODE_PATTERN, page.locator(PUBLIC_CHAT).inner_text()).group()
    yield page, code
    assert problems == []
    context.close()


@pytest.fixture(scope="module")
def console(browser: Browser, base_url: str, stack: Stack) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 1000})
    page = context.new_page()
    problems = watch_problems(page)
    assert sign_in(page, base_url, stack.config.staff_token) == 200
    yield page
    # The sign-in page's 401 and the refused answer's 400 show as failed loads; nothing else may.
    assert [p for p in problems if not p.startswith("Failed to load resource")] == []
    context.close()


def filer_sees(page: Page, text: str) -> None:
    page.locator(PUBLIC_CHAT).get_by_text(text, exact=False).last.wait_for(timeout=WAIT_MS)


def test_staff_take_over_correct_and_hand_back_by_keyboard(filer, console: Page) -> None:
    filer_page, code = filer
    tab_to(console, "Help code")
    console.keyboard.type(code.lower().replace("-", " "))  # as heard on the phone
    console.keyboard.press("Enter")
    status = console.locator("#handoff-status")
    status.filter(has_text="Showing the chat").wait_for(timeout=WAIT_MS)
    assert status.inner_text() == f"Showing the chat {code}. It updates every few seconds."
    facts = console.locator(".handoff-facts").inner_text()
    assert "Language\nEnglish" in facts and "Form question: Middle name (0 answers refused)" in facts
    assert console.locator("#handoff-answers").inner_text() == "First name: Maria"

    tab_to(console, "Take over the chat")
    console.keyboard.press("Enter")
    status.filter(has_text="You took over").wait_for(timeout=WAIT_MS)
    assert focused_name(console) == "Message to the filer"
    filer_sees(filer_page, "A person from the court joined this chat")
    assert serious_axe_violations(console) == []

    console.keyboard.type(STAFF_TEXT)
    tab_to(console, "Send")
    console.keyboard.press("Enter")
    status.filter(has_text="Sent.").wait_for(timeout=WAIT_MS)
    filer_sees(filer_page, STAFF_TEXT)
    staff_line = console.locator("#handoff-messages .from-staff").last
    assert staff_line.inner_text() == f"Court staff: {STAFF_TEXT}"

    tab_to(console, "Answer to correct")
    console.keyboard.type("Email")  # a select's type-ahead
    assert console.locator("#handoff-slot").input_value() == "email"
    tab_to(console, "Right answer")
    console.keyboard.type("maria@")
    console.keyboard.press("Enter")
    alert = console.locator("#handoff-alert")
    alert.filter(has_text="email address").wait_for(timeout=WAIT_MS)
    assert focused_name(console) == "Right answer"
    assert serious_axe_violations(console) == []

    tab_to(console, "Answer to correct", backwards=True)
    console.keyboard.type("First name")
    tab_to(console, "Right answer")
    console.keyboard.press("Control+A")
    console.keyboard.type("mariana")
    console.keyboard.press("Enter")
    status.filter(has_text="Saved the answer: First name.").wait_for(timeout=WAIT_MS)
    assert console.locator("#handoff-answers").inner_text() == "First name: Mariana"
    panel = console.locator("section[aria-labelledby=handoff-title]")
    panel.screenshot(path=ARTIFACTS / "staff-handoff.png")

    before = bot_count(filer_page, PUBLIC_CHAT)
    tab_to(console, "Hand back to the assistant")
    console.keyboard.press("Enter")
    status.filter(has_text="You handed the chat back").wait_for(timeout=WAIT_MS)
    assert focused_name(console) == "Take over the chat"
    filer_sees(filer_page, "The person from the court left this chat")
    wait_for_reply(filer_page, PUBLIC_CHAT, before, "middle name")  # the form asks again
    assert serious_axe_violations(console) == []
