"""HTTP details of the chat channels (and the web app): request size, client address, metadata.

Framework-light: plain functions on Sanic request objects, no Rasa import, so the web app can use
`client_address` too without loading Rasa.
"""

from __future__ import annotations

from collections.abc import Sequence
from ipaddress import ip_address
from typing import Any

import settings
from bot.language import metadata_language
from settings import IPNetwork

# Largest request body a Rasa server reads (SANIC_REQUEST_MAX_SIZE, set by ops.stack) and the REST
# channel accepts: a 2,000-character message in JSON with room to spare.
MAX_BODY_BYTES = 16 * 1024

# The only message metadata the assistant reads: the staff console's proof (bot.staff_mode; 64 hex
# digits) and the web chat picker's language (bot.language; only a language the assistant speaks).
METADATA_KEYS = ("staff_proof", "language")
MAX_METADATA_CHARS = 128


def kept_metadata(metadata: object) -> dict[str, str]:
    """What of a message's metadata is kept: known keys with short text values, nothing else.

    Metadata is stored with every message, so whatever else a client sends there (a typed
    secret, a large object) is dropped before the tracker store or a log could see it.
    """
    if not isinstance(metadata, dict):
        return {}
    kept = {
        key: value
        for key in METADATA_KEYS
        if isinstance(value := metadata.get(key), str) and len(value) <= MAX_METADATA_CHARS
    }
    if "language" in kept and metadata_language(kept) is None:
        del kept["language"]
    return kept


def client_address(request: Any, trusted_proxies: Sequence[IPNetwork] | None = None) -> str | None:
    """Who sent a request (a Sanic request, or None).

    The peer's address, unless the peer is one of `trusted_proxies` (default: TRUSTED_PROXIES):
    then the last address of X-Forwarded-For that is not a trusted proxy itself. A forwarded
    header from anyone else is ignored, so a client that reaches a server directly cannot choose
    the address its limits are counted by.
    """
    if request is None:
        return None
    if trusted_proxies is None:
        trusted_proxies = settings.current().trusted_proxies
    peer = request.ip
    if not _is_trusted(peer, trusted_proxies):
        return peer
    forwarded = ",".join(request.headers.getall("x-forwarded-for", []))
    for hop in reversed([hop.strip() for hop in forwarded.split(",") if hop.strip()]):
        if not _is_trusted(hop, trusted_proxies):
            return hop
    return peer


def _is_trusted(address: str, trusted_proxies: Sequence[IPNetwork]) -> bool:
    try:
        ip = ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in trusted_proxies)
