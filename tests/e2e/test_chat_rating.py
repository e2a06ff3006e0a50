"""Thumbs up / down under the assistant's answers in the web chat, in real Chromium, by keyboard."""

from __future__ import annotations

import json

from browsing import PUBLIC_CHAT, focused_name, open_chat, serious_axe_violations, tab_to
from playwright.sync_api import Browser

RATINGS = f"{PUBLIC_CHAT} .madchat-rating"


def test_an_answer_is_rated_by_keyboard_with_its_response_name(
    browser: Browser, base_url: str
) -> None:
    context = browser.new_context()
    page = context.new_page()
    try:
        open_chat(page, base_url)
        page.locator(RATINGS).first.wait_for()
        responses = page.eval_on_selector_all(
            RATINGS, "groups => groups.map(g => g.getAttribute('data-response'))"
        )
        assert responses and all(name.startswith("utter_") for name in responses), responses
        # An answer in several parts is rated once: no two groups in a row for one response.
        assert all(a != b for a, b in zip(responses, responses[1:], strict=False)), responses
        tab_to(page, "Not helpful", backwards=True)
        last = page.locator(RATINGS).last
        with page.expect_request("**/chat/rating") as sent:
            page.keyboard.press("Enter")
        request = sent.value
        assert request.method == "POST"
        body = json.loads(request.post_data or "{}")
        assert body["response"] == responses[-1] and body["rating"] == "down"
        assert set(body) == {"session_id", "response", "rating"}
        assert request.response().status == 201
        assert last.locator("button[aria-pressed='true']").get_attribute("aria-label") == (
            "Not helpful"
        )
        assert last.get_attribute("aria-label") == "Was this answer helpful?"
        assert last.locator("[role='status']").inner_text() == "Thank you for your rating."
        assert focused_name(page) == "Not helpful"
        page.keyboard.press("Shift+Tab")
        assert focused_name(page) == "Helpful"
        assert serious_axe_violations(page) == []
    finally:
        context.close()
