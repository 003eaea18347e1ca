"""Printing: the household summary laid out by Qt (``QTextDocument``) as PDF bytes or on a printer.

Offers ``summary_document`` (the page as a text document),
``paint_summary`` (the pages on a PDF writer or a printer, for preview and
printing), ``render_pdf`` (PDF bytes in memory, a ``helperdesk.app.summary``
renderer), ``load_fonts`` (the Noto fonts shipped with the package) and
``offscreen_application`` (a GUI application for the command line).
"""

from ui.printing.summary_pdf import (
    PDF_RESOLUTION,
    load_fonts,
    offscreen_application,
    paint_summary,
    render_pdf,
    summary_document,
)

__all__ = ["PDF_RESOLUTION", "load_fonts", "offscreen_application", "paint_summary", "render_pdf",
           "summary_document"]
