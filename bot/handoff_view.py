"""What help-line staff see of a filer's chat in the warm hand-off (issue 13), built from the
conversation's tracker as Rasa's HTTP API returns it (`GET /conversations/<id>/tracker`).

`handoff_view` is pure: the tracker JSON in, a `HandoffView` out. It tells staff the filer's
language, where the filer is (the form's current question and how many answers to it were refused
in a row, or the walkthrough step), the form's answers so far, the last messages (filer,
assistant, court staff), the reference code of a finished registration, and whether the
assistant is paused (staff took over). Every text that reaches staff is masked again
(`bot.sensitive`), though the chat channels masked it already.

`check_correction` checks a form answer that staff type for the filer with the form's own rules
(`bot.registration_flow.check_answer`): the slot changes to make, or why it is refused.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from bot.dashboard import (
    FAILURES_SLOT,
    LANGUAGE_SLOT,
    REQUESTED_SLOT,
    SUBMISSION_TYPE,
    question_label,
)
from bot.fields import FIELDS_BY_SLOT, FORM_FIELDS, FORM_SLOT_ORDER
from bot.i18n import ENGLISH, words
from bot.registration_flow import check_answer, count_failures, required_slots
from bot.sensitive import mask_sensitive
from bot.summary import review_lines
from bot.walkthrough import STEPS, clamp_step

FORM_NAME = "registration_form"
WALKTHROUGH_SLOT = "walkthrough_step"
STAFF_MESSAGE_KEY = "staff_message"
FROM_STAFF = "from_staff"
LAST_MESSAGES = 12

FILER, ASSISTANT, STAFF = "filer", "assistant", "staff"
NOT_A_FIELD = "Pick one of the form's answers to correct."
NOT_ASKED = "The form does not ask this answer now, so it cannot be corrected."
NO_FORM = "The filer has not started the form, so there is no answer to correct."


@dataclass(frozen=True)
class Message:
    """One message of the chat: who sent it (filer, assistant or staff), its text, its time."""

    sender: str
    text: str
    timestamp: float | None


@dataclass(frozen=True)
class Correctable:
    """A form answer staff may correct: its slot name and its label."""

    slot: str
    label: str


@dataclass(frozen=True)
class HandoffView:
    """What staff see of one conversation."""

    language: str
    language_name: str
    paused: bool
    form_active: bool
    question: str | None
    question_slot: str | None
    refusals: int
    walkthrough: str | None
    answers: tuple[str, ...]
    messages: tuple[Message, ...]
    reference: str | None
    correctable: tuple[Correctable, ...] = field(default_factory=tuple)

    def as_json(self) -> dict[str, Any]:
        """The view as plain JSON for the staff console's page."""
        return {
            "language": self.language,
            "language_name": self.language_name,
            "paused": self.paused,
            "form_active": self.form_active,
            "question": self.question,
            "question_slot": self.question_slot,
            "refusals": self.refusals,
            "walkthrough": self.walkthrough,
            "answers": list(self.answers),
            "messages": [
                {"sender": m.sender, "text": m.text, "timestamp": m.timestamp}
                for m in self.messages
            ],
            "reference": self.reference,
            "correctable": [{"slot": c.slot, "label": c.label} for c in self.correctable],
        }


def language_name(code: str) -> str:
    """A language's name in English ("Spanish" for es), as staff read it."""
    names: Mapping[str, Sequence[str]] = words(ENGLISH)["language_names"]
    return names[code][0].title() if code in names else code


def _masked(text: object) -> str:
    return mask_sensitive(str(text))[0]


def form_answers(slots: Mapping[str, Any]) -> dict[str, Any]:
    """The form's answers (and its two control slots) from the tracker's slots."""
    return {slot: slots.get(slot) for slot in FORM_SLOT_ORDER}


def _message(event: Mapping[str, Any]) -> Message | None:
    """A chat message from a tracker event, or None for other events and messages with no text."""
    timestamp = event.get("timestamp")
    if event.get("event") == "user" and event.get("text"):
        return Message(FILER, _masked(event["text"]), timestamp)
    if event.get("event") != "bot" or not event.get("text"):
        return None
    metadata = event.get("metadata") or {}
    custom = (event.get("data") or {}).get("custom") or {}
    from_staff = metadata.get(FROM_STAFF) is True or STAFF_MESSAGE_KEY in custom
    return Message(STAFF if from_staff else ASSISTANT, _masked(event["text"]), timestamp)


def _reference(events: Sequence[Mapping[str, Any]]) -> str | None:
    """The reference code of the last registration sent in this conversation, if any."""
    for event in reversed(events):
        custom = (event.get("data") or {}).get("custom") if event.get("event") == "bot" else None
        if isinstance(custom, dict) and custom.get("type") == SUBMISSION_TYPE:
            reference = (custom.get("payload") or {}).get("reference")
            if isinstance(reference, str):
                return reference
    return None


