"""`make bench`: many simulated filers at once against each profile; prints what it measured.

For each profile it starts the stack (and, for the scale-out profile, PostgreSQL and Redis) on
free ports with its files in a temporary folder, warms each Rasa server up with one whole
registration, then lets `--filers` simulated filers (`ops.filer`: whole registrations with
questions mixed in) register at once, and stops everything again. It prints throughput
(turns/s, registrations/min), turn latency (p50/p95/p99), the error count, and for every process
its peak and current memory (VmHWM/VmRSS) and the CPU time it used during the run. Not a test:
it asserts nothing, but exits 1 when a filer failed.

  default   SQLite tracker store, one Rasa server, one action server process
  scaleout  PostgreSQL tracker store + Redis lock store, two Rasa servers, two action workers
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import aiohttp

from ops.filer import SIMULATION_RATE_LIMITS, Filer, UnexpectedReply
from ops.local_stack import local_config, running
from ops.procstat import Usage, usages
from ops.scaleout import scaleout_config, service_pids, services
from ops.stack import StackConfig

PROFILES = ("default", "scaleout")
TURN_TIMEOUT = aiohttp.ClientTimeout(total=60)


@dataclass
class Result:
    """What one profile's run measured."""

    profile: str
    filers: list[Filer]
    wall_s: float
    errors: list[str]
    load: tuple[float, float]  # 1-minute load average when the filers started, and ended
    processes: list[Usage] = field(default_factory=list)
    cpu_before: dict[int, float] = field(default_factory=dict)  # pid: CPU s before the run

    @property
    def latencies_s(self) -> list[float]:
        return [latency for filer in self.filers for latency in filer.latencies_s]

    def cpu_of(self, process: Usage) -> float:
        """CPU time the process used during the run."""
        return process.cpu_s - self.cpu_before.get(process.pid, 0.0)

    @property
    def cpu_s(self) -> float:
        """CPU time all processes used during the run."""
        return sum(self.cpu_of(process) for process in self.processes)

    @property
    def completed(self) -> int:
        return sum(filer.payload is not None for filer in self.filers)


async def drive(servers: Sequence[str], count: int, think_s: float, deadline_s: float) -> Result:
    """`count` filers at once, each starting on the next server; bounded by `deadline_s`."""
    filers = [Filer(n, servers, first_server=n, think_s=think_s) for n in range(count)]
    errors: list[str] = []
    load_before = os.getloadavg()[0]

    async def one(filer: Filer, session: aiohttp.ClientSession) -> None:
        try:
            await filer.register(session)
        except (UnexpectedReply, aiohttp.ClientError, asyncio.TimeoutError) as error:
            errors.append(f"{type(error).__name__}: {error}")

    started = time.perf_counter()
    async with aiohttp.ClientSession(timeout=TURN_TIMEOUT) as session:
        tasks = [asyncio.create_task(one(filer, session)) for filer in filers]
        _, late = await asyncio.wait(tasks, timeout=deadline_s)
        for task in late:
            task.cancel()
            errors.append(f"not finished within {deadline_s:.0f} s")
    load = (load_before, os.getloadavg()[0])
    return Result("", filers, time.perf_counter() - started, errors, load)


async def warm_up(servers: Sequence[str]) -> None:
    """One whole registration on each server: the first turns of a new server are slow."""
    async with aiohttp.ClientSession(timeout=TURN_TIMEOUT) as session:
        for index in range(len(servers)):
            await Filer(10_000 + index, servers[index:] + servers[:index]).register(session)


@contextmanager
def profile_stack(profile: str, workdir: Path) -> Iterator[tuple[StackConfig, list]]:
    """The running stack of `profile`; yields its settings and its (name, pid) processes."""
    with ExitStack() as cleanup:
        if profile == "scaleout":
            settings = cleanup.enter_context(services(workdir / "services"))
            config = scaleout_config(workdir, settings, extra_env=SIMULATION_RATE_LIMITS)
            extra = list(service_pids(workdir / "services").items())
        else:
            config = local_config(workdir, extra_env=SIMULATION_RATE_LIMITS)
            extra = []
        stack = cleanup.enter_context(running(config))
        yield config, [(server.name, server.process.pid) for server in stack.servers] + extra


