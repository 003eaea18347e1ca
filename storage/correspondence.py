"""Facts about letters that went out and whether anything came back (for follow-ups)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from storage._rows import datetime_or_none

if TYPE_CHECKING:
    from storage.store import Store

TEXT_HEAD = 3000  # characters of the body the classification reads


@dataclass(frozen=True)
class SentFacts:
    id: int
    household_id: int
    case_id: int | None
    date: dt.datetime
    subject: str
    text_head: str
    agency_kind: str | None
    answered: bool  # an incoming mail in the same case after it, or a reply to it


class Correspondence:
    def __init__(self, store: Store) -> None:
        self._store = store

    def sent_since(self, since: dt.date) -> list[SentFacts]:
        """Outgoing mails and letters of households since ``since``, oldest first."""
        with self._store.reading() as conn:
            rows = conn.execute(
                "SELECT m.id, m.household_id, m.case_id, m.date, m.subject,"
                f" substr(m.body, 1, {TEXT_HEAD}), a.kind, m.message_id FROM messages m"
                " LEFT JOIN cases c ON c.id = m.case_id"
                " LEFT JOIN agencies a ON a.id = c.agency_id"
                " WHERE m.direction = 'out' AND m.household_id IS NOT NULL AND m.date >= ?"
                " ORDER BY m.date", (since.isoformat(),)).fetchall()
            latest_in = {
                int(r[0]): str(r[1]) for r in conn.execute(
                    "SELECT case_id, max(date) FROM messages WHERE direction = 'in'"
                    " AND case_id IS NOT NULL AND date IS NOT NULL GROUP BY case_id")}
            ids = [str(r[7]) for r in rows if r[7]]
            replied: set[str] = set()
            for start in range(0, len(ids), 500):
                chunk = ids[start:start + 500]
                marks = ",".join("?" * len(chunk))
                replied |= {str(r[0]) for r in conn.execute(
                    f"SELECT in_reply_to FROM messages WHERE direction = 'in'"
                    f" AND in_reply_to IN ({marks})", chunk)}
        out = []
        for r in rows:
            date = datetime_or_none(r[3])
            if date is None:
                continue
            later = latest_in.get(int(r[2])) if r[2] is not None else None
            answered = (r[7] is not None and str(r[7]) in replied) or (
                later is not None and _after(later, date))
            out.append(SentFacts(int(r[0]), int(r[1]), r[2], date, str(r[4]), str(r[5] or ""),
                                 r[6], answered))
        return out


def _after(text: str, moment: dt.datetime) -> bool:
    other = dt.datetime.fromisoformat(text)
    if (other.tzinfo is None) != (moment.tzinfo is None):
        other, moment = other.replace(tzinfo=None), moment.replace(tzinfo=None)
    return other > moment
