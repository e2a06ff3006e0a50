"""Starts the action server, the web app and the Rasa server, waits until each answers, stops them.

Under `make run` (`main`) the servers are then supervised (`ops.supervisor`): one that exits is
started again while the others keep serving.

Used by `make run` (`python -m ops.stack`), the integration and scale-out tests and the bench
(`ops.bench`); several Rasa servers can share one stack. Each server runs in
its own process group, so stopping it stops its children too; a server that does not exit
within a deadline after SIGTERM gets SIGKILL (`rasa run` can take many seconds to exit).
"""

from __future__ import annotations

import argparse
import contextlib
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import settings
from bot.submission_store import create_private_file
from bot.tracker_store_url import tracker_sqlite_file
from channels.http import MAX_BODY_BYTES
from ops.supervisor import supervise
from rasa_extensions.model_hash import verify

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent
STOP_DEADLINE_S = 15.0
# Every setting at its default (`settings.VARIABLES`): the defaults of a stack's configuration.
DEFAULT = settings.Settings.from_env({})


@dataclass
class Server:
    """One server process and the URL that answers once it is ready."""

    name: str
    command: Sequence[str]
    ready_url: str
    log_path: Path
    env: Mapping[str, str] = field(default_factory=dict)
    process: subprocess.Popen | None = None

    def start(self) -> None:
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        log = self.log_path.open("ab")
        self.process = subprocess.Popen(
            list(self.command),
            cwd=ROOT,
            env={**os.environ, **self.env},
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )
        log.close()

    def is_ready(self) -> bool:
        try:
            with urllib.request.urlopen(self.ready_url, timeout=2) as reply:
                return reply.status < 500
        except (urllib.error.URLError, OSError):
            return False

    def wait_ready(self, timeout_s: float) -> None:
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            if self.process is not None and self.process.poll() is not None:
                raise RuntimeError(f"{self.name} exited early; see {self.log_path}")
            if self.is_ready():
                return
            time.sleep(0.5)
        raise TimeoutError(f"{self.name} not ready after {timeout_s:.0f} s; see {self.log_path}")

    def stop(self, deadline_s: float = STOP_DEADLINE_S) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        _signal_group(self.process, signal.SIGTERM)
        try:
            self.process.wait(timeout=deadline_s)
        except subprocess.TimeoutExpired:
            _signal_group(self.process, signal.SIGKILL)
            self.process.wait(timeout=deadline_s)


def _signal_group(process: subprocess.Popen, sig: signal.Signals) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, sig)


@dataclass(frozen=True)
class StackConfig:
    """Ports, files and secrets of one running stack."""

    model: Path
    rasa_port: int = DEFAULT.rasa_port
    action_port: int = DEFAULT.action_port
    web_port: int = DEFAULT.web_port
    endpoints: Path = ROOT / DEFAULT.rasa_endpoints
    credentials: Path = ROOT / "credentials.yml"
    log_dir: Path = ROOT / DEFAULT.log_dir
    submissions_db_url: str = DEFAULT.submissions_db_url
    staff_token: str = field(default_factory=settings.made_up_secret)
    action_token: str = field(default_factory=settings.made_up_secret)
    rasa_auth_token: str = field(default_factory=settings.made_up_secret)
    rasa_jwt_secret: str = ""
    cors_origins: tuple[str, ...] = DEFAULT.cors_origins
    extra_env: Mapping[str, str] = field(default_factory=dict)
    # The scale-out profile (docs/production.md): more Rasa servers sharing `endpoints`,
    # and more action server processes on `action_port`.
    extra_rasa_ports: tuple[int, ...] = ()
    action_workers: int = DEFAULT.action_workers

    @property
    def rasa_ports(self) -> tuple[int, ...]:
        """The port of every Rasa server, `rasa_port` first."""
        return (self.rasa_port, *self.extra_rasa_ports)


def action_server(config: StackConfig) -> Server:
    return Server(
        "action server",
        [sys.executable, "-m", "actions.server"],
        f"http://127.0.0.1:{config.action_port}/health",
        config.log_dir / "actions.log",
        {
            "ACTION_PORT": str(config.action_port),
            "ACTION_SERVER_TOKEN": config.action_token,
            "ACTION_SERVER_SANIC_WORKERS": str(config.action_workers),
            "SUBMISSIONS_DB_URL": config.submissions_db_url,
            "STAFF_TOKEN": config.staff_token,  # checks the staff console's staff-mode proofs
            **config.extra_env,
        },
    )


