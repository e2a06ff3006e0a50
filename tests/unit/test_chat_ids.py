"""Chat ids (bot/chat_ids.py): one form for both chat channels and the web app, web chat
conversations out of the REST channel's reach, and ids hidden in log lines
(rasa_extensions/hidden_ids.py).
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
import uuid
from types import SimpleNamespace

import pytest
from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from rasa.core.tracker_store import InMemoryTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.trackers import DialogueStateTracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import ActionExecutor, CollectingDispatcher
from sanic import Sanic
from sanic.compat import Header
from sanic.request import Request
from sanic.response import HTTPResponse, text
from served import served
from trackers import DOMAIN, make_tracker

from bot.chat_ids import (
    WEB_CHAT_PREFIX,
    is_chat_id,
    log_id,
    session_of,
    web_chat_conversation,
)
from bot.staff_mode import StaffProofs
from channels.guarded import GuardedChannel
from channels.rest import BAD_SENDER, GuardedRestInput
from rasa_extensions import hidden_ids, install
from rasa_extensions.failed_turns import CURRENT_TURN, CountingOutput, keep_no_failed_turn
from web.chat import BAD_SESSION_ID

SESSION = "0123456789abcdef0123456789abcdef"  # as the web chat makes them


@pytest.mark.parametrize(
    ("value", "accepted"),
    [
        (SESSION, True),
        ("res-0123456789ab", True),
        ("a_B-0123", True),
        ("x" * 128, True),
        ("x" * 129, False),
        ("x" * 10_000, False),
        ("short", False),
        ("", False),
        (WEB_CHAT_PREFIX + SESSION, False),
        ("with space", False),
        ("abcdefgh\n", False),
        ("ünïcödé-id", False),
        (12345678, False),
        (None, False),
        (["abcdefgh"], False),
    ],
)
def test_one_form_of_chat_id(value, accepted):
    assert is_chat_id(value) is accepted


def test_web_chat_conversations_have_a_form_no_chat_id_has():
    conversation = web_chat_conversation(SESSION)
    assert conversation == "webchat:" + SESSION
    assert not is_chat_id(conversation)
    assert session_of(conversation) == SESSION
    assert session_of("res-0123456789ab") == "res-0123456789ab"
    with pytest.raises(ValueError, match="session_id must be"):
        web_chat_conversation("webchat:" + SESSION)


def test_log_ids_match_up_and_reveal_nothing():
    assert log_id(SESSION) == log_id(SESSION)
    assert log_id(SESSION) != log_id(SESSION[:-1] + "0")
    assert SESSION not in log_id(SESSION) and len(log_id(SESSION)) == len("id:") + 12


def test_the_web_app_and_the_channels_say_the_same_rule():
    assert BAD_SESSION_ID == "session_id must be 8 to 128 letters, digits, - or _."
    assert BAD_SENDER == "sender must be 8 to 128 letters, digits, - or _."


def rest_request(body: object) -> SimpleNamespace:
    raw = json.dumps(body).encode()
    return SimpleNamespace(body=raw, json=body, ip="127.0.0.1", headers=Header())


@pytest.fixture
def rest() -> GuardedRestInput:
    install.install()
    return GuardedRestInput()


@pytest.mark.parametrize(
    "sender", ["x" * 10_000, "short", WEB_CHAT_PREFIX + SESSION, "a b c d e", "../../etc/passwd"]
)
async def test_rest_refuses_a_sender_of_another_form_without_echoing_it(rest, sender):
    reply = await rest.check_request(rest_request({"sender": sender, "message": "hello"}))
    assert reply.status == 400
    assert json.loads(reply.body) == [{"recipient_id": "", "text": BAD_SENDER}]


async def test_rest_takes_a_chat_id_sender(rest):
    assert await rest.check_request(rest_request({"sender": SESSION, "message": "hello"})) is None


async def test_a_sender_of_another_form_uses_up_no_rate_limit(rest):
    for _ in range(100):
        await rest.check_request(rest_request({"sender": "x" * 200, "message": "hello"}))
    assert rest.guard.per_sender._buckets == {}
    assert rest.guard.per_address._buckets == {}


async def test_log_lines_of_a_turn_name_its_conversation_by_its_log_id(caplog):
    install.install()
    channel = GuardedChannel()
    channel.setup_guard()
    conversation = web_chat_conversation(SESSION)
    rasa_logger = logging.getLogger("rasa.core.processor")

    async def turn(message: UserMessage) -> None:
        rasa_logger.info("Starting a new session for conversation ID '%s'.", message.sender_id)
        await asyncio.create_task(asyncio.sleep(0))
        rasa_logger.warning(f"Lock for {message.sender_id} held")  # already formatted
        raise RuntimeError("the tracker store is down")

    async def failing_turn(message: UserMessage) -> None:
        try:
            raise LookupError(f"no lock for conversation '{message.sender_id}'")
        except LookupError:
            rasa_logger.exception("Could not get the lock.")
        await message.output_channel.send_response(message.sender_id, {"text": "Hi!"})

    caplog.set_level(logging.INFO)
    await channel.guarded(turn)(UserMessage("hello", CollectingOutputChannel(), conversation))
    await channel.guarded(failing_turn)(UserMessage("hi", CollectingOutputChannel(), conversation))
    rasa_logger.info("after the turn: %s", "not hidden")
    lines = [record.getMessage() for record in caplog.records]
    assert lines == [
        f"Starting a new session for conversation ID '{log_id(conversation)}'.",
        f"Lock for {log_id(conversation)} held",
        f"turn of {log_id(conversation)} failed (RuntimeError)",
        "Could not get the lock.",
        "after the turn: not hidden",
    ]
    assert f"no lock for conversation '{log_id(conversation)}'" in caplog.records[3].exc_text
    assert conversation not in caplog.text


def test_the_record_factory_is_installed_once():
    hidden_ids.install()
    factory = logging.getLogRecordFactory()
    hidden_ids.install()
    assert logging.getLogRecordFactory() is factory
    assert isinstance(factory, hidden_ids.HidingRecordFactory)


async def test_staff_mode_of_a_web_chat_conversation_checks_the_session_s_proof(
    monkeypatch, tmp_path
):
    """The staff console's proof is issued for the session id (web.staff_console); the
    conversation is kept as `webchat:<session id>`. The action is found by its name, as Rasa
    calls it."""
    monkeypatch.setenv("STAFF_TOKEN", "staff-token-for-tests")
    url = f"sqlite:///{tmp_path / 'submissions.db'}"
    monkeypatch.setenv("SUBMISSIONS_DB_URL", url)
    proof = StaffProofs(url).issue("staff-cookie", SESSION, time.time() + 3600)
    executor = ActionExecutor()
    executor.register_package("actions")
    action = executor.actions["action_validate_slot_mappings"]
    domain = {
        **DOMAIN,
        "slots": {**DOMAIN["slots"], "staff_mode": {"type": "bool", "mappings": [{"type": "custom"}]}},
    }
    tracker = make_tracker(text="which court do I pick", intent="ask_court_selection")
    tracker.sender_id = web_chat_conversation(SESSION)
    tracker.latest_message["metadata"] = {"staff_proof": proof}
    events = await action(CollectingDispatcher(), tracker, domain)
    assert SlotSet("staff_mode", True) in events


async def test_a_turn_not_saved_is_logged_by_its_log_id(caplog):
    store = InMemoryTrackerStore(Domain.empty())
    keep_no_failed_turn(store)
    conversation = web_chat_conversation(SESSION)
    turn = CURRENT_TURN.set(CountingOutput(CollectingOutputChannel()))  # a turn that sent nothing
    try:
        await store.save(DialogueStateTracker(conversation, []))
    finally:
        CURRENT_TURN.reset(turn)
    assert [record.getMessage() for record in caplog.records] == [
        f"turn of {log_id(conversation)} not saved"
    ]


async def test_log_lines_of_an_api_call_name_its_conversation_by_its_log_id(monkeypatch, caplog):
    monkeypatch.setattr(Sanic, "test_mode", True)
    hidden_ids.install()
    app = Sanic(f"api_{uuid.uuid4().hex}")
    rasa_logger = logging.getLogger("rasa.core.tracker_store")

    @app.get("/conversations/<conversation_id:path>/tracker")
    async def tracker(request: Request, conversation_id: str) -> HTTPResponse:
        rasa_logger.info(f"Can't retrieve tracker matching sender id '{conversation_id}'.")
        return text("ok")

    @app.get("/status")
    async def status(request: Request) -> HTTPResponse:
        rasa_logger.info("status asked, not about %s", "res-0123456789ab")
        return text("ok")

    hidden_ids.hide_api_conversation_ids(app)
    caplog.set_level(logging.INFO, logger="rasa.core.tracker_store")
    async with served(app) as client:
        for path in ["/conversations/res-0123456789ab/tracker", "/status"]:
            async with client.get(path) as reply:
                assert reply.status == 200
    assert [r.getMessage() for r in caplog.records if r.name == "rasa.core.tracker_store"] == [
        f"Can't retrieve tracker matching sender id '{log_id('res-0123456789ab')}'.",
        "status asked, not about res-0123456789ab",
    ]
