"""Tests for the answer ratings: bot/answer_ratings.py, POST /chat/rating (web/chat.py), the
response name on the socket channel's messages (channels/socketio.py) and the dashboard's table."""

from __future__ import annotations

import json
from datetime import date

import pytest
from sanic import Sanic
from served import STAFF_TOKEN, served

from bot.answer_ratings import RatingStore, is_rating
from bot.dashboard import Period
from channels.socketio import SocketIOCustomOutput
from web.app import create_app
from web.chat import NOT_A_RATING, RATINGS_PER_SESSION, TOO_MANY_RATINGS

SESSION = "0123456789abcdef0123456789abcdef"
NOVEMBER = Period(date(2026, 11, 1), date(2026, 11, 30))
DASHBOARD_TOKEN = "d4shboard-token-for-tests"


def test_only_a_response_name_with_up_or_down_is_a_rating():
    assert is_rating("utter_what_is_pacer", "up") and is_rating("utter_greet", "down")
    assert not is_rating("utter_greet", "meh")
    assert not is_rating("my name is Jane Doe", "up")
    assert not is_rating("utter_" + "x" * 81, "up")
    assert not is_rating(None, "up")


def test_ratings_are_counted_per_response_name_in_the_period(tmp_path):
    store = RatingStore(f"sqlite:///{tmp_path / 'submissions.db'}")
    for day, response, rating in [
        (date(2026, 11, 2), "utter_what_is_pacer", "up"),
        (date(2026, 11, 3), "utter_what_is_pacer", "down"),
        (date(2026, 11, 3), "utter_what_is_pacer", "up"),
        (date(2026, 11, 30), "utter_fee_types", "down"),
        (date(2026, 12, 1), "utter_fee_types", "down"),
        (date(2026, 10, 31), "utter_greet", "up"),
    ]:
        store.add(response, rating, day)
    table = store.counts(NOVEMBER)
    store.close()
    assert table.rows == (("utter_what_is_pacer", 2, 1), ("utter_fee_types", 0, 1))
    assert table.headers == ("Answer (response name)", "Thumbs up", "Thumbs down")
    assert (tmp_path / "submissions.db").stat().st_mode & 0o777 == 0o600


def test_the_store_refuses_what_is_not_a_rating(tmp_path):
    store = RatingStore(f"sqlite:///{tmp_path / 'submissions.db'}")
    with pytest.raises(ValueError):
        store.add("free text", "up", date(2026, 11, 1))
    assert store.counts(NOVEMBER).rows == ()
    store.close()


class FakeSockets:
    def __init__(self) -> None:
        self.sent: list[object] = []

    async def emit(self, event: str, data: object = None, room: str = "", **_: object) -> None:
        self.sent.append(data)


async def test_each_text_part_of_an_answer_names_its_response():
    sockets = FakeSockets()
    output = SocketIOCustomOutput(sockets, "bot_uttered")
    await output.send_response("sid", {"text": "One.\n\nTwo.", "utter_action": "utter_greet"})
    await output.send_response(
        "sid", {"text": "Pick one", "buttons": [{"title": "Yes", "payload": "/affirm"}]}
    )
    assert sockets.sent == [
        {"text": "One.", "response": "utter_greet"},
        {"text": "Two.", "response": "utter_greet"},
        {
            "text": "Pick one",
            "quick_replies": [{"content_type": "text", "title": "Yes", "payload": "/affirm"}],
        },
    ]


@pytest.fixture
async def rating_client(store, monkeypatch, tmp_path):
    monkeypatch.setattr(Sanic, "test_mode", True)
    monkeypatch.setenv("SUBMISSIONS_DB_URL", f"sqlite:///{tmp_path / 'submissions.db'}")
    monkeypatch.setenv("DASHBOARD_TOKEN", DASHBOARD_TOKEN)
    monkeypatch.setenv("DASHBOARD_TRACKER_DB_URL", f"sqlite:///{tmp_path / 'no-tracker.db'}")
    async with served(create_app(store, STAFF_TOKEN)) as session:
        yield session


async def rate(client, **body: object):
    body = {"session_id": SESSION, "response": "utter_what_is_pacer", "rating": "up", **body}
    return await client.post(
        "/chat/rating", data=json.dumps(body), headers={"Content-Type": "text/plain"}
    )


async def test_a_rating_is_kept_and_shown_on_the_dashboard(rating_client):
    async with await rate(rating_client) as response:
        assert response.status == 201
        assert response.headers["Access-Control-Allow-Origin"] == "*"
    async with await rate(rating_client, rating="down") as response:
        assert response.status == 201
    bearer = {"Authorization": f"Bearer {DASHBOARD_TOKEN}"}
    async with rating_client.get("/dashboard/ratings.csv", headers=bearer) as response:
        assert response.status == 200
        assert await response.text() == (
            "Answer (response name),Thumbs up,Thumbs down\r\nutter_what_is_pacer,1,1\r\n"
        )


@pytest.mark.parametrize(
    ("body", "error"),
    [
        ({"session_id": "../etc"}, "session_id"),
        ({"response": "Jane Doe lives at 1 Main St"}, NOT_A_RATING),
        ({"rating": "5 stars"}, NOT_A_RATING),
    ],
)
async def test_a_bad_rating_is_refused(rating_client, body, error):
    async with await rate(rating_client, **body) as response:
        assert response.status == 400
        assert error in (await response.json())["error"]


async def test_ratings_are_rate_limited_per_session(rating_client):
    burst = RATINGS_PER_SESSION[1]
    statuses = []
    for _ in range(burst + 1):
        async with await rate(rating_client) as response:
            statuses.append(response.status)
    assert statuses == [201] * burst + [429]
    async with await rate(rating_client) as response:
        assert (await response.json())["error"] == TOO_MANY_RATINGS
    async with await rate(rating_client, session_id="f" * 32) as response:
        assert response.status == 201
