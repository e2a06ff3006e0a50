"""The REST chat channel (`POST /webhooks/rest/webhook`) behind the guards of `channels.guarded`.

Bad requests (not a JSON object, no text message, a sender that is not a chat id of
`bot.chat_ids`, too large) get a 4xx with a plain reason, in the same shape as the bot's replies,
so chat clients can show it. Chat ids have no `:`, so this channel never reaches a conversation
the web chat opened (those are kept as `webchat:<session id>`). That includes
bodies over SANIC_REQUEST_MAX_SIZE, which Sanic itself refuses before any middleware runs.
"""

from __future__ import annotations

from typing import Any

from rasa.core.channels.rest import RestInput
from sanic import Blueprint
from sanic.exceptions import PayloadTooLarge
from sanic.request import Request
from sanic.response import HTTPResponse, json

from bot.chat_guard import NOT_TEXT, TOO_FAST, TOO_LONG
from bot.chat_ids import bad_chat_id, is_chat_id
from bot.i18n import translate
from bot.language import metadata_language
from bot.sensitive import mask_sensitive
from channels.guarded import GuardedChannel, OnNewMessage
from channels.http import MAX_BODY_BYTES, client_address, kept_metadata

STATUS_FOR_REFUSAL = {NOT_TEXT: 400, TOO_LONG: 413, TOO_FAST: 429}
BAD_SENDER = bad_chat_id("sender")


def _refusal(status: int, text: str, sender: object = None, language: str | None = None) -> HTTPResponse:
    """A refusal, in the language the message's metadata names (the web chat's picker)."""
    recipient = sender if isinstance(sender, str) else ""
    return json([{"recipient_id": recipient, "text": translate(text, language)}], status=status)


class GuardedRestInput(GuardedChannel, RestInput):
    """Rasa's REST channel with masking, size and rate limits, and failure recovery."""

    def __init__(self) -> None:
        super().__init__()
        self.setup_guard()

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> GuardedRestInput:
        return cls()

    def _extract_message(self, req: Request) -> str | None:
        # The one place the REST text is masked: Rasa logs it itself when a turn fails.
        return mask_sensitive(super()._extract_message(req) or "")[0]

    def get_metadata(self, request: Request) -> dict[str, str]:
        return kept_metadata(request.json.get("metadata"))

    async def check_request(self, request: Request) -> HTTPResponse | None:
        """Refuses a malformed, oversized or too frequent request before Rasa reads it."""
        if len(request.body or b"") > MAX_BODY_BYTES:
            return _refusal(413, TOO_LONG)
        try:
            body = request.json
        except Exception:  # sanic raises on malformed JSON
            return _refusal(400, NOT_TEXT)
        if not isinstance(body, dict):
            return _refusal(400, NOT_TEXT)
        sender, text = body.get("sender"), body.get("message")
        language = metadata_language(body.get("metadata"))
        if isinstance(sender, str) and not is_chat_id(sender):  # not counted, stored or echoed
            return _refusal(400, BAD_SENDER)
        verdict = await self.guard.check(text, sender, client_address(request))
        if verdict.refusal:
            return _refusal(STATUS_FOR_REFUSAL[verdict.refusal], verdict.refusal, sender, language)
        if "metadata" in body and not isinstance(body["metadata"], dict):
            return _refusal(400, NOT_TEXT, sender)
        return None

    def blueprint(self, on_new_message: OnNewMessage) -> Blueprint:
        blueprint = super().blueprint(self.guarded(on_new_message))

        @blueprint.middleware("request")
        async def guard(request: Request) -> HTTPResponse | None:
            if request.method == "POST":
                return await self.check_request(request)
            return None

        @blueprint.exception(PayloadTooLarge)
        async def too_large(_request: Request, _error: Exception) -> HTTPResponse:
            return _refusal(413, TOO_LONG)

        return blueprint
