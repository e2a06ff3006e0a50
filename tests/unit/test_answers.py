"""Unit tests for bot/answers.py: each form answer is cleaned, or refused with a kind message."""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Callable

import pytest

from bot import answers
from bot.answers import (
    ACH_NOT_FOR_ADMISSION,
    PAYMENT_METHOD_LABELS,
    InvalidAnswer,
    check_admission_method,
    clean_city,
    clean_email,
    clean_middle_name,
    clean_name,
    clean_payment_method,
    clean_phone,
    clean_state,
    clean_street_address,
    clean_zip,
    field_from_text,
    is_declined,
    parse_yes_no,
    screen_answer,
    tidy,
)
from bot.fields import FIELDS_BY_SLOT
from bot.i18n import languages
from bot.sensitive import SENSITIVE_REFUSAL
from ops.stack import ROOT


def refusal(cleaner: Callable[[str], object], text: str) -> str:
    """The message the cleaner gives when it refuses the text."""
    with pytest.raises(InvalidAnswer) as caught:
        cleaner(text)
    return caught.value.message


# ---------------------------------------------------------------------------
# InvalidAnswer and shared helpers
# ---------------------------------------------------------------------------


def test_invalid_answer_is_a_value_error_with_its_message() -> None:
    error = InvalidAnswer("Please type it again.")
    assert isinstance(error, ValueError)
    assert error.message == "Please type it again."
    assert str(error) == "Please type it again."


def test_tidy_plains_punctuation_and_spaces() -> None:
    assert tidy("  O\u2019Brien \t  Smith\u2013Jones \n") == "O'Brien Smith-Jones"


def test_screen_answer_refuses_secrets() -> None:
    assert refusal(screen_answer, "my password is hunter2") == SENSITIVE_REFUSAL
    assert screen_answer("  Jane  ") == "Jane"


@pytest.mark.parametrize(
    "text",
    [
        "",
        "  ",
        "-",
        "none",
        "None.",
        "N/A",
        "no",
        "skip",
        "idk",
        "I don't have one",
        "I dont know",
        "not now",
        "later",
        "none for now",
        "no middle name",
        "I can't remember",
    ],
)
def test_is_declined_spots_none_and_skip(text: str) -> None:
    assert is_declined(text)


@pytest.mark.parametrize("text", ["Jane", "Na", "Cant", "n", "1 Main St", "card"])
def test_is_declined_leaves_real_answers(text: str) -> None:
    assert not is_declined(text)


# ---------------------------------------------------------------------------
# Every cleaner refuses secrets, with short non-empty messages
# ---------------------------------------------------------------------------

CLEANERS: tuple[Callable[[str], object], ...] = (
    clean_name,
    clean_middle_name,
    clean_email,
    clean_phone,
    clean_street_address,
    clean_city,
    clean_state,
    clean_zip,
    parse_yes_no,
    clean_payment_method,
)

SECRETS = (
    "my password is hunter2",
    "123-45-6789",
    "jane@example.com ssn 123456789",
    "4111 1111 1111 1111",
    "dob 3/4/1980",
    "account number 12345678 yes",
)


@pytest.mark.parametrize("cleaner", CLEANERS, ids=lambda cleaner: cleaner.__name__)
@pytest.mark.parametrize("secret", SECRETS)
def test_cleaners_never_keep_secrets(cleaner: Callable[[str], object], secret: str) -> None:
    assert refusal(cleaner, secret) == SENSITIVE_REFUSAL


BAD_ANSWERS: tuple[tuple[Callable[[str], object], str], ...] = (
    (clean_name, ""),
    (clean_name, "none"),
    (clean_name, "x" * 51),
    (clean_name, "J0hn"),
    (clean_middle_name, "Q7"),
    (clean_email, "none"),
    (clean_email, "jane at example dot com"),
    (clean_email, "a@b.com or c@d.com"),
    (clean_email, "jane@example"),
    (clean_phone, "555-0100"),
    (clean_phone, "017-555-0100"),
    (clean_phone, "call me"),
    (clean_street_address, ""),
    (clean_street_address, "1A"),
    (clean_street_address, "x" * 101),
    (clean_street_address, "123456"),
    (clean_city, ""),
    (clean_city, "x" * 51),
    (clean_city, "Boston, MA"),
    (clean_state, "Ontario"),
    (clean_zip, "2110"),
    (clean_zip, "123"),
    (parse_yes_no, "maybe"),
    (clean_payment_method, "paypal"),
    (check_admission_method, "ach"),
)


