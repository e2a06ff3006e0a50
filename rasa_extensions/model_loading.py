"""Rasa's `PUT /model` loads only our own models, checked against their recorded hash.

The stack checks the model it starts with (`rasa_extensions.model_hash.verify`), but Rasa's HTTP API can
swap the model of a running server: from any file path, a model server or remote storage.
Here that request is refused (403) unless it names a model file in our `models/` folder whose
recorded hash matches; the model server and remote storage are never used. The check runs
before Rasa's token check, so such a request is refused with or without a token; a trusted one
still needs the token. `rasa_extensions.install.install()` adds the check to every Rasa server app.
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

from sanic import Sanic
from sanic.exceptions import SanicException
from sanic.request import Request
from sanic.response import HTTPResponse, json

from rasa_extensions.model_hash import UntrustedModel, verify

ONLY_FILES = "models are loaded only from a file in this server's models/ folder"


async def refusal(body: Any) -> str | None:
    """Why a `PUT /model` body may not be loaded; None when it may (or names nothing: Rasa's 400)."""
    if not isinstance(body, dict):
        return None
    if body.get("model_server") or body.get("remote_storage"):
        return ONLY_FILES
    model_file = body.get("model_file")
    if model_file is None:
        return None
    if not isinstance(model_file, str) or not model_file.strip():
        return ONLY_FILES
    try:  # hashing a model takes a moment: off the event loop
        await asyncio.get_running_loop().run_in_executor(None, verify, Path(model_file))
    except (UntrustedModel, OSError) as problem:
        return str(problem)
    return None


async def only_trusted_models(request: Request) -> HTTPResponse | None:
    """Request middleware: answers 403 to a `PUT /model` of anything but a trusted model."""
    if request.method != "PUT" or request.path.rstrip("/") != "/model":
        return None
    try:
        body = request.json
    except SanicException:
        return None  # Rasa answers the malformed body itself
    reason = await refusal(body)
    if reason is None:
        return None
    return json(
        {"status": "failure", "reason": "UntrustedModel", "message": reason, "code": 403},
        status=403,
    )


def load_only_trusted_models(app: Sanic) -> None:
    """Adds the check to `app` (Sanic 21.12 reads its app-wide middleware on every request)."""
    app.register_middleware(only_trusted_models, "request")
