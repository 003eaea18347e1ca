"""The summary page laid out by Qt and written as PDF into memory.

Measured against fpdf2 with HarfBuzz shaping (see ``benchmarks/summary_bench.py``):
Qt lays out and shapes a 20-case Arabic page in a small fraction of the time,
with correct bidirectional text and fonts embedded. The fonts come from the
package (``helperdesk/summaries/fonts``), registered from memory at first use,
never from the user's system; the family list puts Noto Sans first and Noto
Naskh Arabic second, so Latin digits and punctuation in Arabic text come out
right. ``QPdfWriter`` defaults to 1200 dpi: the resolution is set explicitly.
"""

from __future__ import annotations

import os
import sys

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QCoreApplication,
    QIODevice,
    QMarginsF,
    QRectF,
    QSizeF,
    Qt,
)
from PySide6.QtGui import (
    QFont,
    QFontDatabase,
    QGuiApplication,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QTextDocument,
    QTextOption,
)

from helperdesk.summaries import FONT_DIR, FONT_FAMILIES, FONT_FILES, Summary, digits, summary_html

PDF_RESOLUTION = 300  # dots per inch; Qt's default of 1200 only makes files bigger
MARGINS_MM = QMarginsF(15, 10, 15, 8)
_loaded: list[str] = []
_app: list[QGuiApplication] = []


def offscreen_application() -> None:
    """A GUI application without a screen, for the command line (fonts need one)."""
    if QCoreApplication.instance() is None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        _app.append(QGuiApplication(sys.argv[:1]))


def load_fonts() -> list[str]:
    """Register the shipped fonts (once); the families Qt now knows from them."""
    if not _loaded:
        for name in FONT_FILES:
            font_id = QFontDatabase.addApplicationFontFromData((FONT_DIR / name).read_bytes())
            if font_id < 0:
                raise RuntimeError(f"the font {name} shipped with HelperDesk cannot be loaded")
            _loaded.extend(QFontDatabase.applicationFontFamilies(font_id))
    return list(dict.fromkeys(_loaded))


def summary_document(summary: Summary, *, large: bool = False) -> QTextDocument:
    """The page as a text document (the same for preview, printer and PDF)."""
    load_fonts()
    doc = QTextDocument()
    font = QFont()
    font.setFamilies(list(FONT_FAMILIES))
    font.setPointSizeF(16 if large else 10)
    doc.setDefaultFont(font)
    option = QTextOption()
    option.setTextDirection(Qt.LayoutDirection.RightToLeft if summary.rtl
                            else Qt.LayoutDirection.LeftToRight)
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    doc.setDefaultTextOption(option)
    doc.setHtml(summary_html(summary, large=large))
    doc.setMetaInformation(QTextDocument.MetaInformation.DocumentTitle, summary.title.local)
    return doc


def _layout() -> QPageLayout:
    return QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait,
                       MARGINS_MM, QPageLayout.Unit.Millimeter)


def paint_summary(summary: Summary, device: QPagedPaintDevice, *, large: bool = False) -> int:
    """Lay the page out for ``device`` (a PDF writer or a printer) and paint it; the page count.

    The text is laid out at the device's own resolution, on its printable
    area; each page gets its number ("1 / 2") at the bottom.
    """
    doc = summary_document(summary, large=large)
    layout = doc.documentLayout()
    layout.setPaintDevice(device)
    doc.setDocumentMargin(0)
    area = device.pageLayout().paintRectPixels(device.logicalDpiX())
    footer = device.logicalDpiY() * (0.4 if large else 0.25)
    width, height = float(area.width()), float(area.height()) - footer
    doc.setPageSize(QSizeF(width, height))
    pages = doc.pageCount()
    number_font = QFont(list(FONT_FAMILIES))
    number_font.setPointSizeF(12 if large else 9)
    painter = QPainter(device)
    try:
        for page in range(pages):
            if page and not device.newPage():
                raise RuntimeError("the printer refused a new page")
            painter.save()
            painter.translate(0, -page * height)
            doc.drawContents(painter, QRectF(0, page * height, width, height))
            painter.restore()
            if pages > 1:
                painter.setFont(number_font)
                painter.drawText(QRectF(0, height, width, footer),
                                 int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom),
                                 digits(f"{page + 1} / {pages}", summary.language))
    finally:
        painter.end()
    return pages


def render_pdf(summary: Summary, large: bool = False) -> bytes:
    """The summary as PDF bytes, laid out by Qt; nothing is written to disk."""
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(PDF_RESOLUTION)
    writer.setPageLayout(_layout())
    writer.setCreator("HelperDesk")
    writer.setTitle(summary.title.local)
    paint_summary(summary, writer, large=large)
    buffer.close()
    return bytes(data.data())
