"""Tests for bot/submission_store.py on a temporary SQLite file."""

from __future__ import annotations

import pytest
from sample_registration import REFERENCE, sample_payload

from bot.submission_store import (
    DEFAULT_DB_URL,
    DuplicateReferenceError,
    SubmissionStore,
    store_url_from_env,
)


@pytest.fixture
def db_url(tmp_path):
    return f"sqlite:///{tmp_path / 'submissions.db'}"


def test_saved_payload_comes_back_unchanged(db_url):
    store = SubmissionStore(db_url)
    payload = sample_payload()
    store.save(payload)
    assert store.get(REFERENCE) == payload


def test_payload_survives_a_restart(db_url):
    SubmissionStore(db_url).save(sample_payload())
    assert SubmissionStore(db_url).get(REFERENCE) == sample_payload()


def test_lookup_ignores_case_and_spaces(db_url):
    store = SubmissionStore(db_url)
    store.save(sample_payload())
    assert store.get(f"  {REFERENCE.lower()} \n") == sample_payload()


def test_unknown_reference_gives_none(db_url):
    store = SubmissionStore(db_url)
    store.save(sample_payload())
    assert store.get("MAD-AAAAAA") is None
    assert store.get("") is None


def test_same_reference_cannot_be_saved_twice(db_url):
    store = SubmissionStore(db_url)
    store.save(sample_payload())
    with pytest.raises(DuplicateReferenceError):
        store.save(sample_payload(first_name="Someone"))
    assert store.get(REFERENCE).first_name == "Jane"


def test_each_reference_gets_its_own_row(db_url):
    store = SubmissionStore(db_url)
    store.save(sample_payload())
    store.save(sample_payload(reference="MAD-22ZZ22", last_name="Roe"))
    assert store.get(REFERENCE).last_name == "Doe"
    assert store.get("MAD-22ZZ22").last_name == "Roe"


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
