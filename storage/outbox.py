"""The Outbox (drafts and mail on its way out) and the links replies create.

An outbox row keeps the exact bytes that are (or will be) sent, so a retry sends
the same Message-ID. Its ``status`` moves draft → queued → sending → accepted
(the SMTP server took it) → sent (filed into Sent and stored in the case);
``failed`` keeps the error for a retry, ``uncertain`` marks a mail that may have
gone out and is never sent again on its own. The use case decides the moves;
this module only records them.

``ReplyLinks`` records documents passed on from one case to another and the
agency originals recovered from households' forwards.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from i18n import _
from storage._rows import datetime_or_none, from_json, now_iso, to_json
from storage.errors import NotFound

if TYPE_CHECKING:
    from storage.store import Store

STATUSES = ("draft", "queued", "sending", "accepted", "sent", "failed", "uncertain")


@dataclass
class OutboxEntry:
    message_id: str
    raw: bytes
    status: str = "draft"
    account: str | None = None
    subject: str = ""
    recipients: list[str] = field(default_factory=list)
    reply_to_ref: int | None = None
    household_id: int | None = None
    case_id: int | None = None
    documents: list[dict[str, Any]] = field(default_factory=list)  # passed-on documents
    error: str = ""
    attempts: int = 0
    accepted: dt.datetime | None = None
    filed: dt.datetime | None = None
    stored_ref: int | None = None
    created: dt.datetime | None = None
    id: int | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id, "status": self.status, "message_id": self.message_id,
            "account": self.account, "subject": self.subject, "to": self.recipients,
            "error": self.error, "attempts": self.attempts,
            "accepted": self.accepted.isoformat() if self.accepted else None,
            "filed": self.filed.isoformat() if self.filed else None,
            "stored_message": self.stored_ref,
        }


_COLUMNS = (
    "id, message_id, raw, status, account, subject, recipients, reply_to_ref, household_id,"
    " case_id, documents, error, attempts, accepted, filed, stored_ref, created"
)


def _entry(r: tuple[Any, ...]) -> OutboxEntry:
    return OutboxEntry(
        id=int(r[0]), message_id=str(r[1]), raw=bytes(r[2]), status=str(r[3]), account=r[4],
        subject=str(r[5]), recipients=from_json(r[6], []), reply_to_ref=r[7],
        household_id=r[8], case_id=r[9], documents=from_json(r[10], []), error=str(r[11]),
        attempts=int(r[12]), accepted=datetime_or_none(r[13]), filed=datetime_or_none(r[14]),
        stored_ref=r[15], created=datetime_or_none(r[16]),
    )


class Outbox:
    def __init__(self, store: Store) -> None:
        self._store = store

    def add(self, entry: OutboxEntry) -> OutboxEntry:
        now = now_iso()
        with self._store.transaction() as conn:
            cur = conn.execute(
                "INSERT INTO outbox(message_id, raw, status, account, subject, recipients,"
                " reply_to_ref, household_id, case_id, documents, error, created, updated)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (entry.message_id, entry.raw, entry.status, entry.account, entry.subject,
                 to_json(entry.recipients), entry.reply_to_ref, entry.household_id,
                 entry.case_id, to_json(entry.documents), entry.error, now, now),
            )
        entry.id = int(cur.lastrowid or 0)
        return entry

    def get(self, entry_id: int) -> OutboxEntry:
        with self._store.reading() as conn:
            row = conn.execute(f"SELECT {_COLUMNS} FROM outbox WHERE id=?",
                               (entry_id,)).fetchone()
        if row is None:
            raise NotFound(_(
                "No outbox entry with id {entry_id}.").format(
                entry_id=entry_id))
        return _entry(row)

    def by_message_id(self, message_id: str) -> OutboxEntry | None:
        with self._store.reading() as conn:
            row = conn.execute(f"SELECT {_COLUMNS} FROM outbox WHERE message_id=?",
                               (message_id,)).fetchone()
        return None if row is None else _entry(row)

    def list_all(self, statuses: tuple[str, ...] = ()) -> list[OutboxEntry]:
        sql = f"SELECT {_COLUMNS} FROM outbox"
        args: list[Any] = []
        if statuses:
            sql += f" WHERE status IN ({', '.join('?' * len(statuses))})"
            args = list(statuses)
        with self._store.reading() as conn:
            return [_entry(r) for r in conn.execute(sql + " ORDER BY id", args)]

    def update(self, entry_id: int, *, status: str, error: str = "", attempt: bool = False,
               accepted: bool = False, filed: bool = False, stored_ref: int | None = None,
               raw: bytes | None = None) -> None:
        """Move an entry to ``status`` (committed at once: the send protocol relies on it)."""
        assert status in STATUSES
        now = now_iso()
        with self._store.transaction() as conn:
            cur = conn.execute(
                "UPDATE outbox SET status=?, error=?, attempts=attempts+?,"
                " accepted=CASE WHEN ? THEN ? ELSE accepted END,"
                " filed=CASE WHEN ? THEN ? ELSE filed END,"
                " stored_ref=coalesce(?, stored_ref), raw=coalesce(?, raw), updated=?"
                " WHERE id=?",
                (status, error, int(attempt), int(accepted), now, int(filed), now, stored_ref,
                 raw, now, entry_id),
            )
        if cur.rowcount == 0:
            raise NotFound(_(
                "No outbox entry with id {entry_id}.").format(
                entry_id=entry_id))

    def remove(self, entry_id: int) -> None:
        with self._store.transaction() as conn:
            conn.execute("DELETE FROM outbox WHERE id=? AND status IN ('draft', 'failed')",
                         (entry_id,))


@dataclass(frozen=True)
class PassedOn:
    message_ref: int
    filename: str
    from_case: int | None
    to_case: int | None
    sent_ref: int | None
    passed: dt.datetime | None


class ReplyLinks:
    def __init__(self, store: Store) -> None:
        self._store = store

    def record_passed_on(self, message_ref: int, filename: str, from_case: int | None,
                         to_case: int | None, sent_ref: int | None) -> None:
        with self._store.transaction() as conn:
            conn.execute(
                "INSERT INTO passed_on(message_ref, filename, from_case, to_case, sent_ref,"
                " passed) VALUES (?, ?, ?, ?, ?, ?)",
                (message_ref, filename, from_case, to_case, sent_ref, now_iso()))

    def passed_on(self, case_id: int) -> list[PassedOn]:
        """Documents passed on from or to ``case_id``, oldest first."""
        with self._store.reading() as conn:
            rows = conn.execute(
                "SELECT message_ref, filename, from_case, to_case, sent_ref, passed"
                " FROM passed_on WHERE from_case=? OR to_case=? ORDER BY id",
                (case_id, case_id)).fetchall()
        return [PassedOn(r[0], r[1], r[2], r[3], r[4], datetime_or_none(r[5])) for r in rows]

    def record_origin(self, message_ref: int, forward_ref: int, forwarded_by: str) -> None:
        with self._store.transaction() as conn:
            conn.execute(
                "INSERT OR IGNORE INTO forward_origins(message_ref, forward_ref, forwarded_by)"
                " VALUES (?, ?, ?)", (message_ref, forward_ref, forwarded_by))

    def original_of(self, forward_ref: int) -> int | None:
        """The stored agency original recovered from the forward ``forward_ref``."""
        with self._store.reading() as conn:
            row = conn.execute("SELECT message_ref FROM forward_origins WHERE forward_ref=?"
                               " ORDER BY message_ref LIMIT 1", (forward_ref,)).fetchone()
        return None if row is None else int(row[0])

    def forwarded_by(self, message_ref: int) -> str | None:
        """Who forwarded the recovered original ``message_ref`` (None: not recovered)."""
        with self._store.reading() as conn:
            row = conn.execute("SELECT forwarded_by FROM forward_origins WHERE message_ref=?",
                               (message_ref,)).fetchone()
        return None if row is None else str(row[0])
