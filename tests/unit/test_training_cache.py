"""Training neither fingerprints nor caches the featurized NLU data (rasa_extensions/training_cache.py)."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from rasa.core.policies.rule_policy import RulePolicy
from rasa.engine.training.hooks import TrainingHook
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from rasa_extensions import training_cache


class Cache:
    def __init__(self) -> None:
        self.cached: list[tuple[str, object, str]] = []

    def cache_output(self, fingerprint_key, output, output_fingerprint, model_storage) -> None:
        self.cached.append((fingerprint_key, output, output_fingerprint))


@pytest.fixture
def hook(monkeypatch):
    monkeypatch.setattr(TrainingHook, "on_before_node", TrainingHook.on_before_node)
    monkeypatch.setattr(TrainingHook, "on_after_node", TrainingHook.on_after_node)
    training_cache.install()
    training_cache.install()  # once only
    schema = SimpleNamespace(nodes={"node": SimpleNamespace(uses=RulePolicy)})
    return TrainingHook(Cache(), model_storage=None, pruned_schema=schema)


def test_the_featurized_training_data_is_neither_fingerprinted_nor_cached(hook, monkeypatch):
    data = TrainingData([Message.build(text="register me", intent="start_registration")])
    monkeypatch.setattr(TrainingData, "fingerprint", lambda self: pytest.fail("fingerprinted"))
    hook.on_after_node("node", None, {}, data, {"fingerprint_key": "k1"})
    assert hook._cache.cached == []


def test_a_node_given_the_training_data_is_not_fingerprinted_and_its_output_not_cached(hook, monkeypatch):
    data = TrainingData([Message.build(text="register me", intent="start_registration")])
    monkeypatch.setattr(TrainingData, "fingerprint", lambda self: pytest.fail("fingerprinted"))
    context = SimpleNamespace(graph_schema=hook._pruned_schema)
    hook_data = hook.on_before_node("node", context, {}, {"training_data": data})
    assert hook_data == {}
    hook.on_after_node("node", context, {}, {"a": "trained"}, hook_data)
    assert hook._cache.cached == []


def test_every_other_node_is_fingerprinted_and_cached_as_before(hook):
    context = SimpleNamespace(graph_schema=hook._pruned_schema)
    hook_data = hook.on_before_node("node", context, {}, {"domain": {"intents": ["greet"]}})
    hook.on_after_node("node", context, {}, {"a": 1}, hook_data)
    [(key, output, fingerprint)] = hook._cache.cached
    assert (key, output) == (hook_data["fingerprint_key"], {"a": 1}) and fingerprint
