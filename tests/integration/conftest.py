"""Starts the real action server, web app and Rasa server once for the integration tests."""

from __future__ import annotations

import json
import urllib.error
import secrets
import socket
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from ops.stack import ROOT, Stack, StackConfig

MODEL = ROOT / "models" / "assistant.tar.gz"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Assistant:
    """Talks to the running stack over HTTP."""

    config: StackConfig

    def say(self, sender: str, text: str) -> list[dict]:
        """Sends one chat message on the REST channel; returns the bot's messages."""
        return self.post_json(
            f"http://127.0.0.1:{self.config.rasa_port}/webhooks/rest/webhook",
            {"sender": sender, "message": text},
        )

    def say_text(self, sender: str, text: str) -> str:
        """Sends one message; returns all the text of the replies, lower case, for fact checks."""
        return "\n".join(m.get("text", "") for m in self.say(sender, text)).lower()

    def post_json(self, url: str, body: dict) -> list[dict]:
        request = urllib.request.Request(
            url, data=json.dumps(body).encode(), headers={"Content-Type": "application/json"}
        )
        with urllib.request.urlopen(request, timeout=30) as reply:
            return json.loads(reply.read())

    def get(self, url: str, headers: dict[str, str] | None = None) -> tuple[int, dict]:
        request = urllib.request.Request(url, headers=headers or {})
        try:
            with urllib.request.urlopen(request, timeout=30) as reply:
                return reply.status, json.loads(reply.read())
        except urllib.error.HTTPError as error:
            return error.code, json.loads(error.read() or b"{}")

    def tracker(self, sender: str) -> dict:
        status, body = self.get(
            f"http://127.0.0.1:{self.config.rasa_port}/conversations/{sender}/tracker"
            f"?token={self.config.rasa_auth_token}"
        )
        assert status == 200, body
        return body

    def submission(self, reference: str, token: str | None) -> tuple[int, dict]:
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        return self.get(
            f"http://127.0.0.1:{self.config.web_port}/api/submissions/{reference}", headers
        )


def write_endpoints(directory: Path) -> Path:
    endpoints = directory / "endpoints.yml"
    endpoints.write_text(
        "action_endpoint:\n"
        '  url: "${ACTION_ENDPOINT_URL}"\n'
        "tracker_store:\n"
        "  type: SQL\n"
        '  dialect: "sqlite"\n'
        f'  db: "{directory / "tracker.db"}"\n'
    )
    return endpoints


@pytest.fixture(scope="session")
def assistant(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Assistant]:
    if not MODEL.exists():
        pytest.fail(f"no trained model at {MODEL}: run `make integration`, which trains it")
    workdir = tmp_path_factory.mktemp("stack")
    config = StackConfig(
        model=MODEL,
        rasa_port=free_port(),
        action_port=free_port(),
        web_port=free_port(),
        endpoints=write_endpoints(workdir),
        log_dir=workdir / "log",
        submissions_db_url=f"sqlite:///{workdir / 'submissions.db'}",
        rasa_auth_token=secrets.token_urlsafe(16),
    )
    stack = Stack(config)
    stack.start()
    try:
        yield Assistant(config)
    finally:
        stack.stop()
