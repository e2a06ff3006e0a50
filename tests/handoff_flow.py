"""The warm hand-off from start to end over HTTP with the real servers (issue 13), shared by the
integration test (one Rasa server) and the scale-out test (two): a filer on the web chat
(socket.io) asks for a person mid-form and gets a help code; staff signed in to the console open
the code, take over (the filer is told a person joined), write to the filer (marked as from
staff), see the filer's reply (the assistant stays quiet while paused), correct one answer, hand
back (the filer is asked the form's question again) and the filer finishes with the corrected
payload.
"""

from __future__ import annotations

import queue
import re

from integration.assistant_replies import filer_text, submission_of
from socket_chat import SocketChat
from staff_console_client import StaffConsole

from bot.help_codes import HELP_CODE_PATTERN
from ops.filer import Filer

STAFF_TEXT = "Hello, this is Ana from the Clerk's Office. I fixed your last name."
QUIET_S = 4  # how long the filer's socket must stay silent while the assistant is paused


def texts(messages: list) -> str:
    return "\n".join(m.get("text", "") for m in messages if isinstance(m, dict))


def expect(messages: list, *words: str) -> None:
    said = texts(messages).lower()
    assert all(word in said for word in words), (words, messages)


def run_handoff(filer_chat: SocketChat, staff: StaffConsole) -> None:
    """The whole hand-off, from the filer's first message to the corrected payload."""
    person = Filer(7, servers=[])
    turns = person.turns()
    for turn in turns[1:5]:  # start the form; first, middle and last name; the email is asked
        expect(filer_chat.say(turn.text), *turn.expect)

    replies = filer_chat.say("can i talk to a real person instead")
    codes = [m["custom"]["help_code"] for m in replies if "help_code" in m.get("custom", {})]
    assert len(codes) == 1 and re.fullmatch(HELP_CODE_PATTERN, codes[0]), replies
    code = codes[0]
    assert code in texts(replies)

    spoken = code.replace("-", " ").lower()  # as staff type what the caller reads out
    view = staff.view(spoken)
    assert (view["code"], view["language_name"], view["paused"]) == (code, "English", False)
    assert (view["form_active"], view["question"], view["refusals"]) == (True, "Email", 0)
    assert view["answers"] == [
        f"First name: {person.first_name}", "Middle name: (none)", f"Last name: {person.last_name}",
    ]
    assert [m["text"] for m in view["messages"] if m["sender"] == "filer"][-1] == (
        "can i talk to a real person instead"
    )

    view = staff.act(code, "take-over")
    assert view["paused"] is True
    joined = filer_chat.replies_within(30)
    assert texts(joined) == filer_text("utter_staff_joined"), joined

    staff.act(code, "message", {"text": STAFF_TEXT})
    from_staff = filer_chat.replies_within(30)
    assert from_staff == [{"custom": {"staff_message": STAFF_TEXT}}]  # marked, and only once

    filer_chat.client.emit(
        "user_uttered", {"message": "thank you so much", "session_id": filer_chat.session_id}
    )
    view = staff.view_until(code, lambda v: v["messages"][-1]["text"] == "thank you so much")
    assert view["messages"][-1]["sender"] == "filer"
    assert [m["sender"] for m in view["messages"][-2:]] == ["staff", "filer"]
    try:
        unexpected = filer_chat.replies.get(timeout=QUIET_S)
    except queue.Empty:
        unexpected = None
    assert unexpected is None, f"the assistant answered while paused: {unexpected}"

    refused_status, refused = staff.call(
        "POST", f"{staff.path(code)}/answer", {"slot": "email", "value": "maria@"}
    )
    assert refused_status == 400 and "email address" in refused["error"]
    view = staff.act(code, "answer", {"slot": "last_name", "value": "lopez-walsh"})
    assert "Last name: Lopez-Walsh" in view["answers"]
    assert view["question"] == "Email"

    view = staff.act(code, "hand-back")
    assert view["paused"] is False
    back = filer_chat.replies_within(30)
    assert texts(back).startswith(filer_text("utter_staff_left")), back
    expect(back, "email")

    for turn in turns[5:-1]:
        expect(filer_chat.say(turn.text), *turn.expect)
    payload = submission_of(filer_chat.say(turns[-1].text))
    expected = {**person.expected_answers, "last_name": "Lopez-Walsh"}
    assert {key: payload[key] for key in expected} == expected
    assert staff.view(code)["reference"] == payload["reference"]