def run_profile(profile: str, workdir: Path, args: argparse.Namespace) -> Result:
    workdir.mkdir(parents=True)
    print(f"[{profile}] starting the stack...", flush=True)
    with profile_stack(profile, workdir) as (config, processes):
        servers = [f"http://127.0.0.1:{port}" for port in config.rasa_ports]
        asyncio.run(warm_up(servers))
        print(f"[{profile}] {args.filers} filers at once...", flush=True)
        cpu_before = {process.pid: process.cpu_s for process in usages(processes)}
        result = asyncio.run(drive(servers, args.filers, args.think, args.deadline))
        result.profile, result.cpu_before = profile, cpu_before
        result.processes = usages(processes)
    return result


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms"


def process_rows(
    processes: Sequence[Usage], cpu_of: Callable[[Usage], float]
) -> Iterator[tuple[str, str, float, float, float]]:
    """(name, pid, peak MB, current MB, CPU s) a process; processes of one name beyond two
    (database backends) as one row: the largest peak, the sum of current memory and CPU."""
    for name in dict.fromkeys(process.name for process in processes):
        group = [process for process in processes if process.name == name]
        if len(group) > 2:
            yield (
                f"{name} x{len(group)}",
                "max/sum",
                max(p.peak_kb for p in group) / 1024,
                sum(p.rss_kb for p in group) / 1024,
                sum(cpu_of(p) for p in group),
            )
            continue
        for p in group:
            yield name, str(p.pid), p.peak_kb / 1024, p.rss_kb / 1024, cpu_of(p)


def process_lines(result: Result) -> Iterator[str]:
    """One line a process (`process_rows`)."""
    for name, pid, peak_mb, rss_mb, cpu_s in process_rows(result.processes, result.cpu_of):
        yield f"    {name:<28} {pid:<7} {peak_mb:7.0f} {rss_mb:7.0f} {cpu_s:8.1f}"


def latency_quantiles(latencies: Sequence[float]) -> tuple[float, float, float]:
    """p50, p95 and p99 of `latencies` (inclusive method); 0 s each when there are none."""
    if len(latencies) < 2:
        return (latencies[0],) * 3 if latencies else (0.0, 0.0, 0.0)
    cuts = statistics.quantiles(latencies, n=100, method="inclusive")
    return cuts[49], cuts[94], cuts[98]


def report(result: Result, think_s: float) -> str:
    latencies = result.latencies_s
    p50, p95, p99 = latency_quantiles(latencies)
    lines = [
        f"== {result.profile}: {len(result.filers)} filers at once, think time {think_s:g} s",
        f"  registrations completed: {result.completed}/{len(result.filers)}; "
        f"errors: {len(result.errors)}",
        f"  throughput: {len(latencies) / result.wall_s:.1f} turns/s, "
        f"{result.completed / result.wall_s * 60:.1f} registrations/min "
        f"({len(latencies)} turns in {result.wall_s:.1f} s)",
        f"  turn latency: p50 {_ms(p50)}, p95 {_ms(p95)}, p99 {_ms(p99)}, "
        f"max {_ms(max(latencies, default=0.0))}",
        f"  CPU per turn, all processes: {_ms(result.cpu_s / max(len(latencies), 1))}",
        f"  load average (1 min): {result.load[0]:.1f} at the start, {result.load[1]:.1f} at the "
        f"end, on {os.cpu_count()} cores (other work on the machine slows every figure)",
        f"    {'process':<28} {'pid':<7} {'peak MB':>7} {'now MB':>7} {'CPU s':>8}",
        *process_lines(result),
        *(f"  error: {error}" for error in result.errors[:10]),
    ]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--filers", type=int, default=20, help="filers at once (20)")
    parser.add_argument(
        "--think", type=float, default=1.0, help="mean seconds before each message (1)"
    )
    parser.add_argument(
        "--deadline", type=float, default=600, help="seconds the filers of a profile may take (600)"
    )
    parser.add_argument("--profiles", nargs="+", choices=PROFILES, default=list(PROFILES))
    args = parser.parse_args(argv)
    results = []
    with tempfile.TemporaryDirectory(prefix="mad-bench-") as tmp:
        for profile in args.profiles:
            results.append(run_profile(profile, Path(tmp) / profile, args))
            print(report(results[-1], args.think), flush=True)
    return 1 if any(result.errors for result in results) else 0


if __name__ == "__main__":
    sys.exit(main())