def web_app(config: StackConfig) -> Server:
    return Server(
        "web app",
        [sys.executable, "-m", "web.app"],
        f"http://127.0.0.1:{config.web_port}/health",
        config.log_dir / "web.log",
        {
            "SUBMISSIONS_DB_URL": config.submissions_db_url,
            "STAFF_TOKEN": config.staff_token,
            "WEB_PORT": str(config.web_port),
            "RASA_PUBLIC_URLS": " ".join(f"http://localhost:{p}" for p in config.rasa_ports),
            # The staff console's hand-off calls the same servers' HTTP API (web.rasa_api).
            "RASA_API_URLS": " ".join(f"http://127.0.0.1:{p}" for p in config.rasa_ports),
            "RASA_AUTH_TOKEN": config.rasa_auth_token,
            # The dashboard reads the tracker store these Rasa servers use (bot.tracker_store_url).
            "RASA_ENDPOINTS": str(config.endpoints),
            **config.extra_env,
        },
    )


def rasa_server(config: StackConfig, port: int | None = None) -> Server:
    """The Rasa server on `port` (default `config.rasa_port`)."""
    port = port or config.rasa_port
    first = port == config.rasa_port
    command = [
        sys.executable, "-m", "rasa_extensions", "run", "--enable-api",
        "--interface", "127.0.0.1", "--port", str(port),  # loopback: a TLS proxy publishes it
        "--model", str(config.model), "--endpoints", str(config.endpoints),
        "--credentials", str(config.credentials), "--cors", *config.cors_origins,
    ]
    # One argument each (`--name=value`): a made-up token may begin with "-", which argparse
    # would read as an option after a separate flag (1 start in 64 failed that way).
    if config.rasa_auth_token:
        command += [f"--auth-token={config.rasa_auth_token}"]
    if config.rasa_jwt_secret:
        command += [f"--jwt-secret={config.rasa_jwt_secret}"]
    return Server(
        "Rasa server" if first else f"Rasa server on port {port}",
        command,
        f"http://127.0.0.1:{port}/webhooks/rest/",
        config.log_dir / ("rasa.log" if first else f"rasa-{port}.log"),
        {
            "ACTION_ENDPOINT_URL": f"http://127.0.0.1:{config.action_port}/webhook",
            "ACTION_SERVER_TOKEN": config.action_token,
            "SANIC_REQUEST_MAX_SIZE": str(MAX_BODY_BYTES),
            "CORS_ORIGINS": " ".join(config.cors_origins),  # also the socket's allowed origins
            **config.extra_env,
        },
    )


def make_tracker_file_private(config: StackConfig) -> None:
    """Create a SQLite tracker store's file before Rasa does, readable by its owner only
    (SQLite keeps an existing file's mode, and gives its journal the same)."""
    tracker_file = tracker_sqlite_file(ROOT / config.endpoints)
    if tracker_file is not None:
        create_private_file(ROOT / tracker_file)


class Stack:
    """The servers of the assistant (one or more Rasa servers), started and stopped together."""

    def __init__(self, config: StackConfig) -> None:
        self.config = config
        self.actions = action_server(config)
        self.web = web_app(config)
        self.rasa = rasa_server(config)
        self.rasa_servers = [self.rasa, *(rasa_server(config, p) for p in config.extra_rasa_ports)]
        self.servers = [self.actions, self.web, *self.rasa_servers]

    def start(self, rasa_timeout_s: float = 240.0) -> None:
        verify(self.config.model)
        make_tracker_file_private(self.config)
        try:
            for server in self.servers:
                server.start()
            self.actions.wait_ready(90)
            self.web.wait_ready(60)
            for rasa in self.rasa_servers:
                rasa.wait_ready(rasa_timeout_s)
        except BaseException:
            self.stop()
            raise

    def stop(self) -> None:
        for server in reversed(self.servers):
            server.stop()


def _interrupt(*_: object) -> None:
    raise KeyboardInterrupt


