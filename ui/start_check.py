"""Start check of an installed app or bundle (``helperdesk demo --check-start``).

``arm()`` is called before the app starts; once the event loop runs, the check
waits (50 ms steps, at most 10 s) until the window system says the main window
is on screen, prints one JSON line (platform, title, visible, exposed, size)
and closes the window the normal way, so shutdown and the demo's clean-up run
too. Used by tests/test_packaging.py and benchmarks/bundle_bench.py.
"""

from __future__ import annotations

import json

from PySide6.QtCore import QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QMainWindow

from ui.app import application

STEP_MS = 50
TRIES = 200


def _main_window() -> QMainWindow | None:
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, QMainWindow) and widget.isVisible():
            return widget
    return None


def check(tries: int = TRIES) -> None:
    window = _main_window()
    handle = window.windowHandle() if window is not None else None
    exposed = handle is not None and handle.isExposed()
    if not exposed and tries > 0:
        QTimer.singleShot(STEP_MS, lambda: check(tries - 1))
        return
    print(json.dumps({
        "platform": QGuiApplication.platformName(),
        "title": window.windowTitle() if window is not None else None,
        "visible": window is not None and window.isVisible(),
        "exposed": exposed,
        "size": [window.width(), window.height()] if window is not None else None,
    }), flush=True)
    if window is not None:
        window.close()
    else:
        QApplication.quit()


def arm() -> None:
    """Run ``check`` as soon as the app's event loop starts."""
    application()
    QTimer.singleShot(0, check)
