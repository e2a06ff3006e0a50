"""Real headless Chromium against the real stack (action server, web app, Rasa) on free ports.

Chromium is Debian's (/usr/bin/chromium, `make browser`), driven by the Python `playwright`
package; Playwright never downloads a browser here. The filer's whole registration is done once,
by keyboard only, and shared by the chat tests and the staff console's look-up.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from browsing import ARTIFACTS, Registration, register_by_keyboard
from playwright.sync_api import Browser, sync_playwright

from ops.local_stack import free_port, local_config, running
from ops.stack import Stack

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    web_port = free_port()
    config = local_config(
        tmp_path_factory.mktemp("e2e"),
        web_port=web_port,
        cors_origins=(f"http://localhost:{web_port}",),
    )
    with running(config) as running_stack:
        yield running_stack


@pytest.fixture(scope="session")
def base_url(stack: Stack) -> str:
    """The web app as a browser on the court's site would reach it."""
    return f"http://localhost:{stack.config.web_port}"


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def registration(browser: Browser, base_url: str) -> Iterator[Registration]:
    """A filer's whole registration on the demo page, by keyboard; the page stays open."""
    context = browser.new_context(viewport={"width": 1280, "height": 1000})
    try:
        yield register_by_keyboard(context.new_page(), base_url)
    finally:
        context.close()
