"""Needs attention: forwards, missing IDs and mail outside the thread, with advice.

Per household or across households (``helperdesk.app.audit``), computed off the
GUI thread; "Reply from here" answers the agency for a household's forward.
Mail that did not go out waits in the Outbox; "Send again" retries it (same
bytes, never twice) in the background.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from helperdesk.app import outbox
from helperdesk.app.audit import AuditResult, audit
from i18n import _
from storage.store import Store
from ui.models.attention import AttentionModel
from ui.widgets.tables import sorted_table
from ui.workers.tasks import TaskRunner, user_message


class AttentionView(QWidget):
    open_message = Signal(int)
    reply_requested = Signal(int)
    loaded = Signal(int)

    def __init__(self, store: Store | None, runner: TaskRunner,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self._runner = runner
        self._generation = 0
        self.model = AttentionModel(self)
        title = QLabel(_("<h2>Needs attention</h2>"), self)
        self.household = QComboBox(self)
        self.household.setAccessibleName(_("Household"))
        self.household.activated.connect(lambda _i: self.reload())
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.proxy, self.table = sorted_table(
            self, self.model, name=_("Mail that needs attention"),
            sort_column=AttentionModel.DATE, stretch_column=AttentionModel.PROBLEM,
            descending=True)
        self.table.activated.connect(lambda _i: self.open_current())
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.open_button = QPushButton(_("&Open"), self)
        self.open_button.clicked.connect(self.open_current)
        self.reply_button = QPushButton(_("&Reply from here"), self)
        self.reply_button.clicked.connect(self.reply_current)
        self.outbox_label = QLabel(self)
        self.outbox_label.setWordWrap(True)
        self.retry_button = QPushButton(_("&Send again"), self)
        self.retry_button.clicked.connect(self.retry_outbox)
        waiting = QHBoxLayout()
        waiting.addWidget(self.outbox_label, 1)
        waiting.addWidget(self.retry_button)
        top = QHBoxLayout()
        top.addWidget(title, 1)
        top.addWidget(self.household)
        buttons = QHBoxLayout()
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.reply_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addLayout(waiting)
        self._update_buttons()
        self._show_outbox()

    def _fill_households(self) -> None:
        if self._store is None:
            return
        current = self.household.currentData()
        self.household.clear()
        self.household.addItem(_("All households"), None)
        for h in self._store.households.list_all():
            self.household.addItem(h.name, h.id)
        index = self.household.findData(current)
        self.household.setCurrentIndex(max(index, 0))

    def reload(self) -> None:
        store = self._store
        if store is None:
            return
        if self.household.count() == 0:
            self._fill_households()
        self._generation += 1
        generation = self._generation
        hid = self.household.currentData()
        self._runner.run(lambda: audit(store, hid),
                         lambda result: self._loaded(generation, result),
                         lambda exc: self._failed(generation, exc))

    def _show_outbox(self) -> None:
        pending = (self._store.outbox.list_all((*outbox.RETRY_STATUSES, "uncertain"))
                   if self._store is not None else [])
        retry = [e for e in pending if e.status in outbox.RETRY_STATUSES]
        text = _("{n} mails wait in the outbox.").format(n=len(retry)) if retry else ""
        unsure = len(pending) - len(retry)
        if unsure:
            text += " " + _("{n} may have gone out already: check with the recipient "
                                  "before you write again.").format(n=unsure)
        self.outbox_label.setText(text.strip())
        self.outbox_label.setVisible(bool(pending))
        self.retry_button.setVisible(bool(retry))

    def retry_outbox(self) -> None:
        store = self._store
        if store is None:
            return
        self.retry_button.setEnabled(False)
        self.outbox_label.setText(_("Sending…"))

        def done(outcomes: list[outbox.SendOutcome]) -> None:
            self.retry_button.setEnabled(True)
            self._show_outbox()
            failed = [o.error for o in outcomes if o.status != "sent"]
            if failed:
                self.outbox_label.setText(self.outbox_label.text() + " " + failed[0])

        def failed(exc: BaseException) -> None:
            self.retry_button.setEnabled(True)
            self.outbox_label.setText(user_message(exc))

        self._runner.run(lambda: outbox.retry(store), done, failed)

    def _loaded(self, generation: int, result: AuditResult) -> None:
        if generation != self._generation:
            return
        self.model.set_result(result)
        n = len(result.items)
        self._show_outbox()
        self.summary.setText(
            _("{n} of {checked} mails need attention.").format(n=n, checked=result.checked)
            if n else _("Nothing needs attention."))
        if self.proxy.rowCount():
            self.table.selectRow(0)
        self._update_buttons()
        self.loaded.emit(n)

    def _failed(self, generation: int, exc: BaseException) -> None:
        if generation == self._generation:
            self.summary.setText(_("The list could not be made: {reason}").format(
                reason=user_message(exc)))

    def clear(self) -> None:
        self._generation += 1
        self.outbox_label.clear()
        self.outbox_label.hide()
        self.retry_button.hide()
        self.model.clear()
        self.household.clear()
        self.summary.clear()
        self._update_buttons()

    def count(self) -> int:
        return self.model.rowCount()

    def current_row(self) -> int | None:
        index = self.table.currentIndex()
        if not index.isValid() or not self.table.selectionModel().hasSelection():
            return None
        return self.proxy.mapToSource(index).row()

    def _update_buttons(self) -> None:
        row = self.current_row()
        self.open_button.setEnabled(row is not None)
        self.reply_button.setEnabled(
            row is not None and self.model.item_at(row).direction == "in")

    def open_current(self) -> None:
        row = self.current_row()
        if row is not None:
            self.open_message.emit(self.model.item_at(row).message)

    def reply_current(self) -> None:
        row = self.current_row()
        if row is not None:
            self.reply_requested.emit(self.model.item_at(row).message)
