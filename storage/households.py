"""Households and their members."""

from __future__ import annotations

from typing import TYPE_CHECKING

from helperdesk.model import Household, Member
from i18n import _
from storage._rows import date_or_none, now_iso
from storage.connection import IntegrityError
from storage.errors import Conflict, NotFound

if TYPE_CHECKING:
    from storage.store import Store

_COLUMNS = "id, name, language, state, notes, authorisation, authorisation_expires"


class Households:
    def __init__(self, store: Store) -> None:
        self._store = store

    def add(self, household: Household) -> Household:
        try:
            with self._store.transaction() as conn:
                cur = conn.execute(
                    "INSERT INTO households(name, language, state, notes, authorisation,"
                    " authorisation_expires, created) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (*_columns(household), now_iso()),
                )
                hid = int(cur.lastrowid or 0)
                self._write_members(hid, household.members)
        except IntegrityError:
            raise Conflict(_(
                "A household named {name!r} already exists.").format(
                name=household.name)) from None
        household.id = hid
        return household

    def update(self, household: Household) -> None:
        assert household.id is not None
        try:
            with self._store.transaction() as conn:
                conn.execute(
                    "UPDATE households SET name=?, language=?, state=?, notes=?,"
                    " authorisation=?, authorisation_expires=? WHERE id=?",
                    (*_columns(household), household.id),
                )
                conn.execute("DELETE FROM members WHERE household_id=?", (household.id,))
                self._write_members(household.id, household.members)
        except IntegrityError:
            raise Conflict(_(
                "A household named {name!r} already exists.").format(
                name=household.name)) from None

    def _write_members(self, hid: int, members: list[Member]) -> None:
        self._store.conn.executemany(
            "INSERT INTO members(household_id, name, birth_date, relation) VALUES (?, ?, ?, ?)",
            [
                (hid, m.name, m.birth_date.isoformat() if m.birth_date else None, m.relation)
                for m in members
            ],
        )

    def remove(self, household_id: int) -> None:
        with self._store.transaction() as conn:
            conn.execute("DELETE FROM households WHERE id=?", (household_id,))

    def list_all(self) -> list[Household]:
        with self._store.reading() as conn:
            rows = conn.execute(
                f"SELECT {_COLUMNS} FROM households ORDER BY name COLLATE NOCASE"
            ).fetchall()
            return [self._from_row(row) for row in rows]

    def get(self, household_id: int) -> Household:
        with self._store.reading() as conn:
            row = conn.execute(
                f"SELECT {_COLUMNS} FROM households WHERE id=?", (household_id,)
            ).fetchone()
            if row is None:
                raise NotFound(_(
                    "No household with id {household_id}.").format(
                    household_id=household_id))
            return self._from_row(row)

    def by_name(self, name: str) -> Household:
        with self._store.reading() as conn:
            row = conn.execute(
                f"SELECT {_COLUMNS} FROM households WHERE name = ? COLLATE NOCASE",
                (name.strip(),),
            ).fetchone()
            if row is None:
                raise NotFound(_(
                    "No household named {name!r}. See 'helperdesk household list'.").format(
                    name=name))
            return self._from_row(row)

    def _from_row(self, row: tuple[object, ...]) -> Household:
        hid = int(row[0])  # type: ignore[call-overload]
        members = [
            Member(name=str(m[0]), birth_date=date_or_none(m[1]), relation=str(m[2]))
            for m in self._store.conn.execute(
                "SELECT name, birth_date, relation FROM members WHERE household_id=? ORDER BY id",
                (hid,),
            )
        ]
        return Household(
            id=hid,
            name=str(row[1]),
            language=str(row[2]),
            state=row[3] if row[3] is None else str(row[3]),
            notes=str(row[4]),
            authorisation=str(row[5]),
            authorisation_expires=date_or_none(row[6]),  # type: ignore[arg-type]
            members=members,
        )


def _columns(h: Household) -> tuple[object, ...]:
    """name, language, state, notes, authorisation, authorisation_expires."""
    expires = h.authorisation_expires.isoformat() if h.authorisation_expires else None
    return (h.name.strip(), h.language, h.state, h.notes, h.authorisation, expires)
