"""First-run pages that choose how to begin: a new store, or one restored from a backup.

``StartPage`` says where the store will live (the platform's data folder) and
offers both ways; ``RestorePage`` takes the backup file and its passphrase.
The restoring itself is the use case ``helperdesk.app.restore``, run by the
wizard on "Finish".
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from i18n import _
from ui.widgets.dialog_parts import error_label


class StartPage(QWizardPage):
    """Create a new store at ``path`` or restore one there from a backup file."""

    def __init__(self, path: Path, create_id: int, restore_id: int,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._create_id, self._restore_id = create_id, restore_id
        self.setTitle(_("Welcome to HelperDesk"))
        self.setSubTitle(_("HelperDesk keeps your households' letters and mail in one "
                           "encrypted file on this computer."))
        self.new_store = QRadioButton(_("&Start with a new, empty store"), self)
        self.restore_store = QRadioButton(_("&Restore from a backup file"), self)
        self.new_store.setChecked(True)
        where = QLabel(_("The store will be kept here:\n{path}").format(path=path), self)
        where.setWordWrap(True)
        where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(self)
        layout.addWidget(self.new_store)
        layout.addWidget(self.restore_store)
        layout.addSpacing(12)
        layout.addWidget(where)
        layout.addStretch(1)

    def nextId(self) -> int:
        return self._restore_id if self.restore_store.isChecked() else self._create_id


class RestorePage(QWizardPage):
    """The backup file and the passphrase it opens with; the last page of its path."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(_("Restore from a backup"))
        self.setSubTitle(_("Choose the backup file and type the passphrase it was made "
                           "with. The backup file itself is not changed."))
        self.file = QLineEdit(self)
        self.file.setAccessibleName(_("Backup file"))
        browse = QPushButton(_("&Choose…"), self)
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.file, 1)
        row.addWidget(browse)
        self.passphrase = QLineEdit(self)
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setAccessibleName(_("Passphrase of the backup"))
        self.error = error_label(self)
        form = QFormLayout(self)
        file_label = QLabel(_("&Backup file:"), self)
        file_label.setBuddy(self.file)  # the field sits in a row with its button
        form.addRow(file_label, row)
        form.addRow(_("&Passphrase:"), self.passphrase)
        form.addRow(self.error)
        self.file.textChanged.connect(self._changed)
        self.passphrase.textChanged.connect(self._changed)

    def _browse(self) -> None:
        chosen, _filter = QFileDialog.getOpenFileName(
            self, _("Choose the backup file"), str(Path.home()))
        if chosen:
            self.file.setText(chosen)

    def _changed(self) -> None:
        self.error.hide()
        self.completeChanged.emit()

    def show_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.show()

    def backup_path(self) -> Path:
        return Path(self.file.text().strip()).expanduser()

    def isComplete(self) -> bool:
        return bool(self.file.text().strip()) and bool(self.passphrase.text())

    def nextId(self) -> int:
        return -1
