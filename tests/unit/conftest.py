"""Fixtures of the web app tests: a submission store holding the sample payload, and a client
of the web app (`web.app.create_app`) served on a free local port."""

from __future__ import annotations

import pytest
from sample_registration import sample_payload
from sanic import Sanic
from served import RASA_PUBLIC_URLS, STAFF_TOKEN, served

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
