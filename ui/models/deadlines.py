"""The "Due soon" list: open deadlines of all households, overdue ones first and marked."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import (
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont

from helperdesk.analysis.wording import deadline_kind_name, explanation_step, legal_terms
from helperdesk.app.deadlines import past_when_imported
from helperdesk.app.followups import follow_ups
from helperdesk.model import DeadlineKind, DeadlineStatus
from i18n import _, format_day, format_time, source_text
from storage.deadlines import DeadlineView
from storage.store import Store
from ui.models import ID_ROLE, OBJECT_ROLE, SORT_ROLE
from ui.models.rows import RowTableModel

_Index = QModelIndex | QPersistentModelIndex
DUE_SOON_DAYS = 14


def kind_label(kind: DeadlineKind) -> str:
    return deadline_kind_name(kind)


class DueSoonModel(RowTableModel):
    DATE, HOUSEHOLD, AGENCY, KIND, EVIDENCE = range(5)
    COLUMNS = 5

    def __init__(
        self, store: Store | None, parent: QObject | None = None, *, days: int = DUE_SOON_DAYS
    ) -> None:
        super().__init__(parent)
        self._store = store
        self._days = days
        self._today = dt.date.today()
        self._rows: list[DeadlineView] = []

    def reload(self, today: dt.date | None = None) -> None:
        self.beginResetModel()
        self._today = today or dt.date.today()
        if self._store is None:
            self._rows = []
        else:
            # No lower bound: overdue deadlines stay listed (first, by date) until handled.
            until = self._today + dt.timedelta(days=self._days)
            self._rows = self._store.deadlines.matching(status=DeadlineStatus.OPEN, until=until)
            # Follow-ups (nobody answered, a Vollmacht expires …) are computed, not stored.
            self._rows += [it.as_view() for it in follow_ups(self._store, self._today,
                                                              until=until)]
            self._rows.sort(key=lambda v: (v.deadline.date, v.deadline.time or dt.time(0)))
        self.endResetModel()

    def view_at(self, row: int) -> DeadlineView:
        return self._rows[row]

    def overdue_count(self) -> int:
        return sum(1 for v in self._rows if self._overdue(v))

    def _overdue(self, view: DeadlineView) -> bool:
        """Overdue, and not one that was already past when its letter came in."""
        return view.deadline.date < self._today and not past_when_imported(view.deadline)

    def _date_text(self, view: DeadlineView) -> str:
        d = view.deadline
        text = format_day(d.date)
        if d.time:
            text += " " + format_time(d.time)
        days = (d.date - self._today).days
        if days < 0 and past_when_imported(d):
            return _("{date} – past (imported)").format(date=text)
        if days < 0:
            return _("{date} (overdue {n} d)").format(date=text, n=-days)
        if days == 0:
            return _("{date} (today)").format(date=text)
        return _("{date} (in {n} d)").format(date=text, n=days)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        view = self._rows[index.row()]
        d = view.deadline
        col = index.column()
        overdue = self._overdue(view)
        if role == Qt.ItemDataRole.DisplayRole:
            if col == self.DATE:
                return self._date_text(view)
            if col == self.HOUSEHOLD:
                return view.household or ""
            if col == self.AGENCY:
                return view.agency or ""
            if col == self.KIND:
                text = kind_label(d.kind)
                return text if d.confirmed else _("{kind} (suggested)").format(kind=text)
            if col == self.EVIDENCE:
                return source_text(" ".join((d.evidence or d.title).split()))
        if role == SORT_ROLE:
            if col == self.DATE:
                return d.date.isoformat() + (d.time.strftime("%H:%M") if d.time else "")
            return str(self.data(index, Qt.ItemDataRole.DisplayRole)).casefold()
        if role == Qt.ItemDataRole.ToolTipRole:
            lines = [d.evidence, *map(explanation_step, d.explanation),
                     *legal_terms(d.evidence)]
            return "\n".join(line for line in lines if line)
        if role == Qt.ItemDataRole.BackgroundRole and overdue:
            return QBrush(QColor("#fde2e1"))
        if role == Qt.ItemDataRole.ForegroundRole and overdue:
            return QBrush(QColor("#8a1c14"))
        if role == Qt.ItemDataRole.FontRole and (overdue or not d.confirmed):
            font = QFont()
            font.setBold(overdue)
            font.setItalic(not d.confirmed)
            return font
        if role == Qt.ItemDataRole.AccessibleTextRole and col == self.DATE and overdue:
            return _("Overdue: {date}").format(date=self._date_text(view))
        if role == ID_ROLE:
            return d.id
        if role == OBJECT_ROLE:
            return view
        return None

    def headers(self) -> tuple[str, ...]:
        return (_("Due"), _("Household"), _("Agency"), _("What"),
                _("From the letter"))
