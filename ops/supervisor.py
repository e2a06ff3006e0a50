"""Keeps the servers of `make run` serving: a server that exits is started again, the others go on.

Each server is watched on its own. When its process exits, the supervisor says so (naming the
server, its exit code and its log), waits a back-off (1 s, then doubling up to 30 s) and starts it
again; meanwhile the other servers keep serving, and the chat channels tell filers that their
answers are kept and to try again. A server that exits more than `max_restarts` times within
`window_s` is given up on: `GaveUp` says which, and `make run` stops everything with a non-zero
exit. A running server is also polled on its health URL; one that stops answering (after it
first answered, or after `startup_grace_s`) is reported, and so is its recovery.
"""

from __future__ import annotations

import subprocess
import threading
import time
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol


class Server(Protocol):
    """What the supervisor needs of a server (`ops.stack.Server`)."""

    name: str
    ready_url: str
    log_path: Path
    process: subprocess.Popen | None

    def start(self) -> None: ...

    def is_ready(self) -> bool: ...


@dataclass(frozen=True)
class RestartPolicy:
    """How often a server may be started again, and how its health is polled."""

    max_restarts: int = 5
    window_s: float = 300.0
    first_backoff_s: float = 1.0
    max_backoff_s: float = 30.0
    health_every_s: float = 10.0
    unhealthy_after: int = 3
    startup_grace_s: float = 300.0

    def backoff_s(self, recent_crashes: int) -> float:
        """The wait before the next start, after `recent_crashes` crashes in the window."""
        return min(self.max_backoff_s, self.first_backoff_s * 2 ** max(0, recent_crashes - 1))


class GaveUp(RuntimeError):
    """A server crashed too often in a short time; the message says which and where to look."""


@dataclass
class Watch:
    """What the supervisor knows of one server."""

    server: Server
    crashes: deque[float] = field(default_factory=deque)
    restart_at: float | None = None
    started_at: float = 0.0
    answered: bool = False
    last_poll: float = float("-inf")
    failed_polls: int = 0
    reported_unhealthy: bool = False
    restarts: int = 0


class Supervisor:
    """Watches `servers` (already started) and starts again any that exits."""

    def __init__(
        self,
        servers: Sequence[Server],
        policy: RestartPolicy | None = None,
        clock: Callable[[], float] = time.monotonic,
        say: Callable[[str], None] = print,
    ) -> None:
        self.policy = policy or RestartPolicy()
        self.clock = clock
        self.say = say
        now = clock()
        self.watches = [Watch(server, started_at=now) for server in servers]

    def restarts_of(self, server: Server) -> int:
        """How many times `server` was started again."""
        return next(watch.restarts for watch in self.watches if watch.server is server)

    def step(self) -> None:
        """One look at every server; raises `GaveUp` when one crashed too often."""
        now = self.clock()
        for watch in self.watches:
            if watch.restart_at is not None:
                if now >= watch.restart_at:
                    self._start_again(watch, now)
                continue
            process = watch.server.process
            code = None if process is None else process.poll()
            if process is None or code is not None:
                self._crashed(watch, code, now)
            elif now - watch.last_poll >= self.policy.health_every_s:
                self._poll(watch, now)

    def _crashed(self, watch: Watch, code: int | None, now: float) -> None:
        policy, name = self.policy, watch.server.name
        while watch.crashes and now - watch.crashes[0] > policy.window_s:
            watch.crashes.popleft()
        watch.crashes.append(now)
        if len(watch.crashes) > policy.max_restarts:
            raise GaveUp(
                f"The {name} stopped {len(watch.crashes)} times in {policy.window_s:.0f} s; "
                f"giving up on it. See {watch.server.log_path}."
            )
        backoff = policy.backoff_s(len(watch.crashes))
        self.say(
            f"The {name} stopped (exit code {code}); starting it again in {backoff:.0f} s. "
            f"See {watch.server.log_path}."
        )
        watch.restart_at = now + backoff

    def _start_again(self, watch: Watch, now: float) -> None:
        watch.server.start()
        watch.restart_at = None
        watch.started_at = now
        watch.answered = False
        watch.failed_polls = 0
        watch.restarts += 1
        self.say(f"The {watch.server.name} was started again.")

    def _poll(self, watch: Watch, now: float) -> None:
        watch.last_poll = now
        if watch.server.is_ready():
            if watch.reported_unhealthy:
                self.say(f"The {watch.server.name} answers its health check again.")
            watch.answered, watch.failed_polls, watch.reported_unhealthy = True, 0, False
            return
        if not watch.answered and now - watch.started_at < self.policy.startup_grace_s:
            return  # still starting (a Rasa server loads its model first)
        watch.failed_polls += 1
        if watch.failed_polls >= self.policy.unhealthy_after and not watch.reported_unhealthy:
            watch.reported_unhealthy = True
            self.say(
                f"The {watch.server.name} is running but does not answer its health check "
                f"({watch.server.ready_url}). See {watch.server.log_path}."
            )

    def run(self, stop: threading.Event | None = None, tick_s: float = 0.5) -> None:
        """Steps until `stop` is set (or forever); raises `GaveUp`."""
        stop = stop or threading.Event()
        while not stop.is_set():
            self.step()
            stop.wait(tick_s)


def supervise(servers: Sequence[Server], policy: RestartPolicy | None = None) -> int:
    """Keeps `servers` running until interrupted; 1 once one of them crashed too often."""
    try:
        Supervisor(servers, policy, say=lambda line: print(line, flush=True)).run()
    except GaveUp as problem:
        print(f"{problem} Stopping the others.", flush=True)
        return 1
    return 0
