"""The court's web chat, served by the web app: demo page, embed script, static files and config.

- `/` is a demo page that looks like a court page and embeds the chat with the one-line snippet
  `<script src="https://CHAT-HOST/chat/embed.js" defer></script>`;
- `/chat/embed.js` and `/static/...` are the chat's own hand-written JS and CSS (web/static);
- `/vendor/socket.io.min.js` is the pinned socket.io client from web/node_modules (`make web-deps`);
- `/chat/config?session_id=ID` names the Rasa server of a chat session (always the same one, see
  `bot.sticky`; ID must be a chat id of `bot.chat_ids`, as the Rasa servers' chat channels
  check); `/chat/summary-fields?lang=es` is the layout of the summary card (`bot.summary_card`), in
  that language; `/chat/languages` the picker's languages and the chat's own strings in each;
- `POST /chat/rating` keeps a thumbs up / down of one answer (`bot.answer_ratings`): a JSON body
  (sent as text/plain, so any page embedding the chat may post it without a preflight) of the
  chat's `session_id`, the answer's `response` name and `rating` ("up" or "down"). It is rate
  limited per session and per client network; the session id is checked, never kept.

Every response carries a Content-Security-Policy (scripts from this app only, connections to this
app and the Rasa servers of RASA_PUBLIC_URLS) and `X-Content-Type-Options: nosniff`.
"""

from __future__ import annotations

import asyncio
import json as json_module
import re
from collections.abc import Sequence
from datetime import datetime, timezone
from pathlib import Path

from sanic import Sanic
from sanic.request import Request
from sanic.response import HTTPResponse, file, json

import settings
from bot.answer_ratings import RatingStore, is_rating
from bot.chat_guard import RateLimiter, address_key
from bot.chat_ids import bad_chat_id, is_chat_id
from bot.i18n import ENGLISH, chat_strings, is_supported
from bot.i18n import languages as i18n_languages
from bot.sticky import pick_server
from bot.summary_card import card_layout
from channels.http import client_address
from settings import DEFAULTS

WEB_DIR = Path(__file__).resolve().parent
PAGES_DIR = WEB_DIR / "pages"
NODE_MODULES = WEB_DIR / "node_modules"
SOCKET_IO_CLIENT = NODE_MODULES / "socket.io-client" / "dist" / "socket.io.min.js"
DEFAULT_RASA_URL = DEFAULTS["RASA_PUBLIC_URLS"]
BAD_SESSION_ID = bad_chat_id("session_id")
# Any page may fetch these (no cookies are involved): the court's own site embeds the chat.
OPEN_TO_ALL_ORIGINS = {"Access-Control-Allow-Origin": "*"}
NOT_A_RATING = "A rating needs the answer's response name and up or down."
TOO_MANY_RATINGS = "Too many ratings at once. Please wait a little."
MAX_RATING_BYTES = 512
# Ratings per chat session and per client network: refill per second, burst.
RATINGS_PER_SESSION = (0.2, 30)
RATINGS_PER_ADDRESS = (1.0, 120)


def socket_sources(servers: Sequence[str]) -> list[str]:
    """Each Rasa URL, plus its WebSocket form (ws: for http:, wss: for https:)."""
    sources = []
    for server in servers:
        sources += [server, re.sub(r"^http", "ws", server)]
    return sources


def content_security_policy(servers: Sequence[str]) -> str:
    """The policy of every response: nothing inline, nothing from elsewhere but the chat sockets."""
    return "; ".join(
        [
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self'",
            "img-src 'self' data:",
            "connect-src " + " ".join(["'self'", *socket_sources(servers)]),
            "object-src 'none'",
            "base-uri 'none'",
            "form-action 'self'",
            "frame-ancestors 'none'",
        ]
    )


async def demo_page(request: Request) -> HTTPResponse:
    """A plain page like the court's own, with the chat embedded by its one-line snippet."""
    return await file(PAGES_DIR / "demo.html", mime_type="text/html; charset=utf-8")


def session_id_of(request: Request) -> str | None:
    """The `session_id` query parameter, or None when it is missing or not a valid id."""
    session_id = request.args.get("session_id", "")
    return session_id if is_chat_id(session_id) else None


