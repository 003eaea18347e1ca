"""View a PDF inside the app as page images rendered by the sandbox.

No PDF parser runs in this process (it holds the store key): the pages are
rendered by a sandbox worker (``helperdesk.app.viewing.pdf_pages``) and come
back as plain pixel rows, shown here as images. The decrypted bytes never
touch the disk: no temp file, no external viewer. Saving a copy is a
separate, explicit action ("Save as…").
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QKeySequence, QPixmap, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from helperdesk.app.viewing import pdf_pages
from helperdesk.mail.pdfrender import RenderedPage
from i18n import _


def _pixmap(page: RenderedPage) -> QPixmap:
    image = QImage(page.rgb, page.width, page.height, page.stride, QImage.Format.Format_RGB888)
    return QPixmap.fromImage(image.copy())  # copy: the image must not borrow the bytes


class PdfView(QWidget):
    """The pages of PDF bytes, one image under the other, scrollable and zoomable."""

    def __init__(self, data: bytes, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.pages = [_pixmap(p) for p in pdf_pages(data)]
        self.zoom = 0.5  # rendered at 144 dpi, shown at 72 dpi × zoom × 2
        self.view = QScrollArea(self)
        self.view.setAccessibleName(_("PDF pages"))
        self.view.setWidgetResizable(True)
        inner = QWidget(self.view)
        self._column = QVBoxLayout(inner)
        self._labels: list[QLabel] = []
        for _page in self.pages:
            label = QLabel(inner)
            label.setAlignment(Qt.AlignmentFlag.AlignHCenter)
            self._column.addWidget(label)
            self._labels.append(label)
        self.view.setWidget(inner)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        if not self.pages:
            problem = QLabel(_("This PDF cannot be shown (it may be damaged or "
                                     "protected). You can still save it and open it elsewhere."))
            problem.setWordWrap(True)
            layout.addWidget(problem)
        layout.addWidget(self.view)
        self.set_zoom(self.zoom)

    def page_count(self) -> int:
        return len(self.pages)

    def is_ready(self) -> bool:
        return bool(self.pages)

    def set_zoom(self, zoom: float) -> None:
        self.zoom = min(4.0, max(0.1, zoom))
        for label, pixmap in zip(self._labels, self.pages, strict=True):
            label.setPixmap(pixmap.scaledToWidth(
                max(1, int(pixmap.width() * self.zoom)),
                Qt.TransformationMode.SmoothTransformation))


class PdfViewerDialog(QDialog):
    def __init__(self, data: bytes, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("{name} – HelperDesk").format(name=title))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.pdf = PdfView(data, self)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.pdf)
        layout.addWidget(buttons)
        QShortcut(QKeySequence.StandardKey.ZoomIn, self, self._zoom_in)
        QShortcut(QKeySequence.StandardKey.ZoomOut, self, self._zoom_out)
        self.resize(800, 900)

    def _zoom_in(self) -> None:
        self.pdf.set_zoom(self.pdf.zoom * 1.2)

    def _zoom_out(self) -> None:
        self.pdf.set_zoom(self.pdf.zoom / 1.2)
