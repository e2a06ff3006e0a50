"""Tests for bot/tracker_store_url.py: the tracker store's URL is the one Rasa itself builds from
the same endpoints file and environment (Rasa's own loader and `SQLTrackerStore.get_db_url`)."""

from __future__ import annotations

from pathlib import Path

import pytest
import rasa.shared.utils.io
from rasa.core.tracker_store import SQLTrackerStore, validate_port
from rasa.shared.exceptions import RasaException
from rasa.utils.endpoints import EndpointConfig
from sqlalchemy.engine import make_url

import settings
from bot.tracker_store_url import (
    TrackerStoreError,
    tracker_sqlite_file,
    tracker_store_url,
)
from ops.local_stack import local_config, tracker_db
from ops.stack import ROOT, web_app

PRODUCTION_ENV = {
    "TRACKER_DB_HOST": "db.internal",
    "TRACKER_DB_PORT": "5433",
    "TRACKER_DB_NAME": "tracker",
    "TRACKER_DB_USER": "rasa",
    "TRACKER_DB_PASSWORD": "s3cret/@:x",
}


def rasas_url(endpoints: Path, env: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> str:
    """The URL Rasa's SQLTrackerStore connects to for this endpoints file and environment."""
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    section = rasa.shared.utils.io.read_config_file(str(endpoints))["tracker_store"]
    config = EndpointConfig.from_dict(section)
    kwargs = dict(config.kwargs)
    url = SQLTrackerStore.get_db_url(
        host=config.url,
        port=validate_port(kwargs.pop("port", None)),
        **{name: kwargs[name] for name in ("dialect", "db", "username", "password", "query") if name in kwargs},
    )
    return str(url) if isinstance(url, str) else url.render_as_string(hide_password=False)


SECTIONS = {
    "sqlite default": ("tracker_store:\n  type: SQL\n", {}),
    "sqlite file": ('tracker_store:\n  type: SQL\n  dialect: "sqlite"\n  db: "var/tracker.db"\n', {}),
    "postgres from variables": (
        "tracker_store:\n  type: SQL\n  dialect: postgresql\n  url: ${TRACKER_DB_HOST}\n"
        "  port: ${TRACKER_DB_PORT}\n  db: ${TRACKER_DB_NAME}\n  username: ${TRACKER_DB_USER}\n"
        "  password: ${TRACKER_DB_PASSWORD}\n",
        PRODUCTION_ENV,
    ),
    "port inside the url": (
        "tracker_store:\n  type: sql\n  dialect: postgresql\n  url: ${TRACKER_DB_HOST}:6543\n"
        "  port: 5432\n  db: conversations\n",
        PRODUCTION_ENV,
    ),
    "a whole url as the host": (
        "tracker_store:\n  type: SQL\n  url: postgresql://a:b@elsewhere:5999/other\n  db: ignored\n",
        {},
    ),
    "a variable inside a value": (
        "tracker_store:\n  type: SQL\n  dialect: postgresql\n  url: pg-${TRACKER_DB_NAME}.internal\n"
        "  db: tracker\n",
        PRODUCTION_ENV,
    ),
    "query and login_db": (
        "tracker_store:\n  type: SQL\n  dialect: postgresql\n  url: localhost\n  db: rasa\n"
        "  login_db: postgres\n  query:\n    sslmode: require\n",
        {},
    ),
    "a quoted variable stays as it is": (
        'tracker_store:\n  type: SQL\n  dialect: "sqlite"\n  db: "${TRACKER_DB_NAME}.db"\n',
        PRODUCTION_ENV,
    ),
}


@pytest.mark.parametrize("name", SECTIONS)
def test_the_url_is_the_one_rasa_builds(name, tmp_path, monkeypatch):
    text, env = SECTIONS[name]
    endpoints = tmp_path / "endpoints.yml"
    endpoints.write_text(text)
    ours = tracker_store_url(endpoints, env)
    assert ours is not None
    theirs = rasas_url(endpoints, env, monkeypatch)
    if name == "query and login_db":  # Rasa connects to login_db first, then to db
        theirs = theirs.replace("/postgres?", "/rasa?")
    assert make_url(ours) == make_url(theirs)


def test_the_project_endpoints_files_give_rasa_urls():
    # Only the tracker store's variables are needed (Rasa's servers need the whole file's).
    assert tracker_store_url(ROOT / "endpoints.yml", {}) == "sqlite:///var/tracker.db"
    assert make_url(tracker_store_url(ROOT / "endpoints.production.yml", PRODUCTION_ENV)) == (
        make_url("postgresql://rasa:s3cret%2F%40%3Ax@db.internal:5433/tracker")
    )
    assert make_url(tracker_store_url(ROOT / "endpoints.production.yml", PRODUCTION_ENV)).password == (
        "s3cret/@:x"
    )
    assert tracker_sqlite_file(ROOT / "endpoints.yml") == Path("var/tracker.db")
    assert tracker_sqlite_file(ROOT / "endpoints.production.yml") is None


def test_a_missing_variable_is_named_as_rasa_refuses_it(tmp_path, monkeypatch):
    env = {"TRACKER_DB_HOST": "db.internal", "TRACKER_DB_PORT": "5432"}
    with pytest.raises(TrackerStoreError, match="^The tracker store needs TRACKER_DB_NAME, which is not set.$"):
        tracker_store_url(ROOT / "endpoints.production.yml", env)
    monkeypatch.delenv("TRACKER_DB_NAME", raising=False)
    with pytest.raises(RasaException, match="TRACKER_DB_NAME"):
        rasas_url(
            ROOT / "endpoints.production.yml",
            {**env, **dict.fromkeys(("ACTION_ENDPOINT_URL", "ACTION_SERVER_TOKEN"), "x")},
            monkeypatch,
        )


def test_conversations_kept_in_memory_have_no_url(tmp_path):
    endpoints = tmp_path / "endpoints.yml"
    endpoints.write_text("action_endpoint:\n  url: ${ACTION_ENDPOINT_URL}\n")
    assert tracker_store_url(endpoints, {}) is None
    endpoints.write_text("")
    assert tracker_store_url(endpoints, {}) is None


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("tracker_store:\n  type: redis\n  url: localhost\n", "Only a SQL tracker store can be read, not 'redis'."),
        ("tracker_store:\n  type: SQL\n  url: h\n  port: five\n", "The tracker store's port must be a number, not 'five'."),
        ("tracker_store: [unclosed\n", "The endpoints file .* is not YAML"),
    ],
)
def test_a_store_that_cannot_be_read_says_why(tmp_path, text, message):
    endpoints = tmp_path / "endpoints.yml"
    endpoints.write_text(text)
    with pytest.raises(TrackerStoreError, match=message.replace("(", r"\(").replace(")", r"\)")):
        tracker_store_url(endpoints, {})


def test_a_missing_endpoints_file_is_named(tmp_path):
    with pytest.raises(TrackerStoreError, match="Cannot read the endpoints file .*missing.yml"):
        tracker_store_url(tmp_path / "missing.yml", {})


def test_a_stacks_dashboard_reads_the_tracker_store_of_its_rasa_servers(tmp_path):
    config = local_config(tmp_path)
    env = {**web_app(config).env, "DASHBOARD_TOKEN": "d"}
    assert settings.Settings.from_env(env).dashboard_tracker_db_url == (
        f"sqlite:///{tracker_db(config)}"
    )
