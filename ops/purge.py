"""Deletes what the assistant keeps longer than RETENTION_DAYS: submissions and conversations;
and the help codes that have expired (they work HELP_CODE_HOURS).

`make purge` (`python -m ops.purge`) runs it once; a production server runs it every day
(deploy/systemd/mad-efile-purge.timer). What is kept, and for how long: docs/production.md.

- A submission is deleted RETENTION_DAYS after it was confirmed (its `created_at`).
- A conversation is deleted, all its events at once, RETENTION_DAYS after its last event: no
  conversation is left half deleted, and one still going on is never cut.
- A help code (`bot.help_codes`, in the submissions database) is deleted once it has expired.

The conversations are where the Rasa servers keep them: the SQL tracker store of the endpoints
file named by RASA_ENDPOINTS (a SQLite file under `make run`, PostgreSQL in production), its
${VAR} values filled from the environment as Rasa fills them, its URL made by Rasa's own rules
(`bot.tracker_store_url`, which the dashboard reads too).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

import sqlalchemy as sa

import settings
from bot.help_codes import HelpCodeStore
from bot.submission_store import SubmissionStore, erase_deleted_rows, sqlite_file
from bot.tracker_store_url import TrackerStoreError, tracker_store_url

# The columns of Rasa's SQL tracker store table that the purge reads.
_events = sa.Table(
    "events",
    sa.MetaData(),
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("sender_id", sa.String(255)),
    sa.Column("timestamp", sa.Float),
)


@dataclass(frozen=True)
class Purged:
    """What one purge deleted."""

    submissions: int
    conversations: int
    events: int
    help_codes: int = 0


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
    """Delete the submissions and conversations older than `config.retention_days`, and the
    expired help codes."""
    now = now or datetime.now(timezone.utc)
    cutoff = now - timedelta(days=config.retention_days)
    store = SubmissionStore(config.submissions_db_url)
    try:
        submissions = store.delete_older_than(cutoff)
    finally:
        store.close()
    codes = HelpCodeStore(config.submissions_db_url, config.help_code_hours)
    try:
        help_codes = codes.delete_expired(now)
    finally:
        codes.close()
    tracker_url = tracker_store_url(Path(config.rasa_endpoints), env)
    conversations, events = (0, 0) if tracker_url is None else purge_conversations(tracker_url, cutoff)
    return Purged(submissions, conversations, events, help_codes)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Delete submissions and conversations older than RETENTION_DAYS."
    )
    parser.parse_args(argv)
    config = settings.current_or_exit()
    try:
        done = purge(config, os.environ)
    except (TrackerStoreError, sa.exc.SQLAlchemyError) as problem:
        print(f"Purge failed: {problem}", file=sys.stderr)
        return 1
    print(
        f"Deleted {done.submissions} submissions and {done.conversations} conversations "
        f"({done.events} events) older than {config.retention_days} days, and "
        f"{done.help_codes} expired help codes."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
