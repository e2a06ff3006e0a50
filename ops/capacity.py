"""`make capacity`: how many filers at once each profile holds at a person's pace, measured.

For each profile (`ops.bench`: default, scale-out) it starts the stack on free ports, warms each
Rasa server up with one registration, then keeps simulated filers (`ops.filer`: whole
registrations, about `--think` 15 s before each message, 0.5 to 1.5 times that, seeded by the
filer's number; each conversation on one Rasa server, as the web chat's socket is, or with
`--hop-servers` each turn on the next server) at each step's level: 20, 50, 100, 200, 300, ...
at once, a filer that finishes replaced by a new one. A step gets `--settle` seconds for its new
filers to start talking, then is measured for `--hold` seconds (longer at low levels, to have
`--min-turns` turns): turns/s, turn latency, errors, CPU per turn of every process, their memory
(VmHWM = peak, VmRSS = now).

The stepping stops at the first step whose p95 turn latency passes `--p95-limit-ms` (300) or that
has an error (such a step ends as soon as that is clear), when the steps run out, or when the next
step would overrun the profile's share of `--max-minutes`. Then it prints, per profile, the largest
level held (p95 within the limit, 0 errors) with turns/s, CPU per turn and memory there, and the
p95 at 20 filers; the scale-out / default ratio from the same run; the issue's targets, each with
PASS, FAIL or NOT MEASURED. A benchmark, not a test: it asserts nothing; its exit status is 1 only
when a filer got an error. Traffic goes only to the stacks it starts on 127.0.0.1.
"""

from __future__ import annotations

import argparse
import asyncio
import bisect
import math
import os
import resource
import sys
import tempfile
import time
from collections.abc import Callable, Coroutine, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import aiohttp

from ops.bench import (
    PROFILES,
    TURN_TIMEOUT,
    latency_quantiles,
    process_rows,
    profile_stack,
    warm_up,
)
from ops.filer import Filer
from ops.procstat import Usage, usages

STEPS = (20, 50, 100, 200, 300, 400, 500, 600, 700, 800, 900, 1000)
THINK_S = 15.0
P95_LIMIT_MS = 300.0
# The targets (issue 11, "Capacity, measured").
TARGET_FILERS = 500
TARGET_RATIO = 1.8
TARGET_LOW_LEVEL = 20
TARGET_LOW_P95_MS = 100.0
# A step ends early once its p95 so far, over at least this many turns, is twice the limit.
EARLY_END_MIN_TURNS = 100
# Below Sanic's keep-alive timeout (5 s): the client drops an idle connection before the server
# does, so no request goes out on a connection the server is closing.
CLIENT_KEEPALIVE_S = 2.0
PASS, FAIL, NOT_MEASURED = "PASS", "FAIL", "NOT MEASURED"


@dataclass
class Record:
    """Every turn's end (monotonic s) and latency, and every error, in the order they came."""

    ends: list[float] = field(default_factory=list)
    latencies_s: list[float] = field(default_factory=list)
    errors: list[tuple[float, str]] = field(default_factory=list)

    def turn(self, latency_s: float, now: float) -> None:
        self.ends.append(now)
        self.latencies_s.append(latency_s)

    def latencies(self, start: float, end: float = math.inf) -> list[float]:
        """Latencies of the turns that ended in [start, end)."""
        first, last = bisect.bisect_left(self.ends, start), bisect.bisect_left(self.ends, end)
        return self.latencies_s[first:last]

    def errors_since(self, start: float) -> list[str]:
        return [message for at, message in self.errors if at >= start]


@dataclass
class Step:
    """One level of filers at once, as measured."""

    filers: int
    seconds: float  # length of the measured window
    latencies_s: list[float]
    errors: list[str]  # since the step's filers were started
    processes: list[Usage] = field(default_factory=list)  # at the window's end
    cpu_before: dict[int, float] = field(default_factory=dict)  # pid: CPU s at the window's start
    client_cpu_s: float = 0.0  # this script's own CPU time in the window
    load: float = 0.0  # 1-minute load average at the window's end
    ended_early: bool = False

    @property
    def turns(self) -> int:
        return len(self.latencies_s)

    @property
    def turns_per_s(self) -> float:
        return self.turns / self.seconds if self.seconds > 0 else 0.0

    @property
    def p95_s(self) -> float:
        return latency_quantiles(self.latencies_s)[1]

    def cpu_of(self, process: Usage) -> float:
        """CPU s the process used in the window (all of it for a process started in it)."""
        return process.cpu_s - self.cpu_before.get(process.pid, 0.0)

    def cpu_ms_per_turn(self, cpu_s: float) -> float:
        return cpu_s * 1000 / self.turns if self.turns else 0.0

    @property
    def total_cpu_s(self) -> float:
        return sum(self.cpu_of(process) for process in self.processes)


