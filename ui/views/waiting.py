"""Waits for an answer: letters from agencies that ask something and got no reply yet.

The list is computed off the GUI thread (``WaitingIndex`` reads new mails once
and keeps what it needs); a result that arrives after a newer request, or
after locking, is dropped.
"""

from __future__ import annotations

import threading

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from helperdesk.app.waiting import WaitingIndex, WaitingResult
from i18n import _
from storage.store import Store
from ui.models.waiting import WaitingModel
from ui.widgets.tables import sorted_table
from ui.workers.tasks import TaskRunner, user_message


class WaitingView(QWidget):
    open_message = Signal(int)  # the stored id of the mail to show in its case
    loaded = Signal(int)  # how many mails wait

    def __init__(
        self, store: Store | None, runner: TaskRunner, parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._store = store
        self._runner = runner
        self._generation = 0
        self._stop = threading.Event()
        self.model = WaitingModel(self)
        title = QLabel(_("<h2>Waits for an answer</h2>"), self)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.proxy, self.table = sorted_table(
            self, self.model, name=_("Letters that wait for an answer"),
            sort_column=WaitingModel.DATE, stretch_column=WaitingModel.SUBJECT, descending=True)
        self.table.activated.connect(lambda _i: self.open_current())
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.open_button = QPushButton(_("&Open in its case"), self)
        self.open_button.clicked.connect(self.open_current)
        buttons = QHBoxLayout()
        buttons.addWidget(self.open_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self._update_buttons()

    def reload(self) -> None:
        """Recompute in the background; ``loaded`` says when the list is ready."""
        store = self._store
        if store is None or self._stop.is_set():
            return  # no store, or the app is quitting: no new scan
        self._generation += 1
        generation = self._generation
        if not self.model.total:
            self.summary.setText(_("Looking for letters that wait for an answer…"))
        stop = self._stop
        self._runner.run(lambda: WaitingIndex(store, stop).waiting(),
                         lambda result: self._loaded(generation, result),
                         lambda exc: self._failed(generation, exc))

    def _loaded(self, generation: int, result: WaitingResult) -> None:
        if generation != self._generation:
            return  # a newer request is on its way, or the app was locked
        current = self.current_id()
        self.model.set_result(result)
        n = result.total
        if not n:
            self.summary.setText(_("No letter waits for an answer."))
        elif n > self.model.rowCount():
            self.summary.setText(_(
                "{n} letters ask something and got no reply yet; the newest {shown} are "
                "listed.").format(n=n, shown=self.model.rowCount()))
        else:
            self.summary.setText(_(
                "{n} letters ask something and got no reply yet. Press Enter to open one in "
                "its case.").format(n=n))
        row = self.model.row_of(current) if current is not None else -1
        if self.proxy.rowCount():
            source = self.model.index(max(row, 0), 0)
            self.table.selectRow(self.proxy.mapFromSource(source).row() if row >= 0 else 0)
        self._update_buttons()
        self.loaded.emit(n)

    def _failed(self, generation: int, exc: BaseException) -> None:
        if generation == self._generation:
            self.summary.setText(_("The list could not be made: {reason}").format(
                reason=user_message(exc)))

    def stop(self) -> None:
        """Stop a running first scan (before the store closes); its late result is dropped."""
        self._stop.set()
        self._generation += 1

    def clear(self) -> None:
        self._generation += 1  # drop a result still on its way
        self.model.clear()
        self.summary.clear()
        self._update_buttons()

    def count(self) -> int:
        return self.model.total

    def current_id(self) -> int | None:
        index = self.table.currentIndex()
        if not index.isValid() or not self.table.selectionModel().hasSelection():
            return None
        return self.model.item_at(self.proxy.mapToSource(index).row()).id

    def _update_buttons(self) -> None:
        self.open_button.setEnabled(self.current_id() is not None)

    def open_current(self) -> None:
        mid = self.current_id()
        if mid is not None:
            self.open_message.emit(mid)
