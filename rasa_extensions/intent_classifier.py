"""A fast intent classifier: Rasa's logistic regression on TF-IDF weights, stored as plain arrays.

Rasa 3.6's `LogisticRegressionClassifier` fits raw feature counts at scikit-learn's default
regularisation (`C` = 1). This one first weighs the counts as TF-IDF (words and character
n-grams that occur in many messages count less; each message's vector has length 1), then fits
with the `C` of its config. On our word and character n-gram features that cross-validates
better than raw counts and than DIET with 100 epochs, and trains in seconds instead of minutes
(README "Measured", docs/benchmarks.md).

Rasa stores the fitted model with skops, whose import alone walks every loaded module (several
seconds of each training and each server start, with TensorFlow loaded). The fitted model is four
arrays (the IDF weights, classes, weights, intercepts), so this class keeps them in one `.npz`
file read with `allow_pickle=False`: no code can be loaded from a model file. The scikit-learn
settings come from the config, as when training.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import numpy as np
import scipy.sparse
from rasa.engine.graph import ExecutionContext
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers.logistic_regression_classifier import LogisticRegressionClassifier
from rasa.shared.nlu.constants import FEATURE_TYPE_SENTENCE, TEXT
from rasa.shared.nlu.training_data.message import Message
from sklearn.feature_extraction.text import TfidfTransformer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline

logger = logging.getLogger(__name__)

FITTED = ("classes_", "coef_", "intercept_", "n_iter_")  # of the logistic regression
IDF = "idf_"


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=True)
class TunedLogisticRegressionClassifier(LogisticRegressionClassifier):
    """`LogisticRegressionClassifier` on TF-IDF weights; its config also takes `C`.

    `clf` is a scikit-learn pipeline (TF-IDF, then Rasa's logistic regression), so Rasa's own
    `train` and `process` fit it and read it unchanged.
    """

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        return {**LogisticRegressionClassifier.get_default_config(), "C": 1.0}

    def __init__(
        self, config: dict[str, Any], name: str, model_storage: ModelStorage, resource: Resource
    ) -> None:
        super().__init__(config, name, model_storage, resource)
        regression = self.clf.set_params(C=float(self.config["C"]))
        self.clf = Pipeline([("tfidf", TfidfTransformer()), ("regression", regression)])

    @property
    def tfidf(self) -> TfidfTransformer:
        """The pipeline's TF-IDF weighting."""
        return self.clf.named_steps["tfidf"]

    @property
    def regression(self) -> LogisticRegression:
        """The pipeline's logistic regression."""
        return self.clf.named_steps["regression"]

    def _create_X(self, messages: list[Message]) -> scipy.sparse.csr_matrix:
        """The sentence features of all messages, stacked once per featurizer.

        Rasa's own method combines every message's features one message at a time, sequence
        features included, which the classifier then throws away: most of a training's time on
        our data. This builds the same matrix (the featurizers' sentence features side by side, in
        pipeline order). Our pipeline has sparse features only; anything else goes to Rasa's way.
        """
        columns: list[list[scipy.sparse.spmatrix]] = []
        for message in messages:
            sentence = [
                feature for feature in message.features
                if feature.attribute == TEXT and feature.type == FEATURE_TYPE_SENTENCE
            ]
            if not sentence or not all(feature.is_sparse() for feature in sentence):
                return super()._create_X(messages)
            if not columns:
                columns = [[] for _ in sentence]
            if len(sentence) != len(columns):
                return super()._create_X(messages)
            for column, feature in zip(columns, sentence, strict=True):
                column.append(feature.features)
        return scipy.sparse.hstack(
            [scipy.sparse.vstack(column) for column in columns], format="csr"
        )

    def persist(self) -> None:
        """Writes the fitted arrays to `<resource name>.npz` in the model storage."""
        arrays = {name: np.asarray(getattr(self.regression, name)) for name in FITTED}
        arrays[IDF] = self.tfidf.idf_
        with self._model_storage.write_to(self._resource) as model_dir:
            np.savez(model_dir / f"{self._resource.name}.npz", **arrays)

    @classmethod
    def load(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> TunedLogisticRegressionClassifier:
        """The classifier as persisted, or an untrained one if none was (as Rasa's class does)."""
        component = cls(config, execution_context.node_name, model_storage, resource)
        try:
            with model_storage.read_from(resource) as model_dir:
                fitted = read_fitted(model_dir / f"{resource.name}.npz")
        except ValueError:  # the model storage's way of saying there is no such resource
            logger.debug(f"No trained classifier in resource '{resource.name}'; it is untrained.")
            return component
        component.tfidf.idf_ = fitted.pop(IDF)
        component.tfidf.n_features_in_ = len(component.tfidf.idf_)
        for name, value in fitted.items():
            setattr(component.regression, name, value)
        component.regression.n_features_in_ = component.regression.coef_.shape[1]
        return component


class UnreadableClassifier(RuntimeError):
    """A stored classifier file is not the arrays `persist` writes."""


def read_fitted(path: Path) -> dict[str, np.ndarray]:
    """The fitted arrays in `path`; never unpickles anything."""
    try:
        with np.load(path, allow_pickle=False) as arrays:
            return {name: arrays[name] for name in (*FITTED, IDF)}
    except (OSError, KeyError, ValueError) as problem:
        message = f"{path.name} is not a stored intent classifier: {problem}"
        raise UnreadableClassifier(message) from problem
