"""The court's dashboard of what filers struggle with, computed from Rasa's SQL tracker store.

Every figure is for a `Period` (whole UTC days) and comes from the rows of the tracker store's
`events` table (Rasa's `SQLTrackerStore.SQLEvent`: id, sender_id, type_name, timestamp,
intent_name, action_name, data). SQLAlchemy Core does the filtering, counting and grouping that
is plain and portable (SQLite and PostgreSQL, values always as parameters); Python groups the
rest (days, the JSON of slot values, alike messages). A conversation is one sender id.

Nothing returned identifies a filer: no sender id, no reference code, no form answer. The only
free text is the messages the assistant could not answer, already masked by the channels and
masked again here (`bot.sensitive`), with names, emails, phones, addresses and case numbers
masked too (`bot.personal_details`); a message that looks like a form answer is left out.
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from bot.fallback import MISSED_INTENTS, looks_like_form_answer
from bot.fields import FIELDS_BY_SLOT, FORM_SLOT_ORDER
from bot.intents import FAQ_INTENTS
from bot.language import fold
from bot.personal_details import mask_personal_details
from bot.sensitive import mask_sensitive
from bot.topics import TOPIC_LABELS

DEFAULT_DAYS = 30
HAND_OFF_INTENT = "request_human"
# Rasa's ConversationPaused, appended when court staff take a chat over (web/staff_handoff.py).
PAUSED_EVENT = "pause"
OFFER_PERSON_RESPONSE = "utter_fallback_offer_person"
SUBMISSION_TYPE = "registration_submission"
REQUESTED_SLOT = "requested_slot"
FAILURES_SLOT = "form_failures"
LANGUAGE_SLOT = "language"
NOT_SET = "not set"

# The columns of Rasa's SQL tracker store table that the dashboard reads.
events = sa.Table(
    "events",
    sa.MetaData(),
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("sender_id", sa.String(255)),
    sa.Column("type_name", sa.String(255)),
    sa.Column("timestamp", sa.Float),
    sa.Column("intent_name", sa.String(255)),
    sa.Column("action_name", sa.String(255)),
    sa.Column("data", sa.Text),
)

_WORD = re.compile(r"[^\W_]+")

Cell = str | int


@dataclass(frozen=True)
class Period:
    """The days from `first` to `last`, both included, in UTC."""

    first: date
    last: date

    @classmethod
    def last_days(cls, today: date, days: int = DEFAULT_DAYS) -> Period:
        """The `days` days that end with `today`."""
        return cls(today - timedelta(days=days - 1), today)

    def bounds(self) -> tuple[float, float]:
        """The period as UNIX timestamps: from its first moment, up to (not including) its end."""
        start = datetime.combine(self.first, time(), tzinfo=timezone.utc)
        end = datetime.combine(self.last + timedelta(days=1), time(), tzinfo=timezone.utc)
        return start.timestamp(), end.timestamp()

    def days(self) -> list[date]:
        """Every day of the period, in order."""
        return [self.first + timedelta(days=n) for n in range((self.last - self.first).days + 1)]


@dataclass(frozen=True)
class Table:
    """One table of the dashboard: its name (in URLs and CSV file names), caption, rows.

    `chart`: the column drawn as bars (labelled by the first column), or None for no chart.
    """

    name: str
    caption: str
    headers: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    chart: int | None = None


def _in(period: Period) -> sa.ColumnElement[bool]:
    start, end = period.bounds()
    return sa.and_(events.c.timestamp >= start, events.c.timestamp < end)


def _data(text: str | None) -> dict[str, Any]:
    try:
        value = json.loads(text or "{}")
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def _day(timestamp: float) -> date:
    return datetime.fromtimestamp(timestamp, tz=timezone.utc).date()


def _percent(part: int, whole: int) -> str:
    return f"{round(100 * part / whole)}%" if whole else "-"


def _conversations(connection: Connection, period: Period) -> dict[str, float]:
    """Each conversation with a filer message in the period -> the time of its first one."""
    query = (
        sa.select(events.c.sender_id, sa.func.min(events.c.timestamp))
        .where(events.c.type_name == "user", _in(period))
        .group_by(events.c.sender_id)
    )
    return {str(sender): float(first) for sender, first in connection.execute(query)}


def conversations_per_day(firsts: Mapping[str, float], period: Period) -> Table:
    """How many conversations began (their first filer message in the period) on each day."""
    per_day = Counter(_day(first) for first in firsts.values())
    rows = tuple((day.isoformat(), per_day[day]) for day in period.days())
    return Table("conversations", "Conversations per day", ("Day", "Conversations"), rows, 1)


def questions_by_topic(connection: Connection, period: Period) -> Table:
    """How many times filers asked each question of the FAQ, most asked first."""
    count = sa.func.count(events.c.id)
    query = (
        sa.select(events.c.intent_name, count)
        .where(events.c.type_name == "user", events.c.intent_name.in_(FAQ_INTENTS), _in(period))
        .group_by(events.c.intent_name)
    )
    asked = [
        (TOPIC_LABELS.get(intent, intent), intent, times)
        for intent, times in connection.execute(query)
    ]
    rows = tuple(sorted(asked, key=lambda row: (-row[2], row[1])))
    return Table("topics", "Questions asked, by topic", ("Topic", "Intent", "Times asked"), rows, 2)


def alike_key(text: str) -> str:
    """What alike messages share: their words, lower case, without accents or punctuation."""
    return " ".join(_WORD.findall(fold(text)))


def group_unanswered(texts: Iterable[str]) -> list[tuple[str, int]]:
    """The messages, masked again (secrets, then names and other personal details), without
    form answers, grouped when alike: (message, count), most frequent first; each group shows
    its most frequent wording."""
    wordings: dict[str, Counter[str]] = defaultdict(Counter)
    for text in texts:
        without_secrets = " ".join(mask_sensitive(text)[0].split())
        if looks_like_form_answer(without_secrets):
            continue
        masked = mask_personal_details(without_secrets)
        key = alike_key(masked)
        if key:
            wordings[key][masked] += 1
    groups = [(words.most_common(1)[0][0], sum(words.values())) for words in wordings.values()]
    return sorted(groups, key=lambda group: (-group[1], group[0]))


def unanswered_messages(connection: Connection, period: Period) -> Table:
    """The filer messages the assistant could not answer (fallback or out of scope), grouped."""
    query = sa.select(events.c.data).where(
        events.c.type_name == "user", events.c.intent_name.in_(sorted(MISSED_INTENTS)), _in(period)
    )
    texts = (str(_data(data).get("text") or "") for (data,) in connection.execute(query))
    rows = tuple(group_unanswered(texts))
    return Table(
        "unanswered", "Messages the assistant could not answer", ("Message", "Times"), rows
    )


@dataclass(frozen=True)
class FormProgress:
    """What the form's events of the period say, per conversation."""

    reached: Mapping[str, Sequence[str]]  # conversation -> questions asked, in order
    refused: Mapping[str, int]  # question -> answers refused
    submitted: frozenset[str]  # conversations that sent their registration


