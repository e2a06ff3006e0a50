"""Keyboard-only helpers of the browser tests: move the focus with Tab, talk to the chat, run axe.

Nothing here clicks: the tests use the page as a keyboard-only filer or staff member would.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from playwright.sync_api import Locator, Page
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from ops.stack import ROOT

ARTIFACTS = ROOT / "artifacts"
AXE_SCRIPT = ROOT / "web" / "node_modules" / "axe-core" / "axe.min.js"
REPLY_TIMEOUT_MS = 30_000
# A fast typist: the chat's rate limit (channels.guarded) refuses a filer who sends faster.
TYPING_DELAY_MS = 80
REFERENCE = re.compile(r"MAD-[0-9A-Z]{6}")
LAUNCHER = "Chat: help with e-filing sign-up"
MESSAGE_BOX = "Your message"
GREETING = "automated assistant"
PUBLIC_CHAT = ".madchat-panel"

# The filer's registration: a typed answer or a quick-reply button, then what the bot asks next.
REGISTRATION = (
    ("button", "Help me fill in my answers", "first name"),
    ("type", "Maria", "middle name"),
    ("button", "I don't have one", "last name"),
    ("type", "Lopez", "email"),
    ("type", "maria.lopez@example.com", "phone"),
    ("type", "617-555-0100", "street"),
    ("type", "12 Main St Apt 4", "city"),
    ("type", "Boston", "state"),
    ("type", "MA", "zip"),
    ("type", "02110", "case number"),
    ("type", "1:24-cv-10987", "payment"),
    ("button", "No, skip it", "terms"),
    ("button", "Yes, I will", "check your answers"),
    ("button", "Yes, all correct", "your reference code"),
)

FOCUSED_NAME = """() => {
  const e = document.activeElement;
  const label = e.labels && e.labels.length ? e.labels[0].innerText : "";
  return (label || e.getAttribute("aria-label") || e.innerText || "").trim();
}"""

REPLIED = """([scope, before, expected]) => Array.from(
  document.querySelectorAll(scope + " .madchat-msg--bot")
).slice(before).some((message) => message.textContent.toLowerCase().includes(expected))"""


@dataclass
class Registration:
    """The demo page after a completed registration, and what the browser complained about."""

    page: Page
    reference: str
    problems: list[str] = field(default_factory=list)


def watch_problems(page: Page) -> list[str]:
    """Collects console errors (a refused script or connection shows there) and page errors."""
    problems: list[str] = []
    page.on("console", lambda message: message.type == "error" and problems.append(message.text))
    page.on("pageerror", lambda error: problems.append(str(error)))
    return problems


def focused_name(page: Page) -> str:
    return page.evaluate(FOCUSED_NAME)


def tab_to(page: Page, name: str, backwards: bool = False, limit: int = 80) -> None:
    """Presses Tab (or Shift+Tab) until the element called `name` has the focus."""
    for _ in range(limit):
        page.keyboard.press("Shift+Tab" if backwards else "Tab")
        if focused_name(page) == name:
            return
    raise AssertionError(f"{name!r} never got the keyboard focus")


def bot_count(page: Page, scope: str) -> int:
    return page.locator(f"{scope} .madchat-msg--bot").count()


def wait_for_reply(page: Page, scope: str, before: int, expected: str) -> None:
    """Waits for a bot message after the first `before` that contains `expected` (any case)."""
    try:
        page.wait_for_function(
            REPLIED, arg=[scope, before, expected.lower()], timeout=REPLY_TIMEOUT_MS
        )
    except PlaywrightTimeoutError:
        log = page.locator(f"{scope} .madchat-log").inner_text()
        raise AssertionError(f"no reply with {expected!r}; the chat ends:\n{log[-1500:]}") from None


def say(
    page: Page, scope: str, text: str, expected: str, message_box: str = MESSAGE_BOX
) -> None:
    """Types `text` in the chat's message box (it must have the focus, under its label in the
    chat's language) and sends it with Enter."""
    assert focused_name(page) == message_box, focused_name(page)
    before = bot_count(page, scope)
    page.keyboard.type(text, delay=TYPING_DELAY_MS)
    page.keyboard.press("Enter")
    wait_for_reply(page, scope, before, expected)


def press_button(
    page: Page, scope: str, title: str, expected: str, message_box: str = MESSAGE_BOX
) -> None:
    """Goes back from the message box to the quick-reply button `title` and presses Enter."""
    before = bot_count(page, scope)
    tab_to(page, title, backwards=True)
    page.keyboard.press("Enter")
    wait_for_reply(page, scope, before, expected)
    assert focused_name(page) == message_box


def answer_all(
    page: Page, steps: tuple[tuple[str, str, str], ...], message_box: str = MESSAGE_BOX
) -> None:
    """Each step in the public chat: ("type" or "button", text, what the bot says next)."""
    for kind, text, expected in steps:
        if kind == "type":
            say(page, PUBLIC_CHAT, text, expected, message_box)
        else:
            press_button(page, PUBLIC_CHAT, text, expected, message_box)


def open_chat(
    page: Page, base_url: str, launcher: str = LAUNCHER, greeting: str = GREETING
) -> None:
    """Opens the demo page and the chat from its launcher button (named in the browser's
    language), by keyboard, and waits for the greeting."""
    page.goto(base_url + "/")
    tab_to(page, launcher)
    page.keyboard.press("Enter")
    wait_for_reply(page, PUBLIC_CHAT, 0, greeting)


def summary_card(page: Page) -> Locator:
    """The last summary card in the chat, once it is drawn."""
    card = page.locator(".madchat-card:not([aria-busy])").last
    card.wait_for()
    return card


def register_by_keyboard(page: Page, base_url: str) -> Registration:
    """The whole registration on the demo page, typed and pressed; returns its reference code."""
    problems = watch_problems(page)
    open_chat(page, base_url)
    answer_all(page, REGISTRATION)
    return Registration(page, REFERENCE.search(summary_card(page).inner_text()).group(), problems)


def sign_in(page: Page, base_url: str, token: str) -> int:
    """Opens the staff console, types the token into the sign-in form; returns the final status."""
    page.goto(base_url + "/staff")
    tab_to(page, "Staff token")
    page.keyboard.type(token)
    with page.expect_navigation() as navigation:
        page.keyboard.press("Enter")
    return navigation.value.status


def serious_axe_violations(page: Page) -> list[dict]:
    """axe-core's serious and critical violations on the page as it is now."""
    page.evaluate(AXE_SCRIPT.read_text(encoding="utf-8"))
    violations = page.evaluate(
        """async () => (await axe.run(document)).violations.map((v) => ({
          id: v.id, impact: v.impact, help: v.help,
          targets: v.nodes.map((n) => n.target.join(" ")).slice(0, 5)
        }))"""
    )
    return [v for v in violations if v["impact"] in ("serious", "critical")]


def horizontal_overflow(page: Page) -> int:
    """How many CSS pixels the page is wider than the window (0 when nothing overflows)."""
    return page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
