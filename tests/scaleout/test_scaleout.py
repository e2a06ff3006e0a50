"""Two Rasa servers behind the same PostgreSQL tracker store and Redis lock store.

Whole registrations whose turns hop between the servers complete with the right payload, the
stored copy matches, and PostgreSQL holds every message exactly once, in order, each turn whole.
Messages of one conversation sent to both servers at the same moment are taken one at a time,
and a sender's messages to both servers share one rate allowance (counted in Redis).
The web app gives each web chat session id one Rasa server, the same one every time it asks.
"""

from __future__ import annotations

import asyncio
import json
import uuid

import aiohttp
import socketio

from ops.filer import Filer
from ops.local_stack import http

FILERS = 4
TIMEOUT = aiohttp.ClientTimeout(total=60)


def turns_of(events: list[dict]) -> list[list[dict]]:
    """The events from each user message up to the next one."""
    starts = [i for i, event in enumerate(events) if event["event"] == "user"]
    return [events[start:end] for start, end in zip(starts, [*starts[1:], len(events)], strict=False)]


def assert_whole_and_unique(events: list[dict]) -> None:
    """Each turn ends listening and sent something; no event twice; saved in time order."""
    for turn in turns_of(events):
        actions = [event["name"] for event in turn if event["event"] == "action"]
        assert actions.count("action_listen") == 1 and actions[-1] == "action_listen", turn
        assert any(event["event"] == "bot" for event in turn), turn
    assert len({json.dumps(event, sort_keys=True) for event in events}) == len(events)
    stamps = [event["timestamp"] for event in events]
    assert stamps == sorted(stamps)


def served_events(scaleout, server: str, sender: str) -> list[dict]:
    token = scaleout.config.rasa_auth_token
    reply = http("GET", f"{server}/conversations/{sender}/tracker?token={token}")
    assert reply.status == 200, reply.body
    return reply.json()["events"]


async def test_registrations_hopping_between_servers_complete_and_are_stored_once(scaleout):
    filers = [Filer(n, scaleout.rasa_urls, first_server=n % 2) for n in range(FILERS)]
    async with aiohttp.ClientSession(timeout=TIMEOUT) as session:
        outcomes = await asyncio.gather(
            *(filer.register(session) for filer in filers), return_exceptions=True
        )
    assert not [o for o in outcomes if isinstance(o, BaseException)], outcomes

    assert len({filer.payload["reference"] for filer in filers}) == FILERS
    for filer in filers:
        status, stored = scaleout.assistant.submission(
            filer.payload["reference"], scaleout.config.staff_token
        )
        assert (status, stored) == (200, filer.payload)
        events = scaleout.stored_events(filer.sender)
        assert [e["text"] for e in events if e["event"] == "user"] == filer.sent
        assert_whole_and_unique(events)
        for server in scaleout.rasa_urls:  # both servers see exactly what PostgreSQL holds
            assert served_events(scaleout, server, filer.sender) == events


async def say(session: aiohttp.ClientSession, server: str, sender: str, text: str) -> str:
    async with session.post(
        f"{server}/webhooks/rest/webhook", json={"sender": sender, "message": text}
    ) as reply:
        assert reply.status == 200, await reply.text()
        return "\n".join(m.get("text", "") for m in await reply.json()).lower()


async def test_a_sender_hopping_between_servers_has_one_allowance(scaleout):
    sender = f"hop-{uuid.uuid4().hex[:12]}"
    statuses = []
    async with aiohttp.ClientSession(timeout=TIMEOUT) as session:
        for n in range(2 * scaleout.sender_burst + 10):
            server = scaleout.rasa_urls[n % 2]
            body = {"sender": sender, "message": "hello"}
            async with session.post(f"{server}/webhooks/rest/webhook", json=body) as reply:
                statuses.append(reply.status)
    assert set(statuses) == {200, 429}
    # Counted in each server alone, twice the burst would get through.
    assert scaleout.sender_burst <= statuses.count(200) < scaleout.sender_burst + 10, statuses