def _walkthrough(step: object) -> str | None:
    if not isinstance(step, int) or isinstance(step, bool):
        return None
    number = clamp_step(step)
    return f"Step {number} of {len(STEPS)}: {STEPS[number - 1].title}"


def _form_active(tracker: Mapping[str, Any]) -> bool:
    return (tracker.get("active_loop") or {}).get("name") == FORM_NAME


def unchecked_answer(tracker: Mapping[str, Any]) -> str | None:
    """The slot of the question the form is asking when it holds a value, else None.

    The form checks an answer in the turn it is typed and then asks its next question, so the
    question being asked holds no value, except when the filer answered while the assistant
    was paused: Rasa still fills the slot from the message, but nothing checks it.
    """
    slots: Mapping[str, Any] = tracker.get("slots") or {}
    asked = slots.get(REQUESTED_SLOT)
    if _form_active(tracker) and isinstance(asked, str) and slots.get(asked) is not None:
        return asked
    return None


def accepted_answers(tracker: Mapping[str, Any]) -> dict[str, Any]:
    """The form's answers that the form checked (an unchecked one left out)."""
    answers = form_answers(tracker.get("slots") or {})
    unchecked = unchecked_answer(tracker)
    if unchecked is not None:
        answers[unchecked] = None
    return answers


def correctable_fields(answers: Mapping[str, Any]) -> tuple[Correctable, ...]:
    """The form's answers that the form asks, given the answers so far (payment methods only
    after a "yes" to payment defaults), in form order."""
    asked = set(required_slots(answers))
    return tuple(Correctable(f.slot, f.label) for f in FORM_FIELDS if f.slot in asked)


def handoff_view(tracker: Mapping[str, Any]) -> HandoffView:
    """What staff see of the conversation whose tracker JSON is `tracker`."""
    slots: Mapping[str, Any] = tracker.get("slots") or {}
    events: Sequence[Mapping[str, Any]] = tracker.get("events") or []
    answers = accepted_answers(tracker)
    form_active = _form_active(tracker)
    asked = slots.get(REQUESTED_SLOT) if form_active else None
    failures = slots.get(FAILURES_SLOT) or {}
    refusals = failures.get(asked, 0) if isinstance(failures, dict) and asked else 0
    language = slots.get(LANGUAGE_SLOT) or ENGLISH
    messages = [m for m in map(_message, events) if m is not None]
    return HandoffView(
        language=language,
        language_name=language_name(language),
        paused=tracker.get("paused") is True,
        form_active=form_active,
        question=question_label(asked) if isinstance(asked, str) else None,
        question_slot=asked if isinstance(asked, str) else None,
        refusals=refusals if isinstance(refusals, int) else 0,
        walkthrough=_walkthrough(slots.get(WALKTHROUGH_SLOT)),
        answers=tuple(_masked(line) for line in review_lines(answers)),
        messages=tuple(messages[-LAST_MESSAGES:]),
        reference=_reference(events),
        correctable=correctable_fields(answers),
    )


@dataclass(frozen=True)
class Correction:
    """A checked correction: the slot changes to make, or why it is refused (`refusal`)."""

    updates: dict[str, Any]
    refusal: str | None = None
    notes: tuple[str, ...] = ()


def check_correction(tracker: Mapping[str, Any], slot: str, value: str) -> Correction:
    """Check `value` for the form answer `slot` as the form would; on success, the slot changes:
    the clean value, and, when it answers the question the form is asking, the form moves on
    to its next question (so the filer is not asked it again) and its refusals are forgotten."""
    slots: Mapping[str, Any] = tracker.get("slots") or {}
    answers = accepted_answers(tracker)
    form_active = _form_active(tracker)
    if not form_active and all(value is None for value in answers.values()):
        return Correction({}, NO_FORM)
    if slot not in FIELDS_BY_SLOT:
        return Correction({}, NOT_A_FIELD)
    if slot not in {c.slot for c in correctable_fields(answers)}:
        return Correction({}, NOT_ASKED)
    outcome = check_answer(slot, value)
    if outcome.failed:
        reason = next((reply.text for reply in outcome.replies if reply.text), NOT_A_FIELD)
        return Correction({}, reason)
    updates = dict(outcome.updates)
    notes = tuple(reply.text for reply in outcome.replies if reply.text)
    if form_active and slots.get(REQUESTED_SLOT) == slot:
        after = {**answers, **updates}
        remaining = [name for name in required_slots(after) if after.get(name) is None]
        updates[REQUESTED_SLOT] = remaining[0] if remaining else None
        failures = slots.get(FAILURES_SLOT) if isinstance(slots.get(FAILURES_SLOT), dict) else None
        counts, _ = count_failures(failures, slot, failed=False)
        if counts != (failures or {}):
            updates[FAILURES_SLOT] = counts
    return Correction(updates, None, notes)
