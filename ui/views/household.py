"""One household: its cases by agency, the selected case's conversation (threaded), and
the reader."""

from __future__ import annotations

import html

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QSplitter,
    QTableView,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from helperdesk.app.case_waits import waits
from helperdesk.model import Direction
from i18n import _
from storage.store import Store
from ui.models.cases import CaseModel
from ui.models.conversation import ConversationModel
from ui.reader.reader import ReaderWidget
from ui.views.case_actions import CaseActions
from ui.widgets.id_panel import IdPanel


class HouseholdView(QWidget):
    status_message = Signal(str)

    def __init__(self, store: Store | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self.title = QLabel(self)
        self.cases_model = CaseModel(store, self)
        self.cases = QTableView(self)
        self.cases.setAccessibleName(_("Cases of this household"))
        self.cases.setModel(self.cases_model)
        self.cases.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.cases.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.cases.verticalHeader().hide()
        header = self.cases.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(CaseModel.TITLE, QHeaderView.ResizeMode.Stretch)
        self.cases.selectionModel().currentRowChanged.connect(self._on_case)
        self.case_actions = CaseActions(self.cases, lambda: self._store, self.current_case_id)
        self.case_actions.changed.connect(lambda _case_id: self.reload())
        self.case_actions.status_message.connect(self.status_message)

        self.case_title = QLabel(self)
        self.waits_label = QLabel(self)  # "waits for: Bescheinigung from Jobcenter München"
        self.waits_label.setWordWrap(True)
        self.waits_label.hide()
        self.ids = IdPanel(self)
        self.ids.copied.connect(
            lambda v: self.status_message.emit(_("Copied {value}").format(value=v)))
        self.thread_model = ConversationModel(self)
        self.conversation = QTreeView(self)
        self.conversation.setAccessibleName(_("Conversation of the selected case"))
        self.conversation.setModel(self.thread_model)
        self.conversation.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.conversation.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.conversation.setUniformRowHeights(True)
        self.conversation.setAllColumnsShowFocus(True)
        self.conversation.setIndentation(self.fontMetrics().averageCharWidth() * 2)
        th = self.conversation.header()
        th.setStretchLastSection(False)
        th.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        th.setSectionResizeMode(ConversationModel.SUBJECT, QHeaderView.ResizeMode.Stretch)
        # A fixed width, not ResizeToContents: that would measure every row on
        # every inserted page, which is slow for cases with thousands of mails.
        th.resizeSection(ConversationModel.DATE,
                         self.fontMetrics().horizontalAdvance("00.00.0000 00:00") + 24)
        # A long sender address must not push the subject out of sight.
        th.resizeSection(ConversationModel.FROM, self.fontMetrics().averageCharWidth() * 22)
        # Replies are shown, not hidden behind a click; new pages open up too.
        self.thread_model.modelReset.connect(self.conversation.expandAll)
        self.thread_model.rowsInserted.connect(self._expand_inserted)
        self.conversation.selectionModel().currentRowChanged.connect(self._on_message)

        self.reader = ReaderWidget(store, self)
        reply = QAction(_("&Reply to the agency"), self.conversation)
        reply.triggered.connect(self.reply_to_current)
        self.conversation.addAction(reply)
        self.conversation.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.reader.status_message.connect(self.status_message)

        top = QWidget(self)
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(self.title)
        top_layout.addWidget(self.cases)
        bottom = QWidget(self)
        bottom_layout = QVBoxLayout(bottom)
        bottom_layout.setContentsMargins(0, 0, 0, 0)
        bottom_layout.addWidget(self.case_title)
        bottom_layout.addWidget(self.waits_label)
        bottom_layout.addWidget(self.ids)
        bottom_layout.addWidget(self.conversation, 1)
        middle = QSplitter(Qt.Orientation.Vertical, self)
        middle.addWidget(top)
        middle.addWidget(bottom)
        middle.setStretchFactor(0, 2)
        middle.setStretchFactor(1, 3)
        split = QSplitter(Qt.Orientation.Horizontal, self)
        split.addWidget(middle)
        split.addWidget(self.reader)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(split)

    @property
    def household_id(self) -> int | None:
        return self.cases_model.household_id

    def _expand_inserted(self, parent: QModelIndex, first: int, last: int) -> None:
        """Open what a page added (not the whole tree again: that grows with every page)."""
        if parent.isValid():
            self.conversation.expand(parent)
        stack = [self.thread_model.index(row, 0, parent) for row in range(first, last + 1)]
        while stack:
            index = stack.pop()
            if self.thread_model.hasChildren(index):
                self.conversation.expand(index)
                stack.extend(self.thread_model.index(r, 0, index)
                             for r in range(self.thread_model.rowCount(index)))

    def show_household(self, household_id: int | None, name: str = "") -> None:
        self.title.setText(f"<h2>{_esc(name)}</h2>" if name else "")
        self.cases_model.load(household_id)
        self.thread_model.clear()
        self.reader.clear()
        self.ids.set_ids([])
        self.case_title.clear()
        if self.cases_model.rowCount():
            self.cases.selectRow(0)

    def reload(self) -> None:
        """Re-read after a change elsewhere, keeping the selected case when it still exists."""
        case_id = self.current_case_id()
        self.cases_model.reload()
        self.select_case(case_id)

    def clear(self) -> None:
        self.title.clear()
        self.waits_label.clear()
        self.waits_label.hide()
        self.cases_model.clear()
        self.thread_model.clear()
        self.reader.clear()
        self.ids.set_ids([])
        self.case_title.clear()

    def current_case_id(self) -> int | None:
        index = self.cases.currentIndex()
        if not index.isValid():
            return None
        row = self.cases_model.row_at(index.row())
        return row.case.id if row.case else None

    def select_case(self, case_id: int | None) -> None:
        row = self.cases_model.row_of(case_id)
        if row >= 0:
            self.cases.selectRow(row)

    def select_message(self, message_id: int) -> bool:
        """Select a mail in the conversation, fetching pages until it is found."""
        index = self.thread_model.index_of(message_id)
        if not index.isValid():
            self.reader.show_message(message_id)  # still show it, even if not listed
            return False
        self.select_index(index)
        return True

    def select_index(self, index: QModelIndex) -> None:
        self.conversation.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows)
        self.conversation.scrollTo(index)

    def _on_case(self, current: QModelIndex, _previous: QModelIndex) -> None:
        store = self._store
        if store is None or not current.isValid():
            self.thread_model.clear()
            return
        row = self.cases_model.row_at(current.row())
        hid = self.cases_model.household_id
        if row.case is None:
            self.case_title.setText(_("<b>Mail of this household that is in no case</b>"))
            self.ids.set_ids([])
            self.thread_model.set_query(
                lambda limit, offset: store.messages.thread_rows(
                    household_id=hid, unfiled=True, limit=limit, offset=offset),
                lambda ids: store.messages.thread_rows(
                    household_id=hid, unfiled=True, message_ids=ids),
                row.messages)
        else:
            case = row.case
            titled = row.agency and case.title.startswith(row.agency)
            agency = f"{row.agency} – " if row.agency and not titled else ""
            self.case_title.setText(f"<b>{_esc(agency + case.title)}</b>")
            self.ids.set_ids(case.processing_ids)
            self.thread_model.set_query(
                lambda limit, offset: store.messages.thread_rows(
                    case_id=case.id, limit=limit, offset=offset),
                lambda ids: store.messages.thread_rows(case_id=case.id, message_ids=ids),
                row.messages)
        self._show_waits(row.case.id if row.case else None)
        self.reader.clear()
        if self.thread_model.rowCount():
            self.select_index(self.thread_model.index(0, 0))

    def _show_waits(self, case_id: int | None) -> None:
        """Links to other agencies' cases, shown in both cases until done."""
        found = waits(self._store, case_id=case_id) if self._store and case_id else []
        lines = [(v.text if v.waiting_case == case_id else v.other_text)
                 + (_(" – follow up now") if v.due else "") for v in found]
        self.waits_label.setText("\n".join(lines))
        self.waits_label.setVisible(bool(lines))

    def reply_to_current(self) -> None:
        """Reply on the selected mail of the conversation (agency letters, forwards)."""
        index = self.conversation.currentIndex()
        if index.isValid():
            summary = self.thread_model.summary(index)
            if summary.direction is Direction.IN:
                self.reader.reply_requested.emit(summary.id)

    def _on_message(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid():
            self.reader.clear()
            return
        self.reader.show_message(self.thread_model.summary(current).id)


def _esc(text: str) -> str:
    return html.escape(text)
