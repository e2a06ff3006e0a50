"""The HTTP API needs the token or a JWT, the action server its token, CORS only our origin,
and only a model whose recorded hash matches is ever started. The chat channels stay open.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from pathlib import Path

import jwt
import pytest

from ops.local_stack import Assistant, http, local_config
from ops.stack import Stack, StackConfig, rasa_server
from rasa_extensions.model_hash import MODELS_DIR, UntrustedModel, hash_path

JSON = {"Content-Type": "application/json"}
# method, path, body: a reading, a writing and an admin endpoint of Rasa's HTTP API.
API_CALLS = [
    ("GET", "/status", None),
    ("GET", "/conversations/{sender}/tracker", None),
    ("POST", "/conversations/{sender}/messages", b'{"text": "hello", "sender": "user"}'),
    ("PUT", "/model", b""),  # passes the token check, then 400 for the missing body
]


def call(assistant: Assistant, method, path, body, sender, query="", headers=None):
    url = f"{assistant.rasa_url}{path.format(sender=sender)}{query}"
    return http(method, url, body, {**JSON, **(headers or {})})


def bearer(assistant: Assistant, payload: dict, secret: str | None = None) -> dict[str, str]:
    token = jwt.encode(payload, secret or assistant.config.rasa_jwt_secret, algorithm="HS256")
    return {"Authorization": f"Bearer {token}"}


ADMIN = {"user": {"username": "court-staff", "role": "admin"}}


@pytest.mark.parametrize(("method", "path", "body"), API_CALLS)
def test_api_refuses_calls_without_a_valid_token(assistant, sender, method, path, body):
    for query, headers in [
        ("", None),
        ("?token=wrong", None),
        ("", bearer(assistant, ADMIN, secret="not-the-secret-" + "x" * 32)),
    ]:
        reply = call(assistant, method, path, body, sender, query, headers)
        assert reply.status == 401, (query, headers, reply.body)
    # sanic-jwt lets PyJWT's InvalidAlgorithmError through; rasa_extensions.api_errors makes it a 401.
    unsigned = {"Authorization": "Bearer " + jwt.encode(ADMIN, None, algorithm="none")}
    reply = call(assistant, method, path, body, sender, headers=unsigned)
    assert reply.status == 401, reply.body


@pytest.mark.parametrize(("method", "path", "body"), API_CALLS)
def test_api_accepts_the_token_and_an_admin_jwt(assistant, sender, method, path, body):
    for query, headers in [
        (f"?token={assistant.config.rasa_auth_token}", None),
        ("", bearer(assistant, ADMIN)),
    ]:
        reply = call(assistant, method, path, body, sender, query, headers)
        expected = 400 if path == "/model" else 200
        assert reply.status == expected, (query, headers, reply.body)


def test_a_filers_jwt_reaches_only_their_own_conversation(assistant, sender):
    own = bearer(assistant, {"user": {"username": sender, "role": "user"}})
    path = "/conversations/{sender}/tracker"
    assert call(assistant, "GET", path, None, sender, headers=own).status == 200
    assert call(assistant, "GET", path, None, "someone-else", headers=own).status == 403
    assert call(assistant, "GET", "/status", None, sender, headers=own).status == 403


def test_chat_channels_need_no_token(assistant, sender):
    assert assistant.say(sender, "hello")
    assert http("GET", f"{assistant.rasa_url}/socket.io/?EIO=4&transport=polling").status == 200


def test_action_server_refuses_calls_without_its_token(assistant):
    url = f"http://127.0.0.1:{assistant.config.action_port}"
    call_body = json.dumps({"next_action": "action_fallback", "sender_id": "x"}).encode()
    assert http("POST", f"{url}/webhook", call_body, JSON).status == 401
    assert http("POST", f"{url}/webhook?token=wrong", call_body, JSON).status == 401
    assert http("GET", f"{url}/actions?token={assistant.config.action_token}").status == 401
    bearer_token = {"Authorization": f"Bearer {assistant.config.action_token}"}
    assert http("GET", f"{url}/actions", headers=bearer_token).status == 200


@pytest.mark.parametrize("method", ["OPTIONS", "GET"])
def test_cors_allows_only_the_configured_origin(assistant, method):
    url = f"{assistant.rasa_url}/webhooks/rest/webhook"
    if method == "GET":
        url = f"{assistant.rasa_url}/webhooks/rest/"
    preflight = {"Access-Control-Request-Method": "POST"} if method == "OPTIONS" else {}
    allowed = assistant.config.cors_origins[0]
    for origin, expected in [("http://evil.example", None), (allowed, allowed)]:
        reply = http(method, url, headers={"Origin": origin, **preflight})
        headers = {name.lower(): value for name, value in reply.headers.items()}
        assert headers.get("access-control-allow-origin") == expected, (origin, reply.headers)


def test_the_api_token_is_never_left_empty(tmp_path):
    command = rasa_server(StackConfig(model=tmp_path / "model.tar.gz")).command
    [token] = [arg.removeprefix("--auth-token=") for arg in command if arg.startswith("--auth-token=")]
    assert token.strip()


def test_a_token_that_begins_with_a_dash_is_still_read_as_the_token(tmp_path):
    """A made-up token may begin with "-": Rasa's own command line reads it as the value."""
    from rasa.__main__ import create_argument_parser

    config = StackConfig(model=tmp_path / "model.tar.gz", rasa_auth_token="-abc", rasa_jwt_secret="-x")
    command = rasa_server(config).command
    args = create_argument_parser().parse_args(command[command.index("run") :])
    assert (args.auth_token, args.jwt_secret) == ("-abc", "-x")


