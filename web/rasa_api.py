"""The web app's client of the Rasa servers' HTTP API, for the staff console's warm hand-off.

Server-side only: the browser never sees the API or its token. Each call goes to the Rasa server
that holds the filer's web chat socket: the one `bot.sticky.pick_server` gives the chat session
among RASA_PUBLIC_URLS, reached at the URL in the same place of RASA_API_URLS (the tracker store
is shared, but only that server can push a message down the filer's socket). The token travels
as the `token` query parameter, as Rasa wants it; no error message or log line carries a URL.
Every call has a timeout; a failure raises `RasaApiError` with a plain message for staff.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
from typing import Any
from urllib.parse import quote

import aiohttp

from bot.chat_ids import log_id, session_of
from bot.sticky import pick_server

logger = logging.getLogger(__name__)

TIMEOUT_S = 15.0
UNREACHABLE = "The chat server did not answer. Please try again in a moment."
REFUSED = "The chat server refused the request (status {status}). Please try again."
# Bot messages go to the channel the filer wrote from last (the web chat's socket), and the
# messages among appended events are sent at all (Rasa sends them only when asked).
TO_THE_FILER = {"output_channel": "latest"}
SIDE_EFFECTS = "execute_side_effects"


class RasaApiError(Exception):
    """A call to a Rasa server failed; the message is for staff and names no URL or token."""


def api_server(conversation_id: str, public_urls: Sequence[str], api_urls: Sequence[str]) -> str:
    """The API URL of the Rasa server that a conversation's web chat session talks to."""
    if len(public_urls) != len(api_urls):
        raise ValueError("RASA_API_URLS must list the servers of RASA_PUBLIC_URLS, in order")
    chosen = pick_server(session_of(conversation_id), public_urls)
    return api_urls[list(public_urls).index(chosen)]


class RasaApi:
    """Reads and changes conversations through the Rasa HTTP API of the right server."""

    def __init__(
        self,
        public_urls: Sequence[str],
        api_urls: Sequence[str],
        token: str,
        timeout_s: float = TIMEOUT_S,
    ) -> None:
        if len(public_urls) != len(api_urls):
            raise ValueError("RASA_API_URLS must list the servers of RASA_PUBLIC_URLS, in order")
        self.public_urls = list(public_urls)
        self.api_urls = list(api_urls)
        self._token = token
        self._timeout = aiohttp.ClientTimeout(total=timeout_s)
        self._session: aiohttp.ClientSession | None = None

    def server_for(self, conversation_id: str) -> str:
        """The API URL of the server that holds the conversation's web chat socket."""
        return api_server(conversation_id, self.public_urls, self.api_urls)

    async def tracker(self, conversation_id: str) -> dict[str, Any]:
        """The conversation's tracker: slots, events, paused, active loop."""
        return await self._call("GET", conversation_id, "tracker")

    async def append(self, conversation_id: str, events: list[dict[str, Any]]) -> dict[str, Any]:
        """Appends events; any bot message among them is sent to the filer's latest channel."""
        return await self._call(
            "POST", conversation_id, "tracker/events", events, {**TO_THE_FILER, SIDE_EFFECTS: "true"}
        )

    async def execute(self, conversation_id: str, action: str) -> dict[str, Any]:
        """Runs one action; its messages go to the filer's latest channel."""
        return await self._call("POST", conversation_id, "execute", {"name": action}, TO_THE_FILER)

    async def close(self) -> None:
        """Closes the HTTP connections (at the web app's stop)."""
        if self._session is not None:
            await self._session.close()
            self._session = None

    async def _call(
        self,
        method: str,
        conversation_id: str,
        path: str,
        body: Any = None,
        extra: dict[str, str] | None = None,
    ) -> dict[str, Any]:
        if self._session is None or self._session.closed:
            self._session = aiohttp.ClientSession(timeout=self._timeout)
        server = self.server_for(conversation_id)
        url = f"{server}/conversations/{quote(conversation_id, safe=':')}/{path}"
        params = {"token": self._token, **(extra or {})}
        try:
            async with self._session.request(method, url, params=params, json=body) as reply:
                if reply.status != 200:
                    logger.warning(
                        "Rasa API %s %s for %s: status %d",
                        method, path, log_id(conversation_id), reply.status,
                    )
                    raise RasaApiError(REFUSED.format(status=reply.status))
                found: dict[str, Any] = await reply.json()
                return found
        except (aiohttp.ClientError, asyncio.TimeoutError, ValueError) as problem:
            logger.warning(
                "Rasa API %s %s for %s failed: %s",
                method, path, log_id(conversation_id), type(problem).__name__,
            )
            raise RasaApiError(UNREACHABLE) from None
