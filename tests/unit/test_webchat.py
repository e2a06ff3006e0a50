"""Tests for web/chat.py on a real server: the chat's config, pages, files, security headers."""

from __future__ import annotations

import pytest
from served import RASA_PUBLIC_URLS, STAFF_TOKEN

from bot.sticky import pick_server
from bot.summary_card import card_layout
from web.app import create_app
from web.chat import DEFAULT_RASA_URL, content_security_policy, socket_sources

SERVERS = RASA_PUBLIC_URLS.split()
SESSION = "0123456789abcdef0123456789abcdef"


async def test_config_names_the_sticky_rasa_server_of_the_session(client):
    chosen = set()
    for n in range(20):
        session_id = f"{SESSION[:-2]}{n:02d}"
        async with client.get("/chat/config", params={"session_id": session_id}) as response:
            assert response.status == 200
            assert response.headers["Access-Control-Allow-Origin"] == "*"
            body = await response.json()
        assert body == {"socket_url": pick_server(session_id, SERVERS)}
        chosen.add(body["socket_url"])
    assert chosen == set(SERVERS)


@pytest.mark.parametrize(
    "query", ["", "?session_id=", "?session_id=short", "?session_id=a%20b%20c%20d%20e"]
)
async def test_config_needs_a_valid_session_id(client, query):
    async with client.get(f"/chat/config{query}") as response:
        assert response.status == 400
        assert "session_id" in (await response.json())["error"]


def test_without_settings_the_chat_uses_the_local_rasa_server(store, monkeypatch):
    monkeypatch.delenv("RASA_PUBLIC_URLS", raising=False)
    assert create_app(store, STAFF_TOKEN).ctx.rasa_servers == [DEFAULT_RASA_URL]


async def test_summary_fields_is_the_card_layout(client):
    async with client.get("/chat/summary-fields") as response:
        assert response.status == 200
        assert await response.json() == card_layout()


@pytest.mark.parametrize(
    ("path", "content_type", "needle"),
    [
        ("/", "text/html", '<script src="/chat/embed.js" defer></script>'),
        ("/chat/embed.js", "javascript", "MadChat.launcher"),
        ("/static/chat.js", "javascript", 'setAttribute("aria-live", "polite")'),
        ("/static/chat.css", "text/css", "prefers-reduced-motion"),
        ("/static/staff.js", "javascript", "/staff/proof"),
        ("/vendor/socket.io.min.js", "javascript", "Socket.IO v4."),
    ],
)
async def test_pages_and_files_are_served_with_security_headers(client, path, content_type, needle):
    async with client.get(path) as response:
        assert response.status == 200
        assert content_type in response.headers["Content-Type"]
        assert needle in await response.text()
        assert response.headers["Content-Security-Policy"] == content_security_policy(SERVERS)
        assert response.headers["X-Content-Type-Options"] == "nosniff"


async def test_security_headers_on_the_api_and_errors_too(client):
    for path in ("/health", "/api/submissions/MAD-AAAAAA", "/static/nothing-here.js"):
        async with client.get(path) as response:
            assert response.headers["X-Content-Type-Options"] == "nosniff", path
            assert "script-src 'self'" in response.headers["Content-Security-Policy"], path


def test_policy_allows_scripts_from_this_app_only_and_sockets_to_the_rasa_servers():
    policy = dict(
        directive.split(" ", 1) for directive in content_security_policy(SERVERS).split("; ")
    )
    assert policy["script-src"] == "'self'"
    assert policy["connect-src"].split() == [
        "'self'",
        "http://rasa-a.example:5005",
        "ws://rasa-a.example:5005",
        "https://rasa-b.example",
        "wss://rasa-b.example",
    ]
    assert policy["frame-ancestors"] == "'none'"
    assert "unsafe-inline" not in content_security_policy(SERVERS)


def test_socket_sources_only_change_the_scheme():
    assert socket_sources(["http://http.example"]) == ["http://http.example", "ws://http.example"]
