"""The staff console's warm hand-off (issue 13): open a filer's chat by its help code, watch it
live, take over, send messages, correct one answer of the form, hand back.

Routes (JSON), all for signed-in staff only (the console's session cookie, else 401):

- `GET  /staff/handoff/<code>`: the live view of the chat (`bot.handoff_view`); 400 for text
  that cannot be a help code, 404 for a code that is unknown or has expired;
- `POST /staff/handoff/<code>/take-over`: pauses the assistant (Rasa's `pause` event), then runs
  `action_staff_joined`, which tells the filer that a person joined;
- `POST /staff/handoff/<code>/message` `{"text": ...}`: a message to the filer, marked as from
  court staff (a bot message whose custom payload is `{"staff_message": text}`), masked first;
- `POST /staff/handoff/<code>/answer` `{"slot": ..., "value": ...}`: corrects one form answer,
  checked with the form's own rules (`bot.handoff_view.check_correction`), 400 with the reason
  when refused;
- `POST /staff/handoff/<code>/hand-back`: resumes the assistant (`resume`), then runs
  `action_staff_left`, which tells the filer and asks the form's current question again (an
  answer the filer typed to it while paused, which Rasa put in the slot unchecked, is dropped).

Messages and corrections need the chat taken over first (409). Each answer is the fresh view.
The console has no CSRF token: its cookie is SameSite=Strict, and these POSTs take only
`application/json`, which another site's page cannot send without a CORS preflight that this
app never allows. Rasa is reached server-side through `web.rasa_api` (the token never reaches
the browser); without RASA_AUTH_TOKEN the hand-off answers 503.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any
from urllib.parse import unquote

from sanic import Sanic
from sanic.request import Request
from sanic.response import HTTPResponse, json

import settings
from bot.chat_guard import MAX_MESSAGE_CHARS
from bot.dashboard import PAUSED_EVENT
from bot.handoff_view import (
    FROM_STAFF,
    STAFF_MESSAGE_KEY,
    check_correction,
    handoff_view,
    unchecked_answer,
)
from bot.help_codes import HelpCodeStore, normalize_help_code
from bot.sensitive import mask_sensitive
from web.pages import NO_STORE
from web.rasa_api import RasaApi, RasaApiError
from web.staff_console import CONSOLE_PATH, is_signed_in

HANDOFF_PATH = f"{CONSOLE_PATH}/handoff"
STAFF_JOINED = "action_staff_joined"
STAFF_LEFT = "action_staff_left"

SIGN_IN_FIRST = "Sign in to the staff console first."
NOT_JSON = "Send the request as JSON from the staff console."
NOT_A_CODE = "A help code looks like H-4KQ7: H, then four letters or digits."
HANDOFF_OFF = "The hand-off is not set up: the web app has no RASA_AUTH_TOKEN."
TAKE_OVER_FIRST = "Take over the chat first."
EMPTY_MESSAGE = "Type a message first."
LONG_MESSAGE = f"Please keep a message under {MAX_MESSAGE_CHARS} characters."


def unknown_code(code: str) -> str:
    """What staff are told when no live chat has the help code."""
    return f"No chat has the help code {code}, or it has expired. Ask the caller to read it again."


def _error(message: str, status: int) -> HTTPResponse:
    return json({"error": message}, status=status, headers=NO_STORE)


def help_codes(app: Sanic) -> HelpCodeStore:
    """The help codes (in SUBMISSIONS_DB_URL's database), opened on first use."""
    if getattr(app.ctx, "help_codes", None) is None:
        config = settings.current()
        app.ctx.help_codes = HelpCodeStore(config.submissions_db_url, config.help_code_hours)
    return app.ctx.help_codes


def rasa_api(app: Sanic) -> RasaApi | None:
    """The Rasa HTTP API client, made on first use; None without RASA_AUTH_TOKEN."""
    if getattr(app.ctx, "rasa_api", None) is None:
        config = settings.current()
        if not config.rasa_auth_token:
            return None
        app.ctx.rasa_api = RasaApi(
            config.rasa_public_urls, config.rasa_api_urls, config.rasa_auth_token
        )
    return app.ctx.rasa_api


class Refused(Exception):
    """A hand-off request that cannot be done: the message for staff and the HTTP status."""

    def __init__(self, message: str, status: int) -> None:
        super().__init__(message)
        self.message = message
        self.status = status


async def _conversation(request: Request, code: str) -> tuple[RasaApi, str, str]:
    """The API client, the help code as written canonically and its conversation, or `Refused`."""
    if not is_signed_in(request):
        raise Refused(SIGN_IN_FIRST, 401)
    if request.method == "POST" and request.content_type.split(";")[0].strip() != "application/json":
        raise Refused(NOT_JSON, 415)
    canonical = normalize_help_code(unquote(code))
    if canonical is None:
        raise Refused(NOT_A_CODE, 400)
    api = rasa_api(request.app)
    if api is None:
        raise Refused(HANDOFF_OFF, 503)
    conversation = await asyncio.to_thread(help_codes(request.app).conversation_for, canonical)
    if conversation is None:
        raise Refused(unknown_code(canonical), 404)
    return api, canonical, conversation


def _body(request: Request) -> dict[str, Any]:
    try:
        body = request.json
    except Exception:  # Sanic raises its own BadRequest for malformed JSON
        body = None
    return body if isinstance(body, dict) else {}


Change = Callable[[RasaApi, str, dict[str, Any], dict[str, Any]], Awaitable[dict[str, Any] | None]]


async def _answer(request: Request, code: str, change: Change | None = None) -> HTTPResponse:
    """Runs `change(api, conversation, tracker, body)` (if any), then answers the fresh view."""
    try:
        api, canonical, conversation = await _conversation(request, code)
        tracker = await api.tracker(conversation)
        extra: dict[str, Any] = {"code": canonical}
        if change is not None:
            extra.update(await change(api, conversation, tracker, _body(request)) or {})
            tracker = await api.tracker(conversation)
    except Refused as refused:
        return _error(refused.message, refused.status)
    except RasaApiError as problem:
        return _error(str(problem), 502)
    return json({**handoff_view(tracker).as_json(), **extra}, headers=NO_STORE)


def _must_be_paused(tracker: dict[str, Any]) -> None:
    if tracker.get("paused") is not True:
        raise Refused(TAKE_OVER_FIRST, 409)


async def _take_over(api: RasaApi, conversation: str, tracker: dict[str, Any], _: dict) -> None:
    if tracker.get("paused") is not True:
        await api.append(conversation, [{"event": PAUSED_EVENT}])
        await api.execute(conversation, STAFF_JOINED)


async def _hand_back(api: RasaApi, conversation: str, tracker: dict[str, Any], _: dict) -> None:
    if tracker.get("paused") is True:
        # An answer typed while paused filled the asked slot unchecked: the form asks it again.
        unchecked = unchecked_answer(tracker)
        forget = [] if unchecked is None else [{"event": "slot", "name": unchecked, "value": None}]
        await api.append(conversation, [*forget, {"event": "resume"}])
        await api.execute(conversation, STAFF_LEFT)


async def _send(api: RasaApi, conversation: str, tracker: dict[str, Any], body: dict) -> None:
    _must_be_paused(tracker)
    text = body.get("text")
    text = mask_sensitive(text)[0].strip() if isinstance(text, str) else ""
    if not text:
        raise Refused(EMPTY_MESSAGE, 400)
    if len(text) > MAX_MESSAGE_CHARS:
        raise Refused(LONG_MESSAGE, 400)
    message = {
        "event": "bot",
        "text": text,
        "data": {"custom": {STAFF_MESSAGE_KEY: text}},
        "metadata": {FROM_STAFF: True},
    }
    await api.append(conversation, [message])


async def _correct(
    api: RasaApi, conversation: str, tracker: dict[str, Any], body: dict
) -> dict[str, Any]:
    _must_be_paused(tracker)
    slot, value = body.get("slot"), body.get("value")
    correction = check_correction(
        tracker, slot if isinstance(slot, str) else "", value if isinstance(value, str) else ""
    )
    if correction.refusal is not None:
        raise Refused(correction.refusal, 400)
    events = [{"event": "slot", "name": name, "value": v} for name, v in correction.updates.items()]
    await api.append(conversation, events)
    return {"notes": list(correction.notes)}


async def view(request: Request, code: str) -> HTTPResponse:
    """The live view of the chat with this help code."""
    return await _answer(request, code)


async def take_over(request: Request, code: str) -> HTTPResponse:
    """Pauses the assistant and tells the filer that a person joined (nothing if already paused)."""
    return await _answer(request, code, _take_over)


async def send_message(request: Request, code: str) -> HTTPResponse:
    """Sends staff's message to the filer."""
    return await _answer(request, code, _send)


async def correct_answer(request: Request, code: str) -> HTTPResponse:
    """Corrects one answer of the form, checked as the form checks it."""
    return await _answer(request, code, _correct)


async def hand_back(request: Request, code: str) -> HTTPResponse:
    """Resumes the assistant, which tells the filer and asks the form's question again."""
    return await _answer(request, code, _hand_back)


async def _close_rasa_api(app: Sanic, *_: object) -> None:
    api = getattr(app.ctx, "rasa_api", None)
    if api is not None:
        await api.close()


def add_staff_handoff(app: Sanic) -> None:
    """Adds the hand-off routes to `app` (which has the staff console)."""
    app.add_route(view, f"{HANDOFF_PATH}/<code>", methods=["GET"])
    app.add_route(take_over, f"{HANDOFF_PATH}/<code>/take-over", methods=["POST"])
    app.add_route(send_message, f"{HANDOFF_PATH}/<code>/message", methods=["POST"])
    app.add_route(correct_answer, f"{HANDOFF_PATH}/<code>/answer", methods=["POST"])
    app.add_route(hand_back, f"{HANDOFF_PATH}/<code>/hand-back", methods=["POST"])
    app.register_listener(_close_rasa_api, "before_server_stop")
