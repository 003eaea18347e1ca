"""Edit → Calendars…: the CalDAV calendars that receive the deadlines (add, remove)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from helperdesk.app.calendar_push import add_calendar, remove_calendar
from i18n import _
from storage.errors import StoreError
from storage.store import Store
from sync.caldav_push import CalendarError


class AddCalendarDialog(QDialog):
    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self.setWindowTitle(_("Add calendar"))
        self.name = QLineEdit(self)
        self.url = QLineEdit(self)
        self.url.setPlaceholderText("https://…/calendars/me/helperdesk/")
        self.user = QLineEdit(self)
        self.password = QLineEdit(self)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.redact = QCheckBox(_("&Redact: no names, IDs or letter text"), self)
        self.error = QLabel(self)
        self.error.setWordWrap(True)
        self.error.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(_("&Name:"), self.name)
        form.addRow(_("&Address (CalDAV):"), self.url)
        form.addRow(_("&User:"), self.user)
        form.addRow(_("&Password:"), self.password)
        form.addRow(self.redact)
        form.addRow(self.error)
        form.addRow(self.buttons)

    def accept(self) -> None:
        try:
            add_calendar(self._store, self.name.text(), self.url.text(),
                         username=self.user.text(), password=self.password.text() or None,
                         redact=self.redact.isChecked())
        except (CalendarError, StoreError, ValueError) as exc:
            self.error.setText(str(exc))
            self.error.show()
            return
        super().accept()


class CalendarsDialog(QDialog):
    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self.setWindowTitle(_("Calendars"))
        intro = QLabel(_(
            "Deadlines are sent to these CalDAV calendars after every change, with their "
            "alarms. Use a calendar that only HelperDesk writes to."), self)
        intro.setWordWrap(True)
        self.list = QListWidget(self)
        self.list.setAccessibleName(_("Calendars"))
        self.add_button = QPushButton(_("&Add…"), self)
        self.add_button.clicked.connect(lambda: self.add(None))
        self.remove_button = QPushButton(_("&Remove"), self)
        self.remove_button.clicked.connect(self.remove)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)
        layout.addWidget(close)
        self.reload()

    def reload(self) -> None:
        self.list.clear()
        for cal in self._store.calendars.list_all():
            item = QListWidgetItem(f"{cal.name} – {cal.url}")
            item.setData(Qt.ItemDataRole.UserRole, cal.name)
            self.list.addItem(item)
        self.remove_button.setEnabled(self.list.count() > 0)

    def add(self, dialog: AddCalendarDialog | None) -> None:
        dialog = dialog or AddCalendarDialog(self._store, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.reload()

    def remove(self) -> None:
        if self.list.currentRow() < 0:
            return
        item = self.list.currentItem()
        remove_calendar(self._store, str(item.data(Qt.ItemDataRole.UserRole)))
        self.reload()
