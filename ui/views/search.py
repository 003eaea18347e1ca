"""Search: one box over every household's mail, results as you type.

Typing restarts a single-shot timer (250 ms); the query runs when the typing
pauses, so a fast typist causes one search, not one per key.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from storage.messages import MessageSummary
from storage.store import Store
from ui.models.messages import MessageListModel

DEBOUNCE_MS = 250


class SearchController(QObject):
    """Owns the debounce timer between the search box and the results page."""

    searched = Signal(str, int)  # the text and how many results

    def __init__(
        self, store: Store | None, box: QLineEdit, results: SearchResultsView,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._store = store
        self.box = box
        self.results = results
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(DEBOUNCE_MS)
        self.timer.timeout.connect(self.run_now)
        box.textChanged.connect(lambda _t: self.timer.start())

    def run_now(self) -> None:
        self.timer.stop()
        text = self.box.text().strip()
        rows = self._store.search(text, limit=100) if self._store is not None and text else []
        self.results.show_results(text, rows)
        self.searched.emit(text, len(rows))


class SearchResultsView(QWidget):
    open_message = Signal(object)  # MessageSummary

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = MessageListModel(self)
        self.title = QLabel(self.tr("<h2>Search</h2>"), self)
        self.summary = QLabel(self)
        self.table = QTableView(self)
        self.table.setAccessibleName(self.tr("Search results"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.setColumnHidden(MessageListModel.FROM, True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(MessageListModel.SUBJECT, QHeaderView.ResizeMode.Stretch)
        self.table.activated.connect(
            lambda index: self.open_message.emit(self.model.summary_at(index.row())))
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)

    def show_results(self, text: str, rows: list[MessageSummary]) -> None:
        self.model.set_rows(rows)
        if not text:
            self.summary.setText(self.tr("Type in the search box to search all households."))
        elif rows:
            self.summary.setText(self.tr(
                "{n} mails match “{text}”. Press Enter on one to open it in its case."
            ).format(n=len(rows), text=text))
            self.table.selectRow(0)
        else:
            self.summary.setText(self.tr("Nothing matches “{text}”.").format(text=text))

    def clear(self) -> None:
        self.model.clear()
        self.summary.clear()
