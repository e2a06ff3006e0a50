"""Find and mask secrets a filer types into the chat.

The assistant never needs a password, Social Security number, date of birth, card number or
bank number. This module spots them so they can be masked before anything is stored or logged,
and so that no form answer ever keeps one: by a label ("pw:", "ABA", "born", "CVV"), or by their
shape alone (123-45-6789, nine bare digits that could be an SSN, Luhn-valid card numbers, the
secret half of a login pair like "jsmith / Secret#123"). A card's security code and expiry date
are masked as card details. It must not mistake phone numbers (also after "account"), ZIP codes
(nine bare digits after "ZIP" or a state are a ZIP+4), case numbers, dates of court orders,
street numbers, reference codes or emails for secrets (tests/unit/test_masking_table.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

PLACEHOLDERS: dict[str, str] = {
    "password": "[password removed]",
    "ssn": "[SSN removed]",
    "date_of_birth": "[date of birth removed]",
    "card_number": "[card number removed]",
    "bank_account": "[bank number removed]",
}



_PLACEHOLDER = re.compile("|".join(re.escape(placeholder) for placeholder in PLACEHOLDERS.values()))


def is_masked(text: str) -> bool:
    """Whether `text` holds a placeholder the chat channel put in place of a secret."""
    return any(placeholder in text for placeholder in PLACEHOLDERS.values())


# When two findings start at the same place and have the same length, the earlier kind wins.
_PRIORITY: tuple[str, ...] = tuple(PLACEHOLDERS)

SENSITIVE_REFUSAL = (
    "I never need your password, Social Security number, date of birth, or card or bank "
    "numbers, so I did not keep what you typed. Please don't type them here. Enter payment "
    "details only on the PACER website itself. If you typed a password, think about changing it."
)

# Look-alike dashes, quotes and spaces mapped one-for-one to plain ones, so offsets stay the same.
_PLAIN_PUNCTUATION = str.maketrans(
    {
        **{dash: "-" for dash in "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"},
        **{quote: "'" for quote in "\u2018\u2019\u02bc\u0060\u00b4"},
        **{space: " " for space in "\u00a0\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009"
           "\u200a\u200b\u202f\u205f\u3000\ufeff"},
    }
)


@dataclass(frozen=True)
class Finding:
    """One secret in a text: what kind it is and where it sits (text[start:end])."""

    kind: str
    start: int
    end: int


def plain_punctuation(text: str) -> str:
    """Swap fancy dashes, quotes and spaces for plain ones without changing the text's length."""
    return text.translate(_PLAIN_PUNCTUATION)


# Words such as "number", "no.", "#", "is" or ":" that sit between a label and its value.
# Spanish and Portuguese too ("número", "es", "é", "de"), as filers write in either (issue 12).
_LINK = r"(?:\s*(?:number|num|nbr|no\.?|\#|is|was|n[úu]mero|es|era|é|de|do|da|:|=|-))*\s*"
_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b\.?"
)
_DAY = r"(?:the\s+)?\d{1,2}(?:st|nd|rd|th)?"
_DATE = (
    r"(?:\d{1,2}[/.-]\d{1,2}[/.-](?:\d{4}|\d{2})"
    r"|\d{4}[/.-]\d{1,2}[/.-]\d{1,2}"
    r"|\d{8}"
    rf"|{_MONTH}\s*{_DAY},?\s*\d{{4}}"
    rf"|{_DAY}\s+(?:of\s+)?{_MONTH},?\s*\d{{4}})(?!\d)"
)
_NOT_A_PASSWORD = (
    r"(?:not|wrong|incorrect|invalid|expired|locked|lost|missing|forgotten|working|correct"
    r"|right|too|still|the|my|a|an|is|for|what|same|different|required|needed|reset|ok|okay"
    r"|fine|good|bad|new|old|and|or|to|on|of|it|this|that)(?![^\s.,;:!?])"
)
_PASSWORD_LABEL = (
    r"(?:password|passwd|pass\s*word|pwd|pw|p/w|pass\s*phrase|pass\s*code|pass"
    r"|pin(?:\s*(?:number|code))?|contrase[ñn]a|clave|senha)"
)
# Which account a password is for, between the label and its value: "password for PACER is".
_PASSWORD_FOR = r"(?:\s+(?:for|on|to)\s+(?:my\s+|the\s+)?(?:pacer|ecf|cm/ecf|account|login|it)\b)?"
# A word that looks like a password by itself: a letter and a digit, or a letter and a symbol
# inside the word (not a closing "!" or "?").
_PASSWORD_LIKE = r"(?=\S*[a-z])(?=\S*(?:\d|[#$%^&*=~+@!?_|\\<>{}\[\]](?=\S)))"
# Values that look like a password but are what filers type for the form: an email, a web
# address, a case number, a reference code.
_NOT_A_LOGIN_VALUE = (
    r"(?![^\s@]+@[^\s@]+\.[a-z]"
    r"|https?:|www\."
    r"|(?:\d\s*:\s*)?\d{2}[\s.-]*[a-z]{2,4}[\s.-]*\d"
    r"|mad-[0-9a-z]{6}(?!\S))"
)

