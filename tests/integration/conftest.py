"""Starts the real action server, web app and Rasa server once for the integration tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from ops.testing import Assistant, local_config, running


@pytest.fixture(scope="session")
def assistant(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Assistant]:
    # A test types much faster than a person: lift the per-sender rate limit here.
    config = local_config(
        tmp_path_factory.mktemp("stack"), extra_env={"CHAT_RATE_PER_SENDER": "20/50"}
    )
    with running(config) as stack:
        yield Assistant(stack.config)
