"""Turn raw input (mail bytes or a PDF letter) into a Message ready to store.

Pure: parsing, attachment text and analysis run here, off any database
connection, so import and sync can prepare many messages in parallel and
write them in batches.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from helperdesk.analysis.analyze import GERMAN_TIME, Analysis, analyze_letter, analyze_mail
from helperdesk.intake.scan import (
    Recognised,
    empty_pages,
    image_mime,
    letter_text,
    merge_pages,
    pages_hash,
)
from helperdesk.mail.parse import parse_message
from helperdesk.mail.pdftext import extract_pdf_text
from helperdesk.model import Agency, Attachment, Direction, Message, Provenance, Source

# Text extraction of larger attachments costs more than it helps; they are
# still stored whole, and the problem list says their text was not read.
MAX_TEXT_EXTRACT_BYTES = 20 * 1024 * 1024


def content_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass
class Prepared:
    message: Message
    analysis: Analysis

    def analysis_json(self) -> dict[str, Any]:
        return self.analysis.to_json()


def _attachment(filename: str, mime_type: str, data: bytes, problems: list[str]) -> Attachment:
    att = Attachment(filename=filename, mime_type=mime_type, data=data)
    is_pdf = mime_type == "application/pdf" or filename.lower().endswith(".pdf")
    if is_pdf:
        if len(data) > MAX_TEXT_EXTRACT_BYTES:
            problems.append(f"attachment {filename!r} too large to read its text")
        else:
            pdf = extract_pdf_text(data)
            att.text, att.needs_ocr = pdf.text, pdf.needs_ocr
            problems.extend(f"{filename}: {p}" for p in pdf.problems)
    return att


def prepare_mail(
    raw: bytes,
    *,
    source: Source = Source.FILE,
    direction: Direction = Direction.IN,
    provenance: Provenance | None = None,
    directory: Sequence[Agency] = (),
    state: str | None = None,
) -> Prepared:
    """Parse, read attachments and analyse a mail; ``directory`` is the known agencies."""
    parsed = parse_message(raw)
    problems = list(parsed.problems)
    attachments = [
        _attachment(a.filename, a.mime_type, a.data, problems) for a in parsed.attachments
    ]
    message = Message(
        raw=raw,
        content_hash=content_hash(raw),
        subject=parsed.subject,
        date=parsed.date,
        from_addr=parsed.from_addr,
        direction=direction,
        source=source,
        message_id=parsed.message_id,
        in_reply_to=parsed.in_reply_to,
        references=list(parsed.references),
        to_addrs=list(parsed.to_addrs),
        cc_addrs=list(parsed.cc_addrs),
        text=parsed.text,
        problems=problems,
        attachments=attachments,
        provenance=[provenance] if provenance else [],
    )
    texts = [a.text for a in attachments if a.text]
    analysis = analyze_mail(parsed, attachment_texts=texts, directory=directory, state=state)
    analysis.problems = list(problems)
    return Prepared(message, analysis)


def prepare_paper(
    pdf: bytes,
    *,
    filename: str,
    directory: Sequence[Agency] = (),
    state: str | None = None,
    recognised: Recognised | None = None,
) -> Prepared:
    """A paper or portal letter: a message of its own with the PDF attached.

    Its date is the date printed on the letter (when one is found), which is
    also the posting date that deadlines are counted from. ``recognised``
    holds what OCR read on pages without a text layer; those pages' text
    replaces the (empty) layer's.
    """
    problems: list[str] = []
    att = _attachment(filename, "application/pdf", pdf, problems)
    if recognised is not None and att.text is not None:
        pages = extract_pdf_text(pdf).page_texts if recognised.texts else []
        if recognised.texts:
            att.text = letter_text(merge_pages(pages, recognised.texts))
            missing = [i for i in empty_pages(pages) if i not in recognised.texts]
            att.needs_ocr = bool(missing) and att.needs_ocr
            if not att.needs_ocr:
                problems[:] = [p for p in problems if "OCR needed" not in p]
        att.ocr = recognised.info()
        problems.extend(recognised.problems())
    if att.needs_ocr:
        problems.append("the PDF has no text layer (a scan): it needs OCR to be read")
    stem = filename.rsplit("/", 1)[-1]
    stem = stem[:-4] if stem.lower().endswith(".pdf") else stem
    return _letter(pdf, content_hash(pdf), stem.replace("_", " "), att.text, attachments=[att],
                   problems=problems, filename=filename, directory=directory, state=state)


def prepare_photos(
    pages: Sequence[tuple[str, bytes]],
    *,
    recognised: Recognised,
    directory: Sequence[Agency] = (),
    state: str | None = None,
) -> Prepared:
    """A letter photographed or scanned as images: one message, a page per image, in order.

    The images are kept exactly as given (as the message's attachments, each
    with the text read from it); the letter's text is the pages' texts in
    order, analysed as one. The same images in the same order are the same
    letter. Pages OCR could not read keep ``needs_ocr``.
    """
    problems = recognised.problems()
    attachments = []
    for index, (name, data) in enumerate(pages):
        text = recognised.texts.get(index, "")
        attachments.append(Attachment(
            filename=name, mime_type=image_mime(name), data=data, text=text,
            needs_ocr=index not in recognised.texts, ocr=recognised.info()))
    if any(a.needs_ocr for a in attachments):
        problems.append("some pages could not be read yet: they need OCR")
    first = pages[0][0].rsplit("/", 1)[-1] if pages else "letter"
    subject = first.rsplit(".", 1)[0].replace("_", " ")
    text = letter_text(a.text for a in attachments)
    return _letter(b"", pages_hash(d for _n, d in pages), subject, text,
                   attachments=attachments, problems=problems, filename=first,
                   directory=directory, state=state)


def _letter(
    raw: bytes, identity: str, subject: str, text: str, *, attachments: list[Attachment],
    problems: list[str], filename: str, directory: Sequence[Agency], state: str | None,
) -> Prepared:
    analysis = analyze_letter(text, subject=subject, directory=directory, state=state)
    date = (
        dt.datetime.combine(analysis.letter_date, dt.time(12), tzinfo=GERMAN_TIME)
        if analysis.letter_date
        else None
    )
    message = Message(
        raw=raw,
        content_hash=identity,
        subject=subject,
        date=date,
        from_addr="",
        direction=Direction.IN,
        source=Source.PAPER,
        text=text,
        problems=problems,
        attachments=attachments,
        provenance=[Provenance(source=Source.PAPER, filename=filename)],
    )
    analysis.problems = list(problems)
    return Prepared(message, analysis)
