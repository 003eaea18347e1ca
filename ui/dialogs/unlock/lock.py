"""Locking: after idle time or on Ctrl+L the window hides all household data.

``IdleWatcher`` restarts a single-shot timer on every key press or mouse
action in the application. ``LockScreen`` asks for the passphrase again;
the main window's store forgot its key when it locked (``Store.lock``) and
derives it again from what was typed, checked against the store *file*
(page 1's HMAC) without opening it, so a wrong passphrase changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from i18n import _
from storage.connection import derive_key, key_opens
from storage.errors import StoreError
from storage.store import Store
from ui.theme import alert_style

DEFAULT_LOCK_MINUTES = 10
LOCK_MINUTES_KEY = "ui.lock_minutes"

_ACTIVITY = {
    QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove,
    QEvent.Type.Wheel, QEvent.Type.TouchBegin,
}


def verify_passphrase(path: Path, passphrase: str) -> bool:
    """True if ``passphrase`` opens the store file (checked on page 1, SQLite not involved)."""
    if not passphrase:
        return False
    try:
        key = derive_key(passphrase, path)
    except OSError:
        return False
    try:
        return key_opens(path, key)
    finally:
        key[:] = bytes(len(key))


class IdleWatcher(QObject):
    idle = Signal()

    def __init__(self, minutes: float, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.idle)
        self.set_minutes(minutes)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    def set_minutes(self, minutes: float) -> None:
        self.timer.setInterval(max(1, int(minutes * 60_000)))
        if minutes > 0:
            self.timer.start()
        else:
            self.timer.stop()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _ACTIVITY and self.timer.interval() > 0 and self.timer.isActive():
            self.timer.start()  # restart: the countdown begins again from now
        return False

    def resume(self) -> None:
        self.timer.start()

    def pause(self) -> None:
        self.timer.stop()

    def detach(self) -> None:
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        self.timer.stop()


class LockScreen(QWidget):
    unlocked = Signal()

    def __init__(
        self, verify: Callable[[str], bool], *, demo: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._verify = verify
        self._demo = demo
        title = QLabel(_("<h2>HelperDesk is locked</h2>"), self)
        text = QLabel(
            _("Demo: press Unlock to continue.") if demo else
            _("The households' data is hidden. Enter your passphrase to continue."), self)
        text.setWordWrap(True)
        self.passphrase = QLineEdit(self)
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setAccessibleName(_("Passphrase"))
        self.passphrase.setVisible(not demo)
        self.passphrase.returnPressed.connect(self.try_unlock)
        self.button = QPushButton(_("&Unlock"), self)
        self.button.setDefault(True)
        self.button.clicked.connect(self.try_unlock)
        self.error = QLabel(self)
        self.error.setStyleSheet(alert_style() + "; font-weight: bold")
        self.error.setWordWrap(True)
        box = QWidget(self)
        box.setMaximumWidth(520)
        inner = QVBoxLayout(box)
        inner.addWidget(title)
        inner.addWidget(text)
        row = QHBoxLayout()
        row.addWidget(self.passphrase, 1)
        row.addWidget(self.button)
        inner.addLayout(row)
        inner.addWidget(self.error)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        outer.addWidget(box, 0, Qt.AlignmentFlag.AlignHCenter)
        outer.addStretch(2)

    def reset(self) -> None:
        self.passphrase.clear()
        self.error.clear()
        (self.passphrase if not self._demo else self.button).setFocus()

    def try_unlock(self) -> bool:
        if not self._demo:
            try:
                ok = self._verify(self.passphrase.text())
            except StoreError as exc:
                self.error.setText(str(exc))
                return False
            if not ok:
                self.error.setText(_("That passphrase is not right. Try again."))
                self.passphrase.clear()
                self.passphrase.setFocus()
                return False
        self.passphrase.clear()
        self.error.clear()
        self.unlocked.emit()
        return True


def ask_lock_minutes(parent: QWidget, store: Store, idle: IdleWatcher) -> None:
    """Edit → Lock after…: the idle minutes before the window locks, kept in the store."""
    current = int(store.settings.get(LOCK_MINUTES_KEY, DEFAULT_LOCK_MINUTES))
    minutes, ok = QInputDialog.getInt(
        parent, _("Lock after"), _("Lock after this many idle minutes:"), current, 1, 240)
    if ok:
        store.settings.set(LOCK_MINUTES_KEY, minutes)
        idle.set_minutes(minutes)
