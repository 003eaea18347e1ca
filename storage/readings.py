"""Letters read after they were stored: which still need OCR, and writing what was read.

A letter stored while OCR could not run (no Tesseract, a page that failed)
keeps ``needs_ocr`` on its attachment; once it is read, its text, posting
date, analysis and the attachments' texts are replaced here and its
full-text row is rebuilt. No decisions: the use case says what to write.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from helperdesk.model import Attachment
from storage._rows import to_json
from storage.messages import reindex

if TYPE_CHECKING:
    from storage.store import Store


def needing_ocr(store: Store, *, max_attempts: int, source: str = "paper") -> list[int]:
    """Ids of stored messages of ``source`` with an attachment that still needs OCR.

    Attachments tried ``max_attempts`` times already are left out (a page
    that fails every time is not tried for ever); oldest letters first.
    """
    with store.reading() as conn:
        return [int(r[0]) for r in conn.execute(
            "SELECT DISTINCT m.id FROM messages m JOIN attachments a ON a.message_ref = m.id"
            " WHERE a.needs_ocr = 1 AND m.source = ?"
            " AND coalesce(json_extract(a.ocr, '$.attempts'), 0) < ? ORDER BY m.id",
            (source, max_attempts))]


def record_reading(
    store: Store, message_id: int, *, text: str, date: dt.datetime | None,
    problems: Sequence[str], analysis: dict[str, Any], attachments: Sequence[Attachment],
) -> None:
    """Replace a stored letter's text, date, problems, analysis and attachment texts."""
    with store.transaction() as conn:
        conn.execute(
            "UPDATE messages SET body=?, date=?, problems=?, analysis=? WHERE id=?",
            (text, date.isoformat() if date else None, to_json(list(problems)),
             to_json(analysis), message_id))
        conn.executemany(
            "UPDATE attachments SET text=?, needs_ocr=?, ocr=? WHERE id=? AND message_ref=?",
            [(a.text, int(a.needs_ocr), to_json(a.ocr), a.id, message_id)
             for a in attachments if a.id is not None])
        reindex(conn, message_id)
