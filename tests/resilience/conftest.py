"""One shared stack for the resilience tests that leave the servers running.

It runs with the API token and a JWT secret (test_security.py), a debug log to prove that no
secret reaches a log line (test_masking.py), a small per-sender burst (test_bad_input.py) and
high per-address rate limits (messages and web chat sessions), since every test talks from
127.0.0.1.
Tests that stop, hang, lock, kill or restart servers (test_faults.py, test_supervision.py)
share a second stack of their own, `breakable_stack`: each of them is a new filer, and each puts
the servers back (or has them put back) before it ends.
"""

from __future__ import annotations

import secrets
import uuid
from collections.abc import Iterator

import pytest
from registration import REPLY_TIMEOUT_S

from ops.filer import SIMULATION_RATE_LIMITS
from ops.local_stack import Assistant, local_config, running
from ops.stack import Stack


@pytest.fixture(scope="session")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    config = local_config(
        tmp_path_factory.mktemp("resilience"),
        rasa_jwt_secret=secrets.token_urlsafe(32),
        extra_env={
            "LOG_LEVEL": "DEBUG",
            "CHAT_RATE_PER_SENDER": "1/5",
            "CHAT_RATE_PER_ADDRESS": "1000/1000",
            "CHAT_SESSION_RATE_PER_ADDRESS": "1000/1000",
        },
    )
    with running(config) as stack:
        yield stack


@pytest.fixture(scope="session")
def breakable_stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    """A stack with a short reply deadline (CHAT_REPLY_TIMEOUT_S) and room for whole registrations."""
    config = local_config(
        tmp_path_factory.mktemp("faults"),
        extra_env={**SIMULATION_RATE_LIMITS, "CHAT_REPLY_TIMEOUT_S": str(REPLY_TIMEOUT_S)},
    )
    with running(config) as stack:
        yield stack


@pytest.fixture(scope="session")
def assistant(stack: Stack) -> Assistant:
    return Assistant(stack.config)


@pytest.fixture
def sender() -> str:
    return f"res-{uuid.uuid4().hex[:12]}"
