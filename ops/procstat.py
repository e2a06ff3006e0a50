"""Memory and CPU time of running processes and all their children, read from /proc (Linux)."""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


@dataclass(frozen=True)
class Usage:
    """One process: peak and current resident memory (VmHWM, VmRSS) and CPU time so far."""

    name: str
    pid: int
    peak_kb: int
    rss_kb: int
    cpu_s: float


def _stat_fields(pid: int) -> list[str]:
    """The fields of /proc/PID/stat after the command name (state is field 0)."""
    return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()


def _children(pid: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            parent = int(_stat_fields(int(stat.parent.name))[1])
        except OSError:  # the process ended meanwhile
            continue
        if parent == pid:
            found.append(int(stat.parent.name))
    return found


def usage(name: str, pid: int) -> Usage:
    """Raises OSError when the process is gone."""
    status = dict(
        line.split(":", 1) for line in Path(f"/proc/{pid}/status").read_text().splitlines()
    )
    fields = _stat_fields(pid)
    return Usage(
        name,
        pid,
        peak_kb=int(status.get("VmHWM", "0 kB").split()[0]),
        rss_kb=int(status.get("VmRSS", "0 kB").split()[0]),
        cpu_s=(int(fields[11]) + int(fields[12])) / CLOCK_TICKS,
    )


def usages(roots: Iterable[tuple[str, int]]) -> list[Usage]:
    """Each (name, pid) and all its descendants (named "NAME child"), still running."""
    found, todo = [], list(roots)
    while todo:
        name, pid = todo.pop(0)
        try:
            found.append(usage(name, pid))
        except OSError:
            continue
        base = name.removesuffix(" child")
        todo += [(f"{base} child", child) for child in _children(pid)]
    return found
