"""Messages with their attachments, provenance (where each copy was seen) and search rows.

A message is identified by the SHA-256 of its raw bytes: the same content
imported or synced twice is stored once, with one more provenance row.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from helperdesk.model import Attachment, Direction, Message, Provenance, Source
from i18n import _
from storage._rows import datetime_or_none, from_json, now_iso, to_json
from storage.errors import NotFound

if TYPE_CHECKING:
    from storage.connection import Connection
    from storage.store import Store


@dataclass(frozen=True)
class MessageSummary:
    """One row of a message list: what lists, search results and the CLI show."""

    id: int
    message_id: str | None
    subject: str
    date: dt.datetime | None
    from_addr: str
    direction: Direction
    source: Source
    household_id: int | None
    household: str | None
    case_id: int | None
    case: str | None

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "message_id": self.message_id,
            "subject": self.subject,
            "date": self.date.isoformat() if self.date else None,
            "from": self.from_addr,
            "direction": self.direction.value,
            "source": self.source.value,
            "household": self.household,
            "case": self.case,
        }


SUMMARY_SELECT = (
    "SELECT m.id, m.message_id, m.subject, m.date, m.from_addr, m.direction, m.source,"
    " m.household_id, h.name, m.case_id, c.title"
    " FROM messages m LEFT JOIN households h ON h.id = m.household_id"
    " LEFT JOIN cases c ON c.id = m.case_id"
)


def summary_from_row(row: tuple[Any, ...]) -> MessageSummary:
    return MessageSummary(
        id=int(row[0]),
        message_id=row[1],
        subject=str(row[2]),
        date=datetime_or_none(row[3]),
        from_addr=str(row[4]),
        direction=Direction(row[5]),
        source=Source(row[6]),
        household_id=row[7],
        household=row[8],
        case_id=row[9],
        case=row[10],
    )


@dataclass(frozen=True)
class ThreadRow:
    """A list row with the headers that link it into a conversation."""

    summary: MessageSummary
    in_reply_to: str | None
    references: tuple[str, ...]


_THREAD_SELECT = SUMMARY_SELECT.replace(
    " FROM messages m", ", m.in_reply_to, m.refs FROM messages m", 1)


def _thread_row(r: tuple[Any, ...]) -> ThreadRow:
    return ThreadRow(summary_from_row(r[:11]), r[11],
                     tuple(x for x in from_json(r[12], []) if x))


@dataclass(frozen=True)
class ReplyFacts:
    """What never changes about a stored mail and tells whether it asks or answers.

    Direction, date, Message-ID, In-Reply-To/References and the analysis are
    written once, when the mail is stored; only the filing (household, case)
    changes later, see ``Messages.placements``.
    """

    id: int
    direction: Direction
    date: dt.datetime | None
    message_id: str | None
    links: tuple[str, ...]  # In-Reply-To and References
    letter_type: str | None
    agency: str | None  # the agency the analysis recognised, by name


@dataclass(frozen=True)
class Placement:
    household_id: int | None
    case_id: int | None
    case_has_agency: bool


_FACTS_SELECT = (
    "SELECT id, direction, date, message_id, in_reply_to, refs,"
    " json_extract(analysis, '$.letter_type'), json_extract(analysis, '$.agency.name')"
    " FROM messages"
)


def _facts_from_row(r: tuple[Any, ...]) -> ReplyFacts:
    refs = [x for x in from_json(r[5], []) if x]
    links = tuple(dict.fromkeys([*([r[4]] if r[4] else []), *refs]))
    return ReplyFacts(
        id=int(r[0]), direction=Direction(r[1]), date=datetime_or_none(r[2]), message_id=r[3],
        links=links, letter_type=r[6], agency=r[7],
    )


@dataclass(frozen=True)
class AddResult:
    id: int
    new: bool


class Messages:
    def __init__(self, store: Store) -> None:
        self._store = store

    def has_content(self, content_hash: str) -> bool:
        """Whether a message with exactly these bytes is stored."""
        with self._store.reading() as conn:
            return conn.execute(
                "SELECT 1 FROM messages WHERE content_hash=?", (content_hash,)
            ).fetchone() is not None

    def filed_ancestor(
        self, in_reply_to: str | None, references: list[str]
    ) -> tuple[int | None, int | None]:
        """Household and case of the nearest filed ancestor in a mail's thread."""
        with self._store.reading() as conn:
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

    def add(self, message: Message, *, analysis: dict[str, Any] | None = None) -> AddResult:
        """Store a message (or only its new provenance if the content is known)."""
        with self._store.transaction() as conn:
            row = conn.execute(
                "SELECT id FROM messages WHERE content_hash=?", (message.content_hash,)
            ).fetchone()
            if row is not None:
                mid = int(row[0])
                for prov in message.provenance:
                    _add_provenance(conn, mid, prov)
                return AddResult(mid, False)
            cur = conn.execute(
                "INSERT INTO messages(content_hash, raw, source, direction, message_id,"
                " in_reply_to, refs, date, subject, from_addr, to_addrs, cc_addrs, body,"
                " problems, household_id, case_id, imported, analysis)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    message.content_hash,
                    message.raw,
                    message.source.value,
                    message.direction.value,
                    message.message_id,
                    message.in_reply_to,
                    to_json(message.references),
                    message.date.isoformat() if message.date else None,
                    message.subject,
                    message.from_addr,
                    to_json(message.to_addrs),
                    to_json(message.cc_addrs),
                    message.text,
                    to_json(message.problems),
                    message.household_id,
                    message.case_id,
                    now_iso(),
                    to_json(analysis or {}),
                ),
            )
            mid = int(cur.lastrowid or 0)
            conn.executemany(
                "INSERT INTO attachments(message_ref, filename, mime_type, size, data, text,"
                " needs_ocr, ocr) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    (mid, a.filename, a.mime_type, a.size, a.data, a.text, int(a.needs_ocr),
                     to_json(a.ocr))
                    for a in message.attachments
                ],
            )
            for prov in message.provenance:
                _add_provenance(conn, mid, prov)
            _index(conn, mid, message)
            message.id = mid
            return AddResult(mid, True)

    def file(self, message_id: int, household_id: int | None, case_id: int | None) -> None:
        """Assign a message to a household and case (None leaves it unfiled)."""
        with self._store.transaction() as conn:
            conn.execute(
                "UPDATE messages SET household_id=?, case_id=? WHERE id=?",
                (household_id, case_id, message_id),
            )
            # Deadlines found in a message belong where the message is filed
            # (a change a calendar must see: the revision goes up).
            conn.execute(
                "UPDATE deadlines SET household_id=?, case_id=?, revision=revision+1, changed=?"
                " WHERE message_ref=? AND (household_id IS NOT ? OR case_id IS NOT ?)",
                (household_id, case_id, now_iso(), message_id, household_id, case_id),
            )
            conn.execute("DELETE FROM search_index WHERE rowid=?", (message_id,))
            _index(conn, message_id)

    def get(self, message_id: int) -> Message:
        with self._store.reading() as conn:
            row = conn.execute(
                "SELECT id, raw, content_hash, subject, date, from_addr, direction, source,"
                " message_id, in_reply_to, refs, to_addrs, cc_addrs, body, household_id,"
                " case_id, problems FROM messages WHERE id=?",
                (message_id,),
            ).fetchone()
            if row is None:
                raise NotFound(_("No message with id {message_id}.").format(message_id=message_id))
            attachments = [
                Attachment(id=a[0], filename=a[1], mime_type=a[2], data=a[3], text=a[4],
                           needs_ocr=bool(a[5]), ocr=from_json(a[6], {}))
                for a in conn.execute(
                    "SELECT id, filename, mime_type, data, text, needs_ocr, ocr FROM attachments"
                    " WHERE message_ref=? ORDER BY id",
                    (message_id,),
                )
            ]
            provenance = [
                Provenance(source=Source(p[0]), account=p[1], folder=p[2], uidvalidity=p[3],
                           uid=p[4], filename=p[5], deleted_on_server=datetime_or_none(p[6]))
                for p in conn.execute(
                    "SELECT source, account, folder, uidvalidity, uid, filename,"
                    " deleted_on_server FROM provenance WHERE message_ref=? ORDER BY id",
                    (message_id,),
                )
            ]
        return Message(
            id=row[0], raw=row[1], content_hash=row[2], subject=row[3],
            date=datetime_or_none(row[4]), from_addr=row[5], direction=Direction(row[6]),
            source=Source(row[7]), message_id=row[8], in_reply_to=row[9],
            references=from_json(row[10], []), to_addrs=from_json(row[11], []),
            cc_addrs=from_json(row[12], []), text=row[13], household_id=row[14],
            case_id=row[15], problems=from_json(row[16], []), attachments=attachments,
            provenance=provenance,
        )

    def analysis(self, message_id: int) -> dict[str, Any]:
        with self._store.reading() as conn:
            row = conn.execute("SELECT analysis FROM messages WHERE id=?", (message_id,)).fetchone()
        if row is None:
            raise NotFound(_("No message with id {message_id}.").format(message_id=message_id))
        result: dict[str, Any] = from_json(row[0], {})
        return result

    def find(
        self,
        *,
        household_id: int | None = None,
        case_id: int | None = None,
        unfiled: bool = False,
        limit: int | None = None,
        offset: int = 0,
    ) -> list[MessageSummary]:
        where, args = _filters(household_id, case_id, unfiled)
        sql, args = _newest_first(f"{SUMMARY_SELECT}{where}", args, limit, offset)
        with self._store.reading() as conn:
            return [summary_from_row(r) for r in conn.execute(sql, args)]

    def thread_rows(
        self,
        *,
        household_id: int | None = None,
        case_id: int | None = None,
        unfiled: bool = False,
        limit: int | None = None,
        offset: int = 0,
        message_ids: list[str] | None = None,
    ) -> list[ThreadRow]:
        """Like ``list`` (newest first, paged) with threading headers; or, with
        ``message_ids``, the mails among the same filter that carry those Message-IDs."""
        where, args = _filters(household_id, case_id, unfiled)
        if message_ids is not None:
            where += (" AND " if where else " WHERE ") + (
                "m.message_id IN (SELECT value FROM json_each(?))")
            args.append(to_json(message_ids))
        select = _THREAD_SELECT
        if message_ids is not None:
            # Look the few IDs up directly; the case index would read the whole case.
            select = select.replace(" FROM messages m",
                                    " FROM messages m INDEXED BY messages_msgid")
        sql, args = _newest_first(f"{select}{where}", args, limit, offset)
        with self._store.reading() as conn:
            return [_thread_row(r) for r in conn.execute(sql, args)]

    def count(
        self, *, household_id: int | None = None, case_id: int | None = None, unfiled: bool = False
    ) -> int:
        where, args = _filters(household_id, case_id, unfiled)
        with self._store.reading() as conn:
            return int(conn.execute(f"SELECT count(*) FROM messages m{where}", args).fetchone()[0])

    def reply_facts(
        self, *, after_id: int | None = None, ids: list[int] | None = None,
        limit: int = 2000,
    ) -> list[ReplyFacts]:
        """Facts of the mails stored after ``after_id`` (oldest first), or of ``ids``.

        Reading a message row walks past its raw bytes, so a scan of every mail
        is slow on a big store; callers keep what they read and ask only for
        mails added since (a rowid range) or for a few ids.
        """
        with self._store.reading() as conn:
            if ids is not None:
                rows = conn.execute(
                    f"{_FACTS_SELECT} WHERE id IN (SELECT value FROM json_each(?))",
                    (to_json(ids),)).fetchall()
            else:
                rows = conn.execute(f"{_FACTS_SELECT} WHERE id > ? ORDER BY id LIMIT ?",
                                    (after_id or 0, limit)).fetchall()
        return [_facts_from_row(r) for r in rows]

    def placements(self, ids: list[int]) -> dict[int, Placement]:
        """Where each of ``ids`` is filed, read from an index alone (no message rows)."""
        if not ids:
            return {}
        with self._store.reading() as conn:
            rows = conn.execute(
                "SELECT m.rowid, m.household_id, m.case_id, c.agency_id IS NOT NULL"
                " FROM messages m INDEXED BY messages_household_case"
                " LEFT JOIN cases c ON c.id = m.case_id"
                " WHERE m.rowid IN (SELECT value FROM json_each(?))",
                (to_json(ids),),
            ).fetchall()
        return {int(r[0]): Placement(r[1], r[2], bool(r[3])) for r in rows}

    def summaries(self, ids: list[int]) -> list[MessageSummary]:
        """List rows for the given ids (any order; missing ids are left out)."""
        if not ids:
            return []
        with self._store.reading() as conn:
            return [summary_from_row(r) for r in conn.execute(
                f"{SUMMARY_SELECT} WHERE m.id IN (SELECT value FROM json_each(?))",
                (to_json(ids),))]

    def sender_households(self, sender: str) -> list[int]:
        """The households whose filed mail came from ``sender`` (at most two: "several")."""
        with self._store.reading() as conn:
            return [int(r[0]) for r in conn.execute(
                "SELECT DISTINCT household_id FROM messages WHERE from_addr = ? COLLATE NOCASE"
                " AND household_id IS NOT NULL LIMIT 2", (sender,))]

    def ids_by_message_id(self, message_ids: list[str]) -> dict[str, int]:
        """Map RFC Message-IDs to stored ids (for threading); duplicates keep the first."""
        found: dict[str, int] = {}
        with self._store.reading() as conn:
            for mid_header in message_ids:
                row = conn.execute(
                    "SELECT id FROM messages WHERE message_id=? ORDER BY id LIMIT 1", (mid_header,)
                ).fetchone()
                if row is not None:
                    found[mid_header] = int(row[0])
        return found


