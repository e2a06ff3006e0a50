"""Faults mid-registration: the action server down or hung, the tracker store locked, the Rasa
server restarted.

This module stops and hangs servers, so it runs its own stack, with a short reply deadline
(CHAT_REPLY_TIMEOUT_S). Each test is a simulated filer (`ops.filer`) whose registration
breaks in at the phone answer (typed "(617) 555-0001", kept as "617-555-0001", so a raw
value left behind would show); then the filer finishes, and the payload is checked against
the schema, the answers and the stored copy.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import time
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path

import pytest

from bot.chat_guard import SOMETHING_WENT_WRONG
from ops.filer import SIMULATION_RATE_LIMITS, Filer, Turn
from ops.local_stack import Assistant, local_config, running, tracker_db
from ops.stack import Server, Stack

REPLY_TIMEOUT_S = 8


@pytest.fixture(scope="module")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    config = local_config(
        tmp_path_factory.mktemp("faults"),
        extra_env={**SIMULATION_RATE_LIMITS, "CHAT_REPLY_TIMEOUT_S": str(REPLY_TIMEOUT_S)},
    )
    with running(config) as stack:
        yield stack


@pytest.fixture(scope="module")
def assistant(stack: Stack) -> Assistant:
    return Assistant(stack.config)


@contextmanager
def stopped(server: Server) -> Iterator[None]:
    server.stop()
    try:
        yield
    finally:
        server.start()
        server.wait_ready(90)


@contextmanager
def hung(server: Server) -> Iterator[None]:
    """The server's whole process group stopped (SIGSTOP): it takes calls but never answers."""
    os.killpg(server.process.pid, signal.SIGSTOP)
    try:
        yield
    finally:
        os.killpg(server.process.pid, signal.SIGCONT)


@contextmanager
def locked(database: Path) -> Iterator[None]:
    """The SQLite file held in an exclusive transaction: nobody else can read or write it."""
    connection = sqlite3.connect(database, isolation_level=None)
    connection.execute("BEGIN EXCLUSIVE")
    try:
        yield
    finally:
        connection.execute("ROLLBACK")
        connection.close()


class Registration:
    """A simulated filer's turns, said one at a time with the test's fault in between."""

    def __init__(self, assistant: Assistant, number: int) -> None:
        self.assistant = assistant
        self.filer = Filer(number, servers=[assistant.rasa_url])
        self.turns = self.filer.turns()
        self.phone = next(i for i, turn in enumerate(self.turns) if "street" in turn.expect)

    def say(self, turn: Turn) -> list[dict]:
        messages = self.assistant.say(self.filer.sender, turn.text)
        reply = "\n".join(m.get("text", "") for m in messages).lower()
        assert all(word in reply for word in turn.expect), f"{turn.text!r} -> {reply!r}"
        return messages

    def up_to_the_phone(self) -> None:
        for turn in self.turns[: self.phone]:
            self.say(turn)

    def finish(self) -> None:
        """From the phone answer on; checks the payload and the stored copy."""
        for turn in self.turns[self.phone : -1]:
            self.say(turn)
        payload = self.filer.check_payload(self.say(self.turns[-1]))
        staff_token = self.assistant.config.staff_token
        assert self.assistant.submission(payload["reference"], staff_token) == (200, payload)

    def phone_answer_fails(self, fault: AbstractContextManager) -> float:
        """Sends the phone answer during `fault`: the filer is told, and nothing of it is kept.

        Returns how long the filer waited for the reply.
        """
        sender = self.filer.sender
        before = self.assistant.tracker(sender)["events"]
        with fault:
            started = time.monotonic()
            reply = self.assistant.say(sender, self.turns[self.phone].text)
            waited = time.monotonic() - started
        assert reply == [{"recipient_id": sender, "text": SOMETHING_WENT_WRONG}]
        after = self.assistant.tracker(sender)
        assert after["events"] == before
        assert after["slots"]["phone"] is None and after["slots"]["requested_slot"] == "phone"
        assert after["slots"]["email"] == self.filer.email
        return waited


def test_action_server_down_keeps_the_answers_and_the_question(stack, assistant):
    registration = Registration(assistant, 1)
    registration.up_to_the_phone()
    registration.phone_answer_fails(stopped(stack.actions))
    registration.finish()


def test_hung_action_server_gets_the_message_within_the_deadline(stack, assistant):
    registration = Registration(assistant, 2)
    registration.up_to_the_phone()
    assert registration.phone_answer_fails(hung(stack.actions)) < REPLY_TIMEOUT_S + 4
    registration.finish()


def test_locked_tracker_store_keeps_the_answers_and_the_question(stack, assistant):
    """Rasa itself would read "new conversation", greet the filer and keep the turn in memory."""
    registration = Registration(assistant, 4)
    registration.up_to_the_phone()
    registration.phone_answer_fails(locked(tracker_db(stack.config)))
    registration.finish()


def test_rasa_restart_mid_registration_loses_nothing(stack, assistant):
    registration = Registration(assistant, 3)
    registration.up_to_the_phone()
    stack.rasa.stop()
    stack.rasa.start()
    stack.rasa.wait_ready(240)
    registration.finish()
