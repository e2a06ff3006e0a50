"""Seeded, per-language 5-fold cross-validation of the intent classifier, in about a minute.

`rasa test nlu --cross-validation` (what `make eval` runs) retrains the whole pipeline per fold
and does not seed its split, so two runs on the same data differ by about 0.003. This replica
featurizes the training data once with config.yml's own tokenizer and featurizers, then fits
config.yml's classifier on seeded stratified folds. Each fold keeps only the features its
training examples have: the vocabulary a featurizer trained on that fold would have built, so
featurizing once equals featurizing per fold (TF-IDF weights included).
It prints accuracy and macro F1 for all languages and for each, the weakest intents per
language, and writes every misread example, with its file, to `--errors` (JSON).

    .venv/bin/python -m ops.seeded_cv [--seeds 0 1 2] [--errors results/seeded_cv_errors.json]
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import scipy.sparse
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.nlu.featurizers.sparse_featurizer.regex_featurizer import RegexFeaturizer
from rasa.nlu.tokenizers.whitespace_tokenizer import WhitespaceTokenizer
from rasa.shared.nlu.training_data.loading import load_data
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData
from rasa.shared.utils.io import read_yaml_file
from sklearn.base import clone
from sklearn.metrics import f1_score
from sklearn.model_selection import StratifiedKFold

from ops.stack import ROOT
from rasa_extensions.count_vectors import BatchedCountVectorsFeaturizer
from rasa_extensions.intent_classifier import TunedLogisticRegressionClassifier

FOLDS = 5
LANGUAGES = {"en": ROOT / "data" / "nlu", "es": ROOT / "data" / "nlu" / "es", "pt": ROOT / "data" / "nlu" / "pt"}
WEAKEST = 8


@dataclass(frozen=True)
class Example:
    """One training example: its text, intent, language and file."""

    text: str
    intent: str
    language: str
    file: str


def nlu_files() -> Iterable[tuple[str, Path]]:
    """(language, file) for every NLU training file; English files sit directly in data/nlu."""
    for language, folder in LANGUAGES.items():
        for path in sorted(folder.glob("*.yml")):
            yield language, path


def load_examples() -> tuple[TrainingData, list[Example]]:
    """All NLU training data merged (for regexes and lookups) and its intent examples."""
    parts: list[TrainingData] = []
    examples: dict[tuple[str, str], Example] = {}  # as Rasa, each (text, intent) once
    for language, path in nlu_files():
        data = load_data(str(path))
        parts.append(data)
        relative = str(path.relative_to(ROOT))
        for message in data.intent_examples:
            example = Example(message.get("text"), message.get("intent"), language, relative)
            examples.setdefault((example.text, example.intent), example)
    return TrainingData().merge(*parts), list(examples.values())


def pipeline_configs() -> dict[str, list[dict[str, Any]]]:
    """config.yml's pipeline steps by component name, in order."""
    steps: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for step in read_yaml_file(ROOT / "config.yml")["pipeline"]:
        name = step["name"].rsplit(".", 1)[-1]
        steps[name].append({key: value for key, value in step.items() if key != "name"})
    return steps


def features(
    all_data: TrainingData, examples: list[Example]
) -> tuple[scipy.sparse.csr_matrix, TunedLogisticRegressionClassifier]:
    """The classifier's input matrix for `examples`, and config.yml's (unfitted) classifier.

    `all_data` gives the regexes, lookups and synonyms the featurizers use.
    """
    steps = pipeline_configs()
    data = TrainingData(
        [Message.build(text=example.text, intent=example.intent) for example in examples],
        entity_synonyms=all_data.entity_synonyms,
        regex_features=all_data.regex_features,
        lookup_tables=all_data.lookup_tables,
    )
    with tempfile.TemporaryDirectory() as folder:
        storage = LocalModelStorage(Path(folder))
        context = ExecutionContext(GraphSchema({}), "seeded_cv")

        def create(component: Any, config: dict[str, Any], name: str) -> Any:
            full = {**component.get_default_config(), **config}
            return component.create(full, storage, Resource(name), context)

        tokenizer = create(WhitespaceTokenizer, steps["WhitespaceTokenizer"][0], "tokenizer")
        tokenizer.process_training_data(data)
        featurizers = [create(RegexFeaturizer, steps["RegexFeaturizer"][0], "regex")] + [
            create(BatchedCountVectorsFeaturizer, config, f"counts{index}")
            for index, config in enumerate(steps["BatchedCountVectorsFeaturizer"])
        ]
        for featurizer in featurizers:
            featurizer.train(data)
            featurizer.process_training_data(data)
        classifier = create(
            TunedLogisticRegressionClassifier,
            steps["TunedLogisticRegressionClassifier"][0],
            "classifier",
        )
        return classifier._create_X(data.intent_examples), classifier


