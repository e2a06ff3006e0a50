"""Random requests to both chat channels never break the server (hypothesis).

REST: every request gets a 2xx or 4xx, never a 5xx, and a 200 always carries at least one
message (an empty 200 would mean a turn failed silently). socket.io: the connection stays up.
On both, no handler fails (the Rasa log gets no traceback), and afterwards the assistant
still answers an ordinary question.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from probes import FACT, QUESTION, assert_still_answers, log_text
from socket_chat import SocketChat

from ops.local_stack import Assistant

FUZZ = settings(
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

# Any unicode, lone surrogates included (JSON escapes them as \ud800).
any_text = st.text(st.characters(exclude_categories=()), max_size=200)
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | any_text,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(any_text, inner, max_size=4),
    max_leaves=12,
)
# Well-formed messages of random text, so that many reach the NLU and the dialogue...
chat_messages = st.fixed_dictionaries(
    {"sender": st.uuids().map(str), "message": any_text},
    optional={"metadata": st.dictionaries(any_text, json_values, max_size=4)},
)
# ...and objects with any types and extra keys.
chat_objects = st.fixed_dictionaries(
    {
        "sender": any_text | json_values,
        "message": json_values | st.integers(1_900, 20_000).map(lambda n: "é" * n),
    },
    optional={"metadata": json_values, "input_channel": json_values, "extra": json_values},
)


def encoded(value: object, ascii_only: bool) -> bytes:
    """JSON, escaped or as raw UTF-8 (lone surrogates then make it invalid UTF-8)."""
    return json.dumps(value, ensure_ascii=ascii_only).encode("utf-8", "surrogatepass")


rest_bodies = (
    st.builds(encoded, chat_messages, st.booleans())
    | st.builds(encoded, chat_objects, st.booleans())
    | st.builds(encoded, json_values, st.booleans())
    | st.binary(max_size=3000)
    | st.integers(1, 64).map(lambda kb: b'{"sender": "big", "message": "' + b"a" * kb * 1024)
)



@pytest.fixture(scope="module")
def log_start(assistant: Assistant) -> int:
    """Where the Rasa log stood before the fuzzing."""
    return len(log_text(assistant.config, "rasa"))


@pytest.fixture(scope="module")
def socket_chat(assistant: Assistant) -> Iterator[SocketChat]:
    with SocketChat(assistant) as chat:
        yield chat


@settings(FUZZ, max_examples=150)
@given(body=rest_bodies, stream=st.booleans())
def test_rest_channel_never_fails_on_random_requests(assistant, log_start, body, stream):
    reply = assistant.post_chat(body, query="?stream=true" if stream else "")
    assert 200 <= reply.status < 500, (reply.status, reply.body[:500])
    if reply.status == 200:
        assert reply.body.strip() not in (b"", b"[]"), "a turn that failed silently"


@settings(FUZZ, max_examples=40)
@given(
    event=st.sampled_from(["user_uttered", "session_request"]),
    payload=chat_messages | chat_objects | json_values,
)
def test_socketio_channel_never_fails_on_random_events(socket_chat, log_start, event, payload):
    socket_chat.client.emit(event, payload)
    socket_chat.client.sleep(0.05)
    assert socket_chat.client.connected


def test_both_channels_still_answer_and_nothing_failed(assistant, log_start):
    assert_still_answers(assistant)
    with SocketChat(assistant) as chat:
        assert FACT in str(chat.say(QUESTION))
    assert "Traceback" not in log_text(assistant.config, "rasa")[log_start:]


def test_an_answer_outside_the_form_gets_one_reply_and_the_chat_goes_on(assistant, sender):
    assert len(assistant.say(sender, "yes")) == 1
    assert FACT in assistant.say_text(sender, QUESTION)
