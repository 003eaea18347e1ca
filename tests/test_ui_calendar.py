"""File → Export calendar…: the options dialog and the export it starts."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QDialog, QDialogButtonBox

from ui.dialogs.calendar.export_dialog import ExportCalendarDialog
from ui.main_window import MainWindow

from calendar_support import read_both
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
    window.export_calendar(dialog, out)
    events = read_both(out.read_bytes())
    # The fixture has three open deadlines, one confirmed and two suggested.
    assert len(events) == 3
    assert all(len(e.triggers) == 1 for e in events.values())
    assert b"Haddad" not in out.read_bytes() and b"Wagner" not in out.read_bytes()
    assert "3 deadlines" in window.statusBar().currentMessage()


def test_export_to_a_missing_folder_says_so(window: MainWindow, tmp_path: Path) -> None:
    dialog = ExportCalendarDialog(window)
    _accept_on_exec(dialog)
    window.export_calendar(dialog, tmp_path / "nope" / "x.ics")
    assert "does not exist" in window.errors.text.text()
