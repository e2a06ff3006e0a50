"""The HTTP API may load only a model of ours whose recorded hash matches, and only for a caller with
its token, checked before any model is hashed (rasa_extensions/model_loading.py).

Over HTTP against a running Rasa server: tests/resilience/test_security.py.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace

import pytest
from sanic.request import RequestParameters

from rasa_extensions import model_hash
from rasa_extensions.model_hash import MODELS_DIR, hash_path, record
from rasa_extensions.model_loading import ONLY_FILES, api_token_check, only_trusted_models, refusal

TOKEN = "api-token"


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


class Hashing:
    """Counts the model hashes made (`verify` hashes the whole model file)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.count = 0
        original = model_hash.sha256_of

        def counted(model: Path) -> str:
            self.count += 1
            return original(model)

        monkeypatch.setattr(model_hash, "sha256_of", counted)


@pytest.fixture
def hashing(monkeypatch) -> Hashing:
    return Hashing(monkeypatch)


def request(method: str, path: str, body: object = None, token: str = TOKEN, **args: str):
    """A request to a Rasa app whose HTTP API has the token TOKEN (Rasa's own check)."""
    app = SimpleNamespace(config={}, ctx=SimpleNamespace())
    app.ctx.api_token_check = api_token_check(app, TOKEN)
    query = RequestParameters({"token": [token], **{k: [v] for k, v in args.items()}})
    return SimpleNamespace(method=method, path=path, json=body, args=query, app=app)


async def test_middleware_answers_403_only_to_routes_that_load_a_model(tmp_path):
    body = {"model_file": str(tmp_path / "elsewhere.tar.gz")}
    reply = await only_trusted_models(request("PUT", "/model", body))
    assert reply.status == 403
    assert json.loads(reply.body)["reason"] == "UntrustedModel"
    assert await only_trusted_models(request("POST", "/model", body)) is None
    assert await only_trusted_models(request("PUT", "/model/test", body)) is None


async def test_evaluating_intents_loads_only_a_trusted_model(tmp_path, our_model):
    outside = tmp_path / "assistant.tar.gz"
    outside.write_bytes(b"from elsewhere")
    for model in [str(outside), "http://models.example/assistant.tar.gz"]:
        reply = await only_trusted_models(request("POST", "/model/test/intents", model=model))
        assert reply.status == 403, model
    assert await only_trusted_models(request("POST", "/model/test/intents")) is None  # loaded one
    trusted = request("POST", "/model/test/intents", model=str(our_model))
    assert await only_trusted_models(trusted) is None


@pytest.mark.parametrize(
    ("method", "path", "args"),
    [("PUT", "/model", {}), ("POST", "/model/test/intents", {"model": "/etc/model.tar.gz"})],
)
async def test_no_model_is_hashed_before_the_token_check(our_model, hashing, method, path, args):
    body = {"model_file": str(our_model)}
    reply = await only_trusted_models(request(method, path, body, token="wrong", **args))
    assert reply.status == 401
    assert json.loads(reply.body)["reason"] == "NotAuthenticated"
    assert hashing.count == 0
    assert await only_trusted_models(request("PUT", "/model", body)) is None
    assert hashing.count == 1


async def test_refusals_name_no_folder_of_the_server(tmp_path, our_model):
    outside = tmp_path / "deep" / "assistant.tar.gz"
    outside.parent.mkdir()
    outside.write_bytes(b"from elsewhere")
    our_model.write_bytes(b"changed after training")
    for model in [outside, our_model, MODELS_DIR / "never-trained.tar.gz"]:
        reply = await only_trusted_models(request("PUT", "/model", {"model_file": str(model)}))
        message = json.loads(reply.body)["message"]
        assert reply.status == 403
        assert model.name in message
        assert str(tmp_path) not in message and str(MODELS_DIR) not in message, message
