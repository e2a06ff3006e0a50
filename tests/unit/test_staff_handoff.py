"""The staff console's hand-off routes (web/staff_handoff.py) and the Rasa API client
(web/rasa_api.py), against two small fake Rasa servers that keep trackers and record each call."""

from __future__ import annotations

import socket
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import datetime, timedelta, timezone
from typing import Any

import pytest
from aiohttp import web
from sanic import Sanic
from served import STAFF_TOKEN, served

from bot.help_codes import HelpCodeStore
from bot.sensitive import SENSITIVE_REFUSAL
from bot.staff_session import COOKIE_NAME
from bot.sticky import pick_server
from ops.local_stack import free_port
from web.app import create_app
from web.rasa_api import REFUSED, UNREACHABLE, RasaApi, RasaApiError, api_server
from web.staff_handoff import (
    EMPTY_MESSAGE,
    HANDOFF_OFF,
    NOT_A_CODE,
    NOT_JSON,
    SIGN_IN_FIRST,
    TAKE_OVER_FIRST,
    unknown_code,
)

API_TOKEN = "rasa-api-token-for-tests"
PUBLIC = ["http://rasa-a.example:5005", "http://rasa-b.example:5005"]
SESSION = "filer0123456789abcdef"
CONVERSATION = f"webchat:{SESSION}"
MID_FORM = {
    "first_name": "Jane", "middle_name": "", "last_name": "Doe", "requested_slot": "email",
    "form_failures": {"email": 1}, "language": "pt",
}


class FakeRasa:
    """A Rasa HTTP API with the calls the hand-off makes; trackers kept in memory."""

    def __init__(self, trackers: dict[str, dict[str, Any]]) -> None:
        self.trackers = trackers
        self.calls: list[tuple[str, str, dict[str, str]]] = []
        self.app = web.Application()
        self.app.router.add_get("/conversations/{cid}/tracker", self.tracker)
        self.app.router.add_post("/conversations/{cid}/tracker/events", self.append)
        self.app.router.add_post("/conversations/{cid}/execute", self.execute)

    def _record(self, request: web.Request) -> dict[str, Any] | None:
        self.calls.append((request.method, request.path, dict(request.query)))
        if request.query.get("token") != API_TOKEN:
            return None
        return self.trackers[request.match_info["cid"]]

    async def tracker(self, request: web.Request) -> web.Response:
        found = self._record(request)
        return web.json_response(found) if found else web.json_response({}, status=401)

    async def append(self, request: web.Request) -> web.Response:
        found = self._record(request)
        assert found is not None
        for event in await request.json():
            if event["event"] in ("pause", "resume"):
                found["paused"] = event["event"] == "pause"
            elif event["event"] == "slot":
                found["slots"][event["name"]] = event["value"]
            found["events"].append(event)
        return web.json_response(found)

    async def execute(self, request: web.Request) -> web.Response:
        found = self._record(request)
        assert found is not None
        name = (await request.json())["name"]
        found["events"].append({"event": "bot", "text": f"({name})", "data": {}, "metadata": {}})
        return web.json_response({"tracker": found})


@asynccontextmanager
async def running(fake: FakeRasa) -> AsyncIterator[str]:
    runner = web.AppRunner(fake.app)
    await runner.setup()
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    site = web.SockSite(runner, sock)
    await site.start()
    try:
        yield f"http://127.0.0.1:{sock.getsockname()[1]}"
    finally:
        await runner.cleanup()


def new_tracker(slots: dict[str, Any], paused: bool = False) -> dict[str, Any]:
    return {
        "sender_id": CONVERSATION, "slots": dict(slots), "paused": paused,
        "active_loop": {"name": "registration_form"}, "latest_input_channel": "socketio",
        "events": [{"event": "user", "text": "ola", "timestamp": 1.0}],
    }


@pytest.fixture
async def setup(tmp_path, store, monkeypatch):
    """A signed-in client of the web app, its help code for CONVERSATION, the two fake servers."""
    monkeypatch.setattr(Sanic, "test_mode", True)
    trackers = {CONVERSATION: new_tracker(MID_FORM)}
    fakes = [FakeRasa(trackers), FakeRasa(trackers)]
    async with running(fakes[0]) as url_a, running(fakes[1]) as url_b:
        app = create_app(store, STAFF_TOKEN, PUBLIC)
        app.ctx.rasa_api = RasaApi(PUBLIC, [url_a, url_b], API_TOKEN)
        app.ctx.help_codes = HelpCodeStore(f"sqlite:///{tmp_path / 'codes.db'}", 4)
        code = app.ctx.help_codes.issue(CONVERSATION)
        async with served(app) as client:
            async with client.post(
                "/staff/sign-in", data={"token": STAFF_TOKEN}, allow_redirects=False
            ) as response:
                cookie = {"Cookie": f"{COOKIE_NAME}={response.cookies[COOKIE_NAME].value}"}
            yield client, cookie, code, fakes, trackers[CONVERSATION], app


