"""The action server: rasa-sdk's app, but every call except /health needs the shared token.

rasa-sdk checks no token itself. Rasa sends the token in an `Authorization: Bearer` header
(`action_endpoint.headers` in endpoints.yml); a token in the URL is not taken, since URLs end up
in logs. Run with `python -m actions.server`; its settings
(`settings`: ACTION_SERVER_TOKEN, required; ACTION_PORT, ACTION_HOST,
ACTION_SERVER_SANIC_WORKERS) are read once at start.
"""

from __future__ import annotations

import hmac
import sys

from rasa_sdk.endpoint import create_app
from sanic import Sanic
from sanic.request import Request
from sanic.response import HTTPResponse, json

import settings
from bot.language import warm_up

OPEN_PATHS = frozenset({"/health"})


def supplied_token(request: Request) -> str:
    """The token of the `Authorization: Bearer` header ("" when there is none)."""
    scheme, _, bearer = request.headers.get("authorization", "").partition(" ")
    return bearer.strip() if scheme.lower() == "bearer" else ""


def create_action_app(token: str) -> Sanic:
    """rasa-sdk's app with our actions, refusing calls without `token`."""
    if not token.strip():
        raise ValueError("the action server token must not be empty")
    app = create_app("actions", cors_origins=None)

    @app.middleware("request")
    async def require_token(request: Request) -> HTTPResponse | None:
        if request.path in OPEN_PATHS:
            return None
        if hmac.compare_digest(supplied_token(request).encode(), token.encode()):
            return None
        return json({"error": "A valid action server token is required."}, status=401)

    return app


def main() -> None:
    config = settings.current_or_exit()
    if not config.action_server_token:
        sys.exit("ACTION_SERVER_TOKEN is not set. Set it to the same secret the Rasa server uses.")
    app = create_action_app(config.action_server_token)
    warm_up()  # langid's model, before the workers fork, rather than on the first message
    app.run(
        host=config.action_host,
        port=config.action_port,
        workers=config.action_workers,
        access_log=False,
    )


if __name__ == "__main__":
    main()