# Patterns whose named group "secret" is the part to hide.
_LABELLED: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "password",
        re.compile(
            rf"\b{_PASSWORD_LABEL}{_PASSWORD_FOR}"
            r"(?:\s+(?:is|was|es|era|é)(?!\w)\s*[:=-]?|\s*(?:=>|->|[:=]))"
            rf"\s*(?P<secret>(?!{_NOT_A_PASSWORD})\S+)",
            re.IGNORECASE,
        ),
    ),
    (
        # No "is" or ":" after the label, so only a word that looks like a password:
        # "pw Tr0ub4dor", "password - Secret#1", but not "pass the test".
        "password",
        re.compile(
            rf"\b{_PASSWORD_LABEL}{_PASSWORD_FOR}(?:\s+|\s*-+\s*)"
            rf"(?P<secret>(?!{_NOT_A_PASSWORD}){_PASSWORD_LIKE}\S{{4,}})",
            re.IGNORECASE,
        ),
    ),
    (
        # A login pair after a user-name label, without the word password:
        # "user: jsmith Tr0ub4dor", "login jsmith, Secret#123".
        "password",
        re.compile(
            r"\b(?:user|login|log\s*in)(?:\s*(?:name|id))?\b(?!\s*(?:name|id)\b)"
            r"(?:\s+(?:is|was)\b\s*[:=-]?|\s*[:=-])?\s*(?!(?:is|was)\b)[^\s,;/]{2,64}"
            r"(?:\s*(?:[,;/&]|\band\b)\s*|\s+)"
            rf"(?P<secret>(?!{_NOT_A_PASSWORD}|{_PASSWORD_LABEL}\b){_NOT_A_LOGIN_VALUE}"
            rf"{_PASSWORD_LIKE}\S{{4,}})",
            re.IGNORECASE,
        ),
    ),
    (
        # A login pair with no label at all: "jsmith / Secret#123", "jsmith/Tr0ub4dor".
        # Without spaces round the slash the name has no dot, so web addresses stay.
        "password",
        re.compile(
            r"(?<![\w./:@#-])(?:[a-z][\w.@+-]{1,63}\s+/\s*|[a-z][\w.@+-]{1,63}\s*/\s+"
            r"|[a-z][\w@+-]{1,63}/)"
            rf"(?P<secret>{_NOT_A_LOGIN_VALUE}{_PASSWORD_LIKE}[^\s/]{{6,64}})(?!\S)",
            re.IGNORECASE,
        ),
    ),
    (
        "ssn",
        re.compile(
            r"\b(?:ssn|ss\#|social(?:\s+security)?)" + _LINK + r"(?P<secret>(?<!\d)\d{9})(?!\d)",
            re.IGNORECASE,
        ),
    ),
    (
        "date_of_birth",
        re.compile(
            r"(?:\bborn|\bbirth(?:day|date)?|\bb-?day|\bd\.?o\.?b|\bnac[íi]|\bnacimiento"
            r"|\bnasci(?:mento)?)(?!\w)\.?"
            r"(?:\s*(?:is|was|on|date|es|el|é|em|no|dia|:|=|-|,))*\s*" + rf"(?P<secret>{_DATE})",
            re.IGNORECASE,
        ),
    ),
    (
        "card_number",
        re.compile(
            r"\b(?:card|credit|debit|visa|master\s*card|amex|american\s+express|discover)\b"
            + _LINK
            + r"(?P<secret>(?<!\d)\d(?:[ .-]?\d){12,18})(?!\d)",
            re.IGNORECASE,
        ),
    ),
    (
        # The card's security code and expiry date are card details too.
        "card_number",
        re.compile(
            r"\b(?:cvv2?|cvc2?|csc|cid|(?:card\s+)?security\s+code)\b"
            + _LINK
            + r"(?P<secret>(?<!\d)\d{3,4})(?!\d)",
            re.IGNORECASE,
        ),
    ),
    (
        "card_number",
        re.compile(
            r"\b(?:exp(?:iry|iration|ires|ire)?|valid\s+(?:thru|through|until)|good\s+thru)\b\.?"
            r"(?:\s*(?:date|is|on|:|=|-))*\s*"
            r"(?P<secret>(?<![\d/])\d{1,2}\s*[/.-]\s*(?:\d{4}|\d{2}))(?![\d/]|[.-]\d)",
            re.IGNORECASE,
        ),
    ),
    (
        "bank_account",
        re.compile(
            r"\b(?:account|acct|a/c|routing|aba|rtn|bank|checking|savings|cuenta|ruta|banco|conta"
            r"|bancaria|banc[áa]ria)\b"
            + _LINK
            + r"(?P<secret>(?<!\d)\d(?:[ -]?\d){5,16})(?!\d)",
            re.IGNORECASE,
        ),
    ),
)