@pytest.mark.parametrize(
    ("cleaner", "text"), BAD_ANSWERS, ids=[f"{c.__name__}:{t[:12]}" for c, t in BAD_ANSWERS]
)
def test_every_refusal_message_is_short_and_not_empty(
    cleaner: Callable[[str], object], text: str
) -> None:
    message = refusal(cleaner, text)
    assert message.strip()
    assert len(message) < 400


def test_all_message_constants_are_short() -> None:
    messages = [
        value
        for name, value in vars(answers).items()
        if name.isupper() and isinstance(value, str) and " " in value
    ]
    assert len(messages) >= 20
    for message in messages:
        assert 0 < len(message) < 400, message


# ---------------------------------------------------------------------------
# Names
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Jane", "Jane"),
        ("jane", "Jane"),
        ("JANE", "Jane"),
        ("McDonald", "McDonald"),
        ("o'brien", "O'Brien"),
        ("O\u2019Brien", "O'Brien"),
        ("mary-jane", "Mary-Jane"),
        ("de la cruz", "De La Cruz"),
        ("St. John", "St. John"),
        ("Jos\u00e9", "Jos\u00e9"),
        ("  Jane   Ann  ", "Jane Ann"),
        ("my name is jane", "Jane"),
        ("My first name is Jane", "Jane"),
        ("my last name's Doe", "Doe"),
        ("I'm Jane", "Jane"),
        ("i am Jane", "Jane"),
        ("it's Jane", "Jane"),
        ("Jane!", "Jane"),
        ("Im", "Im"),
        ("Im Soo", "Im Soo"),
        ("Q", "Q"),
        ("x" * 50, "X" * 1 + "x" * 49),
    ],
)
def test_clean_name_accepts(text: str, expected: str) -> None:
    assert clean_name(text) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", answers.NAME_MISSING),
        ("   ", answers.NAME_MISSING),
        ("my name is", answers.NAME_MISSING),
        ("none", answers.NAME_MISSING),
        ("-", answers.NAME_MISSING),
        ("x" * 51, answers.NAME_TOO_LONG),
        ("J0hn", answers.NAME_BAD_CHARACTERS),
        ("Jane_Doe", answers.NAME_BAD_CHARACTERS),
        ("jane@example.com", answers.NAME_BAD_CHARACTERS),
        ("Jane/Doe", answers.NAME_BAD_CHARACTERS),
        ("'.-", answers.NAME_MISSING),
    ],
)
def test_clean_name_refuses(text: str, message: str) -> None:
    assert refusal(clean_name, text) == message


@pytest.mark.parametrize(
    "text", ["", "none", "None", "skip", "no", "N/A", "n/a", "I don't have one", "-", "nmn"]
)
def test_clean_middle_name_none(text: str) -> None:
    assert clean_middle_name(text) == ""


@pytest.mark.parametrize(
    ("text", "expected"),
    [("Q", "Q"), ("Q.", "Q."), ("q", "Q"), ("ann", "Ann"), ("Mary Ann", "Mary Ann")],
)
def test_clean_middle_name_keeps_a_name(text: str, expected: str) -> None:
    assert clean_middle_name(text) == expected


def test_clean_middle_name_checks_letters() -> None:
    assert refusal(clean_middle_name, "Q7") == answers.NAME_BAD_CHARACTERS


# ---------------------------------------------------------------------------
# Email and phone
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("jane@example.com", "jane@example.com"),
        ("  jane@example.com  ", "jane@example.com"),
        ("Jane.Doe@Example.COM", "Jane.Doe@example.com"),
        ("my email is jane@example.com.", "jane@example.com"),
        ("email: <jane+court@mail.example.org>", "jane+court@mail.example.org"),
        ("jane@example.com and again jane@example.com", "jane@example.com"),
    ],
)
def test_clean_email_accepts(text: str, expected: str) -> None:
    assert clean_email(text) == expected


