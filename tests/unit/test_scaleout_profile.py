"""The scale-out profile's pieces that need no server: stack settings, service settings, and the
simulated filer's check of its payload."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.payload import build_payload, payload_json
from ops.filer import Filer, UnexpectedReply
from ops.scaleout import parse_settings
from ops.stack import Stack, config_from_env

MODEL = Path("models/assistant.tar.gz")


def test_make_run_starts_every_rasa_server_and_the_workers_from_the_environment(monkeypatch):
    monkeypatch.setenv("RASA_PORT", "5005")
    monkeypatch.setenv("RASA_EXTRA_PORTS", "5006 5007")
    monkeypatch.setenv("RASA_ENDPOINTS", "endpoints.production.yml")
    monkeypatch.setenv("ACTION_SERVER_SANIC_WORKERS", "3")
    stack = Stack(config_from_env(MODEL))

    ports = [server.command[server.command.index("--port") + 1] for server in stack.rasa_servers]
    assert ports == ["5005", "5006", "5007"]
    assert all("endpoints.production.yml" in server.command for server in stack.rasa_servers)
    assert len({server.log_path for server in stack.servers}) == len(stack.servers)
    assert stack.web.env["RASA_PUBLIC_URLS"] == (
        "http://localhost:5005 http://localhost:5006 http://localhost:5007"
    )
    assert stack.actions.env["ACTION_SERVER_SANIC_WORKERS"] == "3"


def test_default_profile_is_one_rasa_server_and_one_action_process(monkeypatch):
    for name in ("RASA_EXTRA_PORTS", "RASA_ENDPOINTS", "ACTION_SERVER_SANIC_WORKERS"):
        monkeypatch.delenv(name, raising=False)
    stack = Stack(config_from_env(MODEL))
    assert stack.rasa_servers == [stack.rasa]
    assert stack.config.endpoints.name == "endpoints.yml"
    assert stack.actions.env["ACTION_SERVER_SANIC_WORKERS"] == "1"


def test_service_settings_are_read_from_the_export_lines():
    printed = (
        "export TRACKER_DB_PORT=5433\nexport SUBMISSIONS_DB_URL=postgresql://a:b@h:1/d\nnoise\n"
    )
    assert parse_settings(printed) == {
        "TRACKER_DB_PORT": "5433",
        "SUBMISSIONS_DB_URL": "postgresql://a:b@h:1/d",
    }


def filer_reply(filer: Filer, **changes: object) -> list[dict]:
    """What the assistant sends at the end of the filer's registration, with `changes`."""
    answers = {
        **filer.expected_answers,
        "street_address": "12 Main St Apt 4",
        "city": "Boston",
        "terms_accepted": True,
        **changes,
    }
    payload = payload_json(build_payload(answers))
    return [
        {"custom": {"type": "registration_submission", "payload": payload}},
        {"text": f"Your reference code is {payload['reference']}."},
    ]


def test_filer_accepts_the_payload_of_its_own_answers():
    filer = Filer(9, ["http://127.0.0.1:1"])
    payload = filer.check_payload(filer_reply(filer))
    assert payload["email"] == filer.email


@pytest.mark.parametrize(
    "messages",
    [
        lambda filer: filer_reply(filer, email="someone.else@example.com"),
        lambda filer: filer_reply(filer)[:1],  # no reference in the text
        lambda filer: filer_reply(filer) * 2,  # two payloads
        lambda filer: [{"text": "nothing"}],
    ],
)
def test_filer_refuses_a_wrong_or_missing_payload(messages):
    filer = Filer(9, ["http://127.0.0.1:1"])
    with pytest.raises(UnexpectedReply):
        filer.check_payload(messages(filer))


def test_a_filer_hops_between_servers_turn_by_turn_or_stays_on_one():
    servers = ["a", "b", "c"]
    hopping, staying = Filer(1, servers, first_server=1), Filer(1, servers, first_server=1, hop=False)
    assert [hopping.server_for(turn) for turn in range(4)] == ["b", "c", "a", "b"]
    assert [staying.server_for(turn) for turn in range(4)] == ["b", "b", "b", "b"]


def test_every_filer_has_its_own_answers_and_sender():
    filers = [Filer(n, ["a", "b"]) for n in range(20)]
    assert len({filer.email for filer in filers}) == 20
    assert len({filer.phone for filer in filers}) == 20
    assert len({filer.sender for filer in filers}) == 20