# A phone number typed after "account" ("the phone on my account is 617-555-0100") is not a
# bank number: one written like a phone, or ten bare digits when the message speaks of a phone.
_PHONE_SHAPE = re.compile(r"(?:1[ -]?)?[2-9]\d\d([ -])[2-9]\d\d\1\d{4}")
_BARE_PHONE = re.compile(r"1?[2-9]\d\d[2-9]\d{6}")
_PHONE_WORD = re.compile(r"\b(?:phone|cell|mobile|telephone|tel|call|text)\b", re.IGNORECASE)
_ACCOUNT_ONLY = re.compile(r"\b(?:account|acct)\b(?:\s*(?:is|was|:|=|-))*\s*$", re.IGNORECASE)

_SSN_SHAPE = re.compile(r"(?<![\d.-])\d{3}(?P<sep>[- .])\d{2}(?P=sep)\d{4}(?![\d]|[-.]\d)")
_BARE_NINE_DIGITS = re.compile(r"(?<![\w.:/$#-])\d{9}(?![\w]|[-.:/,]\d)")
# A ZIP+4 typed without its dash: after "ZIP (code) (is)" or a state ("Boston, MA 021101234").
_ZIP_BEFORE = re.compile(
    r"(?:(?i:\bzip|\bpostal)(?i:\s*code)?(?i:\s+is)?[\s:#-]*|(?:^|,)\s*[A-Z]{2}\s*,?\s*)$"
)

# How card numbers are written: one run of digits, or groups of 4-4-4-4(-3) or 4-6-5.
_CARD_SHAPES: tuple[re.Pattern[str], ...] = (
    re.compile(r"(?<![\d-])\d{13,19}(?![\d]|-\d)"),
    re.compile(
        r"(?<![\d.-])\d{4}(?P<sep>[ .-])\d{4}(?P=sep)\d{4}(?P=sep)\d{1,4}"
        r"(?:(?P=sep)\d{1,3})?(?![\d]|[-.]\d)"
    ),
    re.compile(r"(?<![\d.-])\d{4}(?P<sep>[ .-])\d{6}(?P=sep)\d{4,5}(?![\d]|[-.]\d)"),
)


