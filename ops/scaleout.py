"""The scale-out profile on one machine, for the scale-out tests and the bench (docs/production.md).

`services` starts a throw-away PostgreSQL and Redis with scripts/services.sh and yields their
settings (TRACKER_DB_*, LOCK_STORE_*, SUBMISSIONS_DB_URL); `scaleout_config` is a stack of
several Rasa servers sharing endpoints.production.yml, with a multi-worker action server.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from ops.local_stack import free_port, local_config
from ops.stack import ROOT, StackConfig

SERVICES_SCRIPT = ROOT / "scripts" / "services.sh"
PRODUCTION_ENDPOINTS = ROOT / "endpoints.production.yml"


def parse_settings(text: str) -> dict[str, str]:
    """The `export NAME=value` lines that scripts/services.sh prints, as a dict."""
    settings = {}
    for line in text.splitlines():
        name, equals, value = line.removeprefix("export ").partition("=")
        if line.startswith("export ") and equals:
            settings[name] = value
    return settings


def _services(command: str, directory: Path) -> str:
    env = {**os.environ, "SERVICES_DIR": str(directory)}
    done = subprocess.run(
        [str(SERVICES_SCRIPT), command], env=env, capture_output=True, text=True, timeout=900
    )
    if done.returncode != 0:
        raise RuntimeError(f"scripts/services.sh {command} failed:\n{done.stderr}")
    return done.stdout


@contextmanager
def services(directory: Path) -> Iterator[dict[str, str]]:
    """Runs PostgreSQL and Redis (state in `directory`) and yields their settings."""
    try:
        yield parse_settings(_services("start", directory))
    finally:
        _services("stop", directory)


def service_pids(directory: Path) -> dict[str, int]:
    """The main process of PostgreSQL and of Redis started by `services(directory)`."""
    pgdata = Path((directory / "pgdata").read_text().strip())
    return {
        "PostgreSQL": int((pgdata / "postmaster.pid").read_text().split()[0]),
        "Redis": int((directory / "redis" / "redis.pid").read_text()),
    }


def scaleout_config(
    workdir: Path,
    settings: Mapping[str, str],
    rasa_servers: int = 2,
    action_workers: int = 2,
    extra_env: Mapping[str, str] | None = None,
    **overrides: Any,
) -> StackConfig:
    """A stack on free ports: `rasa_servers` Rasa servers on PostgreSQL and Redis (`settings`)."""
    return local_config(
        workdir,
        endpoints=PRODUCTION_ENDPOINTS,
        extra_rasa_ports=tuple(free_port() for _ in range(rasa_servers - 1)),
        action_workers=action_workers,
        submissions_db_url=settings["SUBMISSIONS_DB_URL"],
        extra_env={**settings, **(extra_env or {})},
        **overrides,
    )
