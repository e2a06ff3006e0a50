"""Keeps confirmed registration payloads in a SQL database, one row per reference code.

Built on SQLAlchemy Core so the same code runs on SQLite and PostgreSQL. The store is synchronous;
async callers wrap its calls in `asyncio.to_thread`.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from sqlalchemy import (
    Column,
    DateTime,
    MetaData,
    String,
    Table,
    Text,
    create_engine,
    insert,
    select,
)
from sqlalchemy.engine import make_url
from sqlalchemy.exc import IntegrityError, ProgrammingError

from bot.payload import RegistrationPayload

DEFAULT_DB_URL = "sqlite:///var/submissions.db"
DB_URL_ENV_VAR = "SUBMISSIONS_DB_URL"

_metadata = MetaData()
_submissions = Table(
    "submissions",
    _metadata,
    Column("reference", String(16), primary_key=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("payload", Text, nullable=False),
)


class DuplicateReferenceError(Exception):
    """A submission with this reference code is already stored."""


def store_url_from_env(env: Mapping[str, str]) -> str:
    """The database URL from `SUBMISSIONS_DB_URL`, or `DEFAULT_DB_URL` when unset or empty."""
    return env.get(DB_URL_ENV_VAR) or DEFAULT_DB_URL


def _make_sqlite_parent_dir(url: str) -> None:
    """SQLite creates a missing file but not a missing folder, so make the folder first."""
    parsed = make_url(url)
    database = parsed.database
    in_a_file = database and database != ":memory:" and not database.startswith("file:")
    if parsed.get_backend_name() == "sqlite" and in_a_file:
        Path(database).parent.mkdir(parents=True, exist_ok=True)


class SubmissionStore:
    """Saves and finds registration payloads by reference code."""

    def __init__(self, url: str) -> None:
        _make_sqlite_parent_dir(url)
        self._engine = create_engine(url, future=True)
        try:
            _metadata.create_all(self._engine)
        except (IntegrityError, ProgrammingError):
            # Another process (an action worker, the web app) created the table at the same
            # moment; PostgreSQL then refuses the second CREATE TABLE. It is there now.
            _metadata.create_all(self._engine)

    def save(self, payload: RegistrationPayload) -> None:
        """Store a payload. Raises `DuplicateReferenceError` if its reference is taken."""
        row = {
            "reference": payload.reference,
            "created_at": payload.created_at,
            "payload": payload.json(),
        }
        try:
            with self._engine.begin() as connection:
                connection.execute(insert(_submissions).values(**row))
        except IntegrityError as error:
            raise DuplicateReferenceError(payload.reference) from error

    def get(self, reference: str) -> RegistrationPayload | None:
        """The payload stored under a reference code (any case, spaces trimmed), or None."""
        query = select(_submissions.c.payload).where(
            _submissions.c.reference == reference.strip().upper()
        )
        with self._engine.connect() as connection:
            text = connection.execute(query).scalar_one_or_none()
        return None if text is None else RegistrationPayload.parse_raw(text)
