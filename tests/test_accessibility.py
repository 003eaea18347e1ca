"""Accessibility: every focusable control has a name a screen reader can say.

Walks the widget tree of every window and dialog of the app (main window in each
view, all dialogs, the first-run wizard's pages, the lock screen) and fails on a
control that takes keyboard focus but has no accessible name (what Qt exposes to
AT-SPI on Linux and UIA on Windows: the explicit name, the button text, or the
label the control is the buddy of).
"""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QAbstractScrollArea, QAbstractSpinBox, QComboBox, QScrollBar, QWidget

from storage.accounts import Account

from conftest import PASSPHRASE


def unnamed_controls(top: QWidget) -> list[str]:
    """Focusable, visible controls under ``top`` without an accessible name."""
    found: list[str] = []
    for w in [top, *top.findChildren(QWidget)]:
        if w is top or not (w.focusPolicy().value & 0x1) or not w.isVisibleTo(top):
            continue  # not reachable with Tab
        if isinstance(w, QScrollBar) or w.isWindow():
            continue
        if isinstance(w.parentWidget(), QAbstractSpinBox | QComboBox):
            continue  # a spin box's or combo box's own editor: the box carries the name
        iface = QAccessible.queryAccessibleInterface(w)
        name = iface.text(QAccessible.Text.Name) if iface is not None else ""
        if not name.strip():
            viewport_of = w.parent() if isinstance(w.parent(), QAbstractScrollArea) else None
            found.append(f"{type(w).__name__} {w.objectName()!r} in "
                         f"{type(viewport_of or w.parentWidget()).__name__}")
    return found


def test_main_window_in_every_view_names_its_controls(window: Any, filled: Any) -> None:
    from ui.main_window import NAV_DUE, NAV_UNFILED, NAV_WAITING

    for row in (NAV_DUE, NAV_UNFILED, NAV_WAITING):
        window.nav.setCurrentRow(row)
        assert unnamed_controls(window) == [], row
    window.select_household(filled.haddad)
    assert unnamed_controls(window) == []
    window.lock()
    assert unnamed_controls(window) == []
    # The store forgot its key when it locked: unlock through the lock screen.
    window.lock_screen.passphrase.setText(PASSPHRASE)
    assert window.lock_screen.try_unlock()


def test_every_dialog_names_its_controls(qtbot: Any, filled: Any, tmp_path: Any) -> None:
    from ui.dialogs.accounts.account_dialog import AccountDialog
    from ui.dialogs.accounts.account_edit_dialog import AccountEditDialog
    from ui.dialogs.accounts.accounts_dialog import AccountsDialog
    from ui.dialogs.accounts.password_dialog import PasswordDialog
    from ui.dialogs.agencies.agencies_dialog import AgenciesDialog
    from ui.dialogs.agencies.agency_dialog import AgencyDialog
    from ui.dialogs.deadlines.deadline_date_dialog import DeadlineDateDialog
    from ui.dialogs.filing.triage_dialog import TriageDialog
    from ui.dialogs.households.household_dialog import HouseholdDialog
    from ui.dialogs.language.language_dialog import LanguageDialog
    from ui.dialogs.unlock.first_run import FirstRunWizard
    from ui.dialogs.unlock.unlock_dialog import UnlockDialog
    from ui.workers.tasks import TaskRunner

    store = filled.store
    runner = TaskRunner(synchronous=True)
    account = store.accounts.add(Account(name="beratung", host="imap.example.org", port=143,
                                         security="starttls", username="beratung@example.org"))
    import datetime as dt

    dialogs: list[QWidget] = [
        AccountDialog(store, runner), AccountEditDialog(store, account),
        AccountsDialog(store, runner), PasswordDialog(store, account), AgenciesDialog(store),
        AgencyDialog(store), DeadlineDateDialog(dt.date(2025, 4, 7), None),
        TriageDialog(store, filled.unfiled), HouseholdDialog(store), LanguageDialog(),
        UnlockDialog(store.path),
    ]
    problems = []
    for dialog in dialogs:
        qtbot.addWidget(dialog)
        dialog.show()
        problems += [f"{type(dialog).__name__}: {p}" for p in unnamed_controls(dialog)]
    assert problems == []
    wizard = FirstRunWizard(tmp_path / "new.db", runner)
    qtbot.addWidget(wizard)
    wizard.show()
    for _page in range(3):
        assert unnamed_controls(wizard) == [], wizard.currentId()
        wizard.next()


@pytest.mark.parametrize("lang", ["de", "ar"])
def test_names_are_translated(qtbot: Any, lang: str) -> None:
    from i18n import set_language
    from ui.dialogs.language.language_dialog import LanguageDialog

    set_language(lang)
    try:
        dialog = LanguageDialog()
        qtbot.addWidget(dialog)
        assert dialog.combo.accessibleName() != "Language of HelperDesk"
    finally:
        set_language(None)


def test_the_walk_finds_an_unnamed_control(qtbot: Any) -> None:
    from PySide6.QtWidgets import QLabel, QLineEdit, QPushButton, QVBoxLayout

    box = QWidget()
    layout = QVBoxLayout(box)
    named_by_label = QLineEdit(box)
    label = QLabel("&Name", box)
    label.setBuddy(named_by_label)
    unnamed = QLineEdit(box)
    unnamed.setObjectName("nameless")
    for w in (label, named_by_label, unnamed, QPushButton("OK", box)):
        layout.addWidget(w)
    qtbot.addWidget(box)
    box.show()
    assert unnamed_controls(box) == ["QLineEdit 'nameless' in QWidget"]
