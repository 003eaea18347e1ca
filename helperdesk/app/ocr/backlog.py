"""Use case: read the stored letters that still "need OCR", in the background.

Letters imported before HelperDesk could read scans (or while Tesseract was
missing) are stored with ``needs_ocr``. ``read_backlog`` reads them one by
one, oldest first, and stores what it read through ``ingest.store_reading``
(text, printed date, analysis, new deadline suggestions, case by the IDs
found). It stops at once when OCR cannot run here (one sentence why), when
cancelled, or after ``limit`` letters; a letter that fails is tried again at
the next start, at most ``MAX_ATTEMPTS`` times.

Only paper letters are read; scanned PDFs attached to mails are not yet.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field

from helperdesk.app.ingest import reader_for, store_reading
from helperdesk.app.ocr import engine
from helperdesk.app.ocr.letters import Reader, read_pdf, read_photos
from helperdesk.intake.prepare import Prepared
from helperdesk.model import Message
from storage.readings import needing_ocr
from storage.store import Store

MAX_ATTEMPTS = 3

Progress = Callable[[int, int], None]  # letters done, letters in the backlog


@dataclass
class BacklogSummary:
    read: int = 0  # letters whose text OCR now read
    still_needing: int = 0  # letters OCR tried but could not (yet) read
    unavailable: str = ""  # why OCR could not run at all
    message_ids: list[int] = field(default_factory=list)

    def to_json(self) -> dict[str, object]:
        return {"read": self.read, "still_needing": self.still_needing,
                "unavailable": self.unavailable, "message_ids": self.message_ids}


def pending(store: Store) -> list[int]:
    """Ids of the stored letters that need OCR and may be tried again."""
    return needing_ocr(store, max_attempts=MAX_ATTEMPTS)


def _attempts(message: Message) -> int:
    counts = [a.ocr.get("attempts", 0) for a in message.attachments if a.needs_ocr]
    return max((int(c) for c in counts if isinstance(c, int)), default=0) + 1


def reread(message: Message, reader: Reader) -> Prepared | None:
    """The stored letter read again with OCR, or None if it is not a letter OCR can read."""
    pdfs = [a for a in message.attachments if a.mime_type == "application/pdf"]
    images = [a for a in message.attachments if a.mime_type.startswith("image/")]
    if len(pdfs) == 1 and not images:
        return read_pdf(pdfs[0].data, filename=pdfs[0].filename, reader=reader)
    if images and not pdfs:
        return read_photos([(a.filename, a.data) for a in images], reader=reader)
    return None


def read_backlog(
    store: Store, *, progress: Progress | None = None, cancel: threading.Event | None = None,
    limit: int | None = None,
) -> BacklogSummary:
    """Read the letters that need OCR; see the module's description."""
    summary = BacklogSummary()
    state = engine.status()
    if not state.available:
        summary.unavailable = state.reason
        return summary
    todo = pending(store)[:limit]
    for done, message_id in enumerate(todo):
        if cancel is not None and cancel.is_set():
            break
        message = store.messages.get(message_id)
        base = reader_for(store, message.household_id, cancel=cancel)
        reader = Reader(directory=base.directory, state=base.state, language=base.language,
                        cancel=cancel, attempts=_attempts(message))
        try:
            prepared = reread(message, reader)
        except engine.OcrCancelled:
            break
        if prepared is None:
            continue
        store_reading(store, message, prepared)
        if any(a.needs_ocr for a in prepared.message.attachments):
            summary.still_needing += 1
        else:
            summary.read += 1
            summary.message_ids.append(message_id)
        if progress is not None:
            progress(done + 1, len(todo))
    return summary
