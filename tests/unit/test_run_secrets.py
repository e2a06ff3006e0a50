"""`make run` prints where the secrets it made up are, never a secret (ops/stack.py)."""

from __future__ import annotations

import stat

import settings
from ops.stack import StackConfig, made_up_secrets, ready_message, write_secrets


def test_secrets_made_up_go_to_a_private_file_and_only_its_path_is_printed(tmp_path):
    given = settings.Settings.from_env({"ACTION_SERVER_TOKEN": "set-by-the-operator"})
    config = StackConfig(model=tmp_path / "model.tar.gz", action_token="set-by-the-operator")
    secrets = made_up_secrets(config, given)
    assert secrets == {
        "STAFF_TOKEN": config.staff_token,
        "RASA_AUTH_TOKEN": config.rasa_auth_token,
    }
    path = tmp_path / "var" / "run-secrets.env"
    path.parent.mkdir()
    path.write_text("an earlier run's file\n")
    path.chmod(0o644)
    write_secrets(path, secrets)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert path.read_text().splitlines()[1:] == [
        f"STAFF_TOKEN={config.staff_token}",
        f"RASA_AUTH_TOKEN={config.rasa_auth_token}",
    ]
    message = ready_message(config, secrets, path)
    assert f"STAFF_TOKEN, RASA_AUTH_TOKEN made up for this run: in {path}" in message
    for secret in (config.staff_token, config.rasa_auth_token, config.action_token):
        assert secret not in message


def test_with_every_secret_set_nothing_is_written_and_none_printed(tmp_path):
    env = {"STAFF_TOKEN": "s1" * 12, "ACTION_SERVER_TOKEN": "s2" * 12, "RASA_AUTH_TOKEN": "s3" * 12}
    given = settings.Settings.from_env(env)
    config = StackConfig(
        model=tmp_path / "model.tar.gz",
        staff_token=env["STAFF_TOKEN"],
        action_token=env["ACTION_SERVER_TOKEN"],
        rasa_auth_token=env["RASA_AUTH_TOKEN"],
    )
    path = tmp_path / "run-secrets.env"
    path.write_text("STAFF_TOKEN=from-an-earlier-run\n")
    secrets = made_up_secrets(config, given)
    write_secrets(path, secrets)
    assert (secrets, path.exists()) == ({}, False)
    message = ready_message(config, secrets, path)
    assert "as set in the environment" in message
    assert not any(secret in message for secret in env.values())
