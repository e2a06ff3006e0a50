"""The warm hand-off in the filer's web chat, in real Chromium, by keyboard (issue 13): asking for a
person shows the contacts and a help code, large, in a labelled group with a Copy button; a message
from court staff is shown under a visible "Court staff" label; axe-core finds no serious or critical
issue; no server's log names the code or the conversation. Staff's message is appended as the staff
console appends it (Rasa's HTTP API, the BotUttered of the hand-off contract); the console itself:
test_staff_handoff.py."""

from __future__ import annotations

import json
import re
import urllib.request
from urllib.parse import quote

from browsing import (
    ARTIFACTS,
    PUBLIC_CHAT,
    focused_name,
    open_chat,
    say,
    serious_axe_violations,
    tab_to,
)
from playwright.sync_api import Browser

from bot.help_codes import HELP_CODE_PATTERN
from ops.stack import Stack

CODE_BOX = f"{PUBLIC_CHAT} .madchat-help-code"
STAFF_TEXT = "Hi, this is Sam at the Clerk's Office. I can see your chat."
WAIT_MS = 30_000


def append_events(stack: Stack, conversation: str, events: list[dict]) -> None:
    """Appends events to a conversation and sends their messages to its chat, as staff's do."""
    url = (
        f"http://127.0.0.1:{stack.config.rasa_port}/conversations/{quote(conversation, safe=':')}"
        f"/tracker/events?execute_side_effects=true&output_channel=latest"
        f"&token={stack.config.rasa_auth_token}"
    )
    request = urllib.request.Request(
        url, json.dumps(events).encode(), {"Content-Type": "application/json"}, method="POST"
    )
    with urllib.request.urlopen(request, timeout=30) as reply:
        assert reply.status == 200


def test_a_person_asked_for_gives_a_help_code_to_copy_and_staff_are_labelled(
    browser: Browser, base_url: str, stack: Stack
) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 1000})
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base_url)
    page = context.new_page()
    try:
        open_chat(page, base_url)
        say(page, PUBLIC_CHAT, "can i talk to a real person please", "help code")
        box = page.locator(CODE_BOX).last
        box.wait_for(timeout=WAIT_MS)
        code = box.locator(".madchat-help-code-value").inner_text()
        assert re.fullmatch(HELP_CODE_PATTERN, code), code
        chat_text = page.locator(f"{PUBLIC_CHAT} .madchat-log").inner_text()
        assert "Clerk's Office" in chat_text and "pacer@psc.uscourts.gov" in chat_text
        assert f"Your help code is {code}." in chat_text
        label_id = box.get_attribute("aria-labelledby")
        assert box.get_attribute("role") == "group"
        assert page.locator(f"#{label_id}").inner_text() == "Your help code"

        tab_to(page, "Copy the code", backwards=True)
        page.keyboard.press("Enter")
        status = box.locator("[role='status']")
        status.filter(has_text="Copied.").wait_for(timeout=WAIT_MS)
        assert page.evaluate("navigator.clipboard.readText()") == code
        assert focused_name(page) == "Copy the code"
        assert serious_axe_violations(page) == []

        session = page.evaluate("JSON.parse(sessionStorage.getItem('madchat:filer')).session_id")
        staff = {
            "event": "bot",
            "text": STAFF_TEXT,
            "data": {"custom": {"staff_message": STAFF_TEXT}},
            "metadata": {"from_staff": True},
        }
        append_events(stack, f"webchat:{session}", [staff])
        message = page.locator(f"{PUBLIC_CHAT} .madchat-msg--staff").last
        message.wait_for(timeout=WAIT_MS)
        assert message.locator(".madchat-staff-label").inner_text() == "Court staff"
        assert message.locator(".madchat-text").inner_text() == STAFF_TEXT
        assert message.locator(".madchat-text").get_attribute("lang") == "en"
        # Shown once, as staff's, not also as the assistant's.
        assert page.locator(f"{PUBLIC_CHAT} .madchat-msg--bot", has_text=STAFF_TEXT).count() == 0
        assert serious_axe_violations(page) == []
        page.screenshot(path=ARTIFACTS / "chat-handoff.png", full_page=True)
        for server in ("rasa", "actions", "web"):  # no log names the code or the conversation
            log = (stack.config.log_dir / f"{server}.log").read_text(encoding="utf-8")
            assert code not in log and session not in log, server
    finally:
        context.close()
