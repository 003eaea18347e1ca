"""The agency directory: named agencies with their kind, mail addresses/domains and state."""

from __future__ import annotations

from typing import TYPE_CHECKING

from helperdesk.model import Agency, AgencyKind
from i18n import _
from storage._rows import from_json, to_json
from storage.connection import IntegrityError
from storage.errors import Conflict, NotFound

if TYPE_CHECKING:
    from storage.store import Store


class Agencies:
    def __init__(self, store: Store) -> None:
        self._store = store

    def add(self, agency: Agency) -> Agency:
        emails = sorted({e.strip().lower() for e in agency.emails if e.strip()})
        try:
            with self._store.transaction() as conn:
                cur = conn.execute(
                    "INSERT INTO agencies(name, kind, emails, state) VALUES (?, ?, ?, ?)",
                    (agency.name.strip(), agency.kind.value, to_json(emails), agency.state),
                )
        except IntegrityError:
            raise Conflict(_(
                "An agency named {name!r} already exists.").format(
                name=agency.name)) from None
        agency.id = int(cur.lastrowid or 0)
        agency.emails = emails
        return agency

    def update(self, agency: Agency) -> None:
        assert agency.id is not None
        emails = sorted({e.strip().lower() for e in agency.emails if e.strip()})
        try:
            with self._store.transaction() as conn:
                conn.execute(
                    "UPDATE agencies SET name=?, kind=?, emails=?, state=? WHERE id=?",
                    (agency.name.strip(), agency.kind.value, to_json(emails), agency.state,
                     agency.id),
                )
        except IntegrityError:
            raise Conflict(_(
                "An agency named {name!r} already exists.").format(
                name=agency.name)) from None

    def list_all(self) -> list[Agency]:
        with self._store.reading() as conn:
            rows = conn.execute(
                "SELECT id, name, kind, emails, state FROM agencies ORDER BY name COLLATE NOCASE"
            ).fetchall()
        return [_from_row(r) for r in rows]

    def get(self, agency_id: int) -> Agency:
        with self._store.reading() as conn:
            row = conn.execute(
                "SELECT id, name, kind, emails, state FROM agencies WHERE id=?", (agency_id,)
            ).fetchone()
        if row is None:
            raise NotFound(_("No agency with id {agency_id}.").format(agency_id=agency_id))
        return _from_row(row)

    def by_name(self, name: str) -> Agency:
        with self._store.reading() as conn:
            row = conn.execute(
                "SELECT id, name, kind, emails, state FROM agencies WHERE name=? COLLATE NOCASE",
                (name.strip(),),
            ).fetchone()
        if row is None:
            raise NotFound(_(
                "No agency named {name!r}. See 'helperdesk agency list'.").format(
                name=name))
        return _from_row(row)


def _from_row(row: tuple[object, ...]) -> Agency:
    return Agency(
        id=int(row[0]),  # type: ignore[call-overload]
        name=str(row[1]),
        kind=AgencyKind(str(row[2])),
        emails=list(from_json(str(row[3]), [])),
        state=None if row[4] is None else str(row[4]),
    )
