"""Unfiled: mail not yet in a case, for triage (assign to household and case)."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from helperdesk.app.triage import TriageResult
from i18n import _
from storage.store import Store
from ui.dialogs.filing.triage_dialog import TriageDialog
from ui.models.messages import MessageListModel
from ui.reader.reader import ReaderWidget


class UnfiledView(QWidget):
    filed = Signal(object)  # TriageResult

    def __init__(self, store: Store | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self.model = MessageListModel(self)
        self.table = QTableView(self)
        self.table.setAccessibleName(_("Unfiled mail"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.setColumnHidden(MessageListModel.CASE, True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(MessageListModel.SUBJECT, QHeaderView.ResizeMode.Stretch)
        self.table.selectionModel().currentRowChanged.connect(self._on_current)
        self.table.activated.connect(lambda _i: self.triage())

        self.reader = ReaderWidget(store, self)
        self.summary = QLabel(self)
        self.file_button = QPushButton(_("&File in a case…"), self)
        self.file_button.setToolTip(_("Assign to a household and case (Ctrl+E)"))
        self.file_button.clicked.connect(lambda: self.triage(None))
        QShortcut(QKeySequence("Ctrl+E"), self, lambda: self.triage(None))

        left = QWidget(self)
        lay = QVBoxLayout(left)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(QLabel(_("<h2>Unfiled mail</h2>"), left))
        lay.addWidget(self.summary)
        lay.addWidget(self.table, 1)
        row = QHBoxLayout()
        row.addWidget(self.file_button)
        row.addStretch(1)
        lay.addLayout(row)
        split = QSplitter(Qt.Orientation.Horizontal, self)
        split.addWidget(left)
        split.addWidget(self.reader)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(split)
        self.file_button.setEnabled(False)

    def count(self) -> int:
        """How many mails wait (cheap: the list itself loads when the page is shown)."""
        return self._store.messages.count(unfiled=True) if self._store is not None else 0

    def reload(self) -> None:
        """Re-read the list; the mail being read stays selected while it is still unfiled."""
        store = self._store
        if store is None:
            return
        reading = self.current_message_id()
        self.model.set_query(lambda limit, offset: store.messages.find(
            unfiled=True, limit=limit, offset=offset), store.messages.count(unfiled=True))
        n = self.model.total
        self.summary.setText(_("{n} mails wait to be filed.").format(n=n) if n
                             else _("All mail is filed."))
        if n:
            row = self.model.row_of(reading) if reading is not None else -1
            self.table.selectRow(max(row, 0))
        else:
            self.reader.clear()
            self.file_button.setEnabled(False)

    def clear(self) -> None:
        self.model.clear()
        self.reader.clear()
        self.summary.clear()

    def _on_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid():
            self.reader.clear()
            self.file_button.setEnabled(False)
            return
        self.reader.show_message(self.model.summary_at(current.row()).id)
        self.file_button.setEnabled(True)

    def current_message_id(self) -> int | None:
        index = self.table.currentIndex()
        return self.model.summary_at(index.row()).id if index.isValid() else None

    def triage(self, dialog: TriageDialog | None = None) -> TriageResult | None:
        mid = self.current_message_id()
        if mid is None or self._store is None:
            return None
        dialog = dialog or TriageDialog(self._store, mid, self)
        if dialog.exec() != TriageDialog.DialogCode.Accepted or dialog.result_value is None:
            return None
        row = self.table.currentIndex().row()
        self.reload()
        if self.model.rowCount():
            self.table.selectRow(min(row, self.model.rowCount() - 1))
        self.filed.emit(dialog.result_value)
        return dialog.result_value
