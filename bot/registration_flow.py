"""The rules of the registration form: which answers it still needs, and what to do with each one.

Framework-free: the form validation action hands each typed answer to `check_answer` and
turns the returned `Outcome` into slot changes and messages.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from bot.answers import (
    InvalidAnswer,
    check_admission_method,
    clean_city,
    clean_email,
    clean_middle_name,
    clean_name,
    clean_payment_method,
    clean_phone,
    clean_state,
    clean_street_address,
    clean_zip,
    field_from_text,
    parse_yes_no,
)
from bot.case_number import BANKRUPTCY_WARNING, parse_case_number
from bot.fields import FIELDS_BY_SLOT, FORM_SLOT_ORDER, PAYMENT_METHOD_SLOTS
from bot.sensitive import SENSITIVE_REFUSAL, contains_sensitive, is_masked
from bot.summary import review_lines

# After this many misses in a row on one question, explain the question; after one
# more, offer to stop (the way RasaHQ's financial-demo does it).
EXPLAIN_AFTER = 2
OFFER_STOP_AFTER = 3

YES_NO_SLOTS = frozenset({"set_payment_defaults", "terms_accepted", "confirmed"})
PAYMENT_AGAIN = "OK, let's go over payment again."


@dataclass(frozen=True)
class Reply:
    """A message to the filer: either plain text or the name of a domain response."""

    text: str | None = None
    response: str | None = None


@dataclass(frozen=True)
class Outcome:
    """What one answer does: slot changes (None means "ask again") and messages."""

    updates: dict[str, object]
    replies: tuple[Reply, ...] = ()
    failed: bool = False


@dataclass(frozen=True)
class Cleaned:
    """A clean value and any warning that goes with it."""

    value: object
    warnings: tuple[Reply, ...] = field(default_factory=tuple)


def _case_number(text: str) -> Cleaned:
    case = parse_case_number(text)
    return Cleaned(case.canonical(), (Reply(text=BANKRUPTCY_WARNING),) if case.is_bankruptcy else ())


def _plain(cleaner: Callable[[str], object]) -> Callable[[str], Cleaned]:
    return lambda text: Cleaned(cleaner(text))


CLEANERS: dict[str, Callable[[str], Cleaned]] = {
    "first_name": _plain(clean_name),
    "middle_name": _plain(clean_middle_name),
    "last_name": _plain(clean_name),
    "email": _plain(clean_email),
    "phone": _plain(clean_phone),
    "street_address": _plain(clean_street_address),
    "city": _plain(clean_city),
    "state": _plain(clean_state),
    "zip_code": _plain(clean_zip),
    "most_recent_case": _case_number,
    "set_payment_defaults": _plain(parse_yes_no),
    "pacer_fees_method": _plain(clean_payment_method),
    "efiling_fees_method": _plain(clean_payment_method),
    "admission_fees_method": _plain(lambda text: check_admission_method(clean_payment_method(text))),
    "terms_accepted": _plain(parse_yes_no),
}


def required_slots(answers: Mapping[str, object]) -> list[str]:
    """The form's questions in order, given the answers so far.

    Payment methods are asked only after a "yes" to setting payment defaults; a "no" to
    the terms of use ends the form without the review.
    """
    skipped: set[str] = set()
    if answers.get("set_payment_defaults") is not True:
        skipped.update(PAYMENT_METHOD_SLOTS)
    if answers.get("terms_accepted") is False:
        skipped.add("confirmed")
    return [slot for slot in FORM_SLOT_ORDER if slot not in skipped]


def _is_sensitive(text: str) -> bool:
    """True for a secret typed in, or one the chat channel already masked."""
    return contains_sensitive(text) or is_masked(text)


def fix_message(slot: str) -> str:
    """What the assistant says before it asks a field again: "OK, let's fix your email."."""
    return f"OK, let's fix your {FIELDS_BY_SLOT[slot].label.lower()}."


def _check_confirmation(text: str) -> Outcome:
    slot = field_from_text(text)
    if slot == "payment":
        payment = ("set_payment_defaults", *PAYMENT_METHOD_SLOTS)
        reply = Reply(text=PAYMENT_AGAIN)
        return Outcome({name: None for name in (*payment, "confirmed")}, (reply,))
    if slot is not None:
        reply = Reply(text=fix_message(slot))
        cleared: dict[str, object] = {slot: None, "confirmed": None}
        if slot in PAYMENT_METHOD_SLOTS:  # asked only after a "yes" to payment defaults
            cleared["set_payment_defaults"] = None
        return Outcome(cleared, (reply,))
    if parse_yes_no(text):
        return Outcome({"confirmed": True})
    return Outcome({"confirmed": None}, (Reply(response="utter_ask_what_to_change"),))


def check_answer(slot: str, value: object, typed_now: bool = True) -> Outcome:
    """Check the filer's answer to `slot`; a refusal says what is wrong and keeps other answers.

    `typed_now` is False for an answer kept earlier that Rasa hands back when the form starts
    again: it is checked the same way, but its warnings (a bankruptcy case number) were said
    when it was typed, so they are not said again.
    """
    if isinstance(value, bool) and slot in YES_NO_SLOTS:
        # Already checked: Rasa hands every kept answer back when the form starts again.
        return Outcome({slot: value})
    text = "" if value is None else str(value)
    if _is_sensitive(text):
        return Outcome({slot: None}, (Reply(text=SENSITIVE_REFUSAL),), failed=True)
    try:
        if slot == "confirmed":
            return _check_confirmation(text)
        cleaned = CLEANERS[slot](text)
    except InvalidAnswer as problem:
        return Outcome({slot: None}, (Reply(text=str(problem)),), failed=True)
    updates = {slot: cleaned.value}
    if slot == "set_payment_defaults" and cleaned.value is False:
        updates.update(dict.fromkeys(PAYMENT_METHOD_SLOTS))  # no defaults: no methods kept
    return Outcome(updates, cleaned.warnings if typed_now else ())


def count_failures(
    failures: Mapping[str, int] | None, slot: str, failed: bool
) -> tuple[dict[str, int], tuple[Reply, ...]]:
    """Update the misses-in-a-row count for `slot`, with any help to add after a miss."""
    counts = dict(failures or {})
    if not failed:
        counts.pop(slot, None)
        return counts, ()
    counts[slot] = counts.get(slot, 0) + 1
    if counts[slot] >= OFFER_STOP_AFTER:
        return counts, (Reply(response="utter_offer_stop"),)
    if counts[slot] == EXPLAIN_AFTER:
        return counts, (Reply(response=f"utter_explain_{slot}"),)
    return counts, ()


def review_message(answers: Mapping[str, object]) -> str:
    """The read-back of every answer before the filer confirms."""
    lines = "\n".join(review_lines(answers))
    return (
        "Please check your answers:\n"
        f"{lines}\n"
        'Is all of this right? Say "yes", or tell me what to change, like "change my email".'
    )
