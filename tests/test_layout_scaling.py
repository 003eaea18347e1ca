"""Large text (200 %), pseudo-translation (+40 %) and Arabic: nothing is cut off.

Each dialog is built under the condition and shown at the size it asks for; a
label or button narrower or lower than its own minimum size hint would show
clipped text. The main window is checked at 200 % in the screenshots
(``python -m ui.screenshots OUT 2.0``), whose reader scrolls instead of clipping.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QWidget

from i18n import set_language

SLACK = 2


def clipped(top: QWidget) -> list[str]:
    out = []
    for w in top.findChildren(QWidget):
        if not w.isVisibleTo(top) or not isinstance(w, QLabel | QAbstractButton):
            continue
        if isinstance(w, QLabel) and (w.wordWrap() or not w.text()):
            continue
        hint = w.minimumSizeHint()
        # A pixel or two of a button's frame is no clipped text; more is.
        if w.width() < hint.width() - SLACK or w.height() < hint.height() - SLACK:
            out.append(f"{type(w).__name__} {w.text()[:40]!r}: {w.width()}x{w.height()} < "
                       f"{hint.width()}x{hint.height()}")
    return out


@pytest.fixture(params=["large", "pseudo", "arabic"])
def condition(request: Any, qapp: QApplication, monkeypatch: Any) -> Iterator[str]:
    font = qapp.font()
    if request.param == "large":
        big = qapp.font()
        big.setPointSizeF(font.pointSizeF() * 2)
        qapp.setFont(big)
    elif request.param == "pseudo":
        monkeypatch.setenv("HELPERDESK_PSEUDO", "1")
    else:
        from ui.language import apply_language

        apply_language(qapp, "ar")
    try:
        yield request.param
    finally:
        qapp.setFont(font)
        if request.param == "arabic":
            from ui.language import apply_language

            apply_language(qapp, "en")
        set_language(None)


def test_dialogs_do_not_clip(condition: str, qtbot: Any, filled: Any, tmp_path: Any) -> None:
    from ui.dialogs.accounts.account_dialog import AccountDialog
    from ui.dialogs.deadlines.deadline_date_dialog import DeadlineDateDialog
    from ui.dialogs.filing.triage_dialog import TriageDialog
    from ui.dialogs.households.household_dialog import HouseholdDialog
    from ui.dialogs.language.language_dialog import LanguageDialog
    from ui.dialogs.unlock.first_run import FirstRunWizard
    from ui.dialogs.unlock.unlock_dialog import UnlockDialog
    from ui.workers.tasks import TaskRunner

    store = filled.store
    runner = TaskRunner(synchronous=True)
    dialogs: list[QWidget] = [
        UnlockDialog(store.path), LanguageDialog(), HouseholdDialog(store),
        AccountDialog(store, runner), TriageDialog(store, filled.unfiled),
        DeadlineDateDialog(dt.date(2025, 4, 7), None), FirstRunWizard(tmp_path / "n.db", runner),
    ]
    problems = []
    for dialog in dialogs:
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        problems += [f"{type(dialog).__name__}: {p}" for p in clipped(dialog)]
    assert problems == [], condition