async def test_simultaneous_messages_of_one_conversation_take_turns(scaleout):
    questions = {"what is ach": "bank", "is entering a payment method mandatory": "optional"}
    senders = [f"both-{uuid.uuid4().hex[:12]}" for _ in range(6)]
    rounds = 4
    async with aiohttp.ClientSession(timeout=TIMEOUT) as session:
        for _ in range(rounds):
            sends = [
                (server, sender, question)
                for sender in senders
                for server, question in zip(scaleout.rasa_urls, questions, strict=False)
            ]
            replies = await asyncio.gather(*(say(session, *send) for send in sends))
            for (_, _, question), reply in zip(sends, replies, strict=False):
                assert questions[question] in reply, (question, reply)

    for sender in senders:
        events = scaleout.stored_events(sender)
        texts = [e["text"] for e in events if e["event"] == "user"]
        assert sorted(texts) == sorted(list(questions) * rounds)
        assert_whole_and_unique(events)


class ChatSession:
    """A web chat session: one socket.io connection to the Rasa server picked for its id.

    It uses socket.io's long-polling transport, where every poll is a new HTTP request: the
    one that most plainly needs to reach the same server every time.
    """

    def __init__(self, server: str, session_id: str) -> None:
        self.server = server
        self.session_id = session_id
        self.client = socketio.AsyncClient()
        self.replies: asyncio.Queue[str] = asyncio.Queue()
        self.client.on("bot_uttered", self._on_reply)
        self.client.on("session_confirm", self._on_reply)

    async def _on_reply(self, data: object) -> None:
        await self.replies.put(data.get("text", "") if isinstance(data, dict) else str(data))

    async def __aenter__(self) -> ChatSession:
        await self.client.connect(self.server, transports=["polling"])
        await self.client.emit("session_request", {"session_id": self.session_id})
        assert await self.next_reply() == self.session_id  # the session confirmed
        return self

    async def __aexit__(self, *_: object) -> None:
        # Without abort, the client waits for its pending long poll: up to 25 s.
        await self.client.eio.disconnect(abort=True)

    @property
    def engine_session(self) -> str:
        return self.client.eio.sid

    async def next_reply(self) -> str:
        return await asyncio.wait_for(self.replies.get(), timeout=30)

    async def say(self, text: str, expect: str) -> None:
        """Sends `text`; waits for a reply that holds `expect`."""
        await self.client.emit("user_uttered", {"message": text, "session_id": self.session_id})
        seen = []
        while not any(expect in reply.lower() for reply in seen):
            seen.append(await self.next_reply())


def chat_server(scaleout, session_id: str) -> str:
    """The Rasa server the web app gives the web chat for `session_id` (GET /chat/config)."""
    config = scaleout.config
    reply = http("GET", f"http://127.0.0.1:{config.web_port}/chat/config?session_id={session_id}")
    assert reply.status == 200, reply.body
    # The web app names its servers as browsers reach them (RASA_PUBLIC_URLS: localhost).
    return reply.json()["socket_url"].replace("//localhost:", "//127.0.0.1:")


async def test_web_chat_session_stays_on_its_server_and_goes_on_after_reconnecting(scaleout):
    servers = scaleout.rasa_urls
    sessions: dict[str, str] = {}  # the first session id the web app sent to each server
    for _ in range(50):
        session_id = f"web-{uuid.uuid4().hex}"
        sessions.setdefault(chat_server(scaleout, session_id), session_id)
        if len(sessions) == len(servers):
            break
    assert sorted(sessions) == sorted(servers)  # sessions are spread over both servers

    for server, session_id in sessions.items():
        async with ChatSession(server, session_id) as chat:
            await chat.say("please register me for e-filing", "first name")
            # The other server does not know this connection: without stickiness it breaks.
            other = next(url for url in servers if url != server)
            poll = f"{other}/socket.io/?EIO=4&transport=polling&sid={chat.engine_session}"
            assert http("GET", poll).status == 400
        assert chat_server(scaleout, session_id) == server  # asked again: the same server
        async with ChatSession(server, session_id) as chat:
            await chat.say("Maria", "middle name")
