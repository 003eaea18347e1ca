"""Write prepared messages into the store: message, attachments, search row, filing.

Shared by file import (CLI, drag and drop) and IMAP sync so that every
message, however it arrived, is stored, analysed and filed the same way:
household from the caller (account default, import option) or the thread;
case by the filing rules (helperdesk.filing.rules); suggested deadlines as
unconfirmed rows for the helper to accept.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from helperdesk.filing.rules import CaseView, assign_case
from helperdesk.intake.prepare import Prepared
from helperdesk.model import CaseStatus, Deadline, Direction
from storage.messages import AddResult

if TYPE_CHECKING:
    from storage.connection import Connection
    from storage.store import Store


def store_prepared(
    store: Store, prepared: Prepared, *, household_id: int | None = None
) -> AddResult:
    """Store, file and schedule one prepared message (in the caller's transaction if open)."""
    message = prepared.message
    analysis = prepared.analysis
    with store.unit() as conn:
        known = conn.execute(
            "SELECT id FROM messages WHERE content_hash=?", (message.content_hash,)
        ).fetchone()
        if known is None:
            thread_household, thread_case = _thread_of(conn, message.in_reply_to,
                                                       message.references)
            hid = household_id if household_id is not None else thread_household
            message.household_id = hid
            if hid is not None:
                decision = assign_case(
                    analysis.processing_ids,
                    _case_views(conn, hid, message.from_addr),
                    thread_case_id=thread_case if thread_household == hid else None,
                    sender=message.from_addr,
                    household_id=hid,
                    is_forward=analysis.is_forward,
                )
                message.case_id = decision.case_id
        result = store.messages.add(message, analysis=analysis.to_json())
        if result.new and message.direction is Direction.IN:
            for s in analysis.deadlines:
                store.deadlines.add(Deadline(
                    household_id=message.household_id, case_id=message.case_id,
                    message_id=result.id, date=s.date, time=s.time, kind=s.kind,
                    basis=s.basis, evidence=s.evidence, explanation=list(s.explanation),
                ))
    return result


def _thread_of(
    conn: Connection, in_reply_to: str | None, references: list[str]
) -> tuple[int | None, int | None]:
    """Household and case of the nearest filed ancestor in the thread."""
    for parent in [in_reply_to, *reversed(references)]:
        if not parent:
            continue
        row = conn.execute(
            "SELECT household_id, case_id FROM messages WHERE message_id=?"
            " AND household_id IS NOT NULL ORDER BY id LIMIT 1",
            (parent,),
        ).fetchone()
        if row is not None:
            return row[0], row[1]
    return None, None


def _case_views(conn: Connection, household_id: int, sender: str) -> list[CaseView]:
    """The household's cases with their IDs, and whether ``sender`` wrote in each before."""
    views = []
    for cid, status in conn.execute(
        "SELECT id, status FROM cases WHERE household_id=?", (household_id,)
    ).fetchall():
        ids = tuple(str(v) for (v,) in conn.execute(
            "SELECT value FROM case_ids WHERE case_id=?", (cid,)))
        known = sender != "" and conn.execute(
            "SELECT 1 FROM messages WHERE from_addr = ? COLLATE NOCASE AND case_id = ?"
            " AND direction = 'in' LIMIT 1", (sender, cid)).fetchone() is not None
        views.append(CaseView(id=cid, household_id=household_id, status=CaseStatus(status),
                              processing_ids=ids, sender_addresses=(sender,) if known else ()))
    return views
