"""Secrets a filer types are masked before the NLU, the tracker store and the logs see them.

Sent over REST and over socket.io to the shared stack, which logs at debug level (every
user message is logged there). Then the stored events are read straight from the SQLite
file of the tracker store, and the server logs are read from their files.
"""

from __future__ import annotations

import json

import pytest
import sqlalchemy
from probes import log_text
from socket_chat import SocketChat

from bot.sensitive import PLACEHOLDERS, mask_sensitive
from ops.local_stack import tracker_db

# A message holding each kind of secret, and the secret as it must never be seen again.
SECRETS = {
    "password": ("my pacer password is Hunter2!xyz", "Hunter2!xyz"),
    "ssn": ("my ssn is 123-45-6789", "123-45-6789"),
    "card_number": ("pay it with card 4111 1111 1111 1111", "4111 1111 1111 1111"),
    "bank_account": ("my bank account number is 000123456789", "000123456789"),
    "date_of_birth": ("i was born on 03/14/1975", "03/14/1975"),
}


def stored_events(config, sender: str) -> list[str]:
    """The raw JSON of every event the tracker store keeps for the conversation."""
    engine = sqlalchemy.create_engine(f"sqlite:///{tracker_db(config)}")
    try:
        with engine.connect() as connection:
            rows = connection.execute(
                sqlalchemy.text("SELECT data FROM events WHERE sender_id = :sender"),
                {"sender": sender},
            )
            return [row.data for row in rows]
    finally:
        engine.dispose()


def assert_masked_everywhere(assistant, sender: str, replies: list[dict]) -> None:
    events = stored_events(assistant.config, sender)
    stored = "\n".join(events)
    logs = log_text(assistant.config, "rasa") + log_text(assistant.config, "actions")
    for kind, (_, secret) in SECRETS.items():
        for place, text in [("reply", str(replies)), ("store", stored), ("log", logs)]:
            assert secret not in text, f"{kind} {secret!r} in the {place}"
        assert PLACEHOLDERS[kind] in logs, "the debug log shows every user message, masked"
    user_texts = [json.loads(e)["text"] for e in events if json.loads(e)["event"] == "user"]
    assert user_texts == [mask_sensitive(text)[0] for text, _ in SECRETS.values()]


def test_secrets_sent_over_rest_are_masked(assistant, sender):
    replies = [message for text, _ in SECRETS.values() for message in assistant.say(sender, text)]
    assert_masked_everywhere(assistant, sender, replies)


def test_secrets_sent_over_socketio_are_masked(assistant):
    with SocketChat(assistant) as chat:
        replies = [message for text, _ in SECRETS.values() for message in chat.say(text)]
        assert_masked_everywhere(assistant, chat.conversation_id, replies)


@pytest.mark.parametrize("kind", SECRETS)
def test_a_secret_never_becomes_a_form_answer(assistant, sender, kind):
    assert "first name" in assistant.say_text(sender, "please register me for e-filing")
    text, secret = SECRETS[kind]
    assistant.say(sender, text)
    slots = assistant.tracker(sender)["slots"]
    assert secret not in str(slots)
    assert slots["first_name"] is None


def test_metadata_keeps_only_the_staff_proof(assistant, sender):
    """A client may put anything in a message's metadata; only a short staff proof is stored."""
    proof = "ab" * 32
    metadata = {"staff_proof": proof, "note": SECRETS["ssn"][0], "blob": "x" * 5000}
    body = {"sender": sender, "message": "hello", "metadata": metadata}
    assert assistant.post_chat(json.dumps(body).encode()).status == 200
    events = stored_events(assistant.config, sender)
    [user] = [event for event in map(json.loads, events) if event["event"] == "user"]
    assert user["metadata"]["staff_proof"] == proof  # Rasa adds its own keys (model_id) too
    assert not {"note", "blob"} & set(user["metadata"])
    assert SECRETS["ssn"][1] not in "".join(events)
