"""Clean the answers a filer types for the e-filing registration form.

Each cleaner takes the raw text and returns the value to put on the PACER form, or raises
InvalidAnswer with a short, kind message that says what is wrong and how to fix it. No cleaner
ever keeps a password, Social Security number, date of birth, card number or bank number.

The English words (yes/no, "none", payment methods, lead-ins, state names) are here; the same
lists in every other language are in `locales/<lang>/words.yml`, and every cleaner accepts them
all (a filer may answer "sí" in an English conversation). Accents are folded away for matching.
The locale lists are read on first use and kept (`functools.cache`), never at import.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import cache
from types import MappingProxyType

from email_validator import EmailNotValidError, validate_email

from bot.i18n import word_list, word_lists, word_map
from bot.language import fold
from bot.sensitive import SENSITIVE_REFUSAL, contains_sensitive, plain_punctuation


class InvalidAnswer(ValueError):
    """An answer the form cannot use; `message` tells the filer what is wrong and how to fix it."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


# ---------------------------------------------------------------------------
# Shared helpers
# ---------------------------------------------------------------------------

def _phrases(name: str) -> str:
    """A locale word list as regex alternatives, longest first, spaces matching any spacing."""
    words = sorted(word_list(name), key=len, reverse=True)
    return "|".join(r"\s+".join(map(re.escape, word.split())) for word in words)


@cache
def _lead_in() -> re.Pattern[str]:
    """A lead-in before an answer: "my name is", "I live in", "me llamo", ..."""
    return re.compile(
        r"^(?:(?:my|the)\s+(?:[a-z]+\s+){0,2}?[a-z]+(?:'s|\s+is)\s*:?|it's|its|it\s+is|i'm"
        r"|i\s+am|this\s+is|i\s+live\s+(?:in|at)|(?:" + _phrases("lead_ins") + r")\s*:?)(?:\s+|$)",
        re.IGNORECASE,
    )


# fmt: off
_ENGLISH_DECLINED = frozenset({
    "", "none", "no", "nope", "nah", "nothing", "nil", "n/a", "nmn", "skip", "skip it",
    "skip this", "skip for now", "pass", "idk", "not sure", "unknown", "not applicable",
    "later", "maybe later", "not now", "not yet", "none for now", "none yet", "no thanks",
    "no thank you",
})
# fmt: on


@cache
def _declined_phrases() -> frozenset[str]:
    """Whole answers that mean "none" or "skip", in every language."""
    return _ENGLISH_DECLINED | {" ".join(fold(word).split()) for word in word_list("declined")}


@cache
def _declined_start() -> re.Pattern[str]:
    """The start of an answer that means "none": "I don't have ...", "no tengo ..."."""
    starts = sorted(word_list("declined_starts"), key=len, reverse=True)
    return re.compile(
        r"^(?:(?:i )?(?:dont|do not|cant|cannot|have no|havent|no)|"
        + "|".join(re.escape(fold(word)) for word in starts)
        + r") \w+"
    )


def tidy(text: str) -> str:
    """Plain dashes and quotes, single spaces, no spaces at the ends."""
    return " ".join(plain_punctuation(text).split())


def screen_answer(text: str) -> str:
    """The tidied answer, or InvalidAnswer if it holds a secret we must never keep."""
    if contains_sensitive(text):
        raise InvalidAnswer(SENSITIVE_REFUSAL)
    return tidy(text)


def _words(text: str) -> str:
    """Lower-case words only, for matching what the filer meant: "Don't!" -> "dont"."""
    lowered = fold(plain_punctuation(text)).replace("'", "")
    return " ".join(re.sub(r"[^a-z0-9/]+", " ", lowered).split())


def _word_pattern(*phrases: str) -> re.Pattern[str]:
    """Match any of the phrases as whole words (a plural "s" allowed) in _words() output."""
    return re.compile(r"\b(?:" + "|".join(phrases) + r")s?\b")


def is_declined(text: str) -> bool:
    """True when the filer says they have none or want to skip: "none", "n/a", "I don't have one"."""
    words = _words(text)
    return words in _declined_phrases() or bool(_declined_start().match(words))


def _strip_lead_in(text: str) -> str:
    """Drop a lead-in such as "my name is" or "I live in" and stray end punctuation."""
    return _lead_in().sub("", text).strip(' ,;:!?"')


def _letters_only(value: str) -> bool:
    """True when the value has a letter and only letters, spaces, - ' and periods."""
    return any(ch.isalpha() for ch in value) and all(ch.isalpha() or ch in " -'." for ch in value)


