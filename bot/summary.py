"""Plain-language text made from the filer's answers.

`summarize` gives the step-by-step guide the filer follows on the PACER screens after confirming;
`review_lines` gives the "Label: value" read-back shown in the chat before the filer confirms.
"""

from __future__ import annotations

from collections.abc import Mapping

from bot.answers import PAYMENT_METHOD_LABELS
from bot.fields import (
    COURT,
    COURT_TYPE,
    FORM_FIELDS,
    PAYMENT_METHOD_SLOTS,
    PAYMENT_SCREEN,
    PERSONAL_SCREEN,
    ROLE_IN_COURT,
)
from bot.payload import NO_PAYMENT_METHOD, RegistrationPayload

PAYMENT_DEFAULTS_NOT_SET = "Payment defaults: not set (you can skip that screen)"
NO_MIDDLE_NAME = "(none)"
INDENT = "   "


def payment_method_label(method: object) -> str:
    """Readable name of a payment method code, e.g. "ach" -> "ACH (bank account)"."""
    return PAYMENT_METHOD_LABELS.get(str(method), str(method))


def reference_line(reference: str) -> str:
    """The line that tells the filer their reference code."""
    return f"Your reference code: {reference}. Staff at the court help line can look it up."


def _personal_step(payload: RegistrationPayload) -> list[str]:
    step = ["Fill in the form:"]
    for field in FORM_FIELDS:
        if field.pacer_screen == PERSONAL_SCREEN:
            answer = getattr(payload, field.slot) or "leave blank"
            step.append(f"{field.pacer_field}: {answer}")
    return step


def _payment_step(payload: RegistrationPayload) -> list[str]:
    methods = {slot: getattr(payload, slot) for slot in PAYMENT_METHOD_SLOTS}
    if all(method == NO_PAYMENT_METHOD for method in methods.values()):
        return ["Payment screen: skip (click Next)."]
    step = ["Payment screen:"]
    for field in FORM_FIELDS:
        if field.pacer_screen == PAYMENT_SCREEN:
            step.append(f"{field.pacer_field}: {payment_method_label(methods[field.slot])}")
    step.append("Type card or bank numbers only on PACER. Never type them in this chat.")
    return step


def _numbered(steps: list[list[str]]) -> list[str]:
    """Each step's first line gets a number; the lines under it are indented."""
    lines = []
    for number, (first, *details) in enumerate(steps, start=1):
        lines.append(f"{number}. {first}")
        lines.extend(INDENT + detail for detail in details)
    return lines


def summarize(payload: RegistrationPayload) -> str:
    """Step-by-step guide for the PACER screens, with the reference code at the top and bottom."""
    steps = [
        ["Log in to PACER."],
        ["Click Manage My Account."],
        ["Click the Maintenance tab."],
        ["Click Non-Attorney Admission / E-File Registration."],
        [
            "Pick these:",
            f"Court Type: {COURT_TYPE}",
            f"Court: {COURT}",
            f"Role in Court: {ROLE_IN_COURT}",
        ],
        _personal_step(payload),
        _payment_step(payload),
        ["Terms of Use: check the boxes."],
        ["Click Submit. Then click Done on the confirmation page."],
        [f"The court will review your request. It will answer by email at {payload.email}."],
    ]
    lines = [
        reference_line(payload.reference),
        "",
        "What to do on PACER (pacer.uscourts.gov):",
        *_numbered(steps),
        "",
        reference_line(payload.reference),
    ]
    return "\n".join(lines)


def _review_value(slot: str, value: object) -> str:
    if slot in PAYMENT_METHOD_SLOTS:
        return payment_method_label(value)
    if isinstance(value, bool):
        return "Yes" if value else "No"
    text = str(value).strip()
    if slot == "middle_name" and not text:
        return NO_MIDDLE_NAME
    return text


def review_lines(answers: Mapping[str, object]) -> list[str]:
    """Lines like "First name: Jane" for the answers given so far, in form order.

    Unanswered fields (missing or None) are left out. When the filer chose not to set payment
    defaults, one line says so instead of the payment methods.
    """
    skip_payment = answers.get("set_payment_defaults") is False
    lines = []
    for field in FORM_FIELDS:
        if skip_payment and field.slot in PAYMENT_METHOD_SLOTS:
            if field.slot == PAYMENT_METHOD_SLOTS[0]:
                lines.append(PAYMENT_DEFAULTS_NOT_SET)
            continue
        value = answers.get(field.slot)
        if value is not None:
            lines.append(f"{field.label}: {_review_value(field.slot, value)}")
    return lines
