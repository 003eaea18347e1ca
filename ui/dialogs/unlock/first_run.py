"""First run: create the encrypted store, add the first household, maybe a mail account.

Three pages of a QWizard. Nothing is written until "Finish": then the store is
created with the passphrase, the household added and the account saved.
"""

from __future__ import annotations

import contextlib
import re
from pathlib import Path

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

from i18n import _
from storage import secrets
from storage.errors import StoreError
from storage.store import Store
from ui.dialogs.accounts.account_dialog import AccountForm
from ui.dialogs.households.household_dialog import HouseholdForm
from ui.workers.tasks import TaskRunner


def passphrase_strength(text: str) -> tuple[int, str]:
    """A rough 0–3 score and a hint; long phrases of ordinary words are encouraged."""
    if not text:
        return 0, ""
    words = len(re.findall(r"\w{3,}", text))
    classes = sum(bool(re.search(p, text)) for p in (r"[a-z]", r"[A-Z]", r"\d", r"[^\w\s]"))
    score = 0
    if len(text) >= 12 or (len(text) >= 10 and classes >= 3):
        score = 1
    if len(text) >= 16 or (words >= 3 and len(text) >= 14):
        score = 2
    if len(text) >= 24 or (words >= 4 and len(text) >= 20):
        score = 3
    hints = (
        _("Weak: use at least 4 words you can remember, e.g. a short sentence."),
        _("Fair: one or two more words would make it much stronger."),
        _("Good."),
        _("Strong."),
    )
    return score, hints[score]


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
        _score, hint = passphrase_strength(self.first.text())
        self.hint.setText(hint)
        if self.second.text() and self.second.text() != self.first.text():
            self.match.setText(_("The two passphrases differ."))
        else:
            self.match.clear()
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return bool(self.first.text()) and self.first.text() == self.second.text()


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


class FirstRunWizard(QWizard):
    def __init__(self, path: Path, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._path = path
        self.store: Store | None = None
        self.setWindowTitle(_("Set up HelperDesk"))
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.passphrase_page = PassphrasePage(self)
        self.household_page = HouseholdPage(self)
        self.account_page = AccountPage(runner, self)
        for page in (self.passphrase_page, self.household_page, self.account_page):
            self.addPage(page)

    def accept(self) -> None:
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
