"""Views follow the store: notice writes made elsewhere (another process, a worker thread).

The app refreshes itself after its own changes; what it cannot see are
commits by other connections: ``helperdesk import`` in a terminal while the
window is open, a sync in a worker thread. ``PRAGMA data_version`` on the GUI
thread's connection changes exactly then; it is polled on a timer (a cheap
read that takes no lock) and ``changed`` is emitted once per change.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QTimer, Signal

from storage.errors import StoreError
from storage.store import Store

log = logging.getLogger(__name__)

POLL_MS = 700  # well inside the 2 s in which a write elsewhere must show


class StoreWatcher(QObject):
    changed = Signal()

    def __init__(self, store: Store | None, parent: QObject | None = None,
                 interval_ms: int = POLL_MS) -> None:
        super().__init__(parent)
        self._store = store
        self._version: int | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.poll)

    def start(self, store: Store | None = None) -> None:
        if store is not None:
            self._store = store
        self._version = self._read()
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()
        self._version = None

    def _read(self) -> int | None:
        if self._store is None:
            return None
        try:
            return self._store.data_version()
        except StoreError:
            # A damaged or vanished store is reported by the next real read;
            # the watcher only says "changed" when it is sure.
            log.warning("store version could not be read")
            return None

    def poll(self) -> None:
        version = self._read()
        if version is None or self._version is None:
            self._version = version
            return
        if version != self._version:
            self._version = version
            self.changed.emit()
