"""Domain model: the plain records HelperDesk works with.

Households, agencies, cases, messages, attachments and deadlines as frozen-ish
dataclasses with no persistence logic. Storage maps them to tables; analysis
produces the suggestion types at the bottom (processing IDs, deadline
suggestions). Vocabularies are ``StrEnum`` so their values serialise to JSON
and SQL as the plain strings the CLI contract uses.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class AgencyKind(StrEnum):
    """Fixed vocabulary of agency kinds (issue 2)."""

    JOBCENTER = "jobcenter"
    AUSLAENDERBEHOERDE = "auslaenderbehoerde"
    FAMILIENKASSE = "familienkasse"
    FINANZAMT = "finanzamt"
    RENTENVERSICHERUNG = "rentenversicherung"
    KRANKENKASSE = "krankenkasse"
    WOHNGELDSTELLE = "wohngeldstelle"
    SOZIALAMT = "sozialamt"
    SOZIALGERICHT = "sozialgericht"
    BUERGERBUERO = "buergerbuero"
    OTHER = "other"


class IdKind(StrEnum):
    """Kinds of processing IDs an agency wants quoted back."""

    BG_NUMMER = "bg_nummer"
    KUNDENNUMMER = "kundennummer"
    KINDERGELDNUMMER = "kindergeldnummer"
    AKTENZEICHEN = "aktenzeichen"
    STEUERNUMMER = "steuernummer"
    STEUER_ID = "steuer_id"
    RV_NUMMER = "rv_nummer"
    KVNR = "kvnr"
    COURT_AZ = "court_az"


class Direction(StrEnum):
    IN = "in"
    OUT = "out"


class CaseStatus(StrEnum):
    OPEN = "open"
    CLOSED = "closed"


class DeadlineKind(StrEnum):
    SUBMIT = "submit"
    APPOINTMENT = "appointment"
    OBJECTION = "objection"
    RENEWAL = "renewal"
    PAYMENT = "payment"
    FOLLOW_UP = "follow_up"  # nobody answered, an authorisation expires … (computed)
    OTHER = "other"


class DeadlineStatus(StrEnum):
    OPEN = "open"
    DONE = "done"
    DISMISSED = "dismissed"


class DeadlineBasis(StrEnum):
    EXPLICIT = "explicit"
    COMPUTED = "computed"


class Source(StrEnum):
    """Where a stored message came from."""

    IMAP = "imap"
    FILE = "file"  # an .eml or .mbox file imported by hand
    PAPER = "paper"  # a scanned or portal letter imported as PDF


class Found(StrEnum):
    """Where in a message a fact was found."""

    SUBJECT = "subject"
    BODY = "body"
    QUOTED = "quoted"
    ATTACHMENT = "attachment"


@dataclass
class Member:
    name: str
    birth_date: dt.date | None = None
    relation: str = ""


@dataclass
class Household:
    name: str
    language: str = "de"
    state: str | None = None  # Bundesland code, e.g. "BY"
    members: list[Member] = field(default_factory=list)
    notes: str = ""
    authorisation: str = ""  # Vollmacht / Schweigepflichtentbindung, free text
    authorisation_expires: dt.date | None = None
    id: int | None = None


@dataclass
class Agency:
    name: str
    kind: AgencyKind
    emails: list[str] = field(default_factory=list)  # addresses or bare domains
    state: str | None = None
    id: int | None = None


@dataclass(frozen=True)
class ProcessingId:
    """A processing ID recognised in a message (or entered by the helper)."""

    value: str  # canonical: upper case, internal whitespace removed
    kind: IdKind
    raw: str = ""
    label: str = ""
    found_in: Found = Found.BODY


@dataclass
class Case:
    household_id: int
    agency_id: int | None
    title: str
    processing_ids: list[ProcessingId] = field(default_factory=list)
    status: CaseStatus = CaseStatus.OPEN
    id: int | None = None


@dataclass
class Provenance:
    """Where a copy of a message was seen: an IMAP folder slot or a file."""

    source: Source
    account: str | None = None
    folder: str | None = None
    uidvalidity: int | None = None
    uid: int | None = None
    filename: str | None = None
    deleted_on_server: dt.datetime | None = None


@dataclass
class Attachment:
    filename: str
    mime_type: str
    data: bytes
    text: str = ""
    needs_ocr: bool = False
    # How the text was read when OCR was involved: pages read, engine, languages,
    # attempts, problems of the last attempt (empty for text layers and mail).
    ocr: dict[str, object] = field(default_factory=dict)
    id: int | None = None

    @property
    def size(self) -> int:
        return len(self.data)


@dataclass
class Message:
    raw: bytes  # exactly as received; for paper letters the PDF bytes
    content_hash: str
    subject: str
    date: dt.datetime | None
    from_addr: str
    direction: Direction
    source: Source
    message_id: str | None = None
    in_reply_to: str | None = None
    references: list[str] = field(default_factory=list)
    to_addrs: list[str] = field(default_factory=list)
    cc_addrs: list[str] = field(default_factory=list)
    text: str = ""
    household_id: int | None = None
    case_id: int | None = None
    problems: list[str] = field(default_factory=list)
    attachments: list[Attachment] = field(default_factory=list)
    provenance: list[Provenance] = field(default_factory=list)
    id: int | None = None


@dataclass(frozen=True)
class DeadlineSuggestion:
    """A deadline found or computed by analysis, not yet confirmed."""

    date: dt.date
    kind: DeadlineKind
    basis: DeadlineBasis
    evidence: str  # the sentence it came from
    time: dt.time | None = None
    explanation: tuple[str, ...] = ()  # the computation's steps, in order
    place: str = ""

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> DeadlineSuggestion:
        """The suggestion as ``to_json`` wrote it; ValueError/KeyError when unreadable."""
        time = data.get("time")
        return cls(
            date=dt.date.fromisoformat(str(data["date"])),
            time=dt.time.fromisoformat(str(time)) if time else None,
            kind=DeadlineKind(data.get("kind") or "other"),
            basis=DeadlineBasis(data.get("basis") or "explicit"),
            evidence=str(data.get("evidence") or ""),
            explanation=tuple(str(x) for x in data.get("explanation") or ()),
            place=str(data.get("place") or ""),
        )

    def to_json(self) -> dict[str, object]:
        return {
            "date": self.date.isoformat(),
            "time": self.time.strftime("%H:%M") if self.time else None,
            "kind": self.kind.value,
            "basis": self.basis.value,
            "evidence": self.evidence,
            "explanation": list(self.explanation),
            "place": self.place,
        }


@dataclass
class Deadline:
    household_id: int | None
    date: dt.date
    kind: DeadlineKind
    time: dt.time | None = None
    case_id: int | None = None
    message_id: int | None = None  # the stored message it came from
    status: DeadlineStatus = DeadlineStatus.OPEN
    basis: DeadlineBasis = DeadlineBasis.EXPLICIT
    evidence: str = ""
    explanation: list[str] = field(default_factory=list)
    note: str = ""
    confirmed: bool = False  # suggested by analysis until the helper confirms
    title: str = ""  # what to do, in the helper's words; empty for analysed deadlines
    revision: int = 0  # raised on every change (the calendar's SEQUENCE)
    changed: dt.datetime | None = None  # when it was created or last changed (UTC)
    created: dt.datetime | None = None  # when it entered the store (UTC)
    id: int | None = None


def processing_id_from_json(data: Mapping[str, Any]) -> ProcessingId:
    """The ID as ``processing_id_to_json`` wrote it; ValueError/KeyError when unreadable."""
    return ProcessingId(value=str(data["value"]), kind=IdKind(data["kind"]),
                        raw=str(data.get("raw") or data["value"]),
                        label=str(data.get("label") or ""),
                        found_in=Found(data.get("found_in") or "body"))


def processing_id_to_json(pid: ProcessingId) -> dict[str, str]:
    return {
        "value": pid.value,
        "raw": pid.raw,
        "kind": pid.kind.value,
        "label": pid.label,
        "found_in": pid.found_in.value,
    }
