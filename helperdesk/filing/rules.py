"""Assign an incoming message to one of the household's cases, with the reason.

Rules, in order (the first that gives exactly one case wins):

1. a known processing ID of a case in the subject (unless the letter contradicts
   it: another ID of the same kind in the body, an attachment or the quote),
2. … in the new (unquoted) body,
3. … in an attachment,
4. the case of the thread the message belongs to,
5. the sender address belongs to exactly one open case,
6. a known processing ID in forwarded content (only for forwards: there the
   history *is* the letter; in a reply the quoted history may belong to an
   older matter, so it never decides on its own and comes last),

else unassigned. IDs compare by their whole canonical value (upper case, no
whitespace), never by substring, so "1234" does not match "S 12 AS 1234/24".
When one rule points to several cases, open cases are preferred; if it is
still ambiguous the next rule is tried.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from helperdesk.analysis.ids.extract import canonical
from helperdesk.model import CaseStatus, Found, ProcessingId

# IDs shorter than this are too generic to identify a case.
_MIN_ID_LENGTH = 4


class FilingRule(StrEnum):
    SUBJECT_ID = "subject_id"
    BODY_ID = "body_id"
    ATTACHMENT_ID = "attachment_id"
    THREAD = "thread"
    SENDER = "sender"
    FORWARDED_ID = "forwarded_id"
    UNASSIGNED = "unassigned"


@dataclass(frozen=True)
class CaseView:
    """What filing needs to know about one case."""

    id: int
    household_id: int
    status: CaseStatus = CaseStatus.OPEN
    processing_ids: tuple[str, ...] = ()  # values as entered; compared canonically
    sender_addresses: tuple[str, ...] = ()  # addresses seen on this case's mail


@dataclass(frozen=True)
class FilingDecision:
    case_id: int | None
    rule: FilingRule
    reason: str


def _pick(candidates: Iterable[CaseView]) -> CaseView | None:
    unique = {c.id: c for c in candidates}
    if len(unique) == 1:
        return next(iter(unique.values()))
    open_ = [c for c in unique.values() if c.status is CaseStatus.OPEN]
    return open_[0] if len(open_) == 1 else None


def assign_case(
    found_ids: Sequence[ProcessingId],
    cases: Sequence[CaseView],
    *,
    thread_case_id: int | None = None,
    sender: str = "",
    household_id: int | None = None,
    is_forward: bool = False,
    suspect_ids: Sequence[str] = (),
) -> FilingDecision:
    """Choose the case for a message (see the module docstring for the rules).

    ``suspect_ids``: subject IDs the letter contradicts (another household's or
    an old number, see :mod:`helperdesk.analysis.ids.conflicts`); never filed by.
    """
    suspect = {canonical(v) for v in suspect_ids}
    pool = [c for c in cases if household_id is None or c.household_id == household_id]
    index: dict[str, list[CaseView]] = {}
    for case in pool:
        for value in case.processing_ids:
            v = canonical(value)
            if len(v) >= _MIN_ID_LENGTH:
                index.setdefault(v, []).append(case)

    def by_ids(where: Found) -> tuple[CaseView | None, str]:
        hits: list[tuple[CaseView, ProcessingId]] = []
        for pid in found_ids:
            if pid.found_in is where and not (
                where is Found.SUBJECT and canonical(pid.value) in suspect
            ):
                hits.extend((c, pid) for c in index.get(canonical(pid.value), ()))
        chosen = _pick(c for c, _ in hits)
        if chosen is None:
            return None, ""
        pid = next(p for c, p in hits if c.id == chosen.id)
        return chosen, f"{pid.kind.value} {pid.value} in {where.value}"

    for where, rule in (
        (Found.SUBJECT, FilingRule.SUBJECT_ID),
        (Found.BODY, FilingRule.BODY_ID),
        (Found.ATTACHMENT, FilingRule.ATTACHMENT_ID),
    ):
        hit, why = by_ids(where)
        if hit is not None:
            return FilingDecision(hit.id, rule, why)
    # The thread's case counts unless it belongs to another household.
    if thread_case_id is not None and (not pool or any(c.id == thread_case_id for c in pool)):
        return FilingDecision(thread_case_id, FilingRule.THREAD, "earlier message of the thread")
    addr = sender.strip().lower()
    if addr:
        owners = [
            c
            for c in pool
            if c.status is CaseStatus.OPEN
            and addr in {a.strip().lower() for a in c.sender_addresses}
        ]
        if len({c.id for c in owners}) == 1:
            return FilingDecision(
                owners[0].id, FilingRule.SENDER, f"sender {addr} belongs to this case"
            )
    if is_forward:
        hit, why = by_ids(Found.QUOTED)
        if hit is not None:
            return FilingDecision(hit.id, FilingRule.FORWARDED_ID, why)
    return FilingDecision(None, FilingRule.UNASSIGNED, "no rule matched")
