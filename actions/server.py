"""The action server: rasa-sdk's app, but every call except /health needs the shared token.

rasa-sdk checks no token itself. Rasa sends the token as the `token` query parameter
(`action_endpoint.token` in endpoints.yml). Run with `python -m actions.server`; settings
come from the environment: ACTION_SERVER_TOKEN (required), ACTION_PORT (5055),
ACTION_HOST (127.0.0.1), ACTION_SERVER_SANIC_WORKERS (1).
"""

from __future__ import annotations

import hmac
import os
import sys
from typing import Optional

from rasa_sdk.endpoint import create_app
from sanic import Sanic
from sanic.request import Request
from sanic.response import HTTPResponse, json

OPEN_PATHS = frozenset({"/health"})


def supplied_token(request: Request) -> str:
    """The token from `?token=` or an `Authorization: Bearer` header."""
    scheme, _, bearer = request.headers.get("authorization", "").partition(" ")
    return request.args.get("token") or (bearer.strip() if scheme.lower() == "bearer" else "")


def create_action_app(token: str) -> Sanic:
    """rasa-sdk's app with our actions, refusing calls without `token`."""
    if not token.strip():
        raise ValueError("the action server token must not be empty")
    app = create_app("actions", cors_origins=None)

    @app.middleware("request")
    async def require_token(request: Request) -> Optional[HTTPResponse]:
        if request.path in OPEN_PATHS:
            return None
        if hmac.compare_digest(supplied_token(request).encode(), token.encode()):
            return None
        return json({"error": "A valid action server token is required."}, status=401)

    return app


def main() -> None:
    token = os.environ.get("ACTION_SERVER_TOKEN", "")
    if not token.strip():
        sys.exit("ACTION_SERVER_TOKEN is not set. Set it to the same secret the Rasa server uses.")
    app = create_action_app(token)
    app.run(
        host=os.environ.get("ACTION_HOST", "127.0.0.1"),
        port=int(os.environ.get("ACTION_PORT", "5055")),
        workers=int(os.environ.get("ACTION_SERVER_SANIC_WORKERS", "1")),
        access_log=False,
    )


if __name__ == "__main__":
    main()
