"""Rasa's bag-of-words featurizer, featurizing many messages in one call of its vectorizer.

Rasa 3.6's `CountVectorsFeaturizer.process` calls scikit-learn's `transform` twice per message
and attribute (tokens, then the whole sentence). On our 12,000 training examples and two
featurizers that is about 100,000 small calls, each checking its input and building a matrix:
several seconds of every training. `BatchedCountVectorsFeaturizer.process` transforms all
messages' tokens in one call and all their sentences in another, then cuts the result back
into one matrix per message: the same features (a test compares them with Rasa's), from two
calls per attribute. Training, persisting and loading are Rasa's own.
"""

from __future__ import annotations

import numpy as np
import scipy.sparse
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.nlu.constants import DENSE_FEATURIZABLE_ATTRIBUTES
from rasa.nlu.featurizers.sparse_featurizer.count_vectors_featurizer import CountVectorsFeaturizer
from rasa.shared.nlu.training_data.message import Message


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER, is_trainable=True)
class BatchedCountVectorsFeaturizer(CountVectorsFeaturizer):
    """`CountVectorsFeaturizer` whose `process` featurizes all messages at once."""

    def process(self, messages: list[Message]) -> list[Message]:
        """Sets each message's sequence and sentence features, as Rasa's `process` does."""
        if self.vectorizers is None:
            return super().process(messages)
        for attribute in self._attributes:
            all_tokens = [
                self._get_processed_message_tokens_by_attribute(message, attribute)
                for message in messages
            ]
            vectorizer = self.vectorizers.get(attribute)
            featurized = [(m, t) for m, t in zip(messages, all_tokens, strict=True) if t]
            if not vectorizer or not featurized:
                continue
            sequences = Rows(vectorizer.transform([t for _, tokens in featurized for t in tokens]))
            sentences = None
            if attribute in DENSE_FEATURIZABLE_ATTRIBUTES:
                sentences = Rows(vectorizer.transform([" ".join(t) for _, t in featurized]))
            starts = np.cumsum([0] + [len(tokens) for _, tokens in featurized])
            for index, (message, _) in enumerate(featurized):
                self.add_features_to_message(
                    sequences.get(starts[index], starts[index + 1]),
                    sentences.get(index, index + 1) if sentences is not None else None,
                    attribute,
                    message,
                )
        return messages


class Rows:
    """Cuts row ranges out of a sparse matrix, each as Rasa stores a message's features."""

    def __init__(self, matrix: scipy.sparse.csr_matrix) -> None:
        matrix.sort_indices()
        self._starts = matrix.indptr
        self._all = matrix.tocoo()

    def get(self, start: int, stop: int) -> scipy.sparse.coo_matrix:
        """Rows `start` to `stop` (excluded), as a COO matrix with indices sorted within rows.

        Cut from the whole COO matrix's arrays: slicing the CSR matrix costs more than
        transforming one message did.
        """
        first, last = self._starts[start], self._starts[stop]
        return scipy.sparse.coo_matrix(
            (
                self._all.data[first:last],
                (self._all.row[first:last] - start, self._all.col[first:last]),
            ),
            shape=(stop - start, self._all.shape[1]),
        )
