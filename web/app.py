"""The assistant's web server: health check, staff look-up of submissions, web chat, staff
console, the court's dashboard.

`create_app` builds the Sanic app: the health check and the staff look-up here, the web chat from
`web.chat`, the staff console from `web.staff_console` (its warm hand-off from
`web.staff_handoff`) and the dashboard from `web.dashboard`. `python -m web.app` runs it,
configured by `settings` (STAFF_TOKEN, required; SUBMISSIONS_DB_URL, RASA_PUBLIC_URLS,
RASA_API_URLS, RASA_AUTH_TOKEN, HELP_CODE_HOURS, WEB_HOST, WEB_PORT, DASHBOARD_TOKEN,
DASHBOARD_TRACKER_DB_URL).
"""

from __future__ import annotations

import asyncio
import sys
import uuid
from collections.abc import Sequence

from sanic import Sanic
from sanic.request import Request
from sanic.response import HTTPResponse, json

import settings
from bot.payload import payload_json
from bot.staff_mode import StaffProofs
from bot.submission_store import SubmissionStore
from web.access_log import add_access_log
from web.chat import add_chat_routes
from web.dashboard import add_dashboard
from web.staff_console import add_staff_console, is_signed_in, staff_token_refusal
from web.staff_handoff import add_staff_handoff
from web.token_gate import bearer_token

# Browsers that reach the app over HTTPS (through the proxy) keep to HTTPS for a year.
STRICT_TRANSPORT_SECURITY = "max-age=31536000"
# The look-up's header naming the language the filer used (a code like "es"), when it is known:
# the body is the payload exactly as published (schemas/), which is language-neutral.
FILER_LANGUAGE_HEADER = "Filer-Language"


def create_app(
    store: SubmissionStore, staff_token: str, rasa_servers: Sequence[str] | None = None
) -> Sanic:
    """A new Sanic app (with its own unique name): health check, staff API, chat, console.

    `rasa_servers`: the Rasa servers' public URLs (default: this process's RASA_PUBLIC_URLS).
    """
    if not staff_token.strip():
        raise ValueError("staff_token must not be empty")
    app = Sanic(f"mad_efile_{uuid.uuid4().hex}")
    app.ctx.store = store
    app.ctx.staff_token = staff_token
    app.add_route(health, "/health", methods=["GET"])
    app.add_route(get_submission, "/api/submissions/<reference>", methods=["GET"])
    add_chat_routes(
        app, settings.current().rasa_public_urls if rasa_servers is None else rasa_servers
    )
    add_staff_console(app)
    add_staff_handoff(app)
    config = settings.current()
    add_dashboard(app, config.dashboard_token, config.dashboard_tracker_db_url)
    add_access_log(app)
    app.register_middleware(strict_transport_security, "response")
    return app


async def strict_transport_security(request: Request, response: HTTPResponse) -> None:
    """HSTS on every answer (browsers heed it only over HTTPS)."""
    response.headers["Strict-Transport-Security"] = STRICT_TRANSPORT_SECURITY


async def health(request: Request) -> HTTPResponse:
    """Says the server is up."""
    return json({"status": "ok"})


async def get_submission(request: Request, reference: str) -> HTTPResponse:
    """Staff only (the staff token, or the staff console's cookie): the payload for a reference,
    and the filer's language in the Filer-Language header when it is known."""
    refusal = None if is_signed_in(request) else staff_token_refusal(request, bearer_token(request))
    if refusal is not None and refusal.status == 429:
        return json({"error": refusal.message}, status=429)
    if refusal is not None:
        return json(
            {"error": "A valid staff token is required."},
            status=401,
            headers={"WWW-Authenticate": "Bearer"},
        )
    store: SubmissionStore = request.app.ctx.store
    found = await asyncio.to_thread(store.find, reference)
    if found is None:
        return json({"error": "No submission has that reference code."}, status=404)
    headers = {"Cache-Control": "no-store"}
    if found.language:
        headers[FILER_LANGUAGE_HEADER] = found.language
    return json(payload_json(found.payload), headers=headers)


def main() -> None:
    """Run the web server with this process's settings."""
    config = settings.current_or_exit()
    if not config.staff_token:
        sys.exit(
            "STAFF_TOKEN is not set. Set it to a long random secret that court staff "
            "use to look up submissions, then start the web app again."
        )
    app = create_app(
        SubmissionStore(config.submissions_db_url), config.staff_token, config.rasa_public_urls
    )
    StaffProofs(config.submissions_db_url).revoke_all()  # no staff session survives a restart
    app.run(host=config.web_host, port=config.web_port)


if __name__ == "__main__":
    main()
