"""Starts the real action server, web app and Rasa server once for the integration tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from ops.filer import SIMULATION_RATE_LIMITS
from ops.local_stack import Assistant, local_config, running


@pytest.fixture(scope="session")
def assistant(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Assistant]:
    # A test types much faster than a person, all from 127.0.0.1: lift the rate limits here.
    config = local_config(tmp_path_factory.mktemp("stack"), extra_env=SIMULATION_RATE_LIMITS)
    with running(config) as stack:
        yield Assistant(stack.config)
