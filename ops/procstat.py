"""Memory and CPU time of running processes and all their children (psutil).

psutil gives the process tree, CPU time and resident memory; the peak resident memory (Linux's
VmHWM) it does not give, so that one line is read from /proc/PID/status.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import psutil


@dataclass(frozen=True)
class Usage:
    """One process: peak and current resident memory (VmHWM, VmRSS) and CPU time so far."""

    name: str
    pid: int
    peak_kb: int
    rss_kb: int
    cpu_s: float


def peak_kb(pid: int) -> int:
    """The process's peak resident memory in kB (VmHWM); 0 where the kernel does not say."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return 0


def usage(name: str, process: psutil.Process) -> Usage:
    """Raises psutil.Error or OSError when the process is gone."""
    with process.oneshot():
        times = process.cpu_times()
        return Usage(
            name,
            process.pid,
            peak_kb=peak_kb(process.pid),
            rss_kb=process.memory_info().rss // 1024,
            cpu_s=times.user + times.system,
        )


def usages(roots: Iterable[tuple[str, int]]) -> list[Usage]:
    """Each (name, pid) and all its descendants (named "NAME child"), still running."""
    found = []
    for name, pid in roots:
        try:
            root = psutil.Process(pid)
            tree = [(name, root)] + [(f"{name} child", p) for p in root.children(recursive=True)]
        except psutil.Error:
            continue
        for each_name, process in tree:
            try:
                found.append(usage(each_name, process))
            except (psutil.Error, OSError):
                continue
    return found
