"""Troubleshooting notes for the help-line staff console: common problems and what to tell callers.

Plain words, drawn from the court's pro se e-filing registration page. Contacts are only the ones
that page gives (the PACER Service Center) or the court's website; no other numbers.
"""

from __future__ import annotations

from dataclasses import dataclass

PACER_SERVICE_CENTER = "PACER Service Center: pacer@psc.uscourts.gov or 1-800-676-6856"


@dataclass(frozen=True)
class Note:
    """One problem a caller may have: how it shows, then what to check or say, in order."""

    title: str
    symptom: str
    steps: tuple[str, ...]


CLERKS_OFFICE = "the Clerk's Office. Its phone number is on www.mad.uscourts.gov"

NOTES: tuple[Note, ...] = (
    Note(
        "PACER account not upgraded",
        "The caller cannot file in this court, or cannot find the e-filing request in PACER.",
        (
            "Only upgraded PACER accounts work with NextGen CM/ECF. Without the upgrade, the "
            "caller cannot file in this court.",
            "Have them log in at pacer.uscourts.gov, open Manage My Account and read Account "
            "Type. It must say Upgraded PACER Account.",
            "If it does not, they click the Upgrade link next to Account Type and follow the "
            "screens. New PACER accounts are upgraded already.",
            f"Problems with the upgrade itself go to the {PACER_SERVICE_CENTER}.",
        ),
    ),
    Note(
        '"An account may already exist"',
        "When the caller registers for a PACER account, PACER says an account may already exist.",
        (
            "They may have made a PACER account before. They should not make a second one.",
            "Have them try the forgotten username and password links on the PACER login page.",
            f"If that does not work, they contact the {PACER_SERVICE_CENTER}.",
            "If they had an e-filing (CM/ECF) login with this court before, see the note on "
            "linking an old CM/ECF login.",
        ),
    ),
    Note(
        "Linking an old CM/ECF login",
        "The caller had a CM/ECF (e-filing) login with this court before the upgrade.",
        (
            "They link the old login to their upgraded PACER account one time.",
            "They log in to the court's CM/ECF with their upgraded PACER account. Then they "
            "open the Utilities menu and click Link a CM/ECF account to my PACER account. "
            "PACER's Manage My Account has the same link.",
            "They type the old CM/ECF username and password only on that screen. Never take a "
            "username or password on the phone.",
            f"If they forgot the old login, they contact {CLERKS_OFFICE}.",
            "Only if linking still fails do they send a new e-file request on PACER.",
        ),
    ),
    Note(
        "One-time code at login",
        "PACER asks the caller for a one-time code when they log in.",
        (
            "PACER may ask for a one-time code at login. This is multi-factor authentication.",
            "The code comes from the authentication app the caller set up. PACER does not send "
            "it by text.",
            f"If they cannot get a code, they contact the {PACER_SERVICE_CENTER}.",
            "Never ask for the code or the password on the phone.",
        ),
    ),
    Note(
        "Request rejected: no case number",
        "The court's email says the request was rejected because the case number was missing.",
        (
            "The court needs the case number in the Most Recent Case box. Without it, a request "
            "may be delayed or rejected.",
            "They send a new request: Manage My Account, Maintenance tab, Non-Attorney Admission "
            "/ E-File Registration, with the case number (like 1:24-cv-10987) in Most Recent Case.",
            "The case number is on orders and notices from the court, and at the top of the "
            "docket.",
            "The account is only for pro se parties who already have the court's permission to "
            "e-file in their case.",
        ),
    ),
    Note(
        "ACH for admission fees",
        "The caller wants to pay admission fees from a bank account (ACH).",
        (
            "This court does not take ACH for Attorney Admissions fees. The form here offers a "
            "credit card or none for Admission fees.",
            "A pro se caller can pick none if admission fees do not apply to them.",
            "ACH is fine for Autobill PACER fees and E-filing fees.",
            "The payment screen is optional: clicking Next skips it.",
            "Never take card or bank numbers on the phone. They type them only on PACER.",
        ),
    ),
    Note(
        "No email from the court",
        "The caller sent the request but has heard nothing.",
        (
            "The court reviews each request. It emails when it needs more, or when the request "
            "is granted. The court lists no set wait time.",
            "Have them look in the spam or junk folder.",
            "Have them check the email address in PACER (Manage My Account). If they have a "
            "reference code, look it up here to see the address they prepared.",
            f"If there is still no word, the caller can contact {CLERKS_OFFICE}.",
        ),
    ),
)
