"""Print summary…: a household's one-page summary with a live preview, printing and PDF.

The page is built by the use case (``helperdesk.app.summary``) and laid out by
``ui.printing``. The preview shows the PDF itself (Qt PDF, from memory): Qt's
print preview replays text runs one by one and loses the right-to-left
context, the PDF does not. The printer gets the same layout painted directly.
Nothing is written to disk except the PDF the helper saves, where the helper
chooses. The helper's contact printed at the bottom is kept inside the
encrypted store.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice
from PySide6.QtGui import QKeySequence
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from helperdesk.analysis.regions import LANGUAGES
from helperdesk.app.summary import (
    SummaryOptions,
    SummaryUnavailable,
    get_contact,
    household_summary,
    set_contact,
)
from helperdesk.model import Household
from helperdesk.summaries import Contact, Summary
from i18n import _
from storage.errors import StoreError
from storage.store import Store
from ui.printing import paint_summary, render_pdf
from ui.widgets.dialog_parts import error_label

log = logging.getLogger(__name__)


class SummaryDialog(QDialog):
    def __init__(self, store: Store, household: Household, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        assert household.id is not None
        self.store = store
        self.household = household
        self.summary: Summary | None = None
        self.setWindowTitle(_("Print summary – {household}").format(household=household.name))

        self.language = QComboBox(self)
        self.language.setAccessibleName(_("Language of the summary"))
        for code, name in LANGUAGES.items():
            self.language.addItem(f"{name} ({code})", code)
        self.language.setCurrentIndex(max(0, self.language.findData(household.language)))
        self.large = QCheckBox(_("&Large print"), self)
        self.large.setAccessibleName(_("Large print"))
        contact = get_contact(store)
        self.contact_name = self._line(contact.name, _("Your name on the page"))
        self.contact_phone = self._line(contact.phone, _("Your phone number on the page"))
        self.contact_email = self._line(contact.email, _("Your e-mail address on the page"))

        form = QFormLayout()
        form.addRow(_("&Language:"), self.language)
        form.addRow("", self.large)
        form.addRow(_("Your &name:"), self.contact_name)
        form.addRow(_("&Phone:"), self.contact_phone)
        form.addRow(_("&E-mail:"), self.contact_email)
        for row in range(form.rowCount()):
            label = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
            field = form.itemAt(row, QFormLayout.ItemRole.FieldRole)
            widget = label.widget() if label else None
            buddy = field.widget() if field is not None else None
            if isinstance(widget, QLabel) and buddy is not None:
                widget.setBuddy(buddy)  # Alt+letter moves to the field

        self.printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        self.printer.setDocName(_("Summary"))
        self.pdf = b""
        self._buffer: QBuffer | None = None
        self.document = QPdfDocument(self)
        self.preview = QPdfView(self)
        self.preview.setDocument(self.document)
        self.preview.setPageMode(QPdfView.PageMode.MultiPage)
        self.preview.setZoomMode(QPdfView.ZoomMode.FitInView)
        self.preview.setAccessibleName(_("Preview of the printed summary"))
        self.preview.setMinimumSize(420, 520)
        self.error = error_label(self)

        self.print_button = QPushButton(_("&Print…"), self)
        self.print_button.setShortcut(QKeySequence.StandardKey.Print)
        self.print_button.setToolTip(_("Print (Ctrl+P)"))
        self.save_button = QPushButton(_("&Save as PDF…"), self)
        self.save_button.setShortcut(QKeySequence.StandardKey.Save)
        self.save_button.setToolTip(_("Save as PDF (Ctrl+S)"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.addButton(self.print_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.print_button.clicked.connect(self.print_summary)
        self.save_button.clicked.connect(lambda: self.save_pdf(None))

        side = QVBoxLayout()
        side.addLayout(form)
        side.addWidget(self.error)
        side.addStretch(1)
        body = QHBoxLayout()
        body.addLayout(side)
        body.addWidget(self.preview, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(body, 1)
        layout.addWidget(buttons)

        self.language.currentIndexChanged.connect(lambda _i: self.refresh())
        self.large.toggled.connect(lambda _on: self.refresh())
        for edit in (self.contact_name, self.contact_phone, self.contact_email):
            edit.editingFinished.connect(self.refresh)
        self.resize(1000, 760)
        self.refresh()

    def _line(self, text: str, name: str) -> QLineEdit:
        edit = QLineEdit(text, self)
        edit.setAccessibleName(name)
        return edit

    # -- content ----------------------------------------------------------------

    def contact(self) -> Contact:
        return Contact(self.contact_name.text().strip(), self.contact_phone.text().strip(),
                       self.contact_email.text().strip())

    def refresh(self) -> None:
        """Rebuild the page from the store (after a change of language, print size or contact)."""
        try:
            if self.contact() != get_contact(self.store):
                set_contact(self.store, self.contact())
            options = SummaryOptions(language=str(self.language.currentData()))
            self.summary = household_summary(self.store, int(self.household.id or 0), options)
        except (SummaryUnavailable, StoreError) as exc:
            self.summary = None
            self.error.setText(str(exc))
            self.error.show()
        else:
            self.error.hide()
        ready = self.summary is not None
        self.print_button.setEnabled(ready)
        self.save_button.setEnabled(ready)
        self.pdf = render_pdf(self.summary, self.large.isChecked()) if self.summary else b""
        self._show(self.pdf)

    def _show(self, pdf: bytes) -> None:
        """Load the PDF bytes into the preview (from memory; no file)."""
        self.document.close()
        if self._buffer is not None:
            self._buffer.close()
            self._buffer = None
        if not pdf:
            return
        buffer = QBuffer(self)
        buffer.setData(QByteArray(pdf))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self._buffer = buffer
        self.document.load(buffer)

    def page_count(self) -> int:
        return self.document.pageCount()

    # -- output -----------------------------------------------------------------

    def print_summary(self) -> None:
        if self.summary is None:
            return
        dialog = QPrintDialog(self.printer, self)
        dialog.setWindowTitle(_("Print summary"))
        if dialog.exec() == QDialog.DialogCode.Accepted:
            paint_summary(self.summary, self.printer, large=self.large.isChecked())

    def save_pdf(self, path: Path | None) -> Path | None:
        """Save the page as PDF (asks where when ``path`` is None); the path written."""
        if self.summary is None:
            return None
        if path is None:
            chosen, _filter = QFileDialog.getSaveFileName(
                self, _("Save summary as PDF"),
                _("Summary {household}.pdf").format(household=self.household.name),
                _("PDF documents (*.pdf)"))
            if not chosen:
                return None
            path = Path(chosen)
            if path.suffix.lower() != ".pdf":
                path = path.with_suffix(".pdf")
        try:
            path.write_bytes(self.pdf or render_pdf(self.summary, self.large.isChecked()))
        except OSError as exc:
            self.error.setText(_("The PDF could not be saved: {reason}").format(
                reason=exc.strerror or type(exc).__name__))
            self.error.show()
            return None
        return path


def open_summary(store: Store, household_id: int | None, parent: QWidget | None) -> None:
    """Household → Print summary…: the dialog for the selected household."""
    if household_id is None:
        QMessageBox.information(parent, _("Print summary"), _("Select a household first."))
        return
    SummaryDialog(store, store.households.get(household_id), parent).exec()
