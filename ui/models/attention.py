"""The "Needs attention" list: outgoing mail with problems and forwards to answer."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, Qt

from helperdesk.app.audit import AuditItem, AuditResult
from i18n import _
from ui.models import ID_ROLE, OBJECT_ROLE, SORT_ROLE
from ui.models.rows import RowTableModel

_Index = QModelIndex | QPersistentModelIndex


class AttentionModel(RowTableModel):
    DATE, HOUSEHOLD, SUBJECT, PROBLEM = range(4)
    COLUMNS = 4

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[AuditItem] = []
        self.checked = 0

    def set_result(self, result: AuditResult) -> None:
        self.beginResetModel()
        self._rows = list(result.items)
        self.checked = result.checked
        self.endResetModel()

    def item_at(self, row: int) -> AuditItem:
        return self._rows[row]

    def _display(self, item: AuditItem, col: int) -> str:
        if col == self.DATE:
            return (f"{item.date[8:10]}.{item.date[5:7]}.{item.date[:4]}" if item.date
                    else _("(no date)"))
        if col == self.HOUSEHOLD:
            return item.household or _("— not assigned —")
        if col == self.SUBJECT:
            return item.subject or _("(no subject)")
        if col == self.PROBLEM:
            return " ".join(p.message for p in item.problems)
        return ""

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        item = self._rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(item, col)
        if role == Qt.ItemDataRole.ToolTipRole and col == self.PROBLEM:
            return "\n".join(p.message for p in item.problems)
        if role == SORT_ROLE:
            return item.date or "" if col == self.DATE else self._display(item, col).casefold()
        if role == ID_ROLE:
            return item.message
        if role == OBJECT_ROLE:
            return item
        return None

    def headers(self) -> tuple[str, ...]:
        return (_("Date"), _("Household"), _("Subject"),
                _("What to do"))
