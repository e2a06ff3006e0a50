"""`make run` itself (`python -m ops.stack`): it starts the servers, starts again one that is
killed, and on SIGTERM stops everything, leaving no process behind.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time

import psutil

from bot.chat_guard import SOMETHING_WENT_WRONG
from ops.local_stack import MODEL, free_port, http, write_endpoints
from ops.stack import ROOT


class Output:
    """The lines a process prints, read in a thread."""

    def __init__(self, process: subprocess.Popen) -> None:
        self.lines: list[str] = []
        self.thread = threading.Thread(target=self._read, args=(process,), daemon=True)
        self.thread.start()

    def _read(self, process: subprocess.Popen) -> None:
        for line in process.stdout:
            self.lines.append(line.rstrip("\n"))

    def wait_for(self, text: str, timeout_s: float) -> None:
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            if any(text in line for line in self.lines):
                return
            time.sleep(0.2)
        raise AssertionError(f"{text!r} not printed; got {self.lines!r}")


def test_make_run_restarts_a_killed_server_and_stops_cleanly_on_sigterm(tmp_path):
    ports = {"RASA_PORT": free_port(), "ACTION_PORT": free_port(), "WEB_PORT": free_port()}
    env = {
        **os.environ,
        **{name: str(port) for name, port in ports.items()},
        "RASA_ENDPOINTS": str(write_endpoints(tmp_path)),
        "SUBMISSIONS_DB_URL": f"sqlite:///{tmp_path / 'submissions.db'}",
        "LOG_DIR": str(tmp_path / "log"),
        "CORS_ORIGINS": f"http://localhost:{ports['WEB_PORT']}",
        "RUN_SECRETS_FILE": str(tmp_path / "run-secrets.env"),
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "ops.stack", "--model", str(MODEL)],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        stdin=subprocess.DEVNULL, start_new_session=True,
    )
    output = Output(process)
    try:
        output.wait_for("The assistant is running.", 300)
        made_up = dict(
            line.split("=", 1) for line in (tmp_path / "run-secrets.env").read_text().splitlines()[1:]
        )
        assert set(made_up) <= {"STAFF_TOKEN", "ACTION_SERVER_TOKEN", "RASA_AUTH_TOKEN"}
        output.wait_for(f"in {tmp_path / 'run-secrets.env'} (readable by you only)", 5)
        assert not any(secret in "".join(output.lines) for secret in made_up.values())
        servers = psutil.Process(process.pid).children()
        assert len(servers) == 3
        [actions] = [s for s in servers if "actions.server" in " ".join(s.cmdline())]
        os.killpg(actions.pid, signal.SIGKILL)
        output.wait_for("The action server stopped (exit code -9)", 30)
        output.wait_for("The action server was started again.", 30)
        chat = f"http://127.0.0.1:{ports['RASA_PORT']}/webhooks/rest/webhook"
        deadline = time.monotonic() + 90
        while True:  # the Rasa server kept serving; the action server answers again
            reply = http("POST", chat, b'{"sender": "run-test-1", "message": "hello"}')
            texts = [m.get("text", "") for m in reply.json() or []]
            if reply.status == 200 and texts and texts != [SOMETHING_WENT_WRONG]:
                break
            assert time.monotonic() < deadline, texts
            time.sleep(1)
        everything = psutil.Process(process.pid).children(recursive=True)
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=90) == 0
        output.thread.join(timeout=5)
        assert "Stopping..." in output.lines
        assert [p.pid for p in everything if p.is_running() and p.status() != "zombie"] == []
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