def _newest_first(
    sql: str, args: list[Any], limit: int | None, offset: int
) -> tuple[str, list[Any]]:
    """Order a message query newest first and page it (``limit=None``: all rows)."""
    sql += " ORDER BY m.date DESC, m.id DESC"
    if limit is None:
        return sql, args
    return sql + " LIMIT ? OFFSET ?", [*args, limit, offset]


def _filters(
    household_id: int | None, case_id: int | None, unfiled: bool
) -> tuple[str, list[Any]]:
    clauses: list[str] = []
    args: list[Any] = []
    if household_id is not None:
        clauses.append("m.household_id = ?")
        args.append(household_id)
    if case_id is not None:
        clauses.append("m.case_id = ?")
        args.append(case_id)
    if unfiled:
        clauses.append("(m.household_id IS NULL OR m.case_id IS NULL)")
    return ((" WHERE " + " AND ".join(clauses)) if clauses else "", args)


def _add_provenance(conn: Connection, mid: int, prov: Provenance) -> None:
    if prov.source is Source.IMAP:
        conn.execute(
            "INSERT OR IGNORE INTO provenance(message_ref, source, account, folder, uidvalidity,"
            " uid, seen) VALUES (?, 'imap', ?, ?, ?, ?, ?)",
            (mid, prov.account, prov.folder, prov.uidvalidity, prov.uid, now_iso()),
        )
        return
    exists = conn.execute(
        "SELECT 1 FROM provenance WHERE message_ref=? AND source=? AND filename IS ?",
        (mid, prov.source.value, prov.filename),
    ).fetchone()
    if exists is None:
        conn.execute(
            "INSERT INTO provenance(message_ref, source, filename, seen) VALUES (?, ?, ?, ?)",
            (mid, prov.source.value, prov.filename, now_iso()),
        )