def passes(step: Step, limit_s: float) -> bool:
    """The stop rule: a step is held when it had turns, no error and a p95 within the limit."""
    return step.turns > 0 and not step.errors and step.p95_s <= limit_s


def clearly_over(latencies_s: Sequence[float], limit_s: float) -> bool:
    """Whether a step's latencies so far already show it failing: p95 twice the limit."""
    return (
        len(latencies_s) >= EARLY_END_MIN_TURNS and latency_quantiles(latencies_s)[1] > 2 * limit_s
    )


def next_level(plan: Sequence[int], done: Sequence[Step], limit_s: float) -> int | None:
    """The next step's number of filers; None after a failed step or the last one."""
    if done and not passes(done[-1], limit_s):
        return None
    return plan[len(done)] if len(done) < len(plan) else None


def hold_s(filers: int, think_s: float, hold: float, min_turns: int) -> float:
    """How long to measure a level: `hold` s, or long enough for about `min_turns` turns."""
    return max(hold, min_turns * think_s / filers)


def share_of_budget(now: float, end: float, profiles_left: int) -> float:
    """The deadline of the next profile: an equal share of what is left of the budget."""
    return now + max(end - now, 0.0) / profiles_left


@dataclass
class Outcome:
    """One profile's steps, and why the stepping stopped."""

    profile: str
    limit_s: float
    steps: list[Step] = field(default_factory=list)
    stopped: str = ""

    @property
    def held(self) -> Step | None:
        """The largest level held: the last step before the first failed one."""
        held = None
        for step in self.steps:
            if not passes(step, self.limit_s):
                break
            held = step
        return held

    @property
    def held_filers(self) -> int:
        return self.held.filers if self.held else 0

    @property
    def limit_found(self) -> bool:
        """Whether a step failed, so the held level is the profile's limit (on the step grid);
        otherwise the steps or the time ran out first and it holds at least that many."""
        return any(not passes(step, self.limit_s) for step in self.steps)

    @property
    def errors(self) -> list[str]:
        return [error for step in self.steps for error in step.errors]

    def at(self, filers: int) -> Step | None:
        return next((step for step in self.steps if step.filers == filers), None)


class Population:
    """Keeps `size` filers running, each the task `start(number)` (numbers 0, 1, 2, ...); when
    one ends a new one replaces it, so the level stays where `resize` put it."""

    def __init__(self, start: Callable[[int], Coroutine[Any, Any, None]]) -> None:
        self.start = start
        self.size = 0
        self.started = 0
        self.tasks: set[asyncio.Task[None]] = set()

    def resize(self, size: int) -> None:
        self.size = size
        self._fill()

    def _fill(self) -> None:
        while len(self.tasks) < self.size:
            task = asyncio.create_task(self.start(self.started))
            self.started += 1
            self.tasks.add(task)
            task.add_done_callback(self._ended)

    def _ended(self, task: asyncio.Task[None]) -> None:
        self.tasks.discard(task)
        self._fill()

    async def close(self) -> None:
        """Stops every filer (a conversation cut short is not an error)."""
        self.size = 0
        tasks = list(self.tasks)
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms"


def step_line(profile: str, step: Step, limit_s: float) -> str:
    p50, p95, p99 = latency_quantiles(step.latencies_s)
    verdict = "held" if passes(step, limit_s) else "NOT held"
    early = ", ended early" if step.ended_early else ""
    return (
        f"[{profile}] {step.filers} filers: {step.turns} turns in {step.seconds:.0f} s{early}, "
        f"{step.turns_per_s:.1f} turns/s; p50/p95/p99 {_ms(p50)}/{_ms(p95)}/{_ms(p99)}; "
        f"{len(step.errors)} errors; CPU {step.cpu_ms_per_turn(step.total_cpu_s):.0f} ms a turn; "
        f"load {step.load:.1f}: {verdict}"
    )


