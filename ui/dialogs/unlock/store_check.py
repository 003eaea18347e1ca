"""After unlocking: a quick integrity check now, the full one weekly in the background.

A thin hook over ``helperdesk.app.integrity``: it only decides when to show
the helper the use case's plain advice.
"""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from helperdesk.app import integrity
from i18n import _
from storage.store import Store
from ui.workers.tasks import TaskRunner


def _warn(parent: QWidget, verdict: integrity.Verdict | None) -> None:
    if verdict is not None and not verdict.sound:
        QMessageBox.warning(parent, _("The store is damaged"), verdict.advice)


def check_store(parent: QWidget, store: Store, runner: TaskRunner) -> integrity.Verdict:
    """Run the quick check (small time budget) and start the weekly full check if due."""
    verdict = integrity.quick_check(store)
    _warn(parent, verdict)
    if verdict.sound:
        runner.run(lambda: integrity.weekly_check(store), lambda v: _warn(parent, v))
    return verdict
