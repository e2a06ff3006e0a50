"""A simulated filer's registration, said one turn at a time with a test's fault in between.

Shared by the fault tests (`test_faults.py`) and the supervision tests (`test_supervision.py`).
The registration breaks in at the phone answer (typed "(617) 555-0001", kept as "617-555-0001",
so a raw value left behind would show); then the filer finishes, and the payload is checked
against the schema, the answers and the stored copy.
"""

from __future__ import annotations

import time
from contextlib import AbstractContextManager

from bot.chat_guard import SOMETHING_WENT_WRONG
from ops.filer import Filer, Turn
from ops.local_stack import Assistant

# The reply deadline of the stack these tests break (CHAT_REPLY_TIMEOUT_S, conftest.py).
REPLY_TIMEOUT_S = 8


class Registration:
    """A simulated filer's turns, said one at a time with the test's fault in between."""

    def __init__(self, assistant: Assistant, number: int) -> None:
        self.assistant = assistant
        self.filer = Filer(number, servers=[assistant.rasa_url])
        self.turns = self.filer.turns()
        self.phone = next(i for i, turn in enumerate(self.turns) if "street" in turn.expect)

    def say(self, turn: Turn) -> list[dict]:
        messages = self.assistant.say(self.filer.sender, turn.text)
        reply = "\n".join(m.get("text", "") for m in messages).lower()
        assert all(word in reply for word in turn.expect), f"{turn.text!r} -> {reply!r}"
        return messages

    def up_to_the_phone(self) -> None:
        for turn in self.turns[: self.phone]:
            self.say(turn)

    def finish(self) -> None:
        """From the phone answer on; checks the payload and the stored copy."""
        for turn in self.turns[self.phone : -1]:
            self.say(turn)
        payload = self.filer.check_payload(self.say(self.turns[-1]))
        staff_token = self.assistant.config.staff_token
        assert self.assistant.submission(payload["reference"], staff_token) == (200, payload)

    def phone_answer_fails(self, fault: AbstractContextManager) -> float:
        """Sends the phone answer during `fault`: the filer is told, and nothing of it is kept.

        Returns how long the filer waited for the reply.
        """
        sender = self.filer.sender
        before = self.assistant.tracker(sender)["events"]
        with fault:
            started = time.monotonic()
            reply = self.assistant.say(sender, self.turns[self.phone].text)
            waited = time.monotonic() - started
        assert reply == [{"recipient_id": sender, "text": SOMETHING_WENT_WRONG}]
        after = self.assistant.tracker(sender)
        assert after["events"] == before
        assert after["slots"]["phone"] is None and after["slots"]["requested_slot"] == "phone"
        assert after["slots"]["email"] == self.filer.email
        return waited