# ---------------------------------------------------------------------------
# Names
# ---------------------------------------------------------------------------

def _letters_answer(text: str, limit: int, missing: str, too_long: str, bad: str) -> str:
    """A name-like answer (no lead-in), given, at most `limit` long, of letters and - ' . only."""
    value = _strip_lead_in(screen_answer(text))
    if not value or is_declined(value):
        raise InvalidAnswer(missing)
    if len(value) > limit:
        raise InvalidAnswer(too_long)
    if not _letters_only(value):
        raise InvalidAnswer(bad)
    return value


NAME_MAX = 50
NAME_MISSING = "I need your name for the form. Please type it."
NAME_TOO_LONG = f"That name is too long. Please use {NAME_MAX} letters or fewer."
NAME_BAD_CHARACTERS = (
    "A name can only have letters, spaces, and these marks: - ' . Please type your name again."
)


def clean_name(text: str) -> str:
    """A first or last name: letters, spaces, - ' . only; all-lower or all-upper is title-cased."""
    name = _letters_answer(text, NAME_MAX, NAME_MISSING, NAME_TOO_LONG, NAME_BAD_CHARACTERS)
    return name.title() if name.islower() or name.isupper() else name


def clean_middle_name(text: str) -> str:
    """A middle name or initial, or "" when the filer has none."""
    if is_declined(screen_answer(text)):
        return ""
    return clean_name(text)


# ---------------------------------------------------------------------------
# Email and phone
# ---------------------------------------------------------------------------

# What can sit around an address typed inside a sentence: "email: <jane@example.com>".
_AROUND_EMAIL = re.compile(r"[\s<>()\[\],;:\"']+")
EMAIL_MISSING = (
    "PACER needs an email address to send you notices. Please type yours, like "
    "name@example.com. If you don't have one, you can make one online."
)
EMAIL_NO_AT = (
    "That doesn't look like an email address. An email has an @ in it, like "
    "name@example.com. Please type it again."
)
EMAIL_MORE_THAN_ONE = "I see more than one email address. Please type just one."
EMAIL_INVALID = (
    "I could not use that email address. Please check it for typos. "
    "It should look like name@example.com."
)


def clean_email(text: str) -> str:
    """One email address, found even inside words ("my email is ..."), normalized."""
    cleaned = screen_answer(text)
    if is_declined(cleaned):
        raise InvalidAnswer(EMAIL_MISSING)
    parts = _AROUND_EMAIL.split(cleaned)
    found = list(dict.fromkeys(part.rstrip(".") for part in parts if "@" in part))
    if not found:
        raise InvalidAnswer(EMAIL_NO_AT)
    if len(found) > 1:
        raise InvalidAnswer(EMAIL_MORE_THAN_ONE)
    try:
        return validate_email(found[0], check_deliverability=False).normalized
    except EmailNotValidError as error:
        raise InvalidAnswer(EMAIL_INVALID) from error


_PHONE = re.compile(
    r"(?<![\d+])(?:\+?1[\s.-]*)?\(?(?P<area>\d{3})\)?[\s.-]*(?P<exchange>\d{3})[\s.-]*"
    r"(?P<line>\d{4})(?!\d)(?:\s*,?\s*(?:ext\.?|extension|x)\s*(?P<ext>\d{1,6}))?",
    re.IGNORECASE,
)
PHONE_INVALID = "I need a phone number with 10 digits, like 617-555-0100. Please type it again."
PHONE_NO_AREA_CODE = "Please add your 3-digit area code to the front, like 617-555-0100."
PHONE_BAD_START = (
    "That phone number does not look right. The area code and the next 3 digits "
    "can't start with 0 or 1. Please check it and type it again."
)


def phone_spans(text: str) -> list[tuple[int, int]]:
    """Where US phone numbers are written in a free text, as the form reads them: (start, end)."""
    return [match.span() for match in _PHONE.finditer(text)]


def clean_phone(text: str) -> str:
    """A US phone number as 617-555-0100, with " ext. 12" when an extension is given."""
    cleaned = screen_answer(text)
    match = _PHONE.search(cleaned)
    if match is None:
        digit_count = sum(ch.isdigit() for ch in cleaned)
        raise InvalidAnswer(PHONE_NO_AREA_CODE if digit_count == 7 else PHONE_INVALID)
    if match["area"][0] in "01" or match["exchange"][0] in "01":
        raise InvalidAnswer(PHONE_BAD_START)
    number = f"{match['area']}-{match['exchange']}-{match['line']}"
    return f"{number} ext. {match['ext']}" if match["ext"] else number


# ---------------------------------------------------------------------------
# Address
# ---------------------------------------------------------------------------

