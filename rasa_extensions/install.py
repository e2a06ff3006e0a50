"""The one install step of our Rasa extensions (see the package's docstring for what each does).

Refuses any Rasa but `RASA_VERSION`: the patches rely on that version's internals.
"""

from __future__ import annotations

import inspect
import logging
from collections.abc import Callable
from functools import wraps
from typing import Any

import rasa.core.run
import rasa.version
from rasa.core.agent import Agent
from sanic import Sanic

from rasa_extensions import (
    action_requests,
    action_results,
    hidden_ids,
    secret_messages,
    sql_parameters,
    tracker_cache,
    training_cache,
)
from rasa_extensions.api_errors import refuse_bad_jwts
from rasa_extensions.failed_turns import keep_no_failed_turn
from rasa_extensions.model_loading import load_only_trusted_models

logger = logging.getLogger(__name__)

RASA_VERSION = "3.6.21"

INSTALLED: list[str] = []


class UnsupportedRasa(RuntimeError):
    """The installed Rasa is not the version these extensions were written for."""


def check_rasa_version(version: str) -> None:
    """Raises `UnsupportedRasa` unless `version` is `RASA_VERSION`."""
    if version != RASA_VERSION:
        raise UnsupportedRasa(
            f"This assistant's Rasa extensions need Rasa {RASA_VERSION} (they patch its "
            f"internals), but Rasa {version} is installed. Run `make setup` to install it."
        )


def _with_our_app_checks(configure_app: Callable[..., Sanic]) -> Callable[..., Sanic]:
    @wraps(configure_app)
    def configure(*args: Any, **kwargs: Any) -> Sanic:
        app = configure_app(*args, **kwargs)
        refuse_bad_jwts(app)
        hidden_ids.hide_api_conversation_ids(app)
        auth_token = inspect.signature(configure_app).bind(*args, **kwargs).arguments.get("auth_token")
        load_only_trusted_models(app, auth_token)
        app.register_listener(action_requests.close_kept_sessions, "after_server_stop")
        return app

    return configure


def _with_failed_turns_kept_out(create: Callable[..., Any]) -> Callable[..., Any]:
    @wraps(create)
    def create_tracker_store(*args: Any, **kwargs: Any) -> Any:
        store = create(*args, **kwargs)
        keep_no_failed_turn(store)
        return store

    return create_tracker_store


def install() -> list[str]:
    """Installs every extension once (later calls change nothing); returns what is installed."""
    check_rasa_version(rasa.version.__version__)
    if INSTALLED:
        return list(INSTALLED)
    action_results.install()
    action_requests.install()
    hidden_ids.install()
    secret_messages.install()
    sql_parameters.install()
    tracker_cache.install()
    training_cache.install()
    rasa.core.run.configure_app = _with_our_app_checks(rasa.core.run.configure_app)
    Agent._create_tracker_store = staticmethod(  # type: ignore[method-assign]
        _with_failed_turns_kept_out(Agent._create_tracker_store)
    )
    INSTALLED.extend(
        [
            "action_results: action server replies checked by a validator built once",
            "action_requests: the action server called over kept connections, its JSON by orjson",
            "api_errors: malformed JWTs on the HTTP API get 401",
            "model_loading: the HTTP API loads only our own hash-checked models, token checked first",
            "failed_turns: a chat turn that sent nothing is not saved",
            "secret_messages: a message read as sharing a secret is kept without its text",
            "sql_parameters: the SQL tracker store hides statement parameters from errors and logs",
            "tracker_cache: the SQL tracker store keeps each conversation's last saved tracker",
            "training_cache: training neither fingerprints nor caches the featurized NLU data",
            "hidden_ids: log lines name a conversation by a keyed hash, never by its id",
        ]
    )
    for line in INSTALLED:
        logger.info("installed %s", line)
    return list(INSTALLED)


def is_installed() -> bool:
    """Whether `install()` has run in this process."""
    return bool(INSTALLED)
