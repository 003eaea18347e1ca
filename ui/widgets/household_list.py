"""The left-hand list of households; a PDF dropped on a household becomes a paper letter."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QAbstractItemView, QTableView, QWidget

from i18n import _
from ui.models.households import HouseholdModel
from ui.widgets.tables import select_whole_rows


def pdf_paths(event: QDropEvent | QDragEnterEvent | QDragMoveEvent) -> list[Path]:
    mime = event.mimeData()
    if not mime.hasUrls():
        return []
    return [Path(u.toLocalFile()) for u in mime.urls()
            if u.isLocalFile() and u.toLocalFile().lower().endswith(".pdf")]


class HouseholdList(QTableView):
    pdfs_dropped = Signal(int, list)  # household id, list[Path]

    def __init__(self, model: HouseholdModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setModel(model)
        self._model = model
        self.setAccessibleName(_("Households"))
        self.setToolTip(_("Drop a PDF letter on a household to add it."))
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