async def call(client, method: str, path: str, headers: dict, body: Any = None):
    async with client.request(method, path, headers=headers, json=body) as response:
        return response.status, await response.json()


def test_the_server_is_the_one_the_chat_session_was_given_in_the_same_place():
    chosen = PUBLIC.index(pick_server(SESSION, PUBLIC))
    api = ["http://10.0.0.1:5005", "http://10.0.0.2:5005"]
    assert api_server(CONVERSATION, PUBLIC, api) == api[chosen]
    others = {api_server(f"webchat:other{n:08d}", PUBLIC, api) for n in range(40)}
    assert others == set(api)  # both servers are used
    with pytest.raises(ValueError, match="in order"):
        api_server(CONVERSATION, PUBLIC, api[:1])


async def test_the_view_by_help_code_in_any_typed_form(setup):
    client, cookie, code, fakes, _, *_ = setup
    status, body = await call(client, "GET", f"/staff/handoff/ {code.lower().replace('-', ' ')}", cookie)
    assert (status, body["code"]) == (200, code)
    assert (body["language_name"], body["question"], body["refusals"], body["paused"]) == (
        "Portuguese", "Email", 1, False,
    )
    assert body["messages"] == [{"sender": "filer", "text": "ola", "timestamp": 1.0}]
    chosen = PUBLIC.index(pick_server(SESSION, PUBLIC))
    assert [len(fake.calls) for fake in fakes] == [int(chosen == 0), int(chosen == 1)]
    method, path, query = fakes[chosen].calls[0]
    assert (method, path, query) == (
        "GET", f"/conversations/{CONVERSATION}/tracker", {"token": API_TOKEN},
    )


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("GET", "/staff/handoff/H-4KQ7"),
        ("POST", "/staff/handoff/H-4KQ7/take-over"),
        ("POST", "/staff/handoff/H-4KQ7/message"),
        ("POST", "/staff/handoff/H-4KQ7/answer"),
        ("POST", "/staff/handoff/H-4KQ7/hand-back"),
    ],
)
async def test_every_route_needs_the_staff_session(setup, method, path):
    client, _, _, fakes, _, *_ = setup
    assert await call(client, method, path, {}, {}) == (401, {"error": SIGN_IN_FIRST})
    assert await call(client, method, path, {"Cookie": f"{COOKIE_NAME}=made-up"}, {}) == (
        401, {"error": SIGN_IN_FIRST},
    )
    assert fakes[0].calls == fakes[1].calls == []


async def test_unknown_expired_and_malformed_codes(setup, tmp_path):
    client, cookie, code, fakes, _, *_ = setup
    unknown = "H-4KQ7" if code != "H-4KQ7" else "H-4KQ9"
    assert await call(client, "GET", f"/staff/handoff/{unknown}", cookie) == (
        404, {"error": unknown_code(unknown)},
    )
    codes = HelpCodeStore(f"sqlite:///{tmp_path / 'codes.db'}", 4)
    expired = codes.issue("webchat:earlier0123456789", now=datetime.now(timezone.utc) - timedelta(hours=5))
    assert await call(client, "GET", f"/staff/handoff/{expired}", cookie) == (
        404, {"error": unknown_code(expired)},
    )
    assert await call(client, "GET", "/staff/handoff/hello", cookie) == (400, {"error": NOT_A_CODE})
    assert fakes[0].calls == fakes[1].calls == []


async def test_without_the_api_token_the_hand_off_is_off(setup, monkeypatch):
    client, cookie, code, fakes, _, app = setup
    monkeypatch.delenv("RASA_AUTH_TOKEN", raising=False)
    app.ctx.rasa_api = None
    assert await call(client, "GET", f"/staff/handoff/{code}", cookie) == (503, {"error": HANDOFF_OFF})
    assert fakes[0].calls == fakes[1].calls == []


async def test_posts_must_be_json(setup):
    client, cookie, code, _, _, *_ = setup
    async with client.post(f"/staff/handoff/{code}/take-over", headers=cookie, data="x=1") as response:
        assert (response.status, await response.json()) == (415, {"error": NOT_JSON})


