"""Edit → Mail accounts…: the list of mail accounts and what can be done with each.

Add, edit server settings, change the password, test the login (off the GUI
thread) and remove. Passwords are never shown, only whether one is kept.
Removing an account forgets its password; mail already fetched stays.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from i18n import _
from storage.accounts import Account
from storage.store import Store
from ui.dialogs.accounts.account_dialog import AccountDialog
from ui.dialogs.accounts.account_edit_dialog import AccountEditDialog
from ui.dialogs.accounts.password_dialog import PasswordDialog
from ui.models.accounts import AccountListModel
from ui.widgets.tables import sorted_table
from ui.workers.sync_adapter import check_connection, forget_password, has_password, load_password
from ui.workers.tasks import TaskRunner, user_message


class NoPassword(Exception):
    """Raised in the worker when an account has no password to test with."""


class AccountsDialog(QDialog):
    test_finished = Signal(str)  # the one-line result shown under the list

    def __init__(
        self, store: Store, runner: TaskRunner, parent: QWidget | None = None, *,
        is_busy: Callable[[str], bool] | None = None,
    ) -> None:
        super().__init__(parent)
        self._store = store
        self._runner = runner
        self._is_busy = is_busy or (lambda _name: False)
        self.setWindowTitle(_("Mail accounts"))
        self.resize(820, 360)
        self.model = AccountListModel(store, lambda a: has_password(store, a), self)
        self.proxy, self.table = sorted_table(
            self, self.model, name=_("Mail accounts"),
            sort_column=AccountListModel.NAME, stretch_column=AccountListModel.SERVER)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.table.activated.connect(lambda _i: self.edit_account())

        self.add_button = QPushButton(_("&Add…"), self)
        self.add_button.clicked.connect(lambda: self.add_account(None))
        self.edit_button = QPushButton(_("&Edit…"), self)
        self.edit_button.clicked.connect(lambda: self.edit_account(None))
        self.password_button = QPushButton(_("Change &password…"), self)
        self.password_button.clicked.connect(lambda: self.change_password(None))
        self.test_button = QPushButton(_("&Test connection"), self)
        self.test_button.clicked.connect(self.check_selected)
        self.remove_button = QPushButton(_("&Remove…"), self)
        self.remove_button.clicked.connect(lambda: self.remove_account(None))
        self.result_label = QLabel(self)
        self.result_label.setWordWrap(True)
        self.result_label.setAccessibleName(_("Result"))
        self.result_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        note = QLabel(_("Passwords are never shown. Removing an account keeps the mail "
                              "already fetched from it."), self)
        note.setWordWrap(True)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)

        buttons = QHBoxLayout()
        for b in (self.add_button, self.edit_button, self.password_button, self.test_button,
                  self.remove_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.result_label)
        layout.addWidget(note)
        layout.addWidget(close)
        self._testing = False
        self.reload()

    # -- list ------------------------------------------------------------------

    def reload(self, select_id: int | None = None) -> None:
        self.model.reload()
        row = self.model.row_of(select_id)
        if row < 0 and self.model.rowCount():
            row = 0
        if row >= 0:
            self.table.selectRow(self.proxy.mapFromSource(self.model.index(row, 0)).row())
        elif not self.result_label.text():
            self.result_label.setText(_(
                "No mail account yet. Press “Add…” to fetch mail from a mailbox."))
        self._update_buttons()

    def select_account(self, account_id: int | None) -> None:
        row = self.model.row_of(account_id)
        if row >= 0:
            self.table.selectRow(self.proxy.mapFromSource(self.model.index(row, 0)).row())

    def current(self) -> Account | None:
        index = self.table.currentIndex()
        if not index.isValid() or not self.table.selectionModel().hasSelection():
            return None
        return self.model.row_at(self.proxy.mapToSource(index).row()).account

    def _update_buttons(self) -> None:
        selected = self.current() is not None
        for b in (self.edit_button, self.password_button, self.remove_button):
            b.setEnabled(selected)
        self.test_button.setEnabled(selected and not self._testing)

    # -- actions -----------------------------------------------------------------

    def add_account(self, dialog: AccountDialog | None = None) -> None:
        dialog = dialog or AccountDialog(self._store, self._runner, self)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.saved is not None:
            self.reload(dialog.saved.id)
            self.result_label.setText(_("Mail account “{name}” added.").format(
                name=dialog.saved.name))

    def edit_account(self, dialog: AccountEditDialog | None = None) -> None:
        account = self.current()
        if account is None:
            return
        dialog = dialog or AccountEditDialog(self._store, account, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.reload(account.id)
            self.result_label.setText(_("Settings of “{name}” saved.").format(
                name=account.name))

    def change_password(self, dialog: PasswordDialog | None = None) -> None:
        account = self.current()
        if account is None:
            return
        dialog = dialog or PasswordDialog(self._store, account, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.reload(account.id)
            self.result_label.setText(
                _("Password of “{name}” saved in this computer's password store.")
                .format(name=account.name) if dialog.where == "keyring" else
                _("Password of “{name}” saved inside the encrypted HelperDesk file.")
                .format(name=account.name))

    def check_selected(self) -> None:
        account = self.current()
        if account is None or self._testing:
            return
        self._testing = True
        self._update_buttons()
        self.result_label.setText(_("Connecting to {host}…").format(host=account.host))
        store, name = self._store, account.name

        def job() -> str:  # runs in a worker thread with its own store connection
            password = load_password(store, account)
            if password is None:
                raise NoPassword
            return check_connection(account, password)

        self._runner.run(job, lambda text: self._test_done(name, str(text)),
                         lambda exc: self._test_failed(name, exc))

    def _test_done(self, name: str, text: str) -> None:
        self._finish_test(_("{name}: {result}").format(name=name, result=text))

    def _test_failed(self, name: str, exc: BaseException) -> None:
        if isinstance(exc, NoPassword):
            text = _("No password is kept for this account: use “Change password…”.")
        else:
            text = user_message(exc)
        self._finish_test(_("{name}: {result}").format(name=name, result=text))

    def _finish_test(self, text: str) -> None:
        self._testing = False
        self.result_label.setText(text)
        self._update_buttons()
        self.test_finished.emit(text)

    def remove_account(self, confirm: Callable[[Account], bool] | None = None) -> bool:
        account = self.current()
        if account is None or account.id is None:
            return False
        if self._is_busy(account.name):
            self.result_label.setText(_(
                "“{name}” is fetching mail right now. Try again when it has finished."
            ).format(name=account.name))
            return False
        ask = confirm or self._ask_remove
        if not ask(account):
            return False
        forget_password(self._store, account)
        self._store.accounts.remove(account.id)
        self.reload()
        self.result_label.setText(_(
            "Mail account “{name}” removed and its password forgotten. The mail already "
            "fetched from it stays in HelperDesk."
        ).format(name=account.name))
        return True

    def _ask_remove(self, account: Account) -> bool:
        answer = QMessageBox.question(
            self, _("Remove mail account"),
            _("Remove the mail account “{name}”?\n\nHelperDesk forgets its settings "
                    "and password and stops fetching its mail. The mail already fetched "
                    "stays in HelperDesk.").format(name=account.name),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes
