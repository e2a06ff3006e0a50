"""The production service definitions (deploy/systemd) pass systemd's own check and restart on failure.

`systemd-analyze verify` needs the programs a unit starts to exist, so each unit is checked as
installed in this checkout: /opt/mad-efile replaced by the repository's folder.
"""

from __future__ import annotations

import configparser
import subprocess
import sys
from pathlib import Path

import pytest

from ops.stack import ROOT

UNITS = ROOT / "deploy" / "systemd"
NAMES = ["mad-efile-actions.service", "mad-efile-web.service", "mad-efile-rasa@.service"]
PURGE = "mad-efile-purge.service"
PURGE_TIMER = "mad-efile-purge.timer"
INSTALL_DIR = "/opt/mad-efile"


def installed_here(tmp_path: Path, name: str, text: str | None = None) -> Path:
    """The unit with this checkout as its install folder (an @ template as instance 5005)."""
    text = (text or (UNITS / name).read_text()).replace(INSTALL_DIR, str(ROOT))
    text = text.replace(f"{ROOT}/.venv/bin/python", sys.executable)
    unit = tmp_path / name.replace("@.", "@5005.")
    unit.write_text(text)
    return unit


def verify(*units: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["systemd-analyze", "verify", *map(str, units)], capture_output=True, text=True, timeout=60
    )


def unit_section(name: str, section: str = "Service") -> dict[str, str]:
    parser = configparser.ConfigParser(strict=False, interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read_string((UNITS / name).read_text().replace("\\\n", " "))
    return dict(parser[section])


def service_section(name: str) -> dict[str, str]:
    return unit_section(name)


def test_every_unit_passes_systemd_analyze_verify(tmp_path):
    assert sorted(path.name for path in UNITS.glob("*.service")) == sorted([*NAMES, PURGE])
    assert [path.name for path in UNITS.glob("*.timer")] == [PURGE_TIMER]
    units = [installed_here(tmp_path, name) for name in (*NAMES, PURGE, PURGE_TIMER)]
    done = verify(*units)
    assert (done.returncode, done.stdout, done.stderr) == (0, "", "")


def test_the_check_catches_a_broken_unit(tmp_path):
    text = (UNITS / NAMES[0]).read_text().replace("Restart=on-failure", "Restart=sometimes")
    done = verify(installed_here(tmp_path, "broken.service", text))
    assert "Failed to parse service restart specifier" in done.stderr


@pytest.mark.parametrize("name", NAMES)
def test_each_server_restarts_on_failure(name):
    assert service_section(name)["Restart"] == "on-failure"


@pytest.mark.parametrize("name", [*NAMES, PURGE])
def test_each_unit_reads_its_secrets_from_a_file_and_is_sandboxed(name):
    service = service_section(name)
    assert service["EnvironmentFile"] == "/etc/mad-efile/assistant.env"
    assert service["User"] == "mad-efile" and service["UMask"] == "0077"
    for option in ("NoNewPrivileges", "ProtectHome", "PrivateTmp", "PrivateDevices"):
        assert service[option] == "yes", option
    assert service["ProtectSystem"] == "strict"
    assert service["CapabilityBoundingSet"] == ""
    assert "TOKEN" not in service["ExecStart"].replace("$RASA_AUTH_TOKEN", "")


def test_the_rasa_api_listens_on_loopback_only():
    assert "--interface 127.0.0.1" in service_section("mad-efile-rasa@.service")["ExecStart"]


def test_the_purge_runs_make_purge_daily_and_catches_up_after_downtime():
    assert service_section(PURGE)["Type"] == "oneshot"
    assert service_section(PURGE)["ExecStart"].endswith("/python -m ops.purge")
    timer = unit_section(PURGE_TIMER, "Timer")
    assert timer["OnCalendar"] == "*-*-* 03:15:00"
    assert (timer["Persistent"], timer["Unit"]) == ("true", PURGE)
    assert unit_section(PURGE_TIMER, "Install")["WantedBy"] == "timers.target"


def test_the_rasa_command_reads_a_token_that_begins_with_a_dash():
    """The unit's shell command, run with `printf` in place of Rasa, as Rasa's own parser reads it."""
    from rasa.__main__ import create_argument_parser

    script = service_section("mad-efile-rasa@.service")["ExecStart"].split("'")[1]
    script = script.replace("exec /opt/mad-efile/.venv/bin/python -m rasa_extensions", "printf '%s\\0'")
    env = {"RASA_AUTH_TOKEN": "-abc", "RASA_ENDPOINTS": "endpoints.yml", "CORS_ORIGINS": "https://x.test"}
    printed = subprocess.run(
        ["sh", "-c", script.replace("%i", "5005")], env=env, capture_output=True, text=True, check=True
    ).stdout
    args = create_argument_parser().parse_args(printed.rstrip("\0").split("\0"))
    assert (args.auth_token, args.port, args.interface) == ("-abc", 5005, "127.0.0.1")
