"""The records a summary is built from and the page it becomes (plain data, no logic)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from helperdesk.model import DeadlineKind, ProcessingId


@dataclass(frozen=True)
class DueDate:
    """One open deadline of a case (or of the household)."""

    date: dt.date
    kind: DeadlineKind
    time: dt.time | None = None
    place: str = ""  # e.g. "Zimmer 2.14", as the letter says
    # The text of the letter that set this deadline, when it is not the case's latest
    # letter (what to send is then read from it).
    letter_text: str = ""


@dataclass(frozen=True)
class LetterFacts:
    """The latest letter of a case and what analysis found in it."""

    date: dt.date | None
    letter_type: str  # a ``LetterType`` value
    text: str  # the letter's text (mail body, or the PDF's text)
    incoming: bool = True
    reply_address: str = ""  # the agency's mail address, when the letter came by mail


@dataclass(frozen=True)
class CaseFacts:
    agency: str  # the agency's German name as on its letters
    agency_kind: str  # an ``AgencyKind`` value ("" when unknown)
    title: str
    processing_ids: tuple[ProcessingId, ...] = ()
    latest: LetterFacts | None = None
    due: tuple[DueDate, ...] = ()
    office_waits: bool = False  # the latest letter asks and is not answered
    household_waits: bool = False  # the household wrote last and waits for an answer


@dataclass(frozen=True)
class Contact:
    name: str = ""
    phone: str = ""
    email: str = ""

    def __bool__(self) -> bool:
        return bool(self.name or self.phone or self.email)


@dataclass(frozen=True)
class SummaryInput:
    household: str
    language: str
    today: dt.date
    cases: tuple[CaseFacts, ...] = ()
    contact: Contact = field(default_factory=Contact)


_BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")


def _plain(text: str) -> str:
    """The text without bidi controls (they help layout, not machines reading JSON)."""
    return _BIDI_CONTROLS.sub("", text)


@dataclass(frozen=True)
class Line:
    """One sentence: in the household's language and in German (equal when German)."""

    local: str
    german: str
    strong: bool = False  # a date that has passed, or a heading inside a block

    def to_json(self) -> dict[str, object]:
        return {"text": _plain(self.local), "german": self.german, "important": self.strong}


@dataclass(frozen=True)
class Block:
    """Lines that belong together, under a heading kept in German (an agency's name)."""

    heading: str
    lines: tuple[Line, ...]
    ids: tuple[str, ...] = ()  # processing IDs as printed ("BG-Nummer 83501BG0047112")

    def to_json(self) -> dict[str, object]:
        return {"heading": self.heading, "ids": list(self.ids),
                "lines": [line.to_json() for line in self.lines]}


@dataclass(frozen=True)
class Section:
    title: Line
    blocks: tuple[Block, ...]

    def to_json(self) -> dict[str, object]:
        return {"title": self.title.to_json(), "blocks": [b.to_json() for b in self.blocks]}


@dataclass(frozen=True)
class Summary:
    language: str
    rtl: bool
    title: Line
    intro: tuple[Line, ...]
    sections: tuple[Section, ...]

    def to_json(self) -> dict[str, object]:
        return {
            "language": self.language,
            "direction": "rtl" if self.rtl else "ltr",
            "title": self.title.to_json(),
            "intro": [line.to_json() for line in self.intro],
            "sections": [s.to_json() for s in self.sections],
        }
