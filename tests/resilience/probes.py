"""What the resilience tests look at after hostile input or a fault: answers, memory, logs."""

from __future__ import annotations

import uuid
from pathlib import Path

from ops.local_stack import Assistant
from ops.stack import StackConfig

# A question the assistant answers with a fact in every trained model (see the FAQ data).
QUESTION, FACT = "whats the number to call pacer people", "1-800-676-6856"


def assert_still_answers(assistant: Assistant) -> None:
    """A new filer's ordinary question still gets its answer."""
    reply = assistant.say_text(f"probe-{uuid.uuid4().hex[:12]}", QUESTION)
    assert FACT in reply, reply


def rss_mb(pid: int) -> float:
    """The resident memory of a process, from /proc/<pid>/status."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise ValueError(f"no VmRSS for process {pid}")


def log_text(config: StackConfig, name: str) -> str:
    """Everything a server wrote to its log so far (`rasa`, `actions` or `web`)."""
    return (config.log_dir / f"{name}.log").read_text(encoding="utf-8", errors="replace")
