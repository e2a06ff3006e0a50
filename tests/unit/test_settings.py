"""Every setting in one place (settings.py): defaults, checks, and .env.example made from it."""

from __future__ import annotations

import pytest

import settings
from ops.stack import ROOT


def test_defaults_without_any_variable():
    config = settings.Settings.from_env({})
    assert (config.web_host, config.web_port, config.action_port, config.rasa_port) == (
        "127.0.0.1", 8080, 5055, 5005,
    )
    assert config.rasa_public_urls == ("http://localhost:5005",)
    assert config.chat_rate_per_sender == (2.0, 15)
    assert config.chat_rate_per_address == (5.0, 40)
    assert config.chat_reply_timeout_s == 20.0
    assert config.submissions_db_url == "sqlite:///var/submissions.db"
    assert config.cors_origins == ("http://localhost:8080",)
    assert (config.staff_token, config.action_server_token, config.chat_rate_redis_url) == ("",) * 3


def test_values_from_the_environment():
    config = settings.Settings.from_env(
        {
            "RASA_PUBLIC_URLS": "http://a:1/, http://b:2",
            "RASA_EXTRA_PORTS": "5006 5007",
            "CHAT_RATE_PER_SENDER": "0.5/4",
            "CORS_ORIGINS": "https://court.example https://www.court.example",
            "STAFF_TOKEN": " s3cret ",
        }
    )
    assert config.rasa_public_urls == ("http://a:1", "http://b:2")
    assert config.rasa_extra_ports == (5006, 5007)
    assert config.chat_rate_per_sender == (0.5, 4)
    assert config.cors_origins == ("https://court.example", "https://www.court.example")
    assert config.staff_token == "s3cret"


def test_proxies_and_chat_limits():
    assert settings.Settings.from_env({}).trusted_proxies == ()
    config = settings.Settings.from_env(
        {
            "TRUSTED_PROXIES": "10.0.0.5 10.1.0.0/16, fd00::/8",
            "CHAT_SOCKET_MAX_BYTES": "65536",
            "CHAT_SESSION_RATE_PER_ADDRESS": "1/5",
        }
    )
    assert [str(network) for network in config.trusted_proxies] == [
        "10.0.0.5/32", "10.1.0.0/16", "fd00::/8",
    ]
    assert (config.chat_socket_max_bytes, config.chat_session_rate_per_address) == (65536, (1.0, 5))


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("WEB_PORT", "eighty"),
        ("WEB_PORT", "70000"),
        ("ACTION_SERVER_SANIC_WORKERS", "0"),
        ("CHAT_REPLY_TIMEOUT_S", "-1"),
        ("CHAT_REPLY_TIMEOUT_S", "soon"),
        ("CHAT_RATE_PER_ADDRESS", "fast"),
        ("RASA_EXTRA_PORTS", "5006 x"),
        ("RASA_PUBLIC_URLS", "https://chat.example/rasa1 https://chat.example/rasa2"),
        ("RASA_PUBLIC_URLS", "chat.example:5005"),
        ("TRUSTED_PROXIES", "10.0.0.1 proxy.example"),
        ("CHAT_SOCKET_MAX_BYTES", "2000000"),
        ("CHAT_SESSION_RATE_PER_ADDRESS", "many"),
    ],
)
def test_a_bad_value_is_refused_by_name(name, value):
    with pytest.raises(settings.SettingsError, match=name):
        settings.Settings.from_env({name: value})


def test_current_reads_the_environment_once(monkeypatch):
    monkeypatch.setenv("WEB_PORT", "9001")
    first = settings.current()
    monkeypatch.setenv("WEB_PORT", "9002")
    assert settings.current() is first and first.web_port == 9001


def test_env_example_lists_every_variable_with_its_default():
    text = (ROOT / ".env.example").read_text()
    assert text == settings.env_example()
    for variable in settings.VARIABLES:
        assert f"\n{variable.name}={variable.default}\n" in text


