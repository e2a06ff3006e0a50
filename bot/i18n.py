"""The assistant's texts and words in the languages other than English, read from `locales/`.

English is the source: `domain.yml` and the texts built in `bot/`. Each other language has a
folder `locales/<code>/` (locales/README.md): `responses.yml` (the domain's responses),
`texts.yml` (texts built in Python, keyed by the exact English text or template), `words.yml`
(words for understanding answers) and `chat.yml` (the web chat's own strings). Adding a language
is adding a folder: nothing here names one.

`translate` turns an English text built in Python into the filer's language: an exact entry
first, then a template (`"Step {number} of {total}: {title}. {do}"`, whose filled-in values are
translated in turn when they have an entry), then, for a text of several lines, line by line.
Whatever has no entry stays in English (`untranslated_lines` says which, for the tests).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml  # type: ignore[import-untyped]  # (no stubs in the venv; only safe_load is used)

LOCALES_DIR = Path(__file__).resolve().parent.parent / "locales"
ENGLISH = "en"
UNSUPPORTED_FILE = "unsupported.yml"
_PLACEHOLDER = re.compile(r"\{(\w+)(:en)?\}")
_INDENT = re.compile(r"^\s*")


class _Loader(yaml.SafeLoader):
    """YAML as people write word lists: yes, no, on and off are words, not booleans (YAML 1.1
    reads them as booleans; only true and false are here)."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regex) for tag, regex in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


def _read(path: Path) -> dict[str, Any]:
    if not path.exists():
        return {}
    loaded = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)  # noqa: S506 (safe)
    return loaded if isinstance(loaded, dict) else {}


@cache
def languages() -> tuple[str, ...]:
    """Every language the assistant speaks: English first, then each folder with responses."""
    translated = sorted(
        folder.name
        for folder in LOCALES_DIR.iterdir()
        if folder.is_dir() and (folder / "responses.yml").exists()
    )
    return (ENGLISH, *(code for code in translated if code != ENGLISH))


def is_supported(code: object) -> bool:
    """Whether `code` is the code of a language the assistant speaks."""
    return isinstance(code, str) and code in languages()


@cache
def responses(language: str) -> dict[str, list[dict[str, Any]]]:
    """The domain responses of a translated language (empty for English: domain.yml has them)."""
    loaded = _read(LOCALES_DIR / language / "responses.yml").get("responses")
    return dict(loaded or {})


@cache
def texts(language: str) -> dict[str, str]:
    """English text or template -> its translation, for one language."""
    loaded = _read(LOCALES_DIR / language / "texts.yml").get("texts")
    return {str(key): str(value) for key, value in (loaded or {}).items()}


@cache
def words(language: str) -> dict[str, Any]:
    """One language's word lists (locales/README.md, "words.yml")."""
    return {str(key): value for key, value in _read(LOCALES_DIR / language / "words.yml").items()}


def word_list(name: str) -> frozenset[str]:
    """A word list of every language together (a filer may answer "sí" in English)."""
    found: set[str] = set()
    for language in languages():
        found.update(str(word) for word in words(language).get(name) or ())
    return frozenset(found)


def word_map(name: str) -> dict[str, str]:
    """A mapping word list (state names -> codes) of every language together."""
    found: dict[str, str] = {}
    for language in languages():
        found.update({str(k): str(v) for k, v in (words(language).get(name) or {}).items()})
    return found


def word_lists(name: str) -> dict[str, frozenset[str]]:
    """A word list keyed by what it means (the form's fields -> their names) of every language."""
    found: dict[str, set[str]] = {}
    for language in languages():
        for key, spoken in (words(language).get(name) or {}).items():
            found.setdefault(str(key), set()).update(str(word) for word in spoken)
    return {key: frozenset(spoken) for key, spoken in found.items()}


