"""Agencies a new store learns from its mail: propose the unknown, accept with one click.

For a message whose letterhead or signature names an agency the directory
does not have, :func:`proposal_for_message` offers it (kind, name, address or
domain, Bundesland; see :mod:`helperdesk.analysis.agency_proposal`);
:func:`pending_proposals` lists one offer per agency across the store;
:func:`accept_proposal` adds it to the directory and gives the message's case
(if it has none yet) that agency. Used by the CLI (``agency propose/accept``)
and the reader's confirm action.
"""

from __future__ import annotations

from dataclasses import dataclass

from helperdesk.analysis.agency_proposal import AgencyProposal, propose_agency
from helperdesk.model import Agency, AgencyKind, Direction
from i18n import _
from storage.errors import Conflict
from storage.store import Store

__all__ = ["Accepted", "accept_proposal", "pending_proposals", "proposal_for_message"]


@dataclass(frozen=True)
class Accepted:
    agency: Agency
    created: bool  # False: an agency of that name was there already
    case_id: int | None  # the case that got the agency, if any


def proposal_for_message(store: Store, message_id: int) -> AgencyProposal | None:
    msg = store.messages.get(message_id)
    analysis = store.messages.analysis(message_id)
    found = analysis.get("agency") or {}
    try:
        kind: AgencyKind | None = AgencyKind(str(found.get("kind")))
    except ValueError:
        kind = None
    sender_is_agency = msg.direction is Direction.IN and not analysis.get("is_forward")
    texts = [msg.text, *(a.text for a in msg.attachments if a.text)]
    return propose_agency(
        kind=kind, name=str(found.get("name") or ""), from_addr=msg.from_addr,
        text="\n".join(texts), directory=store.agencies.list_all(),
        sender_is_agency=sender_is_agency,
    )  # fmt: skip


def pending_proposals(store: Store, *, limit: int = 2000) -> list[tuple[int, AgencyProposal]]:
    """One proposal per agency name (the newest message that shows it), newest first."""
    seen: set[str] = set()
    result: list[tuple[int, AgencyProposal]] = []
    for summary in store.messages.find(limit=limit):
        proposal = proposal_for_message(store, summary.id)
        if proposal is None or proposal.name.lower() in seen:
            continue
        seen.add(proposal.name.lower())
        result.append((summary.id, proposal))
    return result


def accept_proposal(store: Store, message_id: int, *, name: str | None = None) -> Accepted:
    """Add the proposed agency (``name`` overrides its name); link the message's case."""
    proposal = proposal_for_message(store, message_id)
    if proposal is None:
        raise ValueError(_("Message {message_id} names no agency that is missing from the "
                           "directory.").format(message_id=message_id))
    agency = proposal.as_agency()
    if name and name.strip():
        agency.name = " ".join(name.split())
    created = True
    with store.transaction():
        try:
            agency = store.agencies.add(agency)
        except Conflict:
            agency, created = store.agencies.by_name(agency.name), False
        case_id = store.messages.get(message_id).case_id
        if case_id is not None and store.cases.get(case_id).agency_id is None:
            store.cases.set_agency(case_id, agency.id)
        else:
            case_id = None
    return Accepted(agency, created, case_id)
