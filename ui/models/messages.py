"""Message lists (a case's thread, unfiled mail, search results), fetched lazily in pages.

The model holds a *query* (a function of limit and offset) and a count, never
the whole table: a view asks for more rows as it scrolls (``fetchMore``), so
a household with thousands of mails opens as fast as one with ten.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QFont

from helperdesk.model import Direction, Source
from i18n import _, format_day, format_time, source_text
from storage.messages import MessageSummary
from ui.models import ID_ROLE, OBJECT_ROLE, SORT_ROLE
from ui.models.rows import RowTableModel

_Index = QModelIndex | QPersistentModelIndex
Fetch = Callable[[int, int], list[MessageSummary]]  # (limit, offset) -> rows
PAGE_SIZE = 200
# The first page only needs to fill the visible rows: smaller means a faster switch.
FIRST_PAGE = 50


def format_date(summary: MessageSummary) -> str:
    return format_day(summary.date) + " " + format_time(summary.date.time()) if summary.date else ""


# Column numbers shared by every message list (the conversation tree uses the first three).
DATE, FROM, SUBJECT, HOUSEHOLD, CASE = range(5)


def summary_text(s: MessageSummary, col: int) -> str:
    """What a message list shows in column ``col`` for ``s``."""
    if col == DATE:
        return format_date(s) or _("(no date)")
    if col == FROM:
        if s.direction is Direction.OUT:
            return _("→ sent by you")
        if s.source is Source.PAPER:
            return _("Paper letter")
        return s.from_addr
    if col == SUBJECT:
        return source_text(s.subject) or _("(no subject)")
    if col == HOUSEHOLD:
        return s.household or _("— not assigned —")
    if col == CASE:
        return s.case or ""
    return ""


def summary_data(s: MessageSummary, col: int, role: int) -> Any:
    """The item data of a message row for the roles every message list answers."""
    if role == Qt.ItemDataRole.DisplayRole:
        return summary_text(s, col)
    if role == SORT_ROLE:
        if col == DATE:
            return s.date.isoformat() if s.date else ""
        return summary_text(s, col).casefold()
    if role == Qt.ItemDataRole.ToolTipRole and col == SUBJECT:
        return s.subject
    if role == Qt.ItemDataRole.FontRole and s.direction is Direction.OUT:
        font = QFont()
        font.setItalic(True)  # our own replies read differently at a glance
        return font
    if role == ID_ROLE:
        return s.id
    if role == OBJECT_ROLE:
        return s
    return None


class MessageListModel(RowTableModel):
    DATE, FROM, SUBJECT, HOUSEHOLD, CASE = DATE, FROM, SUBJECT, HOUSEHOLD, CASE
    COLUMNS = 5

    def __init__(self, parent: QObject | None = None, *, page_size: int = PAGE_SIZE) -> None:
        super().__init__(parent)
        self._page = page_size
        self._fetch: Fetch | None = None
        self._total = 0
        self._rows: list[MessageSummary] = []

    def set_query(self, fetch: Fetch | None, total: int) -> None:
        """Show the rows ``fetch`` returns (``total`` of them); the first page is loaded now."""
        self.beginResetModel()
        self._fetch = fetch
        self._total = total if fetch is not None else 0
        first = min(self._page, FIRST_PAGE)
        self._rows = fetch(first, 0) if fetch is not None and total else []
        self.endResetModel()

    def set_rows(self, rows: list[MessageSummary]) -> None:
        """Show a fixed, already loaded list (search results)."""
        self.beginResetModel()
        self._fetch = None
        self._rows = list(rows)
        self._total = len(rows)
        self.endResetModel()

    def clear(self) -> None:
        self.set_query(None, 0)

    @property
    def total(self) -> int:
        return self._total

    def summary_at(self, row: int) -> MessageSummary:
        return self._rows[row]

    def row_of(self, message_id: int) -> int:
        return next((i for i, s in enumerate(self._rows) if s.id == message_id), -1)

    # -- lazy fetching -------------------------------------------------------

    def canFetchMore(self, parent: _Index) -> bool:
        return not parent.isValid() and self._fetch is not None and len(self._rows) < self._total

    def fetchMore(self, parent: _Index) -> None:
        if not self.canFetchMore(parent):
            return
        assert self._fetch is not None
        more = self._fetch(self._page, len(self._rows))
        more = more[: self._total - len(self._rows)]
        if not more:
            # The store changed under us (rows filed away): stop asking.
            self._total = len(self._rows)
            return
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(more) - 1)
        self._rows.extend(more)
        self.endInsertRows()

    # -- model API -----------------------------------------------------------

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        return summary_data(self._rows[index.row()], index.column(), role)

    def headers(self) -> tuple[str, ...]:
        return (_("Date"), _("From"), _("Subject"), _("Household"),
                _("Case"))
