"""The web app's access log: method, path, status and size, with no query string and no id in it.

Sanic's own access log writes each request's whole URL, so `/chat/config?session_id=...`,
`/staff/proof?session_id=...` and `/api/submissions/<reference code>` would leave session ids and
reference codes in the log. This one writes, in Sanic's access log format, the path without its
query string, with every value a route takes from the path (a reference code) replaced by its
`bot.chat_ids.log_id`, and the client address of `channels.http.client_address`.
`add_access_log` puts it in place of Sanic's.
"""

from __future__ import annotations

from sanic import Sanic
from sanic.log import access_logger
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.chat_ids import log_id
from channels.http import client_address


def logged_path(request: Request) -> str:
    """The request's path, without its query string, each path parameter's value hidden."""
    path = request.path
    for value in request.match_info.values():
        text = str(value)
        if text:
            path = path.replace(text, log_id(text))
    return path


async def log_response(request: Request, response: HTTPResponse) -> None:
    """Writes one access log line for the request (response middleware)."""
    access_logger.info(
        "",
        extra={
            "status": response.status,
            "byte": len(response.body or b""),
            "host": client_address(request) or "UNKNOWN",
            "request": f"{request.method} {logged_path(request)}",
        },
    )


def add_access_log(app: Sanic) -> None:
    """Logs every answer of `app` this way, instead of Sanic's own access log."""
    app.config.ACCESS_LOG = False
    app.register_middleware(log_response, "response")
