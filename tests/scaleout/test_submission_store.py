"""Several processes may open the submissions store at once on a new PostgreSQL database, or on
one made before the store kept submission keys and languages.

The action workers and the web app each create the submissions table (or add its new columns)
on start; on PostgreSQL two CREATE TABLE (or ALTER TABLE) at the same moment make one of them
fail unless the store allows for it.
Each opener here is a thread with its own connection, all let go at the same moment.
"""

from __future__ import annotations

import threading
import uuid
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timezone

import sqlalchemy as sa

from bot.payload import RegistrationPayload, build_payload
from bot.submission_store import StoredSubmission, SubmissionStore

OPENERS = 8
REFERENCE = "MAD-11AA11"
CONFIRMED_AT = datetime(2026, 12, 1, 15, 0, tzinfo=timezone.utc)
ANSWERS = {
    "first_name": "Ana", "middle_name": "", "last_name": "Silva", "email": "ana@example.com",
    "phone": "508-555-0199", "street_address": "9 Elm St", "city": "Lowell", "state": "MA",
    "zip_code": "01852", "most_recent_case": "1:25-cv-10001", "terms_accepted": True,
}


def sample_payload(reference: str = REFERENCE) -> RegistrationPayload:
    return build_payload(ANSWERS, now=CONFIRMED_AT, reference=reference)


def test_stores_opened_at_once_on_a_new_database_all_work(service_settings):
    url = sa.engine.make_url(service_settings["SUBMISSIONS_DB_URL"])
    schema = f"race_{uuid.uuid4().hex[:8]}"
    admin = sa.create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(sa.text(f"CREATE SCHEMA {schema}"))
    try:
        # A schema of its own stands for a new database: the table is not there yet.
        fresh = url.update_query_dict({"options": f"-csearch_path={schema}"})
        fresh = fresh.render_as_string(hide_password=False)
        start = threading.Barrier(OPENERS)

        def open_store(_: int) -> SubmissionStore:
            start.wait()
            return SubmissionStore(fresh)

        with ThreadPoolExecutor(OPENERS) as pool:
            stores = list(pool.map(open_store, range(OPENERS)))
        assert all(store.find("MAD-NONE00") is None for store in stores)
        for store in stores:
            store._engine.dispose()
    finally:
        with admin.connect() as connection:
            connection.execute(sa.text(f"DROP SCHEMA {schema} CASCADE"))
        admin.dispose()


def test_stores_opened_at_once_on_an_old_table_add_the_new_columns(service_settings):
    """A table made before submission keys and languages (one old row): every opener works,
    the old row has no language, a new one keeps its language."""
    url = sa.engine.make_url(service_settings["SUBMISSIONS_DB_URL"])
    schema = f"old_{uuid.uuid4().hex[:8]}"
    admin = sa.create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(sa.text(f"CREATE SCHEMA {schema}"))
        connection.execute(
            sa.text(
                f"CREATE TABLE {schema}.submissions (reference VARCHAR(16) PRIMARY KEY, "
                "created_at TIMESTAMP WITH TIME ZONE NOT NULL, payload TEXT NOT NULL)"
            )
        )
        connection.execute(
            sa.text(f"INSERT INTO {schema}.submissions VALUES (:reference, :created_at, :payload)"),
            {
                "reference": REFERENCE,
                "created_at": sample_payload().created_at,
                "payload": sample_payload().json(),
            },
        )
    try:
        old = url.update_query_dict({"options": f"-csearch_path={schema}"})
        old = old.render_as_string(hide_password=False)
        start = threading.Barrier(OPENERS)

        def open_store(_: int) -> SubmissionStore:
            start.wait()
            return SubmissionStore(old)

        with ThreadPoolExecutor(OPENERS) as pool:
            stores = list(pool.map(open_store, range(OPENERS)))
        assert stores[0].find(REFERENCE) == StoredSubmission(sample_payload(), None)
        stores[1].save(sample_payload(reference="MAD-22ZZ22"), key="k" * 64, language="es")
        assert stores[2].find("MAD-22ZZ22").language == "es"
        assert stores[3].save(sample_payload(reference="MAD-33YY33"), key="k" * 64).reference == (
            "MAD-22ZZ22"
        )
        for store in stores:
            store.close()
    finally:
        with admin.connect() as connection:
            connection.execute(sa.text(f"DROP SCHEMA {schema} CASCADE"))
        admin.dispose()
