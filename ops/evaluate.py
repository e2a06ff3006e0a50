"""`make eval`: 5-fold cross-validation of the NLU, plus the slowest step times.

Prints intent accuracy and macro F1 (target: macro F1 >= 0.95), the worst intents, and
how long a full training, a start of the servers with models/assistant.tar.gz (until the
model answers) and one chat turn take. The figures go into README under "Measured".
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from ops.local_stack import Assistant, local_config
from ops.stack import ROOT, VENV_BIN, Stack

FOLDS = 5
MACRO_F1_TARGET = 0.95
TURNS = 30


def run_rasa(*args: str) -> float:
    """Runs a rasa command in the project; returns its wall time in seconds."""
    started = time.monotonic()
    subprocess.run([str(VENV_BIN / "rasa"), *args], cwd=ROOT, check=True)
    return time.monotonic() - started


def cross_validate(out: Path) -> dict:
    run_rasa(
        "test", "nlu", "--nlu", "data", "--config", "config.yml", "--cross-validation",
        "--folds", str(FOLDS), "--out", str(out),
    )
    return json.loads((out / "intent_report.json").read_text())


def time_stack(workdir: Path) -> tuple[float, list[float]]:
    """Seconds from start until the Rasa server answers with our model, and per-turn latencies."""
    config = local_config(workdir)
    stack = Stack(config)
    started = time.monotonic()
    stack.start()
    load_s = time.monotonic() - started
    try:
        assistant = Assistant(config)
        latencies = []
        for turn in range(TURNS):
            turn_started = time.monotonic()
            assistant.say(f"eval-{turn}", "how do i upgrade my pacer account")
            latencies.append(time.monotonic() - turn_started)
        return load_s, latencies
    finally:
        stack.stop()


def main() -> int:
    os.environ.setdefault("RASA_TELEMETRY_ENABLED", "false")
    with tempfile.TemporaryDirectory() as scratch:
        workdir = Path(scratch)
        report = cross_validate(workdir / "cv")
        train_s = run_rasa("train", "--force", "--out", str(workdir / "models"))
        load_s, latencies = time_stack(workdir)

    macro_f1 = report["macro avg"]["f1-score"]
    worst = sorted(
        ((name, scores["f1-score"]) for name, scores in report.items()
         if isinstance(scores, dict) and "support" in scores and "avg" not in name),
        key=lambda item: item[1],
    )[:5]
    print(f"\nNLU {FOLDS}-fold cross-validation")
    print(f"  intent accuracy: {report['accuracy']:.3f}")
    print(f"  intent macro F1: {macro_f1:.3f} (target >= {MACRO_F1_TARGET})")
    print("  lowest F1: " + ", ".join(f"{name} {f1:.2f}" for name, f1 in worst))
    print("Slowest steps")
    print(f"  full training (rasa train --force): {train_s:.0f} s")
    print(f"  stack start until the model answers: {load_s:.0f} s")
    print(f"  one turn over REST: median {statistics.median(latencies) * 1000:.0f} ms, "
          f"max {max(latencies) * 1000:.0f} ms over {TURNS} turns")
    return 0 if macro_f1 >= MACRO_F1_TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
