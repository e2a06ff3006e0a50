"""The seeded cross-validation (ops/seeded_cv.py) reads every NLU file, each in its language."""

from __future__ import annotations

from ops.seeded_cv import load_examples, nlu_files
from ops.stack import ROOT


def test_every_nlu_training_file_is_read_once_with_its_language():
    files = [(language, path.relative_to(ROOT).as_posix()) for language, path in nlu_files()]
    every_file = sorted(path.relative_to(ROOT).as_posix() for path in (ROOT / "data" / "nlu").rglob("*.yml"))
    assert sorted(path for _, path in files) == every_file
    for language, path in files:
        assert path.startswith(f"data/nlu/{language}/") or (language == "en" and path.count("/") == 2)


def test_each_example_is_counted_once_as_rasa_counts_it():
    _, examples = load_examples()
    pairs = [(example.text, example.intent) for example in examples]
    assert len(pairs) == len(set(pairs))
    assert {example.language for example in examples} == {"en", "es", "pt"}
