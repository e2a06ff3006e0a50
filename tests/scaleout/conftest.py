"""Starts PostgreSQL, Redis and the scale-out stack once for the scale-out tests.

Two Rasa servers share endpoints.production.yml (SQL tracker store on PostgreSQL, Redis lock
store) and count chat rate limits in Redis; the action server runs two workers; the web app
lists both Rasa servers.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
import sqlalchemy as sa

from ops.filer import SIMULATION_RATE_LIMITS
from ops.local_stack import Assistant, running
from ops.scaleout import scaleout_config, services
from ops.stack import StackConfig

# Room for a whole registration (19 turns), small enough to see that both servers count in
# one Redis bucket (test_scaleout.py).
SENDER_BURST = 40
SENDER_LIMIT = f"0.5/{SENDER_BURST}"


@dataclass
class ScaleOut:
    """The running scale-out stack, and a direct connection to its tracker database."""

    config: StackConfig
    database: sa.engine.Engine
    sender_burst: int = SENDER_BURST

    @property
    def rasa_urls(self) -> list[str]:
        return [f"http://127.0.0.1:{port}" for port in self.config.rasa_ports]

    @property
    def assistant(self) -> Assistant:
        return Assistant(self.config)

    def stored_events(self, sender: str) -> list[dict]:
        """The conversation's events as PostgreSQL holds them, in the order they were saved."""
        query = sa.text("SELECT data FROM events WHERE sender_id = :sender ORDER BY id")
        with self.database.connect() as connection:
            return [json.loads(row.data) for row in connection.execute(query, {"sender": sender})]


@pytest.fixture(scope="session")
def service_settings(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    """PostgreSQL and Redis, running; their TRACKER_DB_*, LOCK_STORE_* settings."""
    with services(tmp_path_factory.mktemp("services")) as settings:
        yield settings


@pytest.fixture(scope="session")
def scaleout(
    tmp_path_factory: pytest.TempPathFactory, service_settings: dict[str, str]
) -> Iterator[ScaleOut]:
    limits = {**SIMULATION_RATE_LIMITS, "CHAT_RATE_PER_SENDER": SENDER_LIMIT}
    config = scaleout_config(tmp_path_factory.mktemp("scaleout"), service_settings, extra_env=limits)
    database = sa.create_engine(service_settings["SUBMISSIONS_DB_URL"])
    try:
        with running(config):
            yield ScaleOut(config, database)
    finally:
        database.dispose()
