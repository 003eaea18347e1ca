"""Text of a PDF (a scanned or portal letter, or a mail attachment) via pypdf.

Works from bytes in memory, never from a temp file. A PDF that has pages but no
text layer is marked ``needs_ocr``; OCR itself is later work.
"""

from __future__ import annotations

import io
import logging
from dataclasses import dataclass, field

from pypdf import PdfReader
from pypdf.errors import PyPdfError

# pypdf logs warnings about odd but readable files; they carry no content,
# but they are noise for our users, so keep them at error level.
logging.getLogger("pypdf").setLevel(logging.ERROR)


@dataclass
class PdfText:
    text: str = ""
    pages: int = 0
    needs_ocr: bool = False
    problems: list[str] = field(default_factory=list)


def extract_pdf_text(data: bytes) -> PdfText:
    result = PdfText()
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            reader.decrypt("")
        result.pages = len(reader.pages)
        texts = []
        for page in reader.pages:
            try:
                texts.append(page.extract_text() or "")
            except Exception as exc:  # one broken page must not lose the others
                result.problems.append(f"page text unreadable: {type(exc).__name__}")
        result.text = "\n".join(texts).strip()
    except (PyPdfError, ValueError, KeyError, TypeError, OSError) as exc:
        result.problems.append(f"PDF unreadable: {type(exc).__name__}")
        return result
    if result.pages and len(result.text) < 20:
        result.needs_ocr = True
    return result
