"""What a letter asks for, read from its text: documents to send or bring, room, in person.

Deliberately modest: a glossary of documents agencies commonly ask for (each a
message of the ``summaries`` catalog, so it is translated), list items of the
letter that name something else (kept in German), the room of an appointment
and whether the person must come in person. Anything not recognised is left
to the German line and the helper.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from helperdesk.summaries.texts import Term
from i18n import N_

# German word stem (matched at the start of a word, case-insensitive) -> message.
_GLOSSARY: tuple[tuple[str, str], ...] = (
    (r"kontoauszüge?", N_("bank statements")),
    (r"mietbescheinigung", N_("rent certificate from the landlord")),
    (r"mietvertr[aä]g", N_("rental contract")),
    (r"nebenkostenabrechnung|betriebskostenabrechnung",
     N_("statement of heating and service costs")),
    (r"schulbescheinigung", N_("school certificate")),
    (r"(?:lohn|gehalts)abrechnung|verdienstbescheinigung|einkommensnachweis",
     N_("proof of income (pay slip)")),
    (r"arbeitsvertr[aä]g", N_("employment contract")),
    (r"personalausweis", N_("identity card")),
    (r"reisepass|reisepässe", N_("passport")),
    (r"aufenthaltstitel|aufenthaltserlaubnis", N_("residence permit")),
    (r"meldebescheinigung", N_("certificate of registration of your address")),
    (r"geburtsurkunde", N_("birth certificate")),
    (r"passfoto|passbild|lichtbild", N_("passport photo")),
    (r"(?:kranken)?versicherungsnachweis|mitgliedsbescheinigung",
     N_("proof of health insurance")),
    (r"lebenslauf", N_("curriculum vitae")),
    (r"bewerbungsnachweis", N_("proof of job applications")),
)
_COMPILED = tuple((re.compile(r"\b(?:" + rx + r")\w*", re.IGNORECASE), m) for rx, m in _GLOSSARY)
_BULLET = re.compile(r"^\s*(?:[-–•*]|\d{1,2}[.)])\s+(\S.{1,118}?)\s*$", re.MULTILINE)
_ROOM = re.compile(r"\b(?:Zimmer|Raum|Büro)\s+(?:Nr\.?\s*)?([0-9][\w./-]{0,11}|[A-Z][\w./-]{0,11})")
_IN_PERSON = re.compile(r"\bpersönlich\b", re.IGNORECASE)
_BRING = re.compile(
    r"[^.\n]*\bmit(?:zu)?bringen\b[^.\n]*|[^.\n]*\bbringen Sie\b[^.]*\bmit\b[^.\n]*",
    re.IGNORECASE)
# The letter's own words end where the standard paragraphs begin.
_BOILERPLATE = re.compile(
    r"Rechtsbehelfsbelehrung|Mit freundlichen Grüßen|Bitte beachten Sie, dass|"
    r"Datenschutz|Wenn Sie die angeforderten Unterlagen nicht", re.IGNORECASE)


def own_words(text: str) -> str:
    """The part of a letter before its standard paragraphs (legal notes, greeting)."""
    m = _BOILERPLATE.search(text)
    return text[: m.start()] if m else text


def _terms_in(text: str) -> list[Term]:
    found: list[tuple[int, Term]] = []
    for rx, msgid in _COMPILED:
        m = rx.search(text)
        if m:
            found.append((m.start(), Term(msgid, m.group(0))))
    return [t for _pos, t in sorted(found, key=lambda p: p[0])]


def _unique(terms: Iterable[Term]) -> list[Term]:
    seen: set[str] = set()
    out = []
    for t in terms:
        key = t.msgid or t.german
        if key not in seen:
            seen.add(key)
            out.append(t)
    return out


# A sentence that asks for something to be sent or shown.
_ASKING = re.compile(
    r"\b(?:benötig|brauch|senden|schicken|reichen|einreichen|vorleg|legen Sie|übersend|"
    r"nachreich|beifüg|fügen Sie|nachweis|übermitteln|hochladen|mitbringen|bringen Sie)",
    re.IGNORECASE)
_SENTENCE = re.compile(r"[^.!?\n]+(?:\n(?![ \t]*\n)[^.!?\n]+)*[.!?:]?")


def _asking_sentences(text: str) -> str:
    return "\n".join(m.group(0) for m in _SENTENCE.finditer(text) if _ASKING.search(m.group(0)))


def documents(text: str) -> list[Term]:
    """Documents the letter asks for: list items first (in the letter's words), then the glossary.

    Only list items after a request and glossary words in a sentence that asks
    ("benötigen wir", "reichen Sie … ein") count: "Ihre Aufenthaltserlaubnis
    ist gültig bis …" names a document without asking for it.

    A list item the glossary knows keeps the letter's German words
    (``Term.german``, e.g. "Kontoauszüge der letzten drei Monate") and its
    translated name; one it does not know is kept in German only (empty msgid).
    """
    words = own_words(text)
    terms: list[Term] = []
    for m in _BULLET.finditer(words):
        # A list counts when the text just before it asks for something.
        if not _ASKING.search(words[max(0, m.start() - 300):m.start()]):
            continue
        item = m.group(1).rstrip(" .;,")
        known = _terms_in(item)
        terms.append(Term(known[0].msgid, item) if known else Term("", item))
    terms.extend(_terms_in(_asking_sentences(_BULLET.sub("", words))))
    return _unique(terms)


def to_bring(text: str) -> list[Term]:
    """Documents the letter asks to bring to an appointment."""
    words = own_words(text)
    return _unique(t for m in _BRING.finditer(words) for t in _terms_in(m.group(0)))


def room(text: str, place: str = "") -> str:
    """The room of an appointment ("2.14"), from the analysed place or the letter."""
    for source in (place, own_words(text)):
        m = _ROOM.search(source)
        if m:
            return m.group(1).rstrip(".")
    return ""


def in_person(text: str) -> bool:
    return _IN_PERSON.search(own_words(text)) is not None
