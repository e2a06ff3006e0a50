"""Retention (ops/purge.py): old submissions and conversations are deleted from real SQLite files.

The conversations are written by Rasa's own SQL tracker store, so the purge is checked on the
table Rasa makes, and Rasa still reads what is kept.
"""

from __future__ import annotations

import os
import sqlite3
import stat
import subprocess
import sys
from contextlib import closing
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from sample_registration import sample_payload

import settings
from bot.help_codes import HelpCodeStore
from bot.submission_store import SubmissionStore
from ops.local_stack import local_config, tracker_db
from ops.purge import Purged, purge
from ops.stack import ROOT, make_tracker_file_private

NOW = datetime(2026, 12, 2, 3, 0, tzinfo=timezone.utc)
DAY = 24 * 3600.0


def days_ago(days: float) -> float:
    return NOW.timestamp() - days * DAY


@pytest.fixture
def place(tmp_path: Path) -> dict[str, Path]:
    endpoints = tmp_path / "endpoints.yml"
    tracker = tmp_path / "tracker.db"
    endpoints.write_text(f'tracker_store:\n  type: SQL\n  dialect: "sqlite"\n  db: "{tracker}"\n')
    return {"endpoints": endpoints, "tracker": tracker, "submissions": tmp_path / "submissions.db"}


def config_for(place: dict[str, Path], days: str = "30") -> settings.Settings:
    return settings.Settings.from_env(
        {
            "SUBMISSIONS_DB_URL": f"sqlite:///{place['submissions']}",
            "RASA_ENDPOINTS": str(place["endpoints"]),
            "RETENTION_DAYS": days,
        }
    )


async def save_conversation(store: SQLTrackerStore, sender: str, *ages: float) -> None:
    """A conversation with one user message (and the listen after it) at each age in days."""
    events = []
    for age in ages:
        events += [
            UserUttered("hello", {"name": "greet"}, timestamp=days_ago(age)),
            ActionExecuted("action_listen", timestamp=days_ago(age) + 1),
        ]
    await store.save(DialogueStateTracker.from_events(sender, events))


def senders_in(tracker: Path) -> dict[str, int]:
    with closing(sqlite3.connect(tracker)) as database:
        rows = database.execute("SELECT sender_id, count(*) FROM events GROUP BY sender_id")
        return dict(rows.fetchall())


def save_submissions(place: dict[str, Path], **ages: float) -> None:
    store = SubmissionStore(f"sqlite:///{place['submissions']}")
    for reference, age in ages.items():
        created_at = NOW - timedelta(days=age)
        store.save(sample_payload(reference).copy(update={"created_at": created_at}))
    store.close()


def references_in(place: dict[str, Path]) -> set[str]:
    with closing(sqlite3.connect(place["submissions"])) as database:
        return {row[0] for row in database.execute("SELECT reference FROM submissions")}


async def test_old_conversations_and_submissions_go_and_the_rest_stays(place):
    store = SQLTrackerStore(Domain.empty(), db=str(place["tracker"]))
    await save_conversation(store, "old", 45, 31)
    await save_conversation(store, "going-on", 60, 2)  # old start, recent last message: kept whole
    await save_conversation(store, "recent", 1)
    save_submissions(place, **{"MAD-OLD222": 31, "MAD-NEW333": 29})

    done = purge(config_for(place), {}, now=NOW)

    assert done == Purged(submissions=1, conversations=1, events=4)
    assert senders_in(place["tracker"]) == {"going-on": 4, "recent": 2}
    assert references_in(place) == {"MAD-NEW333"}
    kept = await SQLTrackerStore(Domain.empty(), db=str(place["tracker"])).retrieve("going-on")
    assert [event.timestamp for event in kept.events][:1] == [days_ago(60)]
    assert purge(config_for(place), {}, now=NOW) == Purged(0, 0, 0)


def test_expired_help_codes_go_and_live_ones_stay(place):
    codes = HelpCodeStore(f"sqlite:///{place['submissions']}", 4)
    old = codes.issue("webchat:expired-one", now=NOW - timedelta(hours=4))
    live = codes.issue("webchat:live-one", now=NOW - timedelta(hours=3))
    assert purge(config_for(place), {}, now=NOW) == Purged(0, 0, 0, help_codes=1)
    assert codes.conversation_for(live, now=NOW) == "webchat:live-one"
    assert codes.conversation_for(old, now=NOW - timedelta(hours=5)) is None
    codes.close()


