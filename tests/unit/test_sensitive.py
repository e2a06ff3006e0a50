"""Unit tests for bot/sensitive.py: secrets are found and masked, ordinary answers are left alone."""

from __future__ import annotations

import time

import pytest

from bot.sensitive import (
    PLACEHOLDERS,
    SENSITIVE_REFUSAL,
    Finding,
    contains_sensitive,
    find_sensitive,
    mask_sensitive,
    passes_luhn,
    plain_punctuation,
)


@pytest.mark.parametrize(
    ("text", "kind", "secret"),
    [
        ("my password is hunter2", "password", "hunter2"),
        ("Password: Tr0ub4dor&3", "password", "Tr0ub4dor&3"),
        ("pwd=abc123", "password", "abc123"),
        ("passwd is s3cret", "password", "s3cret"),
        ("my pass code is 4455", "password", "4455"),
        ("passcode: 9911", "password", "9911"),
        ("PIN: 1234", "password", "1234"),
        ("my pin number is 8642", "password", "8642"),
        ("my pacer password was: Kitty!99", "password", "Kitty!99"),
        ("123-45-6789", "ssn", "123-45-6789"),
        ("it is 123 45 6789 ok", "ssn", "123 45 6789"),
        ("my ssn is 123456789", "ssn", "123456789"),
        ("social security number: 123456789", "ssn", "123456789"),
        ("social 987654321", "ssn", "987654321"),
        ("SSN # 123456789", "ssn", "123456789"),
        ("my ssn is 123\u201345\u20136789", "ssn", "123\u201345\u20136789"),
        ("born on 3/4/1980", "date_of_birth", "3/4/1980"),
        ("DOB: 1980-03-04", "date_of_birth", "1980-03-04"),
        ("D.O.B. 03.04.80", "date_of_birth", "03.04.80"),
        ("my birthday is March 3, 1980", "date_of_birth", "March 3, 1980"),
        ("date of birth 3 March 1980", "date_of_birth", "3 March 1980"),
        ("I was born Sept. 3rd, 1980", "date_of_birth", "Sept. 3rd, 1980"),
        ("birth date: 3rd of March 1980", "date_of_birth", "3rd of March 1980"),
        ("4111 1111 1111 1111", "card_number", "4111 1111 1111 1111"),
        ("here 4111-1111-1111-1111 thanks", "card_number", "4111-1111-1111-1111"),
        ("4111111111111111", "card_number", "4111111111111111"),
        ("amex 3782 822463 10005", "card_number", "3782 822463 10005"),
        ("378282246310005", "card_number", "378282246310005"),
        ("card 1234 5678 9012 3456", "card_number", "1234 5678 9012 3456"),
        ("my visa number is 1234567890123", "card_number", "1234567890123"),
        ("debit card no. 1234-5678-9012-3456", "card_number", "1234-5678-9012-3456"),
        ("account number 12345678", "bank_account", "12345678"),
        ("acct # 0001234567", "bank_account", "0001234567"),
        ("routing number is 011000138", "bank_account", "011000138"),
        ("my checking is 123456", "bank_account", "123456"),
        ("savings no. 12345678901234567", "bank_account", "12345678901234567"),
        ("bank: 123 456 789", "bank_account", "123 456 789"),
    ],
)
def test_finds_each_kind_of_secret(text: str, kind: str, secret: str) -> None:
    findings = find_sensitive(text)
    assert [finding.kind for finding in findings] == [kind]
    assert text[findings[0].start : findings[0].end] == secret


@pytest.mark.parametrize(
    "text",
    [
        "617-555-0100",
        "(617) 555-0100",
        "+1 (617) 555-0100",
        "617.555.0100",
        "6175550100",
        "16175550100",
        "617 555 0100 ext 12",
        "02110",
        "02110-1234",
        "MA 021101234",
        "zip code 021101234",
        "1:24-cv-10987-ADB",
        "1:24-cv-10987-ADB-JGD",
        "24-cv-10987",
        "No. 24 CV 10987 (ADB)",
        "I filed on 3/4/2024",
        "the hearing is on March 3, 2024",
        "2024-03-04",
        "jane.doe1980@example.com",
        "123 Main St, Apt 4",
        "PO Box 12345",
        "1234567 Bank Street",
        "my account is not upgraded",
        "I forgot my password",
        "what is my password for",
        "what is my password?",
        "my password is not working",
        "the password is wrong",
        "password: is that needed",
        "my account number is lost",
        "I am checking on my case 1:24-cv-10987",
        "4111 1111 1111 1112",
        "I was born in Boston",
        "my son's birthday party is 3/4/2024",
        "",
    ],
)
def test_leaves_ordinary_text_alone(text: str) -> None:
    assert find_sensitive(text) == []
    assert not contains_sensitive(text)
    assert mask_sensitive(text) == (text, [])


