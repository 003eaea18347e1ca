"""Cases that wait for a document from another agency's case ("waits for: …").

Rows only: which case waits, for which case, for what, since when, when to
follow up, and when it was done (marked, or the document arrived). The use
case in ``helperdesk.app.case_waits`` decides.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from i18n import _
from storage._rows import date_or_none, datetime_or_none, now_iso
from storage.errors import NotFound

if TYPE_CHECKING:
    from storage.store import Store


@dataclass
class CaseWait:
    waiting_case: int
    for_case: int
    document: str
    follow_up: dt.date
    letter_ref: int | None = None
    created: dt.datetime | None = None
    done: dt.datetime | None = None
    done_ref: int | None = None
    after_ref: int = 0  # the newest stored message when the link was made
    id: int | None = None


_COLUMNS = ("id, waiting_case, for_case, document, letter_ref, created, follow_up, done,"
            " done_ref, after_ref")


def _wait(r: tuple[Any, ...]) -> CaseWait:
    return CaseWait(id=int(r[0]), waiting_case=int(r[1]), for_case=int(r[2]),
                    document=str(r[3]), letter_ref=r[4], created=datetime_or_none(r[5]),
                    follow_up=date_or_none(r[6]) or dt.date.min, done=datetime_or_none(r[7]),
                    done_ref=r[8], after_ref=int(r[9]))


class CaseWaits:
    def __init__(self, store: Store) -> None:
        self._store = store

    def add(self, wait: CaseWait) -> CaseWait:
        with self._store.transaction() as conn:
            cur = conn.execute(
                "INSERT INTO case_waits(waiting_case, for_case, document, letter_ref, created,"
                " follow_up, after_ref) VALUES (?, ?, ?, ?, ?, ?,"
                " (SELECT coalesce(max(id), 0) FROM messages))",
                (wait.waiting_case, wait.for_case, wait.document, wait.letter_ref, now_iso(),
                 wait.follow_up.isoformat()))
        wait.id = int(cur.lastrowid or 0)
        return self.get(wait.id)

    def get(self, wait_id: int) -> CaseWait:
        with self._store.reading() as conn:
            row = conn.execute(f"SELECT {_COLUMNS} FROM case_waits WHERE id=?",
                               (wait_id,)).fetchone()
        if row is None:
            raise NotFound(_(
                "No waiting link with id {wait_id}.").format(
                wait_id=wait_id))
        return _wait(row)

    def list_all(self, *, case_id: int | None = None, open_only: bool = False) -> list[CaseWait]:
        """Links (of one case, on either side), oldest first."""
        clauses, args = [], []
        if case_id is not None:
            clauses.append("(waiting_case = ? OR for_case = ?)")
            args += [case_id, case_id]
        if open_only:
            clauses.append("done IS NULL")
        where = f" WHERE {' AND '.join(clauses)}" if clauses else ""
        with self._store.reading() as conn:
            return [_wait(r) for r in conn.execute(
                f"SELECT {_COLUMNS} FROM case_waits{where} ORDER BY id", args)]

    def mark_done(self, wait_id: int, message_ref: int | None = None) -> None:
        with self._store.transaction() as conn:
            cur = conn.execute("UPDATE case_waits SET done=?, done_ref=? WHERE id=?",
                               (now_iso(), message_ref, wait_id))
        if cur.rowcount == 0:
            raise NotFound(_(
                "No waiting link with id {wait_id}.").format(
                wait_id=wait_id))

    def first_letter_after(self, case_id: int, after_ref: int) -> int | None:
        """The first incoming mail filed in ``case_id`` and stored after message ``after_ref``."""
        with self._store.reading() as conn:
            row = conn.execute(
                "SELECT id FROM messages WHERE case_id = ? AND direction = 'in' AND id > ?"
                " ORDER BY id LIMIT 1", (case_id, after_ref)).fetchone()
        return None if row is None else int(row[0])
