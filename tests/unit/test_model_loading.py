"""`PUT /model` may load only a model of ours whose recorded hash matches (rasa_extensions/model_loading.py).

Over HTTP against a running Rasa server: tests/resilience/test_security.py.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace

import pytest

from rasa_extensions.model_hash import MODELS_DIR, hash_path, record
from rasa_extensions.model_loading import ONLY_FILES, only_trusted_models, refusal


@pytest.fixture
def our_model() -> Iterator[Path]:
    """A model file in models/ with its hash recorded, as `make` leaves one."""
    MODELS_DIR.mkdir(exist_ok=True)
    model = MODELS_DIR / f"recorded-{uuid.uuid4().hex}.tar.gz"
    model.write_bytes(b"a model trained here")
    record(model)
    try:
        yield model
    finally:
        model.unlink()
        hash_path(model).unlink()


@pytest.mark.parametrize("body", [None, [], "models/assistant.tar.gz", {}, {"model_file": None}])
async def test_bodies_that_name_no_model_are_left_to_rasa(body):
    assert await refusal(body) is None


@pytest.mark.parametrize(
    "body",
    [
        {"model_server": {"url": "http://models.example/assistant.tar.gz"}},
        {"remote_storage": "aws", "model_file": "assistant.tar.gz"},
        {"model_file": 42},
        {"model_file": "  "},
    ],
)
async def test_model_servers_remote_storage_and_odd_files_are_refused(body):
    assert await refusal(body) == ONLY_FILES


async def test_a_file_outside_models_is_refused(tmp_path):
    outside = tmp_path / "assistant.tar.gz"
    outside.write_bytes(b"from elsewhere")
    assert "is not in" in await refusal({"model_file": str(outside)})


async def test_our_recorded_model_may_load_and_a_changed_one_may_not(our_model):
    assert await refusal({"model_file": str(our_model)}) is None
    our_model.write_bytes(b"changed after training")
    assert "does not match" in await refusal({"model_file": str(our_model)})


def request(method: str, path: str, body: object) -> SimpleNamespace:
    return SimpleNamespace(method=method, path=path, json=body)


async def test_middleware_answers_403_only_to_put_model(tmp_path):
    body = {"model_file": str(tmp_path / "elsewhere.tar.gz")}
    reply = await only_trusted_models(request("PUT", "/model", body))
    assert reply.status == 403
    assert json.loads(reply.body)["reason"] == "UntrustedModel"
    assert await only_trusted_models(request("POST", "/model", body)) is None
    assert await only_trusted_models(request("PUT", "/model/test", body)) is None
