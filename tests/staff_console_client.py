"""Help-line staff at the staff console, over HTTP: sign in with the staff token (the session
cookie, as a browser keeps it), then the warm hand-off's calls (web/staff_handoff.py).
Shared by the integration and scale-out tests (tests/ is on their import path)."""

from __future__ import annotations

import http.client
import json
import time
import urllib.parse
from collections.abc import Callable
from typing import Any

from bot.staff_session import COOKIE_NAME


class StaffConsole:
    """One signed-in staff member of the web app on 127.0.0.1:`web_port`."""

    def __init__(self, web_port: int, staff_token: str) -> None:
        self.web_port = web_port
        status, headers, _ = self._request(
            "POST",
            "/staff/sign-in",
            urllib.parse.urlencode({"token": staff_token}).encode(),
            {"Content-Type": "application/x-www-form-urlencoded"},
        )
        assert status == 303, status
        cookie = next(v for k, v in headers if k.lower() == "set-cookie" and COOKIE_NAME in v)
        self.cookie = cookie.split(";", 1)[0]

    def _request(
        self, method: str, path: str, body: bytes | None, headers: dict[str, str]
    ) -> tuple[int, list[tuple[str, str]], bytes]:
        connection = http.client.HTTPConnection("127.0.0.1", self.web_port, timeout=60)
        try:
            connection.request(method, path, body=body, headers=headers)
            reply = connection.getresponse()
            return reply.status, reply.getheaders(), reply.read()
        finally:
            connection.close()

    def call(self, method: str, path: str, body: Any = None) -> tuple[int, dict]:
        """A hand-off call with the session cookie; the status and the JSON answer."""
        headers = {"Cookie": self.cookie, "Accept": "application/json"}
        data = None
        if body is not None:
            headers["Content-Type"] = "application/json"
            data = json.dumps(body).encode()
        status, _, answer = self._request(method, path, data, headers)
        return status, json.loads(answer)

    @staticmethod
    def path(code: str) -> str:
        """The hand-off path of a help code as typed (encoded as the console's page does)."""
        return "/staff/handoff/" + urllib.parse.quote(code, safe="")

    def view(self, code: str) -> dict:
        status, body = self.call("GET", self.path(code))
        assert status == 200, (status, body)
        return body

    def act(self, code: str, action: str, body: dict | None = None) -> dict:
        """`take-over`, `message`, `answer` or `hand-back`; the fresh view."""
        status, answer = self.call("POST", f"{self.path(code)}/{action}", body or {})
        assert status == 200, (status, answer)
        return answer

    def view_until(self, code: str, ready: Callable[[dict], bool], timeout_s: float = 30) -> dict:
        """Asks for the view, as the console does every few seconds, until `ready(view)`."""
        deadline = time.monotonic() + timeout_s
        while True:
            view = self.view(code)
            if ready(view) or time.monotonic() > deadline:
                return view
            time.sleep(0.5)
