"""The supervisor of `make run` (ops/supervisor.py): restarts with back-off, gives up, reports health.

Real processes (short Python commands) with a clock the test moves, so no test waits for back-off.
"""

from __future__ import annotations

import sys
import time

import pytest
from fake_clock import Clock

from ops.stack import Server
from ops.supervisor import GaveUp, RestartPolicy, Supervisor, supervise

POLICY = RestartPolicy(
    max_restarts=3, window_s=60, first_backoff_s=1, max_backoff_s=4,
    health_every_s=5, unhealthy_after=2, startup_grace_s=30,
)


def server(tmp_path, name: str, code: str) -> Server:
    return Server(name, [sys.executable, "-c", code], "http://127.0.0.1:9/health",
                  tmp_path / f"{name}.log")


def exited(process) -> None:
    process.wait(timeout=20)


@pytest.fixture
def said():
    return []


def test_a_crashed_server_is_started_again_after_its_backoff(tmp_path, said):
    crasher = server(tmp_path, "action server", "raise SystemExit(3)")
    steady = server(tmp_path, "web app", "import time; time.sleep(60)")
    for each in (crasher, steady):
        each.start()
    clock = Clock()
    supervisor = Supervisor([crasher, steady], POLICY, clock, said.append)
    steady_process = steady.process
    try:
        exited(crasher.process)
        supervisor.step()
        assert said == [
            f"The action server stopped (exit code 3); starting it again in 1 s. "
            f"See {crasher.log_path}."
        ]
        first = crasher.process
        clock.now += 0.5
        supervisor.step()
        assert crasher.process is first  # not before the back-off
        clock.now += 0.5
        supervisor.step()
        assert crasher.process is not first and said[-1] == "The action server was started again."
        assert supervisor.restarts_of(crasher) == 1 and supervisor.restarts_of(steady) == 0
        assert steady.process is steady_process and steady_process.poll() is None
    finally:
        steady.stop()
        crasher.stop()


def test_backoff_doubles_up_to_its_cap():
    assert [POLICY.backoff_s(n) for n in range(1, 6)] == [1, 2, 4, 4, 4]


def test_a_server_that_keeps_crashing_is_given_up_on(tmp_path, said):
    crasher = server(tmp_path, "Rasa server", "raise SystemExit(1)")
    crasher.start()
    clock = Clock()
    supervisor = Supervisor([crasher], POLICY, clock, said.append)
    with pytest.raises(GaveUp, match=r"The Rasa server stopped 4 times in 60 s; giving up"):
        for _ in range(10):
            exited(crasher.process)
            supervisor.step()  # sees the crash
            clock.now += POLICY.max_backoff_s
            supervisor.step()  # starts it again
    assert supervisor.restarts_of(crasher) == 3


def test_crashes_spread_out_in_time_are_not_given_up_on(tmp_path, said):
    crasher = server(tmp_path, "web app", "raise SystemExit(1)")
    crasher.start()
    clock = Clock()
    supervisor = Supervisor([crasher], POLICY, clock, said.append)
    for _ in range(6):
        exited(crasher.process)
        supervisor.step()
        clock.now += POLICY.window_s + 1
        supervisor.step()
    assert supervisor.restarts_of(crasher) == 6


def test_a_server_that_stops_answering_is_reported_then_its_recovery(tmp_path, said, monkeypatch):
    quiet = server(tmp_path, "web app", "import time; time.sleep(60)")
    quiet.start()
    answers = [True, False, False, False, True]
    monkeypatch.setattr(quiet, "is_ready", lambda: answers.pop(0))
    clock = Clock()
    supervisor = Supervisor([quiet], POLICY, clock, said.append)
    try:
        for _ in range(5):
            supervisor.step()
            clock.now += POLICY.health_every_s
        assert said == [
            "The web app is running but does not answer its health check "
            f"(http://127.0.0.1:9/health). See {quiet.log_path}.",
            "The web app answers its health check again.",
        ]
    finally:
        quiet.stop()


def test_a_starting_server_is_not_reported_within_its_grace(tmp_path, said, monkeypatch):
    slow = server(tmp_path, "Rasa server", "import time; time.sleep(60)")
    slow.start()
    monkeypatch.setattr(slow, "is_ready", lambda: False)
    clock = Clock()
    supervisor = Supervisor([slow], POLICY, clock, said.append)
    try:
        for _ in range(6):  # polls at 0 to 25 s of a 30 s grace
            supervisor.step()
            clock.now += POLICY.health_every_s
        assert said == []
        for _ in range(2):  # two failed polls after it: 30 s and 35 s
            supervisor.step()
            clock.now += POLICY.health_every_s
        assert said and "does not answer its health check" in said[0]
    finally:
        slow.stop()


def test_make_run_exits_non_zero_with_a_clear_message_when_it_gives_up(tmp_path, capsys):
    crasher = server(tmp_path, "action server", "raise SystemExit(2)")
    crasher.start()
    started = time.monotonic()
    policy = RestartPolicy(max_restarts=2, window_s=60, first_backoff_s=0.1, max_backoff_s=0.1)
    assert supervise([crasher], policy) == 1
    assert time.monotonic() - started < 30
    out = capsys.readouterr().out
    assert out.count("The action server was started again.") == 2
    assert out.splitlines()[-1] == (
        f"The action server stopped 3 times in 60 s; giving up on it. See {crasher.log_path}. "
        "Stopping the others."
    )
