"""Use case: file a mail (and, if asked, the rest of its conversation) to a household and case.

A new case takes its agency and processing IDs from the mail's analysis; the
filing of a whole conversation is remembered, so that replies arriving later
are filed the same way on arrival (``helperdesk.app.ingest``).
"""

from __future__ import annotations

from dataclasses import dataclass

from helperdesk.analysis.analyze import Analysis
from helperdesk.model import Agency, Case
from storage.errors import NotFound
from storage.store import Store
from storage.threads import remember_filing, unfiled_in_thread


@dataclass(frozen=True)
class NewCase:
    """File into a new case with this title (agency and IDs come from the mail)."""

    title: str


@dataclass(frozen=True)
class TriageResult:
    household_id: int
    case_id: int
    filed: list[int]  # every message id that was filed


def agency_for(store: Store, analysis: Analysis, from_addr: str) -> Agency | None:
    """The agency named by analysis, else the one whose address or domain sent the mail."""
    if analysis.agency is not None and analysis.agency.name:
        try:
            return store.agencies.by_name(analysis.agency.name)
        except NotFound:
            pass
    sender = from_addr.lower()
    domain = sender.rsplit("@", 1)[-1]
    for agency in store.agencies.list_all():
        if sender in agency.emails or domain in agency.emails:
            return agency
    return None


def file_message(
    store: Store, message_id: int, household_id: int, case: int | NewCase, *,
    whole_thread: bool,
) -> TriageResult:
    """File ``message_id`` (and its unfiled conversation) into ``case``, in one transaction."""
    msg = store.messages.get(message_id)
    with store.transaction():
        if isinstance(case, NewCase):
            analysis = Analysis.from_json(store.messages.analysis(message_id))
            agency = agency_for(store, analysis, msg.from_addr)
            created = store.cases.add(Case(
                household_id=household_id, agency_id=agency.id if agency else None,
                title=case.title, processing_ids=list(analysis.processing_ids)))
            assert created.id is not None
            case_id = created.id
        else:
            case_id = case
        ids = unfiled_in_thread(store, message_id) if whole_thread else [message_id]
        for mid in ids:
            store.messages.file(mid, household_id, case_id)
        if whole_thread:
            remember_filing(store, message_id, household_id, case_id)
    return TriageResult(household_id, case_id, ids)