def test_clean_email_handles_long_text_quickly() -> None:
    started = time.perf_counter()
    assert refusal(clean_email, "a" * 50_000) == answers.EMAIL_NO_AT
    assert time.perf_counter() - started < 1.0


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", answers.EMAIL_MISSING),
        ("I don't have one", answers.EMAIL_MISSING),
        ("jane at example dot com", answers.EMAIL_NO_AT),
        ("jane.example.com", answers.EMAIL_NO_AT),
        ("a@b.com or c@d.com", answers.EMAIL_MORE_THAN_ONE),
        ("jane@example", answers.EMAIL_INVALID),
        ("jane@@example.com", answers.EMAIL_INVALID),
        ("jane..doe@example.com", answers.EMAIL_INVALID),
        ("@example.com", answers.EMAIL_INVALID),
        ("jane@", answers.EMAIL_INVALID),
    ],
)
def test_clean_email_refuses(text: str, message: str) -> None:
    assert refusal(clean_email, text) == message


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("617-555-0100", "617-555-0100"),
        ("(617) 555-0100", "617-555-0100"),
        ("617.555.0100", "617-555-0100"),
        ("617 555 0100", "617-555-0100"),
        ("6175550100", "617-555-0100"),
        ("16175550100", "617-555-0100"),
        ("1-617-555-0100", "617-555-0100"),
        ("+1 (617) 555-0100", "617-555-0100"),
        ("(617)-555-0100", "617-555-0100"),
        ("my cell is 617 555 0100", "617-555-0100"),
        ("617-555-0100 ext 12", "617-555-0100 ext. 12"),
        ("617-555-0100, ext. 12", "617-555-0100 ext. 12"),
        ("617-555-0100 x12", "617-555-0100 ext. 12"),
        ("617-555-0100 extension 4021", "617-555-0100 ext. 4021"),
        ("617\u2013555\u20130100", "617-555-0100"),
    ],
)
def test_clean_phone_accepts(text: str, expected: str) -> None:
    assert clean_phone(text) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", answers.PHONE_INVALID),
        ("none", answers.PHONE_INVALID),
        ("12345", answers.PHONE_INVALID),
        ("617-555-01000", answers.PHONE_INVALID),
        ("617-555-010", answers.PHONE_INVALID),
        ("555-0100", answers.PHONE_NO_AREA_CODE),
        ("017-555-0100", answers.PHONE_BAD_START),
        ("117-555-0100", answers.PHONE_BAD_START),
        ("617-055-0100", answers.PHONE_BAD_START),
        ("617-155-0100", answers.PHONE_BAD_START),
    ],
)
def test_clean_phone_refuses(text: str, message: str) -> None:
    assert refusal(clean_phone, text) == message


# ---------------------------------------------------------------------------
# Address
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1 Courthouse Way", "1 Courthouse Way"),
        ("PO Box 12", "PO Box 12"),
        ("  12   Main  St,   Apt 2 ", "12 Main St, Apt 2"),
        ("my address is 1 Main St", "1 Main St"),
        ("I live at 1 Main St", "1 Main St"),
        ("1A Elm", "1A Elm"),
        ("x" * 100, "x" * 100),
    ],
)
def test_clean_street_address_accepts(text: str, expected: str) -> None:
    assert clean_street_address(text) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", answers.ADDRESS_MISSING),
        ("none", answers.ADDRESS_MISSING),
        ("I don't have one", answers.ADDRESS_MISSING),
        ("1A", answers.ADDRESS_TOO_SHORT),
        ("x" * 101, answers.ADDRESS_TOO_LONG),
        ("123456", answers.ADDRESS_NO_STREET),
        ("12 - 34", answers.ADDRESS_NO_STREET),
    ],
)
def test_clean_street_address_refuses(text: str, message: str) -> None:
    assert refusal(clean_street_address, text) == message


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Boston", "Boston"),
        ("boston", "Boston"),
        ("BOSTON", "BOSTON"),
        ("new bedford", "New Bedford"),
        ("St. Louis", "St. Louis"),
        ("Coeur d'Alene", "Coeur d'Alene"),
        ("Winston-Salem", "Winston-Salem"),
        ("I live in worcester", "Worcester"),
        ("  Fall   River ", "Fall River"),
    ],
)
def test_clean_city_accepts(text: str, expected: str) -> None:
    assert clean_city(text) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", answers.CITY_MISSING),
        ("skip", answers.CITY_MISSING),
        ("x" * 51, answers.CITY_TOO_LONG),
        ("Boston, MA", answers.CITY_BAD_CHARACTERS),
        ("02110", answers.CITY_BAD_CHARACTERS),
    ],
)
def test_clean_city_refuses(text: str, message: str) -> None:
    assert refusal(clean_city, text) == message


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("MA", "MA"),
        ("ma", "MA"),
        ("Ma.", "MA"),
        ("massachusetts", "MA"),
        ("MASSACHUSETTS", "MA"),
        ("Mass.", "MA"),
        ("Mass", "MA"),
        ("new york", "NY"),
        ("N.Y.", "NY"),
        ("New  Hampshire", "NH"),
        ("Rhode Island", "RI"),
        ("District of Columbia", "DC"),
        ("Washington, D.C.", "DC"),
        ("Washington", "WA"),
        ("DC", "DC"),
        ("Puerto Rico", "PR"),
        ("Guam", "GU"),
        ("U.S. Virgin Islands", "VI"),
        ("american samoa", "AS"),
        ("Northern Mariana Islands", "MP"),
        ("AA", "AA"),
        ("ae", "AE"),
        ("AP", "AP"),
        ("Armed Forces Pacific", "AP"),
        ("Calif.", "CA"),
        ("W. Va.", "WV"),
        ("my state is Maine", "ME"),
        ("I live in Massachusetts", "MA"),
        ("the state of Connecticut", "CT"),
        ("state of maine", "ME"),
    ],
)
def test_clean_state_accepts(text: str, expected: str) -> None:
    assert clean_state(text) == expected


