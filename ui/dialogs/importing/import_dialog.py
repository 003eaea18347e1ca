"""The import dialog: target household, "one letter, in this order", progress, summary.

The household is the one selected in the main window, or chosen here; the
other choice files by the mail's thread and leaves the rest under Unfiled
for the helper. There is no silent default: until a choice is made the
Import button stays disabled.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from helperdesk.app.ingest import ImportProgress, ImportSummary, expand_paths
from helperdesk.intake.scan import page_kind
from i18n import _
from storage.store import Store
from ui.dialogs.importing.import_job import ImportJob

AUTOMATIC = -1  # "by the mail's thread; the rest waits under Unfiled"


class ImportDialog(QDialog):
    def __init__(self, store: Store, paths: list[Path], *, household_id: int | None = None,
                 synchronous: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Import"))
        self.store = store
        self.paths = paths
        self.files = expand_paths(paths)
        self.summary: ImportSummary | None = None
        self.job = ImportJob(store, synchronous=synchronous, parent=self)
        self.job.progress.connect(self._on_progress)
        self.job.finished.connect(self._on_finished)
        self.job.failed.connect(self._on_failed)

        images = [p for p in self.files if page_kind(p.name) == "image"]
        self.what = QLabel(_("{n} files to import ({images} images).").format(
            n=len(self.files), images=len(images)), self)
        self.household = QComboBox(self)
        self.household.setAccessibleName(_("Household"))
        self.household.addItem(_("Choose…"), None)
        self.household.addItem(
            _("By the mail's thread or sender; the rest waits under Unfiled"), AUTOMATIC)
        for h in store.households.list_all():
            self.household.addItem(h.name, h.id)
        if household_id is not None:
            self.household.setCurrentIndex(max(0, self.household.findData(household_id)))
        self.one_letter = QCheckBox(_("The images are one letter, in this order"), self)
        self.one_letter.setVisible(len(images) > 1)
        self.progress = QProgressBar(self)
        self.progress.setRange(0, max(1, len(self.files)))
        self.progress.setValue(0)
        self.pages = QLabel(self)
        self.outcome = QLabel(self)
        self.outcome.setWordWrap(True)

        self.buttons = QDialogButtonBox(self)
        self.start_button: QPushButton = self.buttons.addButton(
            _("Import"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button: QPushButton = self.buttons.addButton(
            QDialogButtonBox.StandardButton.Cancel)
        self.start_button.clicked.connect(self.start)
        self.cancel_button.clicked.connect(self.stop)
        self.household.currentIndexChanged.connect(self._update)

        form = QFormLayout()
        form.addRow(_("Household:"), self.household)
        layout = QVBoxLayout(self)
        layout.addWidget(self.what)
        layout.addLayout(form)
        layout.addWidget(self.one_letter)
        layout.addWidget(self.progress)
        layout.addWidget(self.pages)
        layout.addWidget(self.outcome)
        layout.addWidget(self.buttons)
        self._update()

    def target(self) -> int | None:
        data = self.household.currentData()
        return None if data in (None, AUTOMATIC) else int(data)

    def _update(self) -> None:
        chosen = self.household.currentData() is not None
        self.start_button.setEnabled(chosen and bool(self.files) and self.summary is None
                                     and not self.job.running())

    def start(self) -> None:
        if self.household.currentData() is None:
            return
        self.start_button.setEnabled(False)
        self.household.setEnabled(False)
        self.one_letter.setEnabled(False)
        self.outcome.setText(_("Importing…"))
        self.job.import_paths(self.paths, self.target(),
                              one_letter=self.one_letter.isChecked())

    def stop(self) -> None:
        if self.job.running():
            self.job.cancel.set()
            self.outcome.setText(_("Cancelling…"))
        else:
            self.reject()

    def _on_progress(self, p: ImportProgress) -> None:
        self.progress.setRange(0, max(1, p.files_total))
        self.progress.setValue(p.files_done)
        self.pages.setText(_("Reading page {done} of {total}…").format(
            done=p.pages_done, total=p.pages_total) if p.pages_total else "")

    def _on_finished(self, summary: ImportSummary) -> None:
        self.summary = summary
        self.progress.setValue(self.progress.maximum())
        self.pages.clear()
        lines = [_("New: {new}. Already stored: {old}. Read by OCR: {ocr}. "
                         "Need OCR: {need}. Problems: {bad}.").format(
            new=summary.new, old=summary.already_stored, ocr=summary.read_by_ocr,
            need=summary.needs_ocr, bad=len(summary.failed))]
        lines += summary.notices + summary.failed[:10]
        self.outcome.setText("\n".join(lines))
        self.cancel_button.setText(_("Close"))
        self._update()

    def _on_failed(self, name: str) -> None:
        self.outcome.setText(_("The import stopped: internal error ({name}).").format(
            name=name))
        self.cancel_button.setText(_("Close"))

    def done(self, result: int) -> None:
        self.job.stop()
        super().done(result)
