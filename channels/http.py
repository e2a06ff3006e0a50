"""HTTP details of the chat channels (and the staff console): request size, client address, metadata.

Framework-light: plain functions on Sanic request objects, no Rasa import, so the web app can use
`client_address` too without loading Rasa.
"""

from __future__ import annotations

from typing import Any

# Largest request body a Rasa server reads (SANIC_REQUEST_MAX_SIZE, set by ops.stack) and the REST
# channel accepts: a 2,000-character message in JSON with room to spare.
MAX_BODY_BYTES = 16 * 1024

# The only message metadata the assistant reads (bot.staff_mode); a proof is 64 hex digits.
METADATA_KEYS = ("staff_proof",)
MAX_METADATA_CHARS = 128


def kept_metadata(metadata: object) -> dict[str, str]:
    """What of a message's metadata is kept: known keys with short text values, nothing else.

    Metadata is stored with every message, so whatever else a client sends there (a typed
    secret, a large object) is dropped before the tracker store or a log could see it.
    """
    if not isinstance(metadata, dict):
        return {}
    return {
        key: value
        for key in METADATA_KEYS
        if isinstance(value := metadata.get(key), str) and len(value) <= MAX_METADATA_CHARS
    }


def client_address(request: Any) -> str | None:
    """Who sent a request (a Sanic request, or None): the address a trusted proxy forwarded, else
    the peer's. Sanic trusts proxies only when told to (SANIC_PROXIES_COUNT, SANIC_REAL_IP_HEADER).
    """
    if request is None:
        return None
    return request.remote_addr or request.ip
