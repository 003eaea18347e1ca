"""Due soon: every household's open deadlines for the next 14 days, overdue first."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from helperdesk.app import deadlines as deadline_uc
from helperdesk.app.followups import dismiss_follow_up
from helperdesk.model import DeadlineStatus
from i18n import _
from storage.deadlines import DeadlineView
from storage.store import Store
from ui.dialogs.deadlines.deadline_date_dialog import DeadlineDateDialog
from ui.models.deadlines import DueSoonModel
from ui.widgets.tables import sorted_table


class DueSoonView(QWidget):
    changed = Signal()  # a deadline was done, dismissed or moved
    open_message = Signal(int)  # the letter a deadline came from

    def __init__(self, store: Store | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = DueSoonModel(store, self)
        self._store = store

        title = QLabel(_("<h2>Due soon</h2>"), self)
        self.summary = QLabel(self)
        self.proxy, self.table = sorted_table(
            self, self.model, name=_("Deadlines due soon"),
            sort_column=DueSoonModel.DATE, stretch_column=DueSoonModel.EVIDENCE)
        self.table.setWordWrap(True)
        self.table.doubleClicked.connect(lambda _i: self.open_source())
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())

        self.done_button = QPushButton(_("&Done"), self)
        self.done_button.setToolTip(_("Mark as done (Ctrl+D)"))
        self.done_button.clicked.connect(lambda: self.set_status(DeadlineStatus.DONE))
        self.dismiss_button = QPushButton(_("D&ismiss"), self)
        self.dismiss_button.setToolTip(_("Not a real deadline: remove it from the list"))
        self.dismiss_button.clicked.connect(lambda: self.set_status(DeadlineStatus.DISMISSED))
        self.edit_button = QPushButton(_("Change &date…"), self)
        self.edit_button.clicked.connect(self.edit_date)
        self.confirm_button = QPushButton(_("&Confirm"), self)
        self.confirm_button.setToolTip(_("The suggested date is right"))
        self.confirm_button.clicked.connect(self.confirm)
        self.open_button = QPushButton(_("Open &letter"), self)
        self.open_button.clicked.connect(self.open_source)
        QShortcut(QKeySequence("Ctrl+D"), self, lambda: self.set_status(DeadlineStatus.DONE))

        buttons = QHBoxLayout()
        for b in (self.done_button, self.dismiss_button, self.edit_button, self.confirm_button,
                  self.open_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self._update_buttons()

    def reload(self) -> None:
        self.model.reload()
        overdue = self.model.overdue_count()
        total = self.model.rowCount()
        if not total:
            self.summary.setText(_("Nothing is due in the next 14 days."))
        elif overdue:
            self.summary.setText(_(
                "{n} deadlines in the next 14 days – {o} overdue (marked red)."
            ).format(n=total, o=overdue))
        else:
            self.summary.setText(_("{n} deadlines in the next 14 days.").format(n=total))
        self._update_buttons()

    def clear(self) -> None:
        self.model.clear()
        self.summary.clear()

    def current(self) -> DeadlineView | None:
        index = self.table.currentIndex()
        if not index.isValid() or not self.table.selectionModel().hasSelection():
            return None
        return self.model.view_at(self.proxy.mapToSource(index).row())

    def select_row(self, row: int) -> None:
        self.table.selectRow(row)

    def _update_buttons(self) -> None:
        view = self.current()
        for b in (self.done_button, self.dismiss_button):
            b.setEnabled(view is not None)
        stored = view is not None and view.follow_up is None
        self.edit_button.setEnabled(stored)
        self.confirm_button.setEnabled(stored and view is not None and not view.deadline.confirmed)
        self.open_button.setEnabled(view is not None and view.deadline.message_id is not None)

    def set_status(self, status: DeadlineStatus) -> None:
        view = self.current()
        if view is None or self._store is None:
            return
        if view.follow_up is not None:  # computed: done or dismissed, it is not shown again
            dismiss_follow_up(self._store, view.follow_up)
            self._after_change()
            return
        if view.deadline.id is None:
            return
        if status is DeadlineStatus.DONE:
            deadline_uc.mark_done(self._store, view.deadline.id)
        elif status is DeadlineStatus.DISMISSED:
            deadline_uc.dismiss(self._store, view.deadline.id)
        else:
            deadline_uc.reopen(self._store, view.deadline.id)
        self._after_change()

    def confirm(self) -> None:
        view = self.current()
        if view is None or self._store is None or view.deadline.id is None:
            return
        deadline_uc.confirm(self._store, view.deadline.id)
        self._after_change()

    def edit_date(self, dialog: DeadlineDateDialog | None = None) -> None:
        view = self.current()
        if view is None or self._store is None or view.deadline.id is None:
            return
        dialog = dialog or DeadlineDateDialog(view.deadline.date, view.deadline.time, self)
        if dialog.exec() != DeadlineDateDialog.DialogCode.Accepted:
            return
        date, time = dialog.value()
        deadline_uc.move(self._store, view.deadline.id, date, time)
        self._after_change()

    def open_source(self) -> None:
        view = self.current()
        if view is not None and view.deadline.message_id is not None:
            self.open_message.emit(view.deadline.message_id)

    def _after_change(self) -> None:
        row = self.table.currentIndex().row()
        self.reload()
        if self.proxy.rowCount():
            self.table.selectRow(min(max(row, 0), self.proxy.rowCount() - 1))
        self.changed.emit()