def held_line(outcome: Outcome) -> str:
    if outcome.held is None:
        return f"  held: none ({outcome.stopped})"
    at_least = "" if outcome.limit_found else "at least "
    return (
        f"  held: {at_least}{outcome.held_filers} filers at once "
        f"(p95 <= {_ms(outcome.limit_s)}, 0 errors); stopped: {outcome.stopped}"
    )


def profile_report(outcome: Outcome) -> str:
    """Per profile: the level held, turns/s, CPU per turn and memory there, p95 at 20 filers."""
    lines = [f"== {outcome.profile}", held_line(outcome)]
    held = outcome.held
    if held is not None:
        lines += [
            f"  at {held.filers} filers: {held.turns_per_s:.1f} turns/s, p95 {_ms(held.p95_s)}, "
            f"CPU per turn {held.cpu_ms_per_turn(held.total_cpu_s):.1f} ms (all processes; "
            f"this script {held.cpu_ms_per_turn(held.client_cpu_s):.1f} ms more), "
            f"load {held.load:.1f} on {os.cpu_count()} cores",
            f"    {'process':<28} {'pid':<7} {'peak MB':>7} {'now MB':>7} {'CPU ms/turn':>11}",
            *(
                f"    {name:<28} {pid:<7} {peak:7.0f} {now:7.0f} "
                f"{held.cpu_ms_per_turn(cpu_s):11.1f}"
                for name, pid, peak, now, cpu_s in process_rows(held.processes, held.cpu_of)
            ),
        ]
    low = outcome.at(TARGET_LOW_LEVEL)
    lines.append(
        f"  p95 at {TARGET_LOW_LEVEL} filers: "
        + (_ms(low.p95_s) if low and low.turns else "not measured")
    )
    lines += [f"  error: {error}" for error in outcome.errors[:10]]
    return "\n".join(lines)


def _ratio(numerator: float, denominator: float) -> str:
    return f"{numerator / denominator:.2f}x" if denominator > 0 else "n/a"


def comparison_lines(outcomes: Mapping[str, Outcome]) -> list[str]:
    """The scale-out / default ratio of filers held and of turns/s at that level."""
    default, scaleout = outcomes.get("default"), outcomes.get("scaleout")
    if default is None or scaleout is None:
        return ["== scale-out / default: not measured (both profiles are needed)"]
    rate = {name: o.held.turns_per_s if o.held else 0.0 for name, o in outcomes.items()}
    bounds = [f"{o.profile} at least" for o in (scaleout, default) if not o.limit_found]
    note = f" ({', '.join(bounds)}: the run stopped before its limit)" if bounds else ""
    return [
        "== scale-out / default, same run (levels on the step grid: the limit lies between the "
        "level held and the next step)",
        f"  filers held: {scaleout.held_filers} / {default.held_filers} = "
        f"{_ratio(scaleout.held_filers, default.held_filers)}{note}",
        f"  turns/s there: {rate['scaleout']:.1f} / {rate['default']:.1f} = "
        f"{_ratio(rate['scaleout'], rate['default'])}",
    ]


def _at_least(measured: int, target: int, limit_found: bool) -> str:
    """PASS at or over the target; FAIL under it when the limit was found, else NOT MEASURED."""
    if measured >= target:
        return PASS
    return FAIL if limit_found else NOT_MEASURED


def ratio_verdict(scaleout: Outcome, default: Outcome) -> str:
    """The ratio target on the levels held; a level held without a failed step above it is only a
    lower bound, so the verdict is given only where the bounds settle it."""
    if default.held_filers == 0 or scaleout.held_filers == 0:
        return NOT_MEASURED
    meets = scaleout.held_filers / default.held_filers >= TARGET_RATIO
    if scaleout.limit_found and default.limit_found:
        return PASS if meets else FAIL
    if meets and not scaleout.limit_found and default.limit_found:
        return PASS  # scale-out holds at least this many: the ratio is at least this
    if not meets and scaleout.limit_found and not default.limit_found:
        return FAIL  # default holds at least this many: the ratio is at most this
    return NOT_MEASURED


