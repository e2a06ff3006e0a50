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
from rasa_extensions.secret_messages import REMOVED_TEXT

# Messages holding secrets: the kind of secret, the message, and the secret as it must never be
# seen again. The later ones are the misses found by probing (issue 11) and a login pair typed
# without the word password (issue 10).
SECRETS = {
    "password": ("password", "my pacer password is Hunter2!xyz", "Hunter2!xyz"),
    "ssn": ("ssn", "my ssn is 123-45-6789", "123-45-6789"),
    "card_number": ("card_number", "pay it with card 4111 1111 1111 1111", "4111 1111 1111 1111"),
    "bank_account": ("bank_account", "my bank account number is 000123456789", "000123456789"),
    "date_of_birth": ("date_of_birth", "i was born on 03/14/1975", "03/14/1975"),
    "login_pair": ("password", "jsmith / Secret#123", "Secret#123"),
    "pw_label": ("password", "pw: Tr0ub4dor&3", "Tr0ub4dor&3"),
    "bare_ssn": ("ssn", "219099998", "219099998"),
    "dotted_card": ("card_number", "4111.1111.1111.1111", "4111.1111.1111.1111"),
    "aba_routing": ("bank_account", "ABA 021000021", "021000021"),
    "birth_date_in_words": ("date_of_birth", "my birthday is 2nd of Jan 1980", "2nd of Jan 1980"),
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


# The stack lets one conversation send 5 messages at once (CHAT_RATE_PER_SENDER in conftest.py),
# so the secrets are sent in conversations of 5.
BATCHES = [dict(list(SECRETS.items())[start : start + 5]) for start in range(0, len(SECRETS), 5)]


def assert_masked_everywhere(assistant, sender: str, replies: list[dict], secrets: dict) -> None:
    events = stored_events(assistant.config, sender)
    stored = "\n".join(events)
    logs = log_text(assistant.config, "rasa") + log_text(assistant.config, "actions")
    for name, (kind, _, secret) in secrets.items():
        for place, text in [("reply", str(replies)), ("store", stored), ("log", logs)]:
            assert secret not in text, f"{name} {secret!r} in the {place}"
        # The debug log shows every user message: masked, or removed when read as a secret.
        assert PLACEHOLDERS[kind] in logs or REMOVED_TEXT in logs
    user_texts = [json.loads(e)["text"] for e in events if json.loads(e)["event"] == "user"]
    # Kept masked, or without its text when the NLU reads it as sharing a secret.
    assert len(user_texts) == len(secrets)
    for kept, (_, text, _) in zip(user_texts, secrets.values(), strict=True):
        assert kept in (mask_sensitive(text)[0], REMOVED_TEXT)


@pytest.mark.parametrize("batch", range(len(BATCHES)))
def test_secrets_sent_over_rest_are_masked(assistant, sender, batch):
    secrets = BATCHES[batch]
    replies = [message for _, text, _ in secrets.values() for message in assistant.say(sender, text)]
    assert_masked_everywhere(assistant, sender, replies, secrets)


@pytest.mark.parametrize("batch", range(len(BATCHES)))
def test_secrets_sent_over_socketio_are_masked(assistant, batch):
    secrets = BATCHES[batch]
    with SocketChat(assistant) as chat:
        replies = [message for _, text, _ in secrets.values() for message in chat.say(text)]
        assert_masked_everywhere(assistant, chat.conversation_id, replies, secrets)


@pytest.mark.parametrize("name", SECRETS)
def test_a_secret_never_becomes_a_form_answer(assistant, sender, name):
    assert "first name" in assistant.say_text(sender, "please register me for e-filing")
    _, text, secret = SECRETS[name]
    assistant.say(sender, text)
    slots = assistant.tracker(sender)["slots"]
    assert secret not in str(slots)
    assert slots["first_name"] is None


def test_metadata_keeps_only_the_staff_proof(assistant, sender):
    """A client may put anything in a message's metadata; only a short staff proof is stored."""
    proof = "ab" * 32
    metadata = {"staff_proof": proof, "note": SECRETS["ssn"][1], "blob": "x" * 5000}
    body = {"sender": sender, "message": "hello", "metadata": metadata}
    assert assistant.post_chat(json.dumps(body).encode()).status == 200
    events = stored_events(assistant.config, sender)
    [user] = [event for event in map(json.loads, events) if event["event"] == "user"]
    assert user["metadata"]["staff_proof"] == proof  # Rasa adds its own keys (model_id) too
    assert not {"note", "blob"} & set(user["metadata"])
    assert SECRETS["ssn"][2] not in "".join(events)


# No pattern can see this secret; the NLU reads the message as sharing one (issue 10).
SECRET_BY_MEANING = ("here is my login info so you can do it: bluebird77", "bluebird77")


@pytest.mark.parametrize("channel", ["rest", "socketio"])
def test_a_secret_seen_only_by_its_meaning_is_kept_without_its_text(assistant, sender, channel):
    text, secret = SECRET_BY_MEANING
    assert mask_sensitive(text) == (text, [])  # no pattern finds it
    if channel == "rest":
        conversation, replies = sender, assistant.say(sender, text)
    else:
        with SocketChat(assistant) as chat:
            conversation, replies = chat.conversation_id, chat.say(text)
    assert "Please keep that private" in replies[0]["text"]
    events = [json.loads(event) for event in stored_events(assistant.config, conversation)]
    assert [e["text"] for e in events if e["event"] == "user"] == [REMOVED_TEXT]
    logs = log_text(assistant.config, "rasa") + log_text(assistant.config, "actions")
    for place, found in [("reply", str(replies)), ("store", json.dumps(events)), ("log", logs)]:
        assert secret not in found, f"{secret!r} in the {place}"
