"""The socket.io chat channel used by the court's web chat, behind the guards of `channels.guarded`.

Rasa's own `handle_message` is replaced by one that checks each message first: not text, too
long or too fast messages get the plain reason back as a bot message and are not processed.
The rate is counted per session and per client address. Of the message metadata, only the
staff console's proof is kept (`channels.http.kept_metadata`).

Rasa's own `session_request` is replaced too: it calls `AsyncServer.enter_room` without
awaiting it, and python-socketio 5.10+ made that a coroutine, so the web chat never joined
its session's room and got no replies. Both handlers take any payload a client sends (none,
several, not an object) without failing.
"""

from __future__ import annotations

import inspect
import json
import uuid
from typing import Any

from rasa.core.channels.channel import UserMessage
from rasa.core.channels.socketio import SocketIOInput, SocketIOOutput
from sanic import Blueprint

from bot.sensitive import mask_sensitive
from channels.guarded import GuardedChannel, OnNewMessage
from channels.http import client_address, kept_metadata


class SocketIOCustomOutput(SocketIOOutput):
    """Rasa's socket.io output, but a custom message reaches the client as `{"custom": {...}}`.

    Rasa's own `send_custom_json` passes the message's keys to `AsyncServer.emit` as keyword
    arguments, which python-socketio 5 refuses for any custom payload (such as the
    registration summary). This sends the same shape as the REST channel.
    """

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

    def blueprint(self, on_new_message: OnNewMessage) -> Blueprint:
        blueprint = super().blueprint(on_new_message)
        handle = self.guarded(on_new_message)
        sio = self.sio

        async def session_request(sid: str, data: Any = None, *_extra: Any) -> None:
            session_id = data.get("session_id") if isinstance(data, dict) else None
            if not isinstance(session_id, str) or not session_id.strip():
                session_id = uuid.uuid4().hex
            if self.session_persistence:
                joined = sio.enter_room(sid, session_id, namespace=self.namespace)
                if inspect.isawaitable(joined):  # a coroutine since python-socketio 5.10
                    await joined
            await sio.emit("session_confirm", session_id, room=sid)

        async def handle_message(sid: str, data: Any = None, *_extra: Any) -> None:
            output = SocketIOCustomOutput(sio, self.bot_message_evt)
            data = data if isinstance(data, dict) else {}
            sender = data.get("session_id") if self.session_persistence else sid
            request = sio.get_environ(sid, self.namespace).get("sanic.request")
            verdict = await self.guard.check(data.get("message"), sender, client_address(request))
            if verdict.refusal:
                await sio.emit(self.bot_message_evt, {"text": verdict.refusal}, room=sid)
                return
            metadata = data.get(self.metadata_key)
            if isinstance(metadata, str):
                try:
                    metadata = json.loads(metadata)
                except ValueError:
                    metadata = None
            text = mask_sensitive(data["message"])[0]
            await handle(
                UserMessage(
                    text, output, sender, input_channel=self.name(), metadata=kept_metadata(metadata)
                )
            )

        sio.on("session_request", namespace=self.namespace)(session_request)
        sio.on(self.user_message_evt, namespace=self.namespace)(handle_message)
        return blueprint
