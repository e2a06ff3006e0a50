"""The content register (content/register.yml): where each text's facts come from, and when checked.

Every text the assistant shows has an entry: its sources (a line of the court's page, an official
page on pacer.uscourts.gov or another uscourts.gov site, or a file of this project for the
assistant's own rules) and the date they were last checked. Every email, web address, phone
number and other number a text states is a fact of the register, with its own source; an entry
lists exactly the facts its text states. `tests/unit/test_content_register.py` holds every text
to this.

This module also says which words a text states as facts (`stated_facts`) and how a text is
prepared for the reading-level measure (`for_reading_level`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml  # type: ignore[import-untyped]  # (no stubs in the venv; only safe_load is used)

ROOT = Path(__file__).resolve().parent.parent
REGISTER_PATH = ROOT / "content" / "register.yml"
# The court's own page, copied word for word (content/sources/README.md says from where).
COURT_PAGE_PATH = ROOT / "content" / "sources" / "mad-pro-se-efile-registration.txt"
OFFICIAL_DOMAIN = "uscourts.gov"
SOURCE_KINDS = ("court", "url", "project", "none")

# ---------------------------------------------------------------------------
# What a text states: emails, web addresses, phone numbers, other numbers
# ---------------------------------------------------------------------------

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_WEB_ADDRESS = re.compile(
    r"(?:https?://)?(?:[a-z0-9-]+\.)+(?:gov|com|org|net|edu|us)\b"
    r"(?:/[^\s\"'<>)]*[^\s\"'<>).,;:!?])?",
    re.IGNORECASE,
)
# A case number (1:24-cv-10987), a phone number (1-800-676-6856, 617-555-0100), a ZIP code or a
# plain number ("5-digit" states 5).
_NUMBER = re.compile(r"\d+(?::\d+-[a-z]{2}-\d+)?(?:-\d+)*", re.IGNORECASE)
# The script's own numbering is no fact: "Step 6", "Steps 3-9", "Step 2 of 10", and list items.
_SCRIPT_NUMBERS = re.compile(r"\bSteps? \d+(?:-\d+)?(?: of \d+)?|^\s*\d+\.\s", re.MULTILINE)


def stated_facts(text: str) -> set[str]:
    """The emails, web addresses, phone numbers and other numbers that `text` states."""
    found: set[str] = set()
    for pattern in (_EMAIL, _WEB_ADDRESS):
        found.update(match.group() for match in pattern.finditer(text))
        text = pattern.sub(" ", text)
    text = _SCRIPT_NUMBERS.sub(" ", text)
    found.update(match.group() for match in _NUMBER.finditer(text))
    return found


# ---------------------------------------------------------------------------
# Reading level: what is measured
# ---------------------------------------------------------------------------

# A one-syllable word in place of what the filer copies rather than reads (see for_reading_level).
STAND_IN = "it"
_LIST_MARK = re.compile(r"^\s*(?:[-*]|\d+\.)\s+")


def for_reading_level(text: str, labels: Iterable[str]) -> str:
    """`text` as its reading level is measured.

    PACER's own screen and field labels ("Non-Attorney Admission / E-File Registration") are kept
    exactly as PACER shows them, so the filer can find them on the screen; they, and the emails,
    web addresses and numbers the filer copies, count as one short word. Each line is a sentence
    (a list item or a "Label: value" line has no full stop of its own).
    """
    for label in sorted(labels, key=len, reverse=True):
        text = text.replace(label, STAND_IN)
    for fact in sorted(stated_facts(text), key=len, reverse=True):
        text = text.replace(fact, STAND_IN)
    sentences = []
    for line in text.splitlines():
        line = _LIST_MARK.sub("", line).strip()
        if line:
            sentences.append(line if line[-1] in ".!?" else line.rstrip(":") + ".")
    return " ".join(sentences)


# ---------------------------------------------------------------------------
# The register
# ---------------------------------------------------------------------------


class RegisterError(ValueError):
    """The register file breaks one of its own rules (the message says which)."""


@dataclass(frozen=True)
class Source:
    """Where a fact comes from: `kind` is court, url, project or none; `ref` is the quote, URL,
    project file or (for none) why the text needs no source."""

    kind: str
    ref: str
    says: str = ""


@dataclass(frozen=True)
class Entry:
    """One text (or one fact): its sources, the facts it states, and when it was last checked."""

    key: str
    sources: tuple[Source, ...]
    checked: date
    states: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Register:
    """The whole register: facts, PACER labels and one entry per text."""

    facts: Mapping[str, Entry]
    labels: Mapping[str, Entry]
    texts: Mapping[str, Entry]


def _normalized(text: str) -> str:
    return " ".join(text.split())


def _source(key: str, raw: Mapping[str, Any], court_page: str) -> Source:
    kinds = [kind for kind in SOURCE_KINDS if kind in raw]
    if len(kinds) != 1:
        raise RegisterError(f"{key}: a source has exactly one of {', '.join(SOURCE_KINDS)}")
    kind = kinds[0]
    ref = _normalized(str(raw[kind]))
    if kind == "court" and ref not in court_page:
        raise RegisterError(f"{key}: not a line of the court's page: {ref!r}")
    if kind == "url":
        parts = urlsplit(ref)
        host = parts.hostname or ""
        if parts.scheme != "https" or not (
            host == OFFICIAL_DOMAIN or host.endswith("." + OFFICIAL_DOMAIN)
        ):
            raise RegisterError(f"{key}: not an official https page on {OFFICIAL_DOMAIN}: {ref}")
    if kind == "project" and not (ROOT / ref.partition("#")[0]).is_file():
        raise RegisterError(f"{key}: no such project file: {ref}")
    return Source(kind, ref, _normalized(str(raw.get("says", ""))))


def _entry(key: str, raw: Mapping[str, Any], court_page: str, facts: Iterable[str]) -> Entry:
    if not isinstance(raw.get("checked"), date):
        raise RegisterError(f"{key}: needs the date it was last checked (checked: YYYY-MM-DD)")
    sources = tuple(_source(key, source, court_page) for source in raw.get("sources") or ())
    if not sources:
        raise RegisterError(f"{key}: needs at least one source")
    states = frozenset(str(value) for value in raw.get("states") or ())
    unknown = states - set(facts)
    if unknown:
        raise RegisterError(f"{key}: states facts the register does not hold: {sorted(unknown)}")
    if states and all(source.kind == "none" for source in sources):
        raise RegisterError(f"{key}: states facts, so it needs a source")
    return Entry(key, sources, raw["checked"], states)


def load(path: Path = REGISTER_PATH, court_page_path: Path = COURT_PAGE_PATH) -> Register:
    """Read and check the register; RegisterError says what is wrong."""
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    court_page = _normalized(court_page_path.read_text(encoding="utf-8"))
    facts = {
        str(key): _entry(f"fact {key}", value, court_page, ())
        for key, value in (raw.get("facts") or {}).items()
    }
    labels = {
        str(key): _entry(f"label {key}", value, court_page, ())
        for key, value in (raw.get("labels") or {}).items()
    }
    texts = {
        str(key): _entry(str(key), value, court_page, facts)
        for key, value in (raw.get("texts") or {}).items()
    }
    return Register(facts, labels, texts)
