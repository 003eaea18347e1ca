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
        self.setWindowTitle(self.tr("Edit agency") if agency else self.tr("New agency"))
        self.name = QLineEdit(self)
        self.name.setAccessibleName(self.tr("Agency name"))
        self.kind = QComboBox(self)
        self.kind.setAccessibleName(self.tr("Kind of agency"))
        for kind, info in KINDS.items():
            self.kind.addItem(info.name_de, kind.value)
        self.emails = QLineEdit(self)
        self.emails.setAccessibleName(self.tr("Mail addresses or domains"))
        self.emails.setPlaceholderText(self.tr("e.g. jobcenter-musterstadt.de, post@example.org"))
        self.state = QComboBox(self)
        self.state.setAccessibleName(self.tr("Bundesland"))
        self.state.addItem(self.tr("(nationwide / not set)"), None)
        for code, label in STATES.items():
            self.state.addItem(label, code)
        self.error = error_label(self)
        self.buttons = save_cancel(self)
        form = QFormLayout(self)
        form.addRow(self.tr("&Name:"), self.name)
        form.addRow(self.tr("&Kind:"), self.kind)
        form.addRow(self.tr("&Mail addresses:"), self.emails)
        form.addRow(self.tr("&Bundesland:"), self.state)
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
