"""Chat ids: the one form of session and sender id the chat accepts, web chat conversations, log ids.

- `is_chat_id`: 8 to 128 letters, digits, `-` or `_` (the web chat makes 32 hex digits). The REST
  channel (400), the socket.io channel (a refusal message) and the web app's `/chat/config` refuse
  anything else before it is counted, stored or logged.
- A web chat session is kept as the conversation `web_chat_conversation(session_id)`: the id behind
  a prefix with a `:`, which no chat id has. So the public REST channel, whose sender ids are chat
  ids, can neither read nor continue a conversation that the web chat opened, even with a leaked
  session id. `session_of` gives the session id back (the staff console's proof is made of it).
- `log_id`: how a log line names a conversation, session, sender or reference code: a keyed hash,
  the same within one process (so lines can be matched up), from which the id cannot be found by
  trying every possible one (a reference code has only about 30 bits).
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets

CHAT_ID_PATTERN = re.compile(r"[A-Za-z0-9_-]{8,128}")
CHAT_ID_RULE = "8 to 128 letters, digits, - or _"
WEB_CHAT_PREFIX = "webchat:"

# A new key in every process: log ids match up within one server's log, and reveal nothing.
_LOG_KEY = secrets.token_bytes(16)


def is_chat_id(value: object) -> bool:
    """Whether `value` is a session or sender id of the form the chat accepts."""
    return isinstance(value, str) and CHAT_ID_PATTERN.fullmatch(value) is not None


def bad_chat_id(name: str) -> str:
    """The refusal of an id that is not a chat id, naming the field (`sender`, `session_id`)."""
    return f"{name} must be {CHAT_ID_RULE}."


def web_chat_conversation(session_id: str) -> str:
    """The conversation id under which a web chat session is kept (out of the REST channel's reach)."""
    if not is_chat_id(session_id):
        raise ValueError(bad_chat_id("session_id"))
    return WEB_CHAT_PREFIX + session_id


def session_of(conversation_id: str) -> str:
    """The web chat session id of a conversation; any other conversation id as it is."""
    return conversation_id.removeprefix(WEB_CHAT_PREFIX)


def log_id(value: str) -> str:
    """`value` as log lines name it: `id:` and 12 hex digits of a keyed hash."""
    return "id:" + hmac.new(_LOG_KEY, value.encode(), hashlib.sha256).hexdigest()[:12]