def test_mask_replaces_secret_with_its_placeholder() -> None:
    assert mask_sensitive("my password is hunter2 ok") == (
        "my password is [password removed] ok",
        ["password"],
    )


def test_mask_handles_several_kinds_in_order() -> None:
    text = "ssn 123-45-6789, card 4111111111111111, dob 1/2/1990, pin: 4321 acct 998877"
    masked, kinds = mask_sensitive(text)
    assert masked == (
        "ssn [SSN removed], card [card number removed], dob [date of birth removed], "
        "pin: [password removed] acct [bank number removed]"
    )
    assert kinds == ["ssn", "card_number", "date_of_birth", "password", "bank_account"]


def test_password_mask_takes_trailing_punctuation_too() -> None:
    # A password may end in a mark, so the whole token goes, even a sentence comma.
    assert mask_sensitive("password: abc, thanks")[0] == "password: [password removed] thanks"


def test_mask_lists_each_kind_once() -> None:
    masked, kinds = mask_sensitive("routing # 011000138 acct no. 123456789")
    assert masked == "routing # [bank number removed] acct no. [bank number removed]"
    assert kinds == ["bank_account"]


def test_mask_keeps_fancy_dashes_around_secret() -> None:
    masked, _ = mask_sensitive("case 1:24\u2013cv\u201310987 and ssn 123\u201345\u20136789")
    assert masked == "case 1:24\u2013cv\u201310987 and ssn [SSN removed]"


def test_findings_are_in_order_and_never_overlap() -> None:
    text = "bank account 4111111111111111 and password: 123-45-6789 and 4111 1111 1111 1111"
    findings = find_sensitive(text)
    assert findings == sorted(findings, key=lambda finding: finding.start)
    for before, after in zip(findings, findings[1:], strict=False):
        assert before.end <= after.start
    assert [finding.kind for finding in findings] == ["card_number", "password", "card_number"]


def test_overlap_keeps_the_longer_finding() -> None:
    # "123-45-6789" alone is an SSN, but after "password:" the whole token is the password.
    findings = find_sensitive("password: 123-45-6789xyz")
    assert findings == [Finding("password", 10, 24)]


def test_finding_is_frozen() -> None:
    finding = Finding("ssn", 0, 11)
    with pytest.raises(AttributeError):
        finding.kind = "password"  # type: ignore[misc]


def test_every_kind_has_a_placeholder() -> None:
    assert PLACEHOLDERS == {
        "password": "[password removed]",
        "ssn": "[SSN removed]",
        "date_of_birth": "[date of birth removed]",
        "card_number": "[card number removed]",
        "bank_account": "[bank number removed]",
    }


@pytest.mark.parametrize(
    ("digits", "valid"),
    [
        ("4111111111111111", True),
        ("378282246310005", True),
        ("5555555555554444", True),
        ("4111111111111112", False),
        ("1234567890123456", False),
    ],
)
def test_luhn_check(digits: str, valid: bool) -> None:
    assert passes_luhn(digits) is valid


def test_plain_punctuation_keeps_length() -> None:
    fancy = "O\u2019Brien 1:24\u2013cv\u201410987"
    plain = plain_punctuation(fancy)
    assert plain == "O'Brien 1:24-cv-10987"
    assert len(plain) == len(fancy)


@pytest.mark.parametrize(
    "text", ["account" + " -" * 30 + " x", "born" + " ," * 30 + " x", "4" * 5000 + " card" * 500]
)
def test_long_odd_text_is_checked_quickly(text: str) -> None:
    started = time.perf_counter()
    find_sensitive(text)
    assert time.perf_counter() - started < 1.0


def test_refusal_is_short_and_covers_each_secret() -> None:
    assert 0 < len(SENSITIVE_REFUSAL) < 400
    for word in ("password", "Social Security", "date of birth", "card", "bank", "PACER"):
        assert word in SENSITIVE_REFUSAL
