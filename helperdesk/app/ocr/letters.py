"""Use case: a paper letter (a PDF or page images) read, with OCR where it has no text.

``read_pdf`` reads a PDF's text layer and sends only the pages without one
to the OCR worker (an image-only scan: all pages; a digital letter with a
scanned enclosure: those pages). ``read_photos`` reads page images, several
of which may be one letter. Both return a ``Prepared`` letter, analysed as
one text. When OCR cannot run (no Tesseract, no German data) the letter is
prepared all the same, marked "needs OCR" with the reason; nothing is lost.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from helperdesk.app import sandbox
from helperdesk.app.batch import Context, prepare_paper_in_sandbox
from helperdesk.app.ocr import engine
from helperdesk.app.sandbox import SandboxFailure
from helperdesk.intake.prepare import Prepared, prepare_photos
from helperdesk.intake.scan import Recognised, ocr_languages, repair_ocr
from helperdesk.model import Agency, Source

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class Reader:
    """How to read: for which household (languages, Bundesland), progress and cancel."""

    directory: Sequence[Agency] = ()
    state: str | None = None
    language: str | None = None  # the household's language code
    progress: Progress | None = None
    cancel: threading.Event | None = None
    attempts: int = 1  # the how-manyth try this is (the background reader counts)


def languages_for(language: str | None) -> str:
    state = engine.status()
    return ocr_languages(language, state.languages) if state.available else "deu"


def _recognise(
    call: Callable[[str], engine.Reading], reader: Reader, *, by_part: bool
) -> Recognised:
    try:
        reading = call(languages_for(reader.language))
    except engine.OcrUnavailable as exc:
        return Recognised(unavailable=str(exc), attempts=reader.attempts)
    found = Recognised(engine=reading.engine, languages=reading.languages,
                       attempts=reader.attempts)
    for page in reading.pages:
        key = page.part if by_part else page.index
        if page.error:
            found.failed[key] = page.error
        elif key >= 0:
            # A multi-page TIFF is one file: its pages' texts follow each other.
            earlier = found.texts.get(key)
            text = repair_ocr(page.text)
            found.texts[key] = text if earlier is None else f"{earlier}\n\n{text}"
    for key in found.failed:
        found.texts.pop(key, None)
    return found


def pages_to_read(pdf: bytes) -> list[int]:
    """The pages of a PDF that have no text layer (none if it cannot be opened).

    Found in the parsing sandbox: no PDF parser runs in the process with the key.
    """
    try:
        pages: list[int] = sandbox.shared().call("empty_pages", pdf)
    except SandboxFailure:
        return []
    return pages


def read_pdf(pdf: bytes, *, filename: str, reader: Reader) -> Prepared:
    """A PDF letter, with its text-less pages read by OCR."""
    pages = pages_to_read(pdf)
    recognised = None
    if pages:
        recognised = _recognise(
            lambda langs: engine.recognise_pdf_pages(
                pdf, pages, languages=langs, progress=reader.progress, cancel=reader.cancel),
            reader, by_part=False)
    context = Context(source=Source.PAPER, directory=reader.directory, state=reader.state)
    return prepare_paper_in_sandbox(pdf, filename, context, recognised=recognised)


def read_photos(pages: Sequence[tuple[str, bytes]], *, reader: Reader) -> Prepared:
    """Page images (file name, bytes) of one letter, in order, read by OCR."""
    images = [data for _name, data in pages]
    recognised = _recognise(
        lambda langs: engine.recognise_images(
            images, languages=langs, progress=reader.progress, cancel=reader.cancel),
        reader, by_part=True)
    return prepare_photos(pages, recognised=recognised, directory=reader.directory,
                          state=reader.state)
