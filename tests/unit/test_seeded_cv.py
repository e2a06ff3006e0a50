"""The seeded cross-validation (ops/seeded_cv.py): every NLU file, each in its language; per-fold
vocabularies."""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import scipy.sparse
from sklearn.model_selection import StratifiedKFold

from ops.seeded_cv import FOLDS, cross_validate, load_examples, nlu_files
from ops.stack import ROOT
from rasa_extensions.intent_classifier import TunedLogisticRegressionClassifier


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


def test_a_fold_sees_only_the_features_of_its_training_examples():
    """A feature that only the tested examples have is unknown to a featurizer trained on the
    fold, so it must not change their readings (through its TF-IDF weight and the length of
    the message's vector)."""
    rng = np.random.default_rng(7)
    labels = np.array(["greet", "deny", "affirm"] * 20, dtype=object)
    matrix = scipy.sparse.csr_matrix(rng.poisson(0.6, size=(60, 12)).astype(float))
    folds = StratifiedKFold(FOLDS, shuffle=True, random_state=0).split(matrix, labels)
    tested = next(test for _, test in folds)  # the first fold's tested examples
    assert len(tested) == 12
    only_tested = scipy.sparse.csr_matrix(np.isin(np.arange(60), tested).astype(float)[:, None] * 50)
    widened = scipy.sparse.hstack([matrix, only_tested], format="csr")
    config = {**TunedLogisticRegressionClassifier.get_default_config(), "C": 300, "solver": "liblinear"}
    classifier = SimpleNamespace(clf=TunedLogisticRegressionClassifier(config, "cv", None, None).clf)
    plain = cross_validate(matrix, labels, classifier, seed=0)
    assert list(cross_validate(widened, labels, classifier, seed=0)[tested]) == list(plain[tested])
