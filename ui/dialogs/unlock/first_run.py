"""First run: create the encrypted store (first household, maybe a mail account) or restore one.

A QWizard. The start page offers a new store in the platform's data folder or
a restore from a backup file. New: passphrase (strong enough by the rule of
``helperdesk.app.passphrase``, the reason shown as it is typed), household,
optional mail account; nothing is written until "Finish". Restore: backup file
and its passphrase, checked by ``helperdesk.app.restore`` before it is put in
place; an existing store is never overwritten.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from helperdesk.app.passphrase import rate
from helperdesk.app.restore import restore_backup
from i18n import _
from storage import secrets
from storage.errors import StoreError
from storage.store import Store
from ui.dialogs.accounts.account_dialog import AccountForm
from ui.dialogs.households.household_dialog import HouseholdForm
from ui.dialogs.unlock.restore_page import RestorePage, StartPage
from ui.workers.tasks import TaskRunner


class PassphrasePage(QWizardPage):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(_("Protect your data"))
        self.setSubTitle(_(
            "Everything HelperDesk keeps is encrypted with a passphrase. Choose one you can "
            "remember: if it is lost, the data cannot be recovered."))
        self.first = QLineEdit(self)
        self.first.setEchoMode(QLineEdit.EchoMode.Password)
        self.first.setAccessibleName(_("New passphrase"))
        self.second = QLineEdit(self)
        self.second.setEchoMode(QLineEdit.EchoMode.Password)
        self.second.setAccessibleName(_("Repeat the passphrase"))
        self.hint = QLabel(self)
        self.hint.setWordWrap(True)
        self.strong = False
        self.match = QLabel(self)
        self.remember = QCheckBox(_("&Remember on this computer"), self)
        self.keyring_reason = QLabel(self)
        self.keyring_reason.setWordWrap(True)
        status = secrets.status()
        if not status.usable:
            self.remember.setEnabled(False)
            self.keyring_reason.setText(_("Cannot remember: {reason}.").format(
                reason=status.reason))
        form = QFormLayout(self)
        form.addRow(_("&Passphrase:"), self.first)
        form.addRow(_("R&epeat:"), self.second)
        form.addRow("", self.hint)
        form.addRow("", self.match)
        form.addRow(self.remember)
        form.addRow(self.keyring_reason)
        for edit in (self.first, self.second):
            edit.textChanged.connect(self._changed)

    def _changed(self) -> None:
        strength = rate(self.first.text()) if self.first.text() else None
        self.strong = strength is not None and strength.acceptable
        if strength is None:
            self.hint.clear()
        else:
            self.hint.setText(_("Strong enough.") if self.strong else strength.reason)
        if self.second.text() and self.second.text() != self.first.text():
            self.match.setText(_("The two passphrases differ."))
        else:
            self.match.clear()
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return self.strong and self.first.text() == self.second.text()


class HouseholdPage(QWizardPage):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(_("Your first household"))
        self.setSubTitle(_("Whose paperwork do you handle? You can add more later."))
        self.form = HouseholdForm(self)
        self.form.changed.connect(self.completeChanged)
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)

    def isComplete(self) -> bool:
        return self.form.is_valid()


class AccountPage(QWizardPage):
    def __init__(self, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(_("Mail account (optional)"))
        self.setSubTitle(_(
            "If agencies write to a mail account, HelperDesk can fetch those mails. "
            "You can also skip this and add paper letters as PDF."))
        self.enabled = QCheckBox(_("&Add a mail account now"), self)
        self.form = AccountForm([], runner, self)
        self.form.setEnabled(False)
        self.enabled.toggled.connect(self.form.setEnabled)
        self.enabled.toggled.connect(lambda _on: self.completeChanged.emit())
        self.form.changed.connect(self.completeChanged)
        layout = QVBoxLayout(self)
        layout.addWidget(self.enabled)
        layout.addWidget(self.form)

    def isComplete(self) -> bool:
        return not self.enabled.isChecked() or self.form.is_valid()

    def nextId(self) -> int:
        return -1


class FirstRunWizard(QWizard):
    START, PASSPHRASE, HOUSEHOLD, ACCOUNT, RESTORE = range(5)

    def __init__(self, path: Path, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._path = path
        self.store: Store | None = None
        self.setWindowTitle(_("Set up HelperDesk"))
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.start_page = StartPage(path, self.PASSPHRASE, self.RESTORE, self)
        self.passphrase_page = PassphrasePage(self)
        self.household_page = HouseholdPage(self)
        self.account_page = AccountPage(runner, self)
        self.restore_page = RestorePage(self)
        for page_id, page in enumerate((self.start_page, self.passphrase_page,
                                        self.household_page, self.account_page,
                                        self.restore_page)):
            self.setPage(page_id, page)
        self.setStartId(self.START)

    def accept(self) -> None:
        if self.start_page.restore_store.isChecked():
            self._restore()
            return
        self._create()

    def _restore(self) -> None:
        page = self.restore_page
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            self.store = restore_backup(page.backup_path(), self._path, page.passphrase.text())
        except (StoreError, ValueError, OSError) as exc:
            page.show_error(str(exc) if not isinstance(exc, OSError) else _(
                "The backup could not be read: {reason}").format(reason=exc.strerror or exc))
            return
        finally:
            QGuiApplication.restoreOverrideCursor()
        super().accept()

    def _create(self) -> None:
        passphrase = self.passphrase_page.first.text()
        store: Store | None = None
        try:
            store = Store.create(self._path, passphrase)
            household = self.household_page.form.household()
            store.households.add(household)
            if self.account_page.enabled.isChecked():
                form = self.account_page.form
                form.save(store)
        except (StoreError, ValueError) as exc:
            if store is not None:
                store.close()
            QMessageBox.warning(self, _("Set up HelperDesk"), str(exc))
            return
        if self.passphrase_page.remember.isChecked():
            # Best effort: the option is only offered for a usable keyring.
            with contextlib.suppress(secrets.KeyringUnavailable):
                secrets.put(secrets.STORE_SERVICE, str(self._path), passphrase)
        self.store = store
        super().accept()
