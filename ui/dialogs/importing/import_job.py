"""One import (or one backlog reading) in a worker thread, reporting on the GUI thread.

The job object lives in the GUI thread; the thread only emits its signals,
so Qt queues each delivery onto the event loop. The thread opens its own
store connection (the store is per thread) and closes it when it ends.
``synchronous=True`` runs inline, for tests.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from helperdesk.app.ingest import ImportProgress, ImportSummary, import_files
from helperdesk.app.ocr.backlog import BacklogSummary, read_backlog
from storage.store import Store

log = logging.getLogger(__name__)


class ImportJob(QObject):
    progress = Signal(object)  # ImportProgress
    finished = Signal(object)  # ImportSummary or BacklogSummary
    failed = Signal(str)  # one line, never content

    def __init__(self, store: Store, *, synchronous: bool = False,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.synchronous = synchronous
        self.cancel = threading.Event()
        self._thread: threading.Thread | None = None

    def import_paths(self, paths: list[Path], household_id: int | None, *,
                     one_letter: bool = False) -> None:
        def work() -> ImportSummary:
            return import_files(self.store, paths, household_id=household_id,
                                one_letter=one_letter, progress=self.progress.emit,
                                cancel=self.cancel)
        self._start(work)

    def read_backlog(self) -> None:
        def work() -> BacklogSummary:
            return read_backlog(self.store, cancel=self.cancel, progress=lambda d, n:
                                self.progress.emit(ImportProgress(d, n)))
        self._start(work)

    def _start(self, work: Callable[[], object]) -> None:
        def run() -> None:
            try:
                result = work()
            except Exception as exc:  # named by type only: its text may quote a letter
                log.warning("import failed: %s", type(exc).__name__)
                self.failed.emit(type(exc).__name__)
            else:
                self.finished.emit(result)
            finally:
                if not self.synchronous:
                    self.store.close_thread_connection()

        if self.synchronous:
            run()
            return
        self._thread = threading.Thread(target=run, name="helperdesk-import", daemon=True)
        self._thread.start()

    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def stop(self, timeout: float = 10.0) -> None:
        """Cancel and wait (the OCR worker is killed, so this is quick)."""
        self.cancel.set()
        if self._thread is not None:
            self._thread.join(timeout)