async def test_take_over_send_correct_hand_back(setup):
    client, cookie, code, fakes, tracker, *_ = setup
    base = f"/staff/handoff/{code}"
    assert await call(client, "POST", f"{base}/message", cookie, {"text": "hi"}) == (
        409, {"error": TAKE_OVER_FIRST},
    )
    status, body = await call(client, "POST", f"{base}/take-over", cookie, {})
    assert (status, body["paused"]) == (200, True)
    assert tracker["events"][-2:] == [
        {"event": "pause"},
        {"event": "bot", "text": "(action_staff_joined)", "data": {}, "metadata": {}},
    ]
    await call(client, "POST", f"{base}/take-over", cookie, {})  # again: nothing more happens
    assert len(tracker["events"]) == 3

    status, body = await call(client, "POST", f"{base}/message", cookie, {"text": " My SSN is 123-45-6789 "})
    assert status == 200
    assert tracker["events"][-1] == {
        "event": "bot",
        "text": "My SSN is [SSN removed]",
        "data": {"custom": {"staff_message": "My SSN is [SSN removed]"}},
        "metadata": {"from_staff": True},
    }
    assert body["messages"][-1]["sender"] == "staff"
    assert await call(client, "POST", f"{base}/message", cookie, {"text": "  "}) == (
        400, {"error": EMPTY_MESSAGE},
    )

    assert await call(client, "POST", f"{base}/answer", cookie, {"slot": "last_name", "value": "123-45-6789"}) == (
        400, {"error": SENSITIVE_REFUSAL},
    )
    status, body = await call(client, "POST", f"{base}/answer", cookie, {"slot": "email", "value": " JANE@Example.com"})
    assert status == 200
    assert tracker["events"][-3:] == [
        {"event": "slot", "name": "email", "value": "JANE@example.com"},
        {"event": "slot", "name": "requested_slot", "value": "phone"},
        {"event": "slot", "name": "form_failures", "value": {}},
    ]
    assert (body["question"], body["refusals"], body["notes"]) == ("Phone", 0, [])

    tracker["slots"]["phone"] = "ok thanks"  # typed while paused: Rasa filled the asked slot
    status, body = await call(client, "POST", f"{base}/hand-back", cookie, {})
    assert (status, body["paused"]) == (200, False)
    assert tracker["events"][-3:] == [
        {"event": "slot", "name": "phone", "value": None},
        {"event": "resume"},
        {"event": "bot", "text": "(action_staff_left)", "data": {}, "metadata": {}},
    ]
    chosen = PUBLIC.index(pick_server(SESSION, PUBLIC))
    assert fakes[1 - chosen].calls == []
    posts = [(path.rsplit("/", 1)[-1], q) for method, path, q in fakes[chosen].calls if method == "POST"]
    assert all(q["token"] == API_TOKEN and q["output_channel"] == "latest" for _, q in posts)
    assert [name for name, q in posts if name == "events"] == ["events"] * 4
    assert all(q["execute_side_effects"] == "true" for name, q in posts if name == "events")


async def test_an_unreachable_server_is_a_plain_error_without_the_token(caplog):
    api = RasaApi(PUBLIC, [f"http://127.0.0.1:{free_port()}"] * 2, API_TOKEN, timeout_s=5)
    with pytest.raises(RasaApiError) as raised:
        await api.tracker(CONVERSATION)
    await api.close()
    assert str(raised.value) == UNREACHABLE
    assert raised.value.__cause__ is None
    assert "Rasa API GET tracker for id:" in caplog.text
    assert API_TOKEN not in caplog.text and SESSION not in caplog.text


async def test_a_server_that_does_not_answer_is_a_502_for_staff(setup):
    client, cookie, code, _, _, app = setup
    await app.ctx.rasa_api.close()
    app.ctx.rasa_api = RasaApi(PUBLIC, [f"http://127.0.0.1:{free_port()}"] * 2, API_TOKEN, 5)
    assert await call(client, "GET", f"/staff/handoff/{code}", cookie) == (502, {"error": UNREACHABLE})


async def test_a_wrong_api_token_is_a_502_that_names_the_status(setup):
    client, cookie, code, _, _, app = setup
    api: RasaApi = app.ctx.rasa_api
    app.ctx.rasa_api = RasaApi(api.public_urls, api.api_urls, "wrong-token")
    await api.close()
    assert await call(client, "GET", f"/staff/handoff/{code}", cookie) == (
        502, {"error": REFUSED.format(status=401)},
    )


async def test_the_signed_in_console_has_the_hand_off_panel(setup):
    client, cookie, *_ = setup
    async with client.get("/staff", headers=cookie) as response:
        page = await response.text()
    for part in (
        '<label for="handoff-code">Help code</label>',
        '<label for="handoff-text">Message to the filer</label>',
        '<label for="handoff-slot">Answer to correct</label>',
        '<label for="handoff-value">Right answer</label>',
        '<script src="/static/staff_handoff.js"></script>',
    ):
        assert part in page
