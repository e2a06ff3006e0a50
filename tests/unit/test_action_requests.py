"""Calls to the action server go over kept connections, their JSON by orjson (rasa_extensions/action_requests.py)."""

from __future__ import annotations

import json

import numpy
import pytest
from aiohttp import web
from local_http import serving
from rasa.utils.endpoints import EndpointConfig

from rasa_extensions import action_requests


@pytest.fixture
def installed(monkeypatch):
    monkeypatch.setattr(EndpointConfig, "session", EndpointConfig.session)
    action_requests.install()


@pytest.fixture
async def action_server():
    """A stand-in action server on 127.0.0.1: echoes the body, notes each caller's connection."""
    seen: dict[str, list] = {"connections": [], "bodies": [], "headers": []}

    async def webhook(request: web.Request) -> web.Response:
        seen["connections"].append(request.transport.get_extra_info("peername"))
        seen["bodies"].append(await request.text())
        seen["headers"].append(request.headers.get("Authorization"))
        return web.json_response({"events": [], "responses": []})

    app = web.Application()
    app.router.add_post("/webhook", webhook)
    async with serving(app) as url:
        yield f"{url}/webhook", seen


async def test_calls_reuse_one_connection_and_keep_rasas_headers(installed, action_server):
    url, seen = action_server
    endpoint = EndpointConfig(url, headers={"Authorization": "Bearer s3cret"})
    body = {
        "next_action": "validate_registration_form",
        "tracker": {"slots": {"city": "São Paulo"}, "confidence": numpy.float64(0.97)},
        1: "one",
    }
    for _ in range(3):
        assert await endpoint.request(json=body, method="post") == {"events": [], "responses": []}
    assert len(set(seen["connections"])) == 1
    assert seen["headers"] == ["Bearer s3cret"] * 3
    # As Python's json would write it: the same value read back, keys that are not text as text.
    assert [json.loads(text) for text in seen["bodies"]] == [json.loads(json.dumps(body))] * 3
    await action_requests.close_kept_sessions()


def test_what_json_cannot_write_is_refused_as_json_refuses_it():
    with pytest.raises(TypeError, match="not JSON serializable"):
        action_requests.dumps({"events": {1, 2}})


async def test_closing_closes_the_kept_session_and_the_next_call_opens_a_new_one(installed, action_server):
    url, seen = action_server
    endpoint = EndpointConfig(url)
    await endpoint.request(json={}, method="post")
    async with endpoint.session() as first:
        pass
    assert not first.closed  # `async with` leaves it open, unlike Rasa's own session
    await action_requests.close_kept_sessions()
    assert first.closed
    await endpoint.request(json={}, method="post")
    async with endpoint.session() as second:
        assert second is not first and not second.closed
    assert len(set(seen["connections"])) == 2
    await action_requests.close_kept_sessions()