def passes_luhn(digits: str) -> bool:
    """True when a string of digits passes the Luhn check that card numbers use."""
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = int(char) * (2 if position % 2 else 1)
        total += value - 9 if value > 9 else value
    return total % 10 == 0


def _is_a_phone(text: str, match: re.Match[str]) -> bool:
    """Whether the value after "account" is a phone number, not a bank number."""
    value = match.group("secret")
    if _PHONE_SHAPE.fullmatch(value):
        return True
    return bool(
        _BARE_PHONE.fullmatch(value)
        and _ACCOUNT_ONLY.search(text, 0, match.start("secret"))
        and _PHONE_WORD.search(text)
    )


def _labelled_findings(text: str) -> list[Finding]:
    """Secrets that follow a label such as "password is" or "account number"."""
    return [
        Finding(kind, match.start("secret"), match.end("secret"))
        for kind, pattern in _LABELLED
        for match in pattern.finditer(text)
        if not (kind == "bank_account" and _is_a_phone(text, match))
    ]


def _could_be_an_ssn(digits: str) -> bool:
    """Nine digits the Social Security Administration could have issued (no 000, 666 or 9xx
    area, no 00 group, no 0000 serial)."""
    area, group, serial = digits[:3], digits[3:5], digits[5:]
    return area not in {"000", "666"} and area[0] != "9" and group != "00" and serial != "0000"


def _shape_findings(text: str) -> list[Finding]:
    """Secrets known by their shape alone: SSNs like 123-45-6789 and Luhn-valid card numbers."""
    findings = [Finding("ssn", m.start(), m.end()) for m in _SSN_SHAPE.finditer(text)]
    for pattern in _CARD_SHAPES:
        for match in pattern.finditer(text):
            digits = re.sub(r"\D", "", match.group())
            if 13 <= len(digits) <= 19 and passes_luhn(digits):
                findings.append(Finding("card_number", match.start(), match.end()))
    return findings


def _bare_ssn_findings(text: str) -> list[Finding]:
    """Nine digits alone that could be an SSN, unless a ZIP code's place says it is a ZIP+4."""
    return [
        Finding("ssn", m.start(), m.end())
        for m in _BARE_NINE_DIGITS.finditer(text)
        if _could_be_an_ssn(m.group()) and not _ZIP_BEFORE.search(text, 0, m.start())
    ]


def _without_overlaps(strong: list[Finding], weak: list[Finding]) -> list[Finding]:
    """Keep the earliest, then longest, finding wherever two overlap; on a tie a strong finding
    beats a weak one (bare nine digits after "routing" are a bank number, not an SSN)."""
    ranked = [(finding, 0) for finding in strong] + [(finding, 1) for finding in weak]
    ranked.sort(key=lambda pair: (
        pair[0].start, pair[0].start - pair[0].end, pair[1], _PRIORITY.index(pair[0].kind)
    ))
    kept: list[Finding] = []
    for finding, _ in ranked:
        if not kept or finding.start >= kept[-1].end:
            kept.append(finding)
    return kept


def find_sensitive(text: str) -> list[Finding]:
    """Every secret in the text, in order, none overlapping (a placeholder already there is none)."""
    plain = plain_punctuation(text)
    strong = _labelled_findings(plain) + _shape_findings(plain)
    placed = [(match.start(), match.end()) for match in _PLACEHOLDER.finditer(plain)]
    return [
        finding
        for finding in _without_overlaps(strong, _bare_ssn_findings(plain))
        if not any(finding.start < end and start < finding.end for start, end in placed)
    ]


def contains_sensitive(text: str) -> bool:
    """True when the text holds at least one secret."""
    return bool(find_sensitive(text))


def mask_sensitive(text: str) -> tuple[str, list[str]]:
    """The text with each secret replaced by a placeholder, and the kinds found (no repeats)."""
    findings = find_sensitive(text)
    masked = text
    for finding in reversed(findings):
        masked = masked[: finding.start] + PLACEHOLDERS[finding.kind] + masked[finding.end :]
    kinds = list(dict.fromkeys(finding.kind for finding in findings))
    return masked, kinds
