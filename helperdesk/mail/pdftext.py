"""Text of a PDF (a scanned or portal letter, or a mail attachment) via PDFium.

PDFium (through pypdfium2) is the PDF engine of Chromium, fuzzed without
pause by its project; it reads a letter page in about a third of the time
the pure-Python pypdf took (about 0.7 ms against 2.4 ms), which counts in a
first sync of thousands of mails. Works from bytes in memory, never from a
temp file, and never raises: broken, truncated or password-protected files
come back with ``problems`` filled in. A PDF that has pages but (almost) no
text layer is marked ``needs_ocr``; OCR itself is later work.

PDFium gives a page's text in reading order with a line break per line; the
blank lines between paragraphs, which the deadline and agency rules read,
are put back here from the gap between one line and the next.

Security: unlike pypdf, PDFium is native code reading files from strangers.
It is the engine Chromium ships to every user and fuzzes continuously, and
the dependency asks for a recent build; in HelperDesk every PDF is
read in sandboxed worker processes (``helperdesk.app.sandbox``), which hold
no store key and run under memory and time limits; the process that holds
the key never calls this module.
"""

from __future__ import annotations

import ctypes
import re
import threading
from dataclasses import dataclass, field
from typing import Any

# Fewer visible characters per page than this means the page is an image.
_MIN_CHARS_PER_PAGE = 20
# Guard against pathological files: stop extracting after this many pages.
MAX_PAGES = 200
# A gap between two lines larger than this share of a line's height is a
# paragraph break (PDFium's text has no empty lines).
_PARAGRAPH_GAP = 0.5
# PDFium ends a line with CR LF; U+FFFE marks a word hyphenated at a line's end.
_LINE_BREAK = re.compile("(\r\n|[\r\n\ufffe])")

# PDFium may not be used from two threads at once (the desktop app reads a
# dropped letter on its GUI thread while a sync may read attachments).
_LOCK = threading.Lock()


@dataclass
class PdfText:
    text: str = ""
    pages: int = 0
    needs_ocr: bool = False
    encrypted: bool = False
    problems: list[str] = field(default_factory=list)
    # Each page's text in page order ("" for a page whose text was unreadable).
    page_texts: list[str] = field(default_factory=list)


def load_engine() -> None:
    """Load PDFium now (a sandbox worker does this before it locks itself in)."""
    import pypdfium2  # noqa: PLC0415
    import pypdfium2.raw  # noqa: F401, PLC0415


def extract_pdf_text(data: bytes) -> PdfText:
    """Text of all pages of the PDF in ``data`` (pages separated by a line break)."""
    result = PdfText()
    if not data.lstrip()[:5].startswith(b"%PDF"):
        result.problems.append("not a PDF file")
        if b"%PDF" not in data[:1024]:
            return result
    # Imported on first use: most mails carry no PDF. The package import
    # initialises the library; the raw bindings are the calls themselves.
    import pypdfium2  # noqa: F401, PLC0415
    import pypdfium2.raw as pdfium  # noqa: PLC0415

    texts: list[str] = []
    with _LOCK:
        # PDFium reads ``data`` in place: it stays referenced until the close.
        doc = pdfium.FPDF_LoadMemDocument64(data, len(data), None)
        if not doc:
            _load_problem(pdfium, int(pdfium.FPDF_GetLastError()), result)
            return result
        try:
            result.encrypted = pdfium.FPDF_GetSecurityHandlerRevision(doc) != -1
            result.pages = max(0, int(pdfium.FPDF_GetPageCount(doc)))
            for index in range(min(result.pages, MAX_PAGES)):
                text = _page_text(pdfium, doc, index)
                if text is None:  # one broken page must not lose the others
                    result.problems.append(f"page {index + 1} text unreadable")
                else:
                    texts.append(text)
                result.page_texts.append((text or "").strip("\n"))
        finally:
            pdfium.FPDF_CloseDocument(doc)
    if result.pages > MAX_PAGES:
        result.problems.append(f"only the first {MAX_PAGES} pages were read")
    result.text = "\n".join(t.strip("\n") for t in texts).strip()
    visible = len("".join(result.text.split()))  # non-space characters, counted in C
    if result.pages and visible < _MIN_CHARS_PER_PAGE * min(result.pages, MAX_PAGES) / 2:
        result.needs_ocr = True
        result.problems.append("no text layer (scanned image?); OCR needed")
    return result


def _load_problem(pdfium: Any, error: int, result: PdfText) -> None:
    if error == pdfium.FPDF_ERR_PASSWORD:
        # Files "encrypted" with an empty user password open without asking.
        result.encrypted = True
        result.problems.append("PDF is password-protected; text not readable")
    elif error == pdfium.FPDF_ERR_SECURITY:
        result.encrypted = True
        result.problems.append("encrypted PDF could not be opened: unsupported encryption")
    else:
        reason = {pdfium.FPDF_ERR_FORMAT: "damaged or not a PDF",
                  pdfium.FPDF_ERR_FILE: "file cannot be read"}.get(error, f"error {error}")
        result.problems.append(f"PDF unreadable: {reason}")


def _page_text(pdfium: Any, doc: Any, index: int) -> str | None:
    page = pdfium.FPDF_LoadPage(doc, index)
    if not page:
        return None
    try:
        textpage = pdfium.FPDFText_LoadPage(page)
        if not textpage:
            return None
        try:
            count = int(pdfium.FPDFText_CountChars(textpage))
            if count <= 0:
                return ""
            buffer = (ctypes.c_ushort * (count + 1))()
            written = int(pdfium.FPDFText_GetText(textpage, 0, count, buffer))
            raw = bytes(buffer)[: max(written - 1, 0) * 2]  # UTF-16, without the final NUL
            return _with_paragraphs(pdfium, textpage, raw.decode("utf-16-le", "replace"))
        finally:
            pdfium.FPDFText_ClosePage(textpage)
    finally:
        pdfium.FPDF_ClosePage(page)


def _with_paragraphs(pdfium: Any, textpage: Any, text: str) -> str:
    """``text`` with one line per line, a blank line at each paragraph gap, hyphens kept."""
    parts = _LINE_BREAK.split(text)
    rect = pdfium.FS_RECTF()
    out: list[str] = []
    previous: tuple[float, float] | None = None  # (top, bottom) of the last line's glyph
    unit = 0  # index of the line's first character in PDFium's UTF-16 units
    for i in range(0, len(parts), 2):
        line = parts[i]
        box = _first_glyph_box(pdfium, textpage, rect, unit, line)
        if previous is not None and box is not None:
            height = previous[0] - previous[1]
            if previous[1] - box[0] > _PARAGRAPH_GAP * height:
                out.append("")
        out.append(line)
        if box is not None:
            previous = box
        if i + 1 < len(parts):
            brk = parts[i + 1]
            if brk == "\ufffe":
                out[-1] += "-"
            unit += _units(line) + len(brk)
    return "\n".join(out)


def _first_glyph_box(
    pdfium: Any, textpage: Any, rect: Any, start: int, line: str
) -> tuple[float, float] | None:
    """Top and bottom of the line's first visible character (page units, y upwards)."""
    offset = 0
    for char in line[:8]:
        if not char.isspace() and pdfium.FPDFText_GetLooseCharBox(
            textpage, start + offset, rect
        ) and rect.top > rect.bottom:
            return float(rect.top), float(rect.bottom)
        offset += 2 if ord(char) > 0xFFFF else 1
    return None


def _units(text: str) -> int:
    """Length of ``text`` in UTF-16 code units (characters beyond U+FFFF take two)."""
    return len(text) if text.isascii() else len(text.encode("utf-16-le")) // 2