@pytest.fixture
def tampered_model() -> Iterator[Path]:
    """A model in models/ whose recorded hash is not its own."""
    MODELS_DIR.mkdir(exist_ok=True)
    model = MODELS_DIR / f"tampered-{uuid.uuid4().hex}.tar.gz"
    model.write_bytes(b"not the model that was trained")
    hash_path(model).write_text("0" * 64 + "\n")
    try:
        yield model
    finally:
        model.unlink()
        hash_path(model).unlink()


def test_stack_with_a_tampered_model_starts_no_server(tampered_model, tmp_path):
    stack = Stack(local_config(tmp_path, model=tampered_model))
    with pytest.raises(UntrustedModel, match="does not match"):
        stack.start()
    assert all(server.process is None for server in stack.servers)


def put_model(assistant: Assistant, body: dict):
    url = f"{assistant.rasa_url}/model?token={assistant.config.rasa_auth_token}"
    return http("PUT", url, json.dumps(body).encode(), JSON, timeout_s=120)


def test_the_api_loads_no_model_from_elsewhere(assistant, tampered_model, tmp_path):
    outside = tmp_path / "assistant.tar.gz"
    outside.write_bytes(b"a model from somewhere else")
    for body, why in [
        ({"model_file": str(outside)}, "is not in"),
        ({"model_file": str(tampered_model)}, "does not match"),
        ({"model_file": str(MODELS_DIR / "never-trained.tar.gz")}, "no recorded hash"),
        ({"model_file": 42}, "only from a file"),
        ({"model_server": {"url": "http://models.example/assistant.tar.gz"}}, "only from a file"),
        ({"model_file": str(outside), "remote_storage": "aws"}, "only from a file"),
    ]:
        reply = put_model(assistant, body)
        assert reply.status == 403, (body, reply.body)
        assert why in reply.json()["message"]


def test_the_api_reloads_our_own_model_with_the_token_only(assistant, sender):
    body = json.dumps({"model_file": str(assistant.config.model)}).encode()
    assert http("PUT", f"{assistant.rasa_url}/model", body, JSON).status == 401
    reply = put_model(assistant, {"model_file": str(assistant.config.model)})
    assert reply.status == 204, reply.body
    assert "pacer" in assistant.say_text(sender, "how do i know if my pacer account is upgraded")


def test_stack_with_a_model_from_elsewhere_starts_no_server(tmp_path):
    model = tmp_path / "assistant.tar.gz"
    model.write_bytes(b"a model from somewhere else")
    stack = Stack(local_config(tmp_path, model=model))
    with pytest.raises(UntrustedModel, match="not in"):
        stack.start()
    assert all(server.process is None for server in stack.servers)
