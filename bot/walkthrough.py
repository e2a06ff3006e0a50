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


# The first thing a filer must know: said by the walkthrough's first step, the registration intro
# (domain.yml) and the printed summary.
PERMISSION_FIRST = (
    "This account is only for people the court has allowed to e-file in their case."
)
ASK_FOR_PERMISSION = (
    "If you don't have that permission yet, ask the Clerk's Office how to ask for it."
)
RESTRICTED_ACCOUNT = (
    "The court calls it a restricted account: you use it only to file in your own case, as the "
    "court allowed."
)
CARD_AND_BANK_NUMBERS = "Type card or bank numbers only on PACER, never in a chat."

STEPS: tuple[Step, ...] = (
    Step(
        "Check your PACER account",
        f"First, make sure you may register. {PERMISSION_FIRST} {ASK_FOR_PERMISSION} "
        f"{RESTRICTED_ACCOUNT} You also "
        "need an upgraded PACER account. Log in at pacer.uscourts.gov, open Manage My Account, "
        "and look at Account Type. If it does not say upgraded, upgrade it first.",
        "Manage My Account shows the Account Type. It should say Upgraded PACER Account.",
    ),
    Step(
        "Log in",
        "Go to pacer.uscourts.gov and log in with your own upgraded PACER account. PACER may "
        "ask for a one-time code from your authentication app. If you can't get the code, "
        "contact the PACER Service Center.",
        "The PACER login page asks for the username and password. It may then ask for a "
        "one-time code.",
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
        "number, like 1:24-cv-10987, in Most Recent Case. Without it, your request may be "
        "delayed or rejected. Then click Next.",
        "The E-File Registration form. A red star marks each required box.",
    ),
    Step(
        "Payment (optional)",
        "You may save a credit card or ACH (a bank account) for Autobill PACER fees, E-filing "
        "fees and Admission fees. This court does not take ACH for Attorney Admissions fees. "
        "If admission fees don't apply to you, leave them as none. To use one card or account "
        "for more than one fee type, check the box next to each fee type. "
        f"{CARD_AND_BANK_NUMBERS} Or just click Next to skip this screen.",
        "The Manage Account Payment Information screen, with the three fee types.",
    ),
    Step(
        "Terms of Use",
        "Read the Non-Attorney E-Filing Terms of Use on PACER. Then check the boxes to show "
        "you read them and agree.",
        "The Terms of Use text, with check boxes.",
    ),
    Step(
        "Submit",
        "Click Submit at the bottom. You will see a confirmation page. Click Done.",
        "A Submit button at the bottom, then a confirmation page with a Done button.",
    ),
    Step(
        "Wait for the court",
        "The court reviews your request. It emails you if it needs more, or if your request "
        "is granted. The court does not list a set wait time. If you hear nothing, check your "
        "spam folder and the email in Manage My Account. Then contact the Clerk's Office.",
        "Nothing more on PACER. The court writes by email.",
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

