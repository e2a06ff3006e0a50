"""Thumbs up / down ratings of the assistant's answers in the web chat, kept in a small table.

A rating is the answer's response name (like `utter_what_is_pacer`), up or down, and the day
(UTC) it was given: no session id, no text, nothing about the filer. The table lives in the
submissions database (SQLAlchemy Core: SQLite or PostgreSQL) and is created when missing. The
court's dashboard counts them per response name (`RatingStore.counts`).
"""

from __future__ import annotations

import re
from datetime import date

import sqlalchemy as sa

from bot.dashboard import Period, Table
from bot.submission_store import create_private_file, sqlite_file

RESPONSE_NAME = re.compile(r"utter_[a-z0-9_]{1,80}")
RATINGS = ("up", "down")

_ratings = sa.Table(
    "answer_ratings",
    sa.MetaData(),
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("day", sa.Date, nullable=False, index=True),
    sa.Column("response", sa.String(96), nullable=False),
    sa.Column("up", sa.Boolean, nullable=False),
)


def is_response_name(name: object) -> bool:
    """Whether `name` looks like the name of one of the assistant's responses."""
    return isinstance(name, str) and RESPONSE_NAME.fullmatch(name) is not None


def is_rating(response: object, rating: object) -> bool:
    """Whether (response, rating) is a rating that may be kept: a response name, up or down."""
    return is_response_name(response) and rating in RATINGS


class RatingStore:
    """The ratings table of one database."""

    def __init__(self, url: str) -> None:
        path = sqlite_file(url)
        if path is not None and not path.exists():
            create_private_file(path)
        self.engine = sa.create_engine(url, future=True, hide_parameters=True)
        _ratings.metadata.create_all(self.engine)

    def add(self, response: str, rating: str, day: date) -> None:
        """Keeps one rating; raises ValueError for anything `is_rating` refuses."""
        if not is_rating(response, rating):
            raise ValueError("not a rating")
        with self.engine.begin() as connection:
            connection.execute(
                sa.insert(_ratings).values(day=day, response=response, up=rating == "up")
            )

    def counts(self, period: Period) -> Table:
        """Per response name: thumbs up and down in the period, most rated first (the chart
        shows the thumbs down)."""
        ups = sa.func.sum(sa.case((_ratings.c.up, 1), else_=0))
        query = (
            sa.select(_ratings.c.response, ups, sa.func.count(_ratings.c.id))
            .where(_ratings.c.day >= period.first, _ratings.c.day <= period.last)
            .group_by(_ratings.c.response)
        )
        with self.engine.connect() as connection:
            found = [
                (name, int(up), int(total) - int(up))
                for name, up, total in connection.execute(query)
            ]
        rows = tuple(sorted(found, key=lambda row: (-(row[1] + row[2]), row[0])))
        headers = ("Answer (response name)", "Thumbs up", "Thumbs down")
        return Table("ratings", "Answer ratings in the web chat", headers, rows, 2)

    def close(self) -> None:
        """Lets go of the database connections."""
        self.engine.dispose()