@pytest.mark.parametrize("text", ["", "XX", "Boston", "Ontario", "Mass achusetts", "M"])
def test_clean_state_refuses(text: str) -> None:
    assert refusal(clean_state, text) == answers.STATE_UNKNOWN


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("02110", "02110"),
        (" 02110 ", "02110"),
        ("02110-1234", "02110-1234"),
        ("02110 1234", "02110-1234"),
        ("my zip is 021101234", "02110-1234"),  # bare, nine digits may be an SSN
        ("02110\u20131234", "02110-1234"),
        ("my zip is 01608", "01608"),
        ("90210", "90210"),
    ],
)
def test_clean_zip_accepts(text: str, expected: str) -> None:
    assert clean_zip(text) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2110", answers.ZIP_LOST_ZERO),
        ("2110-1234", answers.ZIP_LOST_ZERO),
        ("21101234", answers.ZIP_LOST_ZERO),
        ("my zip is 2110", answers.ZIP_LOST_ZERO),
        ("", answers.ZIP_INVALID),
        ("123", answers.ZIP_INVALID),
        ("021100", answers.ZIP_INVALID),
        ("0211012345", answers.ZIP_INVALID),
        ("02110-123", answers.ZIP_INVALID),
        ("617-555-0100", answers.ZIP_INVALID),
        ("Boston", answers.ZIP_INVALID),
    ],
)
def test_clean_zip_refuses(text: str, message: str) -> None:
    assert refusal(clean_zip, text) == message


def test_lost_zero_message_mentions_massachusetts() -> None:
    assert "Massachusetts ZIP codes start with 0" in answers.ZIP_LOST_ZERO
    assert "5 digits" in answers.ZIP_INVALID


# ---------------------------------------------------------------------------
# Yes / no
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "yes",
        "Yes.",
        "YES!",
        "y",
        "yeah",
        "yep",
        "sure",
        "ok",
        "OK",
        "okay",
        "I agree",
        "agree",
        "correct",
        "that's right",
        "that\u2019s right",
        "yes please",
        "ok, I agree",
    ],
)
def test_parse_yes_no_yes(text: str) -> None:
    assert parse_yes_no(text) is True


@pytest.mark.parametrize(
    "text",
    [
        "no",
        "No.",
        "n",
        "N",
        "nope",
        "nah",
        "I don't agree",
        "I do not agree",
        "disagree",
        "not now",
        "no thanks",
        "nope, not now",
    ],
)
def test_parse_yes_no_no(text: str) -> None:
    assert parse_yes_no(text) is False


@pytest.mark.parametrize(
    "text", ["", "maybe", "what?", "yes but not the email", "sure, no", "I", "help"]
)
def test_parse_yes_no_refuses(text: str) -> None:
    assert refusal(parse_yes_no, text) == answers.YES_NO_HELP


# ---------------------------------------------------------------------------
# Payment methods
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("card", "credit_card"),
        ("Credit card", "credit_card"),
        ("credit", "credit_card"),
        ("debit card", "credit_card"),
        ("Visa", "credit_card"),
        ("mastercard", "credit_card"),
        ("my bank card", "credit_card"),
        ("credit_card", "credit_card"),
        ("ACH", "ach"),
        ("ach", "ach"),
        ("bank", "ach"),
        ("bank account", "ach"),
        ("bank transfer", "ach"),
        ("checking", "ach"),
        ("e-check", "ach"),
        ("echeck", "ach"),
        ("ACH (bank account)", "ach"),
        ("none", "none"),
        ("no", "none"),
        ("skip", "none"),
        ("later", "none"),
        ("not now", "none"),
        ("None for now", "none"),
        ("I don't have a card", "none"),
    ],
)
def test_clean_payment_method(text: str, expected: str) -> None:
    assert clean_payment_method(text) == expected


