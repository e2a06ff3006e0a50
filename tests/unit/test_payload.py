"""Tests for bot/payload.py and the published JSON Schema (bot/payload_schema.py)."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone

import jsonschema
import pytest
from pydantic import ValidationError
from sample_registration import ANSWERS, CONFIRMED_AT, REFERENCE, sample_payload

from bot import fields
from bot.payload import (
    REFERENCE_ALPHABET,
    RegistrationPayload,
    build_payload,
    new_reference,
    payload_json,
)
from bot.payload_schema import SCHEMA_PATH, main, schema_text

PAYLOAD_FIELDS = {
    "schema_version",
    "reference",
    "created_at",
    "court_type",
    "court",
    "role_in_court",
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
    "pacer_fees_method",
    "efiling_fees_method",
    "admission_fees_method",
    "terms_accepted",
}


def published_schema() -> dict:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


def test_model_has_exactly_the_agreed_fields_each_described():
    assert set(RegistrationPayload.__fields__) == PAYLOAD_FIELDS
    properties = RegistrationPayload.schema()["properties"]
    assert all(properties[name].get("description") for name in PAYLOAD_FIELDS)


def test_build_payload_fills_court_choices_and_answers():
    payload = sample_payload()
    assert payload.schema_version == "1.0"
    assert payload.reference == REFERENCE
    assert payload.court_type == fields.COURT_TYPE
    assert payload.court == fields.COURT
    assert payload.role_in_court == fields.ROLE_IN_COURT
    assert payload.first_name == "Jane"
    assert payload.middle_name == ""
    assert payload.most_recent_case == "1:24-cv-12345-ABC"
    assert payload.efiling_fees_method == "ach"
    assert payload.terms_accepted is True


def test_build_payload_ignores_control_and_unknown_keys():
    answers = {**ANSWERS, "set_payment_defaults": False, "confirmed": True, "requested_slot": "x"}
    assert build_payload(answers, now=CONFIRMED_AT, reference=REFERENCE) == sample_payload()


@pytest.mark.parametrize("missing", [None, "absent"])
def test_missing_payment_methods_and_middle_name_become_none_and_blank(missing):
    answers = dict(ANSWERS)
    for slot in (*fields.PAYMENT_METHOD_SLOTS, "middle_name"):
        if missing is None:
            answers[slot] = None
        else:
            del answers[slot]
    payload = build_payload(answers, now=CONFIRMED_AT)
    assert [getattr(payload, slot) for slot in fields.PAYMENT_METHOD_SLOTS] == ["none"] * 3
    assert payload.middle_name == ""


def test_text_answers_are_trimmed():
    payload = sample_payload(first_name="  Jane ", middle_name=" Q ", city=" Boston\n")
    assert (payload.first_name, payload.middle_name, payload.city) == ("Jane", "Q", "Boston")


def test_missing_required_answer_is_rejected():
    answers = {key: value for key, value in ANSWERS.items() if key != "last_name"}
    with pytest.raises(ValidationError, match="last_name"):
        build_payload(answers)


def test_build_payload_makes_a_reference_and_time_when_not_given():
    before = datetime.now(timezone.utc).replace(microsecond=0)
    payload = build_payload(ANSWERS)
    assert payload.reference.startswith("MAD-")
    assert before <= payload.created_at <= datetime.now(timezone.utc)
    assert payload.created_at.tzinfo == timezone.utc


def test_created_at_is_kept_in_utc_and_serialised_with_z():
    boston = timezone(timedelta(hours=-5))
    payload = build_payload(ANSWERS, now=datetime(2026, 11, 25, 12, 20, 0, 999, tzinfo=boston))
    assert payload.created_at == CONFIRMED_AT
    assert payload_json(payload)["created_at"] == "2026-11-25T17:20:00Z"


def test_created_at_without_time_zone_is_rejected():
    with pytest.raises(ValidationError, match="time zone"):
        build_payload(ANSWERS, now=datetime(2026, 11, 25, 17, 20))


def test_payload_json_is_plain_json_and_parses_back():
    payload = sample_payload()
    data = payload_json(payload)
    assert json.loads(json.dumps(data)) == data
    assert set(data) == PAYLOAD_FIELDS
    assert RegistrationPayload.parse_obj(data) == payload


@pytest.mark.parametrize(
    "case_number", ["24-cv-12345", "1:24-cv-12345", "1:24-mc-00001-FDS", "4:23-cr-40001-TSH-DHH"]
)
def test_case_number_formats_are_accepted(case_number):
    assert sample_payload(most_recent_case=case_number).most_recent_case == case_number


@pytest.mark.parametrize("method", ["credit_card", "ach", "none"])
def test_pacer_and_efiling_fees_accept_every_method(method):
    payload = sample_payload(pacer_fees_method=method, efiling_fees_method=method)
    assert (payload.pacer_fees_method, payload.efiling_fees_method) == (method, method)


@pytest.mark.parametrize(
    ("slot", "value"),
    [
        ("admission_fees_method", "ach"),
        ("pacer_fees_method", "check"),
        ("first_name", "   "),
        ("last_name", ""),
        ("street_address", " "),
        ("email", "jane.doe@"),
        ("phone", "6175550123"),
        ("phone", "617-555-0123 x12"),
        ("phone", "617-555-\u0661\u0662\u0663\u0664"),
        ("state", "Ma"),
        ("state", "MAS"),
        ("zip_code", "0221"),
        ("zip_code", "02210-12"),
        ("most_recent_case", "1:24-CV-12345"),
        ("most_recent_case", "24-cv-1234"),
        ("most_recent_case", "1:24-cv-12345-abc"),
        ("terms_accepted", False),
    ],
)
def test_bad_answers_are_rejected(slot, value):
    with pytest.raises(ValidationError, match=slot):
        sample_payload(**{slot: value})


@pytest.mark.parametrize("reference", ["MAD-7K3QX", "mad-7k3qx9", "BOS-7K3QX9", "MAD-7K3QX9X"])
def test_bad_references_are_rejected(reference):
    with pytest.raises(ValidationError, match="reference"):
        sample_payload(reference=reference)


def test_extra_fields_are_rejected():
    with pytest.raises(ValidationError, match="card_number"):
        RegistrationPayload(**payload_json(sample_payload()), card_number="4111111111111111")


def test_new_reference_uses_only_easy_to_read_characters():
    references = {new_reference() for _ in range(200)}
    assert len(references) == 200
    for reference in references:
        assert reference.startswith("MAD-") and len(reference) == 10
        assert set(reference[4:]) <= set(REFERENCE_ALPHABET)
        assert not set(reference[4:]) & set("0O1IL")
        sample_payload(reference=reference)


def test_committed_schema_matches_the_model():
    assert SCHEMA_PATH.read_text(encoding="utf-8") == schema_text()
    assert main(["--check"]) == 0


def test_built_payload_validates_against_the_published_schema():
    jsonschema.validate(payload_json(sample_payload()), published_schema())


@pytest.mark.parametrize(
    "change",
    [{"admission_fees_method": "ach"}, {"card_number": "4111"}, {"phone": "617 555 0123"}],
)
def test_published_schema_rejects_bad_payloads(change):
    data = {**payload_json(sample_payload()), **change}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, published_schema())


def test_schema_command_writes_file_and_check_spots_stale_file(tmp_path, capsys):
    path = tmp_path / "schemas" / "schema.json"
    assert main(["--check"], schema_path=path) == 1
    assert main([], schema_path=path) == 0
    assert path.read_text(encoding="utf-8") == schema_text()
    assert main(["--check"], schema_path=path) == 0
    path.write_text("{}\n", encoding="utf-8")
    assert main(["--check"], schema_path=path) == 1
    assert "out of date" in capsys.readouterr().err
