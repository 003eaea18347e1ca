"""Deadlines: suggested by analysis or entered by the helper, confirmed, done or dismissed."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from helperdesk.model import Deadline, DeadlineBasis, DeadlineKind, DeadlineStatus
from i18n import _
from storage._rows import datetime_or_none, from_json, now_iso, time_or_none, to_json
from storage.errors import NotFound

if TYPE_CHECKING:
    from storage.store import Store


@dataclass(frozen=True)
class DeadlineView:
    """A deadline with the names a list needs (household, agency, case)."""

    deadline: Deadline
    household: str | None
    case: str | None
    agency: str | None
    agency_kind: str | None = None
    follow_up: str | None = None  # a computed follow-up's key (not a stored deadline)

    def to_json(self) -> dict[str, Any]:
        d = self.deadline
        return {
            "id": d.id,
            "date": d.date.isoformat(),
            "time": d.time.strftime("%H:%M") if d.time else None,
            "kind": d.kind.value,
            "status": d.status.value,
            "basis": d.basis.value,
            "confirmed": d.confirmed,
            "evidence": d.evidence,
            "explanation": d.explanation,
            "note": d.note,
            "title": d.title,
            "household": self.household,
            "case": self.case,
            "agency": self.agency,
            "message": d.message_id,
        }


_SELECT = (
    "SELECT d.id, d.household_id, d.case_id, d.message_ref, d.date, d.time, d.kind, d.status,"
    " d.basis, d.evidence, d.explanation, d.note, d.confirmed, h.name, c.title, a.name,"
    " d.title, d.revision, d.changed, a.kind, d.created"
    " FROM deadlines d LEFT JOIN households h ON h.id = d.household_id"
    " LEFT JOIN cases c ON c.id = d.case_id LEFT JOIN agencies a ON a.id = c.agency_id"
)


class Deadlines:
    def __init__(self, store: Store) -> None:
        self._store = store

    def add(self, deadline: Deadline) -> Deadline:
        now = now_iso()
        with self._store.transaction() as conn:
            cur = conn.execute(
                "INSERT INTO deadlines(household_id, case_id, message_ref, date, time, kind,"
                " status, basis, evidence, explanation, note, confirmed, created, title,"
                " revision, changed)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?)",
                (
                    deadline.household_id, deadline.case_id, deadline.message_id,
                    deadline.date.isoformat(),
                    deadline.time.strftime("%H:%M") if deadline.time else None,
                    deadline.kind.value, deadline.status.value, deadline.basis.value,
                    deadline.evidence, to_json(deadline.explanation), deadline.note,
                    int(deadline.confirmed),
                    deadline.created.isoformat(timespec="seconds") if deadline.created else now,
                    deadline.title, now,
                ),
            )
        deadline.id = int(cur.lastrowid or 0)
        deadline.revision = 0
        deadline.changed = dt.datetime.fromisoformat(now)
        deadline.created = deadline.created or deadline.changed
        return deadline

    def get(self, deadline_id: int) -> DeadlineView:
        with self._store.reading() as conn:
            row = conn.execute(f"{_SELECT} WHERE d.id = ?", (deadline_id,)).fetchone()
        if row is None:
            raise NotFound(_(
                "No deadline with id {deadline_id}.").format(
                deadline_id=deadline_id))
        return _view(row)

    def set_status(self, deadline_id: int, status: DeadlineStatus) -> None:
        self._update(deadline_id, "status=?", status.value)

    def confirm(self, deadline_id: int) -> None:
        self._update(deadline_id, "confirmed=?", 1)

    def reschedule(self, deadline_id: int, date: dt.date, time: dt.time | None = None) -> None:
        with self._store.transaction() as conn:
            cur = conn.execute(
                "UPDATE deadlines SET date=?, time=?, confirmed=1, revision=revision+1, changed=?"
                " WHERE id=?",
                (date.isoformat(), time.strftime("%H:%M") if time else None, now_iso(),
                 deadline_id),
            )
            if cur.rowcount == 0:
                raise NotFound(_(
                    "No deadline with id {deadline_id}.").format(
                    deadline_id=deadline_id))

    def _update(self, deadline_id: int, assignment: str, value: object) -> None:
        with self._store.transaction() as conn:
            sql = f"UPDATE deadlines SET {assignment}, revision=revision+1, changed=? WHERE id=?"
            cur = conn.execute(sql, (value, now_iso(), deadline_id))
            if cur.rowcount == 0:
                raise NotFound(_(
                    "No deadline with id {deadline_id}.").format(
                    deadline_id=deadline_id))

    def by_message(self) -> dict[int, tuple[dt.date | None, int]]:
        """For each message with deadlines: its earliest open date and how many are closed."""
        with self._store.reading() as conn:
            rows = conn.execute(
                "SELECT message_ref, min(CASE WHEN status = 'open' THEN date END),"
                " sum(status != 'open') FROM deadlines WHERE message_ref IS NOT NULL"
                " GROUP BY message_ref"
            ).fetchall()
        return {int(r[0]): (dt.date.fromisoformat(r[1]) if r[1] else None, int(r[2]))
                for r in rows}

    def matching(
        self,
        *,
        status: DeadlineStatus | None = DeadlineStatus.OPEN,
        household_id: int | None = None,
        message_id: int | None = None,
        until: dt.date | None = None,
        changed_since: dt.datetime | None = None,
    ) -> list[DeadlineView]:
        """Deadlines by status (``None``: all), household, message, date and change time."""
        clauses: list[str] = []
        args: list[Any] = []
        if status is not None:
            clauses.append("d.status = ?")
            args.append(status.value)
        if household_id is not None:
            clauses.append("d.household_id = ?")
            args.append(household_id)
        if message_id is not None:
            clauses.append("d.message_ref = ?")
            args.append(message_id)
        if until is not None:
            clauses.append("d.date <= ?")
            args.append(until.isoformat())
        if changed_since is not None:
            clauses.append("d.changed >= ?")
            args.append(changed_since.astimezone(dt.UTC).isoformat(timespec="seconds"))
        where = (" WHERE " + " AND ".join(clauses)) if clauses else ""
        with self._store.reading() as conn:
            rows = conn.execute(f"{_SELECT}{where} ORDER BY d.date, d.time", args).fetchall()
        return [_view(r) for r in rows]


def _view(r: tuple[Any, ...]) -> DeadlineView:
    deadline = Deadline(
        id=r[0], household_id=r[1], case_id=r[2], message_id=r[3],
        date=dt.date.fromisoformat(r[4]), time=time_or_none(r[5]), kind=DeadlineKind(r[6]),
        status=DeadlineStatus(r[7]), basis=DeadlineBasis(r[8]), evidence=r[9],
        explanation=from_json(r[10], []), note=r[11], confirmed=bool(r[12]),
        title=r[16], revision=int(r[17]), changed=datetime_or_none(r[18]),
        created=datetime_or_none(r[20]),
    )
    return DeadlineView(deadline, household=r[13], case=r[14], agency=r[15], agency_kind=r[19])
