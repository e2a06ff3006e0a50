"""The warm hand-off over HTTP with the real action server, web app and Rasa server (issue 13):
the whole of `handoff_flow.run_handoff` (tests/handoff_flow.py) on one Rasa server."""

from __future__ import annotations

from handoff_flow import run_handoff
from socket_chat import SocketChat
from staff_console_client import StaffConsole

from ops.local_stack import Assistant


def test_staff_take_over_a_web_chat_and_hand_back(assistant: Assistant):
    staff = StaffConsole(assistant.config.web_port, assistant.config.staff_token)
    with SocketChat(assistant) as filer_chat:
        run_handoff(filer_chat, staff)
