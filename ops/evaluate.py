"""`make eval`: the chosen NLU pipeline (config.yml) and the one it replaced, side by side.

For each pipeline in `PIPELINES`, on the same data and from one run: cross-validated intent
accuracy and macro F1 (5 folds unless `--folds`; the same seeded folds for each,
`ops.seeded_folds`), the time of a full `rasa train` (as `make` trains: the data check is
`make validate`'s), the accuracy on the held-out paraphrase set (`ops.paraphrases`), the model's
size, the time from starting the servers until the model answers, and the Rasa server's CPU time
per chat turn. Then the per-intent results and the commonest confusions of the chosen pipeline.
The figures go into README "Measured".
Slow: on a 2-core machine DIET took 61 to 77 s an epoch on half of the data of 2026-12-02, so
its 100 epochs take about 2 h a fold even with `--folds 2` (about 6 h in all) and more than half
a day with 5 folds; `make eval PIPELINES=config.yml` measures only the chosen one (about 7 min).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import psutil

from ops import paraphrases
from ops.local_stack import Assistant, local_config
from ops.stack import ROOT, Stack
from rasa_extensions.model_hash import hash_path, record

FOLDS = 5
MACRO_F1_TARGET = 0.956
TURNS = 30
PIPELINES = ("ops/pipelines/diet-100.yml", "config.yml")
TURN_MESSAGES = ("how do i upgrade my pacer account", "what is ach", "who can register")


@dataclass(frozen=True)
class Figures:
    """What `make eval` measures of one pipeline."""

    pipeline: str
    cv_accuracy: float
    cv_macro_f1: float
    train_s: float
    paraphrase_accuracy: float
    model_mb: float
    load_s: float
    cpu_ms_per_turn: float
    median_turn_ms: float


def run_rasa(module: str, *args: str) -> float:
    """Runs Rasa's command line through `module` in the project; returns its wall time in seconds.

    `rasa_extensions` trains as `make` does; `ops.seeded_folds` cross-validates on seeded folds.
    """
    started = time.monotonic()
    subprocess.run(
        [sys.executable, "-m", module, *args], cwd=ROOT, check=True, stdout=subprocess.DEVNULL
    )
    return time.monotonic() - started


def cross_validate(config: str, out: Path, folds: int) -> dict:
    """Cross-validated intent report of `config`; every pipeline gets the same seeded folds."""
    run_rasa(
        "ops.seeded_folds", "test", "nlu", "--nlu", "data", "--config", config, "--cross-validation",
        "--folds", str(folds), "--out", str(out),
    )
    return json.loads((out / "intent_report.json").read_text())


def serve(model: Path, workdir: Path) -> tuple[float, float, float]:
    """Seconds until the servers answer with `model`; Rasa's CPU ms per turn; median turn ms."""
    config = local_config(workdir, model=model)
    stack = Stack(config)
    started = time.monotonic()
    stack.start()
    load_s = time.monotonic() - started
    try:
        assistant = Assistant(config)
        rasa = psutil.Process(stack.rasa.process.pid)  # type: ignore[union-attr]
        cpu_before = sum(rasa.cpu_times()[:2])
        latencies = []
        for turn in range(TURNS):
            turn_started = time.monotonic()
            assistant.say(f"eval-turn-{turn:04d}", TURN_MESSAGES[turn % len(TURN_MESSAGES)])
            latencies.append(time.monotonic() - turn_started)
        cpu_ms = (sum(rasa.cpu_times()[:2]) - cpu_before) * 1000 / TURNS
        return load_s, cpu_ms, statistics.median(latencies) * 1000
    finally:
        stack.stop()


def measure(config: str, workdir: Path, folds: int) -> tuple[Figures, Path]:
    """Every figure of one pipeline; also the folder of its paraphrase results."""
    name = Path(config).stem
    report = cross_validate(config, workdir / f"cv-{name}", folds)
    # The servers load only hash-checked models from models/ (rasa_extensions.model_hash).
    model = ROOT / "models" / f"eval-{name}.tar.gz"
    train_s = run_rasa(
        "rasa_extensions", "train", "--force", "--skip-validation", "--config", config,
        "--fixed-model-name", model.name[:-7], "--out", str(model.parent),
    )
    try:
        record(model)
        para_out = workdir / f"paraphrases-{name}"
        para = paraphrases.score(model, para_out)
        stack_dir = workdir / f"stack-{name}"
        stack_dir.mkdir()
        load_s, cpu_ms, median_ms = serve(model, stack_dir)
        model_mb = model.stat().st_size / 1e6
    finally:
        model.unlink(missing_ok=True)
        hash_path(model).unlink(missing_ok=True)
    figures = Figures(
        pipeline=config,
        cv_accuracy=report["accuracy"],
        cv_macro_f1=report["macro avg"]["f1-score"],
        train_s=train_s,
        paraphrase_accuracy=para["accuracy"],
        model_mb=model_mb,
        load_s=load_s,
        cpu_ms_per_turn=cpu_ms,
        median_turn_ms=median_ms,
    )
    return figures, para_out


def table(rows: list[Figures], folds: int) -> str:
    """The side-by-side table (Markdown, as README "Measured" shows it)."""
    lines = [
        "| pipeline | full `rasa train` | intent accuracy / macro F1 "
        f"({folds}-fold CV) | paraphrase accuracy | model | start until it answers "
        "| Rasa CPU per turn | median turn |",
        "|---|---|---|---|---|---|---|---|",
    ]
    lines += [
        f"| `{r.pipeline}` | {r.train_s:.0f} s | {r.cv_accuracy:.3f} / {r.cv_macro_f1:.3f} | "
        f"{r.paraphrase_accuracy:.3f} | {r.model_mb:.1f} MB | {r.load_s:.0f} s | "
        f"{r.cpu_ms_per_turn:.0f} ms | {r.median_turn_ms:.0f} ms |"
        for r in rows
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pipelines", nargs="+", default=list(PIPELINES))
    parser.add_argument("--folds", type=int, default=FOLDS)
    args = parser.parse_args(argv)
    os.environ.setdefault("RASA_TELEMETRY_ENABLED", "false")
    rows = []
    with tempfile.TemporaryDirectory() as scratch:
        for config in args.pipelines:
            figures, para_out = measure(config, Path(scratch), args.folds)
            rows.append(figures)
            print(f"\n{config}: measured\n{table([figures], args.folds)}", flush=True)
        print("\n" + table(rows, args.folds))
        chosen = rows[-1]
        print(f"\nChosen pipeline ({chosen.pipeline}) on the paraphrase set:")
        report = paraphrases.score_report(para_out)
        print("\n".join(paraphrases.report_lines(report, para_out)))
        print("per intent (precision / recall / F1, messages):")
        print("\n".join(paraphrases.per_intent_lines(report)))
    return 0 if chosen.cv_macro_f1 >= MACRO_F1_TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