@pytest.mark.parametrize("text", ["paypal", "cash", "", "let me check", "yes"])
def test_clean_payment_method_refuses(text: str) -> None:
    message = refusal(clean_payment_method, text)
    assert message == answers.PAYMENT_METHOD_HELP
    for label in PAYMENT_METHOD_LABELS.values():
        assert label in message


def test_payment_labels_round_trip() -> None:
    assert PAYMENT_METHOD_LABELS == {
        "credit_card": "Credit card",
        "ach": "ACH (bank account)",
        "none": "None for now",
    }
    for method, label in PAYMENT_METHOD_LABELS.items():
        assert clean_payment_method(label) == method


def test_check_admission_method_refuses_ach() -> None:
    assert refusal(check_admission_method, "ach") == ACH_NOT_FOR_ADMISSION
    assert "credit card" in ACH_NOT_FOR_ADMISSION
    assert "PACER fees" in ACH_NOT_FOR_ADMISSION


@pytest.mark.parametrize("method", ["credit_card", "none"])
def test_check_admission_method_allows_others(method: str) -> None:
    assert check_admission_method(method) == method


# ---------------------------------------------------------------------------
# Corrections at the review step
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "slot"),
    [
        ("change my name", "first_name"),
        ("my first name is wrong", "first_name"),
        ("first name", "first_name"),
        ("middle name", "middle_name"),
        ("fix my middle initial", "middle_name"),
        ("my last name is misspelled", "last_name"),
        ("surname", "last_name"),
        ("change my email", "email"),
        ("my e-mail address is wrong", "email"),
        ("fix my phone number", "phone"),
        ("my phone's wrong", "phone"),
        ("cell", "phone"),
        ("edit address", "street_address"),
        ("wrong street", "street_address"),
        ("the city is wrong", "city"),
        ("town", "city"),
        ("wrong state", "state"),
        ("the zip is wrong", "zip_code"),
        ("ZIP code", "zip_code"),
        ("wrong case number", "most_recent_case"),
        ("docket number", "most_recent_case"),
        ("Autobill PACER fees", "pacer_fees_method"),
        ("pacer", "pacer_fees_method"),
        ("change e-filing fees", "efiling_fees_method"),
        ("efiling", "efiling_fees_method"),
        ("update admission fees", "admission_fees_method"),
        ("change payment", "payment"),
        ("I want to pay another way", "payment"),
        ("fees", "payment"),
    ],
)
def test_field_from_text(text: str, slot: str) -> None:
    assert slot == "payment" or slot in FIELDS_BY_SLOT
    assert field_from_text(text) == slot


@pytest.mark.parametrize("text", ["", "hello", "it is all wrong", "help me", "statement"])
def test_field_from_text_none(text: str) -> None:
    assert field_from_text(text) is None


def test_field_from_text_ignores_terms() -> None:
    assert field_from_text("terms of use") is None


IMPORT_THEN_COUNT = """
import bot.i18n as i18n
import bot.answers as answers
before = i18n.words.cache_info().currsize
answers.{call}
print(before, i18n.words.cache_info().currsize)
"""


@pytest.mark.parametrize(
    "call",
    [
        'clean_state("Nueva York")',
        'parse_yes_no("sí")',
        'is_declined("no tengo")',
        'clean_payment_method("tarjeta")',
        'field_from_text("mudar meu email")',
        'clean_name("me llamo María")',
    ],
)
def test_the_locale_word_lists_are_read_on_first_use_not_at_import(call):
    script = IMPORT_THEN_COUNT.format(call=call)
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["0", str(len(languages()))]


def test_the_locale_words_are_understood_after_the_lazy_load():
    assert clean_state("Nueva York") == "NY"
    assert parse_yes_no("sí") is True
    assert parse_yes_no("não") is False
    assert is_declined("no tengo")
    assert clean_payment_method("cartão de crédito") == "credit_card"
    assert clean_payment_method("cuenta bancaria") == "ach"
    assert field_from_text("cambiar mi correo") == "email"
    assert clean_name("me llamo María") == "María"
