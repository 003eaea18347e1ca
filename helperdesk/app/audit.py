"""Use case: audit what went out (and forwards that came in) with the draft checks.

Every outgoing mail in the store (synced from the Sent folders of the helper's
and the households' accounts, or sent from HelperDesk) is checked as a draft
would be, against the case it is filed in. A household's forward of an agency
letter that reached the helper is listed too, with advice to answer the agency
from here. The "Needs attention" view and ``helperdesk audit`` show the result.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from helperdesk.app.replies import case_facts
from helperdesk.mail.quotes import split_quoted
from helperdesk.replies.checks import CaseFacts, DraftFacts, Problem, advice_texts, check_draft
from helperdesk.replies.names import agency_form, id_name
from i18n import _, format_day
from storage.outgoing import AuditRow, audit_rows
from storage.store import Store

_FWD_HEADER_RE = re.compile(rb"^X-Forwarded-Message-Id:[ \t]*(\S+)", re.IGNORECASE | re.MULTILINE)


@dataclass(frozen=True)
class AuditItem:
    message: int
    message_id: str | None
    direction: str
    household: str | None
    case: str | None
    date: str | None
    subject: str
    problems: list[Problem]

    def to_json(self) -> dict[str, Any]:
        return {"message": self.message, "message_id": self.message_id,
                "direction": self.direction, "household": self.household, "case": self.case,
                "date": self.date, "subject": self.subject,
                "problems": [p.to_json() for p in self.problems]}


@dataclass(frozen=True)
class AuditResult:
    checked: int
    items: list[AuditItem]

    def to_json(self) -> dict[str, Any]:
        return {"checked": self.checked, "items": [i.to_json() for i in self.items]}


def _facts(row: AuditRow) -> DraftFacts:
    split = split_quoted(row.body)
    fwd = _FWD_HEADER_RE.search(row.head.split(b"\r\n\r\n", 1)[0].split(b"\n\n", 1)[0])
    return DraftFacts(subject=row.subject, to=row.to_addrs, text=split.new_text, body=row.body,
                      in_reply_to=row.in_reply_to, references=row.references,
                      forwarded_message_id=fwd.group(1).decode("ascii", "replace") if fwd
                      else "", attachments=row.attachments, from_addr=row.from_addr)


def _day(row: AuditRow) -> str:
    if row.date is None:
        return ""
    return _(" of {date}").format(date=format_day(row.date.date()))


def _forward_in(row: AuditRow, case: CaseFacts) -> Problem:
    agency = case.agency_name or row.agency or _("the agency")
    quote = ""
    if case.case_ids:
        pid = case.case_ids[0]
        quote = _(" and give the {name} {value}").format(name=id_name(pid),
                                                          value=agency_form(pid))
    return Problem("forwarded", _(
        "The household forwarded the letter from {agency}{day} to you instead of answering "
        "it: reply to {agency} from here{quote}.").format(
            agency=agency, day=_day(row), quote=quote))


def audit(store: Store, household_id: int | None = None) -> AuditResult:
    """Check every outgoing mail (and incoming forward) of one or all households."""
    rows = audit_rows(store, household_id)
    households = {h.id: h.name for h in store.households.list_all()}
    titles: dict[int, str] = {}
    facts_of: dict[int | None, CaseFacts] = {None: CaseFacts()}
    items: list[AuditItem] = []
    texts = advice_texts()
    for row in rows:
        if row.case_id not in facts_of:
            facts_of[row.case_id] = case_facts(store, row.case_id)
        case = facts_of[row.case_id]
        if row.direction == "out":
            problems = check_draft(_facts(row), case, texts)
        elif row.is_forward and row.agency:
            problems = [_forward_in(row, case)]
        else:
            continue
        if not problems:
            continue
        if row.case_id is not None and row.case_id not in titles:
            titles[row.case_id] = store.cases.get(row.case_id).title
        items.append(AuditItem(
            message=row.id, message_id=row.message_id, direction=row.direction,
            household=households.get(row.household_id) if row.household_id else None,
            case=titles.get(row.case_id) if row.case_id is not None else None,
            date=row.date.isoformat() if row.date else None, subject=row.subject,
            problems=problems))
    items.reverse()  # newest first
    return AuditResult(len(rows), items)
