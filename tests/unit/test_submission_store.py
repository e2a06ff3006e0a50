"""Tests for bot/submission_store.py on a temporary SQLite file."""

from __future__ import annotations

import os
import re
import sqlite3
import stat
import threading
from concurrent.futures import ThreadPoolExecutor
from contextlib import closing
from datetime import timedelta

import pytest
from sample_registration import ANSWERS, CONFIRMED_AT, REFERENCE, sample_payload

from bot.payload import RegistrationPayload
from bot.submission_store import (
    DEFAULT_DB_URL,
    DuplicateReferenceError,
    StoredSubmission,
    SubmissionStore,
    store_url_from_env,
    submission_key,
)


@pytest.fixture
def db_url(tmp_path):
    return f"sqlite:///{tmp_path / 'submissions.db'}"


def test_saved_payload_comes_back_unchanged(db_url):
    store = SubmissionStore(db_url)
    payload = sample_payload()
    store.save(payload)
    assert store.find(REFERENCE).payload == payload


def test_payload_survives_a_restart(db_url):
    SubmissionStore(db_url).save(sample_payload())
    assert SubmissionStore(db_url).find(REFERENCE).payload == sample_payload()


def test_lookup_ignores_case_and_spaces(db_url):
    store = SubmissionStore(db_url)
    store.save(sample_payload())
    assert store.find(f"  {REFERENCE.lower()} \n").payload == sample_payload()


def test_unknown_reference_gives_none(db_url):
    store = SubmissionStore(db_url)
    store.save(sample_payload())
    assert store.find("MAD-AAAAAA") is None
    assert store.find("") is None


def test_same_reference_cannot_be_saved_twice(db_url):
    store = SubmissionStore(db_url)
    store.save(sample_payload())
    with pytest.raises(DuplicateReferenceError):
        store.save(sample_payload(first_name="Someone"))
    assert store.find(REFERENCE).payload.first_name == "Jane"


def test_each_reference_gets_its_own_row(db_url):
    store = SubmissionStore(db_url)
    store.save(sample_payload())
    store.save(sample_payload(reference="MAD-22ZZ22", last_name="Roe"))
    assert store.find(REFERENCE).payload.last_name == "Doe"
    assert store.find("MAD-22ZZ22").payload.last_name == "Roe"


def test_missing_sqlite_folder_is_created(tmp_path):
    path = tmp_path / "var" / "data" / "submissions.db"
    SubmissionStore(f"sqlite:///{path}").save(sample_payload())
    assert path.is_file()


def test_url_comes_from_env_with_default():
    assert store_url_from_env({"SUBMISSIONS_DB_URL": "postgresql://db/court"}) == (
        "postgresql://db/court"
    )
    assert store_url_from_env({}) == DEFAULT_DB_URL == "sqlite:///var/submissions.db"
    assert store_url_from_env({"SUBMISSIONS_DB_URL": ""}) == DEFAULT_DB_URL


def test_a_payload_saved_again_under_its_key_comes_back_with_the_first_reference(db_url):
    store = SubmissionStore(db_url)
    first = store.save(sample_payload(), key="k" * 64)
    again = store.save(sample_payload(reference="MAD-22ZZ22"), key="k" * 64)
    assert first == again == sample_payload()
    assert store.find("MAD-22ZZ22") is None
    assert store.get_by_key("k" * 64) == sample_payload()


def test_other_keys_and_no_key_save_new_rows(db_url):
    store = SubmissionStore(db_url)
    store.save(sample_payload(), key="a" * 64)
    assert store.save(sample_payload(reference="MAD-22ZZ22"), key="b" * 64).reference == (
        "MAD-22ZZ22"
    )
    assert store.save(sample_payload(reference="MAD-33YY33")).reference == "MAD-33YY33"
    assert store.save(sample_payload(reference="MAD-44XX44")).reference == "MAD-44XX44"
    assert store.get_by_key("c" * 64) is None


def test_one_key_saved_by_many_workers_at_once_is_stored_once(db_url):
    stores = [SubmissionStore(db_url) for _ in range(6)]
    start = threading.Barrier(len(stores))

    def save(index: int) -> str:
        start.wait()
        payload = sample_payload(reference=f"MAD-{index}2ZZ22")
        return stores[index].save(payload, key="k" * 64).reference

    with ThreadPoolExecutor(len(stores)) as pool:
        references = set(pool.map(save, range(len(stores))))
    assert len(references) == 1
    assert stored_references(db_url) == references


