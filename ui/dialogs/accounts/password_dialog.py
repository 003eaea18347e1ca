"""Change a mail account's password: kept in the keyring, else inside the encrypted store."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

from i18n import _
from storage import secrets
from storage.accounts import Account
from storage.errors import StoreError
from storage.store import Store
from ui.widgets.dialog_parts import error_label, save_cancel
from ui.workers.sync_adapter import save_password


class PasswordDialog(QDialog):
    def __init__(self, store: Store, account: Account, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self._account = account
        self.setWindowTitle(_("Change password – {name}").format(name=account.name))
        self.password = QLineEdit(self)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setAccessibleName(_("New password"))
        st = secrets.status()
        self.where_note = QLabel(
            _("The password is kept in this computer's password store.") if st.usable
            else _("No password store is available, so the password is kept inside "
                         "the encrypted HelperDesk file."), self)
        self.where_note.setWordWrap(True)
        self.error = error_label(self)
        self.buttons = save_cancel(self)
        form = QFormLayout(self)
        form.addRow(_("New pass&word:"), self.password)
        form.addRow("", self.where_note)
        form.addRow(self.error)
        form.addRow(self.buttons)
        self.password.textChanged.connect(lambda _t: self._update())
        self.where: str | None = None  # "keyring" or "store" once saved
        self._update()

    def _update(self) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(
            bool(self.password.text()))

    def accept(self) -> None:
        try:
            self.where = save_password(self._store, self._account, self.password.text())
        except StoreError as exc:
            self.error.setText(str(exc))
            self.error.show()
            return
        self.password.clear()  # do not keep it in the widget longer than needed
        super().accept()
