"""The left-hand list of households; files or folders dropped on a household are imported there."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QAbstractItemView, QTableView, QWidget

from helperdesk.intake.scan import page_kind
from i18n import _
from ui.models.households import HouseholdModel
from ui.widgets.tables import select_whole_rows


def pdf_paths(event: QDropEvent | QDragEnterEvent | QDragMoveEvent) -> list[Path]:
    """The dropped files HelperDesk imports (mail, PDFs, images) and folders."""
    mime = event.mimeData()
    if not mime.hasUrls():
        return []
    paths = [Path(u.toLocalFile()) for u in mime.urls() if u.isLocalFile()]
    return [p for p in paths if p.is_dir() or page_kind(p.name)]


class HouseholdList(QTableView):
    pdfs_dropped = Signal(int, list)  # household id, list[Path] (any importable kind)

    def __init__(self, model: HouseholdModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setModel(model)
        self._model = model
        self.setAccessibleName(_("Households"))
        self.setToolTip(_("Drop letters, photos, mails or folders on a household to "
                          "import them there."))
        select_whole_rows(self, HouseholdModel.NAME)
        self.setShowGrid(False)
        self.setAcceptDrops(True)
        self.setDropIndicatorShown(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DropOnly)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if pdf_paths(event):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if pdf_paths(event) and self.indexAt(event.position().toPoint()).isValid():
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        index = self.indexAt(event.position().toPoint())
        paths = pdf_paths(event)
        if not index.isValid() or not paths:
            event.ignore()
            return
        event.acceptProposedAction()
        self.pdfs_dropped.emit(self._model.household_at(index.row()).id, paths)
