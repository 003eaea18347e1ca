"""Keyboard only: the main flows work without a mouse (unlock, triage, accept a deadline).

Every step is a key press sent to the widget that has the focus, as a person
using only the keyboard (or a switch device) would; no widget method is called
to get past a step.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from conftest import PASSPHRASE


def _focus() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None, "no widget has the keyboard focus"
    return widget


def _activate(qtbot: Any, window: QWidget) -> None:
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)


def test_lock_and_unlock_by_keyboard(qtbot: Any, window: Any) -> None:
    _activate(qtbot, window)
    QTest.keyClick(_focus(), Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert window.locked
    qtbot.waitUntil(lambda: _focus() is window.lock_screen.passphrase)
    QTest.keyClicks(_focus(), "wrong words")
    QTest.keyClick(_focus(), Qt.Key.Key_Return)
    assert window.locked and window.lock_screen.error.text()
    QTest.keyClicks(_focus(), PASSPHRASE)
    QTest.keyClick(_focus(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not window.locked)


def test_triage_by_keyboard(qtbot: Any, window: Any, filled: Any) -> None:
    from ui.dialogs.filing.triage_dialog import TriageDialog

    _activate(qtbot, window)
    QTest.keyClick(_focus(), Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)  # Unfiled
    table = window.unfiled.table
    table.setFocus(Qt.FocusReason.TabFocusReason)  # where Tab from the list leads
    QTest.keyClick(_focus(), Qt.Key.Key_Home)
    assert window.unfiled.current_message_id() is not None
    seen: list[str] = []

    def drive() -> None:
        dialog = QApplication.activeModalWidget()
        try:
            assert isinstance(dialog, TriageDialog)
            combo = dialog.household  # the first control of the dialog
            target = combo.findData(filled.wagner)
            for _step in range(combo.count()):  # arrow keys through the households
                if combo.currentIndex() == target:
                    break
                key = Qt.Key.Key_Down if combo.currentIndex() < target else Qt.Key.Key_Up
                QTest.keyClick(combo, key)
            assert combo.currentIndex() == target
            seen.append("driven")
            QTest.keyClick(combo, Qt.Key.Key_Return)  # goes on to the dialog's default button
        finally:
            if dialog is not None and dialog.isVisible():  # never leave a modal dialog open
                seen.append("still open")
                dialog.reject()

    QTimer.singleShot(0, drive)
    QTest.keyClick(_focus(), Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert seen == ["driven"], "Ctrl+E did not open the filing dialog, or Return did not file"
    assert filled.store.messages.get(filled.unfiled).household_id == filled.wagner


def test_accept_a_deadline_by_keyboard(qtbot: Any, window: Any, filled: Any) -> None:
    _activate(qtbot, window)
    QTest.keyClick(_focus(), Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)  # Due soon
    due = window.due
    due.table.setFocus(Qt.FocusReason.TabFocusReason)
    rows = due.model.rowCount()
    target = next(r for r in range(rows) if due.model.view_at(r).deadline.id == filled.soon)
    QTest.keyClick(_focus(), Qt.Key.Key_Home)
    for _step in range(target):
        QTest.keyClick(_focus(), Qt.Key.Key_Down)
    assert due.current() is not None and due.current().deadline.id == filled.soon
    assert not due.current().deadline.confirmed
    QTest.keyClick(_focus(), Qt.Key.Key_C, Qt.KeyboardModifier.AltModifier)  # "&Confirm"

    def confirmed() -> bool:  # a mnemonic "clicks" the button after its short animation
        return next(v for v in filled.store.deadlines.matching()
                    if v.deadline.id == filled.soon).deadline.confirmed

    qtbot.waitUntil(confirmed)


def test_menus_show_their_shortcuts(window: Any) -> None:
    shortcuts: dict[str, str] = {}
    for menu_action in window.menuBar().actions():
        menu = menu_action.menu()
        for action in menu.actions():
            shortcuts[action.text()] = action.shortcut().toString()
    assert shortcuts["&Lock"] == "Ctrl+L"
    assert shortcuts["&Fetch mail"]  # its key may change; it must have one
    assert shortcuts["&Due soon"] == "Ctrl+1"
