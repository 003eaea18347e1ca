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
from helperdesk.analysis.agency_starter import starter_for
from helperdesk.analysis.deadlines.extract import extract_deadlines, find_letter_date
from helperdesk.analysis.ids.conflicts import IdConflict, scan_mail_checked
from helperdesk.analysis.letter_type_cues import LetterType
from helperdesk.analysis.letter_types import classify_mail
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
    # Subject IDs the letter contradicts: flagged, never used for filing.
    id_conflicts: list[IdConflict] = field(default_factory=list)

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
        conflicts = []
        for item in data.get("id_conflicts") or ():
            with contextlib.suppress(KeyError, ValueError, TypeError):
                conflicts.append(IdConflict.from_json(item))
        return cls(agency=agency, letter_type=letter_type, processing_ids=ids,
                   deadlines=deadlines, is_forward=bool(data.get("is_forward")),
                   letter_date=letter_date,
                   problems=[str(p) for p in data.get("problems") or ()],
                   id_conflicts=conflicts)

    def to_json(self) -> dict[str, Any]:
        result = self._json()
        if self.id_conflicts:  # only where there are any: older analyses stay as they were
            result["id_conflicts"] = [c.to_json() for c in self.id_conflicts]
        return result

    def _json(self) -> dict[str, Any]:
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


# Agencies whose office may sit in another Land than the household's (a
# Familienkasse region, DRV Bund, a nationwide Krankenkasse): without a known
# seat only nationwide holidays count – the earlier, safe end.
_FEDERAL_KINDS = frozenset({
    AgencyKind.FAMILIENKASSE, AgencyKind.RENTENVERSICHERUNG, AgencyKind.KRANKENKASSE,
    AgencyKind.OTHER,
})  # fmt: skip


def holiday_state(
    mail: ParsedMail,
    agency: AgencyMatch | None,
    directory: Sequence[Agency],
    household_state: str | None,
) -> str | None:
    """The Land whose holidays move a deadline: the agency's seat, where known.

    The directory's seat, else the Land of the sender's (or forwarded sender's)
    public domain (muenchen.de, finanzamt.nrw.de …), else the household's Land
    for agencies that serve where the household lives (Jobcenter,
    Ausländerbehörde, Finanzamt …); for the others None (nationwide holidays only).
    """
    if agency is not None and agency.agency_id is not None:
        seat = next((a.state for a in directory if a.id == agency.agency_id), None)
        if seat:
            return seat
    for addr in (mail.from_addr, *(f.from_addr for f in mail.forwarded_from)):
        starter = starter_for(addr) if addr else None
        if starter is not None and starter.state:
            return starter.state
    if agency is not None and agency.kind in _FEDERAL_KINDS:
        return None
    return household_state


def analyze_mail(
    mail: ParsedMail,
    *,
    attachment_texts: Sequence[str] = (),
    directory: Sequence[Agency] = (),
    state: str | None = None,
    letter_date: dt.date | None = None,
    electronic: bool = True,
) -> Analysis:
    """Analyse a parsed mail (with its PDF attachments' text) or a letter wrapped as one.

    ``state`` is the Bundesland whose holidays count (the agency's seat if the
    directory knows it, else the household's). ``letter_date`` overrides the
    date that starts relative periods; by default it is the mail's sending day.
    ``electronic``: the text arrived by e-mail on that day (False for a posted
    letter, whose periods "nach Erhalt" start with the Bekanntgabe fiction).
    """
    ids, conflicts = scan_mail_checked(mail, attachment_texts)
    agency = detect_agency_in_mail(
        mail, attachment_texts=attachment_texts, ids=ids, directory=directory
    )
    state = holiday_state(mail, agency, directory, state)
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
        electronic=electronic,
    )
    return Analysis(
        agency=agency,
        letter_type=letter_type,
        processing_ids=ids,
        deadlines=deadlines,
        is_forward=mail.is_forward,
        letter_date=start,
        problems=list(mail.problems),
        id_conflicts=conflicts,
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
    result = analyze_mail(
        mail, directory=directory, state=state, letter_date=letter_date, electronic=False
    )
    return result
