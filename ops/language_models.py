"""One multilingual NLU model or one model per language? Measured on our own training data.

For each translated language (data/nlu/<lang>/), its examples are split per intent (80/20,
seeded). Then, with the same pipeline (config.yml):

- multilingual: one model trained on every English example plus each language's 80%;
- per language: a model trained on that language's 80% only;

and each is tested on the language's 20% (intent accuracy), with the training time and the
training process's peak memory. The held-out paraphrase sets (tests/nlu/<lang>/) are not used.
Run: `.venv/bin/python -m ops.language_models` (two or three trainings of about a minute each);
the figures go into locales/README.md.
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import tempfile
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import yaml

from bot import i18n
from ops.stack import ROOT, VENV_BIN

NLU_DIR = ROOT / "data" / "nlu"
TEST_SHARE = 0.2
SEED = 12


def examples(paths: list[Path]) -> dict[str, list[str]]:
    """Intent -> its examples, from Rasa NLU files."""
    found: dict[str, list[str]] = defaultdict(list)
    for path in paths:
        for item in yaml.safe_load(path.read_text(encoding="utf-8")).get("nlu", []):
            if "intent" in item:
                lines = item["examples"].splitlines()
                found[item["intent"]] += [line.strip()[2:] for line in lines if line.strip().startswith("- ")]
    return found


def split(by_intent: dict[str, list[str]]) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """80/20 per intent, the same every run."""
    rng = random.Random(SEED)
    train, test = {}, {}
    for intent, texts in sorted(by_intent.items()):
        shuffled = sorted(texts)
        rng.shuffle(shuffled)
        cut = max(1, round(len(shuffled) * TEST_SHARE))
        test[intent], train[intent] = shuffled[:cut], shuffled[cut:]
    return train, test


def write_nlu(path: Path, by_intent: dict[str, list[str]]) -> None:
    items = [
        {"intent": intent, "examples": "".join(f"- {text}\n" for text in texts)}
        for intent, texts in by_intent.items()
    ]
    path.write_text(yaml.safe_dump({"version": "3.1", "nlu": items}, allow_unicode=True), encoding="utf-8")


@dataclass(frozen=True)
class Trained:
    model: Path
    seconds: float
    peak_mb: float


def train(data: Path, out: Path) -> Trained:
    """Train in a child Python that reports its own child's peak memory (ru_maxrss, KB)."""
    started = time.monotonic()
    command = [str(VENV_BIN / "rasa"), "train", "nlu", "--config", str(ROOT / "config.yml"),
               "--nlu", str(data), "--out", str(out), "--quiet"]  # fmt: skip
    measure = (
        "import resource, subprocess, sys; subprocess.run(sys.argv[1:], check=True); "
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
    )
    done = subprocess.run(
        [str(VENV_BIN / "python"), "-c", measure, *command],
        check=True, cwd=ROOT, capture_output=True, text=True,
    )  # fmt: skip
    peak_kb = int(done.stdout.strip().splitlines()[-1])
    model = sorted(out.glob("*.tar.gz"))[-1]
    return Trained(model, time.monotonic() - started, peak_kb / 1024)


def accuracy(model: Path, test: dict[str, list[str]], workdir: Path) -> float:
    workdir.mkdir(exist_ok=True)
    test_file = workdir / "test.yml"
    write_nlu(test_file, test)
    results = workdir / "results"
    subprocess.run(
        [str(VENV_BIN / "rasa"), "test", "nlu", "--model", str(model), "--nlu", str(test_file),
         "--out", str(results), "--quiet"],
        check=True, cwd=ROOT, capture_output=True,
    )  # fmt: skip
    report = json.loads((results / "intent_report.json").read_text())
    return float(report["accuracy"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--languages", nargs="*", default=[c for c in i18n.languages() if c != "en"])
    args = parser.parse_args()
    languages = [code for code in args.languages if (NLU_DIR / code).is_dir()]
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        splits = {code: split(examples(sorted((NLU_DIR / code).glob("*.yml")))) for code in languages}
        everything = work / "multilingual"
        everything.mkdir()
        english = examples(sorted(NLU_DIR.glob("*.yml")))
        write_nlu(everything / "en.yml", english)
        for code, (train_part, _) in splits.items():
            write_nlu(everything / f"{code}.yml", train_part)
        multilingual = train(everything, work / "models-multi")
        print(f"multilingual: trained in {multilingual.seconds:.0f} s, peak {multilingual.peak_mb:.0f} MB")
        for code, (train_part, test_part) in splits.items():
            size = sum(map(len, test_part.values()))
            multi = accuracy(multilingual.model, test_part, work / f"multi-{code}")
            alone_dir = work / f"only-{code}"
            alone_dir.mkdir()
            write_nlu(alone_dir / "train.yml", train_part)
            alone = train(alone_dir, work / f"models-{code}")
            single = accuracy(alone.model, test_part, alone_dir)
            print(
                f"{code}: {size} test messages; multilingual accuracy {multi:.3f}; "
                f"{code}-only accuracy {single:.3f} (trained in {alone.seconds:.0f} s)"
            )
        english_test = split(english)[1]
        print(f"en on the multilingual model (seen examples): {accuracy(multilingual.model, english_test, work / 'multi-en'):.3f}")


if __name__ == "__main__":
    main()