ADDRESS_MIN, ADDRESS_MAX = 3, 100
ADDRESS_MISSING = (
    "I need a street address or PO Box where you get mail. "
    "Please type it, like 12 Main St Apt 4."
)
ADDRESS_TOO_SHORT = "That address looks too short. Please type the full street address."
ADDRESS_TOO_LONG = (
    f"That address is too long. Please use {ADDRESS_MAX} characters or fewer. "
    "You can write St for Street and Apt for Apartment."
)
ADDRESS_NO_STREET = (
    "An address needs a street name or PO Box, not just numbers. Please type it, like 12 Main St."
)


def clean_street_address(text: str) -> str:
    """A street address or PO Box, 3-100 characters with at least one letter."""
    address = _strip_lead_in(screen_answer(text))
    if not address or is_declined(address):
        raise InvalidAnswer(ADDRESS_MISSING)
    if len(address) < ADDRESS_MIN:
        raise InvalidAnswer(ADDRESS_TOO_SHORT)
    if len(address) > ADDRESS_MAX:
        raise InvalidAnswer(ADDRESS_TOO_LONG)
    if not any(ch.isalpha() for ch in address):
        raise InvalidAnswer(ADDRESS_NO_STREET)
    return address


CITY_MAX = 50
CITY_MISSING = "I need your city or town. Please type it, like Boston."
CITY_TOO_LONG = f"That city name is too long. Please use {CITY_MAX} letters or fewer."
CITY_BAD_CHARACTERS = (
    "A city name can only have letters, spaces, and these marks: - ' . "
    "Please type just the city, like Boston."
)


def clean_city(text: str) -> str:
    """A city or town: letters, spaces, - ' . only; all-lower is title-cased."""
    city = _letters_answer(text, CITY_MAX, CITY_MISSING, CITY_TOO_LONG, CITY_BAD_CHARACTERS)
    return city.title() if city.islower() else city


# fmt: off
_ENGLISH_STATE_NAMES: dict[str, str] = {
    "alabama": "AL", "alaska": "AK", "arizona": "AZ", "arkansas": "AR", "california": "CA",
    "colorado": "CO", "connecticut": "CT", "delaware": "DE", "district of columbia": "DC",
    "washington dc": "DC", "florida": "FL", "georgia": "GA", "hawaii": "HI", "idaho": "ID",
    "illinois": "IL", "indiana": "IN", "iowa": "IA", "kansas": "KS", "kentucky": "KY",
    "louisiana": "LA", "maine": "ME", "maryland": "MD", "massachusetts": "MA", "michigan": "MI",
    "minnesota": "MN", "mississippi": "MS", "missouri": "MO", "montana": "MT", "nebraska": "NE",
    "nevada": "NV", "new hampshire": "NH", "new jersey": "NJ", "new mexico": "NM",
    "new york": "NY", "north carolina": "NC", "north dakota": "ND", "ohio": "OH",
    "oklahoma": "OK", "oregon": "OR", "pennsylvania": "PA", "rhode island": "RI",
    "south carolina": "SC", "south dakota": "SD", "tennessee": "TN", "texas": "TX",
    "utah": "UT", "vermont": "VT", "virginia": "VA", "washington": "WA", "west virginia": "WV",
    "wisconsin": "WI", "wyoming": "WY", "american samoa": "AS", "guam": "GU",
    "northern mariana islands": "MP", "puerto rico": "PR", "virgin islands": "VI",
    "us virgin islands": "VI", "federated states of micronesia": "FM", "micronesia": "FM",
    "marshall islands": "MH", "palau": "PW", "armed forces americas": "AA",
    "armed forces europe": "AE", "armed forces africa": "AE", "armed forces middle east": "AE",
    "armed forces canada": "AE", "armed forces pacific": "AP",
    # Older short forms people still write ("Mass.", "Calif.").
    "ala": "AL", "ariz": "AZ", "ark": "AR", "calif": "CA", "cal": "CA", "colo": "CO",
    "conn": "CT", "del": "DE", "fla": "FL", "ill": "IL", "ind": "IN", "kan": "KS", "kans": "KS",
    "mass": "MA", "mich": "MI", "minn": "MN", "miss": "MS", "mont": "MT", "neb": "NE",
    "nebr": "NE", "nev": "NV", "okla": "OK", "ore": "OR", "oreg": "OR", "penn": "PA",
    "penna": "PA", "tenn": "TN", "tex": "TX", "wash": "WA", "wis": "WI", "wisc": "WI",
    "wyo": "WY", "w va": "WV", "n mex": "NM", "n dak": "ND", "s dak": "SD",
}
# fmt: on


