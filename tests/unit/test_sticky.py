"""A web chat session always goes to the same Rasa server (bot/sticky.py)."""

from __future__ import annotations

import pytest

from bot.sticky import pick_server, servers_from_env

SERVERS = ["http://a:5005", "http://b:5006"]


def test_same_session_same_server_whatever_the_order():
    for n in range(50):
        session = f"session-{n}"
        assert pick_server(session, SERVERS) == pick_server(session, list(reversed(SERVERS)))


def test_sessions_spread_over_all_servers():
    chosen = {pick_server(f"session-{n}", SERVERS) for n in range(50)}
    assert chosen == set(SERVERS)


def test_adding_a_server_moves_only_sessions_to_the_new_one():
    bigger = [*SERVERS, "http://c:5007"]
    for n in range(100):
        before, after = pick_server(f"s{n}", SERVERS), pick_server(f"s{n}", bigger)
        assert after in (before, "http://c:5007")


def test_no_servers_is_an_error():
    with pytest.raises(ValueError):
        pick_server("s", [])


def test_servers_from_env():
    assert servers_from_env("http://a:1/ , http://b:2", "http://d") == ["http://a:1", "http://b:2"]
    assert servers_from_env("", "http://d") == ["http://d"]
    assert servers_from_env(None, "http://d") == ["http://d"]
