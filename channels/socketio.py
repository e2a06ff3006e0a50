"""The socket.io chat channel used by the court's web chat, behind the guards of `channels.guarded`.

Rasa's own handlers are replaced:

- `connect`: only pages of CORS_ORIGINS may open a socket (a browser sends its page's origin;
  Rasa's socket server accepts any), then Rasa's own JWT check;
- `session_request`: rate-limited per client address (CHAT_SESSION_RATE_PER_ADDRESS); the
  session id must be a chat id (`bot.chat_ids`), else the reason comes back as a bot message;
  the conversation is kept as `webchat:<session id>`, out of the REST channel's reach, and bound
  to the connection (its python-socketio session); a new request leaves the old session's room.
  (Rasa's own also called `AsyncServer.enter_room` without awaiting it, a coroutine since
  python-socketio 5.10, so the web chat never joined its room and got no replies.)
- `user_uttered`: the message goes to the conversation the connection opened, whatever
  `session_id` it names (a leaked id does not hand over a conversation); not text, too long or
  too fast messages get the plain reason back and are not processed. The rate is counted per
  conversation and per client address. Of the message metadata, only the staff console's proof
  and the picker's language are kept (`channels.http.kept_metadata`); a refusal is in that language.

Every handler takes any payload a client sends (none, several, not an object) without failing.
One socket.io message or WebSocket frame may be at most CHAT_SOCKET_MAX_BYTES (`limit_frames`).

Messages sent outside a chat turn through Rasa's HTTP API (`output_channel=latest`: the staff
console's messages and hand-off actions) go through the same output (`get_output_channel`).
"""

from __future__ import annotations

import json
import uuid
from typing import Any

from rasa.core.channels.channel import OutputChannel, UserMessage
from rasa.core.channels.socketio import SocketIOInput, SocketIOOutput
from sanic import Blueprint, Sanic
from socketio.exceptions import ConnectionRefusedError as SocketRefused

import settings
from bot.answer_ratings import is_response_name
from bot.chat_guard import TOO_FAST, address_key
from bot.chat_ids import bad_chat_id, is_chat_id, web_chat_conversation
from bot.handoff_view import STAFF_MESSAGE_KEY
from bot.i18n import translate
from bot.language import metadata_language
from bot.sensitive import mask_sensitive
from channels.guarded import GuardedChannel, OnNewMessage, limiter_from
from channels.http import client_address, kept_metadata

# Where a connection keeps the conversation it opened (python-socketio's per-socket session).
CONVERSATION = "conversation"
BAD_SESSION_ID = bad_chat_id("session_id")
NO_SESSION = "This chat has no session yet. Please reload the page to start the chat again."
ORIGIN_NOT_ALLOWED = "This page may not open the court's chat."
# The custom payload key of a message typed by court staff in the staff console (warm hand-off).


class SocketIOCustomOutput(SocketIOOutput):
    """Rasa's socket.io output, but a custom message reaches the client as `{"custom": {...}}`,
    and each text part of an answer carries the answer's response name as `response` (the
    web chat's thumbs up / down send it back; `bot.answer_ratings`).

    Rasa's own `send_custom_json` passes the message's keys to `AsyncServer.emit` as keyword
    arguments, which python-socketio 5 refuses for any custom payload (such as the
    registration summary). This sends the same shape as the REST channel.
    """

    response_name: str | None = None  # of the answer being sent (one output per message)

    async def send_response(self, recipient_id: str, message: dict[str, Any]) -> None:
        custom = message.get("custom")
        if isinstance(custom, dict) and STAFF_MESSAGE_KEY in custom:
            # Court staff's message (warm hand-off): only its marked form, not also as plain
            # text, which the web chat would show as the assistant's.
            await self.send_custom_json(recipient_id, custom)
            return
        name = message.get("utter_action")
        self.response_name = name if is_response_name(name) else None
        await super().send_response(recipient_id, message)

    async def _send_message(self, socket_id: str, response: Any) -> None:
        if self.response_name and isinstance(response, dict) and "text" in response:
            response = {**response, "response": self.response_name}
        await super()._send_message(socket_id, response)

    async def send_custom_json(
        self, recipient_id: str, json_message: dict[str, Any], **kwargs: Any
    ) -> None:
        await self._send_message(recipient_id, {"custom": json_message})


