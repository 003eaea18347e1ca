"""Propose an agency the store's directory does not know yet.

When a letter's letterhead or signature names an agency ("Jobcenter München",
"Ausländerbehörde Leipzig") that is not in the directory, the helper is offered
that agency to confirm with one click: its kind and name from the analysis, the
mail address or domain to recognise it by next time, and the Bundesland from the
starter directory or the postcode in the letterhead/signature. Shared domains
(jobcenter-ge.de, berlin.de …) and private senders (a neighbour forwarding the
letter) are keyed by nothing broader than the agency's own address. Pure.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from helperdesk.analysis.agency_kinds import display_name
from helperdesk.analysis.agency_starter import starter_for
from helperdesk.analysis.postcodes import postcode_state, postcodes_in
from helperdesk.model import Agency, AgencyKind

__all__ = ["FREEMAIL", "AgencyProposal", "propose_agency"]

# Mail providers of private people: a sender there is no agency's address.
FREEMAIL = frozenset({
    "gmail.com", "googlemail.com", "web.de", "gmx.de", "gmx.net", "gmx.at", "t-online.de",
    "outlook.com", "outlook.de", "hotmail.com", "hotmail.de", "live.com", "live.de",
    "yahoo.com", "yahoo.de", "icloud.com", "me.com", "posteo.de", "mailbox.org", "aol.com",
    "freenet.de", "arcor.de", "online.de", "proton.me", "protonmail.com",
})  # fmt: skip

# Lines at the top and bottom of a letter where the letterhead and signature stand.
_EDGE_LINES = 15


@dataclass(frozen=True)
class AgencyProposal:
    kind: AgencyKind
    name: str
    emails: tuple[str, ...]  # the address, or the domain where one agency owns it
    state: str | None
    state_from: str  # "domain", "postcode" or "" (unknown)

    def to_json(self) -> dict[str, object]:
        return {
            "kind": self.kind.value,
            "name": self.name,
            "emails": list(self.emails),
            "state": self.state,
            "state_from": self.state_from,
        }

    def as_agency(self) -> Agency:
        return Agency(name=self.name, kind=self.kind, emails=list(self.emails), state=self.state)


def _edges(text: str) -> str:
    lines = [line for line in text.splitlines() if line.strip()]
    if len(lines) <= 2 * _EDGE_LINES:
        return "\n".join(lines)
    return "\n".join(lines[:_EDGE_LINES] + lines[-_EDGE_LINES:])


def _state_from_text(text: str, name: str) -> str | None:
    """The Land of the postcodes near the agency: all edge postcodes must agree."""
    edges = _edges(text)
    states = {postcode_state(p) for p in postcodes_in(edges)}
    if len(states) != 1:
        return None  # none, a border region, or several Länder (the household's address …)
    # The household's own address is in the letterhead too; trust a single Land
    # only when the agency's town is named beside its postcode.
    words = name.split()
    town = words[-1] if len(words) > 1 else ""
    if town and town.lower() not in edges.lower():
        return None
    return states.pop()


def propose_agency(
    *,
    kind: AgencyKind | None,
    name: str,
    from_addr: str,
    text: str,
    directory: Sequence[Agency] = (),
    sender_is_agency: bool = True,
) -> AgencyProposal | None:
    """The agency to offer for a message whose analysis found ``kind``/``name``.

    None when nothing was recognised, when the directory already has an agency
    of that name or address, or when the name is only the generic kind
    ("Jobcenter") and the sender's domain names no agency either.
    ``sender_is_agency`` is False for forwards and the household's own mail:
    then no address is proposed.
    """
    if kind is None or not name.strip():
        return None
    name = " ".join(name.split())
    addr = from_addr.strip().lower()
    for agency in directory:
        if agency.name.strip().lower() == name.lower():
            return None
        if addr and addr in (e.lower() for e in agency.emails):
            return None
    starter = starter_for(addr) if addr and sender_is_agency else None
    generic = name == display_name(kind)
    if generic and starter is not None and starter.kind is kind and not starter.shared:
        name = starter.name
        generic = False
    if generic:
        return None  # "Jobcenter" alone: which one? The helper adds it by hand.
    emails: tuple[str, ...] = ()
    if sender_is_agency and "@" in addr and addr.rsplit("@", 1)[1] not in FREEMAIL:
        if starter is not None and not starter.shared and starter.kind is kind:
            emails = (starter.domain,)
        else:
            emails = (addr,)
    state, state_from = (starter.state, "domain") if starter and starter.state else (None, "")
    if state is None:
        state = _state_from_text(text, name)
        state_from = "postcode" if state else ""
    return AgencyProposal(kind, name, emails, state, state_from)
