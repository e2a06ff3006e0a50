"""Sample form answers and payloads shared by the payload, summary, store and web app tests."""

from __future__ import annotations

from datetime import datetime, timezone

from bot.payload import RegistrationPayload, build_payload

CONFIRMED_AT = datetime(2026, 11, 25, 17, 20, tzinfo=timezone.utc)
REFERENCE = "MAD-7K3QX9"

ANSWERS: dict[str, object] = {
    "first_name": "Jane",
    "middle_name": "",
    "last_name": "Doe",
    "email": "jane.doe@example.com",
    "phone": "617-555-0123",
    "street_address": "1 Courthouse Way",
    "city": "Boston",
    "state": "MA",
    "zip_code": "02210",
    "most_recent_case": "1:24-cv-12345-ABC",
    "set_payment_defaults": True,
    "pacer_fees_method": "credit_card",
    "efiling_fees_method": "ach",
    "admission_fees_method": "none",
    "terms_accepted": True,
    "confirmed": True,
}


# The read-back of ANSWERS at the review, line by line.
REVIEW_LINES: list[str] = [
    "First name: Jane",
    "Middle name: (none)",
    "Last name: Doe",
    "Email: jane.doe@example.com",
    "Phone: 617-555-0123",
    "Street address: 1 Courthouse Way",
    "City: Boston",
    "State: MA",
    "ZIP code: 02210",
    "Most recent case: 1:24-cv-12345-ABC",
    "Autobill PACER fees: Credit card",
    "E-filing fees: ACH (bank account)",
    "Admission fees: None for now",
    "Will check the Terms of Use boxes: Yes",
]


def sample_payload(reference: str = REFERENCE, **changes: object) -> RegistrationPayload:
    """A valid payload built from ANSWERS, with some answers changed."""
    return build_payload({**ANSWERS, **changes}, now=CONFIRMED_AT, reference=reference)
