"""Tests for web/dashboard.py over HTTP: the token, sign-in, the page, its charts, the CSV files."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest
from dashboard_conversations import PERIOD, save_all
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain
from sanic import Sanic
from served import STAFF_TOKEN, served

from bot.dashboard import Period, Table
from web.app import create_app
from web.dashboard import COOKIE_NAME, bars_svg, csv_text, period_of

DASHBOARD_TOKEN = "d4shboard-token-for-tests"
TRACKER_TABLES = (
    "conversations",
    "completion",
    "topics",
    "unanswered",
    "funnel",
    "handoffs",
    "languages",
)
TABLES = (*TRACKER_TABLES, "ratings")
IN_PERIOD = f"from={PERIOD.first.isoformat()}&to={PERIOD.last.isoformat()}"


@pytest.fixture(params=["DASHBOARD_TRACKER_DB_URL", "RASA_ENDPOINTS"])
async def dashboard_client(request, store, monkeypatch, tmp_path):
    """The web app with the dashboard on, over the known conversations in a SQLite tracker
    store named by DASHBOARD_TRACKER_DB_URL, or, that unset, by the Rasa servers' endpoints file."""
    path = tmp_path / "tracker.db"
    tracker_store = SQLTrackerStore(Domain.empty(), db=str(path))
    await save_all(tracker_store)
    tracker_store.engine.dispose()
    monkeypatch.setattr(Sanic, "test_mode", True)
    monkeypatch.setenv("DASHBOARD_TOKEN", DASHBOARD_TOKEN)
    if request.param == "DASHBOARD_TRACKER_DB_URL":
        monkeypatch.setenv("DASHBOARD_TRACKER_DB_URL", f"sqlite:///{path}")
    else:
        monkeypatch.delenv("DASHBOARD_TRACKER_DB_URL", raising=False)
        endpoints = tmp_path / "endpoints.yml"
        endpoints.write_text(
            "action_endpoint:\n  url: ${ACTION_ENDPOINT_URL}\n"
            f"tracker_store:\n  type: SQL\n  dialect: sqlite\n  db: {path}\n"
        )
        monkeypatch.setenv("RASA_ENDPOINTS", str(endpoints))
    monkeypatch.setenv("SUBMISSIONS_DB_URL", f"sqlite:///{tmp_path / 'submissions.db'}")
    async with served(create_app(store, STAFF_TOKEN)) as session:
        yield session


async def sign_in(client, token: str):
    return await client.post("/dashboard/sign-in", data={"token": token}, allow_redirects=False)


async def signed_in(client) -> dict[str, str]:
    async with await sign_in(client, DASHBOARD_TOKEN) as response:
        assert response.status == 303 and response.headers["Location"] == "/dashboard"
        cookie = response.cookies[COOKIE_NAME]
        assert cookie["httponly"] is True and cookie["secure"] is True
        assert cookie["samesite"] == "Strict" and DASHBOARD_TOKEN not in cookie.value
        return {"Cookie": f"{COOKIE_NAME}={cookie.value}"}


async def test_without_sign_in_the_page_is_the_sign_in_form(dashboard_client):
    async with dashboard_client.get("/dashboard") as response:
        assert response.status == 401
        page = await response.text()
    assert 'action="/dashboard/sign-in"' in page and "Conversations per day" not in page


async def test_the_staff_token_does_not_open_the_dashboard(dashboard_client):
    async with await sign_in(dashboard_client, STAFF_TOKEN) as response:
        assert response.status == 401
        assert "That dashboard token is not right" in await response.text()
        assert COOKIE_NAME not in response.cookies


async def test_signed_in_the_page_shows_every_table_with_its_chart_and_csv_link(dashboard_client):
    headers = await signed_in(dashboard_client)
    async with dashboard_client.get(f"/dashboard?{IN_PERIOD}", headers=headers) as response:
        assert response.status == 200
        assert response.headers["Cache-Control"] == "no-store"
        assert "script-src 'self'" in response.headers["Content-Security-Policy"]
        page = await response.text()
    for name in TABLES:
        assert f'href="/dashboard/{name}.csv?from=2026-11-01&amp;to=2026-11-05"' in page
    assert page.count("<caption>") == len(TABLES) and page.count("<h1>") == 1
    assert page.count('<svg class="chart" role="img"') == 5 and page.count("<title id=") == 5
    assert "<script" not in page and "style=" not in page
    assert '<th scope="row">How do I register my BOAT?</th><td>2</td>' in page
    assert '<th scope="row">Email</th><td>3</td><td>1</td><td>3</td>' in page
    for sender in ("sent-en", "sent-es", "quit-pt", "lost"):
        assert sender not in page


