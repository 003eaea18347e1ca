"""Main window flows: Due soon actions, triage, search, selecting a case, new household."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QDialog

from helperdesk.app.demo import demo_store
from helperdesk.app.ingest import import_files
from helperdesk.model import DeadlineStatus, Source
from storage.threads import remembered_filing
from ui.dialogs.deadlines.deadline_date_dialog import DeadlineDateDialog
from ui.dialogs.filing.triage_dialog import NEW_CASE, TriageDialog
from ui.dialogs.households.household_dialog import HouseholdDialog
from ui.main_window import NAV_UNFILED, MainWindow
from ui.models.deadlines import DueSoonModel

from ui_fixtures import TODAY, Filled


def _accept_on_exec(dialog: QDialog) -> None:
    """Run a dialog's accept() instead of its modal loop."""

    def fake_exec() -> int:
        dialog.accept()
        return int(dialog.result())

    dialog.exec = fake_exec  # type: ignore[method-assign]


def test_title_and_start_page(window: MainWindow) -> None:
    assert "HelperDesk" in window.windowTitle()
    assert window.pages.currentWidget() is window.due
    assert window.due.model.rowCount() == 2
    assert "1 overdue" in window.nav.item(0).text()


def test_done_and_dismiss_update_due_soon(window: MainWindow, filled: Filled) -> None:
    due = window.due
    due.select_row(0)  # the overdue one comes first
    assert due.current() is not None and due.current().deadline.id == filled.overdue
    due.done_button.click()
    assert [due.model.view_at(r).deadline.id for r in range(due.model.rowCount())] == \
        [filled.soon]
    assert due.model.overdue_count() == 0
    due.select_row(0)
    due.dismiss_button.click()
    assert due.model.rowCount() == 0
    statuses = {v.deadline.id: v.deadline.status
                for v in filled.store.deadlines.matching(status=None)}
    assert statuses[filled.overdue] is DeadlineStatus.DONE
    assert statuses[filled.soon] is DeadlineStatus.DISMISSED
    # The household list's counts follow.
    row = window.households_model.row_of(filled.haddad)
    assert window.households_model.household_at(row).open_deadlines == 0


def test_edit_date_moves_deadline(window: MainWindow, filled: Filled) -> None:
    due = window.due
    due.select_row(1)
    view = due.current()
    assert view is not None and view.deadline.id == filled.soon
    dialog = DeadlineDateDialog(view.deadline.date, None, window)
    new = TODAY + dt.timedelta(days=20)
    from PySide6.QtCore import QDate

    dialog.date_edit.setDate(QDate(new.year, new.month, new.day))
    _accept_on_exec(dialog)
    due.edit_date(dialog)
    ids = [due.model.view_at(r).deadline.id for r in range(due.model.rowCount())]
    assert filled.soon not in ids  # now outside the 14 days
    moved = next(v for v in filled.store.deadlines.matching() if v.deadline.id == filled.soon)
    assert moved.deadline.date == new and moved.deadline.confirmed


def test_selecting_a_case_shows_its_thread(window: MainWindow, filled: Filled) -> None:
    window.select_household(filled.haddad)
    assert window.pages.currentWidget() is window.household
    view = window.household
    assert view.cases_model.household_id == filled.haddad
    view.select_case(filled.case)
    model = view.thread_model
    # Threads newest first; the reply (joined by subject) hangs under its letter.
    roots = [model.index(r, 0) for r in range(model.rowCount())]
    assert [model.summary(i).subject for i in roots] == ["Einladung", "Aufforderung"]
    assert model.rowCount(roots[0]) == 0
    assert [model.summary(model.index(r, 0, roots[1])).subject
            for r in range(model.rowCount(roots[1]))] == ["AW: Aufforderung"]
    assert view.conversation.isExpanded(roots[1])
    assert view.reader.message is not None and view.reader.message.subject == "Einladung"
    from PySide6.QtWidgets import QLabel

    assert "83501BG0047112" in [label.text() for label in view.ids.findChildren(QLabel)]
    view.select_index(roots[1])
    assert view.reader.message is not None and view.reader.message.id == filled.thread[0]
    assert view.select_message(filled.thread[1])
    assert view.reader.message is not None and view.reader.message.id == filled.thread[1]


