"""The registration payload: one checked record of a filer's confirmed answers.

This is the record the assistant stores and court staff read back. Its JSON Schema is published in
`schemas/registration_submission.schema.json` (see `bot/payload_schema.py`).
"""

from __future__ import annotations

import json
import secrets
from collections.abc import Mapping
from datetime import datetime, timezone
from typing import Any, Literal

from pydantic import BaseModel, EmailStr, Field, validator

from bot.fields import COURT, COURT_TYPE, PAYMENT_METHOD_SLOTS, ROLE_IN_COURT

SCHEMA_VERSION = "1.0"
REFERENCE_PREFIX = "MAD-"
# Digits and capitals that cannot be mistaken for each other: no 0/O, 1/I/L.
REFERENCE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
REFERENCE_LENGTH = 6
NO_PAYMENT_METHOD = "none"

# Patterns use [0-9] rather than \d so Python and JSON Schema validators agree on what a digit is.
REFERENCE_PATTERN = r"^MAD-[0-9A-Z]{6}$"
PHONE_PATTERN = r"^[0-9]{3}-[0-9]{3}-[0-9]{4}( ext\. [0-9]{1,6})?$"
STATE_PATTERN = r"^[A-Z]{2}$"
ZIP_CODE_PATTERN = r"^[0-9]{5}(-[0-9]{4})?$"
CASE_NUMBER_PATTERN = r"^([0-9]:)?[0-9]{2}-[a-z]{2,4}-[0-9]{5}(-[A-Z]{1,4})*$"

PaymentMethod = Literal["credit_card", "ach", "none"]
AdmissionPaymentMethod = Literal["credit_card", "none"]


def _utc_iso(moment: datetime) -> str:
    """ISO 8601 in UTC with a `Z`, e.g. `2026-11-25T17:20:00Z`."""
    return moment.astimezone(timezone.utc).isoformat().replace("+00:00", "Z")


class RegistrationPayload(BaseModel):
    """A pro se filer's confirmed request for a restricted e-filing account (no card numbers)."""

    schema_version: Literal["1.0"] = Field(..., description="Version of this payload format.")
    reference: str = Field(
        ...,
        regex=REFERENCE_PATTERN,
        description="Reference code the filer can give the court help line, e.g. MAD-7K3QX9.",
    )
    created_at: datetime = Field(
        ..., description="When the filer confirmed the answers, in UTC (ISO 8601 ending in Z)."
    )
    court_type: Literal["U.S. District Courts"] = Field(
        ..., description="Court Type to pick in PACER."
    )
    court: Literal["Massachusetts District Court"] = Field(
        ..., description="Court to pick in PACER."
    )
    role_in_court: Literal["Party"] = Field(
        ..., description="Role in Court to pick in PACER; a pro se filer is a party."
    )
    first_name: str = Field(..., min_length=1, description="Filer's first name.")
    middle_name: str = Field(
        ..., description="Filer's middle name, or an empty string when there is none."
    )
    last_name: str = Field(..., min_length=1, description="Filer's last name.")
    email: EmailStr = Field(
        ..., description="Email address where the court will send notices and its answer."
    )
    phone: str = Field(
        ...,
        regex=PHONE_PATTERN,
        description="Phone number as 617-555-0123, optionally followed by ' ext. 12'.",
    )
    street_address: str = Field(..., min_length=1, description="Street address for mail.")
    city: str = Field(..., min_length=1, description="City of the mailing address.")
    state: str = Field(
        ..., regex=STATE_PATTERN, description="Two-letter postal code of the state, e.g. MA."
    )
    zip_code: str = Field(
        ..., regex=ZIP_CODE_PATTERN, description="ZIP code: 5 digits, or ZIP+4 as 02210-1234."
    )
    most_recent_case: str = Field(
        ...,
        regex=CASE_NUMBER_PATTERN,
        description=(
            "Filer's most recent case in this court, as [office:]yy-type-number[-JUDGE...], "
            "e.g. 1:24-cv-12345-ABC."
        ),
    )
    pacer_fees_method: PaymentMethod = Field(
        ..., description="Default payment method for PACER fees, or none."
    )
    efiling_fees_method: PaymentMethod = Field(
        ..., description="Default payment method for e-filing fees, or none."
    )
    admission_fees_method: AdmissionPaymentMethod = Field(
        ...,
        description="Default payment method for admission fees, or none. ACH is not allowed.",
    )
    terms_accepted: Literal[True] = Field(
        ..., description="The filer agreed to the Non-Attorney E-Filing Terms of Use."
    )

    class Config:
        extra = "forbid"
        anystr_strip_whitespace = True
        json_encoders = {datetime: _utc_iso}
        schema_extra = {"$schema": "http://json-schema.org/draft-07/schema#"}

    @validator("created_at")
    def _created_at_in_utc(cls, value: datetime) -> datetime:
        """Require a time zone, then keep the moment in UTC to the second."""
        if value.utcoffset() is None:
            raise ValueError("must include a time zone")
        return value.astimezone(timezone.utc).replace(microsecond=0)


def new_reference() -> str:
    """A fresh random reference code such as `MAD-7K3QX9`, easy to read aloud on the phone."""
    code = "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(REFERENCE_LENGTH))
    return REFERENCE_PREFIX + code


def build_payload(
    answers: Mapping[str, object],
    *,
    now: datetime | None = None,
    reference: str | None = None,
) -> RegistrationPayload:
    """Build the payload from the form answers (keyed by slot name) plus the fixed court choices.

    Keys that are not payload fields (such as `set_payment_defaults` or `confirmed`) are ignored.
    A payment method that is missing or None becomes "none". Raises pydantic's
    `ValidationError` when an answer is missing or not valid.
    """
    values: dict[str, Any] = {
        name: answers[name]
        for name in RegistrationPayload.__fields__
        if answers.get(name) is not None
    }
    for slot in PAYMENT_METHOD_SLOTS:
        values.setdefault(slot, NO_PAYMENT_METHOD)
    values.setdefault("middle_name", "")
    values.update(
        schema_version=SCHEMA_VERSION,
        reference=reference if reference is not None else new_reference(),
        created_at=now if now is not None else datetime.now(timezone.utc),
        court_type=COURT_TYPE,
        court=COURT,
        role_in_court=ROLE_IN_COURT,
    )
    return RegistrationPayload(**values)


def payload_json(payload: RegistrationPayload) -> dict[str, Any]:
    """The payload as a JSON-ready dict; `created_at` becomes a string like `2026-11-25T17:20:00Z`."""
    return json.loads(payload.json())