def _refusals(before: Mapping[str, Any], after: Mapping[str, Any]) -> dict[str, int]:
    """How many answers were refused between two values of `form_failures` (misses in a row)."""
    return {
        slot: int(count) - int(before.get(slot) or 0)
        for slot, count in after.items()
        if isinstance(count, int) and count > int(before.get(slot) or 0)
    }


def form_progress(connection: Connection, period: Period) -> FormProgress:
    """Reads the form's questions, refusals and submissions of the period, conversation by
    conversation, in the order Rasa stored them."""
    query = (
        sa.select(events.c.sender_id, events.c.type_name, events.c.action_name, events.c.data)
        .where(
            _in(period),
            sa.or_(
                sa.and_(
                    events.c.type_name == "slot",
                    events.c.action_name.in_((REQUESTED_SLOT, FAILURES_SLOT)),
                ),
                sa.and_(
                    events.c.type_name == "bot",
                    events.c.data.contains(SUBMISSION_TYPE, autoescape=True),
                ),
            ),
        )
        .order_by(events.c.sender_id, events.c.id)
    )
    reached: dict[str, list[str]] = defaultdict(list)
    refused: Counter[str] = Counter()
    submitted: set[str] = set()
    failures: dict[str, dict[str, Any]] = {}
    for sender, type_name, name, data in connection.execute(query):
        event = _data(data)
        if type_name == "bot":
            custom = (event.get("data") or {}).get("custom") or {}
            if isinstance(custom, dict) and custom.get("type") == SUBMISSION_TYPE:
                submitted.add(sender)
        elif name == REQUESTED_SLOT and event.get("value") in FORM_SLOT_ORDER:
            reached[sender].append(str(event["value"]))
        elif name == FAILURES_SLOT:
            value = event.get("value")
            value = value if isinstance(value, dict) else {}
            refused.update(_refusals(failures.get(sender, {}), value))
            failures[sender] = value
    return FormProgress(dict(reached), dict(refused), frozenset(submitted))


