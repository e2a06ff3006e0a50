"""Malformed JWTs on the Rasa HTTP API get a 401, not a 500.

sanic-jwt (Rasa's JWT check) catches only some of PyJWT's errors: a token signed with another
algorithm (`alg: none`, say) raises `InvalidAlgorithmError` out of the request, and Sanic answers
500. Such a token was never accepted; this makes the answer the same 401 as any other bad token.
`rasa_extensions.install.install()` adds the handler to every Rasa server app.
"""

from __future__ import annotations

from jwt.exceptions import InvalidTokenError
from sanic import Sanic
from sanic.request import Request
from sanic.response import HTTPResponse, json

NOT_AUTHENTICATED = {
    "status": "failure",
    "reason": "NotAuthenticated",
    "message": "User is not authenticated.",
    "code": 401,
}


async def refuse_bad_token(_request: Request, _error: Exception) -> HTTPResponse:
    """Rasa's own 401 answer."""
    return json(NOT_AUTHENTICATED, status=401)


def refuse_bad_jwts(app: Sanic) -> None:
    """Makes every PyJWT token error of `app` a 401."""
    app.error_handler.add(InvalidTokenError, refuse_bad_token)
