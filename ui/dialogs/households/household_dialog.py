"""Create or edit a household: name, language, Bundesland, authorisation, notes.

``HouseholdForm`` is the reusable part (the first-run wizard shows it too);
``HouseholdDialog`` wraps it with OK/Cancel and saves through the store.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from helperdesk.analysis.regions import LANGUAGES, STATES
from helperdesk.model import Household
from i18n import _
from storage.errors import StoreError
from storage.store import Store
from ui.widgets.dialog_parts import around_form


class HouseholdForm(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.name = QLineEdit(self)
        self.name.setAccessibleName(_("Household name"))
        self.name.setPlaceholderText(_("e.g. Familie Yilmaz"))
        self.name.textChanged.connect(lambda _t: self.changed.emit())
        self.language = QComboBox(self)
        self.language.setAccessibleName(_("Language of the household"))
        for code, label in LANGUAGES.items():
            self.language.addItem(label, code)
        self.state = QComboBox(self)
        self.state.setAccessibleName(_("Bundesland"))
        self.state.addItem(_("(not set)"), None)
        for code, label in STATES.items():
            self.state.addItem(label, code)
        self.authorisation = QLineEdit(self)
        self.authorisation.setAccessibleName(_("Authorisation"))
        self.authorisation.setPlaceholderText(_("e.g. Vollmacht from 01.03.2025"))
        self.has_expiry = QCheckBox(_("Authorisation &expires on"), self)
        self.expires = QDateEdit(QDate.currentDate().addYears(1), self)
        self.expires.setDisplayFormat("dd.MM.yyyy")
        self.expires.setCalendarPopup(True)
        self.expires.setAccessibleName(_("Authorisation expiry date"))
        self.expires.setEnabled(False)
        self.has_expiry.toggled.connect(self.expires.setEnabled)
        self.notes = QPlainTextEdit(self)
        self.notes.setAccessibleName(_("Notes"))
        self.notes.setTabChangesFocus(True)  # keyboard users must be able to leave the box
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(_("&Name:"), self.name)
        form.addRow(_("&Language:"), self.language)
        form.addRow(_("&Bundesland:"), self.state)
        form.addRow(_("&Authorisation:"), self.authorisation)
        form.addRow(self.has_expiry, self.expires)
        form.addRow(_("N&otes:"), self.notes)

    def set_household(self, h: Household) -> None:
        self.name.setText(h.name)
        self.language.setCurrentIndex(max(0, self.language.findData(h.language)))
        self.state.setCurrentIndex(max(0, self.state.findData(h.state)))
        self.authorisation.setText(h.authorisation)
        self.notes.setPlainText(h.notes)
        if h.authorisation_expires:
            self.has_expiry.setChecked(True)
            d = h.authorisation_expires
            self.expires.setDate(QDate(d.year, d.month, d.day))

    def is_valid(self) -> bool:
        return bool(self.name.text().strip())

    def household(self, base: Household | None = None) -> Household:
        h = base or Household(name="")
        h.name = self.name.text().strip()
        h.language = str(self.language.currentData())
        h.state = self.state.currentData()
        h.authorisation = self.authorisation.text().strip()
        h.notes = self.notes.toPlainText()
        if self.has_expiry.isChecked():
            q = self.expires.date()
            h.authorisation_expires = dt.date(q.year(), q.month(), q.day())
        else:
            h.authorisation_expires = None
        return h


class HouseholdDialog(QDialog):
    def __init__(
        self, store: Store, household: Household | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._store = store
        self._base = household
        self.setWindowTitle(_("Edit household") if household else _("New household"))
        self.form = HouseholdForm(self)
        if household is not None:
            self.form.set_household(household)
        self.error, self.buttons = around_form(self, self.form)
        self.form.changed.connect(self._update)
        self.saved: Household | None = None
        self._update()

    def _update(self) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(self.form.is_valid())

    def accept(self) -> None:
        if not self.form.is_valid():
            return
        household = self.form.household(self._base)
        try:
            if household.id is None:
                self._store.households.add(household)
            else:
                self._store.households.update(household)
        except StoreError as exc:
            self.error.setText(str(exc))
            self.error.show()
            return
        self.saved = household
        super().accept()
