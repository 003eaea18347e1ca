"""Rows the reply audit reads: mail that went out, and forwards that came in.

Read-only and lean: the stored text and thread headers, the first bytes of the
raw mail (for headers the columns do not keep), the attachment count and what
the analysis said (forward, agency). No policy: the audit decides.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from storage._rows import datetime_or_none, from_json

if TYPE_CHECKING:
    from storage.store import Store

HEAD_BYTES = 4096  # the header block of a sent mail (Sent copies carry few Received lines)


@dataclass(frozen=True)
class AuditRow:
    id: int
    direction: str
    household_id: int | None
    case_id: int | None
    message_id: str | None
    subject: str
    date: dt.datetime | None
    from_addr: str
    to_addrs: tuple[str, ...]
    body: str
    in_reply_to: str | None
    references: tuple[str, ...]
    head: bytes
    attachments: int
    is_forward: bool
    agency: str | None


_SELECT = (
    "SELECT m.id, m.direction, m.household_id, m.case_id, m.message_id, m.subject, m.date,"
    " m.from_addr, m.to_addrs, m.cc_addrs, m.body, m.in_reply_to, m.refs,"
    " substr(m.raw, 1, ?), (SELECT count(*) FROM attachments a WHERE a.message_ref = m.id),"
    " coalesce(json_extract(m.analysis, '$.is_forward'), 0),"
    " json_extract(m.analysis, '$.agency.name')"
    " FROM messages m"
)


def _row(r: tuple[Any, ...]) -> AuditRow:
    return AuditRow(
        id=int(r[0]), direction=str(r[1]), household_id=r[2], case_id=r[3], message_id=r[4],
        subject=str(r[5]), date=datetime_or_none(r[6]), from_addr=str(r[7]),
        to_addrs=tuple(a.lower() for a in (*from_json(r[8], []), *from_json(r[9], []))),
        body=str(r[10] or ""), in_reply_to=r[11],
        references=tuple(x for x in from_json(r[12], []) if x), head=bytes(r[13] or b""),
        attachments=int(r[14]), is_forward=bool(r[15]), agency=r[16],
    )


def audit_rows(store: Store, household_id: int | None = None) -> list[AuditRow]:
    """Outgoing mail, and incoming mail the analysis saw as a forward, oldest first."""
    where = " WHERE (m.direction = 'out' OR json_extract(m.analysis, '$.is_forward') = 1)"
    args: list[Any] = [HEAD_BYTES]
    if household_id is not None:
        where += " AND m.household_id = ?"
        args.append(household_id)
    with store.reading() as conn:
        return [_row(r) for r in conn.execute(_SELECT + where + " ORDER BY m.date, m.id", args)]


def case_letters(store: Store, case_id: int) -> list[tuple[str, str | None, str, bool, str | None]]:
    """(direction, Message-ID, sender, is_forward, agency name) of a case's mails, oldest first."""
    with store.reading() as conn:
        rows = conn.execute(
            "SELECT direction, message_id, from_addr,"
            " coalesce(json_extract(analysis, '$.is_forward'), 0),"
            " json_extract(analysis, '$.agency.name')"
            " FROM messages WHERE case_id = ? ORDER BY date, id", (case_id,)).fetchall()
    return [(str(r[0]), r[1], str(r[2]), bool(r[3]), r[4]) for r in rows]
