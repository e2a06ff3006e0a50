"""A message the NLU reads as sharing a secret is kept without its text.

The chat channels mask secrets they can see by their shape (`bot.sensitive`). A secret with no
telltale shape ("here is my login, it's bluebird77") can only be seen by its meaning: the NLU
reads it as `share_sensitive_info`. Rasa stores a user message with the text it was given, so
this wraps `MessageProcessor._parse_message_with_graph` (the NLU run inside `parse_message`):
when the likeliest meaning is sharing a secret, the message's text is replaced by
`REMOVED_TEXT` before Rasa logs the parse and before the `UserUttered` event is made, so the
tracker store, the staff console and every log see only that. The intent is kept, so the filer
is still told not to share such things.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import wraps
from typing import Any

from rasa.core.channels.channel import UserMessage
from rasa.core.processor import MessageProcessor
from rasa.shared.constants import DEFAULT_NLU_FALLBACK_INTENT_NAME

SECRET_INTENT = "share_sensitive_info"
REMOVED_TEXT = "[message removed: it looked like private details]"


def read_as_secret(parse: Mapping[str, Any]) -> bool:
    """Whether the likeliest meaning of the parsed message (fallback aside) is sharing a secret."""
    ranking = parse.get("intent_ranking") or [parse.get("intent") or {}]
    meanings = [item.get("name") for item in ranking]
    likeliest = next((name for name in meanings if name != DEFAULT_NLU_FALLBACK_INTENT_NAME), None)
    return likeliest == SECRET_INTENT


def removing_secret_text(parse: Callable[..., dict[str, Any]]) -> Callable[..., dict[str, Any]]:
    """`MessageProcessor._parse_message_with_graph`, which also empties a message read as a secret."""

    @wraps(parse)
    def parse_with_graph(
        self: MessageProcessor, message: UserMessage, *args: Any, **kwargs: Any
    ) -> dict[str, Any]:
        parse_data = parse(self, message, *args, **kwargs)
        if read_as_secret(parse_data):
            message.text = REMOVED_TEXT
            parse_data["text"] = REMOVED_TEXT
        return parse_data

    return parse_with_graph


def install() -> None:
    """Wraps `MessageProcessor._parse_message_with_graph` (once)."""
    if not getattr(MessageProcessor._parse_message_with_graph, "removes_secret_text", False):
        wrapped = removing_secret_text(MessageProcessor._parse_message_with_graph)
        wrapped.removes_secret_text = True  # type: ignore[attr-defined]
        MessageProcessor._parse_message_with_graph = wrapped  # type: ignore[method-assign]
