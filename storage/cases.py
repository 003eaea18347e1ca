"""Cases (one household's matter with one agency) and the processing IDs they carry."""

from __future__ import annotations

from typing import TYPE_CHECKING

from helperdesk.filing import CaseView
from helperdesk.model import Case, CaseStatus, Found, IdKind, ProcessingId
from i18n import _
from storage._rows import now_iso
from storage.errors import NotFound

if TYPE_CHECKING:
    from storage.connection import Connection
    from storage.store import Store


class Cases:
    def __init__(self, store: Store) -> None:
        self._store = store

    def add(self, case: Case) -> Case:
        with self._store.transaction() as conn:
            cur = conn.execute(
                "INSERT INTO cases(household_id, agency_id, title, status, created)"
                " VALUES (?, ?, ?, ?, ?)",
                (case.household_id, case.agency_id, case.title, case.status.value, now_iso()),
            )
            case.id = int(cur.lastrowid or 0)
            for pid in case.processing_ids:
                _insert_id(conn, case.id, pid)
        return case

    def filing_views(self, household_id: int, sender: str) -> list[CaseView]:
        """The household's cases with their IDs, and whether ``sender`` wrote in each before."""
        views = []
        with self._store.reading() as conn:
            for cid, status in conn.execute(
                "SELECT id, status FROM cases WHERE household_id=?", (household_id,)
            ).fetchall():
                ids = tuple(str(v) for (v,) in conn.execute(
                    "SELECT value FROM case_ids WHERE case_id=?", (cid,)))
                known = sender != "" and conn.execute(
                    "SELECT 1 FROM messages WHERE from_addr = ? COLLATE NOCASE AND case_id = ?"
                    " AND direction = 'in' LIMIT 1", (sender, cid)).fetchone() is not None
                views.append(CaseView(
                    id=cid, household_id=household_id, status=CaseStatus(status),
                    processing_ids=ids, sender_addresses=(sender,) if known else ()))
        return views

    def add_id(self, case_id: int, pid: ProcessingId) -> None:
        with self._store.transaction() as conn:
            _insert_id(conn, case_id, pid)

    def set_status(self, case_id: int, status: CaseStatus) -> None:
        with self._store.transaction() as conn:
            conn.execute("UPDATE cases SET status=? WHERE id=?", (status.value, case_id))

    def rename(self, case_id: int, title: str) -> None:
        with self._store.transaction() as conn:
            if conn.execute("UPDATE cases SET title=? WHERE id=?", (title, case_id)).rowcount == 0:
                raise NotFound(_(
                    "No case with id {case_id}.").format(
                    case_id=case_id))

    def set_agency(self, case_id: int, agency_id: int | None) -> None:
        with self._store.transaction() as conn:
            cur = conn.execute("UPDATE cases SET agency_id=? WHERE id=?", (agency_id, case_id))
            if cur.rowcount == 0:
                raise NotFound(_(
                    "No case with id {case_id}.").format(
                    case_id=case_id))

    def list_all(self) -> list[Case]:
        """Every case of every household, by household and title."""
        with self._store.reading() as conn:
            rows = conn.execute(
                "SELECT id, household_id, agency_id, title, status FROM cases"
                " ORDER BY household_id, status, title COLLATE NOCASE"
            ).fetchall()
            return [self._from_row(conn, r) for r in rows]

    def get(self, case_id: int) -> Case:
        with self._store.reading() as conn:
            row = conn.execute(
                "SELECT id, household_id, agency_id, title, status FROM cases WHERE id=?",
                (case_id,),
            ).fetchone()
            if row is None:
                raise NotFound(_("No case with id {case_id}.").format(case_id=case_id))
            return self._from_row(conn, row)

    def for_household(self, household_id: int) -> list[Case]:
        with self._store.reading() as conn:
            rows = conn.execute(
                "SELECT id, household_id, agency_id, title, status FROM cases"
                " WHERE household_id=? ORDER BY status, title",
                (household_id,),
            ).fetchall()
            return [self._from_row(conn, r) for r in rows]

    def agency_names(self) -> dict[int, str]:
        """The agency name of every case that has an agency (for lists across households)."""
        with self._store.reading() as conn:
            rows = conn.execute(
                "SELECT c.id, a.name FROM cases c JOIN agencies a ON a.id = c.agency_id"
            ).fetchall()
        return {int(r[0]): str(r[1]) for r in rows}

    def id_owners(self) -> dict[str, list[tuple[int, str]]]:
        """Each case ID value with its cases: (case id, "agency or title (household)")."""
        with self._store.reading() as conn:
            rows = conn.execute(
                "SELECT i.value, c.id, coalesce(a.name, c.title), h.name FROM case_ids i"
                " JOIN cases c ON c.id = i.case_id JOIN households h ON h.id = c.household_id"
                " LEFT JOIN agencies a ON a.id = c.agency_id ORDER BY c.id").fetchall()
        owners: dict[str, list[tuple[int, str]]] = {}
        for value, cid, what, household in rows:
            owners.setdefault(str(value), []).append((int(cid), f"{what} ({household})"))
        return owners

    def _from_row(self, conn: Connection, row: tuple[object, ...]) -> Case:
        cid = int(row[0])  # type: ignore[call-overload]
        ids = [
            ProcessingId(value=str(v), kind=IdKind(str(k)), raw=str(v), label=str(lbl),
                         found_in=Found.BODY)
            for k, v, lbl in conn.execute(
                "SELECT kind, value, label FROM case_ids WHERE case_id=? ORDER BY id", (cid,)
            )
        ]
        return Case(
            id=cid,
            household_id=int(row[1]),  # type: ignore[call-overload]
            agency_id=None if row[2] is None else int(row[2]),  # type: ignore[call-overload]
            title=str(row[3]),
            status=CaseStatus(str(row[4])),
            processing_ids=ids,
        )


def _insert_id(conn: Connection, case_id: int, pid: ProcessingId) -> None:
    conn.execute(
        "INSERT OR IGNORE INTO case_ids(case_id, kind, value, label) VALUES (?, ?, ?, ?)",
        (case_id, pid.kind.value, pid.value, pid.label),
    )
