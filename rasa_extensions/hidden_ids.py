"""No conversation id in a log line: while a chat turn or an HTTP API call about a conversation is
handled, log lines name the conversation by `bot.chat_ids.log_id`.

Rasa names the conversation in many of its own log lines (the processor, the lock store, the
tracker store; most at DEBUG, some at INFO and on errors). A conversation id is what lets anyone
read or continue a conversation, so no log may keep it. `CURRENT_ID` holds the conversation of the
task at hand: the chat channels set it for a turn (`hiding`), and `hide_api_conversation_ids`
for an HTTP API call with a conversation id in its path. `install` puts in a log record factory
that replaces that id, wherever it appears in a record's message or traceback, by its keyed
hash, which still
lets the lines of one conversation be matched up. `rasa_extensions.install.install()` does both.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from sanic import Sanic
from sanic.request import Request
from sanic.response import HTTPResponse

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
    if record.exc_info and not record.exc_text:  # an error's message may name it too
        record.exc_text = logging.Formatter().formatException(record.exc_info)
    if record.exc_text and hidden in record.exc_text:
        record.exc_text = record.exc_text.replace(hidden, log_id(hidden))
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


async def _hide_path_conversation(request: Request) -> None:
    conversation_id = request.match_info.get("conversation_id")
    CURRENT_ID.set(conversation_id if isinstance(conversation_id, str) else None)


async def _stop_hiding(_request: Request, _response: HTTPResponse) -> None:
    CURRENT_ID.set(None)


def hide_api_conversation_ids(app: Sanic) -> None:
    """While `app` answers a request with a conversation id in its path (Rasa's HTTP API:
    `/conversations/<conversation_id>/...`), log lines name that conversation by its hash."""
    app.register_middleware(_hide_path_conversation, "request")
    app.register_middleware(_stop_hiding, "response")
