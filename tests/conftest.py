"""Fixtures for every test: each test reads the settings afresh from its own environment."""

from __future__ import annotations

import pytest

import settings


@pytest.fixture(autouse=True)
def fresh_settings():
    """`settings.current()` is read once per process; a test that sets variables gets them."""
    settings.current.cache_clear()
    yield
    settings.current.cache_clear()
