"""One household's cases, grouped by agency, plus a row for its mail without a case."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from helperdesk.model import Case, CaseStatus
from i18n import _
from storage.store import Store
from ui.models import ID_ROLE, OBJECT_ROLE, SORT_ROLE
from ui.models.rows import RowTableModel

_Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class CaseRow:
    case: Case | None  # None: the household's mail that is not in any case yet
    agency: str
    messages: int


class CaseModel(RowTableModel):
    AGENCY, TITLE, IDS, MESSAGES = range(4)
    COLUMNS = 4

    def __init__(self, store: Store | None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self._rows: list[CaseRow] = []
        self._household_id: int | None = None

    @property
    def household_id(self) -> int | None:
        return self._household_id

    def load(self, household_id: int | None) -> None:
        self.beginResetModel()
        self._household_id = household_id
        self._rows = self._load(household_id) if household_id is not None else []
        self.endResetModel()

    def reload(self) -> None:
        self.load(self._household_id)

    def clear(self) -> None:
        self.beginResetModel()
        self._household_id = None
        self._rows = []
        self.endResetModel()

    def _load(self, household_id: int) -> list[CaseRow]:
        store = self._store
        if store is None:
            return []
        agencies = {a.id: a.name for a in store.agencies.list_all()}
        rows = [
            CaseRow(c, agencies.get(c.agency_id, "") if c.agency_id else "",
                    store.messages.count(case_id=c.id))
            for c in store.cases.for_household(household_id)
        ]
        # Grouped by agency (open cases first), as helpers think "the Jobcenter matter".
        rows.sort(key=lambda r: (r.case is not None and r.case.status is CaseStatus.CLOSED,
                                 r.agency.casefold(), r.case.title.casefold() if r.case else ""))
        loose = store.messages.count(household_id=household_id, unfiled=True)
        rows.append(CaseRow(None, "", loose))
        return rows

    def row_at(self, row: int) -> CaseRow:
        return self._rows[row]

    def row_of(self, case_id: int | None) -> int:
        return next((i for i, r in enumerate(self._rows)
                     if (r.case.id if r.case else None) == case_id), -1)

    def _display(self, r: CaseRow, col: int) -> str:
        if col == self.AGENCY:
            if r.case is None:
                return _("Not in a case")
            return r.agency or _("(no agency)")
        if col == self.TITLE:
            if r.case is None:
                return _("Mail to file")
            closed = r.case.status is CaseStatus.CLOSED
            return _("{title} (closed)").format(title=r.case.title) if closed \
                else r.case.title
        if col == self.IDS:
            return ", ".join(p.value for p in r.case.processing_ids) if r.case else ""
        if col == self.MESSAGES:
            return str(r.messages)
        return ""

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        r = self._rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(r, col)
        if role == SORT_ROLE:
            return r.messages if col == self.MESSAGES else self._display(r, col).casefold()
        if role == Qt.ItemDataRole.FontRole and r.case is None:
            font = QFont()
            font.setItalic(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and col == self.MESSAGES:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == ID_ROLE:
            return r.case.id if r.case else None
        if role == OBJECT_ROLE:
            return r
        return None

    def headers(self) -> tuple[str, ...]:
        return (_("Agency"), _("Case"), _("IDs"), _("Mails"))