async def test_a_bad_period_is_explained_and_the_last_30_days_are_shown(dashboard_client):
    headers = await signed_in(dashboard_client)
    async with dashboard_client.get(
        "/dashboard?from=2026-11-05&to=2026-11-01", headers=headers
    ) as r:
        assert r.status == 200
        assert "The first day must come before the last" in await r.text()


async def test_csv_needs_the_dashboard_token(dashboard_client):
    async with dashboard_client.get(f"/dashboard/funnel.csv?{IN_PERIOD}") as response:
        assert response.status == 401
    bearer = {"Authorization": f"Bearer {STAFF_TOKEN}"}
    async with dashboard_client.get(f"/dashboard/funnel.csv?{IN_PERIOD}", headers=bearer) as r:
        assert r.status == 401


async def test_csv_with_the_bearer_token_has_the_table(dashboard_client):
    bearer = {"Authorization": f"Bearer {DASHBOARD_TOKEN}"}
    async with dashboard_client.get(f"/dashboard/completion.csv?{IN_PERIOD}", headers=bearer) as r:
        assert r.status == 200
        assert r.headers["Content-Type"] == "text/csv; charset=utf-8"
        assert r.headers["Content-Disposition"] == (
            'attachment; filename="completion-2026-11-01-2026-11-05.csv"'
        )
        rows = list(csv.reader(io.StringIO(await r.text())))
    assert rows == [
        ["Measure", "Value"],
        ["Conversations", "4"],
        ["Started the form", "3"],
        ["Sent the registration", "2"],
        ["Completion rate (sent / started)", "67%"],
    ]


async def test_every_table_is_a_csv_for_a_signed_in_session(dashboard_client):
    headers = await signed_in(dashboard_client)
    for name in TABLES:
        async with dashboard_client.get(f"/dashboard/{name}.csv?{IN_PERIOD}", headers=headers) as r:
            assert r.status == 200, name
    async with dashboard_client.get(f"/dashboard/senders.csv?{IN_PERIOD}", headers=headers) as r:
        assert r.status == 404


async def test_signing_out_ends_the_session(dashboard_client):
    headers = await signed_in(dashboard_client)
    async with dashboard_client.post("/dashboard/sign-out", headers=headers, allow_redirects=False):
        pass
    async with dashboard_client.get("/dashboard", headers=headers) as response:
        assert response.status == 401


async def test_without_a_dashboard_token_the_dashboard_is_off(client):
    async with client.get("/dashboard") as response:
        assert response.status == 404
    async with await sign_in(client, "") as response:
        assert response.status == 404


def test_csv_cells_that_look_like_formulas_are_quoted():
    table = Table("unanswered", "Messages", ("Message", "Times"), (("=HYPERLINK(1)", 1),))
    assert csv_text(table) == "Message,Times\r\n'=HYPERLINK(1),1\r\n"


def test_bars_are_as_long_as_their_share_of_the_largest():
    table = Table("t", "Things", ("Thing", "Count"), (("a", 4), ("b", 1), ("c", 0)), chart=1)
    svg = bars_svg(table)
    assert 'width="360" height="16"' in svg and 'width="90" height="16"' in svg
    assert 'width="0" height="16"' in svg
    assert '<title id="chart-t">Things: count, as bars</title>' in svg


class FakeRequest:
    def __init__(self, **args: str) -> None:
        self.args = args


def test_the_default_period_is_the_last_30_days():
    today = date(2026, 12, 2)
    assert period_of(FakeRequest(), today) == (Period(date(2026, 11, 3), today), "")
    period, message = period_of(FakeRequest(**{"from": "2026-11-01", "to": "nope"}), today)
    assert period == Period(date(2026, 11, 3), today) and message.startswith("Please give both")
