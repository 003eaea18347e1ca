"""Start the desktop app: unlock (or first-run setup) and the main window.

``run_app(store=...)`` shows an already opened store (the demo);
``run_app(path=...)`` unlocks the store at ``path`` itself: a passphrase
remembered in the keyring, else the Unlock dialog, or the First-run wizard
when there is no store yet.
"""

from __future__ import annotations

import contextlib
import logging
import sys
from pathlib import Path

from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from helperdesk.app import errorlog, viewing
from i18n import _
from storage import secrets
from storage.errors import StoreError, WrongPassphrase
from storage.store import Store
from ui.dialogs.unlock.first_run import FirstRunWizard
from ui.dialogs.unlock.store_check import check_store
from ui.dialogs.unlock.unlock_dialog import UnlockDialog
from ui.language import apply_language
from ui.main_window import MainWindow
from ui.workers.tasks import TaskRunner

APP_ID = "de.helperdesk.HelperDesk"
ICON = Path(__file__).resolve().parent / "helperdesk.svg"


def application(argv: list[str] | None = None) -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    app = QApplication(argv if argv is not None else sys.argv[:1])
    app.setApplicationName("HelperDesk")
    app.setOrganizationName("HelperDesk")
    app.setApplicationDisplayName("HelperDesk")
    # Lets the desktop match windows to packaging/linux/<APP_ID>.desktop (Wayland app id).
    app.setDesktopFileName(APP_ID)
    app.setWindowIcon(QIcon(str(ICON)))
    install_translations(app)
    return app


def install_translations(app: QApplication) -> str:
    """The screen language (setting, else system), Qt's own strings, mirrored for RTL."""
    return apply_language(app)


def obtain_store(path: Path, runner: TaskRunner) -> Store | None:
    """Open the store at ``path`` the way a person would; None if they cancel."""
    if not path.exists():
        wizard = FirstRunWizard(path, runner)
        wizard.exec()
        return wizard.store
    note = ""
    remembered = secrets.get(secrets.STORE_SERVICE, str(path))
    if remembered:
        try:
            return Store.open(path, remembered)
        except WrongPassphrase:
            note = _("The passphrase remembered on this computer no longer works.")
        except StoreError as exc:
            note = str(exc)
    dialog = UnlockDialog(path, note=note)
    dialog.exec()
    return dialog.store


def run_app(store: Store | None = None, *, path: Path | None = None, demo: bool = False) -> int:
    try:
        errorlog.install()
    except OSError:
        logging.getLogger(__name__).warning("no error log: the log folder cannot be written")
    app = application()
    viewing.warm_up()  # the sandbox workers start while the helper unlocks
    owns_store = store is None
    if store is None:
        if path is None:
            raise ValueError("run_app needs a store or a path")
        runner = TaskRunner()
        store = obtain_store(path, runner)
        runner.wait()
        if store is None:
            return 0  # the person chose not to unlock or set up: not an error
    window = MainWindow(store, demo=demo)
    window.show()
    if not demo:
        check_store(window, store, window.runner)  # quick now, the full check weekly
    try:
        return app.exec()
    finally:
        window.shutdown()
        if owns_store:
            with contextlib.suppress(Exception):
                store.close()
