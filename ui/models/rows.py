"""The shared base of HelperDesk's flat table models: a list of rows and fixed headers."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

_Index = QModelIndex | QPersistentModelIndex


class RowTableModel(QAbstractTableModel):
    """Rows in ``self._rows``; subclasses set COLUMNS and return their headers.

    ``headers()`` is called each time so translated headers follow a language
    switch. ``clear()`` empties the rows (the lock screen uses it).
    """

    COLUMNS = 0

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[Any] = []

    def headers(self) -> tuple[str, ...]:
        raise NotImplementedError

    def clear(self) -> None:
        self.beginResetModel()
        self._rows = []
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.COLUMNS

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        return column_header(self.headers(), section, orientation, role)


def column_header(
    headers: tuple[str, ...], section: int, orientation: Qt.Orientation, role: int
) -> str | None:
    """headerData for fixed column titles: a title per column, nothing else."""
    if (orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole
            or not 0 <= section < len(headers)):
        return None
    return headers[section]
