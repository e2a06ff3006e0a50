"""The assistant's replies as the integration tests read them: a response's text as a filer sees
it (not staff mode's), in English or in a translation, and the one submission payload of a turn,
checked against the published JSON Schema."""

from __future__ import annotations

import json
from functools import cache
from typing import Any

import jsonschema
import yaml

from bot import i18n
from ops.stack import ROOT

SCHEMA = json.loads((ROOT / "schemas" / "registration_submission.schema.json").read_text())


@cache
def _english() -> dict[str, list[dict[str, Any]]]:
    return yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))["responses"]


def filer_text(response: str, language: str = "en") -> str:
    """The one filer variation of `response` (domain.yml, or locales/<language>/responses.yml)."""
    variations = _english()[response] if language == "en" else i18n.responses(language)[response]
    [variation] = [v for v in variations if "condition" not in v]
    return variation["text"]


def submission_of(messages: list[dict]) -> dict:
    """The payload of the one submission among a turn's messages, valid against the schema."""
    customs = [m["custom"] for m in messages if m.get("custom", {}).get("type") == "registration_submission"]
    assert len(customs) == 1, messages
    payload = customs[0]["payload"]
    jsonschema.validate(payload, SCHEMA)
    return payload
