"""Keeps confirmed registration payloads in a SQL database, one row per reference code.

Built on SQLAlchemy Core so the same code runs on SQLite and PostgreSQL. The store is synchronous;
async callers wrap its calls in `asyncio.to_thread`.

A submission is saved once: each row may carry a submission key made from the conversation and
its answers (`submission_key`), and saving a payload under a key that is already stored returns
the stored payload, so a confirmation repeated after a timeout gets the same reference code.
Beside the payload (language-neutral) each row keeps the language the filer used (`language`, a
code like "es"; None in rows saved before it was kept), for the staff look-up.
Rows older than the retention period are deleted by `delete_older_than` (`make purge`). A new
SQLite file is created readable by its owner only.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import (
    Column,
    DateTime,
    Index,
    MetaData,
    String,
    Table,
    Text,
    create_engine,
    delete,
    insert,
    inspect,
    select,
    text,
)
from sqlalchemy.engine import Connection, Engine, make_url
from sqlalchemy.exc import IntegrityError, OperationalError, ProgrammingError

from bot.payload import RegistrationPayload

DEFAULT_DB_URL = "sqlite:///var/submissions.db"
DB_URL_ENV_VAR = "SUBMISSIONS_DB_URL"
PRIVATE_FILE_MODE = 0o600

_metadata = MetaData()
_submissions = Table(
    "submissions",
    _metadata,
    Column("reference", String(16), primary_key=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("payload", Text, nullable=False),
    Column("submission_key", String(64), nullable=True),
    Column("language", String(8), nullable=True),
)
# Columns added after the table was first made: a store made before them gets them at start.
_ADDED_COLUMNS = {"submission_key": "VARCHAR(64)", "language": "VARCHAR(8)"}
_by_key = Index("ix_submissions_submission_key", _submissions.c.submission_key, unique=True)


class DuplicateReferenceError(Exception):
    """A submission with this reference code is already stored."""


@dataclass(frozen=True)
class StoredSubmission:
    """A stored payload and the language its filer used (None when not known)."""

    payload: RegistrationPayload
    language: str | None


def store_url_from_env(env: Mapping[str, str]) -> str:
    """The database URL from `SUBMISSIONS_DB_URL`, or `DEFAULT_DB_URL` when unset or empty."""
    return env.get(DB_URL_ENV_VAR) or DEFAULT_DB_URL


def submission_key(conversation_id: str, answers: Mapping[str, object]) -> str:
    """The same 64 hex digits for the same conversation and answers, and only for them."""
    canonical = json.dumps([conversation_id, dict(answers)], sort_keys=True, default=str)
    return hashlib.sha256(canonical.encode()).hexdigest()


def sqlite_file(url: str) -> Path | None:
    """The file of a SQLite URL, or None for another database or an in-memory one."""
    parsed = make_url(url)
    database = parsed.database
    in_a_file = database and database != ":memory:" and not database.startswith("file:")
    return Path(database) if parsed.get_backend_name() == "sqlite" and in_a_file else None


def create_private_file(path: Path) -> None:
    """Create `path` (and its folder) readable and writable by its owner only, if missing.

    SQLite uses an empty file as a new database and gives its journal the same mode.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    os.close(os.open(path, os.O_CREAT | os.O_WRONLY, PRIVATE_FILE_MODE))


def erase_deleted_rows(connection: Connection) -> None:
    """On SQLite, make this connection's deletes overwrite the deleted rows in the file (else
    their text stays on disk in free pages until reused). PostgreSQL's vacuum reclaims them."""
    if connection.dialect.name == "sqlite":
        connection.exec_driver_sql("PRAGMA secure_delete = ON")


def _add_missing_columns(engine: Engine) -> None:
    """Stores made before submission keys or languages get the columns and the key's index."""
    columns = {column["name"] for column in inspect(engine).get_columns("submissions")}
    for name, sql_type in _ADDED_COLUMNS.items():
        if name in columns:
            continue
        try:
            with engine.begin() as connection:
                connection.execute(text(f"ALTER TABLE submissions ADD COLUMN {name} {sql_type}"))
        except (OperationalError, ProgrammingError):
            # Another process added it at the same moment; it is there now.
            pass
    # Another process may create the index at the same moment: PostgreSQL refuses the second.
    with contextlib.suppress(IntegrityError, ProgrammingError):
        _by_key.create(engine, checkfirst=True)


class SubmissionStore:
    """Saves and finds registration payloads by reference code."""

    def __init__(self, url: str) -> None:
        path = sqlite_file(url)
        if path is not None:
            create_private_file(path)
        self._engine = create_engine(url, future=True, hide_parameters=True)
        try:
            _metadata.create_all(self._engine)
        except (IntegrityError, ProgrammingError):
            # Another process (an action worker, the web app) created the table at the same
            # moment; PostgreSQL then refuses the second CREATE TABLE. It is there now.
            _metadata.create_all(self._engine)
        _add_missing_columns(self._engine)

    def save(
        self, payload: RegistrationPayload, key: str | None = None, language: str | None = None
    ) -> RegistrationPayload:
        """Store a payload, with its filer's language, and return what is stored: the payload
        already saved under `key` if there is one. Raises `DuplicateReferenceError` if the
        reference is taken."""
        if key is not None and (stored := self.get_by_key(key)) is not None:
            return stored
        row = {
            "reference": payload.reference,
            "created_at": payload.created_at,
            "payload": payload.json(),
            "submission_key": key,
            "language": language,
        }
        try:
            with self._engine.begin() as connection:
                connection.execute(insert(_submissions).values(**row))
        except IntegrityError as error:
            # Saved under the same key by another worker at the same moment?
            if key is not None and (stored := self.get_by_key(key)) is not None:
                return stored
            raise DuplicateReferenceError(payload.reference) from error
        return payload

    def find(self, reference: str) -> StoredSubmission | None:
        """The submission stored under a reference code (any case, spaces trimmed), or None."""
        return self._one(_submissions.c.reference == reference.strip().upper())

    def get_by_key(self, key: str) -> RegistrationPayload | None:
        """The payload saved under a submission key, or None."""
        found = self._one(_submissions.c.submission_key == key)
        return None if found is None else found.payload

    def _one(self, condition: object) -> StoredSubmission | None:
        query = select(_submissions.c.payload, _submissions.c.language).where(condition)
        with self._engine.connect() as connection:
            row = connection.execute(query).one_or_none()
        if row is None:
            return None
        return StoredSubmission(RegistrationPayload.parse_raw(row.payload), row.language)

    def delete_older_than(self, cutoff: datetime) -> int:
        """Delete every submission created before `cutoff`; returns how many."""
        with self._engine.begin() as connection:
            erase_deleted_rows(connection)
            result = connection.execute(
                delete(_submissions).where(_submissions.c.created_at < cutoff)
            )
        return result.rowcount

    def close(self) -> None:
        """Let go of the database connections."""
        self._engine.dispose()
