"""The socket.io chat channel's handlers (channels/socketio.py): which pages may connect, which
session ids are taken, which conversation a message goes to, and the size of a frame.

The handlers run on a real python-socketio server whose per-connection state (sessions, rooms,
what is sent) is kept by `Sockets` here, as if the connections were open.
Over HTTP against a running Rasa server: tests/resilience/test_chat_ids.py.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from types import SimpleNamespace
from typing import Any

import pytest
from rasa.core.channels.channel import UserMessage
from sanic import Sanic
from sanic.compat import Header
from socketio.exceptions import ConnectionRefusedError as SocketRefused

from bot.chat_guard import TOO_FAST, RateLimiter
from bot.chat_ids import WEB_CHAT_PREFIX
from channels.socketio import (
    BAD_SESSION_ID,
    NO_SESSION,
    ORIGIN_NOT_ALLOWED,
    GuardedSocketIOInput,
    SocketIOCustomOutput,
)
from rasa_extensions import install

SESSION = "a" * 32
OTHER_SESSION = "b" * 32


class Sockets:
    """The per-connection state of the channel's socket.io server, for connections `sid-...`."""

    def __init__(self, sio: Any) -> None:
        self.sessions: dict[str, dict] = defaultdict(dict)
        self.rooms: dict[str, set[str]] = defaultdict(set)
        self.sent: list[tuple[str, Any, str]] = []
        self.addresses: dict[str, str] = {}
        sio.get_session = self.get_session
        sio.save_session = self.save_session
        sio.enter_room = self.enter_room
        sio.leave_room = self.leave_room
        sio.emit = self.emit
        sio.get_environ = self.get_environ

    async def get_session(self, sid: str, namespace: str | None = None) -> dict:
        return self.sessions[sid]

    async def save_session(self, sid: str, session: dict, namespace: str | None = None) -> None:
        self.sessions[sid] = dict(session)

    async def enter_room(self, sid: str, room: str, namespace: str | None = None) -> None:
        self.rooms[sid].add(room)

    async def leave_room(self, sid: str, room: str, namespace: str | None = None) -> None:
        self.rooms[sid].discard(room)

    async def emit(self, event: str, data: Any = None, room: str = "", **_: Any) -> None:
        self.sent.append((event, data, room))

    def get_environ(self, sid: str, namespace: str | None = None) -> dict:
        peer = self.addresses.get(sid, "127.0.0.1")
        return {"sanic.request": SimpleNamespace(ip=peer, headers=Header())}

    def texts_to(self, room: str) -> list[str]:
        return [data["text"] for event, data, to in self.sent if event == "bot_uttered" and to == room]


class Chat:
    """The channel, its handlers, its sockets and the messages Rasa was handed."""

    def __init__(self) -> None:
        install.install()
        self.channel = GuardedSocketIOInput(session_persistence=True)
        self.handled: list[UserMessage] = []

        async def on_new_message(message: UserMessage) -> None:
            self.handled.append(message)
            await message.output_channel.send_response(message.sender_id, {"text": "Hi!"})

        self.blueprint = self.channel.blueprint(on_new_message)
        self.sio = self.channel.sio
        self.sockets = Sockets(self.sio)

    def handler(self, event: str) -> Any:
        return self.sio.handlers["/"][event]

    async def open_session(self, sid: str, payload: Any) -> None:
        await self.handler("session_request")(sid, payload)

    async def say(self, sid: str, payload: Any) -> None:
        await self.handler("user_uttered")(sid, payload)


@pytest.fixture
def chat() -> Chat:
    return Chat()


async def test_a_session_is_confirmed_kept_out_of_rests_reach_and_bound_to_the_socket(chat):
    await chat.open_session("sid-1", {"session_id": SESSION})
    assert chat.sockets.sent == [("session_confirm", SESSION, "sid-1")]
    assert chat.sockets.rooms["sid-1"] == {WEB_CHAT_PREFIX + SESSION}
    assert chat.sockets.sessions["sid-1"] == {"conversation": WEB_CHAT_PREFIX + SESSION}


@pytest.mark.parametrize(
    "session_id",
    ["x" * 1_000_000, "x" * 129, "short", "", "   ", "webchat:" + SESSION, "a b c d e f", 42, ["a"]],
)
async def test_a_session_id_of_another_form_is_refused_and_nothing_kept(chat, session_id):
    await chat.open_session("sid-1", {"session_id": session_id})
    assert chat.sockets.sent == [("bot_uttered", {"text": BAD_SESSION_ID}, "sid-1")]
    assert chat.sockets.rooms["sid-1"] == set()
    assert chat.sockets.sessions["sid-1"] == {}


@pytest.mark.parametrize("payload", [None, {}, {"session_id": None}, "text", [1, 2]])
async def test_no_session_id_gets_a_new_one(chat, payload):
    await chat.open_session("sid-1", payload)
    [(event, session_id, room)] = chat.sockets.sent
    assert (event, room) == ("session_confirm", "sid-1")
    assert len(session_id) == 32 and int(session_id, 16) >= 0
    assert chat.sockets.rooms["sid-1"] == {WEB_CHAT_PREFIX + session_id}


async def test_a_new_session_request_leaves_the_old_room(chat):
    await chat.open_session("sid-1", {"session_id": SESSION})
    await chat.open_session("sid-1", {"session_id": OTHER_SESSION})
    assert chat.sockets.rooms["sid-1"] == {WEB_CHAT_PREFIX + OTHER_SESSION}
    assert chat.sockets.sessions["sid-1"] == {"conversation": WEB_CHAT_PREFIX + OTHER_SESSION}


