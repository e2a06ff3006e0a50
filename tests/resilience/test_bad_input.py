"""Oversized, malformed, mistyped and too frequent chat requests are refused in plain words.

Nothing of a refused request is processed or kept, and the Rasa server keeps serving with
its memory bounded.
"""

from __future__ import annotations

import http.client
import json
import re
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from probes import assert_still_answers, rss_mb

from bot.chat_guard import NOT_TEXT, TOO_FAST, TOO_LONG
from ops.local_stack import Assistant, Reply
from ops.stack import Stack


def chat_body(sender: object, message: object) -> bytes:
    return json.dumps({"sender": sender, "message": message}).encode()


def user_texts(assistant: Assistant, sender: str) -> list[str]:
    events = assistant.tracker(sender)["events"]
    return [event.get("text") for event in events if event["event"] == "user"]


def post_chunked(assistant: Assistant, body: bytes) -> Reply | None:
    """Posts without a Content-Length, as a client that streams its body would.

    None when the server closed the connection while the body was still being sent: it refuses
    a body as soon as it passes the limit, answers 413 and closes, and a client still sending then
    gets a reset instead of the answer (a race, seen once in a clean-clone run of `make test`).
    """
    connection = http.client.HTTPConnection("127.0.0.1", assistant.config.rasa_port, timeout=30)
    try:
        chunks = (body[i : i + 4096] for i in range(0, len(body), 4096))
        connection.request(
            "POST", "/webhooks/rest/webhook", chunks,
            {"Content-Type": "application/json"}, encode_chunked=True,
        )
        reply = connection.getresponse()
        return Reply(reply.status, dict(reply.getheaders()), reply.read())
    except (ConnectionResetError, BrokenPipeError):
        return None
    finally:
        connection.close()


@pytest.mark.parametrize("size", [100_000, 20_000])
def test_oversized_message_is_refused_and_nothing_is_kept(assistant, sender, size):
    assert assistant.say(sender, "hello")
    before = assistant.tracker(sender)["events"]
    reply = assistant.post_chat(chat_body(sender, "x" * size))
    assert reply.status == 413
    assert reply.json() == [{"recipient_id": "", "text": TOO_LONG}]
    streamed = post_chunked(assistant, chat_body(sender, "x" * size))
    if streamed is not None:  # else cut off while sending: refused all the same
        assert streamed.status == 413
        assert streamed.json() == [{"recipient_id": "", "text": TOO_LONG}]
    assert assistant.tracker(sender)["events"] == before
    assert_still_answers(assistant)


def test_many_oversized_messages_leave_the_memory_bounded(stack: Stack, assistant):
    pid = stack.rasa.process.pid
    before = rss_mb(pid)
    body = chat_body("memory-test", "x" * 100_000)
    for _ in range(100):
        assert assistant.post_chat(body).status == 413
    assert rss_mb(pid) - before < 300
    assert_still_answers(assistant)


def test_message_over_the_character_limit_is_refused(assistant, sender):
    reply = assistant.post_chat(chat_body(sender, "word " * 600))  # 3 KB
    assert reply.status == 413
    assert reply.json() == [{"recipient_id": sender, "text": TOO_LONG}]
    assert user_texts(assistant, sender) == []


@pytest.mark.parametrize(
    "body",
    [
        b'{"sender": "bad-json", "message": ',
        b"message=hello",
        b"",
        b'"hello"',
        b'[{"sender": "bad-list", "message": "hello"}]',
        b'{"sender": "bad-number", "message": 42}',
        b'{"sender": "bad-object", "message": {"text": "hello"}}',
        b'{"sender": "bad-null", "message": null}',
        b'{"message": "hello"}',
        b'{"sender": 7, "message": "hello"}',
        b'{"sender": "bad-metadata", "message": "hello", "metadata": [1, 2]}',
    ],
)
def test_malformed_or_mistyped_request_gets_400_with_the_plain_reason(assistant, body):
    reply = assistant.post_chat(body)
    assert reply.status == 400
    assert [message["text"] for message in reply.json()] == [NOT_TEXT]
    named = re.search(rb'"sender": "([a-z-]+)"', body)
    if named:
        assert user_texts(assistant, named.group(1).decode()) == []


def test_burst_from_one_sender_is_slowed_and_others_are_still_served(assistant, sender):
    per_second, _, burst = assistant.config.extra_env["CHAT_RATE_PER_SENDER"].partition("/")
    attempts = 4 * int(burst)
    with ThreadPoolExecutor(max_workers=attempts) as pool:
        started = time.monotonic()
        replies = list(
            pool.map(lambda _: assistant.post_chat(chat_body(sender, "hi")), range(attempts))
        )
        refill = (time.monotonic() - started) * float(per_second)
    statuses = [reply.status for reply in replies]
    assert set(statuses) == {200, 429}
    assert int(burst) <= statuses.count(200) <= int(burst) + refill + 1, statuses
    for reply in replies:
        if reply.status == 429:
            assert reply.json() == [{"recipient_id": sender, "text": TOO_FAST}]
        else:
            assert reply.json(), "every message let through gets an answer"
    assert len(user_texts(assistant, sender)) == statuses.count(200)
    assert_still_answers(assistant)
