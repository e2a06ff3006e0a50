"""The Rasa HTTP API loads only our own models, checked against their recorded hash, and only for a caller
that passed its token check first.

The stack checks the model it starts with (`rasa_extensions.model_hash.verify`), but two routes of
Rasa's HTTP API load a model of the caller's choosing: `PUT /model` (a file path, a model server
or remote storage, to swap the running model) and `POST /model/test/intents?model=...` (a path
or URL, to evaluate it). Here both are refused (403) unless they name a model file in our
`models/` folder whose recorded hash matches; a model server or remote storage is never used.

The caller's token (or JWT) is checked first, with Rasa's own check (`rasa.server.requires_auth`),
so a caller without it gets Rasa's 401 before any work is done (hashing a model takes a moment).
Replies name a model by its file name, never by where the server keeps it.
`rasa_extensions.install.install()` adds the check to every Rasa server app.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from rasa.server import ErrorResponse, requires_auth
from sanic import Sanic
from sanic.exceptions import SanicException
from sanic.request import Request
from sanic.response import HTTPResponse, json

from rasa_extensions.model_hash import UntrustedModel, verify

ONLY_FILES = "models are loaded only from a file in this server's models/ folder"

# The routes that load a model the caller names: (method, path).
PUT_MODEL = ("PUT", "/model")
TEST_INTENTS = ("POST", "/model/test/intents")


async def _authenticated(_request: Request) -> None:
    """The route behind Rasa's token check: reached only when the check passed."""


async def file_refusal(model_file: object) -> str | None:
    """Why the model file a caller named may not be loaded; None when it may."""
    if not isinstance(model_file, str) or not model_file.strip():
        return ONLY_FILES
    try:  # hashing a model takes a moment: off the event loop
        await asyncio.get_running_loop().run_in_executor(None, verify, Path(model_file))
    except UntrustedModel as problem:
        return str(problem)
    return None


async def refusal(body: Any) -> str | None:
    """Why a `PUT /model` body may not be loaded; None when it may (or names nothing: Rasa's 400)."""
    if not isinstance(body, dict):
        return None
    if body.get("model_server") or body.get("remote_storage"):
        return ONLY_FILES
    model_file = body.get("model_file")
    return None if model_file is None else await file_refusal(model_file)


async def requested_model_refusal(request: Request) -> str | None:
    """Why the model a `PUT /model` or `POST /model/test/intents` request names may not be loaded."""
    if (request.method, request.path.rstrip("/")) == TEST_INTENTS:
        model = request.args.get("model")
        return None if not model else await file_refusal(model)
    try:
        body = request.json
    except SanicException:
        return None  # Rasa answers the malformed body itself
    return await refusal(body)


async def only_trusted_models(request: Request) -> HTTPResponse | None:
    """Request middleware: the token first, then 403 unless the model named is a trusted one."""
    if (request.method, request.path.rstrip("/")) not in (PUT_MODEL, TEST_INTENTS):
        return None
    try:
        await request.app.ctx.api_token_check(request)
    except ErrorResponse as denied:
        return json(denied.error_info, status=denied.status)
    reason = await requested_model_refusal(request)
    if reason is None:
        return None
    return json(
        {"status": "failure", "reason": "UntrustedModel", "message": reason, "code": 403},
        status=403,
    )


def api_token_check(app: Sanic, auth_token: str | None) -> Callable[[Request], Awaitable[None]]:
    """Rasa's own check of the HTTP API's token or JWT; raises its `ErrorResponse` (401, 403)."""
    return requires_auth(app, auth_token)(_authenticated)


def load_only_trusted_models(app: Sanic, auth_token: str | None) -> None:
    """Adds the check to `app`, whose HTTP API has `auth_token` (Sanic 21.12 reads its app-wide
    middleware on every request)."""
    app.ctx.api_token_check = api_token_check(app, auth_token)
    app.register_middleware(only_trusted_models, "request")
