"""Find and mask secrets a filer types into the chat.

The assistant never needs a password, Social Security number, date of birth, card number or
bank number. This module spots them so they can be masked before anything is stored or logged,
and so that no form answer ever keeps one. It must not mistake phone numbers, ZIP codes, case
numbers, ordinary dates or emails for secrets.
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

# Look-alike dashes and quotes mapped one-for-one to plain ones, so offsets stay the same.
_PLAIN_PUNCTUATION = str.maketrans(
    {
        **{dash: "-" for dash in "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"},
        **{quote: "'" for quote in "\u2018\u2019\u02bc\u0060\u00b4"},
    }
)


@dataclass(frozen=True)
class Finding:
    """One secret in a text: what kind it is and where it sits (text[start:end])."""

    kind: str
    start: int
    end: int


def plain_punctuation(text: str) -> str:
    """Swap fancy dashes and quotes for plain ones without changing the text's length."""
    return text.translate(_PLAIN_PUNCTUATION)


# Words such as "number", "no.", "#", "is" or ":" that sit between a label and its value.
_LINK = r"(?:\s*(?:number|num|nbr|no\.?|\#|is|was|:|=|-))*\s*"
_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b\.?"
)
_DATE = (
    r"(?:\d{1,2}[/.-]\d{1,2}[/.-](?:\d{4}|\d{2})"
    r"|\d{4}-\d{1,2}-\d{1,2}"
    rf"|{_MONTH}\s*\d{{1,2}}(?:st|nd|rd|th)?,?\s*\d{{4}}"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH},?\s*\d{{4}})(?!\d)"
)
_NOT_A_PASSWORD = (
    r"(?:not|wrong|incorrect|invalid|expired|locked|lost|missing|forgotten|working|correct"
    r"|right|too|still|the|my|a|an|is|for|what|same|different|required|needed)\b"
)

# Patterns whose named group "secret" is the part to hide.
_LABELLED: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "password",
        re.compile(
            r"\b(?:password|passwd|pwd|pass\s*code|pin(?:\s*(?:number|code))?)"
            rf"(?:\s+(?:is|was)\b\s*:?|\s*[:=])\s*(?P<secret>(?!{_NOT_A_PASSWORD})\S+)",
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
            r"(?:\bborn|\bbirth(?:day|date)?|\bd\.?o\.?b)\b\.?"
            r"(?:\s*(?:is|was|on|date|:|=|-|,))*\s*" + rf"(?P<secret>{_DATE})",
            re.IGNORECASE,
        ),
    ),
    (
        "card_number",
        re.compile(
            r"\b(?:card|credit|debit|visa|master\s*card|amex|american\s+express|discover)\b"
            + _LINK
            + r"(?P<secret>(?<!\d)\d(?:[ -]?\d){12,18})(?!\d)",
            re.IGNORECASE,
        ),
    ),
    (
        "bank_account",
        re.compile(
            r"\b(?:account|acct|routing|bank|checking|savings)\b"
            + _LINK
            + r"(?P<secret>(?<!\d)\d(?:[ -]?\d){5,16})(?!\d)",
            re.IGNORECASE,
        ),
    ),
)

_SSN_SHAPE = re.compile(r"(?<![\d-])\d{3}(?P<sep>[- ])\d{2}(?P=sep)\d{4}(?![\d]|-\d)")

# How card numbers are written: one run of digits, or groups of 4-4-4-4(-3) or 4-6-5.
_CARD_SHAPES: tuple[re.Pattern[str], ...] = (
    re.compile(r"(?<![\d-])\d{13,19}(?![\d]|-\d)"),
    re.compile(
        r"(?<![\d-])\d{4}(?P<sep>[ -])\d{4}(?P=sep)\d{4}(?P=sep)\d{1,4}"
        r"(?:(?P=sep)\d{1,3})?(?![\d]|-\d)"
    ),
    re.compile(r"(?<![\d-])\d{4}(?P<sep>[ -])\d{6}(?P=sep)\d{4,5}(?![\d]|-\d)"),
)


def passes_luhn(digits: str) -> bool:
    """True when a string of digits passes the Luhn check that card numbers use."""
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = int(char) * (2 if position % 2 else 1)
        total += value - 9 if value > 9 else value
    return total % 10 == 0


def _labelled_findings(text: str) -> list[Finding]:
    """Secrets that follow a label such as "password is" or "account number"."""
    return [
        Finding(kind, match.start("secret"), match.end("secret"))
        for kind, pattern in _LABELLED
        for match in pattern.finditer(text)
    ]


def _shape_findings(text: str) -> list[Finding]:
    """Secrets known by their shape alone: SSNs like 123-45-6789 and Luhn-valid card numbers."""
    findings = [Finding("ssn", m.start(), m.end()) for m in _SSN_SHAPE.finditer(text)]
    for pattern in _CARD_SHAPES:
        for match in pattern.finditer(text):
            digits = re.sub(r"\D", "", match.group())
            if 13 <= len(digits) <= 19 and passes_luhn(digits):
                findings.append(Finding("card_number", match.start(), match.end()))
    return findings


def _without_overlaps(findings: list[Finding]) -> list[Finding]:
    """Keep the earliest, then longest, finding wherever two overlap."""
    ordered = sorted(findings, key=lambda f: (f.start, f.start - f.end, _PRIORITY.index(f.kind)))
    kept: list[Finding] = []
    for finding in ordered:
        if not kept or finding.start >= kept[-1].end:
            kept.append(finding)
    return kept


def find_sensitive(text: str) -> list[Finding]:
    """Every secret in the text, in order, none overlapping."""
    plain = plain_punctuation(text)
    return _without_overlaps(_labelled_findings(plain) + _shape_findings(plain))


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
