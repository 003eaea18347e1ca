"""View a PDF inside the app, straight from memory (QtPdf over a QBuffer).

The decrypted bytes never touch the disk: no temp file, no external viewer.
Saving a copy is a separate, explicit action ("Save as…").
"""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from i18n import _


class PdfView(QWidget):
    """A page view over PDF bytes held in memory."""

    def __init__(self, data: bytes, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._buffer = QBuffer(self)
        self._buffer.setData(QByteArray(data))
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document = QPdfDocument(self)
        self.document.load(self._buffer)
        self.view = QPdfView(self)
        self.view.setAccessibleName(_("PDF pages"))
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        if self.document.status() != QPdfDocument.Status.Ready:
            problem = QLabel(_("This PDF cannot be shown (it may be damaged or "
                                     "protected). You can still save it and open it elsewhere."))
            problem.setWordWrap(True)
            layout.addWidget(problem)
        layout.addWidget(self.view)

    def is_ready(self) -> bool:
        return self.document.status() == QPdfDocument.Status.Ready


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
        self.pdf.view.setZoomMode(QPdfView.ZoomMode.Custom)
        self.pdf.view.setZoomFactor(self.pdf.view.zoomFactor() * 1.2)

    def _zoom_out(self) -> None:
        self.pdf.view.setZoomMode(QPdfView.ZoomMode.Custom)
        self.pdf.view.setZoomFactor(self.pdf.view.zoomFactor() / 1.2)
