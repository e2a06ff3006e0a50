"""Unit tests for bot/case_number.py: the many ways people write a case number."""

from __future__ import annotations

import pytest

from bot.answers import InvalidAnswer
from bot.case_number import (
    BANKRUPTCY_WARNING,
    NO_CASE_NUMBER,
    UNREADABLE_CASE_NUMBER,
    CaseNumber,
    parse_case_number,
)
from bot.sensitive import SENSITIVE_REFUSAL


def refusal(text: str) -> str:
    """The message parse_case_number gives when it cannot use the text."""
    with pytest.raises(InvalidAnswer) as caught:
        parse_case_number(text)
    return caught.value.message


@pytest.mark.parametrize(
    ("text", "canonical"),
    [
        ("1:24-cv-10987-ADB", "1:24-cv-10987-ADB"),
        ("1:24cv10987", "1:24-cv-10987"),
        ("24-cv-10987", "24-cv-10987"),
        ("No. 24 CV 10987 (ADB)", "24-cv-10987-ADB"),
        ("Case No. 1:24-cv-10987-ADB-JGD", "1:24-cv-10987-ADB-JGD"),
        ("case number is 1:24-cv-10987", "1:24-cv-10987"),
        ("1:24-CV-10987-adb", "1:24-cv-10987-ADB"),
        ("  1 : 24 - cv - 10987  ", "1:24-cv-10987"),
        ("1:24\u2013cv\u201410987", "1:24-cv-10987"),
        ("2024-cv-10987", "24-cv-10987"),
        ("1:2019-cr-10001", "1:19-cr-10001"),
        ("24-cv-987", "24-cv-00987"),
        ("24cv7", "24-cv-00007"),
        ("4:23-mj-4001", "4:23-mj-04001"),
        ("3:22-mc-30012", "3:22-mc-30012"),
        ("24 cv. 10987", "24-cv-10987"),
        ("my case is 1:24-cv-10987-ADB, thanks", "1:24-cv-10987-ADB"),
        ("1:24-cv-10987 (ADB/JGD)", "1:24-cv-10987-ADB-JGD"),
        ("1:24-cv-10987 - is that ok?", "1:24-cv-10987"),
        ("24-bk-10001", "24-bk-10001"),
    ],
)
def test_parse_case_number_canonical(text: str, canonical: str) -> None:
    assert parse_case_number(text).canonical() == canonical


def test_parse_case_number_parts() -> None:
    assert parse_case_number("Case No. 1:2024-CV-987-adb-jgd") == CaseNumber(
        office="1", year="24", case_type="cv", number="00987", judges=("ADB", "JGD")
    )


def test_parse_case_number_without_office_or_judge() -> None:
    case = parse_case_number("24-cr-10001")
    assert case.office is None
    assert case.judges == ()


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "I don't have one",
        "i dont have one",
        "skip",
        "none",
        "None",
        "n/a",
        "N/A",
        "idk",
        "I don't know",
        "no",
        "-",
        "not sure",
    ],
)
def test_missing_case_number_explains_why_and_where(text: str) -> None:
    assert refusal(text) == NO_CASE_NUMBER


@pytest.mark.parametrize(
    "text",
    [
        "asdf",
        "hello there",
        "24-10987",
        "cv-10987",
        "1:24-xx-10987",
        "24-cv-",
        "24-cv-109870",
        "24-cv-00000",
        "124-cv-10987",
        "3024-cv-10987",
        "617-555-0100",
    ],
)
def test_unreadable_case_number_asks_again(text: str) -> None:
    assert refusal(text) == UNREADABLE_CASE_NUMBER


def test_case_number_field_never_keeps_secrets() -> None:
    assert refusal("my ssn is 123-45-6789") == SENSITIVE_REFUSAL
    assert refusal("1:24-cv-10987 password: hunter2") == SENSITIVE_REFUSAL


@pytest.mark.parametrize("message", [NO_CASE_NUMBER, UNREADABLE_CASE_NUMBER])
def test_messages_help_find_the_number(message: str) -> None:
    assert 0 < len(message) < 400
    assert "1:24-cv-10987" in message
    assert "order or notice" in message
    assert "docket" in message


def test_messages_are_different() -> None:
    assert NO_CASE_NUMBER != UNREADABLE_CASE_NUMBER
    assert "may be delayed or rejected" in NO_CASE_NUMBER
    assert "could not read" in UNREADABLE_CASE_NUMBER


@pytest.mark.parametrize(
    ("case", "canonical"),
    [
        (CaseNumber("1", "24", "cv", "10987", ("ADB",)), "1:24-cv-10987-ADB"),
        (CaseNumber(None, "24", "cv", "10987", ()), "24-cv-10987"),
        (CaseNumber("4", "05", "cr", "40001", ("FDS", "DHH")), "4:05-cr-40001-FDS-DHH"),
    ],
)
def test_canonical(case: CaseNumber, canonical: str) -> None:
    assert case.canonical() == canonical


@pytest.mark.parametrize(
    ("text", "bankruptcy"),
    [
        ("24-bk-10001", True),
        ("1:24-ap-01001", True),
        ("1:24-cv-10987", False),
        ("24-cr-10001", False),
    ],
)
def test_is_bankruptcy(text: str, bankruptcy: bool) -> None:
    assert parse_case_number(text).is_bankruptcy is bankruptcy


def test_bankruptcy_warning_is_a_plain_warning() -> None:
    assert 0 < len(BANKRUPTCY_WARNING) < 400
    assert "Bankruptcy Court" in BANKRUPTCY_WARNING
    assert "District Court" in BANKRUPTCY_WARNING
    assert "keep it" in BANKRUPTCY_WARNING


def test_case_number_is_frozen() -> None:
    case = parse_case_number("24-cv-10987")
    with pytest.raises(AttributeError):
        case.year = "25"  # type: ignore[misc]