def cross_validate(
    matrix: scipy.sparse.csr_matrix, labels: np.ndarray, classifier: Any, seed: int
) -> np.ndarray:
    """Out-of-fold predictions for every example on one seeded split."""
    predicted = np.empty(len(labels), dtype=object)
    folds = StratifiedKFold(FOLDS, shuffle=True, random_state=seed)
    for train, test in folds.split(matrix, labels):
        fold = matrix[train]
        seen = fold.getnnz(axis=0) > 0
        model = clone(classifier.clf).fit(fold[:, seen], labels[train])
        predicted[test] = model.predict(matrix[test][:, seen])
    return predicted


def scores(labels: np.ndarray, predicted: np.ndarray) -> tuple[float, float]:
    """Intent accuracy and macro F1."""
    accuracy = float(np.mean(labels == predicted))
    return accuracy, float(f1_score(labels, predicted, average="macro", zero_division=0))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, nargs="+", default=[0, 1, 2])
    parser.add_argument("--errors", type=Path, default=ROOT / "results" / "seeded_cv_errors.json")
    args = parser.parse_args()

    all_data, examples = load_examples()
    matrix, classifier = features(all_data, examples)
    labels = np.array([example.intent for example in examples], dtype=object)
    languages = np.array([example.language for example in examples])
    groups = {"all": np.ones(len(examples), dtype=bool)} | {
        language: languages == language for language in LANGUAGES
    }
    figures: dict[str, list[tuple[float, float]]] = defaultdict(list)
    per_intent: dict[str, dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))
    errors: list[dict[str, Any]] = []
    for seed in args.seeds:
        predicted = cross_validate(matrix, labels, classifier, seed)
        for group, mask in groups.items():
            figures[group].append(scores(labels[mask], predicted[mask]))
            if group == "all":
                continue
            intents = sorted(set(labels[mask]))
            for intent, f1 in zip(intents, f1_score(
                labels[mask], predicted[mask], labels=intents, average=None, zero_division=0
            ), strict=True):
                per_intent[group][intent].append(float(f1))
        errors += [
            {"seed": seed, "text": example.text, "intent": example.intent,
             "predicted": predicted[index], "file": example.file}
            for index, example in enumerate(examples) if predicted[index] != example.intent
        ]
    print(f"{len(examples)} examples, {len(set(labels))} intents, seeds {args.seeds}")
    for group, runs in figures.items():
        accuracy = statistics.mean(run[0] for run in runs)
        macro_f1 = statistics.mean(run[1] for run in runs)
        print(f"{group:>4}: {int(groups[group].sum()):>5} examples, accuracy {accuracy:.3f}, "
              f"macro F1 {macro_f1:.3f}")
    for language, intents in per_intent.items():
        weakest = sorted(intents.items(), key=lambda item: statistics.mean(item[1]))[:WEAKEST]
        print(f"weakest {language}: " + ", ".join(
            f"{intent} {statistics.mean(f1s):.2f}" for intent, f1s in weakest))
    args.errors.parent.mkdir(parents=True, exist_ok=True)
    args.errors.write_text(json.dumps(errors, ensure_ascii=False, indent=1) + "\n")
    print(f"{len(errors)} misreadings over {len(args.seeds)} splits: {args.errors}")


if __name__ == "__main__":
    main()
