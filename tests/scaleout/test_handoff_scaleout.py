"""The warm hand-off across two Rasa servers (issue 13): the filer's web chat is on the server
the web app gives its session (the second one here, so that no default can pass for it), and the
staff console's calls reach that server, the one whose socket holds the filer: the filer hears
the person join, gets the staff message and the form's question again, and finishes with the
corrected payload (`handoff_flow.run_handoff`, as in tests/integration)."""

from __future__ import annotations

import uuid

from handoff_flow import run_handoff
from socket_chat import SocketChat
from staff_console_client import StaffConsole

from bot.sticky import pick_server
from ops.local_stack import http


def session_on_second_server(public_urls: list[str]) -> str:
    """A new web chat session id that `pick_server` gives the second server."""
    while True:
        session_id = uuid.uuid4().hex
        if pick_server(session_id, public_urls) == public_urls[1]:
            return session_id


def test_staff_take_over_a_chat_held_by_the_second_server(scaleout):
    config = scaleout.config
    public_urls = [f"http://localhost:{port}" for port in config.rasa_ports]  # as ops.stack gives them
    session_id = session_on_second_server(public_urls)
    reply = http("GET", f"http://127.0.0.1:{config.web_port}/chat/config?session_id={session_id}")
    assert reply.json() == {"socket_url": public_urls[1]}  # the web app's choice, as the chat asks

    staff = StaffConsole(config.web_port, config.staff_token)
    with SocketChat(scaleout.assistant, url=public_urls[1], session_id=session_id) as filer_chat:
        assert filer_chat.session_id == session_id
        run_handoff(filer_chat, staff)
