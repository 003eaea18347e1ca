"""Change a deadline's date (and time): the helper corrects what analysis suggested."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QTimeEdit,
    QWidget,
)

from i18n import _


class DeadlineDateDialog(QDialog):
    def __init__(
        self, date: dt.date, time: dt.time | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Change deadline date"))
        self.date_edit = QDateEdit(QDate(date.year, date.month, date.day), self)
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("dd.MM.yyyy")
        self.date_edit.setAccessibleName(_("Deadline date"))
        self.has_time = QCheckBox(_("At a set &time"), self)
        self.time_edit = QTimeEdit(self)
        self.time_edit.setDisplayFormat("HH:mm")
        self.time_edit.setAccessibleName(_("Deadline time"))
        if time is not None:
            self.has_time.setChecked(True)
            self.time_edit.setTime(QTime(time.hour, time.minute))
        self.time_edit.setEnabled(self.has_time.isChecked())
        self.has_time.toggled.connect(self.time_edit.setEnabled)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(_("&Date:"), self.date_edit)
        form.addRow(self.has_time, self.time_edit)
        form.addRow(buttons)

    def value(self) -> tuple[dt.date, dt.time | None]:
        q = self.date_edit.date()
        date = dt.date(q.year(), q.month(), q.day())
        if not self.has_time.isChecked():
            return date, None
        t = self.time_edit.time()
        return date, dt.time(t.hour(), t.minute())
