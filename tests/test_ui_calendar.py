"""File → Export calendar…, Edit → Calendars…, and the push after a change."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog, QDialogButtonBox

from helperdesk.model import DeadlineStatus
from ui.dialogs.calendar.calendars_dialog import AddCalendarDialog, CalendarsDialog
from ui.dialogs.calendar.export_dialog import ExportCalendarDialog
from ui.main_window import MainWindow

from calendar_support import read_both
from radicale_server import PASSWORD, USER, RadicaleServer
from ui_fixtures import Filled


def _accept_on_exec(dialog: QDialog) -> None:
    def fake_exec() -> int:
        dialog.accept()
        return int(dialog.result())

    dialog.exec = fake_exec  # type: ignore[method-assign]


def test_export_calendar_from_the_menu(window: MainWindow, filled: Filled,
                                       tmp_path: Path) -> None:
    dialog = ExportCalendarDialog(window)
    save = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)
    dialog.alarms.setText("7d,soon")
    assert not save.isEnabled() and "soon" in dialog.problem.text()
    dialog.alarms.setText("2d")
    assert save.isEnabled()
    dialog.include_suggested.setChecked(True)
    dialog.redact.setChecked(True)
    _accept_on_exec(dialog)
    out = tmp_path / "export.ics"
    window.calendars.export_calendar(dialog, out)
    events = read_both(out.read_bytes())
    # The fixture has three open deadlines, one confirmed and two suggested.
    assert len(events) == 3
    assert all(len(e.triggers) == 1 for e in events.values())
    assert b"Haddad" not in out.read_bytes() and b"Wagner" not in out.read_bytes()
    assert "3 deadlines" in window.statusBar().currentMessage()


def test_export_to_a_missing_folder_says_so(window: MainWindow, tmp_path: Path) -> None:
    dialog = ExportCalendarDialog(window)
    _accept_on_exec(dialog)
    window.calendars.export_calendar(dialog, tmp_path / "nope" / "x.ics")
    assert "does not exist" in window.errors.text.text()


@pytest.mark.servers
def test_calendars_dialog_and_push_after_a_change(
    window: MainWindow, filled: Filled, radicale: RadicaleServer
) -> None:
    dialog = CalendarsDialog(filled.store, window)
    add = AddCalendarDialog(filled.store, dialog)
    add.name.setText("Handy")
    add.url.setText("http://calendar.example.org/dav/")
    add.accept()
    assert "without encryption" in add.error.text() and add.result() == 0
    add.url.setText(radicale.calendar_url)
    add.user.setText(USER)
    add.password.setText(PASSWORD)
    _accept_on_exec(add)
    dialog.add(add)
    assert dialog.list.count() == 1

    # Done in Due soon: the calendar follows (the push runs through the window's runner).
    window.due.reload()
    window.due.select_row(0)
    window.due.set_status(DeadlineStatus.DONE)
    assert window.calendars.push_timer.isActive()
    window.calendars.push_timer.stop()
    window.calendars.push_now()
    on_server = read_both(radicale.read_calendar())
    confirmed_open = [v for v in filled.store.deadlines.matching() if v.deadline.confirmed]
    assert len(on_server) == len(confirmed_open)
    assert window.errors.isHidden()
    dialog.list.setCurrentRow(0)
    dialog.remove()
    assert dialog.list.count() == 0 and filled.store.calendars.list_all() == []
