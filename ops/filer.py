"""A simulated pro se filer: one whole registration over the REST chat channel, with questions
mixed in, every reply checked, every turn timed.

Turn after turn goes to the next Rasa server of the list (round robin from `first_server`), so
with several servers one conversation hops between them; with `hop=False` every turn goes to
the server `first_server` picks, as the web chat's socket stays on one server. With `think_s`,
the filer waits about that long (0.5 to 1.5 times, seeded by its number) before each message,
as a person would.
`on_turn`, when given, is told each turn's latency as the reply arrives (the capacity run's clock).
Used by the scale-out tests, the bench (`ops.bench`) and the capacity run (`ops.capacity`).
"""

from __future__ import annotations

import asyncio
import json
import random
import time
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import aiohttp
import jsonschema

from ops.stack import ROOT

SCHEMA = json.loads((ROOT / "schemas" / "registration_submission.schema.json").read_text())
SUBMISSION_TYPE = "registration_submission"
# Every simulated filer comes from 127.0.0.1 and types fast: the stack's chat rate limits
# (channels/guarded.py) must let them through. Give these to StackConfig.extra_env.
SIMULATION_RATE_LIMITS = {"CHAT_RATE_PER_SENDER": "100/100", "CHAT_RATE_PER_ADDRESS": "10000/10000"}
FIRST_NAMES = ("Maria", "James", "Aisha", "Wei", "Luis", "Grace", "Omar", "Nadia")
LAST_NAMES = ("Lopez", "Walsh", "Khan", "Chen", "Garcia", "Okafor", "Haddad", "Novak")


class UnexpectedReply(AssertionError):
    """The assistant answered a turn wrongly (status, missing words, or a wrong payload)."""


@dataclass(frozen=True)
class Turn:
    """One message and the lower-case words its reply must contain."""

    text: str
    expect: tuple[str, ...]


@dataclass
class Filer:
    """Filer number `number`; `sent`, `latencies_s` and `payload` fill in as the turns go."""

    number: int
    servers: Sequence[str]
    first_server: int = 0
    hop: bool = True
    think_s: float = 0.0
    sender: str = field(default_factory=lambda: f"filer-{uuid.uuid4().hex[:12]}")
    sent: list[str] = field(default_factory=list)
    latencies_s: list[float] = field(default_factory=list)
    payload: dict | None = None
    on_turn: Callable[[float], None] | None = None

    @property
    def first_name(self) -> str:
        return FIRST_NAMES[self.number % len(FIRST_NAMES)]

    @property
    def last_name(self) -> str:
        return LAST_NAMES[self.number // len(FIRST_NAMES) % len(LAST_NAMES)]

    @property
    def email(self) -> str:
        return f"{self.first_name}.{self.last_name}.{self.number}@example.com".lower()

    @property
    def phone(self) -> str:
        return f"617-555-{self.number % 10_000:04d}"

    @property
    def expected_answers(self) -> dict[str, str]:
        """Payload fields as this filer's turns must leave them."""
        return {
            "first_name": self.first_name,
            "middle_name": "",
            "last_name": self.last_name,
            "email": self.email,
            "phone": self.phone,
            "state": "MA",
            "zip_code": "02110",
            "most_recent_case": "24-cv-10987-ADB",
            "pacer_fees_method": "credit_card",
            "efiling_fees_method": "ach",
            "admission_fees_method": "credit_card",
        }

    def turns(self) -> list[Turn]:
        """A whole registration, with a question before it and one in the middle of it."""
        return [
            Turn("do i need an upgraded pacer account to file", ("upgraded",)),
            Turn("please register me for e-filing", ("first name",)),
            Turn(self.first_name, ("middle name",)),
            Turn("none", ("last name",)),
            Turn(self.last_name, ("email",)),
            Turn(self.email, ("phone",)),
            Turn("hold on, what is ach", ("bank", "phone")),
            Turn(f"({self.phone[:3]}) {self.phone[4:]}", ("street",)),
            Turn("12 Main St Apt 4", ("city",)),
            Turn("Boston", ("state",)),
            Turn("massachusetts", ("zip",)),
            Turn("02110", ("case number",)),
            Turn("No. 24 CV 10987 (ADB)", ("payment",)),
            Turn("yes", ("pacer fees",)),
            Turn("credit card", ("e-filing fees",)),
            Turn("ach", ("admission fees",)),
            Turn("credit card", ("terms",)),
            Turn("yes", (self.email,)),
            Turn("yes", ()),
        ]

    async def say(self, session: aiohttp.ClientSession, server: str, text: str) -> list[dict]:
        """Sends one message to `server`, times it, and returns the bot's messages."""
        started = time.perf_counter()
        async with session.post(
            f"{server}/webhooks/rest/webhook", json={"sender": self.sender, "message": text}
        ) as reply:
            body = await reply.read()
        self.latencies_s.append(time.perf_counter() - started)
        if self.on_turn is not None:
            self.on_turn(self.latencies_s[-1])
        self.sent.append(text)
        if reply.status != 200:
            raise UnexpectedReply(
                f"{self.sender}: {text!r} got HTTP {reply.status}: {body[:200]!r}"
            )
        return json.loads(body)

    def server_for(self, turn: int) -> str:
        """The server of turn number `turn` (from 0)."""
        offset = turn if self.hop else 0
        return self.servers[(self.first_server + offset) % len(self.servers)]

    async def register(self, session: aiohttp.ClientSession) -> dict:
        """Goes through every turn; returns the checked submission payload."""
        messages: list[dict] = []
        pause = random.Random(self.number)
        for index, turn in enumerate(self.turns()):
            await asyncio.sleep(self.think_s * pause.uniform(0.5, 1.5))
            server = self.server_for(index)
            messages = await self.say(session, server, turn.text)
            reply = "\n".join(m.get("text", "") for m in messages).lower()
            missing = [word for word in turn.expect if word not in reply]
            if missing:
                raise UnexpectedReply(
                    f"{self.sender} turn {index} ({turn.text!r} to {server}): "
                    f"no {missing} in {reply!r}"
                )
        self.payload = self.check_payload(messages)
        return self.payload

    def check_payload(self, messages: list[dict]) -> dict:
        """The one submission payload of the last reply, valid and holding this filer's answers."""
        payloads = [
            m["custom"]["payload"]
            for m in messages
            if isinstance(m.get("custom"), dict) and m["custom"].get("type") == SUBMISSION_TYPE
        ]
        if len(payloads) != 1:
            raise UnexpectedReply(f"{self.sender}: {len(payloads)} payloads in {messages!r}")
        payload = payloads[0]
        try:
            jsonschema.validate(payload, SCHEMA)
        except jsonschema.ValidationError as error:
            raise UnexpectedReply(f"{self.sender}: invalid payload: {error.message}") from error
        wrong = {
            key: payload.get(key)
            for key, value in self.expected_answers.items()
            if payload.get(key) != value
        }
        if wrong:
            raise UnexpectedReply(f"{self.sender}: payload differs from the answers: {wrong}")
        summary = "\n".join(m.get("text", "") for m in messages)
        if payload["reference"] not in summary:
            raise UnexpectedReply(
                f"{self.sender}: no reference {payload['reference']} in the summary"
            )
        return payload
