"""The court's dashboard (bot/dashboard.py, bot/answer_ratings.py) on PostgreSQL, the production
database: the known conversations, written by Rasa's SQLTrackerStore, give the same figures as
on SQLite. The test works in a schema of its own."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
import sqlalchemy as sa
from dashboard_conversations import PERIOD, save_all, tables_of
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain

from bot.answer_ratings import RatingStore


@pytest.fixture
def schema_url(service_settings: dict[str, str]) -> Iterator[tuple[str, str]]:
    """(URL of a new, empty schema of the PostgreSQL database, its connection options)."""
    schema = f"dashboard_{uuid.uuid4().hex[:8]}"
    url = sa.engine.make_url(service_settings["SUBMISSIONS_DB_URL"])
    admin = sa.create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(sa.text(f"CREATE SCHEMA {schema}"))
    options = f"-csearch_path={schema}"
    try:
        yield url.update_query_dict({"options": options}).render_as_string(hide_password=False), options
    finally:
        with admin.connect() as connection:
            connection.execute(sa.text(f"DROP SCHEMA {schema} CASCADE"))
        admin.dispose()


async def test_the_dashboard_figures_are_the_same_on_postgresql(
    schema_url: tuple[str, str], service_settings: dict[str, str], tmp_path: Path
) -> None:
    url, options = schema_url
    postgres = SQLTrackerStore(
        Domain.empty(), dialect="postgresql", host=service_settings["TRACKER_DB_HOST"],
        port=service_settings["TRACKER_DB_PORT"], db=service_settings["TRACKER_DB_NAME"],
        username=service_settings["TRACKER_DB_USER"],
        password=service_settings["TRACKER_DB_PASSWORD"], query={"options": options},
    )
    sqlite = SQLTrackerStore(Domain.empty(), db=str(tmp_path / "tracker.db"))
    for store in (postgres, sqlite):
        await save_all(store)
        store.engine.dispose()
    on_postgres = tables_of(url)
    assert on_postgres == tables_of(f"sqlite:///{tmp_path / 'tracker.db'}")
    assert on_postgres["completion"].rows[-1] == ("Completion rate (sent / started)", "67%")
    assert on_postgres["unanswered"].rows[0] == ("How do I register my BOAT?", 2)
    assert on_postgres["languages"].rows == (("not set", 2), ("es", 1), ("pt", 1))


def test_answer_ratings_are_counted_on_postgresql(schema_url: tuple[str, str]) -> None:
    store = RatingStore(schema_url[0])
    try:
        store.add("utter_what_is_pacer", "up", date(2026, 11, 2))
        store.add("utter_what_is_pacer", "down", date(2026, 11, 3))
        store.add("utter_fee_types", "down", date(2026, 12, 1))
        assert store.counts(PERIOD).rows == (("utter_what_is_pacer", 1, 1),)
    finally:
        store.close()