def target_lines(outcomes: Mapping[str, Outcome]) -> list[str]:
    """The issue's targets, each with PASS, FAIL or NOT MEASURED."""
    lines = ["== targets (issue 11)"]
    scaleout, default = outcomes.get("scaleout"), outcomes.get("default")
    if scaleout is None:
        lines.append(f"  [{NOT_MEASURED}] scale-out holds >= {TARGET_FILERS} filers")
    else:
        verdict = _at_least(scaleout.held_filers, TARGET_FILERS, scaleout.limit_found)
        lines.append(
            f"  [{verdict}] scale-out holds >= {TARGET_FILERS} filers: {scaleout.held_filers}"
        )
    if scaleout is None or default is None:
        lines.append(f"  [{NOT_MEASURED}] scale-out >= {TARGET_RATIO:g}x default")
    else:
        lines.append(
            f"  [{ratio_verdict(scaleout, default)}] scale-out >= {TARGET_RATIO:g}x default: "
            f"{_ratio(scaleout.held_filers, default.held_filers)}"
        )
    for outcome in outcomes.values():
        low = outcome.at(TARGET_LOW_LEVEL)
        target = f"{outcome.profile} p95 < {TARGET_LOW_P95_MS:.0f} ms at {TARGET_LOW_LEVEL} filers"
        if low is None or not low.turns:
            lines.append(f"  [{NOT_MEASURED}] {target}")
        else:
            verdict = PASS if low.p95_s * 1000 < TARGET_LOW_P95_MS else FAIL
            lines.append(f"  [{verdict}] {target}: {_ms(low.p95_s)}")
    errors = sum(len(outcome.errors) for outcome in outcomes.values())
    lines.append(f"  [{FAIL if errors else PASS}] 0 errors: {errors}")
    return lines


async def run_filer(
    number: int,
    servers: Sequence[str],
    session: aiohttp.ClientSession,
    record: Record,
    think_s: float,
    hop: bool,
) -> None:
    """One filer's registration; any failure is recorded as an error, never raised."""
    filer = Filer(
        number,
        servers,
        first_server=number,
        hop=hop,
        think_s=think_s,
        on_turn=lambda latency: record.turn(latency, time.monotonic()),
    )
    try:
        await filer.register(session)
    except Exception as error:  # every failure of a filer is an error of the run
        record.errors.append((time.monotonic(), f"{type(error).__name__}: {error}"))


async def measure(
    filers: int,
    population: Population,
    record: Record,
    processes: Sequence[tuple[str, int]],
    args: argparse.Namespace,
) -> Step:
    """Brings the population to `filers`, lets it settle, measures the window."""
    limit_s = args.p95_limit_ms / 1000
    started = time.monotonic()
    population.resize(filers)
    await asyncio.sleep(args.settle)
    cpu_before = {process.pid: process.cpu_s for process in usages(processes)}
    client_before = time.process_time()
    window_start = time.monotonic()
    end = window_start + hold_s(filers, args.think, args.hold, args.min_turns)
    ended_early = False
    while time.monotonic() < end:
        await asyncio.sleep(min(1.0, max(end - time.monotonic(), 0.0)))
        if record.errors_since(started) or clearly_over(record.latencies(window_start), limit_s):
            ended_early = time.monotonic() < end
            break
    window_end = time.monotonic()
    return Step(
        filers,
        window_end - window_start,
        record.latencies(window_start, window_end),
        record.errors_since(started),
        processes=usages(processes),
        cpu_before=cpu_before,
        client_cpu_s=time.process_time() - client_before,
        load=os.getloadavg()[0],
        ended_early=ended_early,
    )


