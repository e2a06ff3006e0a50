"""Runs a whole stack on free local ports: for the tests that talk to it over HTTP, the bench, the eval.

Shared by every test that starts servers (their conftests import it) and by the bench. Each gets
its own folder: an endpoints.yml pointing at its own SQLite tracker store, its logs and its
submissions database, so nothing touches `var/`.
"""

from __future__ import annotations

import json
import secrets
import socket
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ops.stack import ROOT, Stack, StackConfig

MODEL = ROOT / "models" / "assistant.tar.gz"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass(frozen=True)
class Reply:
    """One HTTP answer: status, headers and the raw body."""

    status: int
    headers: dict[str, str]
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body or b"null")


def http(
    method: str,
    url: str,
    data: bytes | None = None,
    headers: dict[str, str] | None = None,
    timeout_s: float = 30,
) -> Reply:
    """Sends one request; 4xx and 5xx answers are returned, not raised."""
    request = urllib.request.Request(url, data=data, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(request, timeout=timeout_s) as reply:
            return Reply(reply.status, dict(reply.headers), reply.read())
    except urllib.error.HTTPError as error:
        return Reply(error.code, dict(error.headers), error.read())


@dataclass
class Assistant:
    """Talks to a running stack over HTTP."""

    config: StackConfig

    @property
    def rasa_url(self) -> str:
        return f"http://127.0.0.1:{self.config.rasa_port}"

    def post_chat(self, body: bytes, query: str = "") -> Reply:
        """Posts raw bytes to the REST chat channel."""
        headers = {"Content-Type": "application/json"}
        return http("POST", f"{self.rasa_url}/webhooks/rest/webhook{query}", body, headers)

    def say(self, sender: str, text: str) -> list[dict]:
        """Sends one chat message on the REST channel; returns the bot's messages."""
        reply = self.post_chat(json.dumps({"sender": sender, "message": text}).encode())
        assert reply.status == 200, (reply.status, reply.body)
        return reply.json()

    def say_text(self, sender: str, text: str) -> str:
        """Sends one message; returns all the text of the replies, lower case, for fact checks."""
        return "\n".join(m.get("text", "") for m in self.say(sender, text)).lower()

    def tracker(self, sender: str) -> dict:
        reply = http(
            "GET",
            f"{self.rasa_url}/conversations/{sender}/tracker?token={self.config.rasa_auth_token}",
        )
        assert reply.status == 200, reply.body
        return reply.json()

    def submission(self, reference: str, token: str | None) -> tuple[int, dict]:
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        reply = http(
            "GET",
            f"http://127.0.0.1:{self.config.web_port}/api/submissions/{reference}",
            headers=headers,
        )
        return reply.status, reply.json() or {}


def tracker_db(config: StackConfig) -> Path:
    """The SQLite file of the stack's tracker store (see `write_endpoints`)."""
    return config.endpoints.parent / "tracker.db"


def write_endpoints(directory: Path) -> Path:
    endpoints = directory / "endpoints.yml"
    endpoints.write_text(
        "action_endpoint:\n"
        "  url: ${ACTION_ENDPOINT_URL}\n"  # unquoted: Rasa expands only plain ${VAR}
        "  headers:\n"
        "    Authorization: Bearer ${ACTION_SERVER_TOKEN}\n"
        "tracker_store:\n"
        "  type: SQL\n"
        '  dialect: "sqlite"\n'
        f'  db: "{directory / "tracker.db"}"\n'
        "nlg:\n"
        "  type: rasa_extensions.nlg.LocalizedNLG\n"
    )
    return endpoints


def local_config(workdir: Path, **settings: Any) -> StackConfig:
    """A stack on free ports whose files all live in `workdir`; `settings` override the rest."""
    return StackConfig(
        **{
            "model": MODEL,
            "rasa_port": free_port(),
            "action_port": free_port(),
            "web_port": free_port(),
            "endpoints": write_endpoints(workdir),
            "log_dir": workdir / "log",
            "submissions_db_url": f"sqlite:///{workdir / 'submissions.db'}",
            "rasa_auth_token": secrets.token_urlsafe(16),
            **settings,
        }
    )


@contextmanager
def running(config: StackConfig) -> Iterator[Stack]:
    """Starts the stack, yields it, and stops it whatever happens."""
    if not config.model.exists():
        raise FileNotFoundError(f"no trained model at {config.model}: `make test` trains it")
    stack = Stack(config)
    stack.start()
    try:
        yield stack
    finally:
        stack.stop()
