"""Edit a mail account's server settings, folders and household (not its name).

The account name keys its keyring entry and the record of where each mail was
seen, so it cannot be changed here; the dialog says so.
"""

from __future__ import annotations

import dataclasses
import html

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QWidget,
)

from i18n import _
from storage.accounts import Account
from storage.errors import StoreError
from storage.store import Store
from ui.widgets.dialog_parts import error_label, save_cancel, security_combo


class AccountEditDialog(QDialog):
    def __init__(self, store: Store, account: Account, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self._base = account
        self.setWindowTitle(_("Edit mail account"))
        self.name = QLabel(f"<b>{html.escape(account.name)}</b>", self)
        self.name.setAccessibleName(_("Account name"))
        self.rename_note = QLabel(_(
            "The name cannot be changed. To use another name, remove the account and add "
            "it again (mail already fetched stays)."), self)
        self.rename_note.setWordWrap(True)
        self.host = QLineEdit(account.host, self)
        self.host.setAccessibleName(_("IMAP server"))
        self.port = QSpinBox(self)
        self.port.setRange(1, 65535)
        self.port.setValue(account.port)
        self.port.setAccessibleName(_("Port"))
        self.security = security_combo(self)
        self.security.setCurrentIndex(max(0, self.security.findData(account.security)))
        self.username = QLineEdit(account.username, self)
        self.username.setAccessibleName(_("User name"))
        self.household = QComboBox(self)
        self.household.setAccessibleName(_("Household of this account"))
        self.household.addItem(_("(several households)"), None)
        for h in store.households.list_all():
            self.household.addItem(h.name, h.id)
        self.household.setCurrentIndex(max(0, self.household.findData(account.household_id)))
        self.folders = QLineEdit(", ".join(account.folders), self)
        self.folders.setAccessibleName(_("Folders to fetch"))
        self.folders.setPlaceholderText(_("empty: the inbox and the sent folder"))
        self.error = error_label(self)
        self.buttons = save_cancel(self)
        form = QFormLayout(self)
        form.addRow(_("Name:"), self.name)
        form.addRow("", self.rename_note)
        form.addRow(_("IMAP &server:"), self.host)
        form.addRow(_("&Port:"), self.port)
        form.addRow(_("S&ecurity:"), self.security)
        form.addRow(_("&User name:"), self.username)
        form.addRow(_("&Household:"), self.household)
        form.addRow(_("&Folders:"), self.folders)
        form.addRow(self.error)
        form.addRow(self.buttons)
        for edit in (self.host, self.username):
            edit.textChanged.connect(lambda _t: self._update())
        self.saved: Account | None = None
        self._update()

    def _update(self) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(
            bool(self.host.text().strip() and self.username.text().strip()))

    def account(self) -> Account:
        base = self._base
        host, port = self.host.text().strip(), self.port.value()
        security = str(self.security.currentData())
        moved = (host.casefold(), port) != (base.host.casefold(), base.port)
        return dataclasses.replace(
            base, host=host, port=port, security=security,
            username=self.username.text().strip(),
            household_id=self.household.currentData(),
            folders=[f.strip() for f in self.folders.text().split(",") if f.strip()],
            # Choosing "None" is the explicit permission for plaintext on this host.
            allow_insecure=security == "none",
            # A pinned certificate belongs to the old server.
            pin_fingerprint=None if moved else base.pin_fingerprint,
        )

    def accept(self) -> None:
        account = self.account()
        try:
            self._store.accounts.update(account)
        except StoreError as exc:
            self.error.setText(str(exc))
            self.error.show()
            return
        self.saved = account
        super().accept()

