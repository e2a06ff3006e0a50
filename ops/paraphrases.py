"""`make paraphrases` (part of `make test`): the model on messages it was never trained on.

tests/nlu/paraphrases.yml holds messages written apart from the training data, by other
voices (texting spelling, non-native English, long stories, staff shorthand); a unit test keeps
it apart. Each message is first masked as the chat channels mask it (`bot.sensitive`), since
that is the text the model reads in the chat. `rasa test nlu` then scores the model; this prints
intent accuracy, the intents read worst and the commonest confusions, and exits 1 when the
accuracy is below `TARGET`. The misread messages are in results/paraphrases/intent_errors.json.
"""

from __future__ import annotations

import argparse
import collections
import json
import subprocess
import sys
from pathlib import Path

import yaml

from bot.sensitive import mask_sensitive
from ops.stack import ROOT, VENV_BIN

PARAPHRASES = ROOT / "tests" / "nlu" / "paraphrases.yml"
TARGET = 0.95


def masked_copy(source: Path, target: Path) -> int:
    """Writes `source` with every example masked as the chat would; returns how many examples."""
    data = yaml.safe_load(source.read_text(encoding="utf-8"))
    count = 0
    for block in data["nlu"]:
        lines = [line.strip()[2:] for line in block["examples"].splitlines() if line.strip()]
        block["examples"] = "".join(f"- {mask_sensitive(line)[0]}\n" for line in lines)
        count += len(lines)
    target.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return count


def score(model: Path, out: Path) -> dict:
    """Runs `rasa test nlu` on the masked set; returns its intent report."""
    out.mkdir(parents=True, exist_ok=True)
    masked = out / "paraphrases.masked.yml"
    masked_copy(PARAPHRASES, masked)
    subprocess.run(
        [str(VENV_BIN / "rasa"), "test", "nlu", "--nlu", str(masked), "--model", str(model),
         "--out", str(out)],
        cwd=ROOT, check=True, stdout=subprocess.DEVNULL,
    )
    return json.loads((out / "intent_report.json").read_text())


def confusions(out: Path, top: int = 10) -> list[tuple[int, str, str]]:
    """(count, expected, read as) of the commonest misreadings."""
    errors = json.loads((out / "intent_errors.json").read_text())
    counts = collections.Counter((e["intent"], e["intent_prediction"]["name"]) for e in errors)
    return [(n, expected, got) for (expected, got), n in counts.most_common(top)]


def report_lines(report: dict, out: Path) -> list[str]:
    """What `make paraphrases` prints: accuracy, the weakest intents, the commonest confusions."""
    per_intent = sorted(
        (scores["f1-score"], name) for name, scores in report.items()
        if isinstance(scores, dict) and "support" in scores and "avg" not in name
    )
    lines = [
        f"paraphrase intent accuracy {report['accuracy']:.3f} (target >= {TARGET}), "
        f"macro F1 {report['macro avg']['f1-score']:.3f}",
        "weakest intents (F1): " + ", ".join(f"{name} {f1:.2f}" for f1, name in per_intent[:8]),
        "commonest confusions:",
    ]
    lines += [f"  {n} x {expected} read as {got}" for n, expected, got in confusions(out)]
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", type=Path, default=ROOT / "models" / "assistant.tar.gz")
    parser.add_argument("--out", type=Path, default=ROOT / "results" / "paraphrases")
    args = parser.parse_args(argv)
    report = score(args.model, args.out)
    print("\n".join(report_lines(report, args.out)))
    return 0 if report["accuracy"] >= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
