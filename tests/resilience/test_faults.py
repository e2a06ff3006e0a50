"""Faults mid-registration: the action server down or hung, the tracker store locked, the Rasa
server restarted.

This module stops and hangs servers, so it runs on the stack made for that (`breakable_stack`,
conftest.py), with a short reply deadline (CHAT_REPLY_TIMEOUT_S). Each test is a simulated filer (`ops.filer`) whose registration
breaks in at the phone answer (typed "(617) 555-0001", kept as "617-555-0001", so a raw
value left behind would show); then the filer finishes, and the payload is checked against
the schema, the answers and the stored copy.
"""

from __future__ import annotations

import os
import signal
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from registration import REPLY_TIMEOUT_S, Registration

from ops.local_stack import Assistant, tracker_db
from ops.stack import Server, Stack


@pytest.fixture(scope="module")
def stack(breakable_stack: Stack) -> Stack:
    return breakable_stack


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
