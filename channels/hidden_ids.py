"""No conversation id in a log line: while a chat turn is handled, log lines name it by `log_id`.

Rasa names the conversation in many of its own log lines (the processor, the lock store, the
tracker store; most at DEBUG, some at INFO and on errors). A conversation id is what lets anyone
read or continue a conversation, so no log may keep it. The chat channels set `CURRENT_ID` for the
task that handles a turn (`hiding`); `install` puts in a log record factory that replaces that
id, wherever it appears in a record's message, by its keyed hash (`bot.chat_ids.log_id`), which
still lets the lines of one conversation be matched up.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from bot.chat_ids import log_id

CURRENT_ID: ContextVar[str | None] = ContextVar("current_conversation_id", default=None)


def hide_current_id(record: logging.LogRecord) -> logging.LogRecord:
    """`record` with the current conversation id in its message replaced by its log id."""
    hidden = CURRENT_ID.get()
    if not hidden:
        return record
    try:
        message = record.getMessage()
    except Exception:  # a malformed record: logging reports it itself when it is emitted
        return record
    if hidden in message:
        record.msg, record.args = message.replace(hidden, log_id(hidden)), None
    return record


class HidingRecordFactory:
    """A log record factory that makes records with Rasa's and hides the current id in them."""

    def __init__(self, inner: Any) -> None:
        self.inner = inner

    def __call__(self, *args: Any, **kwargs: Any) -> logging.LogRecord:
        return hide_current_id(self.inner(*args, **kwargs))


def install() -> None:
    """Puts the hiding record factory in place, once per process."""
    factory = logging.getLogRecordFactory()
    if not isinstance(factory, HidingRecordFactory):
        logging.setLogRecordFactory(HidingRecordFactory(factory))


@contextmanager
def hiding(conversation_id: str) -> Iterator[None]:
    """Within this block (and the tasks it starts), log lines name `conversation_id` by its hash."""
    token = CURRENT_ID.set(conversation_id)
    try:
        yield
    finally:
        CURRENT_ID.reset(token)
