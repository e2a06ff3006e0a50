"""The fields of the PACER Non-Attorney E-File Registration form that the assistant collects.

One ordered list shared by the form, the review read-back, the correction parser and the
submission summary, so that a field's slot name, its label and its PACER screen live in one place.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class FormField:
    """One answer the filer gives, and where it goes on the PACER screens."""

    slot: str
    label: str
    pacer_screen: str
    pacer_field: str


PERSONAL_SCREEN = "E-File Registration form (personal information)"
PAYMENT_SCREEN = "Manage Account Payment Information"
TERMS_SCREEN = "Non-Attorney E-Filing Terms of Use"

FORM_FIELDS: tuple[FormField, ...] = (
    FormField("first_name", "First name", PERSONAL_SCREEN, "First Name"),
    FormField("middle_name", "Middle name", PERSONAL_SCREEN, "Middle Name"),
    FormField("last_name", "Last name", PERSONAL_SCREEN, "Last Name"),
    FormField("email", "Email", PERSONAL_SCREEN, "Email"),
    FormField("phone", "Phone", PERSONAL_SCREEN, "Phone"),
    FormField("street_address", "Street address", PERSONAL_SCREEN, "Address"),
    FormField("city", "City", PERSONAL_SCREEN, "City"),
    FormField("state", "State", PERSONAL_SCREEN, "State"),
    FormField("zip_code", "ZIP code", PERSONAL_SCREEN, "Zip/Postal Code"),
    FormField("most_recent_case", "Most recent case", PERSONAL_SCREEN, "Most Recent Case"),
    FormField("pacer_fees_method", "Autobill PACER fees", PAYMENT_SCREEN, "Autobill PACER fees"),
    FormField("efiling_fees_method", "E-filing fees", PAYMENT_SCREEN, "E-filing fees"),
    FormField("admission_fees_method", "Admission fees", PAYMENT_SCREEN, "Admission fees"),
    FormField(
        "terms_accepted", "Will check the Terms of Use boxes", TERMS_SCREEN, "Terms of Use check boxes"
    ),
)

FIELDS_BY_SLOT: dict[str, FormField] = {field.slot: field for field in FORM_FIELDS}

PAYMENT_METHOD_SLOTS: tuple[str, ...] = (
    "pacer_fees_method",
    "efiling_fees_method",
    "admission_fees_method",
)

# The order in which the form asks; the two control slots sit between the answers.
FORM_SLOT_ORDER: tuple[str, ...] = (
    "first_name",
    "middle_name",
    "last_name",
    "email",
    "phone",
    "street_address",
    "city",
    "state",
    "zip_code",
    "most_recent_case",
    "set_payment_defaults",
    *PAYMENT_METHOD_SLOTS,
    "terms_accepted",
    "confirmed",
)

# Fixed choices: the filer is told what to pick, never asked.
COURT_TYPE = "U.S. District Courts"
COURT = "Massachusetts District Court"
ROLE_IN_COURT = "Party"