def test_triage_new_case_files_whole_thread(window: MainWindow, filled: Filled) -> None:
    store = filled.store
    window.nav.setCurrentRow(NAV_UNFILED)
    unfiled = window.unfiled
    assert unfiled.model.total == 2
    row = unfiled.model.row_of(filled.unfiled)
    unfiled.table.selectRow(row)
    dialog = TriageDialog(store, filled.unfiled, window)
    dialog.household.setCurrentIndex(dialog.household.findData(filled.wagner))
    assert dialog.case.currentData() == NEW_CASE
    assert dialog.agency_label.text() == "Jobcenter Test"
    _accept_on_exec(dialog)
    with_result = unfiled.triage(dialog)
    assert with_result is not None
    assert sorted(with_result.filed) == sorted([filled.unfiled, filled.unfiled + 1])
    case = store.cases.get(with_result.case_id)
    assert case.household_id == filled.wagner
    assert [p.value for p in case.processing_ids] == ["99999BG0000001"]
    assert unfiled.model.total == 0
    assert "Unfiled (0)" in window.nav.item(NAV_UNFILED).text()
    # Remembered for replies arriving later in the same conversation.
    assert remembered_filing(store, "<u3@test>", "<u2@test>", ["<u1@test>", "<u2@test>"]) == \
        (filled.wagner, with_result.case_id)


def test_triage_into_existing_case(qtbot: Any, filled: Filled) -> None:
    dialog = TriageDialog(filled.store, filled.unfiled)
    qtbot.addWidget(dialog)
    dialog.household.setCurrentIndex(dialog.household.findData(filled.haddad))
    # The case with the same agency is preselected.
    assert dialog.case.currentData() == filled.case
    result = dialog.file(filled.haddad, filled.case, "", whole_thread=False)
    assert result.filed == [filled.unfiled]
    assert filled.store.messages.get(filled.unfiled).case_id == filled.case


def test_search_is_debounced_and_opens_mail_in_case(qtbot: Any, window: MainWindow,
                                                    filled: Filled) -> None:
    ran: list[str] = []
    window.search.searched.connect(lambda text, _n: ran.append(text))
    with qtbot.waitSignal(window.search.searched, timeout=2000):
        qtbot.keyClicks(window.search_box, "Einladung")
    assert ran == ["Einladung"]  # one search for the whole word, not one per key
    assert window.pages.currentWidget() is window.results
    results = window.results.model
    assert results.rowCount() == 1
    summary = results.summary_at(0)
    assert summary.id == filled.thread[2]
    window.results.open_message.emit(summary)
    assert window.pages.currentWidget() is window.household
    assert window.household.current_case_id() == filled.case
    assert window.household.reader.message is not None
    assert window.household.reader.message.id == filled.thread[2]


def test_new_household_dialog(window: MainWindow, filled: Filled) -> None:
    dialog = HouseholdDialog(filled.store, None, window)
    save = dialog.buttons.button(dialog.buttons.StandardButton.Save)
    assert not save.isEnabled()  # a name is needed
    dialog.form.name.setText("Familie Neu")
    dialog.form.state.setCurrentIndex(dialog.form.state.findData("HH"))
    assert save.isEnabled()
    _accept_on_exec(dialog)
    window.new_household(dialog)
    assert filled.store.households.by_name("Familie Neu").state == "HH"
    assert window.pages.currentWidget() is window.household
    assert window.household.household_id == filled.store.households.by_name("Familie Neu").id


def test_duplicate_household_name_is_explained(qtbot: Any, filled: Filled) -> None:
    dialog = HouseholdDialog(filled.store)
    qtbot.addWidget(dialog)
    dialog.form.name.setText("Familie Haddad")
    dialog.accept()
    assert not dialog.error.isHidden()
    assert "already exists" in dialog.error.text()


def test_dropped_pdf_becomes_paper_letter(window: MainWindow, filled: Filled,
                                          tmp_path: Path) -> None:
    with demo_store() as demo:
        paper = next(m for m in demo.messages.find() if m.source is Source.PAPER)
        pdf = demo.messages.get(paper.id).attachments[0].data
    path = tmp_path / "Bescheid_Test.pdf"
    path.write_bytes(pdf)
    window.add_paper(filled.wagner, [path])  # synchronous runner in tests
    letters = filled.store.messages.find(household_id=filled.wagner)
    assert [m.subject for m in letters] == ["Bescheid Test"]
    assert letters[0].source is Source.PAPER
    assert import_files(filled.store, [path], household_id=filled.wagner).new == 0  # stored once


def test_due_soon_model_is_empty_without_store() -> None:
    model = DueSoonModel(None)
    model.reload()
    assert model.rowCount() == 0


@pytest.mark.parametrize("days", [0, 14])
def test_due_soon_window_edges(filled: Filled, days: int) -> None:
    from helperdesk.model import Deadline, DeadlineKind

    added = filled.store.deadlines.add(Deadline(
        household_id=filled.haddad, date=TODAY + dt.timedelta(days=days),
        kind=DeadlineKind.OTHER))
    model = DueSoonModel(filled.store)
    model.reload(TODAY)
    assert added.id in [model.view_at(r).deadline.id for r in range(model.rowCount())]
