"""The agency directory as a table: name, kind (German name), mail addresses/domains, state."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, Qt

from helperdesk.analysis.agency_kinds import display_name
from helperdesk.analysis.regions import STATES
from helperdesk.analysis.wording import agency_kind_name
from helperdesk.model import Agency
from i18n import _
from storage.store import Store
from ui.models import ID_ROLE, OBJECT_ROLE, SORT_ROLE
from ui.models.rows import RowTableModel

_Index = QModelIndex | QPersistentModelIndex


class AgencyListModel(RowTableModel):
    NAME, KIND, ADDRESSES, STATE = range(4)
    COLUMNS = 4

    def __init__(self, store: Store | None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self._rows: list[Agency] = []

    def reload(self) -> None:
        self.beginResetModel()
        self._rows = self._store.agencies.list_all() if self._store is not None else []
        self.endResetModel()

    def agency_at(self, row: int) -> Agency:
        return self._rows[row]

    def row_of(self, agency_id: int | None) -> int:
        return next((i for i, a in enumerate(self._rows) if a.id == agency_id), -1)

    def _display(self, a: Agency, col: int) -> str:
        if col == self.NAME:
            return a.name
        if col == self.KIND:  # the agencies' own German word, as on their letters
            return display_name(a.kind, "de")
        if col == self.ADDRESSES:
            return ", ".join(a.emails)
        if col == self.STATE:
            return STATES.get(a.state, a.state) if a.state else _("nationwide / not set")
        return ""

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        a = self._rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(a, col)
        if role == SORT_ROLE:
            return self._display(a, col).casefold()
        if role == Qt.ItemDataRole.ToolTipRole and col == self.KIND:
            return agency_kind_name(a.kind)  # explained in the screen language
        if role == Qt.ItemDataRole.ToolTipRole and col == self.ADDRESSES and a.emails:
            return "\n".join(a.emails)
        if role == ID_ROLE:
            return a.id
        if role == OBJECT_ROLE:
            return a
        return None

    def headers(self) -> tuple[str, ...]:
        return (_("Name"), _("Kind"), _("Mail addresses / domains"),
                _("Bundesland"))
