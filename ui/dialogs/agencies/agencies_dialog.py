"""Edit → Agencies…: the agency directory, with Add and Edit through the agency dialog."""

from __future__ import annotations

import copy

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from helperdesk.model import Agency
from i18n import _
from storage.store import Store
from ui.dialogs.agencies.agency_dialog import AgencyDialog
from ui.models.agencies import AgencyListModel
from ui.widgets.tables import sorted_table


class AgenciesDialog(QDialog):
    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self.setWindowTitle(_("Agencies"))
        self.resize(900, 460)
        self.model = AgencyListModel(store, self)
        self.proxy, self.table = sorted_table(
            self, self.model, name=_("Agencies"),
            sort_column=AgencyListModel.NAME, stretch_column=AgencyListModel.ADDRESSES)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.table.activated.connect(lambda _i: self.edit_agency(None))
        self.add_button = QPushButton(_("&Add…"), self)
        self.add_button.clicked.connect(lambda: self.add_agency(None))
        self.edit_button = QPushButton(_("&Edit…"), self)
        self.edit_button.clicked.connect(lambda: self.edit_agency(None))
        self.summary = QLabel(self)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.edit_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addWidget(close)
        self.reload()

    def reload(self, select_id: int | None = None) -> None:
        self.model.reload()
        self.summary.setText(_(
            "{n} agencies. Mail from their addresses or domains is recognised and filed."
        ).format(n=self.model.rowCount()))
        self.select_agency(select_id)
        if not self.table.selectionModel().hasSelection() and self.proxy.rowCount():
            self.table.selectRow(0)
        self._update_buttons()

    def select_agency(self, agency_id: int | None) -> None:
        row = self.model.row_of(agency_id)
        if row >= 0:
            self.table.selectRow(self.proxy.mapFromSource(self.model.index(row, 0)).row())

    def current(self) -> Agency | None:
        index = self.table.currentIndex()
        if not index.isValid() or not self.table.selectionModel().hasSelection():
            return None
        return self.model.agency_at(self.proxy.mapToSource(index).row())

    def _update_buttons(self) -> None:
        self.edit_button.setEnabled(self.current() is not None)

    def add_agency(self, dialog: AgencyDialog | None = None) -> None:
        dialog = dialog or AgencyDialog(self._store, None, self)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.saved is not None:
            self.reload(dialog.saved.id)

    def edit_agency(self, dialog: AgencyDialog | None = None) -> None:
        agency = self.current()
        if agency is None:
            return
        # A copy: a save that fails (name taken) must not change the listed agency.
        dialog = dialog or AgencyDialog(self._store, copy.deepcopy(agency), self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.reload(agency.id)
