"""The work done on bytes from strangers, as called inside a sandbox worker.

Each function here takes untrusted bytes and returns plain results; none of
them is ever called in the process that holds the store key (see
``helperdesk.app.sandbox``). They never raise for a bad input: a mail that
cannot be read comes back "stored raw" with its problem named.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from helperdesk.analysis.analyze import Analysis
from helperdesk.intake.prepare import Prepared, content_hash, prepare_mail, prepare_paper
from helperdesk.intake.scan import Recognised, empty_pages
from helperdesk.mail.htmlsafe import header_block
from helperdesk.mail.parse import ParsedMail, parse_message
from helperdesk.mail.pdfrender import RenderedPage, render_pdf_pages
from helperdesk.mail.pdftext import extract_pdf_text
from helperdesk.model import Agency, Attachment, Direction, Message, Provenance, Source
from helperdesk.replies.forwards import Original, recover_original

# At and above this size a mail is stored whole but only its header is read:
# parsing 25 MB of attachments would take long and much memory, and the
# helper still sees sender, subject and date.
HUGE_BYTES = 25 * 1024 * 1024
# The header block read when a mail is too large or too complex: enough for
# any real header, small enough to parse in milliseconds.
HEAD_BYTES = 64 * 1024



@dataclass(frozen=True)
class Context:
    """What analysis needs to know: the known agencies and the household's state."""

    source: Source = Source.FILE
    directory: Sequence[Agency] = ()
    state: str | None = None


TOO_COMPLEX = "too complex to read safely: stored unread, open or export it to see its content"


def prepare_safely(
    raw: bytes, direction: Direction, provenance: Provenance | None, context: Context
) -> Prepared:
    """prepare_mail with HelperDesk's limits; never raises for a bad mail."""
    try:
        if len(raw) >= HUGE_BYTES:
            return prepare_head(raw, direction, provenance, context,
                                f"mail too large to read ({len(raw) // (1024 * 1024)} MB): "
                                "stored unread, open or export it to see its content")
        return prepare_mail(raw, source=context.source, direction=direction,
                            provenance=provenance, directory=context.directory,
                            state=context.state)
    except Exception as exc:  # one bad mail must never stop an import or a sync
        return raw_only(raw, direction, provenance, context.source,
                        f"mail could not be read ({type(exc).__name__})")


def head_block(raw: bytes) -> bytes:
    """The header block of ``raw`` (at most HEAD_BYTES), ready to parse as a mail."""
    return header_block(raw, HEAD_BYTES)


def prepare_head(
    raw: bytes, direction: Direction, provenance: Provenance | None, context: Context,
    problem: str,
) -> Prepared:
    """Only the header block goes through the parser (so analysis and search see
    subject and sender); raw and hash are those of the whole mail."""
    prepared = prepare_mail(head_block(raw), source=context.source, direction=direction,
                            provenance=provenance, directory=context.directory,
                            state=context.state)
    msg = prepared.message
    msg.raw = raw
    msg.content_hash = content_hash(raw)
    msg.attachments = []
    msg.text = ""
    msg.problems = [problem]
    prepared.analysis.problems = [problem]
    return prepared


def raw_only(
    raw: bytes, direction: Direction, provenance: Provenance | None, source: Source,
    problem: str,
) -> Prepared:
    """A mail kept exactly as received, with no parsed fields, and why."""
    message = Message(
        raw=raw, content_hash=content_hash(raw), subject="", date=None, from_addr="",
        direction=direction, source=source, problems=[problem],
        provenance=[provenance] if provenance else [],
    )
    return Prepared(message, Analysis.nothing([problem]))


def paper_unread(pdf: bytes, filename: str, problem: str) -> Prepared:
    """A paper letter kept whole, its text not read, and why (no parser runs here)."""
    stem = filename.rsplit("/", 1)[-1]
    stem = stem[:-4] if stem.lower().endswith(".pdf") else stem
    message = Message(
        raw=pdf, content_hash=content_hash(pdf), subject=stem.replace("_", " "), date=None,
        from_addr="", direction=Direction.IN, source=Source.PAPER, problems=[problem],
        attachments=[Attachment(filename=filename, mime_type="application/pdf", data=pdf)],
        provenance=[Provenance(source=Source.PAPER, filename=filename)],
    )
    return Prepared(message, Analysis.nothing([problem]))


def paper(pdf: bytes, filename: str, context: Context,
          recognised: Recognised | None = None) -> Prepared:
    """prepare_paper (with what OCR read on text-less pages, if any); never raises."""
    try:
        return prepare_paper(pdf, filename=filename, directory=context.directory,
                             state=context.state, recognised=recognised)
    except Exception as exc:
        return paper_unread(pdf, filename, f"letter could not be read ({type(exc).__name__})")


def display_html(raw: bytes) -> str | None:
    """The sanitised HTML of a mail, for the reader."""
    try:
        return parse_message(raw).html
    except Exception:
        return None


def render(pdf: bytes, scale: float, max_pages: int) -> list[RenderedPage]:
    """Pages of a PDF as raw pixels for the app's viewer."""
    return render_pdf_pages(pdf, scale=scale, max_pages=max_pages)


def forwarded_original(raw: bytes) -> Original | None:
    """The agency's mail inside a household's forward (attached or inline), if any."""
    return recover_original(raw)


def parsed(raw: bytes) -> ParsedMail:
    """A mail parsed, for use cases that read a draft's or a letter's fields."""
    return parse_message(raw)


def empty_pdf_pages(pdf: bytes) -> list[int]:
    """The pages of a PDF without a text layer (none if it cannot be opened)."""
    text = extract_pdf_text(pdf)
    if text.encrypted or not text.pages:
        return []
    return empty_pages(text.page_texts)
