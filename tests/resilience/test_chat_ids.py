"""One anonymous client cannot take the server down, and a leaked id does not hand over a
conversation: over HTTP, against the shared stack (see conftest.py).

- both chat channels take only chat ids (bot/chat_ids.py) and refuse others plainly;
- a socket.io connection keeps to the session it opened, whatever later messages name;
- the REST channel can neither read nor continue a web chat conversation;
- only the configured origins may open a socket; a WebSocket frame over CHAT_SOCKET_MAX_BYTES
  closes the connection (1009), a smaller one is read;
- the HTTP API checks its token before it looks at a model, and names no server folder;
- no chat id or token reaches the servers' logs.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import queue
import uuid

import pytest
import socketio
import websockets
from probes import assert_still_answers, log_text, rss_mb
from socket_chat import SocketChat

from bot.chat_guard import TOO_LONG
from bot.chat_ids import web_chat_conversation
from channels.rest import BAD_SENDER
from channels.socketio import BAD_SESSION_ID
from ops.local_stack import Assistant, http
from ops.stack import ROOT

JSON = {"Content-Type": "application/json"}


def user_texts(assistant: Assistant, conversation: str) -> list[str]:
    events = assistant.tracker(conversation)["events"]
    return [event.get("text") for event in events if event["event"] == "user"]


@pytest.mark.parametrize(
    "sender", ["x" * 10_000, "me", "webchat:" + "a" * 32, "has spaces in it", "../tracker?x=1"]
)
def test_rest_refuses_a_sender_of_another_form(assistant, sender):
    reply = assistant.post_chat(json.dumps({"sender": sender, "message": "hello"}).encode())
    assert reply.status == 400
    assert reply.json() == [{"recipient_id": "", "text": BAD_SENDER}]
    assert_still_answers(assistant)


@pytest.mark.parametrize("session_id", ["x" * 200, "short", "webchat:" + "a" * 32, 12345678])
def test_socketio_refuses_a_session_id_of_another_form(assistant, session_id):
    with SocketChat(assistant) as chat:
        chat.client.emit("session_request", {"session_id": session_id})
        assert chat.replies_within(30) == [{"text": BAD_SESSION_ID}]
        assert chat.confirmations.empty()


def test_a_socket_keeps_to_its_own_session_whatever_a_message_names(assistant):
    with SocketChat(assistant) as mine, SocketChat(assistant) as theirs:
        assert mine.say("hello")
        assert theirs.say("hello")
        before = user_texts(assistant, theirs.conversation_id)
        mine.client.emit("user_uttered", {"message": "what is pacer", "session_id": theirs.session_id})
        assert mine.replies_within(30)
        assert user_texts(assistant, theirs.conversation_id) == before
        assert user_texts(assistant, mine.conversation_id)[-1] == "what is pacer"


def test_rest_can_neither_read_nor_continue_a_web_chat_conversation(assistant):
    with SocketChat(assistant) as chat:
        assert chat.say("hello")
        before = user_texts(assistant, chat.conversation_id)
        leaked = chat.session_id
        reply = assistant.post_chat(json.dumps({"sender": leaked, "message": "hi again"}).encode())
        assert reply.status == 200  # a conversation of its own, not the web chat's
        assert user_texts(assistant, chat.conversation_id) == before
        assert user_texts(assistant, leaked) == ["hi again"]
        body = {"sender": chat.conversation_id, "message": "hi again"}
        assert assistant.post_chat(json.dumps(body).encode()).status == 400


def test_only_the_configured_origins_may_open_a_socket(assistant):
    allowed = assistant.config.cors_origins[0]
    refusals: queue.Queue[tuple] = queue.Queue()
    for origin, opens in [("http://evil.example", False), (allowed, True)]:
        client = socketio.Client(reconnection=False)
        try:
            if opens:
                client.connect(assistant.rasa_url, headers={"Origin": origin}, transports=["polling"])
                assert client.connected
            else:
                # Not waiting inside connect(): there a refused client's own disconnect waits out
                # the server's long poll (about 30 s). The refusal is the client's connect_error.
                client.on("connect_error", lambda *data: refusals.put(data))
                with contextlib.suppress(socketio.exceptions.ConnectionError):
                    client.connect(
                        assistant.rasa_url, headers={"Origin": origin}, transports=["polling"],
                        wait=False,
                    )
                refusals.get(timeout=30)
                assert client.failed_namespaces == ["/"] and not client.namespaces
        finally:
            client.eio.disconnect(abort=True)


async def test_a_websocket_frame_over_the_limit_closes_the_connection(assistant):
    url = assistant.rasa_url.replace("http", "ws") + "/socket.io/?EIO=4&transport=websocket"
    async with websockets.connect(url, max_size=None) as socket:
        assert (await socket.recv()).startswith("0")  # Engine.IO open
        await socket.send("40")
        assert (await socket.recv()).startswith("40")  # Socket.IO connected
        session_id = uuid.uuid4().hex
        await socket.send("42" + json.dumps(["session_request", {"session_id": session_id}]))
        assert json.loads((await socket.recv())[2:]) == ["session_confirm", session_id]
        twenty_kb = "42" + json.dumps(["user_uttered", {"message": "x" * 20_000}])
        await socket.send(twenty_kb)  # under 32 KB: read, and refused as too long a message
        assert json.loads((await socket.recv())[2:]) == ["bot_uttered", {"text": TOO_LONG}]
        await socket.send("42" + json.dumps(["user_uttered", {"message": "x" * 100_000}]))
        with pytest.raises(websockets.ConnectionClosed) as closed:
            await asyncio.wait_for(socket.recv(), 30)
        assert closed.value.code == 1009  # message too big
    assert_still_answers(assistant)


def test_the_api_token_comes_before_any_look_at_a_model(assistant, tmp_path):
    outside = tmp_path / "assistant.tar.gz"
    outside.write_bytes(b"a model from somewhere else")
    for body in [{"model_file": str(outside)}, {"model_file": str(assistant.config.model)}]:
        reply = http("PUT", f"{assistant.rasa_url}/model", json.dumps(body).encode(), JSON)
        assert reply.status == 401, reply.body
    token = assistant.config.rasa_auth_token
    reply = http(
        "PUT", f"{assistant.rasa_url}/model?token={token}",
        json.dumps({"model_file": str(outside)}).encode(), JSON,
    )
    assert reply.status == 403
    assert str(tmp_path) not in reply.json()["message"]
    assert str(ROOT) not in reply.json()["message"]


def test_evaluating_intents_loads_no_model_from_elsewhere(assistant, tmp_path):
    outside = tmp_path / "assistant.tar.gz"
    outside.write_bytes(b"a model from somewhere else")
    token = assistant.config.rasa_auth_token
    nlu = b'{"rasa_nlu_data": {"common_examples": [{"text": "hello", "intent": "greet"}]}}'
    url = f"{assistant.rasa_url}/model/test/intents?model={outside}"
    assert http("POST", url, nlu, JSON).status == 401
    reply = http("POST", f"{url}&token={token}", nlu, JSON)
    assert reply.status == 403, reply.body
    assert str(tmp_path) not in reply.json()["message"]


def test_no_chat_id_or_token_reaches_a_log(assistant, sender):
    assert assistant.tracker(sender)  # the API token in a URL (Rasa's API takes it only there)
    with SocketChat(assistant) as chat:
        assert chat.say("hello")
        web = http(
            "GET", f"http://127.0.0.1:{assistant.config.web_port}/chat/config"
            f"?session_id={chat.session_id}",
        )
        assert web.status == 200
    assert assistant.say(sender, "hello")
    rasa_log, web_log = log_text(assistant.config, "rasa"), log_text(assistant.config, "web")
    config = assistant.config
    for text in (rasa_log, web_log, log_text(config, "actions")):
        assert chat.session_id not in text
        assert sender not in text
        for token in (config.rasa_auth_token, config.action_token, config.staff_token):
            assert token not in text
    assert web_chat_conversation(chat.session_id) not in rasa_log
    assert "GET /chat/config " in web_log


async def test_many_long_session_ids_leave_the_memory_bounded(stack, assistant):
    """A client that sends session_request after session_request with long ids (under the frame
    limit) keeps nothing: every one is refused by its form, before a room or a session is made."""
    pid = stack.rasa.process.pid
    url = assistant.rasa_url.replace("http", "ws") + "/socket.io/?EIO=4&transport=websocket"
    before = rss_mb(pid)
    async with websockets.connect(url, max_size=None) as socket:
        await socket.recv()  # Engine.IO open
        await socket.send("40")
        await socket.recv()  # Socket.IO connected
        for number in range(600):  # 18 MB of ids in all
            long_id = f"{number:08d}" + "x" * 30_000
            await socket.send("42" + json.dumps(["session_request", {"session_id": long_id}]))
            assert json.loads((await socket.recv())[2:]) == ["bot_uttered", {"text": BAD_SESSION_ID}]
        grown = rss_mb(pid) - before
    print(f"Rasa server memory after 18 MB of long session ids: {grown:+.1f} MB")
    assert grown < 6
    assert_still_answers(assistant)
