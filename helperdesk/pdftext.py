"""Text of a PDF (a scanned or portal letter, or a mail attachment) via pypdf.

Works from bytes in memory, never from a temp file, and never raises: broken,
truncated or password-protected files come back with ``problems`` filled in.
A PDF that has pages but (almost) no text layer is marked ``needs_ocr``; OCR
itself is later work.
"""

from __future__ import annotations

import io
import logging
from dataclasses import dataclass, field

# pypdf logs warnings about odd but readable files; they carry no content,
# but they are noise for our users, so keep them at error level.
logging.getLogger("pypdf").setLevel(logging.ERROR)

# Fewer visible characters per page than this means the page is an image.
_MIN_CHARS_PER_PAGE = 20
# Guard against pathological files: stop extracting after this many pages.
MAX_PAGES = 200


@dataclass
class PdfText:
    text: str = ""
    pages: int = 0
    needs_ocr: bool = False
    encrypted: bool = False
    problems: list[str] = field(default_factory=list)


def extract_pdf_text(data: bytes) -> PdfText:
    """Text of all pages of the PDF in ``data`` (pages separated by a line break)."""
    result = PdfText()
    if not data.lstrip()[:5].startswith(b"%PDF"):
        result.problems.append("not a PDF file")
        if b"%PDF" not in data[:1024]:
            return result
    # Imported on first use: pypdf brings fontTools, Pillow and cryptography
    # (~25 MB per process), and most mails carry no PDF.
    from pypdf import PdfReader  # noqa: PLC0415
    from pypdf.errors import FileNotDecryptedError, PyPdfError  # noqa: PLC0415

    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            result.encrypted = True
            try:
                # Many portal PDFs are "encrypted" with an empty user password.
                ok = reader.decrypt("")
            except Exception as exc:  # e.g. an AES file without the crypto library
                result.problems.append(f"encrypted PDF could not be opened: {type(exc).__name__}")
                return result
            if not ok:
                result.problems.append("PDF is password-protected; text not readable")
                return result
        result.pages = len(reader.pages)
    except FileNotDecryptedError:
        result.problems.append("PDF is password-protected; text not readable")
        return result
    except (PyPdfError, Exception) as exc:  # pypdf raises many kinds on broken files
        result.problems.append(f"PDF unreadable: {type(exc).__name__}")
        return result
    texts: list[str] = []
    for index in range(min(result.pages, MAX_PAGES)):
        try:
            texts.append(reader.pages[index].extract_text() or "")
        except Exception as exc:  # one broken page must not lose the others
            result.problems.append(f"page {index + 1} text unreadable: {type(exc).__name__}")
    if result.pages > MAX_PAGES:
        result.problems.append(f"only the first {MAX_PAGES} pages were read")
    result.text = "\n".join(t.strip("\n") for t in texts).strip()
    visible = len("".join(result.text.split()))  # non-space characters, counted in C
    if result.pages and visible < _MIN_CHARS_PER_PAGE * min(result.pages, MAX_PAGES) / 2:
        result.needs_ocr = True
        result.problems.append("no text layer (scanned image?); OCR needed")
    return result
