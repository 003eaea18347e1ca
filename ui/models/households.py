"""Households with their counts of open deadlines and unfiled mail (left-hand list)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

from i18n import _
from storage.store import Store
from ui.models import ID_ROLE, OBJECT_ROLE, SORT_ROLE

_Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class HouseholdRow:
    id: int
    name: str
    open_deadlines: int
    unfiled: int


class HouseholdModel(QAbstractTableModel):
    NAME, DEADLINES, UNFILED = range(3)
    COLUMNS = 3

    def __init__(self, store: Store | None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self._rows: list[HouseholdRow] = []

    def reload(self) -> None:
        self.beginResetModel()
        self._rows = self._load() if self._store is not None else []
        self.endResetModel()

    def clear(self) -> None:
        self.beginResetModel()
        self._rows = []
        self.endResetModel()

    def _load(self) -> list[HouseholdRow]:
        assert self._store is not None
        store = self._store
        rows = []
        for h in store.households.list_all():
            assert h.id is not None
            rows.append(HouseholdRow(
                h.id, h.name,
                len(store.deadlines.matching(household_id=h.id)),
                # "Unfiled" here: belongs to the household but to no case yet.
                store.messages.count(household_id=h.id, unfiled=True),
            ))
        return rows

    def row_of(self, household_id: int) -> int:
        return next((i for i, r in enumerate(self._rows) if r.id == household_id), -1)

    def household_at(self, row: int) -> HouseholdRow:
        return self._rows[row]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.COLUMNS

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        row = self._rows[index.row()]
        col = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, SORT_ROLE):
            if col == self.NAME:
                return row.name if role == Qt.ItemDataRole.DisplayRole else row.name.casefold()
            value = row.open_deadlines if col == self.DEADLINES else row.unfiled
            if role == SORT_ROLE:
                return value
            return str(value) if value else ""
        if role == Qt.ItemDataRole.ToolTipRole:
            return _("{name}: {d} open deadlines, {u} mails without a case").format(
                name=row.name, d=row.open_deadlines, u=row.unfiled)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return _("{name}, {d} open deadlines, {u} unfiled").format(
                name=row.name, d=row.open_deadlines, u=row.unfiled)
        if role == Qt.ItemDataRole.TextAlignmentRole and col != self.NAME:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == ID_ROLE:
            return row.id
        if role == OBJECT_ROLE:
            return row
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or section >= self.COLUMNS:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return (_("Household"), _("Due"), _("Unfiled"))[section]
        if role == Qt.ItemDataRole.ToolTipRole:
            return (_("Household"), _("Open deadlines"),
                    _("Mails not yet filed in a case"))[section]
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled
        # Dropping a PDF on a household adds it as a paper letter.
        return (Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                | Qt.ItemFlag.ItemIsDropEnabled)
