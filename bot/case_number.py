"""Read the filer's most recent case number in the District of Massachusetts.

People write it many ways ("1:24-cv-10987-ADB", "No. 24 CV 10987 (ADB)", "2024-cv-987");
parse_case_number turns any of them into one CaseNumber with a single canonical spelling.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.answers import InvalidAnswer, is_declined, screen_answer

EXAMPLE = "1:24-cv-10987"
NO_CASE_NUMBER = (
    "I need the number of your most recent case in this court. Without it, your request may "
    "be delayed or rejected. You can find it on any order or notice the court sent "
    f"you in the case, or on the docket. It looks like {EXAMPLE}. Please type it."
)
UNREADABLE_CASE_NUMBER = (
    f"Sorry, I could not read that case number. It looks like {EXAMPLE}: the year, letters "
    "like cv, then the number. You can find it on any order or notice the court sent you in "
    "the case, or on the docket. Please type it again."
)
BANKRUPTCY_WARNING = (
    "This looks like a bankruptcy case number. Bankruptcy cases are in a different court in "
    "PACER, the U.S. Bankruptcy Court. This sign-up is for the U.S. District Court. "
    "If the number is right, you can keep it."
)

CASE_TYPES = ("ap", "bk", "cr", "cv", "gj", "mc", "md", "mj", "po")
BANKRUPTCY_TYPES = frozenset({"bk", "ap"})

_SEP = r"[\s.-]*"
_INITIALS = r"[a-z]{2,4}"
_CASE = re.compile(
    r"(?<![\d:])(?:(?P<office>[1-9])\s*:\s*)?"
    rf"(?P<year>(?:19|20)\d\d|\d\d){_SEP}"
    rf"(?P<type>{'|'.join(CASE_TYPES)}){_SEP}"
    r"(?P<number>\d{1,5})(?!\d)"
    rf"(?P<judges>(?:\s*-{_INITIALS}(?![a-z])"
    rf"|\s*\(\s*{_INITIALS}(?:\s*[-,/]\s*{_INITIALS})*\s*\))*)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class CaseNumber:
    """One case number, split into its parts."""

    office: str | None
    year: str
    case_type: str
    number: str
    judges: tuple[str, ...] = ()

    def canonical(self) -> str:
        """The usual spelling: [office:]yy-tt-nnnnn[-JUDGE...], e.g. 1:24-cv-10987-ADB."""
        office = f"{self.office}:" if self.office else ""
        judges = "".join(f"-{judge}" for judge in self.judges)
        return f"{office}{self.year}-{self.case_type}-{self.number}{judges}"

    @property
    def is_bankruptcy(self) -> bool:
        """True for bankruptcy (bk) and adversary proceeding (ap) numbers."""
        return self.case_type in BANKRUPTCY_TYPES


def _from_match(match: re.Match[str]) -> CaseNumber:
    """Build a CaseNumber from a regex match of _CASE."""
    return CaseNumber(
        office=match["office"],
        year=match["year"][-2:],
        case_type=match["type"].lower(),
        number=match["number"].zfill(5),
        judges=tuple(judge.upper() for judge in re.findall(r"[a-z]+", match["judges"], re.I)),
    )


def case_number_spans(text: str) -> list[tuple[int, int]]:
    """Where case numbers are written in a free text, as the form reads them: (start, end)."""
    return [match.span() for match in _CASE.finditer(text)]


def parse_case_number(text: str) -> CaseNumber:
    """The case number in the text, or InvalidAnswer asking for it again."""
    cleaned = screen_answer(text)
    match = _CASE.search(cleaned)
    if match and int(match["number"]) > 0:
        return _from_match(match)
    if is_declined(cleaned):
        raise InvalidAnswer(NO_CASE_NUMBER)
    raise InvalidAnswer(UNREADABLE_CASE_NUMBER)