async def step_up(
    profile: str,
    servers: Sequence[str],
    processes: Sequence[tuple[str, int]],
    args: argparse.Namespace,
    deadline: float,
) -> Outcome:
    """Steps the level up until the stop rule, the steps or the profile's time say stop."""
    outcome = Outcome(profile, args.p95_limit_ms / 1000)
    record = Record()
    connector = aiohttp.TCPConnector(limit=max(args.steps), keepalive_timeout=CLIENT_KEEPALIVE_S)
    async with aiohttp.ClientSession(timeout=TURN_TIMEOUT, connector=connector) as session:
        population = Population(
            lambda number: run_filer(number, servers, session, record, args.think, args.hop_servers)
        )
        try:
            while (filers := next_level(args.steps, outcome.steps, outcome.limit_s)) is not None:
                needed = args.settle + hold_s(filers, args.think, args.hold, args.min_turns)
                if time.monotonic() + needed > deadline:
                    outcome.stopped = f"the time budget ran out before {filers} filers"
                    return outcome
                outcome.steps.append(await measure(filers, population, record, processes, args))
                print(step_line(profile, outcome.steps[-1], outcome.limit_s), flush=True)
        finally:
            await population.close()
    last = outcome.steps[-1] if outcome.steps else None
    if last is None or passes(last, outcome.limit_s):
        outcome.stopped = "the steps ran out"
    elif last.errors:
        outcome.stopped = f"{len(last.errors)} errors at {last.filers} filers"
    else:
        outcome.stopped = f"p95 {_ms(last.p95_s)} at {last.filers} filers"
    return outcome


def run_profile(profile: str, workdir: Path, args: argparse.Namespace, deadline: float) -> Outcome:
    workdir.mkdir(parents=True)
    print(f"[{profile}] starting the stack...", flush=True)
    with profile_stack(profile, workdir) as (config, processes):
        servers = [f"http://127.0.0.1:{port}" for port in config.rasa_ports]
        asyncio.run(warm_up(servers))
        return asyncio.run(step_up(profile, servers, processes, args, deadline))


def raise_file_limit() -> None:
    """Open files up to the hard limit: hundreds of filers' connections at once."""
    _, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))


def parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--steps", type=int, nargs="+", default=list(STEPS), help="filers at once, step by step"
    )
    parser.add_argument("--think", type=float, default=THINK_S, help="mean s before a message")
    parser.add_argument("--settle", type=float, default=20.0, help="s before a step is measured")
    parser.add_argument("--hold", type=float, default=60.0, help="s a step is measured at least")
    parser.add_argument(
        "--min-turns", type=int, default=150, help="turns a step is measured for, at least"
    )
    parser.add_argument("--p95-limit-ms", type=float, default=P95_LIMIT_MS)
    parser.add_argument("--max-minutes", type=float, default=25.0, help="for all profiles together")
    parser.add_argument("--profiles", nargs="+", choices=PROFILES, default=list(PROFILES))
    parser.add_argument(
        "--hop-servers", action="store_true",
        help="each turn to the next Rasa server (REST behind round robin), not one server per "
        "conversation (the web chat's socket)",
    )
    return parser


def report_header(args: argparse.Namespace) -> Iterator[str]:
    yield (
        f"capacity: profiles {' '.join(args.profiles)}; steps {' '.join(map(str, args.steps))} "
        f"filers at once; think time {args.think:g} s (0.5 to 1.5 times); each step settles "
        f"{args.settle:g} s, then is measured {args.hold:g} s (at least {args.min_turns} turns); "
        f"stop at p95 > {args.p95_limit_ms:g} ms or an error; budget {args.max_minutes:g} min; "
        f"{'each turn to the next server' if args.hop_servers else 'one server per conversation'}; "
        f"{os.cpu_count()} cores, load {os.getloadavg()[0]:.1f}"
    )


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    args.steps = sorted(set(args.steps))
    raise_file_limit()
    print("\n".join(report_header(args)), flush=True)
    end = time.monotonic() + args.max_minutes * 60
    outcomes: dict[str, Outcome] = {}
    with tempfile.TemporaryDirectory(prefix="mad-capacity-") as tmp:
        for index, profile in enumerate(args.profiles):
            deadline = share_of_budget(time.monotonic(), end, len(args.profiles) - index)
            outcomes[profile] = run_profile(profile, Path(tmp) / profile, args, deadline)
            print(profile_report(outcomes[profile]), flush=True)
    print("\n".join([*comparison_lines(outcomes), *target_lines(outcomes)]), flush=True)
    return 1 if any(outcome.errors for outcome in outcomes.values()) else 0


if __name__ == "__main__":
    sys.exit(main())
