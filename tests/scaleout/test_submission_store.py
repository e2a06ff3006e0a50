"""Several processes may open the submissions store at once on a new PostgreSQL database.

The action workers and the web app each create the submissions table on start; on PostgreSQL
two CREATE TABLE at the same moment make one of them fail unless the store allows for it.
Each opener here is a thread with its own connection, all let go at the same moment.
"""

from __future__ import annotations

import threading
import uuid
from concurrent.futures import ThreadPoolExecutor

import sqlalchemy as sa

from bot.submission_store import SubmissionStore

OPENERS = 8


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
        assert all(store.get("MAD-NONE00") is None for store in stores)
        for store in stores:
            store._engine.dispose()
    finally:
        with admin.connect() as connection:
            connection.execute(sa.text(f"DROP SCHEMA {schema} CASCADE"))
        admin.dispose()
