"""Cases as the helper sees them: readable titles, rename, agency, close and reopen.

A new case is titled by agency and matter ("Jobcenter München – Bürgergeld",
see :mod:`helperdesk.filing.case_titles`); the helper may rename it, give it
an agency, close it when the matter is settled and reopen it. The CLI
(``helperdesk case …``) and the app call these functions; storage only stores.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass

from helperdesk.filing.case_titles import case_title
from helperdesk.model import AgencyKind, Case, CaseStatus
from i18n import _
from storage.errors import NotFound
from storage.store import Store

__all__ = [
    "CaseRow",
    "close_case",
    "list_cases",
    "rename_case",
    "reopen_case",
    "set_case_agency",
    "title_for_message",
]


@dataclass(frozen=True)
class CaseRow:
    id: int
    household_id: int
    household: str
    title: str
    agency_id: int | None
    agency: str | None
    status: str
    ids: tuple[str, ...]

    def to_json(self) -> dict[str, object]:
        return {
            "id": self.id, "household_id": self.household_id, "household": self.household,
            "title": self.title, "agency_id": self.agency_id, "agency": self.agency,
            "status": self.status, "processing_ids": list(self.ids),
        }  # fmt: skip


def list_cases(store: Store, *, household_id: int | None = None) -> list[CaseRow]:
    households = {h.id: h.name for h in store.households.list_all()}
    agencies = {a.id: a.name for a in store.agencies.list_all()}
    cases = (
        store.cases.for_household(household_id)
        if household_id is not None
        else store.cases.list_all()
    )
    return [
        CaseRow(
            id=int(c.id or 0), household_id=c.household_id,
            household=households.get(c.household_id, ""), title=c.title,
            agency_id=c.agency_id, agency=agencies.get(c.agency_id) if c.agency_id else None,
            status=c.status.value, ids=tuple(p.value for p in c.processing_ids),
        )
        for c in cases
    ]


def rename_case(store: Store, case_id: int, title: str) -> Case:
    cleaned = " ".join(title.split())
    if not cleaned:
        raise ValueError(_("The case title must not be empty."))
    store.cases.rename(case_id, cleaned)
    return store.cases.get(case_id)


def set_case_agency(store: Store, case_id: int, agency_name: str | None) -> Case:
    """Give the case an agency of the directory (by name), or none with ``None``."""
    agency_id = store.agencies.by_name(agency_name).id if agency_name else None
    store.cases.set_agency(case_id, agency_id)
    return store.cases.get(case_id)


def close_case(store: Store, case_id: int) -> Case:
    store.cases.get(case_id)  # NotFound for an unknown id
    store.cases.set_status(case_id, CaseStatus.CLOSED)
    return store.cases.get(case_id)


def reopen_case(store: Store, case_id: int) -> Case:
    store.cases.get(case_id)
    store.cases.set_status(case_id, CaseStatus.OPEN)
    return store.cases.get(case_id)


def title_for_message(store: Store, message_id: int, agency_name: str | None = None) -> str:
    """The title a new case started from this message gets (agency and matter)."""
    msg = store.messages.get(message_id)
    analysis = store.messages.analysis(message_id)
    found = analysis.get("agency") or {}
    try:
        kind: AgencyKind | None = AgencyKind(str(found.get("kind")))
    except ValueError:
        kind = None
    if agency_name:
        with contextlib.suppress(NotFound):
            kind = store.agencies.by_name(agency_name).kind
    name = agency_name or (str(found["name"]) if found.get("name") else None)
    texts = [msg.text, *(a.text for a in msg.attachments if a.text)]
    return case_title(name, kind, msg.subject, "\n".join(texts)) or msg.subject
