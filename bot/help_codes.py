"""Help codes: a short code such as `H-4KQ7` that a filer reads to the Clerk's Office on the
phone, so staff can find the filer's chat (the warm hand-off, issue 13).

A code is `H-` and four characters from an alphabet with no look-alikes (no 0/O, 1/I/L, 5/S,
2/Z, 8/B; 331,776 codes), so it is easy to read aloud and to type from what was heard. It points to one
conversation and works for `HELP_CODE_HOURS` hours; asking again while it works gives the same
code. The codes live in their own table of the submissions database (SQLAlchemy Core: SQLite or
PostgreSQL). The store is synchronous; async callers wrap its calls in `asyncio.to_thread`.
`make purge` deletes expired codes (`delete_expired`).

A code and its conversation id are never logged: this module logs nothing, and its engine hides
SQL parameters.
"""

from __future__ import annotations

import re
import secrets
from datetime import datetime, timedelta, timezone

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError, ProgrammingError

from bot.submission_store import create_private_file, erase_deleted_rows, sqlite_file

HELP_CODE_PREFIX = "H-"
# Digits and capitals that cannot be mistaken for each other: no 0/O, 1/I/L, 5/S, 2/Z, 8/B;
# no H either, so "H4KQ" (a code missing a character) is never read as the code "H-H4KQ".
HELP_CODE_ALPHABET = "34679ACDEFGJKMNPQRTUVWXY"
HELP_CODE_LENGTH = 4
# A whole code; use it with re.fullmatch (or re.search to find one in a text).
HELP_CODE_PATTERN = rf"H-[{HELP_CODE_ALPHABET}]{{{HELP_CODE_LENGTH}}}"
# Tries at a code not live for another conversation before giving up (a full table).
_MAX_TRIES = 50
# What staff may type between the characters of a code they heard: spaces, dashes, dots.
_SEPARATORS = re.compile(r"[\s\-.]+")

_help_codes = sa.Table(
    "help_codes",
    sa.MetaData(),
    sa.Column("code", sa.String(8), primary_key=True),
    sa.Column("conversation_id", sa.String(255), nullable=False, unique=True),
    sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False, index=True),
)


class NoFreeHelpCode(Exception):
    """No free help code was found: nearly every code is in use."""


def new_help_code() -> str:
    """A fresh random help code such as `H-4KQ7`."""
    body = "".join(secrets.choice(HELP_CODE_ALPHABET) for _ in range(HELP_CODE_LENGTH))
    return HELP_CODE_PREFIX + body


def normalize_help_code(text: str) -> str | None:
    """The canonical code (`H-4KQ7`) for what staff typed or heard ("h4kq7", "H 4KQ7",
    " h-4kq7 ", or "4KQ7" without the H), or None when it cannot be a help code."""
    compact = _SEPARATORS.sub("", text).upper()
    if len(compact) == HELP_CODE_LENGTH + 1 and compact.startswith("H"):
        compact = compact[1:]
    if len(compact) != HELP_CODE_LENGTH or any(c not in HELP_CODE_ALPHABET for c in compact):
        return None
    return HELP_CODE_PREFIX + compact


def _utc(now: datetime | None) -> datetime:
    """`now` (the current time when None) in UTC; SQLite keeps no time zone, so every time
    stored or compared is UTC."""
    return (now or datetime.now(timezone.utc)).astimezone(timezone.utc)


class HelpCodeStore:
    """Issues help codes for conversations and finds the conversation of a code."""

    def __init__(self, url: str, hours: float) -> None:
        if not hours > 0:
            raise ValueError("a help code must work for more than 0 hours")
        self._lifetime = timedelta(hours=hours)
        path = sqlite_file(url)
        if path is not None:
            create_private_file(path)
        self._engine = sa.create_engine(url, future=True, hide_parameters=True)
        try:
            _help_codes.metadata.create_all(self._engine)
        except (IntegrityError, ProgrammingError):
            # Another process created the table at the same moment; it is there now.
            _help_codes.metadata.create_all(self._engine)

    def issue(self, conversation_id: str, now: datetime | None = None) -> str:
        """The conversation's live code, or a new one (unique among live codes) when it has none
        or its code has expired. Raises `NoFreeHelpCode` when no free code is found."""
        moment = _utc(now)
        for _ in range(_MAX_TRIES):
            if (live := self._live_code_of(conversation_id, moment)) is not None:
                return live
            code = new_help_code()
            expired = _help_codes.c.expires_at <= moment
            mine_or_same_code = sa.or_(
                _help_codes.c.conversation_id == conversation_id, _help_codes.c.code == code
            )
            row = {"code": code, "conversation_id": conversation_id,
                   "expires_at": moment + self._lifetime}
            try:
                with self._engine.begin() as connection:
                    connection.execute(sa.delete(_help_codes).where(expired, mine_or_same_code))
                    connection.execute(sa.insert(_help_codes).values(**row))
            except IntegrityError:
                # The code is live for another conversation, or another worker gave this
                # conversation a code at the same moment (then the next turn returns it).
                continue
            return code
        raise NoFreeHelpCode

    def conversation_for(self, code: str, now: datetime | None = None) -> str | None:
        """The conversation of a live code (typed in any form `normalize_help_code` reads), or
        None when it is not a code, unknown or expired."""
        canonical = normalize_help_code(code)
        if canonical is None:
            return None
        query = sa.select(_help_codes.c.conversation_id).where(
            _help_codes.c.code == canonical, _help_codes.c.expires_at > _utc(now)
        )
        with self._engine.connect() as connection:
            found: str | None = connection.execute(query).scalar_one_or_none()
        return found

    def _live_code_of(self, conversation_id: str, moment: datetime) -> str | None:
        query = sa.select(_help_codes.c.code).where(
            _help_codes.c.conversation_id == conversation_id, _help_codes.c.expires_at > moment
        )
        with self._engine.connect() as connection:
            found: str | None = connection.execute(query).scalar_one_or_none()
        return found

    def delete_expired(self, now: datetime | None = None) -> int:
        """Delete every expired code; returns how many."""
        with self._engine.begin() as connection:
            erase_deleted_rows(connection)
            result = connection.execute(
                sa.delete(_help_codes).where(_help_codes.c.expires_at <= _utc(now))
            )
        return result.rowcount

    def close(self) -> None:
        """Let go of the database connections."""
        self._engine.dispose()
