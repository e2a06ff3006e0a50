"""Each process of `make run` killed mid-registration: the supervisor starts it again, the filer
finishes with every earlier answer kept and exactly one payload.

A real stack (action server, web app, Rasa server; `breakable_stack`, conftest.py, shared with
the fault tests) supervised as under `make run` (`ops.supervisor`, in a thread). Each test kills one server's whole process group with SIGKILL
after the filer's email answer, waits until the supervisor has started it again and it answers
its health URL, then the filer finishes.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import threading
import time
from collections.abc import Iterator

import pytest
from registration import Registration

from ops.local_stack import Assistant
from ops.stack import Server, Stack
from ops.supervisor import RestartPolicy, Supervisor

# Quick checks and short back-off: the tests wait for the restart, not for the policy.
POLICY = RestartPolicy(first_backoff_s=0.5, max_backoff_s=2, health_every_s=1)


@pytest.fixture(scope="module")
def stack(breakable_stack: Stack) -> Stack:
    return breakable_stack


@pytest.fixture(scope="module")
def supervisor(stack: Stack) -> Iterator[Supervisor]:
    said: list[str] = []
    supervisor = Supervisor(stack.servers, POLICY, say=said.append)
    stop = threading.Event()
    thread = threading.Thread(target=supervisor.run, args=(stop, 0.2), daemon=True)
    thread.start()
    yield supervisor
    stop.set()
    thread.join(timeout=10)


def kill_and_wait_for_restart(supervisor: Supervisor, server: Server) -> None:
    before, process = supervisor.restarts_of(server), server.process
    os.killpg(process.pid, signal.SIGKILL)
    process.wait(timeout=10)
    deadline = time.monotonic() + 240
    while time.monotonic() < deadline:
        if supervisor.restarts_of(server) == before + 1 and server.is_ready():
            assert server.process is not process
            return
        time.sleep(0.5)
    raise AssertionError(f"the {server.name} was not started again; see {server.log_path}")


def submissions_for(stack: Stack, email: str) -> int:
    database = stack.config.submissions_db_url.removeprefix("sqlite:///")
    with sqlite3.connect(database) as connection:
        [(count,)] = connection.execute(
            "SELECT count(*) FROM submissions WHERE payload LIKE ?", (f'%"{email}"%',)
        )
    return count


@pytest.mark.parametrize(("number", "which"), [(11, "actions"), (12, "web"), (13, "rasa")])
def test_a_killed_server_is_started_again_and_the_filer_finishes(stack, supervisor, number, which):
    registration = Registration(Assistant(stack.config), number)
    registration.up_to_the_phone()
    kill_and_wait_for_restart(supervisor, getattr(stack, which))
    registration.finish()
    assert submissions_for(stack, registration.filer.email) == 1
    others = [s for s in stack.servers if s is not getattr(stack, which)]
    assert all(s.process.poll() is None for s in others)
