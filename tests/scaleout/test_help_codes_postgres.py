"""Help codes (bot/help_codes.py) on PostgreSQL, as the production profile keeps them: several
processes open the store at once on a new database, workers asking for one conversation's code
at the same moment get one code, and a code works exactly HELP_CODE_HOURS (a time zone column)."""

from __future__ import annotations

import re
import threading
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta, timezone

import pytest
import sqlalchemy as sa

from bot.help_codes import HELP_CODE_PATTERN, HelpCodeStore

WORKERS = 8
HOURS = 4
NOON = datetime(2026, 12, 2, 12, 0, tzinfo=timezone.utc)


@pytest.fixture
def fresh_url(service_settings: dict[str, str]) -> Iterator[str]:
    """The submissions database seen through a schema of its own: a new database, no table yet."""
    url = sa.engine.make_url(service_settings["SUBMISSIONS_DB_URL"])
    schema = f"codes_{uuid.uuid4().hex[:8]}"
    admin = sa.create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(sa.text(f"CREATE SCHEMA {schema}"))
    try:
        fresh = url.update_query_dict({"options": f"-csearch_path={schema}"})
        yield fresh.render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(sa.text(f"DROP SCHEMA {schema} CASCADE"))
        admin.dispose()


def at_once(count: int, work) -> list:
    """`work(index)` in `count` threads let go at the same moment; their results."""
    start = threading.Barrier(count)

    def run(index: int):
        start.wait()
        return work(index)

    with ThreadPoolExecutor(count) as pool:
        return list(pool.map(run, range(count)))


def test_stores_opened_at_once_on_a_new_database_all_work(fresh_url):
    stores = at_once(WORKERS, lambda _: HelpCodeStore(fresh_url, HOURS))
    codes = [store.issue(f"webchat:conversation-{i}", now=NOON) for i, store in enumerate(stores)]
    assert all(re.fullmatch(HELP_CODE_PATTERN, code) for code in codes)
    assert len(set(codes)) == WORKERS
    assert [stores[0].conversation_for(code, now=NOON) for code in codes] == [
        f"webchat:conversation-{i}" for i in range(WORKERS)
    ]
    for store in stores:
        store.close()


def test_workers_asking_for_one_conversation_at_once_get_one_code(fresh_url):
    stores = [HelpCodeStore(fresh_url, HOURS) for _ in range(WORKERS)]
    codes = at_once(WORKERS, lambda i: stores[i].issue("webchat:one-conversation", now=NOON))
    assert len(set(codes)) == 1
    for store in stores:
        store.close()


def test_a_code_works_exactly_its_hours_whatever_the_time_zone(fresh_url):
    store = HelpCodeStore(fresh_url, HOURS)
    code = store.issue("webchat:one-conversation", now=NOON)
    boston = timezone(timedelta(hours=-5))
    last_second = (NOON + timedelta(hours=HOURS, seconds=-1)).astimezone(boston)
    assert store.conversation_for(code, now=last_second) == "webchat:one-conversation"
    assert store.conversation_for(code, now=last_second + timedelta(seconds=1)) is None
    later = NOON + timedelta(hours=HOURS)
    assert store.delete_expired(now=later) == 1
    again = store.issue("webchat:one-conversation", now=later)
    assert store.conversation_for(again, now=later) == "webchat:one-conversation"
    store.close()