async def chat_config(request: Request) -> HTTPResponse:
    """The Rasa server (socket.io URL) for one chat session id."""
    session_id = session_id_of(request)
    if session_id is None:
        return json({"error": BAD_SESSION_ID}, status=400, headers=OPEN_TO_ALL_ORIGINS)
    socket_url = pick_server(session_id, request.app.ctx.rasa_servers)
    return json({"socket_url": socket_url}, headers=OPEN_TO_ALL_ORIGINS)


async def summary_fields(request: Request) -> HTTPResponse:
    """How the summary card names and orders the answers, in `?lang=` (English by default)."""
    language = request.args.get("lang", ENGLISH)
    return json(card_layout(language if is_supported(language) else ENGLISH), headers=OPEN_TO_ALL_ORIGINS)


async def chat_languages(request: Request) -> HTTPResponse:
    """The languages of the picker (each named in itself) and the chat's own strings in each."""
    languages = [{"code": ENGLISH, "name": "English"}]
    strings = {}
    for code in i18n_languages():
        if code != ENGLISH:
            found = chat_strings(code)
            languages.append({"code": code, "name": found["language_name"]})
            strings[code] = found["chat"]
    return json({"languages": languages, "strings": strings}, headers=OPEN_TO_ALL_ORIGINS)


def rating_store(app: Sanic) -> RatingStore:
    """The app's ratings table (in SUBMISSIONS_DB_URL's database), opened on first use."""
    if getattr(app.ctx, "ratings", None) is None:
        app.ctx.ratings = RatingStore(settings.current().submissions_db_url)
    return app.ctx.ratings


async def rate_answer(request: Request) -> HTTPResponse:
    """Keeps one thumbs up / down of an answer of the web chat."""
    try:
        body = json_module.loads(request.body) if len(request.body) <= MAX_RATING_BYTES else None
    except ValueError:
        body = None
    body = body if isinstance(body, dict) else {}
    if not is_chat_id(body.get("session_id")):
        return json({"error": BAD_SESSION_ID}, status=400, headers=OPEN_TO_ALL_ORIGINS)
    response, rating = body.get("response"), body.get("rating")
    if not is_rating(response, rating):
        return json({"error": NOT_A_RATING}, status=400, headers=OPEN_TO_ALL_ORIGINS)
    per_session, per_address = request.app.ctx.rating_limits
    network = address_key(client_address(request) or "")
    if not (per_address.allow(network) and per_session.allow(body["session_id"])):
        return json({"error": TOO_MANY_RATINGS}, status=429, headers=OPEN_TO_ALL_ORIGINS)
    today = datetime.now(timezone.utc).date()
    await asyncio.to_thread(rating_store(request.app).add, str(response), str(rating), today)
    return json({"kept": True}, status=201, headers=OPEN_TO_ALL_ORIGINS)


def add_chat_routes(app: Sanic, rasa_servers: Sequence[str]) -> None:
    """Adds the chat's pages, files and config to `app`, and the security headers to all replies.

    `rasa_servers` are the public URLs of the Rasa servers (RASA_PUBLIC_URLS).
    """
    app.ctx.rasa_servers = list(rasa_servers)
    policy = content_security_policy(app.ctx.rasa_servers)

    async def security_headers(request: Request, response: HTTPResponse) -> None:
        response.headers["Content-Security-Policy"] = policy
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"

    app.register_middleware(security_headers, "response")
    app.add_route(demo_page, "/", methods=["GET"])
    app.add_route(chat_config, "/chat/config", methods=["GET"])
    app.add_route(summary_fields, "/chat/summary-fields", methods=["GET"])
    app.add_route(chat_languages, "/chat/languages", methods=["GET"])
    app.ctx.rating_limits = (RateLimiter(*RATINGS_PER_SESSION), RateLimiter(*RATINGS_PER_ADDRESS))
    app.add_route(rate_answer, "/chat/rating", methods=["POST"])
    app.static("/chat/embed.js", WEB_DIR / "static" / "embed.js", name="embed_js")
    app.static("/static", WEB_DIR / "static", name="chat_static")
    app.static("/vendor/socket.io.min.js", SOCKET_IO_CLIENT, name="socket_io_client")
