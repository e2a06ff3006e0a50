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
from bot.walkthrough import ASK_FOR_PERMISSION, CARD_AND_BANK_NUMBERS, PERMISSION_FIRST, STEPS

PAYMENT_DEFAULTS_NOT_SET = "Payment defaults: not set (you can skip that screen)"
NO_MIDDLE_NAME = "(none)"
INDENT = "   "


def payment_method_label(method: object) -> str:
    """Readable name of a payment method code, e.g. "ach" -> "ACH (bank account)"."""
    return PAYMENT_METHOD_LABELS.get(str(method), str(method))


def reference_lines(reference: str) -> list[str]:
    """The lines that give the filer their reference code and who can look it up."""
    return [
        f"Your reference code: {reference}.",
        "Court staff can use it to read these answers back to you.",
        "To reach them, call the Clerk's Office. Its number is on www.mad.uscourts.gov.",
    ]


def _personal_step(payload: RegistrationPayload) -> list[str]:
    step = []
    for field in FORM_FIELDS:
        if field.pacer_screen == PERSONAL_SCREEN:
            answer = getattr(payload, field.slot) or "leave blank"
            step.append(f"{field.pacer_field}: {answer}")
    return [*step, "Then click Next."]


def _payment_step(payload: RegistrationPayload) -> list[str]:
    methods = {slot: getattr(payload, slot) for slot in PAYMENT_METHOD_SLOTS}
    if all(method == NO_PAYMENT_METHOD for method in methods.values()):
        return ["Payment screen: skip (click Next)."]
    step = []
    for field in FORM_FIELDS:
        if field.pacer_screen == PAYMENT_SCREEN:
            step.append(f"{field.pacer_field}: {payment_method_label(methods[field.slot])}")
    return [*step, CARD_AND_BANK_NUMBERS, "Then click Next."]


def _numbered(steps: list[list[str]]) -> list[str]:
    """Each step is numbered and titled as in the walkthrough; its lines are indented under it."""
    lines = []
    for number, (step, details) in enumerate(zip(STEPS, steps, strict=True), start=1):
        lines.append(f"{number}. {step.title}:")
        lines.extend(INDENT + detail for detail in details)
    return lines


def summarize(payload: RegistrationPayload) -> str:
    """Step-by-step guide for the PACER screens, with the reference code at the top and bottom.

    Its steps are the walkthrough's ten steps, with the same numbers and titles.
    """
    steps = [
        [PERMISSION_FIRST, ASK_FOR_PERMISSION, "Your PACER account must be upgraded."],
        ["Log in to PACER with your own upgraded account."],
        [
            "Click Manage My Account.",
            "Click the Maintenance tab.",
            "Click Non-Attorney Admission / E-File Registration.",
        ],
        [f"Court Type: {COURT_TYPE}", f"Court: {COURT}"],
        [f"Role in Court: {ROLE_IN_COURT}"],
        _personal_step(payload),
        _payment_step(payload),
        ["Read the Terms of Use on PACER.", "Then check the boxes."],
        ["Click Submit.", "Then click Done on the confirmation page."],
        [
            "The court will review your request.",
            f"It will write to you by email at {payload.email}.",
        ],
    ]
    lines = [
        *reference_lines(payload.reference),
        "",
        "This chat sends nothing to the court. You still apply yourself, on PACER.",
        "What to do on PACER (pacer.uscourts.gov):",
        *_numbered(steps),
        "",
        *reference_lines(payload.reference),
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
