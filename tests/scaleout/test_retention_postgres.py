"""Retention and saving once on PostgreSQL, the production database (ops/purge.py,
bot/submission_store.py).

Each test works in a schema of its own, so the scale-out stack's conversations are not touched.
"""

from __future__ import annotations

import threading
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

import settings
from bot.payload import build_payload
from bot.submission_store import SubmissionStore
from ops.purge import Purged, purge

NOW = datetime(2026, 12, 2, 3, 0, tzinfo=timezone.utc)
ANSWERS = {
    "first_name": "Jane", "middle_name": "", "last_name": "Doe", "email": "jane@example.com",
    "phone": "617-555-0123", "street_address": "1 Courthouse Way", "city": "Boston",
    "state": "MA", "zip_code": "02210", "most_recent_case": "1:24-cv-12345",
    "set_payment_defaults": False, "pacer_fees_method": None, "efiling_fees_method": None,
    "admission_fees_method": None, "terms_accepted": True, "confirmed": True,
}


@pytest.fixture
def database(service_settings: dict[str, str], tmp_path: Path) -> Iterator[dict[str, str]]:
    """The service settings pointed at a new, empty schema (standing for a new database), and
    an endpoints file like endpoints.production.yml whose tracker store uses that schema."""
    schema = f"retention_{uuid.uuid4().hex[:8]}"
    url = sa.engine.make_url(service_settings["SUBMISSIONS_DB_URL"])
    admin = sa.create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(sa.text(f"CREATE SCHEMA {schema}"))
    options = {"options": f"-csearch_path={schema}"}
    endpoints = tmp_path / "endpoints.yml"
    endpoints.write_text(
        "tracker_store:\n  type: SQL\n  dialect: postgresql\n  url: ${TRACKER_DB_HOST}\n"
        "  port: ${TRACKER_DB_PORT}\n  db: ${TRACKER_DB_NAME}\n  username: ${TRACKER_DB_USER}\n"
        f"  password: ${{TRACKER_DB_PASSWORD}}\n  query:\n    options: {options['options']}\n"
    )
    try:
        yield {
            **service_settings,
            "SUBMISSIONS_DB_URL": url.update_query_dict(options).render_as_string(
                hide_password=False
            ),
            "RASA_ENDPOINTS": str(endpoints),
            "SCHEMA_OPTIONS": options["options"],
        }
    finally:
        with admin.connect() as connection:
            connection.execute(sa.text(f"DROP SCHEMA {schema} CASCADE"))
        admin.dispose()


def payload(reference: str, days_old: float):
    return build_payload(ANSWERS, now=NOW - timedelta(days=days_old), reference=reference)


async def test_old_conversations_and_submissions_are_deleted_on_postgresql(database):
    store = SQLTrackerStore(
        Domain.empty(), dialect="postgresql", host=database["TRACKER_DB_HOST"],
        port=database["TRACKER_DB_PORT"], db=database["TRACKER_DB_NAME"],
        username=database["TRACKER_DB_USER"], password=database["TRACKER_DB_PASSWORD"],
        query={"options": database["SCHEMA_OPTIONS"]},
    )
    for sender, days_old in [("old", 40), ("recent", 3)]:
        stamp = (NOW - timedelta(days=days_old)).timestamp()
        events = [UserUttered("hi", timestamp=stamp), ActionExecuted("action_listen", timestamp=stamp)]
        await store.save(DialogueStateTracker.from_events(sender, events))
    store.engine.dispose()
    submissions = SubmissionStore(database["SUBMISSIONS_DB_URL"])
    submissions.save(payload("MAD-OLD222", 40))
    submissions.save(payload("MAD-NEW333", 3))

    config = settings.Settings.from_env(database)
    assert purge(config, database, now=NOW) == Purged(submissions=1, conversations=1, events=2)

    assert submissions.find("MAD-OLD222") is None
    assert submissions.find("MAD-NEW333") is not None
    submissions.close()
    engine = sa.create_engine(database["SUBMISSIONS_DB_URL"])
    with engine.connect() as connection:
        senders = connection.execute(sa.text("SELECT DISTINCT sender_id FROM events")).scalars()
        assert list(senders) == ["recent"]
    engine.dispose()


def test_one_confirmation_saved_by_many_workers_at_once_is_stored_once(database):
    stores = [SubmissionStore(database["SUBMISSIONS_DB_URL"]) for _ in range(6)]
    start = threading.Barrier(len(stores))

    def save(index: int) -> str:
        start.wait()
        return stores[index].save(payload(f"MAD-{index}2ZZ22", 0), key="k" * 64).reference

    with ThreadPoolExecutor(len(stores)) as pool:
        references = set(pool.map(save, range(len(stores))))
    assert len(references) == 1
    assert stores[0].find(references.pop()) is not None
    for store in stores:
        store.close()
