"""Rasa calls the action server over kept connections, and orjson writes the calls' JSON.

Rasa 3.6's `EndpointConfig.request` opens a new aiohttp session, so a new TCP connection, for
every call to the action server, and the call's body (the whole tracker, and the domain) is
written by Python's `json`: together about a sixth of a Rasa server's CPU per chat turn
(docs/benchmarks.md). With `install()`, `EndpointConfig.session()` hands out one session per
endpoint and event loop, kept open: its connections are reused (kept idle for `KEEPALIVE_S`,
less than the action server's own keep-alive, so a call never goes out on a connection the
server is closing), and its JSON is written by orjson. `close_kept_sessions` closes them when
the Rasa server stops (`rasa_extensions.install` registers it on every Rasa app).
"""

from __future__ import annotations

import asyncio
import weakref
from typing import Any

import aiohttp
import orjson
from rasa.utils.endpoints import DEFAULT_REQUEST_TIMEOUT, EndpointConfig

# Sanic's keep-alive timeout (the action server's) is 5 s.
KEEPALIVE_S = 2.0

# Every kept session, with the event loop it belongs to.
_KEPT: weakref.WeakKeyDictionary[aiohttp.ClientSession, asyncio.AbstractEventLoop] = (
    weakref.WeakKeyDictionary()
)


def _float(value: Any) -> float:
    """What orjson cannot write but `json.dumps` can: floats of a subclass (numpy's float64)."""
    if isinstance(value, float):
        return float(value)
    raise TypeError(f"{type(value).__name__} is not JSON serializable")


def dumps(value: Any) -> str:
    """JSON text of `value`, as `json.dumps` writes it (keys that are not text as text)."""
    return orjson.dumps(value, default=_float, option=orjson.OPT_NON_STR_KEYS).decode()


class KeptSession:
    """`async with` gives the kept session and leaves it open (Rasa closes its own at the end)."""

    def __init__(self, session: aiohttp.ClientSession) -> None:
        self.session = session

    async def __aenter__(self) -> aiohttp.ClientSession:
        return self.session

    async def __aexit__(self, *exc_info: object) -> None:
        return None


def new_session(endpoint: EndpointConfig) -> aiohttp.ClientSession:
    """A session with Rasa's headers, basic auth and timeout for `endpoint`, kept open."""
    auth = None
    if endpoint.basic_auth:
        auth = aiohttp.BasicAuth(endpoint.basic_auth["username"], endpoint.basic_auth["password"])
    session = aiohttp.ClientSession(
        headers=endpoint.headers,
        auth=auth,
        timeout=aiohttp.ClientTimeout(total=DEFAULT_REQUEST_TIMEOUT),
        connector=aiohttp.TCPConnector(keepalive_timeout=KEEPALIVE_S),
        json_serialize=dumps,
    )
    _KEPT[session] = asyncio.get_running_loop()
    return session


def kept_session(endpoint: EndpointConfig) -> KeptSession:
    """`EndpointConfig.session`: the endpoint's kept session in the running event loop."""
    loop = asyncio.get_running_loop()
    sessions: dict[asyncio.AbstractEventLoop, aiohttp.ClientSession] = endpoint.__dict__.setdefault(
        "kept_sessions", {}
    )
    session = sessions.get(loop)
    if session is None or session.closed:
        session = sessions[loop] = new_session(endpoint)
    return KeptSession(session)


async def close_kept_sessions(*_: object) -> None:
    """Closes the kept sessions of the running event loop (a Sanic `after_server_stop` listener)."""
    loop = asyncio.get_running_loop()
    for session, its_loop in list(_KEPT.items()):
        if its_loop is loop and not session.closed:
            await session.close()


def install() -> None:
    """Makes `EndpointConfig.session` hand out kept sessions (once)."""
    EndpointConfig.session = kept_session  # type: ignore[assignment]
