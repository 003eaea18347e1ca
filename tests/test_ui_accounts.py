"""Edit → Mail accounts…: list, edit, password, login test (real Dovecot), remove."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import keyring
import keyring.backends.fail
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from helperdesk.model import Household
from storage import secrets
from storage.accounts import Account
from storage.errors import NotFound
from storage.store import Store
from sync.credentials import keyring_user, load_password, save_password
from ui.dialogs.accounts.account_dialog import AccountDialog
from ui.dialogs.accounts.account_edit_dialog import AccountEditDialog
from ui.dialogs.accounts.accounts_dialog import AccountsDialog
from ui.dialogs.accounts.password_dialog import PasswordDialog
from ui.models.accounts import AccountListModel
from ui.workers.tasks import TaskRunner

from conftest import need
from dovecot_server import PASSWORD, DovecotServer
from ui_fixtures import make_message

SECRET = "geheim-1234"


def _accept_on_exec(dialog: QDialog) -> None:
    def fake_exec() -> int:
        dialog.accept()
        return int(dialog.result())

    dialog.exec = fake_exec  # type: ignore[method-assign]


@pytest.fixture
def no_keyring() -> Iterator[None]:
    previous = keyring.get_keyring()
    keyring.set_keyring(keyring.backends.fail.Keyring())
    try:
        yield
    finally:
        keyring.set_keyring(previous)


@pytest.fixture
def two_accounts(store: Store, no_keyring: None) -> tuple[Account, Account]:
    home = store.households.add(Household(name="Familie Haddad"))
    a = store.accounts.add(Account(name="haddad", host="imap.gmx.net", port=993,
                                   security="ssl", username="haddad@gmx.de",
                                   household_id=home.id, pin_fingerprint="ab" * 32))
    b = store.accounts.add(Account(name="beratung", host="imap.web.de", port=993,
                                   security="ssl", username="beratung@web.de"))
    save_password(store, a, SECRET)
    return a, b


def _dialog(qtbot: Any, store: Store, **kwargs: Any) -> AccountsDialog:
    dialog = AccountsDialog(store, TaskRunner(synchronous=True), **kwargs)
    qtbot.addWidget(dialog)
    return dialog


def test_model_lists_accounts_without_passwords(
    qtmodeltester: Any, store: Store, two_accounts: tuple[Account, Account],
) -> None:
    model = AccountListModel(store, lambda a: load_password(store, a) is not None)
    model.reload()
    qtmodeltester.check(model)
    assert model.rowCount() == 2
    rows = {model.data(model.index(r, AccountListModel.NAME)): r for r in range(2)}
    haddad = rows["haddad"]
    assert model.data(model.index(haddad, AccountListModel.SERVER)) == "imap.gmx.net:993"
    assert model.data(model.index(haddad, AccountListModel.SECURITY)) == "SSL/TLS"
    assert model.data(model.index(haddad, AccountListModel.HOUSEHOLD)) == "Familie Haddad"
    assert model.data(model.index(haddad, AccountListModel.PASSWORD)) == "kept"
    assert model.data(model.index(rows["beratung"], AccountListModel.PASSWORD)) == "missing"
    assert model.headerData(AccountListModel.PASSWORD, Qt.Orientation.Horizontal) == "Password"
    # The password itself is in no role of any cell.
    for r in range(2):
        for c in range(AccountListModel.COLUMNS):
            for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                assert SECRET not in str(model.data(model.index(r, c), role))
    model.clear()
    assert model.rowCount() == 0


def test_edit_keeps_name_and_saves_settings(
    qtbot: Any, store: Store, two_accounts: tuple[Account, Account],
) -> None:
    haddad, _ = two_accounts
    dialog = _dialog(qtbot, store)
    dialog.select_account(haddad.id)
    assert dialog.current() is not None and dialog.current().name == "haddad"
    edit = AccountEditDialog(store, haddad, dialog)
    assert "cannot be changed" in edit.rename_note.text()
    edit.host.setText("imap.example.org")
    edit.port.setValue(143)
    edit.security.setCurrentIndex(edit.security.findData("starttls"))
    edit.household.setCurrentIndex(edit.household.findData(None))
    edit.folders.setText("INBOX, Jobcenter , ")
    _accept_on_exec(edit)
    dialog.edit_account(edit)
    saved = store.accounts.by_name("haddad")
    assert (saved.host, saved.port, saved.security) == ("imap.example.org", 143, "starttls")
    assert saved.household_id is None and saved.folders == ["INBOX", "Jobcenter"]
    assert saved.pin_fingerprint is None  # the old server's certificate pin is dropped
    assert not saved.allow_insecure
    assert load_password(store, saved) == SECRET  # the password stays with the name
    assert "saved" in dialog.result_label.text()
    with pytest.raises(NotFound):
        store.accounts.update(Account(name="x", host="h", port=1, security="ssl",
                                      username="u", id=9999))


def test_change_password_without_keyring_goes_into_the_store(
    qtbot: Any, store: Store, two_accounts: tuple[Account, Account],
) -> None:
    _, beratung = two_accounts
    dialog = _dialog(qtbot, store)
    dialog.select_account(beratung.id)
    row = dialog.model.row_of(beratung.id)
    assert dialog.model.data(dialog.model.index(row, AccountListModel.PASSWORD)) == "missing"
    change = PasswordDialog(store, beratung, dialog)
    assert "encrypted HelperDesk file" in change.where_note.text()
    save = change.buttons.button(change.buttons.StandardButton.Save)
    assert not save.isEnabled()
    change.password.setText("neu-567")
    _accept_on_exec(change)
    dialog.change_password(change)
    assert change.where == "store"
    assert store.accounts.stored_password(beratung.id or 0) == "neu-567"
    assert change.password.text() == ""
    row = dialog.model.row_of(beratung.id)
    assert dialog.model.data(dialog.model.index(row, AccountListModel.PASSWORD)) == "kept"
    assert "encrypted HelperDesk file" in dialog.result_label.text()


def test_test_without_password_says_what_to_do(
    qtbot: Any, store: Store, two_accounts: tuple[Account, Account],
) -> None:
    _, beratung = two_accounts
    dialog = _dialog(qtbot, store)
    dialog.select_account(beratung.id)
    with qtbot.waitSignal(dialog.test_finished, timeout=1000) as blocker:
        dialog.test_button.click()
    assert "Change password" in blocker.args[0]
    assert dialog.result_label.text().startswith("beratung:")
    assert dialog.test_button.isEnabled()


def test_remove_asks_keeps_mail_and_forgets_password(
    qtbot: Any, store: Store, two_accounts: tuple[Account, Account],
) -> None:
    haddad, _ = two_accounts
    store.messages.add(make_message("Einladung", message_id="<e@test>"))
    dialog = _dialog(qtbot, store)
    dialog.select_account(haddad.id)
    asked: list[str] = []
    assert not dialog.remove_account(lambda a: asked.append(a.name) or False)
    assert asked == ["haddad"]
    assert store.accounts.by_name("haddad").id == haddad.id  # "No" keeps it
    assert dialog.remove_account(lambda _a: True)
    assert [a.name for a in store.accounts.list_all()] == ["beratung"]
    assert store.accounts.stored_password(haddad.id or 0) is None
    assert store.messages.count() == 1  # fetched mail stays
    assert "stays in HelperDesk" in dialog.result_label.text()
    assert dialog.model.rowCount() == 1


def test_remove_refused_while_syncing(
    qtbot: Any, store: Store, two_accounts: tuple[Account, Account],
) -> None:
    haddad, _ = two_accounts
    dialog = _dialog(qtbot, store, is_busy=lambda name: name == "haddad")
    dialog.select_account(haddad.id)
    assert not dialog.remove_account(lambda _a: True)
    assert "fetching mail right now" in dialog.result_label.text()
    assert len(store.accounts.list_all()) == 2


def test_buttons_follow_selection_and_add(
    qtbot: Any, store: Store, no_keyring: None,
) -> None:
    dialog = _dialog(qtbot, store)
    assert dialog.model.rowCount() == 0
    assert not dialog.edit_button.isEnabled() and not dialog.remove_button.isEnabled()
    assert dialog.add_button.isEnabled()
    add = AccountDialog(store, TaskRunner(synchronous=True), dialog)
    add.form.address.setText("neu@gmx.de")
    add.form.apply_preset()
    add.form.password.setText("pw")
    _accept_on_exec(add)
    dialog.add_account(add)
    assert dialog.current() is not None and dialog.current().name == "neu@gmx.de"
    assert dialog.edit_button.isEnabled() and dialog.test_button.isEnabled()
    for w in (dialog.table, dialog.add_button, dialog.test_button, dialog.remove_button):
        assert w.accessibleName() or w.text()


def test_test_connection_against_dovecot_in_a_worker(
    qtbot: Any, store: Store, dovecot: DovecotServer, no_keyring: None,
) -> None:
    account = store.accounts.add(Account(name="familie", allow_insecure=True,
                                         **dovecot.account_kwargs()))  # type: ignore[arg-type]
    save_password(store, account, PASSWORD)
    runner = TaskRunner(store.close_thread_connection)
    dialog = AccountsDialog(store, runner)
    qtbot.addWidget(dialog)
    dialog.select_account(account.id)
    with qtbot.waitSignal(dialog.test_finished, timeout=30_000) as blocker:
        dialog.test_button.click()
        assert not dialog.test_button.isEnabled()  # the GUI stays live; one test at a time
    assert "Connection works" in blocker.args[0]
    save_password(store, account, "falsch")
    with qtbot.waitSignal(dialog.test_finished, timeout=30_000) as blocker:
        dialog.test_button.click()
    assert "Connection works" not in blocker.args[0]
    assert "Mail accounts" in blocker.args[0]
    runner.wait()


@pytest.mark.keyring
def test_keyring_password_changed_and_forgotten(qtbot: Any, store: Store) -> None:
    need(secrets.status().usable, "no usable keyring backend (run under dbus-run-session)")
    account = store.accounts.add(Account(name="kr", host="imap.gmx.net", port=993,
                                         security="ssl", username="kr@gmx.de"))
    dialog = _dialog(qtbot, store)
    dialog.select_account(account.id)
    change = PasswordDialog(store, account, dialog)
    change.password.setText(SECRET)
    _accept_on_exec(change)
    dialog.change_password(change)
    assert change.where == "keyring"
    user = keyring_user(store, "kr")
    assert keyring.get_password(secrets.IMAP_SERVICE, user) == SECRET
    assert store.accounts.stored_password(account.id or 0) is None
    assert dialog.remove_account(lambda _a: True)
    assert keyring.get_password(secrets.IMAP_SERVICE, user) is None