def config_from_env(model: Path) -> StackConfig:
    """The stack's settings for `make run`: ports, secrets and CORS origins (`settings`).

    A secret that is not set is made up at random for this run. The scale-out profile
    (docs/production.md) adds RASA_EXTRA_PORTS, RASA_ENDPOINTS and ACTION_SERVER_SANIC_WORKERS.
    """
    config = settings.current_or_exit()
    return StackConfig(
        model=model,
        rasa_port=config.rasa_port,
        extra_rasa_ports=config.rasa_extra_ports,
        action_port=config.action_port,
        web_port=config.web_port,
        endpoints=Path(config.rasa_endpoints),
        log_dir=ROOT / config.log_dir,
        action_workers=config.action_workers,
        submissions_db_url=config.submissions_db_url,
        staff_token=config.staff_token or settings.made_up_secret(),
        action_token=config.action_server_token or settings.made_up_secret(),
        rasa_auth_token=config.rasa_auth_token or settings.made_up_secret(),
        rasa_jwt_secret=config.rasa_jwt_secret,
        cors_origins=config.cors_origins,
    )


def made_up_secrets(config: StackConfig, given: settings.Settings) -> dict[str, str]:
    """The secrets of `config` that the environment (`given`) did not set: made up for this run."""
    secrets = {
        "STAFF_TOKEN": (given.staff_token, config.staff_token),
        "ACTION_SERVER_TOKEN": (given.action_server_token, config.action_token),
        "RASA_AUTH_TOKEN": (given.rasa_auth_token, config.rasa_auth_token),
    }
    return {name: value for name, (set_value, value) in secrets.items() if not set_value}


def write_secrets(path: Path, secrets: Mapping[str, str]) -> None:
    """Writes `NAME=value` lines to `path`, readable and writable by its owner only; with no
    secrets, removes an earlier run's file."""
    if not secrets:
        path.unlink(missing_ok=True)
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(path, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, 0o600)
    os.fchmod(descriptor, 0o600)  # a file left by an earlier run keeps its mode otherwise
    with os.fdopen(descriptor, "w") as stream:
        stream.write("# Secrets made up by `make run` for this run only (set them to keep them).\n")
        stream.writelines(f"{name}={value}\n" for name, value in secrets.items())


def ready_message(config: StackConfig, secrets: Mapping[str, str], secrets_file: Path) -> str:
    """What `make run` prints once everything answers: where to go, and where the secrets are
    (never a secret itself: terminals, CI logs and screen shares keep what is printed)."""
    chat_urls = "\n".join(
        f"  Chat (REST):  POST http://localhost:{port}/webhooks/rest/webhook"
        for port in config.rasa_ports
    )
    where = (
        f"{', '.join(secrets)} made up for this run: in {secrets_file} (readable by you only)"
        if secrets
        else "STAFF_TOKEN, ACTION_SERVER_TOKEN and RASA_AUTH_TOKEN as set in the environment"
    )
    return (
        "\nThe assistant is running.\n"
        f"  Web chat (demo page): http://localhost:{config.web_port}/\n"
        f"  Staff console:        http://localhost:{config.web_port}/staff"
        f"  (sign in with STAFF_TOKEN)\n"
        f"{chat_urls}\n"
        f'                body: {{"sender": "my-chat-1", "message": "hello"}}\n'
        f"  Staff look-up: GET http://localhost:{config.web_port}/api/submissions/<REFERENCE>\n"
        f"                 header: Authorization: Bearer $STAFF_TOKEN\n"
        f"  Secrets: {where}\n"
        f"  Logs: {config.log_dir}\n"
        "Press Ctrl-C to stop."
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Run the court assistant until Ctrl-C.")
    parser.add_argument("--model", type=Path, default=ROOT / "models" / "assistant.tar.gz")
    args = parser.parse_args(argv)
    config = config_from_env(args.model)
    secrets = made_up_secrets(config, settings.current())
    secrets_file = ROOT / settings.current().run_secrets_file
    write_secrets(secrets_file, secrets)
    stack = Stack(config)
    print("Starting the action server, the web app and the Rasa server (about a minute)...")
    stack.start()
    print(ready_message(config, secrets, secrets_file), flush=True)
    # Ctrl-C and SIGTERM stop everything, also when started in the background (where a shell
    # leaves SIGINT ignored and Python would not turn it into KeyboardInterrupt).
    for stop_signal in (signal.SIGINT, signal.SIGTERM):
        signal.signal(stop_signal, _interrupt)
    try:
        return supervise(stack.servers)
    except KeyboardInterrupt:
        print("\nStopping...")
        return 0
    finally:
        stack.stop()


if __name__ == "__main__":
    sys.exit(main())
