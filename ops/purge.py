"""Deletes what the assistant keeps longer than RETENTION_DAYS: submissions and conversations.

`make purge` (`python -m ops.purge`) runs it once; a production server runs it every day
(deploy/systemd/mad-efile-purge.timer). What is kept, and for how long: docs/production.md.

- A submission is deleted RETENTION_DAYS after it was confirmed (its `created_at`).
- A conversation is deleted, all its events at once, RETENTION_DAYS after its last event: no
  conversation is left half deleted, and one still going on is never cut.

The conversations are where the Rasa servers keep them: the SQL tracker store of the endpoints
file named by RASA_ENDPOINTS (a SQLite file under `make run`, PostgreSQL in production), its
${VAR} values filled from the environment as Rasa fills them, its URL made by Rasa's own rules.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import sqlalchemy as sa
import yaml

import settings
from bot.submission_store import SubmissionStore, erase_deleted_rows, sqlite_file

# The columns of Rasa's SQL tracker store table that the purge reads.
_events = sa.Table(
    "events",
    sa.MetaData(),
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("sender_id", sa.String(255)),
    sa.Column("timestamp", sa.Float),
)
_VARIABLE = re.compile(r"\$\{(\w+)\}")


class PurgeError(Exception):
    """The purge cannot run: the message says why."""


@dataclass(frozen=True)
class Purged:
    """What one purge deleted."""

    submissions: int
    conversations: int
    events: int


def _filled(value: object, env: Mapping[str, str]) -> object:
    if not isinstance(value, str):
        return value

    def variable(match: re.Match[str]) -> str:
        if match[1] not in env:
            raise PurgeError(f"The tracker store needs {match[1]}, which is not set.")
        return env[match[1]]

    return _VARIABLE.sub(variable, value)


def _tracker_store_section(endpoints: Path) -> dict[str, Any]:
    try:
        document = yaml.safe_load(endpoints.read_text(encoding="utf-8")) or {}
    except OSError as problem:
        raise PurgeError(f"Cannot read the endpoints file {endpoints}: {problem}") from None
    return dict(document.get("tracker_store") or {})


def tracker_store_url(endpoints: Path, env: Mapping[str, str]) -> str | None:
    """The SQLAlchemy URL of the endpoints file's tracker store; None when it keeps
    conversations in memory only (no `tracker_store`)."""
    section = _tracker_store_section(endpoints)
    if not section:
        return None
    if section.get("type") != "SQL":
        raise PurgeError(f"Only a SQL tracker store can be purged, not {section.get('type')!r}.")
    values = {name: _filled(value, env) for name, value in section.items()}
    from rasa.core.tracker_store import SQLTrackerStore  # Rasa's rules, loaded only here

    url = SQLTrackerStore.get_db_url(
        dialect=values.get("dialect", "sqlite"),
        host=values.get("url"),
        port=values.get("port"),
        db=values.get("db", "rasa.db"),
        username=values.get("username"),
        password=values.get("password"),
        query=values.get("query"),
    )
    return url if isinstance(url, str) else url.render_as_string(hide_password=False)


def tracker_sqlite_file(endpoints: Path) -> Path | None:
    """The SQLite file of the endpoints file's tracker store, or None if it is not one."""
    section = _tracker_store_section(endpoints)
    if section.get("type") != "SQL" or section.get("dialect", "sqlite") != "sqlite":
        return None
    return Path(str(section.get("db", "rasa.db")))


def purge_conversations(url: str, cutoff: datetime) -> tuple[int, int]:
    """Delete every conversation whose last event is older than `cutoff`: (conversations,
    events) deleted. A SQLite file that is not there yet is not created."""
    path = sqlite_file(url)
    if path is not None and not path.exists():
        return 0, 0
    engine = sa.create_engine(url, future=True, hide_parameters=True)
    try:
        if not sa.inspect(engine).has_table("events"):
            return 0, 0
        old = (
            sa.select(_events.c.sender_id)
            .group_by(_events.c.sender_id)
            .having(sa.func.max(_events.c.timestamp) < cutoff.timestamp())
        )
        with engine.begin() as connection:
            erase_deleted_rows(connection)
            senders = connection.execute(sa.select(sa.func.count()).select_from(old.subquery()))
            conversations = senders.scalar_one()
            deleted = connection.execute(sa.delete(_events).where(_events.c.sender_id.in_(old)))
        return conversations, deleted.rowcount
    finally:
        engine.dispose()


def purge(
    config: settings.Settings, env: Mapping[str, str], now: datetime | None = None
) -> Purged:
    """Delete the submissions and conversations older than `config.retention_days`."""
    cutoff = (now or datetime.now(timezone.utc)) - timedelta(days=config.retention_days)
    store = SubmissionStore(config.submissions_db_url)
    try:
        submissions = store.delete_older_than(cutoff)
    finally:
        store.close()
    tracker_url = tracker_store_url(Path(config.rasa_endpoints), env)
    conversations, events = (0, 0) if tracker_url is None else purge_conversations(tracker_url, cutoff)
    return Purged(submissions, conversations, events)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Delete submissions and conversations older than RETENTION_DAYS."
    )
    parser.parse_args(argv)
    config = settings.current_or_exit()
    try:
        done = purge(config, os.environ)
    except (PurgeError, sa.exc.SQLAlchemyError) as problem:
        print(f"Purge failed: {problem}", file=sys.stderr)
        return 1
    print(
        f"Deleted {done.submissions} submissions and {done.conversations} conversations "
        f"({done.events} events) older than {config.retention_days} days."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
