"""CalDAV calendars to push deadlines to, and what each was last sent."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from i18n import _
from storage._rows import now_iso
from storage.connection import IntegrityError
from storage.errors import Conflict, NotFound

if TYPE_CHECKING:
    from storage.store import Store


@dataclass
class CalendarAccount:
    name: str
    url: str  # the calendar collection, ending in "/"
    username: str = ""
    redact: bool = False
    allow_insecure: bool = False
    alarms: str = ""  # "" = the default list
    last_push: str | None = None
    id: int | None = None


@dataclass(frozen=True)
class PushedEvent:
    uid: str
    href: str
    etag: str | None
    fingerprint: str


_COLUMNS = "id, name, url, username, redact, allow_insecure, alarms, last_push"


class Calendars:
    def __init__(self, store: Store) -> None:
        self._store = store

    def add(self, cal: CalendarAccount) -> CalendarAccount:
        try:
            with self._store.transaction() as conn:
                cur = conn.execute(
                    "INSERT INTO calendars(name, url, username, redact, allow_insecure, alarms,"
                    " created) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (cal.name, cal.url, cal.username, int(cal.redact), int(cal.allow_insecure),
                     cal.alarms, now_iso()))
        except IntegrityError:
            raise Conflict(f"A calendar named {cal.name!r} already exists.") from None
        cal.id = int(cur.lastrowid or 0)
        return cal

    def list_all(self) -> list[CalendarAccount]:
        with self._store.reading() as conn:
            rows = conn.execute(f"SELECT {_COLUMNS} FROM calendars ORDER BY name").fetchall()
        return [_from_row(r) for r in rows]

    def by_name(self, name: str) -> CalendarAccount:
        with self._store.reading() as conn:
            row = conn.execute(f"SELECT {_COLUMNS} FROM calendars WHERE name = ? COLLATE NOCASE",
                               (name.strip(),)).fetchone()
        if row is None:
            raise NotFound(_(
                "No calendar named {name}. See 'helperdesk calendar list'.").format(
                name=repr(name)))
        return _from_row(row)

    def remove(self, calendar_id: int) -> None:
        with self._store.transaction() as conn:
            conn.execute("DELETE FROM calendars WHERE id=?", (calendar_id,))

    def set_stored_password(self, calendar_id: int, password: str | None) -> None:
        with self._store.transaction() as conn:
            conn.execute("UPDATE calendars SET password=? WHERE id=?", (password, calendar_id))

    def stored_password(self, calendar_id: int) -> str | None:
        with self._store.reading() as conn:
            row = conn.execute("SELECT password FROM calendars WHERE id=?",
                               (calendar_id,)).fetchone()
        return None if row is None or row[0] is None else str(row[0])

    def set_last_push(self, calendar_id: int) -> None:
        with self._store.transaction() as conn:
            conn.execute("UPDATE calendars SET last_push=? WHERE id=?", (now_iso(), calendar_id))

    def pushed(self, calendar_id: int) -> dict[str, PushedEvent]:
        with self._store.reading() as conn:
            rows = conn.execute(
                "SELECT uid, href, etag, fingerprint FROM calendar_events WHERE calendar_id=?",
                (calendar_id,)).fetchall()
        return {str(r[0]): PushedEvent(str(r[0]), str(r[1]), r[2], str(r[3])) for r in rows}

    def record_pushed(self, calendar_id: int, event: PushedEvent) -> None:
        with self._store.transaction() as conn:
            conn.execute(
                "INSERT INTO calendar_events(calendar_id, uid, href, etag, fingerprint, pushed)"
                " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(calendar_id, uid) DO UPDATE SET"
                " href=excluded.href, etag=excluded.etag, fingerprint=excluded.fingerprint,"
                " pushed=excluded.pushed",
                (calendar_id, event.uid, event.href, event.etag, event.fingerprint, now_iso()))

    def forget_pushed(self, calendar_id: int, uid: str) -> None:
        with self._store.transaction() as conn:
            conn.execute("DELETE FROM calendar_events WHERE calendar_id=? AND uid=?",
                         (calendar_id, uid))


def _from_row(r: tuple[object, ...]) -> CalendarAccount:
    return CalendarAccount(
        id=int(r[0]), name=str(r[1]), url=str(r[2]),  # type: ignore[call-overload]
        username=str(r[3]), redact=bool(r[4]), allow_insecure=bool(r[5]), alarms=str(r[6]),
        last_push=None if r[7] is None else str(r[7]),
    )
