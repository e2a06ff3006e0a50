"""Training does not fingerprint or cache the NLU part: what is made from the training data.

Around each node of a training, Rasa's `TrainingHook` fingerprints the node's inputs (before it
runs) and caches its output under that fingerprint (after), so that a later training can skip
unchanged nodes. The tokenizer's and each featurizer's inputs are the whole NLU training data
with its features, and fingerprinting it turns every message's sparse feature matrices into
text: about a quarter of `make`'s training time on our 11,000 examples (py-spy,
docs/benchmarks.md), for a cache that saves little (the NLU part trains in under a minute).
With `install()`, a node that receives the NLU training data gets no fingerprint, and neither
its output nor an output that is NLU training data is cached; every other node is fingerprinted
and cached as before (the domain, the rules, the core policies). A training after a change to
the NLU data or config trains the NLU part again, as it would anyway; one after a change to the
rules alone now trains it again too. `rasa_extensions.install` calls `install()`; `make` trains
through `python -m rasa_extensions train`.
"""

from __future__ import annotations

from functools import wraps
from typing import Any

from rasa.engine.graph import ExecutionContext
from rasa.engine.training.hooks import TrainingHook
from rasa.shared.nlu.training_data.training_data import TrainingData

FINGERPRINT_KEY = "fingerprint_key"


def install() -> None:
    """Wraps `TrainingHook.on_before_node` and `on_after_node` (once)."""
    on_before_node, on_after_node = TrainingHook.on_before_node, TrainingHook.on_after_node
    if getattr(on_after_node, "skips_training_data", False):
        return

    @wraps(on_before_node)
    def fingerprint_all_but_training_data(
        self: TrainingHook,
        node_name: str,
        execution_context: ExecutionContext,
        config: dict[str, Any],
        received_inputs: dict[str, Any],
    ) -> dict:
        if any(isinstance(value, TrainingData) for value in received_inputs.values()):
            return {}
        return on_before_node(self, node_name, execution_context, config, received_inputs)

    @wraps(on_after_node)
    def cache_all_but_training_data(
        self: TrainingHook,
        node_name: str,
        execution_context: ExecutionContext,
        config: dict[str, Any],
        output: Any,
        input_hook_data: dict,
    ) -> None:
        if FINGERPRINT_KEY not in input_hook_data or isinstance(output, TrainingData):
            return None
        return on_after_node(self, node_name, execution_context, config, output, input_hook_data)

    cache_all_but_training_data.skips_training_data = True  # type: ignore[attr-defined]
    TrainingHook.on_before_node = fingerprint_all_but_training_data  # type: ignore[method-assign]
    TrainingHook.on_after_node = cache_all_but_training_data  # type: ignore[method-assign]
