"""Which language to answer in: the filer's explicit choice, else the language of their text.

1. An explicit choice wins: the web chat's picker sends `{"language": "es"}` as message metadata,
   or the message is just a language name, maybe with a few polite words around it ("español",
   "en español por favor", "Spanish please"); the names and those words are in each language's
   `words.yml` (`language_names`, `switch_fillers`).
2. Otherwise, and only while no language is set yet and no form question is waiting for an
   answer (a name or an address says nothing about a language), the language is detected from
   the text with langid, restricted to the languages we speak: only for a message with enough
   words and letters, and only when langid is sure. A message made only of one language's
   greeting words ("hola", "olá": `words.yml` `hints`) counts as that language.
3. A message that langid, over all its languages, is sure is in a language we do not speak
   (French, Chinese, ...) gets, once, the reply of `bot.i18n.unsupported_reply`.

langid's model ships inside its package: nothing is downloaded. It is loaded once, on first use
(`warm_up` loads it at start). Restricting langid to a few languages is the same as keeping those
languages of its full ranking and normalizing their probabilities again, which is what `detect`
does, so one identifier serves both checks.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from bot import i18n

MIN_WORDS = 3
MIN_LETTERS = 12
SURE = 0.95
# Languages langid takes ours for, read as ours: short Portuguese is often "Galician" to it, and
# no Galician speaker is expected here (a Portuguese filer must never get "I only speak...").
CLOSE_RELATIVES: dict[str, str] = {"gl": "pt"}
_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")


def fold(text: str) -> str:
    """Lower case without accents, for matching words: "Español" -> "espanol"."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _tokens(text: str) -> list[str]:
    return _WORD.findall(fold(text))


@cache
def _names() -> dict[tuple[str, ...], str]:
    """Every language name of every `words.yml`, as folded words -> the code it picks."""
    names: dict[tuple[str, ...], str] = {}
    for language in i18n.languages():
        for code, spoken in (i18n.words(language).get("language_names") or {}).items():
            for name in spoken:
                names[tuple(_tokens(str(name)))] = str(code)
    return names


@cache
def _fillers() -> frozenset[str]:
    return frozenset(token for word in i18n.word_list("switch_fillers") for token in _tokens(word))


@cache
def _hints() -> dict[tuple[str, ...], str]:
    hints: dict[tuple[str, ...], str] = {}
    for language in i18n.languages():
        for hint in i18n.words(language).get("hints") or ():
            hints[tuple(_tokens(str(hint)))] = language
    return hints


def _find(tokens: Sequence[str], phrases: Mapping[tuple[str, ...], str]) -> tuple[set[str], list[str]]:
    """The codes of the phrases found in `tokens` (longest first) and the tokens left over."""
    found: set[str] = set()
    left: list[str] = []
    index = 0
    longest = max((len(phrase) for phrase in phrases), default=0)
    while index < len(tokens):
        for size in range(min(longest, len(tokens) - index), 0, -1):
            phrase = tuple(tokens[index : index + size])
            if phrase in phrases:
                found.add(phrases[phrase])
                index += size
                break
        else:
            left.append(tokens[index])
            index += 1
    return found, left


def requested_language(text: str) -> str | None:
    """The language a message asks for ("en español por favor" -> "es"), or None."""
    found, left = _find(_tokens(text), _names())
    if len(found) != 1 or not set(left) <= _fillers():
        return None
    (code,) = found
    return code if i18n.is_supported(code) else None


def metadata_language(metadata: object) -> str | None:
    """The picker's choice in the message metadata (`{"language": "es"}`), if it is one we speak."""
    if not isinstance(metadata, Mapping):
        return None
    chosen = metadata.get("language")
    return chosen if i18n.is_supported(chosen) else None


@cache
def _identifier() -> Any:
    from langid.langid import LanguageIdentifier, model

    return LanguageIdentifier.from_modelstring(model, norm_probs=True)


def warm_up() -> None:
    """Load langid's model now rather than on the first message."""
    _identifier()


@dataclass(frozen=True)
class Detection:
    """What langid says: the likeliest language we speak (if sure) and any sure other language."""

    supported: str | None = None
    unsupported: str | None = None


# Scripts written without spaces between words (Chinese, Japanese kana): each sign counts as a word.
_UNSPACED = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff]")


def enough_text(text: str) -> bool:
    """Whether a message has enough words and letters for langid to be trusted."""
    tokens = _tokens(text)
    letters = sum(len(token) for token in tokens)
    unspaced = len(_UNSPACED.findall(text))
    if unspaced:
        return unspaced >= MIN_WORDS * 2
    return len(tokens) >= MIN_WORDS and letters >= MIN_LETTERS


def detect(text: str) -> Detection:
    """The language of `text`, when there is enough of it and langid is sure."""
    hinted, left = _find(_tokens(text), _hints())
    if len(hinted) == 1 and not left:
        return Detection(supported=hinted.pop())
    if not enough_text(text):
        return Detection()
    ranking = _merged(_identifier().rank(text))
    best, best_probability = ranking[0]
    if not i18n.is_supported(best):
        # A word of one of our languages ("meu nome") outweighs langid's guess at a short text.
        if len(hinted) == 1:
            return Detection(supported=hinted.pop())
        return Detection(unsupported=best if best_probability >= SURE else None)
    ours = [(code, probability) for code, probability in ranking if i18n.is_supported(code)]
    total = sum(probability for _, probability in ours)
    code, probability = max(ours, key=lambda pair: pair[1])
    return Detection(supported=code if total and probability / total >= SURE else None)


def _merged(ranking: Sequence[tuple[str, float]]) -> list[tuple[str, float]]:
    """langid's ranking with each close relative's probability added to our language's."""
    merged: dict[str, float] = {}
    for code, probability in ranking:
        ours = CLOSE_RELATIVES.get(code, code)
        merged[ours] = merged.get(ours, 0.0) + probability
    return sorted(merged.items(), key=lambda pair: -pair[1])


@dataclass(frozen=True)
class Decision:
    """The language to set (None: keep the current one) and a language we do not speak, if seen."""

    language: str | None = None
    unsupported: str | None = None


def decide(text: str, metadata: object, current: str | None, form_question: bool) -> Decision:
    """What the latest message says about the conversation's language (see the module docstring)."""
    chosen = metadata_language(metadata) or requested_language(text)
    if chosen:
        return Decision(language=chosen if chosen != current else None)
    if current or form_question:
        return Decision()
    detection = detect(text)
    return Decision(language=detection.supported, unsupported=detection.unsupported)
