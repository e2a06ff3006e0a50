"""The chat channels' HTTP details (channels/http.py): client address and kept metadata."""

from __future__ import annotations

from ipaddress import ip_network
from types import SimpleNamespace

import pytest
from sanic.compat import Header

import settings
from channels.http import client_address, kept_metadata

PROXIES = (ip_network("10.0.0.7"), ip_network("fd00::/8"))


def request(peer: str, *forwarded: str) -> SimpleNamespace:
    return SimpleNamespace(ip=peer, headers=Header([("X-Forwarded-For", f) for f in forwarded]))


@pytest.mark.parametrize(
    ("peer", "forwarded", "expected"),
    [
        ("10.0.0.7", (), "10.0.0.7"),  # the proxy itself
        ("10.0.0.7", ("203.0.113.5",), "203.0.113.5"),
        ("10.0.0.7", ("198.51.100.1, 203.0.113.5",), "203.0.113.5"),  # the proxy's hop counts
        ("10.0.0.7", ("198.51.100.1", "203.0.113.5"), "203.0.113.5"),  # two headers
        ("10.0.0.7", ("203.0.113.5, fd00::1",), "203.0.113.5"),  # a second trusted proxy
        ("fd00::2", ("2001:db8::9",), "2001:db8::9"),
        ("10.0.0.7", ("not-an-address",), "not-an-address"),
        ("203.0.113.9", ("198.51.100.1",), "203.0.113.9"),  # not from a trusted proxy: ignored
        ("203.0.113.9", (), "203.0.113.9"),
    ],
)
def test_client_address_is_forwarded_only_by_a_trusted_proxy(peer, forwarded, expected):
    assert client_address(request(peer, *forwarded), PROXIES) == expected


def test_without_trusted_proxies_the_forwarded_address_is_ignored():
    assert client_address(request("10.0.0.7", "203.0.113.5"), ()) == "10.0.0.7"
    assert settings.current().trusted_proxies == ()  # the default: no proxy trusted
    assert client_address(request("10.0.0.7", "203.0.113.5")) == "10.0.0.7"
    assert client_address(None) is None


@pytest.mark.parametrize(
    ("metadata", "kept"),
    [
        ({"staff_proof": "ab" * 32}, {"staff_proof": "ab" * 32}),
        ({"staff_proof": "ab" * 32, "note": "my ssn is 123-45-6789"}, {"staff_proof": "ab" * 32}),
        ({"staff_proof": "x" * 129}, {}),
        ({"staff_proof": ["ab"]}, {}),
        ({"anything": "else"}, {}),
        ([1, 2], {}),
        ("text", {}),
        (None, {}),
    ],
)
def test_only_known_short_metadata_is_kept(metadata, kept):
    assert kept_metadata(metadata) == kept
