"""Every text the assistant shows, keyed as in the content register (content/register.yml).

One list for the register test and the reading-level test: the responses of domain.yml (filer and
staff variations), the walkthrough's steps, the printed summary and the in-chat review, the staff
console's troubleshooting notes, and the form's messages about a wrong answer.
"""

from __future__ import annotations

import inspect
import re
from dataclasses import dataclass
from types import ModuleType

import yaml
from sample_registration import ANSWERS, sample_payload

from bot import answers, case_number
from bot.fields import PAYMENT_METHOD_SLOTS
from bot.registration_flow import review_message
from bot.summary import summarize
from bot.troubleshooting import NOTES
from bot.walkthrough import STEPS, render_step
from ops.stack import ROOT

DOMAIN = yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))
ANSWER = "ANSWER"


@dataclass(frozen=True)
class Text:
    """One text: its register key, the words, and whether only help-line staff see it."""

    key: str
    text: str
    staff: bool = False


def _is_staff(variation: dict) -> bool:
    conditions = variation.get("condition", [])
    return any(c.get("name") == "staff_mode" and c.get("value") for c in conditions)


def _without_answers(text: str) -> str:
    """A summary with the sample filer's own answers (no facts of ours) replaced by ANSWER."""
    payload = sample_payload()
    names = [name for name in ("reference", *ANSWERS) if hasattr(payload, name)]
    values = {str(getattr(payload, name)) for name in names}
    for value in sorted((v for v in values if len(v) > 3), key=len, reverse=True):
        text = text.replace(value, ANSWER)
    return text


def _message_constants(module: ModuleType) -> dict[str, str]:
    """A module's own messages to the filer: the upper-case string constants it defines (not
    imports) that are sentences."""
    source = inspect.getsource(module)
    return {
        name: value
        for name, value in vars(module).items()
        if name.isupper()
        and isinstance(value, str)
        and re.search(r"\w \w.*\.", value)
        and re.search(rf"^{name} = ", source, re.MULTILINE)
    }


def response_texts() -> list[Text]:
    return [
        Text(name, variation["text"], _is_staff(variation))
        for name, variations in DOMAIN["responses"].items()
        for variation in variations
        if "text" in variation
    ]


def walkthrough_texts() -> list[Text]:
    texts = []
    for number, step in enumerate(STEPS, start=1):
        texts.append(Text(f"walkthrough.step_{number}", render_step(number)))
        texts.append(Text(f"walkthrough.step_{number}", step.screen, staff=True))
    return texts


def summary_texts() -> list[Text]:
    skipped_payment = {**ANSWERS, "set_payment_defaults": False}
    no_methods = dict.fromkeys(PAYMENT_METHOD_SLOTS, "none")
    return [
        Text("summary.guide", _without_answers(summarize(sample_payload()))),
        Text("summary.guide", _without_answers(summarize(sample_payload(**no_methods)))),
        Text("summary.review", _without_answers(review_message(ANSWERS))),
        Text("summary.review", _without_answers(review_message(skipped_payment))),
    ]


def troubleshooting_texts() -> list[Text]:
    return [
        Text(
            f"troubleshooting.{number}",
            "\n".join([note.title, note.symptom, *note.steps]),
            staff=True,
        )
        for number, note in enumerate(NOTES, start=1)
    ]


def message_texts() -> list[Text]:
    return [
        Text(f"{module.__name__.removeprefix('bot.')}.{name}", value)
        for module in (answers, case_number)
        for name, value in _message_constants(module).items()
    ]


def all_texts() -> list[Text]:
    return [
        *response_texts(),
        *walkthrough_texts(),
        *summary_texts(),
        *troubleshooting_texts(),
        *message_texts(),
    ]
