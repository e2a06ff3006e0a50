"""Memory and CPU of a process tree (ops/procstat.py), on real processes."""

from __future__ import annotations

import os
import subprocess
import sys

from ops.procstat import usages


def test_a_process_and_its_children_are_measured():
    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        found = usages([("tests", os.getpid()), ("gone", 2**22 + 1)])
    finally:
        child.kill()
        child.wait()
    me, *children = found
    assert (me.name, me.pid) == ("tests", os.getpid())
    assert me.peak_kb > 1000 and me.rss_kb > 1000 and me.cpu_s > 0
    assert ("tests child", child.pid) in {(usage.name, usage.pid) for usage in children}
