"""Which Rasa server a web chat session talks to, so that a session always stays on one.

Rasa's socket.io channel keeps its sessions in one process. With several Rasa servers,
the web chat asks the web app for its server, and the same session id always gets the
same server (rendezvous hashing: adding a server moves only the sessions it takes over).
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence


def _score(session_id: str, server: str) -> int:
    digest = hashlib.sha256(f"{server}\n{session_id}".encode()).digest()
    return int.from_bytes(digest[:8], "big")


def pick_server(session_id: str, servers: Sequence[str]) -> str:
    """The server for `session_id`; always the same for the same id and server list."""
    if not servers:
        raise ValueError("no Rasa servers are configured")
    return max(servers, key=lambda server: _score(session_id, server))


def servers_from_env(value: str | None, default: str) -> list[str]:
    """Server URLs from a space- or comma-separated setting such as RASA_PUBLIC_URLS."""
    servers = [url.rstrip("/") for url in (value or "").replace(",", " ").split()]
    return servers or [default]
