"""Import from the File menu and by drops, and the background reading of the OCR backlog.

Owned by the main window: it asks for the selected household (the default
target; without one the dialog makes the helper choose), and refreshes its
lists when ``imported`` is emitted.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtGui import QAction, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QFileDialog, QMainWindow

from helperdesk.app.ocr.backlog import BacklogSummary
from helperdesk.intake.scan import page_kind
from i18n import _
from storage.store import Store
from ui.dialogs.importing.import_dialog import ImportDialog
from ui.dialogs.importing.import_job import ImportJob

FILE_FILTER = "*.eml *.mbox *.pdf *.jpg *.jpeg *.png *.tif *.tiff *.heic *.heif"


def importable(paths: list[Path]) -> list[Path]:
    """The dropped paths HelperDesk can import: folders and files of a known kind."""
    return [p for p in paths if p.is_dir() or page_kind(p.name)]


class ImportController(QObject):
    imported = Signal()  # something new is stored: views should reload
    status = Signal(str)  # a line for the status bar

    def __init__(self, store: Store, window: QMainWindow, *,
                 current_household: Callable[[], int | None],
                 synchronous: bool = False) -> None:
        super().__init__(window)
        self.store = store
        self.window = window
        self.current_household = current_household
        self.synchronous = synchronous
        self.files_action = QAction(_("&Import files…"), window)
        self.files_action.setShortcut("Ctrl+I")
        self.files_action.triggered.connect(self.ask_files)
        self.folder_action = QAction(_("Import &folder…"), window)
        self.folder_action.triggered.connect(self.ask_folder)
        self.backlog: ImportJob | None = None
        window.setAcceptDrops(True)
        window.installEventFilter(self)

    def ask_files(self) -> None:
        names, _filter = QFileDialog.getOpenFileNames(
            self.window, _("Import files"), "",
            _("Mail, letters and photos ({patterns})").format(patterns=FILE_FILTER))
        if names:
            self.import_into(self.current_household(), [Path(n) for n in names])

    def ask_folder(self) -> None:
        name = QFileDialog.getExistingDirectory(self.window, _("Import folder"))
        if name:
            self.import_into(self.current_household(), [Path(name)])

    def import_into(self, household_id: int | None, paths: list[Path]) -> ImportDialog:
        """Open the import dialog for ``paths``; a drop on a household names the target."""
        dialog = ImportDialog(self.store, paths, household_id=household_id,
                              synchronous=self.synchronous, parent=self.window)
        dialog.job.finished.connect(lambda _s: self.imported.emit())
        dialog.show()
        return dialog

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and event.type() in (QEvent.Type.DragEnter,
                                                       QEvent.Type.Drop):
            assert isinstance(event, QDragEnterEvent | QDropEvent)
            mime = event.mimeData()
            paths = importable([Path(u.toLocalFile()) for u in mime.urls() if u.isLocalFile()])
            if not paths:
                return False
            event.acceptProposedAction()
            if event.type() == QEvent.Type.Drop:
                self.import_into(self.current_household(), paths)
            return True
        return super().eventFilter(watched, event)

    def read_backlog(self) -> None:
        """Read the stored letters that still need OCR, in the background (after an upgrade)."""
        if self.synchronous or (self.backlog is not None and self.backlog.running()):
            return
        self.backlog = ImportJob(self.store, parent=self)
        self.backlog.finished.connect(self._backlog_done)
        self.backlog.read_backlog()

    def _backlog_done(self, summary: BacklogSummary) -> None:
        if summary.read:
            self.status.emit(_("Letters read by OCR: {n}.").format(n=summary.read))
            self.imported.emit()

    def shutdown(self) -> None:
        if self.backlog is not None:
            self.backlog.stop()
