"""`ops.seeded_folds`: Rasa's cross-validation splits the same way on every run, by the seed."""

from __future__ import annotations

import pytest
import sklearn.model_selection
from rasa.nlu.test import generate_folds
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from ops.seeded_folds import seed_folds


@pytest.fixture(autouse=True)
def unseeded_again(monkeypatch):
    """Each test seeds a fresh copy; sklearn's own class is put back afterwards."""
    monkeypatch.setattr(
        sklearn.model_selection, "StratifiedKFold", sklearn.model_selection.StratifiedKFold
    )


def data() -> TrainingData:
    return TrainingData([
        Message.build(text=f"{intent} {number}", intent=intent)
        for intent in ("greet", "deny", "affirm") for number in range(10)
    ])


def folds_with(seed: int) -> list[list[str]]:
    seed_folds(seed)
    return [
        sorted(message.get("text") for message in test.intent_examples)
        for _, test in generate_folds(5, data())
    ]


def test_the_same_seed_gives_the_same_folds():
    assert folds_with(3) == folds_with(3)


def test_another_seed_gives_other_folds():
    assert folds_with(3) != folds_with(4)


def test_every_example_is_tested_once():
    tested = [text for fold in folds_with(0) for text in fold]
    assert sorted(tested) == sorted(message.get("text") for message in data().intent_examples)
