"""Mask what could name a filer in a free text: names, emails, phones, addresses, case numbers.

The court's dashboard shows the messages the assistant could not answer (`bot.dashboard`); the
channels have already masked secrets (`bot.sensitive`), and this masks the rest of what points to
a person, each with a placeholder ("[name]", "[email]", ...). English, Spanish and Portuguese.

How reliable each kind is (tests/unit/test_personal_details.py has the examples):
- emails; US phone numbers and case numbers as the form reads them (`bot.answers`,
  `bot.case_number`); ZIP codes (5 digits or ZIP+4): reliable;
- addresses: a house number, one to four words, then a street word ("12 Main St Apt 4",
  "400 Commonwealth Avenue"), a street word then a name and a number ("calle Mayor 5",
  "Rua das Flores, 123"), a PO Box, "apartado", "caixa postal". Not caught: a street with no
  number or no street word; a town or a state alone is left;
- names: the words after "my name is", "me llamo", "meu nome é" and the like (up to four words,
  any case, up to a small word such as "and"); the capitalised words after "I am", "I'm", "soy",
  "sou", "this is" or a title (Mr., Mrs., Judge, Sr., Sra.); and any two or more capitalised
  words in a row that are not small words, words of the court and PACER, months, days,
  languages or a state ("my cousin Maria Lopez", "ask Ana Paula Souza"). Not caught: a name in
  lower case with no lead-in ("maria lopez needs help"), one capitalised name alone ("ask
  Maria"), a name written "Lopez, Maria". Over-masked, as names: capitalised words that are not
  one ("Upload Documents"), a town of two capitalised words ("San Francisco").
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from bot.answers import phone_spans, state_names
from bot.case_number import case_number_spans
from bot.language import fold

Span = tuple[int, int]

PLACEHOLDERS: dict[str, str] = {
    "case_number": "[case number]",
    "email": "[email]",
    "phone": "[phone]",
    "address": "[address]",
    "zip_code": "[ZIP code]",
    "name": "[name]",
}

# fmt: off
# Words that are never (the whole of) a name: small words, greetings, and the words of the court,
# PACER and the chat that filers capitalise, in English, Spanish and Portuguese (folded: no accents).
_NOT_NAMES = frozenset("""
i me my mine you your we our us he she they them his her their it its this that these those
the a an and or but nor so if then than to of in on at by for with from into about as is am are
was were be been do does did have has had can could will would should shall may might must not
no yes ok okay please thanks thank hello hi hey dear sir madam good morning afternoon evening
night day how what when where why who which whose there here just also still need needs want
help file filing register registration sign up form account login password new old my
wrong misspelled spelled different incorrect missing correct right changed same
i'm i've i'd i'll it's that's what's where's there's don't can't won't didn't isn't
yo mi mis usted ustedes el la los las lo un una unos unas y o pero como que cuando donde por
para con sin sobre entre del al es son soy esta estoy tengo necesito quiero puedo puede hola
gracias buenos buenas dias tardes noches senor senora senorita don dona si favor ayuda ayudar
eu meu minha meus minhas voce voces ele ela eles elas os as um uma uns umas e ou mas com sem
em no na nos nas do da dos das pelo pela ao aos sou estou tenho preciso quero posso pode ola oi
obrigado obrigada bom boa dia tarde noite senhor senhora sim nao ajuda ajudar tudo bem
de di du van von der den le les ter
court courts district clerk clerks office pacer service center centre united states us u.s
federal bankruptcy appeals circuit supreme massachusetts boston springfield worcester
social security terms use non-attorney attorney admission admissions e-file e-filing efile
e-filing ecf cm/ecf upgraded upgrade manage utilities menu maintenance portal website web
chat bot assistant judge magistrate docket case cases court's clerk's
mr mrs ms miss dr sr sra srta sres pro se first middle last name names
google gmail yahoo outlook hotmail microsoft windows chrome safari firefox iphone android
apple visa mastercard american express discover amex paypal zoom
january february march april may june july august september october november december
monday tuesday wednesday thursday friday saturday sunday
enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre
lunes martes miercoles jueves viernes sabado domingo
janeiro fevereiro marco maio junho julho setembro outubro novembro dezembro
segunda terca quarta quinta sexta sabado domingo feira
english spanish portuguese espanol portugues ingles castellano brasileiro
tribunal corte distrito oficina secretaria cuenta cadastro conta formulario
""".split())
# fmt: on
# Small words that may sit inside a name ("María de la Cruz", "Ana dos Santos").
_PARTICLES = frozenset({"de", "del", "la", "las", "los", "da", "das", "do", "dos", "di", "du",
                        "van", "von", "der", "den", "le", "y", "e"})

_WORD = re.compile(r"[^\W\d_][\w'’.-]*")
_SPACES = re.compile(r"[ \t]+")
# A capital, then lower case ("Maria", "O'Brien-Smith", the initial "J"); not all capitals ("PACER").
_CAPITALISED = re.compile(r"[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ]*(?:['’-][A-Za-zÀ-ÖØ-öø-ÿ]+)*")
_NAME_LEAD_IN = re.compile(
    r"\b(?:my\s+(?:full\s+|first\s+|last\s+)?name\s+is|my\s+name'?s|name\s*:|i\s+am\s+called"
    r"|call\s+me|me\s+llamo|mi\s+nombre(?:\s+completo)?\s+es|me\s+dicen|(?:o\s+)?meu\s+nome"
    r"(?:\s+completo)?\s+(?:é|e)|me\s+chamo|chamo-me)\s*:?\s+",
    re.IGNORECASE,
)
_TITLE_LEAD_IN = re.compile(
    r"(?:\b(?:i\s+am|i'm|i’m|im|soy|yo\s+soy|sou|eu\s+sou|this\s+is)"
    r"|\b(?:mr|mrs|ms|miss|dr|judge|sr|sra|srta|sres|dona|don|senhor|senhora)\b\.?)\s+",
    re.IGNORECASE,
)
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_ZIP = re.compile(r"(?<![\w-])\d{5}(?:-\d{4})?(?![\w-])")
_STREET_WORDS = (
    r"street|st|avenue|ave|av|road|rd|boulevard|blvd|lane|ln|drive|dr|way|ct|place|pl"
    r"|terrace|ter|circle|cir|highway|hwy|parkway|pkwy|square|sq|plaza|wharf|turnpike|tpke"
    r"|trail|trl|alley|pike"
)
_UNIT = r"(?:\s*,?\s*(?:apt|apartment|unit|suite|ste|fl|floor|room|rm|\#)\.?\s*\#?\s*[\w-]+)?"
_ADDRESSES = (
    re.compile(
        rf"(?<![\w:/.-])\d{{1,6}}[a-z]?\s+(?:[^\W\d_][\w'.-]*\s+){{1,4}}?(?:{_STREET_WORDS})\b\.?"
        + _UNIT,
        re.IGNORECASE,
    ),
    re.compile(
        r"\b(?:calle|avenida|av\.|camino|carrera|paseo|rua|travessa|estrada|alameda|praça|praca)"
        r"\s+(?:[^\W\d_][\w'.-]*\s+){0,4}?[^\W\d_][\w'.-]*\s*,?\s*(?:n[º°o.]?\s*)?\d{1,6}\b"
        + _UNIT,
        re.IGNORECASE,
    ),
    re.compile(
        r"\b(?:p\.?\s*o\.?\s*box|post\s+office\s+box|apartado(?:\s+postal)?|caixa\s+postal)"
        r"\s*\#?\s*\d+",
        re.IGNORECASE,
    ),
)


def _words_of(text: str, start: int) -> Iterable[re.Match[str]]:
    """The words from `start` on, one after another, up to a mark that ends a phrase."""
    position = start
    while True:
        match = _WORD.match(text, position)
        if match is None:
            return
        yield match
        gap = _SPACES.match(text, match.end())
        if gap is None:
            return
        position = gap.end()


def _is_small_word(word: str) -> bool:
    return fold(word.rstrip(".")).lower().replace("’", "'") in _NOT_NAMES


def _name_after(text: str, start: int, capitalised_only: bool) -> Span | None:
    """The name written from `start`: up to four words that are not small words (particles
    inside), capitalised only if asked; None when the first word is not one."""
    end = None
    pending = 0
    for count, match in enumerate(_words_of(text, start)):
        word = match.group().rstrip(".")
        if count >= 4 + pending:
            break
        if end is not None and fold(word).lower() in _PARTICLES:
            pending += 1
            continue
        if _is_small_word(word) or (capitalised_only and not _CAPITALISED.fullmatch(word)):
            break
        end = match.start() + len(word)
    return None if end is None else (start, end)


def _lead_in_names(text: str) -> list[Span]:
    spans = []
    for pattern, capitalised_only in ((_NAME_LEAD_IN, False), (_TITLE_LEAD_IN, True)):
        for match in pattern.finditer(text):
            span = _name_after(text, match.end(), capitalised_only)
            if span is not None:
                spans.append(span)
    return spans


def _is_place(words: list[str]) -> bool:
    return " ".join(fold(word).lower() for word in words) in state_names()


def _capitalised_runs(text: str) -> list[Span]:
    """Two or more capitalised words in a row (particles inside) that are not small words,
    words of the court, months, days, languages or a state."""
    spans = []
    run: list[re.Match[str]] = []

    def close() -> None:
        while run and fold(run[-1].group()).lower() in _PARTICLES:
            run.pop()
        names = [match.group() for match in run if fold(match.group()).lower() not in _PARTICLES]
        if len(names) >= 2 and not _is_place(names):
            spans.append((run[0].start(), run[-1].end()))
        run.clear()

    previous_end = -1
    for match in _WORD.finditer(text):
        word = match.group().rstrip(".")
        joined = previous_end >= 0 and text[previous_end : match.start()].strip(" \t") == ""
        if not joined:
            close()
        is_name = _CAPITALISED.fullmatch(word) and not _is_small_word(word)
        if is_name or (run and fold(word).lower() in _PARTICLES):
            run.append(match)
        else:
            close()
        previous_end = match.end()
    close()
    return spans


def _matches(*patterns: re.Pattern[str]) -> Callable[[str], list[Span]]:
    return lambda text: [match.span() for pattern in patterns for match in pattern.finditer(text)]


# In this order: a span already taken by an earlier kind is not masked again by a later one.
_FINDERS: tuple[tuple[str, Callable[[str], list[Span]]], ...] = (
    ("case_number", case_number_spans),
    ("email", _matches(_EMAIL)),
    ("phone", phone_spans),
    ("address", _matches(*_ADDRESSES)),
    ("zip_code", _matches(_ZIP)),
    ("name", lambda text: _lead_in_names(text) + _capitalised_runs(text)),
)
_PLACED = re.compile(r"\[[^\[\]]{1,40}\]")


def mask_personal_details(text: str) -> str:
    """The text with each name, email, phone, address, ZIP code and case number replaced by its
    placeholder; placeholders already there (secrets masked by the channels) are kept."""
    taken: list[tuple[int, int, str]] = [
        (match.start(), match.end(), "") for match in _PLACED.finditer(text)
    ]
    for kind, find in _FINDERS:
        for start, end in sorted(find(text), key=lambda span: (span[0], -span[1])):
            if start < end and all(end <= s or e <= start for s, e, _ in taken):
                taken.append((start, end, PLACEHOLDERS[kind]))
    masked = text
    for start, end, placeholder in sorted(taken, reverse=True):
        if placeholder:
            masked = masked[:start] + placeholder + masked[end:]
    return masked
