"""Edit → Agencies…: the directory with German kind names, Add and Edit."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from helperdesk.model import Agency, AgencyKind
from storage.store import Store
from ui.dialogs.agencies.agencies_dialog import AgenciesDialog
from ui.dialogs.agencies.agency_dialog import AgencyDialog
from ui.main_window import MainWindow
from ui.models.agencies import AgencyListModel

from ui_fixtures import Filled


def _accept_on_exec(dialog: QDialog) -> None:
    def fake_exec() -> int:
        dialog.accept()
        return int(dialog.result())

    dialog.exec = fake_exec  # type: ignore[method-assign]


def test_agency_model(qtmodeltester: Any, store: Store) -> None:
    store.agencies.add(Agency(name="Familienkasse Bayern Süd", kind=AgencyKind.FAMILIENKASSE,
                              emails=["Familienkasse.example", "post@fk.example"], state="BY"))
    store.agencies.add(Agency(name="DRV Bund", kind=AgencyKind.RENTENVERSICHERUNG))
    model = AgencyListModel(store)
    model.reload()
    qtmodeltester.check(model)
    assert model.rowCount() == 2
    row = model.row_of(store.agencies.by_name("Familienkasse Bayern Süd").id)
    assert model.data(model.index(row, AgencyListModel.KIND)) == "Familienkasse"
    assert model.data(model.index(row, AgencyListModel.ADDRESSES)) == \
        "familienkasse.example, post@fk.example"
    assert model.data(model.index(row, AgencyListModel.STATE)) == "Bayern"
    drv = model.row_of(store.agencies.by_name("DRV Bund").id)
    assert model.data(model.index(drv, AgencyListModel.KIND)) == "Deutsche Rentenversicherung"
    assert model.data(model.index(drv, AgencyListModel.STATE)) == "nationwide / not set"
    assert model.headerData(AgencyListModel.KIND, Qt.Orientation.Horizontal) == "Kind"
    model.clear()
    assert model.rowCount() == 0


def test_add_and_edit_through_the_agency_dialog(qtbot: Any, store: Store) -> None:
    store.agencies.add(Agency(name="Jobcenter Musterstadt", kind=AgencyKind.JOBCENTER))
    dialog = AgenciesDialog(store)
    qtbot.addWidget(dialog)
    assert dialog.current() is not None and dialog.edit_button.isEnabled()
    add = AgencyDialog(store, None, dialog)
    add.name.setText("Wohngeldstelle Musterstadt")
    add.kind.setCurrentIndex(add.kind.findData(AgencyKind.WOHNGELDSTELLE.value))
    add.emails.setText("wohngeld@musterstadt.example")
    _accept_on_exec(add)
    dialog.add_agency(add)
    assert dialog.model.rowCount() == 2
    current = dialog.current()
    assert current is not None and current.name == "Wohngeldstelle Musterstadt"
    assert "2 agencies" in dialog.summary.text()

    dialog.select_agency(store.agencies.by_name("Jobcenter Musterstadt").id)
    target = dialog.current()
    assert target is not None
    edit = AgencyDialog(store, target, dialog)
    edit.state.setCurrentIndex(edit.state.findData("NW"))
    edit.emails.setText("jobcenter-musterstadt.example")
    _accept_on_exec(edit)
    dialog.edit_agency(edit)
    saved = store.agencies.by_name("Jobcenter Musterstadt")
    assert saved.state == "NW" and saved.emails == ["jobcenter-musterstadt.example"]
    row = dialog.model.row_of(saved.id)
    assert dialog.model.data(dialog.model.index(row, AgencyListModel.STATE)) == \
        "Nordrhein-Westfalen"


def test_failed_edit_leaves_the_list_unchanged(
    qtbot: Any, store: Store, monkeypatch: pytest.MonkeyPatch,
) -> None:
    store.agencies.add(Agency(name="A", kind=AgencyKind.JOBCENTER))
    store.agencies.add(Agency(name="B", kind=AgencyKind.SOZIALAMT))
    dialog = AgenciesDialog(store)
    qtbot.addWidget(dialog)
    dialog.select_agency(store.agencies.by_name("B").id)

    class Renaming(AgencyDialog):
        def exec(self) -> int:
            self.name.setText("A")  # taken
            self.accept()
            assert not self.error.isHidden()
            return int(QDialog.DialogCode.Rejected)

    monkeypatch.setattr("ui.dialogs.agencies.agencies_dialog.AgencyDialog", Renaming)
    dialog.edit_agency(None)  # the dialog edits a copy of the listed agency
    assert sorted(a.name for a in store.agencies.list_all()) == ["A", "B"]
    assert dialog.current() is not None and dialog.current().name == "B"


def test_menu_opens_agencies(window: MainWindow, filled: Filled) -> None:
    titles = [a.text() for a in window.menuBar().actions()[1].menu().actions()]
    assert "A&gencies…" in titles and "Mail a&ccounts…" in titles
    opened: list[AgenciesDialog] = []

    class Quick(AgenciesDialog):
        def exec(self) -> int:
            opened.append(self)
            return 0

    window.show_agencies(Quick(filled.store, window))
    assert opened and opened[0].model.rowCount() == 1
