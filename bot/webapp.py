"""The assistant's web server: health check, staff look-up of submissions, web chat, staff console.

`create_app` builds the Sanic app: the health check and the staff look-up here, the web chat from
`bot.webchat` and the staff console from `bot.staff_console`. `python -m bot.webapp` runs it,
configured from the environment: STAFF_TOKEN (required), SUBMISSIONS_DB_URL, RASA_PUBLIC_URLS,
WEB_HOST (default 127.0.0.1), WEB_PORT (default 8080).
"""

from __future__ import annotations

import asyncio
import os
import sys
import uuid
from collections.abc import Mapping

from sanic import Sanic
from sanic.request import Request
from sanic.response import HTTPResponse, json

from bot.payload import payload_json
from bot.staff_console import TOO_MANY_TRIES, add_staff_console, is_signed_in, staff_token_refusal
from bot.submission_store import SubmissionStore, store_url_from_env
from bot.webchat import add_chat_routes

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8080
STAFF_TOKEN_ENV_VAR = "STAFF_TOKEN"


def create_app(store: SubmissionStore, staff_token: str) -> Sanic:
    """A new Sanic app (with its own unique name): health check, staff API, chat, console."""
    if not staff_token.strip():
        raise ValueError("staff_token must not be empty")
    app = Sanic(f"mad_efile_{uuid.uuid4().hex}")
    app.ctx.store = store
    app.ctx.staff_token = staff_token
    app.add_route(health, "/health", methods=["GET"])
    app.add_route(get_submission, "/api/submissions/<reference>", methods=["GET"])
    add_chat_routes(app)
    add_staff_console(app)
    return app


async def health(request: Request) -> HTTPResponse:
    """Says the server is up."""
    return json({"status": "ok"})


def _bearer_token(request: Request) -> str:
    scheme, _, supplied = request.headers.get("authorization", "").partition(" ")
    return supplied if scheme.lower() == "bearer" else ""


async def get_submission(request: Request, reference: str) -> HTTPResponse:
    """Staff only (the staff token, or the staff console's cookie): the payload for a reference."""
    refusal = None if is_signed_in(request) else staff_token_refusal(request, _bearer_token(request))
    if refusal == TOO_MANY_TRIES:
        return json({"error": refusal}, status=429)
    if refusal is not None:
        return json(
            {"error": "A valid staff token is required."},
            status=401,
            headers={"WWW-Authenticate": "Bearer"},
        )
    store: SubmissionStore = request.app.ctx.store
    payload = await asyncio.to_thread(store.get, reference)
    if payload is None:
        return json({"error": "No submission has that reference code."}, status=404)
    return json(payload_json(payload), headers={"Cache-Control": "no-store"})


def _port_from_env(env: Mapping[str, str]) -> int:
    text = env.get("WEB_PORT") or str(DEFAULT_PORT)
    if not text.isdigit() or not 0 < int(text) < 65536:
        sys.exit(f"WEB_PORT must be a port number from 1 to 65535, not {text!r}.")
    return int(text)


def main() -> None:
    """Run the web server with settings from the environment."""
    env = os.environ
    staff_token = env.get(STAFF_TOKEN_ENV_VAR, "")
    if not staff_token.strip():
        sys.exit(
            f"{STAFF_TOKEN_ENV_VAR} is not set. Set it to a long random secret that court staff "
            "use to look up submissions, then start the web app again."
        )
    port = _port_from_env(env)
    app = create_app(SubmissionStore(store_url_from_env(env)), staff_token)
    app.run(host=env.get("WEB_HOST") or DEFAULT_HOST, port=port)


if __name__ == "__main__":
    main()
