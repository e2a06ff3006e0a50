"""How the web chat lays out a submission payload: the PACER screens in order, each field's name.

The chat's summary card, its downloads and the staff look-up all read this layout (served as JSON
by the web app), so they name each answer exactly as the plain-text summary and PACER do. In
another language (`card_layout("es")`), section titles and answers are translated and each field
keeps PACER's English label, quoted, with the translation beside it: "First Name" (Nombre).
"""

from __future__ import annotations

from typing import Any

from bot.fields import FORM_FIELDS, PAYMENT_METHOD_SLOTS
from bot.i18n import ENGLISH, translate
from bot.summary import PAYMENT_METHOD_LABELS

COURT_SCREEN = "Court and role (first screen)"
COURT_FIELDS: tuple[tuple[str, str], ...] = (
    ("court_type", "Court Type"),
    ("court", "Court"),
    ("role_in_court", "Role in Court"),
)


def _values(key: str) -> dict[str, str]:
    """Readable words for stored values, keyed by the value as a string (JSON true is "true")."""
    if key in PAYMENT_METHOD_SLOTS:
        return dict(PAYMENT_METHOD_LABELS)
    if key == "terms_accepted":
        return {"true": "Yes, will check them on PACER"}
    return {"": "leave blank"}


def _field(key: str, label: str) -> dict[str, Any]:
    return {"key": key, "label": label, "values": _values(key)}


def card_layout(language: str = ENGLISH) -> dict[str, Any]:
    """Sections of the card, one per PACER screen, with the payload keys shown on each."""
    sections: list[dict[str, Any]] = [
        {"title": COURT_SCREEN, "fields": [_field(*pair) for pair in COURT_FIELDS]}
    ]
    for form_field in FORM_FIELDS:
        if sections[-1]["title"] != form_field.pacer_screen:
            sections.append({"title": form_field.pacer_screen, "fields": []})
        sections[-1]["fields"].append(_field(form_field.slot, form_field.pacer_field))
    if language == ENGLISH:
        return {"sections": sections}
    return {"sections": [_translated(section, language) for section in sections]}


def pacer_label(label: str, language: str) -> str:
    """PACER's English label, quoted, with its translation beside it (as it is in English)."""
    translated = translate(label, language)
    return label if translated == label else f'"{label}" ({translated})'


def _translated(section: dict[str, Any], language: str) -> dict[str, Any]:
    return {
        "title": translate(section["title"], language),
        "fields": [
            {
                "key": field["key"],
                "label": pacer_label(field["label"], language),
                "values": {key: translate(value, language) for key, value in field["values"].items()},
            }
            for field in section["fields"]
        ],
    }
