"""The court's dashboard in real Chromium, by keyboard only: sign in, pick a period, axe-core.

The web app runs alone (`python -m web.app`, no Rasa needed) over a tracker store holding the
known conversations of tests/dashboard_conversations.py, written by Rasa's SQLTrackerStore.
"""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from browsing import ARTIFACTS, focused_name, serious_axe_violations, tab_to
from dashboard_conversations import PERIOD, save_all
from playwright.sync_api import Browser
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain

from ops.local_stack import free_port
from ops.stack import ROOT

DASHBOARD_TOKEN = "e2e-dashboard-token-0123456789"
START_TIMEOUT_S = 60


@pytest.fixture(scope="module")
def dashboard_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    workdir = tmp_path_factory.mktemp("dashboard")
    store = SQLTrackerStore(Domain.empty(), db=str(workdir / "tracker.db"))
    with ThreadPoolExecutor(1) as thread:  # Playwright's own event loop runs in this one
        thread.submit(asyncio.run, save_all(store)).result()
    store.engine.dispose()
    port = free_port()
    env = {
        **os.environ,
        "STAFF_TOKEN": "e2e-staff-token",
        "DASHBOARD_TOKEN": DASHBOARD_TOKEN,
        "DASHBOARD_TRACKER_DB_URL": f"sqlite:///{workdir / 'tracker.db'}",
        "SUBMISSIONS_DB_URL": f"sqlite:///{workdir / 'submissions.db'}",
        "WEB_HOST": "127.0.0.1",
        "WEB_PORT": str(port),
        "RASA_TELEMETRY_ENABLED": "false",
    }
    log = (workdir / "web.log").open("w")
    web = subprocess.Popen(
        [sys.executable, "-m", "web.app"], cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT
    )
    base = f"http://localhost:{port}"
    try:
        deadline = time.monotonic() + START_TIMEOUT_S
        while True:
            try:
                urllib.request.urlopen(f"{base}/health", timeout=2).close()
                break
            except OSError:
                if time.monotonic() > deadline or web.poll() is not None:
                    raise AssertionError(Path(log.name).read_text()) from None
                time.sleep(0.3)
        yield base
    finally:
        web.terminate()
        web.wait(timeout=20)
        log.close()


def test_the_dashboard_by_keyboard_passes_axe(browser: Browser, dashboard_url: str) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 1000})
    page = context.new_page()
    problems: list[str] = []
    page.on("console", lambda message: message.type == "error" and problems.append(message.text))
    try:
        page.goto(f"{dashboard_url}/dashboard")
        assert serious_axe_violations(page) == []
        tab_to(page, "Dashboard token")
        page.keyboard.type(DASHBOARD_TOKEN)
        page.keyboard.press("Enter")
        page.wait_for_selector("h1:has-text('What filers struggle with')")
        problems.clear()  # the sign-in page's own 401
        # Chromium's date fields take month, day and year typed in a row (en-US).
        tab_to(page, "First day")
        page.keyboard.type(PERIOD.first.strftime("%m%d%Y"))
        tab_to(page, "Last day")
        page.keyboard.type(PERIOD.last.strftime("%m%d%Y"))
        tab_to(page, "Show")
        page.keyboard.press("Enter")
        page.wait_for_url(f"**/dashboard?from={PERIOD.first}&to={PERIOD.last}")
        funnel = page.locator("table", has=page.locator("caption", has_text="question by question"))
        assert "Email 3 1 3" in " ".join(funnel.inner_text().split())
        assert page.locator("svg[role='img'] title").count() == 5
        assert serious_axe_violations(page) == []
        tab_to(page, "Download the form, question by question (CSV)")
        assert focused_name(page) == "Download the form, question by question (CSV)"
        page.screenshot(path=ARTIFACTS / "dashboard.png", full_page=True)
        assert problems == []
    finally:
        context.close()
