"""Unlock: type the store passphrase; optionally remember it in the OS keyring.

A wrong passphrase is an ordinary event, not a crash: the dialog says so,
clears the field and waits. When no keyring backend is usable, "remember"
is disabled and the dialog says why.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from i18n import _
from storage import secrets
from storage.errors import StoreError, WrongPassphrase
from storage.store import Store
from ui.theme import alert_style


class UnlockDialog(QDialog):
    def __init__(self, path: Path, parent: QWidget | None = None, *, note: str = "") -> None:
        super().__init__(parent)
        self._path = path
        self.store: Store | None = None
        self.setWindowTitle(_("Unlock HelperDesk"))
        intro = QLabel(_("<h3>Welcome back</h3>Enter your passphrase to open your "
                               "households' papers."), self)
        intro.setWordWrap(True)
        where = QLabel(_("Store: {path}").format(path=path), self)
        where.setWordWrap(True)
        where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.passphrase = QLineEdit(self)
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setAccessibleName(_("Passphrase"))
        self.passphrase.setPlaceholderText(_("Passphrase"))
        label = QLabel(_("&Passphrase:"), self)
        label.setBuddy(self.passphrase)
        self.remember = QCheckBox(_("&Remember on this computer"), self)
        status = secrets.status()
        self.keyring_reason = QLabel(self)
        self.keyring_reason.setWordWrap(True)
        if not status.usable:
            self.remember.setEnabled(False)
            self.keyring_reason.setText(_("Cannot remember: {reason}.").format(
                reason=status.reason))
        else:
            self.keyring_reason.hide()
        self.error = QLabel(note, self)
        self.error.setWordWrap(True)
        self.error.setStyleSheet(alert_style() + "; font-weight: bold")
        self.error.setAccessibleName(_("Error"))
        self.error.setVisible(bool(note))
        self.buttons = QDialogButtonBox(self)
        self.unlock_button = self.buttons.addButton(
            _("&Unlock"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(_("&Quit"), QDialogButtonBox.ButtonRole.RejectRole)
        self.unlock_button.setDefault(True)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(label)
        layout.addWidget(self.passphrase)
        layout.addWidget(self.remember)
        layout.addWidget(self.keyring_reason)
        layout.addWidget(self.error)
        layout.addWidget(where)
        layout.addWidget(self.buttons)
        self.passphrase.setFocus()

    def accept(self) -> None:
        text = self.passphrase.text()
        if not text:
            self._fail(_("Please type your passphrase."))
            return
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            self.store = Store.open(self._path, text)
        except WrongPassphrase:
            self._fail(_("That passphrase is not right. Check Caps Lock and the "
                               "keyboard language, then try again."))
            return
        except (StoreError, ValueError) as exc:
            self._fail(str(exc))
            return
        finally:
            QGuiApplication.restoreOverrideCursor()
        if self.remember.isChecked():
            # Best effort: the option is only offered for a usable keyring.
            with contextlib.suppress(secrets.KeyringUnavailable):
                secrets.put(secrets.STORE_SERVICE, str(self._path), text)
        super().accept()

    def _fail(self, message: str) -> None:
        self.error.setText(message)
        self.error.show()
        self.passphrase.clear()
        self.passphrase.setFocus()
