"""The action server refuses every call without the shared token (rasa-sdk checks none)."""

from __future__ import annotations

import pytest
from sanic import Sanic
from served import served

from actions.server import create_action_app

TOKEN = "action-token-for-tests"


@pytest.fixture
async def client(monkeypatch):
    monkeypatch.setattr(Sanic, "test_mode", True)
    async with served(create_action_app(TOKEN)) as session:
        yield session


async def test_health_is_open(client):
    async with client.get("/health") as response:
        assert response.status == 200


@pytest.mark.parametrize("query", ["", "?token=wrong", "?token="])
async def test_webhook_without_the_token_is_refused(client, query):
    async with client.post(f"/webhook{query}", json={"next_action": "action_fallback"}) as reply:
        assert reply.status == 401
    async with client.get(f"/actions{query}") as reply:
        assert reply.status == 401


async def test_calls_with_the_token_reach_our_actions(client):
    async with client.get(f"/actions?token={TOKEN}") as reply:
        assert reply.status == 200
        names = {action["name"] for action in await reply.json()}
    assert {"validate_registration_form", "action_finish_registration"} <= names
    headers = {"Authorization": f"Bearer {TOKEN}"}
    async with client.get("/actions", headers=headers) as reply:
        assert reply.status == 200


def test_empty_token_is_refused():
    with pytest.raises(ValueError):
        create_action_app(" ")