@cache
def chat_strings(language: str) -> dict[str, Any]:
    """The web chat's own strings in one language: its name on the picker and the UI strings."""
    loaded = _read(LOCALES_DIR / language / "chat.yml")
    return {
        "language_name": str(loaded.get("language_name") or language),
        "chat": {str(k): str(v) for k, v in (loaded.get("chat") or {}).items()},
    }


@cache
def unsupported_texts() -> dict[str, str]:
    """Language code -> the short "I speak only ..." reply in that language."""
    loaded = _read(LOCALES_DIR / UNSUPPORTED_FILE).get("unsupported")
    return {str(k): " ".join(str(v).split()) for k, v in (loaded or {}).items()}


def unsupported_reply(detected: str | None) -> str:
    """The reply to a message in a language we do not speak: English, then that language's text."""
    known = unsupported_texts()
    parts = [known[ENGLISH]]
    if detected and detected != ENGLISH and detected in known:
        parts.append(known[detected])
    return "\n\n".join(parts)


# ---------------------------------------------------------------------------
# Translating texts built in Python
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class _Template:
    english: str
    pattern: re.Pattern[str]
    translation: str
    literal_length: int


def _compile(english: str, translation: str) -> _Template:
    parts = _PLACEHOLDER.split(english)
    # split() gives literal, name, flag, literal, name, flag, ..., literal
    regex = ""
    literal = 0
    for index in range(0, len(parts), 3):
        regex += re.escape(parts[index])
        literal += len(parts[index])
        if index + 1 < len(parts):
            regex += f"(?P<{parts[index + 1]}>[^\n]+?)"  # a value never spans lines
    return _Template(english, re.compile(f"^{regex}$"), translation, literal)


@cache
def _templates(language: str) -> tuple[_Template, ...]:
    found = [
        _compile(english, translation)
        for english, translation in texts(language).items()
        if _PLACEHOLDER.search(english)
    ]
    # The most specific template first: "Step {number} of {total}: ..." before "{label}: {value}".
    return tuple(sorted(found, key=lambda template: -template.literal_length))


def _value(value: str, language: str) -> str:
    """A filled-in value in the filer's language, when the texts have it; else as it is."""
    table = texts(language)
    if value in table:
        return table[value]
    lowered = {key.lower(): text for key, text in table.items()}
    if value.islower() and value in lowered:
        translated = lowered[value]
        return translated[:1].lower() + translated[1:]
    return value


def _fill(translation: str, values: Mapping[str, str], language: str) -> str:
    def one(match: re.Match[str]) -> str:
        value = values[match.group(1)]
        return value if match.group(2) else _value(value, language)

    return _PLACEHOLDER.sub(one, translation)


def _one(text: str, language: str) -> str | None:
    """One text (or line) translated by an exact entry or a template; None when neither has it."""
    table = texts(language)
    if text in table:
        return table[text]
    for template in _templates(language):
        match = template.pattern.match(text)
        if match:
            return _fill(template.translation, match.groupdict(), language)
    return None


def _line(line: str, language: str) -> str | None:
    indent = _INDENT.match(line).group()  # type: ignore[union-attr]  # always matches
    body = line[len(indent) :]
    if not body:
        return line
    translated = _one(body, language)
    return None if translated is None else indent + translated


def translate(text: str, language: str | None) -> str:
    """`text` in `language`; English (or an unknown language) leaves it as it is."""
    if not language or language == ENGLISH or not text:
        return text
    whole = _one(text, language)
    if whole is not None:
        return whole
    lines = text.split("\n")
    return "\n".join(_line(line, language) or line for line in lines)


def untranslated_lines(text: str, language: str) -> list[str]:
    """The lines of `text` that `translate` would leave in English (none when it all has entries)."""
    if _one(text, language) is not None:
        return []
    return [line for line in text.split("\n") if _line(line, language) is None]


def translate_buttons(
    buttons: list[dict[str, Any]], language: str | None
) -> list[dict[str, Any]]:
    """Buttons with their titles in `language`; payloads stay as they are (language-neutral)."""
    return [{**button, "title": translate(str(button["title"]), language)} for button in buttons]