def question_label(slot: str) -> str:
    """A form question's label: the field's, or the slot name in words."""
    field = FIELDS_BY_SLOT.get(slot)
    return field.label if field else slot.replace("_", " ").capitalize()


def form_funnel(progress: FormProgress) -> Table:
    """Per question of the form: conversations that reached it, that gave up there (the last
    question reached, with no registration sent), and answers refused."""
    reached = Counter(slot for asked in progress.reached.values() for slot in set(asked))
    gave_up = Counter(
        asked[-1] for sender, asked in progress.reached.items() if sender not in progress.submitted
    )
    rows = tuple(
        (question_label(slot), reached[slot], gave_up[slot], progress.refused.get(slot, 0))
        for slot in FORM_SLOT_ORDER
    )
    headers = ("Question", "Reached", "Gave up here", "Answers refused")
    return Table("funnel", "The form, question by question", headers, rows, 1)


def completion(conversations: int, progress: FormProgress) -> Table:
    """Conversations, how many started the form, how many sent it, and the completion rate."""
    started = len(progress.reached)
    sent = len(progress.submitted)
    rows: tuple[tuple[Cell, ...], ...] = (
        ("Conversations", conversations),
        ("Started the form", started),
        ("Sent the registration", sent),
        ("Completion rate (sent / started)", _percent(sent, started)),
    )
    return Table("completion", "Completion", ("Measure", "Value"), rows)


def hand_offs(connection: Connection, period: Period) -> Table:
    """Filers who asked for a person, offers of a person after answers the assistant missed, and
    chats court staff took over (the assistant paused: the warm hand-off)."""
    offer = f'"utter_action": "{OFFER_PERSON_RESPONSE}"'
    kinds = (
        (
            "Asked for a person",
            sa.and_(events.c.type_name == "user", events.c.intent_name == HAND_OFF_INTENT),
        ),
        (
            "Offered a person after missed answers",
            sa.and_(events.c.type_name == "bot", events.c.data.contains(offer, autoescape=True)),
        ),
        ("Taken over by court staff", events.c.type_name == PAUSED_EVENT),
    )
    rows = []
    for label, condition in kinds:
        query = sa.select(
            sa.func.count(events.c.id), sa.func.count(sa.distinct(events.c.sender_id))
        ).where(condition, _in(period))
        times, conversations = connection.execute(query).one()
        rows.append((label, int(times), int(conversations)))
    return Table(
        "handoffs", "Hand-offs to a person", ("Kind", "Times", "Conversations"), tuple(rows), 1
    )


def languages(connection: Connection, period: Period, conversations: Iterable[str]) -> Table:
    """Conversations by the language they were in last (the `language` slot; unset: not set)."""
    query = (
        sa.select(events.c.sender_id, events.c.data)
        .where(events.c.type_name == "slot", events.c.action_name == LANGUAGE_SLOT, _in(period))
        .order_by(events.c.id)
    )
    last = {sender: _data(data).get("value") for sender, data in connection.execute(query)}
    counts = Counter(str(last.get(sender) or NOT_SET) for sender in conversations)
    rows = tuple(sorted(counts.items(), key=lambda row: (-row[1], row[0])))
    return Table("languages", "Conversations by language", ("Language", "Conversations"), rows, 1)


def tracker_tables(connection: Connection, period: Period) -> tuple[Table, ...]:
    """Every table of the dashboard that comes from the tracker store, in the page's order;
    none while the store has no `events` table yet (before the first conversation)."""
    if not sa.inspect(connection).has_table("events"):
        return ()
    conversations = _conversations(connection, period)
    progress = form_progress(connection, period)
    return (
        conversations_per_day(conversations, period),
        completion(len(conversations), progress),
        questions_by_topic(connection, period),
        unanswered_messages(connection, period),
        form_funnel(progress),
        hand_offs(connection, period),
        languages(connection, period, conversations),
    )
