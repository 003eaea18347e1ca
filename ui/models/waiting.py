"""The "Waits for an answer" list: letters that ask something and got no reply yet."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush

from helperdesk.app.waiting import WaitingItem, WaitingResult
from helperdesk.waiting.rules import days_waiting
from i18n import _, format_day, source_text
from ui.models import ID_ROLE, OBJECT_ROLE, SORT_ROLE
from ui.models.rows import RowTableModel
from ui.theme import alert_color

_Index = QModelIndex | QPersistentModelIndex


class WaitingModel(RowTableModel):
    DATE, HOUSEHOLD, AGENCY, SUBJECT, WAITING, DEADLINE = range(6)
    COLUMNS = 6

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[WaitingItem] = []
        self._total = 0
        self._today = dt.date.today()

    def set_result(self, result: WaitingResult, today: dt.date | None = None) -> None:
        self.beginResetModel()
        self._rows = list(result.items)
        self._total = result.total
        self._today = today or dt.date.today()
        self.endResetModel()

    def clear(self) -> None:
        self.set_result(WaitingResult(0, []))

    @property
    def total(self) -> int:
        """How many mails wait (the list shows at most the newest few hundred)."""
        return self._total

    def item_at(self, row: int) -> WaitingItem:
        return self._rows[row]

    def row_of(self, message_id: int) -> int:
        return next((i for i, r in enumerate(self._rows) if r.id == message_id), -1)

    def _display(self, item: WaitingItem, col: int) -> str:
        if col == self.DATE:
            return format_day(item.date) if item.date else _("(no date)")
        if col == self.HOUSEHOLD:
            return item.household or _("— not assigned —")
        if col == self.AGENCY:
            return item.agency or ""
        if col == self.SUBJECT:
            return source_text(item.subject) or _("(no subject)")
        if col == self.WAITING:
            days = days_waiting(item.date, self._today)
            if days is None:
                return ""
            if days == 0:
                return _("today")
            return _("1 day") if days == 1 else _("{n} days").format(n=days)
        if col == self.DEADLINE:
            if item.deadline is None:
                return ""
            text = format_day(item.deadline)
            return _("{date} (overdue)").format(date=text) if self._overdue(item) else text
        return ""

    def _overdue(self, item: WaitingItem) -> bool:
        return item.deadline is not None and item.deadline < self._today

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        item = self._rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(item, col)
        if role == SORT_ROLE:
            if col == self.DATE:
                return item.date.isoformat() if item.date else ""
            if col == self.WAITING:
                return days_waiting(item.date, self._today) or 0
            if col == self.DEADLINE:
                return item.deadline.isoformat() if item.deadline else "9999"
            return self._display(item, col).casefold()
        if role == Qt.ItemDataRole.ToolTipRole and col == self.SUBJECT and item.case:
            return _("Case: {case}").format(case=item.case)
        if role == Qt.ItemDataRole.ForegroundRole and col == self.DEADLINE and self._overdue(item):
            return QBrush(alert_color())
        if role == Qt.ItemDataRole.TextAlignmentRole and col == self.WAITING:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == ID_ROLE:
            return item.id
        if role == OBJECT_ROLE:
            return item
        return None

    def headers(self) -> tuple[str, ...]:
        return (_("Received"), _("Household"), _("Agency"),
                _("Subject"), _("Waiting"), _("Deadline"))
