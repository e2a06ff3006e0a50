"""The batched bag-of-words featurizer (rasa_extensions/count_vectors.py) gives Rasa's features."""

from __future__ import annotations

import copy

import pytest
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.nlu.featurizers.sparse_featurizer.count_vectors_featurizer import CountVectorsFeaturizer
from rasa.nlu.tokenizers.whitespace_tokenizer import WhitespaceTokenizer
from rasa.shared.nlu.constants import INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from rasa_extensions.count_vectors import BatchedCountVectorsFeaturizer

TEXTS = [
    ("I wanna sign up to e-file", "start_registration"),
    ("quiero registrarme para presentar documentos", "start_registration"),
    ("não tenho número do caso", "inform"),
    ("yes", "affirm"),
    ("my case is 1:24-cv-12345, what now?", "ask_what_next"),
    ("", "nlu_fallback"),
    ("hi", "greet"),
]
CONFIGS = {  # config.yml's two featurizers, and the attributes each featurizes
    "words": ({"min_ngram": 1, "max_ngram": 2, "strip_accents": "unicode"}, {TEXT, INTENT}),
    "characters": ({"analyzer": "char_wb", "min_ngram": 1, "max_ngram": 4}, {TEXT}),
}


def tokenizer() -> WhitespaceTokenizer:
    return WhitespaceTokenizer.create(
        WhitespaceTokenizer.get_default_config(), None, None, ExecutionContext(GraphSchema({}), "t")
    )


def training_data() -> TrainingData:
    messages = [Message.build(text=text, intent=intent) for text, intent in TEXTS]
    data = TrainingData(messages)
    tokenizer().process_training_data(data)
    return data


def trained(component: type[CountVectorsFeaturizer], config: dict, tmp_path, data: TrainingData):
    featurizer = component.create(
        {**component.get_default_config(), **config},
        LocalModelStorage(tmp_path),
        Resource(f"{component.__name__}"),
        ExecutionContext(GraphSchema({}), "counts"),
    )
    featurizer.train(data)
    return featurizer


def described(messages: list[Message]) -> list[list[tuple]]:
    """Each message's features: attribute, type, origin, format, shape, types, every value."""
    return [
        [
            (f.attribute, f.type, f.origin, f.features.format, f.features.shape,
             f.features.dtype, f.features.row.dtype, f.features.col.dtype,
             f.features.row.tolist(), f.features.col.tolist(), f.features.data.tolist())
            for f in message.features
        ]
        for message in messages
    ]


@pytest.mark.parametrize(("config", "attributes"), CONFIGS.values(), ids=CONFIGS.keys())
def test_training_data_gets_rasas_features(config, attributes, tmp_path):
    data = training_data()
    rasas = trained(CountVectorsFeaturizer, config, tmp_path, data)
    ours = trained(BatchedCountVectorsFeaturizer, config, tmp_path, data)
    rasa_data, our_data = copy.deepcopy(data), copy.deepcopy(data)
    rasas.process_training_data(rasa_data)
    ours.process_training_data(our_data)
    expected = described(rasa_data.training_examples)
    assert described(our_data.training_examples) == expected
    assert {f.attribute for f in our_data.training_examples[0].features} == attributes
    assert expected[5] == [item for item in expected[5] if item[0] == INTENT]  # no text, no text features


@pytest.mark.parametrize("config", [config for config, _ in CONFIGS.values()], ids=CONFIGS.keys())
def test_a_chat_message_gets_rasas_features(config, tmp_path):
    data = training_data()
    rasas = trained(CountVectorsFeaturizer, config, tmp_path, data)
    ours = trained(BatchedCountVectorsFeaturizer, config, tmp_path, data)
    message = Message.build(text="i want to file, no case number yet")
    message.set("text_tokens", tokenizer().tokenize(message, TEXT))
    rasa_message, our_message = copy.deepcopy(message), copy.deepcopy(message)
    rasas.process([rasa_message])
    ours.process([our_message])
    assert described([our_message]) == described([rasa_message])
    assert [(f.attribute, f.type) for f in our_message.features] == [
        (TEXT, "sequence"), (TEXT, "sentence")
    ]
