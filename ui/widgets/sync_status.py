"""The status bar's view of a running mail sync: which account and folder, how far."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QWidget

from i18n import _


class SyncStatus(QWidget):
    """A label and a progress bar; empty and hidden while nothing syncs."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = QLabel(self)
        self.progress = QProgressBar(self)
        self.progress.setMaximumWidth(200)
        self.progress.setAccessibleName(_("Mail sync progress"))
        self.progress.hide()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.progress)

    def started(self, account: str) -> None:
        self.label.setText(_("Fetching mail ({account})…").format(account=account))
        self.progress.setRange(0, 0)
        self.progress.show()

    def advanced(self, account: str, folder: str, done: int, total: int) -> None:
        self.label.setText(_("{account}: {folder} {done}/{total}").format(
            account=account, folder=folder, done=done, total=total))
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)

    def idle(self) -> None:
        self.label.clear()
        self.progress.hide()
