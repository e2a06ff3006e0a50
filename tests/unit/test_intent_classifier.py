"""The fast intent classifier (rasa_extensions/intent_classifier.py): matrix, C, stored arrays."""

from __future__ import annotations

import numpy as np
import pytest
import scipy.sparse
import scipy.sparse.linalg
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.nlu.classifiers.logistic_regression_classifier import LogisticRegressionClassifier
from rasa.shared.nlu.constants import FEATURE_TYPE_SENTENCE, FEATURE_TYPE_SEQUENCE, TEXT
from rasa.shared.nlu.training_data.features import Features
from rasa.shared.nlu.training_data.message import Message

from rasa_extensions.intent_classifier import (
    TunedLogisticRegressionClassifier,
    UnreadableClassifier,
)


@pytest.fixture
def classifier(tmp_path) -> TunedLogisticRegressionClassifier:
    return TunedLogisticRegressionClassifier.create(
        {**TunedLogisticRegressionClassifier.get_default_config(), "C": 5, "solver": "liblinear"},
        LocalModelStorage(tmp_path),
        Resource("classifier"),
        ExecutionContext(GraphSchema({}), "test"),
    )


def message(seed: int) -> Message:
    """A message with the features of three sparse featurizers, sentence and sequence."""
    rng = np.random.default_rng(seed)
    features = []
    for origin, width in (("regex", 3), ("words", 7), ("chars", 11)):
        tokens = scipy.sparse.random(4, width, density=0.3, random_state=rng, format="coo")
        sentence = scipy.sparse.random(1, width, density=0.5, random_state=rng, format="coo")
        features.append(Features(tokens, FEATURE_TYPE_SEQUENCE, TEXT, origin))
        features.append(Features(sentence, FEATURE_TYPE_SENTENCE, TEXT, origin))
    return Message(data={TEXT: f"message {seed}"}, features=features)


def test_the_matrix_is_rasas_own(classifier):
    messages = [message(seed) for seed in range(25)]
    ours = classifier._create_X(messages)
    rasas = LogisticRegressionClassifier._create_X(classifier, messages)
    assert ours.shape == rasas.shape == (25, 21)
    assert (ours != rasas).nnz == 0


def test_c_is_taken_from_the_config(classifier):
    assert classifier.regression.C == 5.0
    assert classifier.regression.solver == "liblinear"


def test_counts_are_weighed_as_tf_idf_before_the_regression(classifier):
    unseen = trained(classifier)
    X = classifier._create_X(unseen)
    weights = classifier.tfidf.transform(X)
    assert np.allclose(scipy.sparse.linalg.norm(weights, axis=1), 1.0)
    read = classifier.clf.predict_proba(X)
    assert np.allclose(read, classifier.regression.predict_proba(weights), rtol=0, atol=1e-12)
    assert not np.allclose(read, classifier.regression.predict_proba(X))


def trained(classifier: TunedLogisticRegressionClassifier) -> list[Message]:
    """Fits `classifier` on 30 messages of three intents; returns 10 other messages."""
    messages = [message(seed) for seed in range(40)]
    intents = np.array(["greet", "deny", "start_registration"] * 10)
    classifier.clf.fit(classifier._create_X(messages[:30]), intents)
    return messages[30:]


def load(config: dict, tmp_path, name: str = "classifier") -> TunedLogisticRegressionClassifier:
    return TunedLogisticRegressionClassifier.load(
        config, LocalModelStorage(tmp_path), Resource(name), ExecutionContext(GraphSchema({}), "test")
    )


def test_the_stored_classifier_reads_every_message_as_before(classifier, tmp_path):
    unseen = trained(classifier)
    classifier.persist()
    loaded = load(classifier.config, tmp_path)
    X = classifier._create_X(unseen)
    assert list(loaded.clf.classes_) == ["deny", "greet", "start_registration"]
    assert np.array_equal(loaded.clf.predict_proba(X), classifier.clf.predict_proba(X))
    assert loaded.regression.C == 5.0
    assert np.array_equal(
        loaded.tfidf.idf_, classifier.tfidf.idf_
    )
    assert [m.get("intent")["name"] for m in loaded.process(unseen)] == [
        m.get("intent")["name"] for m in classifier.process([message(s) for s in range(30, 40)])
    ]


def test_the_stored_classifier_is_plain_arrays(classifier, tmp_path):
    trained(classifier)
    classifier.persist()
    (stored,) = (tmp_path / "classifier").iterdir()
    assert stored.name == "classifier.npz"
    with np.load(stored, allow_pickle=False) as arrays:
        assert sorted(arrays.files) == ["classes_", "coef_", "idf_", "intercept_", "n_iter_"]
        assert arrays["coef_"].shape == (3, 21)


def test_a_file_that_would_need_unpickling_is_refused(tmp_path):
    (tmp_path / "classifier").mkdir()
    np.savez(tmp_path / "classifier" / "classifier.npz", classes_=np.array([object()]),
             coef_=np.zeros((1, 2)), intercept_=np.zeros(1), n_iter_=np.zeros(1), idf_=np.ones(2))
    with pytest.raises(UnreadableClassifier, match="not a stored intent classifier"):
        load(TunedLogisticRegressionClassifier.get_default_config(), tmp_path)


def test_with_nothing_stored_the_classifier_is_untrained(tmp_path):
    loaded = load(TunedLogisticRegressionClassifier.get_default_config(), tmp_path, "missing")
    assert not hasattr(loaded.regression, "coef_")