def test_no_package_reads_the_environment_itself():
    readers = [
        str(path.relative_to(ROOT))
        for package in ("bot", "actions", "channels", "rasa_extensions", "web")
        for path in (ROOT / package).rglob("*.py")
        if "os.environ" in path.read_text() or "getenv(" in path.read_text()
    ]
    assert readers == []


def test_rasa_api_urls_default_to_the_public_ones_and_keep_their_order():
    same = settings.Settings.from_env({"RASA_PUBLIC_URLS": "http://a:1 http://b:2"})
    assert same.rasa_api_urls == ("http://a:1", "http://b:2")
    inner = settings.Settings.from_env(
        {"RASA_PUBLIC_URLS": "http://a:1 http://b:2", "RASA_API_URLS": "http://10.0.0.1:5005/ http://10.0.0.2:5005"}
    )
    assert inner.rasa_api_urls == ("http://10.0.0.1:5005", "http://10.0.0.2:5005")
    with pytest.raises(settings.SettingsError, match=r"as many servers as RASA_PUBLIC_URLS \(2\)"):
        settings.Settings.from_env({"RASA_PUBLIC_URLS": "http://a:1 http://b:2", "RASA_API_URLS": "http://a:1"})
    with pytest.raises(settings.SettingsError, match="RASA_API_URLS must be http"):
        settings.Settings.from_env({"RASA_API_URLS": "a:1"})


PRODUCTION_TRACKER = {
    "RASA_ENDPOINTS": str(ROOT / "endpoints.production.yml"),
    "TRACKER_DB_HOST": "db.internal",
    "TRACKER_DB_PORT": "5433",
    "TRACKER_DB_NAME": "tracker",
    "TRACKER_DB_USER": "rasa",
    "TRACKER_DB_PASSWORD": "s3cret",
}


def test_the_dashboard_reads_the_rasa_servers_tracker_store_unless_told_otherwise():
    on = {"DASHBOARD_TOKEN": "d"}
    assert settings.Settings.from_env({}).dashboard_tracker_db_url == ""  # dashboard off
    default = settings.Settings.from_env({**on, "RASA_ENDPOINTS": str(ROOT / "endpoints.yml")})
    assert default.dashboard_tracker_db_url == "sqlite:///var/tracker.db"
    production = settings.Settings.from_env({**on, **PRODUCTION_TRACKER})
    assert production.dashboard_tracker_db_url == "postgresql://rasa:s3cret@db.internal:5433/tracker"
    chosen = {**on, **PRODUCTION_TRACKER, "DASHBOARD_TRACKER_DB_URL": "postgresql://reader@db/t"}
    assert settings.Settings.from_env(chosen).dashboard_tracker_db_url == "postgresql://reader@db/t"


def test_a_dashboard_with_no_tracker_store_to_read_is_refused_with_the_reason(tmp_path):
    on = {"DASHBOARD_TOKEN": "d"}
    missing = {**on, **PRODUCTION_TRACKER}
    del missing["TRACKER_DB_PASSWORD"]
    with pytest.raises(settings.SettingsError) as refused:
        settings.Settings.from_env(missing)
    assert str(refused.value) == (
        "DASHBOARD_TRACKER_DB_URL is not set and the tracker store of RASA_ENDPOINTS "
        f"({ROOT / 'endpoints.production.yml'}) cannot be used: The tracker store needs "
        "TRACKER_DB_PASSWORD, which is not set."
    )
    in_memory = tmp_path / "endpoints.yml"
    in_memory.write_text("action_endpoint:\n  url: ${ACTION_ENDPOINT_URL}\n")
    with pytest.raises(settings.SettingsError, match="keeps conversations in memory only"):
        settings.Settings.from_env({**on, "RASA_ENDPOINTS": str(in_memory)})
    # With the dashboard off, the other processes never read the tracker store's settings.
    del missing["DASHBOARD_TOKEN"]
    assert settings.Settings.from_env(missing).dashboard_tracker_db_url == ""
