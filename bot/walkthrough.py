"""The PACER e-file registration steps, told one at a time.

The same numbered script serves the filer's "walk me through it" and, later, the
help-line staff console: each step says what to do and what the PACER screen shows.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Step:
    """One step of the registration on PACER."""

    title: str
    do: str
    screen: str


STEPS: tuple[Step, ...] = (
    Step(
        "Check your PACER account",
        "You need an upgraded PACER account. Log in at pacer.uscourts.gov, open Manage My "
        "Account, and look at Account Type. If it does not say upgraded, upgrade it first.",
        "Manage My Account shows your account details, with Account Type near the top.",
    ),
    Step(
        "Log in",
        "Go to pacer.uscourts.gov and log in with your own upgraded PACER account.",
        "The PACER login page asks for your username and password.",
    ),
    Step(
        "Open the request",
        "Go to Manage My Account. Click the Maintenance tab. Then click Non-Attorney "
        "Admission / E-File Registration.",
        "The Maintenance tab lists links. The one you need says Non-Attorney Admission / "
        "E-File Registration.",
    ),
    Step(
        "Pick the court",
        'For Court Type, pick "U.S. District Courts". For Court, pick "Massachusetts '
        'District Court".',
        "Two drop-down lists: Court Type, then Court.",
    ),
    Step(
        "Pick your role",
        'For Role in Court, pick "Party".',
        "A drop-down list called Role in Court.",
    ),
    Step(
        "Fill in your details",
        "Type your personal details. Boxes with a red star (*) are required. Put your case "
        "number, like 1:24-cv-10987, in Most Recent Case: without it your request can be "
        "slowed down or turned down. Then click Next.",
        "The E-File Registration form, with a red * beside each required box.",
    ),
    Step(
        "Payment (optional)",
        "You may save a credit card or ACH bank account for Autobill PACER fees, E-filing "
        "fees and Admission fees. This court does not take ACH for admission fees. To use "
        "one method for several fee types, tick the box next to each fee type. Or just "
        "click Next to skip.",
        "The Manage Account Payment Information screen, with the three fee types.",
    ),
    Step(
        "Terms of Use",
        "Read the Non-Attorney E-Filing Terms of Use and check the boxes to agree.",
        "The Terms of Use text with check boxes under it.",
    ),
    Step(
        "Submit",
        "Click Submit at the bottom. You will see a confirmation page. Click Done.",
        "A Submit button at the bottom, then a confirmation page with a Done button.",
    ),
    Step(
        "Wait for the court",
        "The court reviews your request and answers by email. If nothing comes in a few "
        "business days, check your spam folder, then contact the Clerk's Office.",
        "Nothing more on PACER: watch your email.",
    ),
)


def clamp_step(number: int) -> int:
    """Keep a step number (1-based) within the script."""
    return max(1, min(number, len(STEPS)))


def next_step_number(current: int | None, move: str) -> int:
    """Where "start", "next", "back" or "repeat" leads from the current step (None: not started)."""
    if current is None or move == "start":
        return 1
    offsets = {"next": 1, "back": -1, "repeat": 0}
    return clamp_step(current + offsets[move])


def render_step(number: int) -> str:
    """The message for step `number` (1-based), with "Step N of M"."""
    step = STEPS[clamp_step(number) - 1]
    text = f"Step {number} of {len(STEPS)}: {step.title}. {step.do}"
    if number == len(STEPS):
        return text + " That was the last step."
    return text

