"""A socket.io chat session with a Rasa server, opened the way the court's web chat opens it
(shared by the resilience, integration and scale-out tests: tests/ is on their import path).

Uses python-socketio's threaded client on the long-polling transport (its websocket
transport needs a newer aiohttp than Rasa allows).
"""

from __future__ import annotations

import queue
import uuid
from typing import Any

import socketio

from bot.chat_ids import web_chat_conversation
from ops.local_stack import Assistant


class SocketChat:
    """One connection: `session_request` first, then `user_uttered` messages in that session.

    By default it talks to the stack's (first) Rasa server with a new session id; a test may
    give both, such as the server `bot.sticky.pick_server` gives that session id.
    """

    def __init__(
        self, assistant: Assistant, url: str | None = None, session_id: str | None = None
    ) -> None:
        self.url = url or assistant.rasa_url
        self.client = socketio.Client(reconnection=False)
        self.replies: queue.Queue[Any] = queue.Queue()
        self.confirmations: queue.Queue[Any] = queue.Queue()
        self.client.on("bot_uttered", self.replies.put)
        self.client.on("session_confirm", self.confirmations.put)
        self.requested_session = session_id or uuid.uuid4().hex
        self.session_id = ""

    def __enter__(self) -> SocketChat:
        self.client.connect(self.url, transports=["polling"], wait_timeout=30)
        self.client.emit("session_request", {"session_id": self.requested_session})
        self.session_id = self.confirmations.get(timeout=30)
        return self

    @property
    def conversation_id(self) -> str:
        """The id Rasa keeps this session's conversation under (`bot.chat_ids`)."""
        return web_chat_conversation(self.session_id)

    def __exit__(self, *_: object) -> None:
        # Not `disconnect()`: on long-polling it waits out the open poll (up to 25 s).
        self.client.eio.disconnect(abort=True)

    def say(self, text: str) -> list[dict]:
        """Sends one message in this session; returns the bot messages that came back."""
        self.client.emit("user_uttered", {"message": text, "session_id": self.session_id})
        return self.replies_within(30)

    def replies_within(self, timeout_s: float, quiet_s: float = 1.5) -> list[Any]:
        """The first reply within `timeout_s`, then all that follow it until `quiet_s` of quiet."""
        replies = [self.replies.get(timeout=timeout_s)]
        while True:
            try:
                replies.append(self.replies.get(timeout=quiet_s))
            except queue.Empty:
                return replies