@cache
def state_names() -> Mapping[str, str]:
    """State names and short forms in every language, as lower-case words -> USPS code."""
    spoken = {_words(name): code for name, code in word_map("states").items()}
    return MappingProxyType(_ENGLISH_STATE_NAMES | spoken)


@cache
def _state_codes() -> frozenset[str]:
    """Every USPS code a state name stands for."""
    return frozenset(state_names().values())


STATE_UNKNOWN = (
    "I could not find that state. Please type the 2-letter code, like MA, "
    "or the full name, like Massachusetts."
)


def clean_state(text: str) -> str:
    """The USPS 2-letter code for a state, DC, a territory or a military mail area."""
    words = _words(_strip_lead_in(screen_answer(text)).replace(".", ""))
    words = words.removeprefix("the ").removeprefix("state of ")
    code = words.upper()
    if code in _state_codes():
        return code
    names = state_names()
    if words in names:
        return names[words]
    raise InvalidAnswer(STATE_UNKNOWN)


_ZIP = re.compile(r"(?<![\d-])(?P<zip>\d{5})(?:[\s-]?(?P<plus4>\d{4}))?(?![\d-])")
_ZIP_LOST_ZERO = re.compile(r"(?<![\d-])\d{4}(?:[\s-]?\d{4})?(?![\d-])")
ZIP_INVALID = "A ZIP code has 5 digits, like 02110. Please type it again."
ZIP_LOST_ZERO = (
    "A ZIP code has 5 digits. Massachusetts ZIP codes start with 0, like 02110. "
    "Please check yours and type all 5 digits."
)


def clean_zip(text: str) -> str:
    """A 5-digit ZIP code, or ZIP+4 written as 02110-1234."""
    cleaned = screen_answer(text)
    match = _ZIP.search(cleaned)
    if match is None:
        raise InvalidAnswer(ZIP_LOST_ZERO if _ZIP_LOST_ZERO.search(cleaned) else ZIP_INVALID)
    return f"{match['zip']}-{match['plus4']}" if match["plus4"] else match["zip"]


# ---------------------------------------------------------------------------
# Yes / no
# ---------------------------------------------------------------------------

# fmt: off
_ENGLISH_YES = frozenset({
    "yes", "y", "ya", "yea", "yeah", "yep", "yup", "yes please", "sure", "ok", "okay", "k",
    "agree", "i agree", "i do", "correct", "right", "thats right", "that is right",
    "thats correct", "that is correct", "all good", "looks good", "sounds good", "absolutely",
    "of course", "confirm", "si", "yess", "yes sir", "yes maam", "sure thing", "why not",
    "sure why not", "alright", "all right", "fine", "thats fine", "definitely", "go ahead",
    "please do", "do it", "yes do it", "lets do it", "ok go ahead", "i confirm", "confirmed",
    "affirmative", "exactly", "yup yup", "ya sure", "yeah sure", "ok sure", "okie dokie",
    "okey dokey", "okidoki", "that works", "works for me", "sounds right", "looks right",
    "looks correct", "everything looks right", "everything looks correct", "all correct",
    "thats it", "yes thats it", "agrees", "agreed", "confirms", "accepts", "says yes", "said yes",
})
_ENGLISH_NO = frozenset({
    "no", "n", "na", "nope", "nah", "no thanks", "no thank you", "i dont agree", "i do not agree",
    "dont agree", "disagree", "i disagree", "not now", "not yet", "wrong", "thats wrong",
    "incorrect", "not right", "thats not right", "no way", "no sir", "no maam", "nah thanks",
    "dont", "do not", "i dont", "i do not", "i dont want to", "i do not want to", "never mind",
    "nevermind", "negative", "not really", "no its not", "no it is not", "maybe later",
    "another time", "some other time", "declines", "declined", "refuses", "says no", "said no",
})
# fmt: on
_ENGLISH_NEGATIONS = frozenset({"no", "not", "dont", "disagree", "nope", "nah", "never", "wrong"})


@cache
def _spoken(english: frozenset[str], name: str) -> frozenset[str]:
    """An English word set and the locale word list `name` of every language, as _words()."""
    return english | {_words(word) for word in word_list(name)}
YES_NO_HELP = "Sorry, I did not understand. Please answer yes or no."
# A help-line caller's answer relayed by staff: "caller says yes", "cx confirms", "she declines".
_RELAYED_BY = frozenset({"caller", "cx", "pt", "client", "filer", "he", "she", "they"})