async def test_session_requests_are_rate_limited_per_address(chat):
    chat.channel.session_limit = RateLimiter(per_second=0.001, burst=3, clock=lambda: 0.0)
    for number in range(5):
        await chat.open_session(f"sid-{number}", {"session_id": uuid.uuid4().hex})
    assert [event for event, _, _ in chat.sockets.sent] == ["session_confirm"] * 3 + ["bot_uttered"] * 2
    assert chat.sockets.texts_to("sid-4") == [TOO_FAST]
    assert chat.sockets.rooms["sid-4"] == set()
    chat.sockets.addresses["sid-5"] = "203.0.113.5"  # another visitor is not slowed
    await chat.open_session("sid-5", {"session_id": SESSION})
    assert chat.sockets.sent[-1] == ("session_confirm", SESSION, "sid-5")


async def test_session_requests_count_an_ipv6_64_as_one_visitor(chat):
    chat.channel.session_limit = RateLimiter(per_second=0.001, burst=2, clock=lambda: 0.0)
    for number in range(3):  # a new address of one /64 for each request
        chat.sockets.addresses[f"sid-{number}"] = f"2001:db8:7:8::{number + 1}"
        await chat.open_session(f"sid-{number}", {"session_id": uuid.uuid4().hex})
    assert chat.sockets.texts_to("sid-2") == [TOO_FAST]
    chat.sockets.addresses["sid-3"] = "2001:db8:7:9::1"  # the next /64 is someone else
    await chat.open_session("sid-3", {"session_id": SESSION})
    assert chat.sockets.sent[-1] == ("session_confirm", SESSION, "sid-3")


async def test_messages_go_to_the_socket_s_own_session_whatever_they_name(chat):
    await chat.open_session("sid-1", {"session_id": SESSION})
    await chat.say("sid-1", {"message": "hello", "session_id": OTHER_SESSION})
    await chat.say("sid-1", {"message": "hello again"})
    assert [message.sender_id for message in chat.handled] == [WEB_CHAT_PREFIX + SESSION] * 2
    assert chat.sockets.texts_to(WEB_CHAT_PREFIX + SESSION) == ["Hi!", "Hi!"]
    assert chat.sockets.texts_to(WEB_CHAT_PREFIX + OTHER_SESSION) == []


async def test_a_message_before_any_session_is_refused(chat):
    await chat.say("sid-1", {"message": "hello", "session_id": SESSION})
    assert chat.handled == []
    assert chat.sockets.texts_to("sid-1") == [NO_SESSION]


@pytest.mark.parametrize(
    ("origin", "allowed"),
    [(None, True), ("http://localhost:8080", True), ("http://evil.example", False),
     ("http://localhost:8080.evil.example", False), ("null", False)],
)
async def test_only_pages_of_the_cors_origins_may_connect(chat, origin, allowed):
    assert chat.channel.allowed_origins == ("http://localhost:8080",)  # CORS_ORIGINS' default
    environ = {} if origin is None else {"HTTP_ORIGIN": origin}
    if allowed:
        assert await chat.handler("connect")("sid-1", environ, None) is True
    else:
        with pytest.raises(SocketRefused, match=ORIGIN_NOT_ALLOWED):
            await chat.handler("connect")("sid-1", environ, None)


async def test_rasa_s_own_jwt_check_still_applies():
    install.install()
    channel = GuardedSocketIOInput(session_persistence=True, jwt_key="k" * 32)
    channel.blueprint(lambda message: None)
    connect = channel.sio.handlers["/"]["connect"]
    assert await connect("sid-1", {"HTTP_ORIGIN": "http://localhost:8080"}, None) is False


def test_frames_are_limited_to_tens_of_kilobytes(chat, monkeypatch):
    monkeypatch.setattr(Sanic, "test_mode", True)
    app = Sanic(f"frames_{uuid.uuid4().hex}")
    assert app.config.WEBSOCKET_MAX_SIZE == 1 << 20  # Sanic's own: 1 MiB
    app.blueprint(chat.blueprint)
    for listener in app.listeners["main_process_start"]:  # as app.run does, before serving
        listener(app, None)
    assert app.config.WEBSOCKET_MAX_SIZE == 32 * 1024
    assert chat.sio.eio.max_http_buffer_size == 32 * 1024


async def test_messages_sent_outside_a_turn_reach_the_conversation_in_the_chat_s_shape(chat):
    """The HTTP API's `output_channel=latest` (the warm hand-off) sends through our output: staff's
    message only as its marked custom payload, the help code's text and its custom payload."""
    output = chat.channel.get_output_channel()
    assert isinstance(output, SocketIOCustomOutput)
    room = WEB_CHAT_PREFIX + SESSION
    staff = "Hello, I am Ana from the Clerk's Office."
    await output.send_response(
        room, {"text": staff, "custom": {"staff_message": staff}, "from_staff": True}
    )
    code_text = "Your help code is H-4KQ7."
    await output.send_response(
        room, {"text": code_text, "custom": {"help_code": "H-4KQ7"}, "utter_action": "utter_help_code"}
    )
    assert chat.sockets.sent == [
        ("bot_uttered", {"custom": {"staff_message": staff}}, room),
        ("bot_uttered", {"text": code_text, "response": "utter_help_code"}, room),
        ("bot_uttered", {"custom": {"help_code": "H-4KQ7"}}, room),
    ]


def test_a_channel_not_serving_yet_has_no_output_for_the_api():
    install.install()
    with pytest.warns(UserWarning, match="cannot be recreated"):
        assert GuardedSocketIOInput(session_persistence=True).get_output_channel() is None
