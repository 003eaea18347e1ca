"""Unlock dialog and first-run wizard."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QLabel

from storage import secrets
from storage.store import Store
from ui.dialogs.unlock.first_run import FirstRunWizard
from ui.dialogs.unlock.unlock_dialog import UnlockDialog
from ui.workers.tasks import TaskRunner

from conftest import PASSPHRASE
from dovecot_server import PASSWORD, USER


@pytest.fixture
def no_keyring(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(secrets, "status", lambda: secrets.KeyringStatus(
        False, "keyring.backends.fail.Keyring", "no password store here"))


def test_unlock_right_passphrase(qtbot: Any, store: Store, no_keyring: None) -> None:
    store.close()
    dialog = UnlockDialog(store.path)
    qtbot.addWidget(dialog)
    dialog.passphrase.setText(PASSPHRASE)
    dialog.unlock_button.click()
    assert dialog.result() == UnlockDialog.DialogCode.Accepted
    assert dialog.store is not None
    assert dialog.store.households.list_all() == []
    dialog.store.close()


def test_unlock_wrong_passphrase_explains(qtbot: Any, store: Store, no_keyring: None) -> None:
    store.close()
    dialog = UnlockDialog(store.path)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.passphrase.setText("falsch")
    qtbot.keyClick(dialog.passphrase, "\r")
    assert dialog.store is None
    assert dialog.isVisible()  # still asking, not crashed or closed
    assert "not right" in dialog.error.text()
    assert dialog.passphrase.text() == ""
    dialog.passphrase.setText(PASSPHRASE)
    dialog.unlock_button.click()
    assert dialog.store is not None
    dialog.store.close()


def test_remember_disabled_without_keyring(qtbot: Any, store: Store, no_keyring: None) -> None:
    dialog = UnlockDialog(store.path)
    qtbot.addWidget(dialog)
    assert not dialog.remember.isEnabled()
    assert "no password store here" in dialog.keyring_reason.text()


def test_first_run_creates_store_and_household(qtbot: Any, tmp_path: Path,
                                               no_keyring: None, dovecot: Any) -> None:
    path = tmp_path / "new" / "helperdesk.db"
    wizard = FirstRunWizard(path, TaskRunner(synchronous=True))
    qtbot.addWidget(wizard)
    wizard.show()
    assert wizard.start_page.new_store.isChecked()
    assert str(path) in wizard.start_page.findChildren(QLabel)[0].text()
    wizard.next()
    page = wizard.passphrase_page
    assert wizard.currentPage() is page
    page.first.setText("1234")
    page.second.setText("1234")
    assert not page.isComplete()  # too weak, and the page says why
    assert "most" in page.hint.text()
    page.first.setText("ein langer Satz aus Wörtern")
    page.second.setText("ein langer Satz aus Wörter")
    assert not page.isComplete()
    assert "differ" in page.match.text()
    page.second.setText("ein langer Satz aus Wörtern")
    assert page.isComplete()
    wizard.next()
    assert not wizard.household_page.isComplete()
    wizard.household_page.form.name.setText("Familie Erst")
    assert wizard.household_page.isComplete()
    wizard.next()
    assert wizard.account_page.isComplete()  # the account is optional
    wizard.account_page.enabled.setChecked(True)
    assert not wizard.account_page.isComplete()
    form = wizard.account_page.form
    form.address.setText("familie.erst@gmx.de")
    form.apply_preset()
    assert form.host.text() == "imap.gmx.net" and form.port.value() == 993
    form.password.setText("geheim")
    assert wizard.account_page.isComplete()
    # "Test connection" against a real IMAP server: first a rejected password …
    form.host.setText("127.0.0.1")
    form.port.setValue(dovecot.port)
    form.security.setCurrentIndex(form.security.findData("none"))
    form.username.setText(USER)
    form.run_test()
    assert "password" in form.test_result.text().lower()
    # … then the right one.
    form.password.setText(PASSWORD)
    form.run_test()
    assert "Connection works" in form.test_result.text()
    wizard.accept()
    assert wizard.store is not None
    try:
        assert [h.name for h in wizard.store.households.list_all()] == ["Familie Erst"]
        account = wizard.store.accounts.by_name("familie.erst@gmx.de")
        assert (account.host, account.port) == ("127.0.0.1", dovecot.port)
        assert account.id is not None
        # No keyring: the password is kept inside the encrypted store.
        assert wizard.store.accounts.stored_password(account.id) == PASSWORD
    finally:
        wizard.store.close()
    reopened = Store.open(path, "ein langer Satz aus Wörtern")
    reopened.close()
