"""Add a mail account: server settings (with provider presets), password, household.

``AccountForm`` is shared with the first-run wizard. The password goes to the
OS keyring; when no keyring is usable it is kept inside the encrypted store,
and the form says so. "Test connection" runs off the GUI thread.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QWidget,
)

from i18n import _
from storage import secrets
from storage.accounts import Account
from storage.errors import StoreError
from storage.store import Store
from ui.widgets.dialog_parts import around_form, security_combo
from ui.workers.sync_adapter import check_connection, preset_for, save_password
from ui.workers.tasks import TaskRunner, user_message

_PORTS = {"ssl": 993, "starttls": 143, "none": 143}


class AccountForm(QWidget):
    changed = Signal()

    def __init__(
        self, households: list[tuple[int, str]], runner: TaskRunner,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._runner = runner
        self.address = QLineEdit(self)
        self.address.setAccessibleName(_("Mail address"))
        self.address.setPlaceholderText(_("name@example.org"))
        self.address.editingFinished.connect(self.apply_preset)
        self.preset_note = QLabel(self)
        self.preset_note.setWordWrap(True)
        self.name = QLineEdit(self)
        self.name.setAccessibleName(_("Account name"))
        self.host = QLineEdit(self)
        self.host.setAccessibleName(_("IMAP server"))
        self.port = QSpinBox(self)
        self.port.setRange(1, 65535)
        self.port.setValue(993)
        self.port.setAccessibleName(_("Port"))
        self.security = security_combo(self)
        self.security.currentIndexChanged.connect(self._security_changed)
        self.username = QLineEdit(self)
        self.username.setAccessibleName(_("User name"))
        self.password = QLineEdit(self)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setAccessibleName(_("Password"))
        self.household = QComboBox(self)
        self.household.setAccessibleName(_("Household of this account"))
        self.household.addItem(_("(several households)"), None)
        for hid, hname in households:
            self.household.addItem(hname, hid)
        self.test_button = QPushButton(_("&Test connection"), self)
        self.test_button.clicked.connect(self.run_test)
        self.test_result = QLabel(self)
        self.test_result.setWordWrap(True)
        st = secrets.status()
        self.keyring_note = QLabel(
            _("The password is kept in this computer's password store.") if st.usable
            else _("No password store is available, so the password is kept inside "
                         "the encrypted HelperDesk file."), self)
        self.keyring_note.setWordWrap(True)
        for edit in (self.name, self.host, self.username, self.password):
            edit.textChanged.connect(lambda _t: self.changed.emit())

        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(_("Mail &address:"), self.address)
        form.addRow("", self.preset_note)
        form.addRow(_("Account &name:"), self.name)
        form.addRow(_("IMAP &server:"), self.host)
        form.addRow(_("&Port:"), self.port)
        form.addRow(_("S&ecurity:"), self.security)
        form.addRow(_("&User name:"), self.username)
        form.addRow(_("Pass&word:"), self.password)
        form.addRow(_("&Household:"), self.household)
        form.addRow("", self.keyring_note)
        row = QHBoxLayout()
        row.addWidget(self.test_button)
        row.addWidget(self.test_result, 1)
        form.addRow(row)

    def apply_preset(self) -> None:
        address = self.address.text().strip()
        if not self.username.text():
            self.username.setText(address)
        if not self.name.text() and address:
            self.name.setText(address)
        preset = preset_for(address) if "@" in address else None
        if preset is None:
            self.preset_note.setText(_("Enter your provider's server settings.")
                                     if address else "")
            return
        self.host.setText(preset.host)
        self.port.setValue(preset.port)
        self.security.setCurrentIndex(max(0, self.security.findData(preset.security)))
        self.preset_note.setText(_("Settings for {provider} filled in.").format(
            provider=preset.name) + (" " + _(preset.note) if preset.note else ""))

    def _security_changed(self) -> None:
        sec = str(self.security.currentData())
        if self.port.value() in _PORTS.values():
            self.port.setValue(_PORTS[sec])

    def is_valid(self) -> bool:
        return all(e.text().strip() for e in (self.name, self.host, self.username)) \
            and bool(self.password.text())

    def account(self) -> Account:
        security = str(self.security.currentData())
        return Account(
            name=self.name.text().strip(), host=self.host.text().strip(),
            port=self.port.value(), security=security, username=self.username.text().strip(),
            household_id=self.household.currentData(),
            # Choosing "None" in the form is the explicit permission for this host.
            allow_insecure=security == "none",
        )

    def run_test(self) -> None:
        if not self.is_valid():
            self.test_result.setText(_("Fill in server, user name and password first."))
            return
        self.test_button.setEnabled(False)
        self.test_result.setText(_("Connecting…"))
        account, password = self.account(), self.password.text()
        self._runner.run(lambda: check_connection(account, password),
                         self._test_done, self._test_failed)

    def _test_done(self, message: object) -> None:
        self.test_button.setEnabled(True)
        self.test_result.setText(str(message))

    def _test_failed(self, exc: BaseException) -> None:
        self.test_button.setEnabled(True)
        self.test_result.setText(str(exc) if type(exc).__name__ == "SyncUnavailable"
                                 else user_message(exc))

    def save(self, store: Store) -> tuple[Account, str]:
        """Add the account and keep its password; return where the password went."""
        account = store.accounts.add(self.account())
        return account, save_password(store, account, self.password.text())


class AccountDialog(QDialog):
    def __init__(self, store: Store, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self.setWindowTitle(_("Add mail account"))
        households = [(h.id, h.name) for h in store.households.list_all() if h.id is not None]
        self.form = AccountForm(households, runner, self)
        self.error, self.buttons = around_form(self, self.form)
        self.form.changed.connect(self._update)
        self.saved: Account | None = None
        self._update()

    def _update(self) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(self.form.is_valid())

    def accept(self) -> None:
        try:
            self.saved, _where = self.form.save(self._store)
        except StoreError as exc:
            self.error.setText(str(exc))
            self.error.show()
            return
        super().accept()
