"""The fast intent classifier (rasa_extensions/intent_classifier.py): same matrix, C in its config."""

from __future__ import annotations

import numpy as np
import pytest
import scipy.sparse
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.nlu.classifiers.logistic_regression_classifier import LogisticRegressionClassifier
from rasa.shared.nlu.constants import FEATURE_TYPE_SENTENCE, FEATURE_TYPE_SEQUENCE, TEXT
from rasa.shared.nlu.training_data.features import Features
from rasa.shared.nlu.training_data.message import Message

from rasa_extensions.intent_classifier import TunedLogisticRegressionClassifier


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
    assert classifier.clf.C == 5.0
    assert classifier.clf.solver == "liblinear"
