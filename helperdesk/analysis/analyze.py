"""Analyse one mail or paper letter: agency, letter type, processing IDs, deadlines.

Glue over the specialised pure modules (ids, agency_detect, letter_types,
deadlines). Deterministic: the result depends only on the input, never on
today's date, so the CLI, import, sync and the app agree.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo

from helperdesk.analysis.agencies import AgencyMatch, detect_agency_in_mail
from helperdesk.analysis.agency_kinds import KINDS
from helperdesk.analysis.deadlines.extract import extract_deadlines, find_letter_date
from helperdesk.analysis.ids.extract import scan_mail
from helperdesk.analysis.letter_types import LetterType, classify_mail
from helperdesk.mail.parse import ParsedMail, letter_as_mail
from helperdesk.model import (
    Agency,
    AgencyKind,
    DeadlineSuggestion,
    ProcessingId,
    processing_id_from_json,
    processing_id_to_json,
)

# Agencies count days in German local time: a mail sent at 23:30 UTC on the
# 31st arrived on the 1st in Berlin.
GERMAN_TIME = ZoneInfo("Europe/Berlin")


@dataclass
class Analysis:
    agency: AgencyMatch | None
    letter_type: LetterType
    processing_ids: list[ProcessingId]
    deadlines: list[DeadlineSuggestion]
    is_forward: bool = False
    letter_date: dt.date | None = None
    problems: list[str] = field(default_factory=list)

    @classmethod
    def nothing(cls, problems: Sequence[str] = ()) -> Analysis:
        """The result for a message that could not be read at all."""
        return cls(agency=None, letter_type=LetterType.OTHER, processing_ids=[], deadlines=[],
                   problems=list(problems))

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Analysis:
        """The stored analysis, typed. Entries this version cannot read (written by a
        newer one, or damaged) are left out rather than failing the whole view."""
        agency = None
        raw_agency = data.get("agency")
        if isinstance(raw_agency, Mapping):
            with contextlib.suppress(KeyError, ValueError):
                agency = AgencyMatch(kind=AgencyKind(raw_agency["kind"]),
                                     name=str(raw_agency.get("name") or ""),
                                     agency_id=None, reason="stored")
        try:
            letter_type = LetterType(data.get("letter_type") or "other")
        except ValueError:
            letter_type = LetterType.OTHER
        ids, deadlines = [], []
        for item in data.get("processing_ids") or ():
            with contextlib.suppress(KeyError, ValueError, TypeError):
                ids.append(processing_id_from_json(item))
        for item in data.get("deadlines") or ():
            with contextlib.suppress(KeyError, ValueError, TypeError):
                deadlines.append(DeadlineSuggestion.from_json(item))
        letter_date = None
        with contextlib.suppress(TypeError, ValueError):
            letter_date = dt.date.fromisoformat(str(data["letter_date"])) \
                if data.get("letter_date") else None
        return cls(agency=agency, letter_type=letter_type, processing_ids=ids,
                   deadlines=deadlines, is_forward=bool(data.get("is_forward")),
                   letter_date=letter_date,
                   problems=[str(p) for p in data.get("problems") or ()])

    def to_json(self) -> dict[str, Any]:
        return {
            "agency": {"kind": self.agency.kind.value, "name": self.agency.name}
            if self.agency
            else None,
            "letter_type": self.letter_type.value,
            "processing_ids": [processing_id_to_json(p) for p in self.processing_ids],
            "deadlines": [d.to_json() for d in self.deadlines],
            "is_forward": self.is_forward,
            "letter_date": self.letter_date.isoformat() if self.letter_date else None,
            "problems": list(self.problems),
        }


def local_date(moment: dt.datetime | None) -> dt.date | None:
    if moment is None:
        return None
    if moment.tzinfo is None:
        return moment.date()
    return moment.astimezone(GERMAN_TIME).date()


def law_for(agency: AgencyMatch | None) -> str:
    """The procedural code whose deadline rules apply (SGB X, VwVfG or AO)."""
    return KINDS[agency.kind].law if agency else "sgb"


def analyze_mail(
    mail: ParsedMail,
    *,
    attachment_texts: Sequence[str] = (),
    directory: Sequence[Agency] = (),
    state: str | None = None,
    letter_date: dt.date | None = None,
) -> Analysis:
    """Analyse a parsed mail (with its PDF attachments' text) or a letter wrapped as one.

    ``state`` is the Bundesland whose holidays count (the agency's seat if the
    directory knows it, else the household's). ``letter_date`` overrides the
    date that starts relative periods; by default it is the mail's sending day.
    """
    ids = scan_mail(mail, attachment_texts)
    agency = detect_agency_in_mail(
        mail, attachment_texts=attachment_texts, ids=ids, directory=directory
    )
    if agency is not None and agency.agency_id is not None:
        seat = next((a.state for a in directory if a.id == agency.agency_id), None)
        state = seat or state
    letter_type = classify_mail(mail, attachment_texts).type
    # Live content: what the sender wrote, a forwarded letter, attached letters.
    # Reply history (already answered) only as quoted text.
    live = "\n\n".join(t for t in (mail.new_text, mail.forwarded_text, *attachment_texts) if t)
    history = "" if mail.forwarded_text else mail.quoted_text
    start = letter_date or local_date(mail.date)
    deadlines = extract_deadlines(
        live,
        quoted_text=history,
        letter_date=start,
        state=state,
        law=law_for(agency),
        letter_type=letter_type.value,
    )
    return Analysis(
        agency=agency,
        letter_type=letter_type,
        processing_ids=ids,
        deadlines=deadlines,
        is_forward=mail.is_forward,
        letter_date=start,
        problems=list(mail.problems),
    )


def analyze_letter(
    text: str,
    *,
    subject: str = "",
    directory: Sequence[Agency] = (),
    state: str | None = None,
) -> Analysis:
    """A paper or portal letter (its PDF text): posted on the date the letter carries."""
    letter_date = find_letter_date(text)
    mail = letter_as_mail(text, subject=subject)
    result = analyze_mail(mail, directory=directory, state=state, letter_date=letter_date)
    return result
