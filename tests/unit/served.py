"""Serves a Sanic app on a free local port for a test and yields an aiohttp session to it."""

from __future__ import annotations

import socket
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import aiohttp
from sanic import Sanic

# Settings of the web apps served in tests (tests/unit/conftest.py).
STAFF_TOKEN = "s3cret-staff-token"
RASA_PUBLIC_URLS = "http://rasa-a.example:5005 https://rasa-b.example"


@asynccontextmanager
async def served(app: Sanic) -> AsyncIterator[aiohttp.ClientSession]:
    """Needs `Sanic.test_mode = True` (set with monkeypatch) to run several apps per process."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = await app.create_server(sock=sock, return_asyncio_server=True)
    await server.startup()
    try:
        async with aiohttp.ClientSession(base_url=f"http://127.0.0.1:{port}") as session:
            yield session
    finally:
        await server.close()
        sock.close()
