"""Views follow the store: a CLI import in another process shows in every open view.

The app refreshes itself after its own changes; a write by another process
(``helperdesk import`` in a terminal) is noticed through PRAGMA data_version
on a timer, within 2 s and without the helper doing anything.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from conftest import PASSPHRASE
from ui_fixtures import TODAY, Filled

FOLLOW_MS = 2000


def _mail(path: Path, subject: str, body: str) -> Path:
    path.write_text(
        "From: Jobcenter Test <post@jobcenter.example>\nTo: helper@example.org\n"
        f"Subject: {subject}\nDate: {dt.datetime.now(dt.UTC):%a, %d %b %Y %H:%M:%S +0000}\n"
        f"Message-ID: <{path.stem}@jobcenter.example>\n\n{body}\n", encoding="utf-8")
    return path


def _cli(store: Path, *args: str) -> None:
    env = {**os.environ, "HELPERDESK_PASSPHRASE": PASSPHRASE}
    done = subprocess.run([sys.executable, "-m", "helperdesk", "--store", str(store), *args],
                          env=env, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr


def test_a_cli_import_elsewhere_shows_in_every_view(
    qtbot: Any, window: Any, filled: Filled, tmp_path: Path
) -> None:
    from ui.main_window import NAV_DUE, NAV_UNFILED

    due_before = window.due.model.rowCount()
    unfiled_before = window.unfiled.count()
    nav_unfiled_before = window.nav.item(NAV_UNFILED).text()
    window.nav.setCurrentRow(NAV_UNFILED)
    rows_before = window.unfiled.model.rowCount()
    assert rows_before == unfiled_before

    day = TODAY + dt.timedelta(days=6)
    _cli(filled.store.path, "import", "--household", "Familie Wagner", str(_mail(
        tmp_path / "frist.eml", "Aufforderung zur Mitwirkung",
        f"Bitte reichen Sie die Kontoauszüge bis zum {day:%d.%m.%Y} ein.")))
    _cli(filled.store.path, "import", str(_mail(
        tmp_path / "neu.eml", "Ihre Anfrage", "Wir haben Ihre Nachricht erhalten.")))

    # Both new mails wait to be filed in a case (the first one has its household).
    unfiled_after = filled.store.messages.count(unfiled=True)
    assert unfiled_after == unfiled_before + 2

    def followed() -> None:
        assert window.unfiled.model.rowCount() == unfiled_after
        assert window.nav.item(NAV_UNFILED).text() != nav_unfiled_before
        assert f"({unfiled_after})" in window.nav.item(NAV_UNFILED).text()
        assert window.due.model.rowCount() == due_before + 1
        assert f"({due_before + 1}" in window.nav.item(NAV_DUE).text()

    qtbot.waitUntil(followed, timeout=FOLLOW_MS)


def test_nothing_is_reloaded_while_nothing_changes(qtbot: Any, window: Any) -> None:
    reloads: list[bool] = []
    window.watcher.changed.connect(lambda: reloads.append(True))
    window.watcher.poll()
    window.watcher.poll()
    assert reloads == []


def test_refresh_is_on_f5_and_under_view(window: Any) -> None:
    from PySide6.QtGui import QKeySequence

    view_menu = next(a.menu() for a in window.menuBar().actions() if "View" in a.text())
    refresh = next(a for a in view_menu.actions() if "Refresh" in a.text())
    assert refresh.shortcut() == QKeySequence(QKeySequence.StandardKey.Refresh)
    assert refresh.shortcut().toString() == "F5"
    assert window.sync_action.shortcut().toString() != "F5"
