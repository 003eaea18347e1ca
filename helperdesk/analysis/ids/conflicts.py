"""A processing ID in the subject that the letter itself contradicts.

Households and helpers copy IDs into subjects by hand: another household's
BG-Nummer, last year's Aktenzeichen. When the subject names an ID that appears
nowhere else while the body, an attachment or the quoted letter carries a
different ID of the same kind, the subject's ID is suspect: it is flagged, and
filing does not go by it (:mod:`helperdesk.filing.rules`). Pure.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from helperdesk.analysis.ids.checks import canonical
from helperdesk.analysis.ids.extract import MailLike, merge_ids, scan_groups
from helperdesk.model import Found, IdKind, ProcessingId

__all__ = ["IdConflict", "scan_mail_checked", "subject_conflicts"]

# Kinds a letter may legitimately carry several of (its own and another office's):
# a conflict needs the letter to carry exactly one of them.
_MANY = frozenset({IdKind.AKTENZEICHEN, IdKind.COURT_AZ, IdKind.STEUERNUMMER})


@dataclass(frozen=True)
class IdConflict:
    subject: ProcessingId
    letter: ProcessingId  # the ID of the same kind the letter carries

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> IdConflict:
        """As ``to_json`` wrote it; ValueError/KeyError when unreadable."""
        kind = IdKind(data["kind"])
        return cls(subject=ProcessingId(value=str(data["subject"]), kind=kind,
                                        found_in=Found.SUBJECT),
                   letter=ProcessingId(value=str(data["letter"]), kind=kind,
                                       found_in=Found(data.get("found_in") or "body")))

    def to_json(self) -> dict[str, str]:
        return {
            "kind": self.subject.kind.value,
            "subject": self.subject.value,
            "letter": self.letter.value,
            "found_in": self.letter.found_in.value,
        }


def subject_conflicts(
    subject_ids: Sequence[ProcessingId], other_ids: Sequence[ProcessingId]
) -> list[IdConflict]:
    """The subject IDs that the rest of the message contradicts (see module docstring).

    ``other_ids`` are those of the body, the attachments and the quoted text,
    before de-duplication (an ID in the subject and the body is no conflict).
    """
    rest_values = {(p.kind, canonical(p.value)) for p in other_ids}
    result = []
    for sid in subject_ids:
        if (sid.kind, canonical(sid.value)) in rest_values:
            continue
        others = [p for p in other_ids if p.kind is sid.kind]
        distinct = {canonical(p.value) for p in others}
        if not others or (sid.kind in _MANY and len(distinct) != 1):
            continue
        result.append(IdConflict(sid, others[0]))
    return result


def scan_mail_checked(
    mail: MailLike, attachment_texts: Sequence[str] = ()
) -> tuple[list[ProcessingId], list[IdConflict]]:
    """:func:`scan_mail`, and the subject IDs the message contradicts."""
    groups = scan_groups(
        subject=mail.subject, body=mail.new_text, quoted=mail.quoted_text,
        attachments=attachment_texts,
    )  # fmt: skip
    rest = [p for group in groups[1:] for p in group]
    return merge_ids(groups), subject_conflicts(groups[0], rest)