async def test_the_retention_setting_decides(place):
    store = SQLTrackerStore(Domain.empty(), db=str(place["tracker"]))
    await save_conversation(store, "eight days", 8)
    await save_conversation(store, "six days", 6)
    save_submissions(place, **{"MAD-OLD222": 8, "MAD-NEW333": 6})
    assert purge(config_for(place, days="7"), {}, now=NOW) == Purged(1, 1, 2)
    assert set(senders_in(place["tracker"])) == {"six days"}
    assert references_in(place) == {"MAD-NEW333"}


@pytest.fixture
def sqlite_without_secure_delete():
    """Every new SQLite connection starts with secure_delete off, as in SQLite's own default
    build (Debian's turns it on)."""

    def switch_off(dbapi_connection, _record) -> None:
        dbapi_connection.execute("PRAGMA secure_delete = OFF")

    sa.event.listen(sa.engine.Engine, "connect", switch_off)
    yield
    sa.event.remove(sa.engine.Engine, "connect", switch_off)


async def test_deleted_rows_leave_no_trace_in_the_sqlite_files(
    place, sqlite_without_secure_delete
):
    store = SQLTrackerStore(Domain.empty(), db=str(place["tracker"]))
    old = DialogueStateTracker.from_events(
        "old", [UserUttered("my name is Zebulon Quixote", timestamp=days_ago(40))]
    )
    await store.save(old)
    await save_conversation(store, "recent", 1)
    submissions = SubmissionStore(f"sqlite:///{place['submissions']}")
    created_at = NOW - timedelta(days=40)
    submissions.save(sample_payload(last_name="Quixote").copy(update={"created_at": created_at}))
    submissions.close()
    assert b"Quixote" in place["tracker"].read_bytes() + place["submissions"].read_bytes()
    assert purge(config_for(place), {}, now=NOW) == Purged(1, 1, 1)
    assert b"Quixote" not in place["tracker"].read_bytes()
    assert b"Quixote" not in place["submissions"].read_bytes()


def test_a_tracker_file_not_made_yet_is_not_created(place):
    assert purge(config_for(place), {}, now=NOW) == Purged(0, 0, 0)
    assert not place["tracker"].exists()


def test_conversations_kept_in_memory_only_leave_only_submissions(place):
    place["endpoints"].write_text("action_endpoint:\n  url: ${ACTION_ENDPOINT_URL}\n")
    save_submissions(place, **{"MAD-OLD222": 40})
    assert purge(config_for(place), {}, now=NOW) == Purged(1, 0, 0)


async def test_make_purge_runs_the_command_and_says_what_it_deleted(place):
    store = SQLTrackerStore(Domain.empty(), db=str(place["tracker"]))
    await save_conversation(store, "old", 400)
    save_submissions(place, **{"MAD-OLD222": 400})
    env = {
        **os.environ,
        "SUBMISSIONS_DB_URL": f"sqlite:///{place['submissions']}",
        "RASA_ENDPOINTS": str(place["endpoints"]),
        "RETENTION_DAYS": "30",
    }
    done = subprocess.run(
        [sys.executable, "-m", "ops.purge"], cwd=ROOT, env=env, capture_output=True, text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout == (
        "Deleted 1 submissions and 1 conversations (2 events) older than 30 days, and 0 expired "
        "help codes.\n"
    )
    assert senders_in(place["tracker"]) == {}


def test_a_purge_that_cannot_run_exits_non_zero_with_the_reason(tmp_path):
    env = {**os.environ, "RASA_ENDPOINTS": str(tmp_path / "missing.yml"),
           "SUBMISSIONS_DB_URL": f"sqlite:///{tmp_path / 'submissions.db'}"}
    done = subprocess.run(
        [sys.executable, "-m", "ops.purge"], cwd=ROOT, env=env, capture_output=True, text=True,
        timeout=120,
    )
    assert done.returncode == 1
    assert done.stderr.startswith(f"Purge failed: Cannot read the endpoints file {tmp_path}")


async def test_make_run_creates_the_tracker_file_private_and_rasa_uses_it(tmp_path):
    config = local_config(tmp_path)
    old_umask = os.umask(0o022)
    try:
        make_tracker_file_private(config)
        store = SQLTrackerStore(Domain.empty(), db=str(tracker_db(config)))
        await save_conversation(store, "filer", 0)
    finally:
        os.umask(old_umask)
    assert stat.S_IMODE(tracker_db(config).stat().st_mode) == 0o600
    assert senders_in(tracker_db(config)) == {"filer": 2}
    make_tracker_file_private(config)  # an existing file is kept as it is
    assert senders_in(tracker_db(config)) == {"filer": 2}