class GuardedSocketIOInput(GuardedChannel, SocketIOInput):
    """Rasa's socket.io channel with masking, size and rate limits, and failure recovery."""

    @classmethod
    def name(cls) -> str:
        return "socketio"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.setup_guard()
        config = settings.current()
        self.allowed_origins = config.cors_origins
        self.max_bytes = config.chat_socket_max_bytes
        self.session_limit = limiter_from(config, config.chat_session_rate_per_address, "session")

    def get_output_channel(self) -> OutputChannel | None:
        """The output for messages sent outside a chat turn, as the HTTP API's
        `output_channel=latest` sends them (the warm hand-off's staff messages and the actions it
        runs): ours, so a custom payload reaches the browser as `{"custom": {...}}`."""
        if self.sio is None:  # not serving: Rasa's own warns and gives none
            return super().get_output_channel()
        return SocketIOCustomOutput(self.sio, self.bot_message_evt)

    def origin_allowed(self, environ: dict[str, Any]) -> bool:
        """Whether a connection's page may open a socket: no Origin (not a browser) or a CORS one."""
        origin = environ.get("HTTP_ORIGIN")
        return not origin or "*" in self.allowed_origins or origin in self.allowed_origins

    def blueprint(self, on_new_message: OnNewMessage) -> Blueprint:
        blueprint = super().blueprint(on_new_message)
        handle = self.guarded(on_new_message)
        sio = self.sio
        namespace = self.namespace or "/"
        rasa_connect = sio.handlers[namespace]["connect"]  # Rasa's own (its JWT check)
        # Engine.IO's limit on one message (long-polling or WebSocket); Sanic's on a WebSocket
        # frame is set where the app is made (`limit_frames`).
        sio.eio.max_http_buffer_size = self.max_bytes

        async def refuse(sid: str, reason: str, language: str | None = None) -> None:
            await sio.emit(self.bot_message_evt, {"text": translate(reason, language)}, room=sid)

        def address_of(sid: str) -> str | None:
            return client_address(sio.get_environ(sid, namespace).get("sanic.request"))

        async def connect(sid: str, environ: dict[str, Any], auth: Any = None) -> bool:
            if not self.origin_allowed(environ):
                raise SocketRefused(ORIGIN_NOT_ALLOWED)
            return bool(await rasa_connect(sid, environ, auth))

        async def session_request(sid: str, data: Any = None, *_extra: Any) -> None:
            if not await self.session_limit.take(address_key(address_of(sid) or sid)):
                await refuse(sid, TOO_FAST)
                return
            session_id = data.get("session_id") if isinstance(data, dict) else None
            if session_id is None:
                session_id = uuid.uuid4().hex
            if not is_chat_id(session_id):
                await refuse(sid, BAD_SESSION_ID)
                return
            conversation = web_chat_conversation(session_id)
            session = await sio.get_session(sid, namespace=namespace)
            if self.session_persistence:
                if session.get(CONVERSATION) not in (None, conversation):
                    await sio.leave_room(sid, session[CONVERSATION], namespace=namespace)
                await sio.enter_room(sid, conversation, namespace=namespace)
            await sio.save_session(sid, {CONVERSATION: conversation}, namespace=namespace)
            await sio.emit("session_confirm", session_id, room=sid)

        async def handle_message(sid: str, data: Any = None, *_extra: Any) -> None:
            output = SocketIOCustomOutput(sio, self.bot_message_evt)
            data = data if isinstance(data, dict) else {}
            # The session this connection opened; a session_id in the message is ignored.
            session = await sio.get_session(sid, namespace=namespace)
            sender = session.get(CONVERSATION) if self.session_persistence else sid
            if sender is None:
                await refuse(sid, NO_SESSION)
                return
            metadata = data.get(self.metadata_key)
            if isinstance(metadata, str):
                try:
                    metadata = json.loads(metadata)
                except ValueError:
                    metadata = None
            verdict = await self.guard.check(data.get("message"), sender, address_of(sid))
            if verdict.refusal:
                await refuse(sid, verdict.refusal, metadata_language(metadata))
                return
            text = mask_sensitive(data["message"])[0]
            await handle(
                UserMessage(
                    text, output, sender, input_channel=self.name(), metadata=kept_metadata(metadata)
                )
            )

        sio.on("connect", namespace=namespace)(connect)
        sio.on("session_request", namespace=namespace)(session_request)
        sio.on(self.user_message_evt, namespace=namespace)(handle_message)
        limit_frames(blueprint, self.max_bytes)
        return blueprint


def limit_frames(blueprint: Blueprint, max_bytes: int) -> None:
    """Sets the WebSocket frame limit (Sanic's WEBSOCKET_MAX_SIZE, 1 MiB by default) of the app
    the blueprint is registered on, as the server starts: Sanic reads it after `main_process_start`
    (which Rasa, starting its app with `app.run`, leaves to us)."""

    def set_limit(app: Sanic, _loop: Any) -> None:
        app.config.WEBSOCKET_MAX_SIZE = max_bytes

    blueprint.listener("main_process_start")(set_limit)