def reindex(conn: Connection, mid: int) -> None:
    """Rebuild a stored message's full-text row from what is stored (text read later)."""
    conn.execute("DELETE FROM search_index WHERE rowid=?", (mid,))
    _index(conn, mid)


def _index(conn: Connection, mid: int, message: Message | None = None) -> None:
    """(Re)build the message's full-text row; from ``message`` when it was just stored.

    Passing the message saves reading its body back out of the database, the
    larger half of indexing a freshly synced mail.
    """
    if message is None:
        row = conn.execute("SELECT subject, body FROM messages WHERE id=?", (mid,)).fetchone()
        subject, body = str(row[0]), str(row[1])
        attachment_text = "\n".join(
            str(t[0]) for t in conn.execute(
                "SELECT filename || ' ' || text FROM attachments WHERE message_ref=?", (mid,)
            )
        )
    else:
        subject, body = message.subject, message.text
        attachment_text = "\n".join(f"{a.filename} {a.text}" for a in message.attachments)
    names = conn.execute(
        "SELECT coalesce(h.name, ''), coalesce(c.title, ''), coalesce(a.name, '')"
        " FROM messages m LEFT JOIN households h ON h.id = m.household_id"
        " LEFT JOIN cases c ON c.id = m.case_id LEFT JOIN agencies a ON a.id = c.agency_id"
        " WHERE m.id=?",
        (mid,),
    ).fetchone()
    conn.execute(
        "INSERT INTO search_index(rowid, subject, body, attachments, names)"
        " VALUES (?, ?, ?, ?, ?)",
        (mid, subject, body, attachment_text, " ".join(str(x) for x in names)),
    )
