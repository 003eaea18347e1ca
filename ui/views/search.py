"""Search: one box over every household's mail, results as you type.

Typing restarts a single-shot timer (250 ms); the query runs when the typing
pauses, so a fast typist causes one search, not one per key. The query runs
in a worker thread (its own store connection); a result that arrives after
the text changed again, or after locking, is dropped.
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

from i18n import _
from storage.messages import MessageSummary
from storage.store import Store
from ui.models.messages import MessageListModel
from ui.workers.tasks import TaskRunner, user_message

DEBOUNCE_MS = 250


class SearchController(QObject):
    """Owns the debounce timer between the search box and the results page."""

    searched = Signal(str, int)  # the text and how many results

    def __init__(
        self, store: Store | None, box: QLineEdit, results: SearchResultsView,
        parent: QObject | None = None, *, runner: TaskRunner | None = None,
    ) -> None:
        super().__init__(parent)
        self._store = store
        self._runner = runner or TaskRunner(synchronous=True, parent=self)
        self._generation = 0
        self.box = box
        self.results = results
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(DEBOUNCE_MS)
        self.timer.timeout.connect(self.run_now)
        box.textChanged.connect(lambda _t: self._typed())

    def _typed(self) -> None:
        self._generation += 1  # whatever is still running answers an older text
        self.timer.start()

    def cancel(self) -> None:
        """Forget pending and running searches (locking)."""
        self.timer.stop()
        self._generation += 1

    def run_now(self) -> None:
        self.timer.stop()
        self._generation += 1
        generation = self._generation
        text = self.box.text().strip()
        store = self._store
        if store is None or not text:
            self._deliver(generation, text, [])
            return
        self.results.searching(text)
        self._runner.run(lambda: store.search(text, limit=100),
                         lambda rows: self._deliver(generation, text, rows),
                         lambda exc: self._failed(generation, text, exc))

    def _deliver(self, generation: int, text: str, rows: list[MessageSummary]) -> None:
        if generation != self._generation:
            return  # the user kept typing (or locked): a newer search counts
        self.results.show_results(text, rows)
        self.searched.emit(text, len(rows))

    def _failed(self, generation: int, text: str, exc: BaseException) -> None:
        if generation != self._generation:
            return
        self.results.show_error(text, user_message(exc))
        self.searched.emit(text, 0)


class SearchResultsView(QWidget):
    open_message = Signal(object)  # MessageSummary

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = MessageListModel(self)
        self.title = QLabel(_("<h2>Search</h2>"), self)
        self.summary = QLabel(self)
        self.table = QTableView(self)
        self.table.setAccessibleName(_("Search results"))
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
            self.summary.setText(_("Type in the search box to search all households."))
        elif rows:
            self.summary.setText(_(
                "One mail matches “{text}”. Press Enter to open it in its case."
            ).format(text=text) if len(rows) == 1 else _(
                "{n} mails match “{text}”. Press Enter on one to open it in its case."
            ).format(n=len(rows), text=text))
            self.table.selectRow(0)
        else:
            self.summary.setText(_("Nothing matches “{text}”.").format(text=text))

    def searching(self, text: str) -> None:
        self.summary.setText(_("Searching for “{text}”…").format(text=text))

    def show_error(self, text: str, reason: str) -> None:
        self.model.set_rows([])
        self.summary.setText(_("The search for “{text}” failed: {reason}").format(
            text=text, reason=reason))

    def clear(self) -> None:
        self.model.clear()
        self.summary.clear()