def parse_yes_no(text: str) -> bool:
    """True for yes ("yeah", "I agree", "caller confirms"), False for no ("nope", "she declines")."""
    words = _words(screen_answer(text)).split()
    if len(words) > 1 and words[0] in _RELAYED_BY:
        words = words[1:]
    yes, no = _spoken(_ENGLISH_YES, "yes"), _spoken(_ENGLISH_NO, "no")
    negations = _spoken(_ENGLISH_NEGATIONS, "negations")
    for size in range(min(len(words), 4), 0, -1):
        lead = " ".join(words[:size])
        if lead in no:
            return False
        if lead in yes and not negations.intersection(words[size:]):
            return True
    raise InvalidAnswer(YES_NO_HELP)


def is_clear_yes_no(text: str) -> bool:
    """Whether the text is plainly a yes or a no (so a random word is never taken as "yes")."""
    try:
        parse_yes_no(text)
    except InvalidAnswer:
        return False
    return True


# ---------------------------------------------------------------------------
# Payment methods
# ---------------------------------------------------------------------------

PAYMENT_METHOD_LABELS: dict[str, str] = {
    "credit_card": "Credit card",
    "ach": "ACH (bank account)",
    "none": "None for now",
}
PAYMENT_METHOD_HELP = "Sorry, I did not understand. Please pick one: {}, {}, or {}.".format(
    *PAYMENT_METHOD_LABELS.values()
)
ACH_NOT_FOR_ADMISSION = (
    "This court does not take ACH (bank account) for Attorney Admissions fees, so here you can "
    "pick a credit card, or none. If admission fees don't apply to you, pick none. "
    "ACH is still fine for Autobill PACER fees and E-filing fees."
)
_ENGLISH_CARD_WORDS = (
    "card", "credit", "debit", "visa", "master ?card", "amex", "american express", "discover"
)
_ENGLISH_BANK_WORDS = ("ach", "bank", "checking", "savings", "e ?check")


@cache
def _payment_words(english: tuple[str, ...], name: str) -> re.Pattern[str]:
    """English payment words (regex) and the locale list `name` of every language."""
    return _word_pattern(*english, *(re.escape(_words(word)) for word in word_list(name)))


def clean_payment_method(text: str) -> str:
    """One of "credit_card", "ach" or "none" from what the filer typed."""
    cleaned = screen_answer(text)
    if cleaned and is_declined(cleaned):
        return "none"
    words = _words(cleaned)
    if _payment_words(_ENGLISH_CARD_WORDS, "payment_card").search(words):
        return "credit_card"
    if _payment_words(_ENGLISH_BANK_WORDS, "payment_bank").search(words):
        return "ach"
    raise InvalidAnswer(PAYMENT_METHOD_HELP)


def check_admission_method(method: str) -> str:
    """The admission-fee method, unless it is ACH, which this court does not take for it."""
    if method == "ach":
        raise InvalidAnswer(ACH_NOT_FOR_ADMISSION)
    return method


# ---------------------------------------------------------------------------
# Corrections at the review step
# ---------------------------------------------------------------------------

# First match wins, so the more specific wording comes first ("last name" before "name").
# fmt: off
_ENGLISH_FIELD_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("middle_name", ("middle",)),
    ("last_name", ("last ?name", "surname", "family name")),
    ("email", ("e ?mail",)),
    ("most_recent_case", ("case", "docket")),
    ("zip_code", ("zip", "zip ?code", "postal", "post ?code")),
    ("phone", ("phone", "telephone", "cell", "cellphone", "mobile")),
    ("street_address", ("address", "street", "apt", "apartment", "po box")),
    ("city", ("city", "town")),
    ("state", ("state",)),
    ("admission_fees_method", ("admission",)),
    ("efiling_fees_method", ("e ?filing", "e ?file")),
    ("pacer_fees_method", ("pacer", "auto ?bill")),
    ("payment", ("payment", "pay", "paying", "fee", "card", "bank", "ach", "billing")),
    ("first_name", ("first ?name", "first", "given name", "name")),
)
# fmt: on


@cache
def _field_words() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """Each field's words in English and in every other language (words.yml `fields`)."""
    spoken = word_lists("fields")
    return tuple(
        (
            slot,
            _word_pattern(
                *english, *(re.escape(_words(word)) for word in sorted(spoken.get(slot, ())))
            ),
        )
        for slot, english in _ENGLISH_FIELD_WORDS
    )


def field_from_text(text: str) -> str | None:
    """The slot a correction is about ("fix my phone" -> "phone"), "payment", or None."""
    words = _words(text)
    return next((slot for slot, pattern in _field_words() if pattern.search(words)), None)
