"""The one install step of our Rasa extensions (rasa_extensions/install.py, __main__.py)."""

from __future__ import annotations

import inspect
import subprocess
import sys
from types import SimpleNamespace

import pytest
import rasa.core.run
from jwt.exceptions import InvalidTokenError
from rasa.core.actions.action import RemoteAction
from rasa.core.agent import Agent
from rasa.core.processor import MessageProcessor
from rasa.core.tracker_store import InMemoryTrackerStore, SQLTrackerStore
from rasa.engine.training.hooks import TrainingHook
from rasa.server import ErrorResponse
from rasa.shared.core.domain import Domain
from rasa.utils.endpoints import EndpointConfig
from sanic.request import RequestParameters

from ops.stack import ROOT
from rasa_extensions import install
from rasa_extensions.action_requests import close_kept_sessions
from rasa_extensions.action_results import validate_action_result
from rasa_extensions.api_errors import refuse_bad_token
from rasa_extensions.model_loading import only_trusted_models


@pytest.fixture
def fresh(monkeypatch):
    """A process where nothing is installed yet; every patched attribute is put back after."""
    monkeypatch.setattr(install, "INSTALLED", [])
    monkeypatch.setattr(RemoteAction, "_validate_action_result", lambda self, result: True)
    monkeypatch.setattr(rasa.core.run, "configure_app", rasa.core.run.configure_app)
    monkeypatch.setattr(
        rasa.core.tracker_store, "create_engine_kwargs", rasa.core.tracker_store.create_engine_kwargs
    )
    monkeypatch.setattr(
        Agent, "_create_tracker_store", inspect.getattr_static(Agent, "_create_tracker_store")
    )
    monkeypatch.setattr(
        MessageProcessor, "_parse_message_with_graph", MessageProcessor._parse_message_with_graph
    )
    monkeypatch.setattr(EndpointConfig, "session", EndpointConfig.session)
    monkeypatch.setattr(TrainingHook, "on_before_node", TrainingHook.on_before_node)
    monkeypatch.setattr(TrainingHook, "on_after_node", TrainingHook.on_after_node)
    for name in ("retrieve", "save", "_additional_events"):
        monkeypatch.setattr(SQLTrackerStore, name, getattr(SQLTrackerStore, name))


def test_install_puts_every_extension_in_place_once(fresh, caplog):
    caplog.set_level("INFO", logger="rasa_extensions.install")
    installed = install.install()
    assert [line.split(":")[0] for line in installed] == [
        "action_results", "action_requests", "api_errors", "model_loading", "failed_turns",
        "secret_messages", "sql_parameters", "tracker_cache", "training_cache", "hidden_ids",
    ]
    assert [r.getMessage() for r in caplog.records] == [f"installed {x}" for x in installed]
    assert RemoteAction._validate_action_result is validate_action_result
    configure_app = rasa.core.run.configure_app
    assert install.install() == installed  # a second call changes nothing
    assert rasa.core.run.configure_app is configure_app


def test_every_rasa_app_gets_our_checks(fresh, monkeypatch):
    install.install()
    monkeypatch.setattr("sanic.Sanic.test_mode", True)
    app = rasa.core.run.configure_app(enable_api=False)
    assert only_trusted_models in app.request_middleware
    assert app.error_handler.lookup(InvalidTokenError(), None) is refuse_bad_token
    # Sanic 21.12 keeps a listener as a signal handler: partial(app._listener, listener=...).
    stopping = [
        signal.handler.keywords["listener"] for signal in app._future_signals
        if signal.event == "server.shutdown.after"
    ]
    assert close_kept_sessions in stopping


@pytest.mark.parametrize(("args", "kwargs"), [((None, None, "s3cret"), {}), ((), {"auth_token": "s3cret"})])
async def test_the_model_check_knows_the_apis_token(fresh, monkeypatch, args, kwargs):
    """However Rasa passes the token to configure_app, the model check asks for the same one."""
    install.install()
    monkeypatch.setattr("sanic.Sanic.test_mode", True)
    app = rasa.core.run.configure_app(*args, enable_api=False, **kwargs)
    check = app.ctx.api_token_check
    await check(SimpleNamespace(args=RequestParameters(token=["s3cret"])))  # no ErrorResponse
    with pytest.raises(ErrorResponse) as denied:
        await check(SimpleNamespace(args=RequestParameters(token=["wrong"]), app=app))
    assert denied.value.status == 401


def test_sql_tracker_stores_hide_statement_parameters(fresh, tmp_path):
    install.install()
    store = SQLTrackerStore(Domain.empty(), dialect="sqlite", db=str(tmp_path / "tracker.db"))
    assert store.engine.hide_parameters is True
    install.install()  # once only
    assert rasa.core.tracker_store.create_engine_kwargs("sqlite://") == {"hide_parameters": True}


def test_every_agent_tracker_store_skips_failed_turns(fresh):
    install.install()
    agent = Agent(domain=Domain.empty(), tracker_store=InMemoryTrackerStore(Domain.empty()))
    assert agent.tracker_store.skips_failed_turns is True


def test_install_refuses_another_rasa_version(fresh, monkeypatch):
    monkeypatch.setattr(rasa.version, "__version__", "3.7.0")
    with pytest.raises(install.UnsupportedRasa, match="need Rasa 3.6.21.*Rasa 3.7.0"):
        install.install()
    assert install.INSTALLED == []


def test_the_entry_point_says_what_it_installed_then_runs_rasa():
    done = subprocess.run(
        [sys.executable, "-m", "rasa_extensions", "--version"],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
        env={"RASA_TELEMETRY_ENABLED": "false", "PATH": ""},
    )
    assert done.returncode == 0, done.stderr
    assert "rasa_extensions: installed failed_turns" in done.stderr
    assert "Rasa Version      :         3.6.21" in done.stdout
