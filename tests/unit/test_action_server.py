"""The action server refuses every call without the shared token (rasa-sdk checks none), and
loads the language model as it starts, not when its modules are imported."""

from __future__ import annotations

import subprocess
import sys

import pytest
from rasa.utils.endpoints import read_endpoint_config
from sanic import Sanic
from served import served

from actions.server import create_action_app, main
from bot.language import _identifier
from ops.local_stack import write_endpoints
from ops.stack import ROOT

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
    headers = {"Authorization": f"Bearer {TOKEN}"}
    async with client.get("/actions", headers=headers) as reply:
        assert reply.status == 200
        names = {action["name"] for action in await reply.json()}
    assert {"validate_registration_form", "action_finish_registration"} <= names


async def test_the_token_in_the_url_is_not_taken(client):
    """URLs end up in logs: the token goes in a header only."""
    async with client.get(f"/actions?token={TOKEN}") as reply:
        assert reply.status == 401


@pytest.mark.parametrize("endpoints", ["endpoints.yml", "endpoints.production.yml", "local"])
def test_rasa_sends_the_token_in_a_header(endpoints, monkeypatch, tmp_path):
    for name in ["TRACKER_DB_HOST", "TRACKER_DB_PORT", "TRACKER_DB_NAME", "TRACKER_DB_USER",
                 "TRACKER_DB_PASSWORD", "LOCK_STORE_HOST", "LOCK_STORE_PORT", "LOCK_STORE_DB",
                 "LOCK_STORE_PASSWORD", "ACTION_ENDPOINT_URL"]:
        monkeypatch.setenv(name, "1")  # endpoints.production.yml names them all
    monkeypatch.setenv("ACTION_SERVER_TOKEN", TOKEN)
    path = write_endpoints(tmp_path) if endpoints == "local" else ROOT / endpoints
    action = read_endpoint_config(str(path), "action_endpoint")
    assert action.headers == {"Authorization": f"Bearer {TOKEN}"}
    assert (action.token, action.params) == (None, {})


def test_empty_token_is_refused():
    with pytest.raises(ValueError):
        create_action_app(" ")


def test_importing_the_actions_does_not_load_the_language_model():
    script = (
        "import actions.slot_mappings, actions.server\n"
        "from bot.language import _identifier\n"
        "print(_identifier.cache_info().currsize)"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["0"]


def test_the_language_model_is_loaded_before_the_server_serves(monkeypatch):
    served_with_model = []
    monkeypatch.setattr(Sanic, "test_mode", True)  # several apps named "actions" in one process
    monkeypatch.setenv("ACTION_SERVER_TOKEN", TOKEN)
    monkeypatch.setattr(
        Sanic, "run", lambda app, **_: served_with_model.append(_identifier.cache_info().currsize)
    )
    _identifier.cache_clear()
    main()
    assert served_with_model == [1]
