"""Tests for web/app.py, talking to a real server on a free local port (see conftest.py)."""

from __future__ import annotations

import pytest
from sample_registration import REFERENCE, sample_payload
from sanic import Sanic
from served import STAFF_TOKEN

import web.app as webapp
from bot.payload import payload_json
from web.app import FILER_LANGUAGE_HEADER, create_app

STAFF_HEADERS = {"Authorization": f"Bearer {STAFF_TOKEN}"}


async def test_health(client):
    async with client.get("/health") as response:
        assert response.status == 200
        assert await response.json() == {"status": "ok"}


async def test_staff_get_submission_by_reference(client):
    async with client.get(
        f"/api/submissions/{REFERENCE.lower()}", headers=STAFF_HEADERS
    ) as response:
        assert response.status == 200
        assert await response.json() == payload_json(sample_payload())
        assert response.headers["Cache-Control"] == "no-store"


async def test_unknown_reference_is_404(client):
    async with client.get("/api/submissions/MAD-AAAAAA", headers=STAFF_HEADERS) as response:
        assert response.status == 404
        assert "error" in await response.json()


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"Authorization": "Bearer wrong-token"},
        {"Authorization": f"Bearer {STAFF_TOKEN}x"},
        {"Authorization": f"Basic {STAFF_TOKEN}"},
        {"Authorization": STAFF_TOKEN},
        {"Authorization": "Bearer "},
    ],
)
async def test_submission_needs_the_staff_token(client, headers):
    for reference in (REFERENCE, "MAD-AAAAAA"):
        async with client.get(f"/api/submissions/{reference}", headers=headers) as response:
            assert response.status == 401
            body = await response.json()
            assert set(body) == {"error"}


@pytest.mark.parametrize("token", ["", "   "])
def test_empty_staff_token_is_refused(store, token):
    with pytest.raises(ValueError):
        create_app(store, token)


def test_each_app_gets_its_own_name(store):
    first, second = create_app(store, STAFF_TOKEN), create_app(store, STAFF_TOKEN)
    assert first.name != second.name


def test_main_exits_with_a_clear_message_without_staff_token(monkeypatch):
    monkeypatch.delenv("STAFF_TOKEN", raising=False)
    with pytest.raises(SystemExit) as exit_info:
        webapp.main()
    assert "STAFF_TOKEN is not set" in str(exit_info.value.code)


def test_main_rejects_a_bad_port(monkeypatch):
    monkeypatch.setenv("STAFF_TOKEN", STAFF_TOKEN)
    monkeypatch.setenv("WEB_PORT", "eighty")
    with pytest.raises(SystemExit) as exit_info:
        webapp.main()
    assert "WEB_PORT" in str(exit_info.value.code)


@pytest.mark.parametrize(
    ("env", "host", "port"),
    [({}, "127.0.0.1", 8080), ({"WEB_HOST": "0.0.0.0", "WEB_PORT": "9090"}, "0.0.0.0", 9090)],
)
def test_main_runs_the_app_from_env_settings(monkeypatch, tmp_path, env, host, port):
    db_path = tmp_path / "db" / "submissions.db"
    runs = []
    monkeypatch.setattr(Sanic, "run", lambda app, **kwargs: runs.append((app, kwargs)))
    monkeypatch.setenv("STAFF_TOKEN", STAFF_TOKEN)
    monkeypatch.setenv("SUBMISSIONS_DB_URL", f"sqlite:///{db_path}")
    monkeypatch.delenv("WEB_HOST", raising=False)
    monkeypatch.delenv("WEB_PORT", raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    webapp.main()
    [(app, kwargs)] = runs
    assert kwargs == {"host": host, "port": port}
    assert app.ctx.staff_token == STAFF_TOKEN
    assert db_path.is_file()


async def test_the_look_up_names_the_filers_language_beside_the_payload(client, store):
    store.save(sample_payload(reference="MAD-22ZZ22"), language="pt")
    async with client.get("/api/submissions/MAD-22ZZ22", headers=STAFF_HEADERS) as response:
        assert response.status == 200
        assert response.headers[FILER_LANGUAGE_HEADER] == "pt"
        assert await response.json() == payload_json(sample_payload(reference="MAD-22ZZ22"))
    async with client.get(f"/api/submissions/{REFERENCE}", headers=STAFF_HEADERS) as response:
        assert response.status == 200
        assert FILER_LANGUAGE_HEADER not in response.headers  # saved before languages were kept
