"""Item models: checked with qtmodeltester, lazy paging, sort role and headers."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, Qt

from storage.store import Store
from ui.models import ID_ROLE, SORT_ROLE
from ui.models.cases import CaseModel
from ui.models.deadlines import DueSoonModel
from ui.models.households import HouseholdModel
from ui.models.messages import MessageListModel

from tests_support import messages_for
from ui_fixtures import TODAY, Filled


def test_household_model_counts(qtmodeltester: Any, filled: Filled) -> None:
    model = HouseholdModel(filled.store)
    model.reload()
    qtmodeltester.check(model)
    assert model.rowCount() == 2
    row = model.row_of(filled.haddad)
    assert model.data(model.index(row, HouseholdModel.NAME)) == "Familie Haddad"
    assert model.data(model.index(row, HouseholdModel.DEADLINES), SORT_ROLE) == 1
    assert model.headerData(HouseholdModel.UNFILED, Qt.Orientation.Horizontal) == "Unfiled"
    model.clear()
    assert model.rowCount() == 0


def test_due_soon_model_overdue_first(qtmodeltester: Any, filled: Filled) -> None:
    model = DueSoonModel(filled.store)
    model.reload(TODAY)
    qtmodeltester.check(model)
    ids = [model.data(model.index(r, 0), ID_ROLE) for r in range(model.rowCount())]
    assert ids == [filled.overdue, filled.soon]  # the one in 30 days is not "soon"
    assert model.overdue_count() == 1
    assert model.data(model.index(0, DueSoonModel.DATE), Qt.ItemDataRole.BackgroundRole)
    assert model.data(model.index(1, DueSoonModel.DATE), Qt.ItemDataRole.BackgroundRole) is None
    assert "overdue" in model.data(model.index(0, DueSoonModel.DATE))
    assert model.data(model.index(0, DueSoonModel.HOUSEHOLD)) == "Familie Haddad"
    assert model.data(model.index(0, DueSoonModel.AGENCY)) == "Jobcenter Test"


def test_case_model_has_loose_mail_row(qtmodeltester: Any, filled: Filled) -> None:
    model = CaseModel(filled.store)
    model.load(filled.haddad)
    qtmodeltester.check(model)
    assert model.rowCount() == 2
    assert model.data(model.index(0, CaseModel.IDS)) == "83501BG0047112"
    assert model.data(model.index(0, CaseModel.MESSAGES)) == "3"
    assert model.row_at(1).case is None


def test_message_model_fetches_pages_lazily(qtmodeltester: Any, store: Store) -> None:
    messages_for(store, 450)
    calls: list[tuple[int, int]] = []

    def fetch(limit: int, offset: int) -> list[Any]:
        calls.append((limit, offset))
        return store.messages.find(limit=limit, offset=offset)

    model = MessageListModel(page_size=200)
    model.set_query(fetch, store.messages.count())
    assert model.rowCount() == 50  # a small first page: enough to fill the view
    assert model.canFetchMore(QModelIndex())
    model.fetchMore(QModelIndex())
    assert model.rowCount() == 250
    model.fetchMore(QModelIndex())
    assert model.rowCount() == 450
    assert not model.canFetchMore(QModelIndex())
    assert calls == [(50, 0), (200, 50), (200, 250)]
    qtmodeltester.check(model)
    dates = [model.data(model.index(r, MessageListModel.DATE), SORT_ROLE) for r in range(450)]
    assert dates == sorted(dates, reverse=True)


def test_message_model_headers_and_clear(filled: Filled) -> None:
    model = MessageListModel()
    model.set_rows(filled.store.messages.find(case_id=filled.case))
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.COLUMNS)]
    assert headers == ["Date", "From", "Subject", "Household", "Case"]
    assert model.data(model.index(0, MessageListModel.SUBJECT)) == "Einladung"
    model.clear()
    assert model.rowCount() == 0