def test_submission_key_is_the_same_only_for_the_same_conversation_and_answers():
    key = submission_key("session-1", ANSWERS)
    assert re.fullmatch(r"[0-9a-f]{64}", key)
    assert submission_key("session-1", dict(reversed(list(ANSWERS.items())))) == key
    assert submission_key("session-2", ANSWERS) != key
    assert submission_key("session-1", {**ANSWERS, "city": "Worcester"}) != key
    assert submission_key("session-1", {**ANSWERS, "middle_name": None}) != key


def test_a_store_made_before_submission_keys_is_upgraded(tmp_path):
    path = tmp_path / "old.db"
    with sqlite3.connect(path) as old:
        old.execute(
            "CREATE TABLE submissions (reference VARCHAR(16) PRIMARY KEY, "
            "created_at DATETIME NOT NULL, payload TEXT NOT NULL)"
        )
        old.execute(
            "INSERT INTO submissions VALUES (?, ?, ?)",
            (REFERENCE, "2026-11-25 17:20:00.000000", sample_payload().json()),
        )
    old.close()
    store = SubmissionStore(f"sqlite:///{path}")
    assert store.find(REFERENCE).payload == sample_payload()
    store.save(sample_payload(reference="MAD-22ZZ22"), key="k" * 64)
    assert store.save(sample_payload(reference="MAD-33YY33"), key="k" * 64).reference == (
        "MAD-22ZZ22"
    )
    assert SubmissionStore(f"sqlite:///{path}").get_by_key("k" * 64).reference == "MAD-22ZZ22"


def test_a_new_sqlite_file_is_private_whatever_the_umask(tmp_path):
    path = tmp_path / "var" / "submissions.db"
    old_umask = os.umask(0o022)
    try:
        SubmissionStore(f"sqlite:///{path}").save(sample_payload())
    finally:
        os.umask(old_umask)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_submissions_older_than_a_cutoff_are_deleted(db_url):
    def aged(reference: str, days: int) -> RegistrationPayload:
        created_at = CONFIRMED_AT - timedelta(days=days)
        return sample_payload(reference).copy(update={"created_at": created_at})

    store = SubmissionStore(db_url)
    for reference, days in [(REFERENCE, 31), ("MAD-22ZZ22", 29), ("MAD-33YY33", 0)]:
        store.save(aged(reference, days))
    assert store.delete_older_than(CONFIRMED_AT - timedelta(days=30)) == 1
    assert stored_references(db_url) == {"MAD-22ZZ22", "MAD-33YY33"}
    assert store.delete_older_than(CONFIRMED_AT - timedelta(days=30)) == 0


def stored_references(db_url: str) -> set[str]:
    with closing(sqlite3.connect(db_url.removeprefix("sqlite:///"))) as database:
        return {row[0] for row in database.execute("SELECT reference FROM submissions")}


def test_the_filers_language_is_kept_beside_the_payload(db_url):
    store = SubmissionStore(db_url)
    store.save(sample_payload(), key="a" * 64, language="pt")
    store.save(sample_payload(reference="MAD-22ZZ22"))
    found = SubmissionStore(db_url).find(f" {REFERENCE.lower()} ")
    assert found is not None
    assert (found.payload, found.language) == (sample_payload(), "pt")
    assert SubmissionStore(db_url).find("MAD-22ZZ22").language is None
    assert store.find("MAD-AAAAAA") is None
    # Saved again under the same key (a repeated confirmation): the first row, its language.
    again = store.save(sample_payload(reference="MAD-33YY33"), key="a" * 64, language="es")
    assert again.reference == REFERENCE
    assert store.find(REFERENCE).language == "pt"
    assert store.find("MAD-33YY33") is None


@pytest.mark.parametrize("with_key", [False, True])
def test_a_store_made_before_languages_gets_the_column(tmp_path, with_key):
    path = tmp_path / "old.db"
    key_column = ", submission_key VARCHAR(64)" if with_key else ""
    with closing(sqlite3.connect(path)) as old, old:
        old.execute(
            "CREATE TABLE submissions (reference VARCHAR(16) PRIMARY KEY, "
            f"created_at DATETIME NOT NULL, payload TEXT NOT NULL{key_column})"
        )
        old.execute(
            "INSERT INTO submissions (reference, created_at, payload) VALUES (?, ?, ?)",
            (REFERENCE, "2026-11-25 17:20:00.000000", sample_payload().json()),
        )
    store = SubmissionStore(f"sqlite:///{path}")
    assert store.find(REFERENCE) == StoredSubmission(sample_payload(), None)
    store.save(sample_payload(reference="MAD-22ZZ22"), key="k" * 64, language="es")
    assert SubmissionStore(f"sqlite:///{path}").find("MAD-22ZZ22").language == "es"
    with closing(sqlite3.connect(path)) as database:
        columns = [row[1] for row in database.execute("PRAGMA table_info(submissions)")]
    assert columns == ["reference", "created_at", "payload", "submission_key", "language"]
