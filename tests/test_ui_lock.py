"""Locking hides every household's data and asks for the passphrase again."""

from __future__ import annotations

from typing import Any

from ui.dialogs.unlock.lock import IdleWatcher, verify_passphrase
from ui.main_window import MainWindow

from conftest import PASSPHRASE
from ui_fixtures import Filled


def _data_rows(window: MainWindow) -> int:
    models = [window.households_model, window.due.model, window.unfiled.model,
              window.household.cases_model, window.household.thread_model,
              window.results.model]
    return sum(m.rowCount() for m in models)


def test_lock_clears_and_unlock_restores(qtbot: Any, window: MainWindow, filled: Filled) -> None:
    window.select_household(filled.haddad)
    window.household.select_case(filled.case)
    assert _data_rows(window) > 0
    window.lock_action.trigger()
    assert window.locked
    assert _data_rows(window) == 0
    assert window.content.isHidden()
    assert window.household.reader.message is None
    assert window.central.currentWidget() is window.lock_screen
    assert not window.sync_action.isEnabled()

    window.lock_screen.passphrase.setText("falsch")
    assert not window.lock_screen.try_unlock()
    assert window.locked and _data_rows(window) == 0
    assert "not right" in window.lock_screen.error.text()

    window.lock_screen.passphrase.setText(PASSPHRASE)
    qtbot.keyClick(window.lock_screen.passphrase, "\r")
    assert not window.locked
    assert not window.content.isHidden()
    assert window.households_model.rowCount() == 2
    assert window.due.model.rowCount() == 2
    assert window.lock_screen.passphrase.text() == ""


def test_ctrl_l_locks(qtbot: Any, window: MainWindow) -> None:
    qtbot.waitExposed(window)
    window.activateWindow()
    window.lock_action.trigger()
    assert window.locked


def test_idle_timeout_locks(qtbot: Any, window: MainWindow) -> None:
    window.idle.set_minutes(0.001)  # 60 ms
    with qtbot.waitSignal(window.idle.idle, timeout=5000):
        pass
    assert window.locked
    assert _data_rows(window) == 0


def test_activity_restarts_the_idle_timer(qtbot: Any) -> None:
    from PySide6.QtWidgets import QLineEdit

    watcher = IdleWatcher(0.05)  # 3 s
    edit = QLineEdit()
    qtbot.addWidget(edit)
    watcher.timer.stop()
    watcher.timer.start(10_000)
    remaining_before = watcher.timer.remainingTime()
    watcher.timer.setInterval(60_000)
    qtbot.keyClick(edit, "a")
    assert watcher.timer.remainingTime() > remaining_before
    watcher.detach()


def test_verify_passphrase_uses_the_file(filled: Filled) -> None:
    assert verify_passphrase(filled.store.path, PASSPHRASE)
    assert not verify_passphrase(filled.store.path, "wrong")
    assert not verify_passphrase(filled.store.path, "")
