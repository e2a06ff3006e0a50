"""Fixtures of the web app tests: a submission store holding the sample payload, and a client
of the web app (`web.app.create_app`) served on a free local port; and the help codes of the
actions (`actions.handoff`) kept in a temporary database."""

from __future__ import annotations

import pytest
from sample_registration import sample_payload
from sanic import Sanic
from served import RASA_PUBLIC_URLS, STAFF_TOKEN, served

from actions import handoff
from bot.help_codes import HelpCodeStore
from bot.staff_mode import StaffProofs
from bot.submission_store import SubmissionStore
from web.app import create_app


@pytest.fixture
def store(tmp_path):
    store = SubmissionStore(f"sqlite:///{tmp_path / 'submissions.db'}")
    store.save(sample_payload())
    return store


@pytest.fixture
async def client(store, monkeypatch):
    # Test mode lets Sanic start more than one app in the same process.
    monkeypatch.setattr(Sanic, "test_mode", True)
    monkeypatch.setenv("RASA_PUBLIC_URLS", RASA_PUBLIC_URLS)
    async with served(create_app(store, STAFF_TOKEN)) as session:
        yield session


@pytest.fixture
def help_codes(tmp_path, monkeypatch):
    """The actions' help code store, in a temporary database (not var/submissions.db)."""
    monkeypatch.setenv("SUBMISSIONS_DB_URL", f"sqlite:///{tmp_path / 'help-codes.db'}")
    handoff.help_code_store.cache_clear()
    yield HelpCodeStore(f"sqlite:///{tmp_path / 'help-codes.db'}", 4)
    handoff.help_code_store.cache_clear()


@pytest.fixture
def proofs(tmp_path, monkeypatch):
    """The staff-mode proofs table, in SUBMISSIONS_DB_URL's database (the web app writes it,
    the action server reads it), here a temporary one."""
    url = f"sqlite:///{tmp_path / 'proofs.db'}"
    monkeypatch.setenv("SUBMISSIONS_DB_URL", url)
    store = StaffProofs(url)
    yield store
    store.close()
