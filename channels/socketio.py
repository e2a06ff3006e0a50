"""The socket.io chat channel used by the court's web chat, behind the guards of `channels.guarded`.

Rasa's own `handle_message` is replaced by one that checks each message first: not text, too
long or too fast messages get the plain reason back as a bot message and are not processed.
The rate is counted per session and per client address.
"""

from __future__ import annotations

import json
from typing import Any

from rasa.core.channels.channel import UserMessage
from rasa.core.channels.socketio import SocketIOInput, SocketIOOutput
from sanic import Blueprint

from channels.guarded import GuardedChannel, OnNewMessage


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
        self.remember_app(blueprint)
        handle = self.guarded(on_new_message)
        sio = self.sio

        async def handle_message(sid: str, data: Any) -> None:
            output = SocketIOOutput(sio, self.bot_message_evt)
            data = data if isinstance(data, dict) else {}
            sender = data.get("session_id") if self.session_persistence else sid
            request = sio.get_environ(sid, self.namespace).get("sanic.request")
            verdict = self.guard.check(
                data.get("message"), sender, getattr(request, "ip", None)
            )
            if verdict.refusal:
                await sio.emit(self.bot_message_evt, {"text": verdict.refusal}, room=sid)
                return
            metadata = data.get(self.metadata_key) or {}
            if isinstance(metadata, str):
                try:
                    metadata = json.loads(metadata)
                except ValueError:
                    metadata = {}
            if not isinstance(metadata, dict):
                metadata = {}
            await handle(
                UserMessage(
                    data["message"], output, sender, input_channel=self.name(), metadata=metadata
                )
            )

        sio.on(self.user_message_evt, namespace=self.namespace)(handle_message)
        return blueprint
