"""Create or edit an agency of the directory: name, kind, mail addresses/domains, state."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QWidget,
)

from helperdesk.analysis.agency_kinds import KINDS
from helperdesk.analysis.regions import STATES
from helperdesk.model import Agency, AgencyKind
from i18n import _
from storage.errors import StoreError
from storage.store import Store
from ui.widgets.dialog_parts import error_label, save_cancel


class AgencyDialog(QDialog):
    def __init__(
        self, store: Store, agency: Agency | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._store = store
        self._base = agency
        self.setWindowTitle(_("Edit agency") if agency else _("New agency"))
        self.name = QLineEdit(self)
        self.name.setAccessibleName(_("Agency name"))
        self.kind = QComboBox(self)
        self.kind.setAccessibleName(_("Kind of agency"))
        for kind, info in KINDS.items():
            self.kind.addItem(info.name_de, kind.value)
        self.emails = QLineEdit(self)
        self.emails.setAccessibleName(_("Mail addresses or domains"))
        self.emails.setPlaceholderText(_("e.g. jobcenter-musterstadt.de, post@example.org"))
        self.state = QComboBox(self)
        self.state.setAccessibleName(_("Bundesland"))
        self.state.addItem(_("(nationwide / not set)"), None)
        for code, label in STATES.items():
            self.state.addItem(label, code)
        self.error = error_label(self)
        self.buttons = save_cancel(self)
        form = QFormLayout(self)
        form.addRow(_("&Name:"), self.name)
        form.addRow(_("&Kind:"), self.kind)
        form.addRow(_("&Mail addresses:"), self.emails)
        form.addRow(_("&Bundesland:"), self.state)
        form.addRow(self.error)
        form.addRow(self.buttons)
        if agency is not None:
            self.name.setText(agency.name)
            self.kind.setCurrentIndex(self.kind.findData(agency.kind.value))
            self.emails.setText(", ".join(agency.emails))
            self.state.setCurrentIndex(max(0, self.state.findData(agency.state)))
        self.name.textChanged.connect(self._update)
        self.saved: Agency | None = None
        self._update()

    def _update(self) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(
            bool(self.name.text().strip()))

    def accept(self) -> None:
        agency = self._base or Agency(name="", kind=AgencyKind.OTHER)
        agency.name = self.name.text().strip()
        agency.kind = AgencyKind(self.kind.currentData())
        agency.emails = [e.strip() for e in self.emails.text().replace(";", ",").split(",")
                         if e.strip()]
        agency.state = self.state.currentData()
        try:
            if agency.id is None:
                self._store.agencies.add(agency)
            else:
                self._store.agencies.update(agency)
        except StoreError as exc:
            self.error.setText(str(exc))
            self.error.show()
            return
        self.saved = agency
        super().accept()
