"""Render plain letter text to a simple PDF (fpdf2): sample letters and test fixtures.

Produces real PDFs with a text layer, the way a portal or a scanner with OCR
would, so import and analysis are exercised on genuine PDF files.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from fpdf import FPDF


def _new_pdf() -> FPDF:
    # Imported on first use: fpdf2 brings Pillow and fontTools (~40 MB), and
    # only the demo and tests make PDFs; the CLI and sync workers should not pay.
    from fpdf import FPDF  # noqa: PLC0415

    return FPDF(format="A4")


def text_to_pdf(text: str, *, title: str = "Schreiben", password: str | None = None) -> bytes:
    """``text`` as an A4 PDF; with ``password``, encrypted so that it opens only with it."""
    pdf = _new_pdf()
    if password is not None:
        pdf.set_encryption(owner_password=password, user_password=password)
    pdf.set_title(title)
    pdf.set_creator("HelperDesk")
    pdf.set_auto_page_break(auto=True, margin=20)
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    # Core fonts are Latin-1; anything outside becomes "?" rather than failing.
    safe = text.encode("latin-1", errors="replace").decode("latin-1")
    for line in safe.splitlines() or [""]:
        pdf.multi_cell(0, 5.5, line or " ", new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def blank_scan_pdf(pages: int = 1) -> bytes:
    """A PDF with pages but no text layer, like an image-only scan."""
    pdf = _new_pdf()
    for _ in range(pages):
        pdf.add_page()
        pdf.rect(20, 20, 170, 250)
    return bytes(pdf.output())
