"""A photographed or scanned page beside the text read from it.

The photo (JPEG, PNG, TIFF, HEIC from a stranger's phone) is decoded only in
the sandboxed OCR worker, which hands back a plain PNG preview
(``helperdesk.app.ocr.engine.preview``); the app shows that PNG from memory.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from helperdesk.app.ocr import engine
from helperdesk.model import Attachment
from i18n import _


class PageViewerDialog(QDialog):
    def __init__(self, attachment: Attachment, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(attachment.filename)
        self.resize(1100, 800)
        self.image = QLabel(self)
        self.image.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.image.setAccessibleName(_("Page image"))
        try:
            png = engine.preview(attachment.data)
        except engine.OcrUnavailable as exc:
            self.image.setText(str(exc))
        else:
            pixmap = QPixmap()
            pixmap.loadFromData(png, "PNG")
            self.image.setPixmap(pixmap)
        scroll = QScrollArea(self)
        scroll.setWidget(self.image)
        scroll.setWidgetResizable(True)
        self.text = QPlainTextEdit(self)
        self.text.setReadOnly(True)
        self.text.setAccessibleName(_("Text read from the page"))
        self.text.setPlainText(attachment.text or (
            _("This page still needs OCR.") if attachment.needs_ocr
            else _("No text was read on this page.")))
        split = QSplitter(self)
        split.addWidget(scroll)
        split.addWidget(self.text)
        split.setSizes([600, 500])
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(split, 1)
        layout.addWidget(buttons)
