"""The chat channels' HTTP details (channels/http.py): client address and kept metadata."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from channels.http import client_address, kept_metadata


@pytest.mark.parametrize(
    ("forwarded", "peer", "expected"),
    [("", "10.0.0.7", "10.0.0.7"), ("203.0.113.5", "10.0.0.7", "203.0.113.5")],
)
def test_client_address_is_the_forwarded_one_when_a_proxy_is_trusted(forwarded, peer, expected):
    assert client_address(SimpleNamespace(remote_addr=forwarded, ip=peer)) == expected
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
