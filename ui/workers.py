"""Background work off the GUI thread, with results delivered on the main thread.

Two pieces (after Picard's ``util/thread.py`` and Vorta's jobs manager):

* ``TaskRunner`` runs one-off callables (open a PDF, file a dropped letter,
  test a connection) in a ``QThreadPool`` and calls back on the main thread.
* ``SyncManager`` keeps one queue per mail account, so one mailbox never syncs
  twice at once; it relays progress, results and one-line errors as signals.

Worker threads use their own store connection (the store is thread-local) and
close it when their job ends. Signals are emitted on a ``QObject`` that lives
in the main thread, so Qt queues every delivery onto the GUI event loop.
"""

from __future__ import annotations

import logging
import threading
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, QThreadPool, QTimer, Signal

from storage.errors import StoreError
from sync.errors import AuthFailed, SyncError

log = logging.getLogger(__name__)

ProgressFn = Callable[[str, str, int, int], None]
SyncFn = Callable[[ProgressFn, threading.Event], object]


def user_message(exc: BaseException) -> str:
    """The one-line sentence to show for an error (never message content).

    Storage and sync errors carry messages written for volunteers; anything
    else is unexpected and is named by type only, because its text might
    quote mail content.
    """
    if isinstance(exc, StoreError | SyncError):
        text = str(exc)
        if isinstance(exc, AuthFailed):
            text += " " + QCoreApplication.translate(
                "workers", "(Edit → Mail accounts.)"
            )
        return text
    return QCoreApplication.translate("workers", "Internal error ({name}).").format(
        name=type(exc).__name__
    )


class _Relay(QObject):
    """Created on the main thread; worker threads emit, the main thread receives."""

    result = Signal(object)
    error = Signal(object)
    progress = Signal(str, str, int, int)
    done = Signal()


class _Job(QRunnable):
    def __init__(
        self, fn: Callable[[], object], relay: _Relay, cleanup: Callable[[], None] | None
    ) -> None:
        super().__init__()
        self._fn = fn
        self._relay = relay
        self._cleanup = cleanup
        self.setAutoDelete(True)

    def run(self) -> None:
        try:
            value = self._fn()
        except BaseException as exc:  # delivered to the main thread, not lost
            self._relay.error.emit(exc)
        else:
            self._relay.result.emit(value)
        finally:
            if self._cleanup is not None:
                try:
                    self._cleanup()
                except Exception:  # closing a connection must not hide the result
                    log.warning("worker cleanup failed", exc_info=True)
            self._relay.done.emit()


class TaskRunner(QObject):
    """Run callables off the GUI thread; callbacks run on the main thread.

    ``synchronous=True`` runs everything inline (tests, like Picard's
    FakeThreadPool), so dialog tests need no waiting at all.
    """

    def __init__(
        self,
        cleanup: Callable[[], None] | None = None,
        *,
        synchronous: bool = False,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._cleanup = cleanup
        self._synchronous = synchronous
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(2)
        self._relays: set[_Relay] = set()

    def run(
        self,
        fn: Callable[[], Any],
        on_result: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
    ) -> None:
        if self._synchronous:
            try:
                value = fn()
            except Exception as exc:
                if on_error is None:
                    raise
                on_error(exc)
            else:
                if on_result is not None:
                    on_result(value)
            return
        relay = _Relay()
        if on_result is not None:
            relay.result.connect(on_result)
        if on_error is not None:
            relay.error.connect(on_error)
        else:
            relay.error.connect(lambda exc: log.warning("background task failed: %s",
                                                         type(exc).__name__))
        self._relays.add(relay)
        relay.done.connect(lambda: self._relays.discard(relay))
        self._pool.start(_Job(fn, relay, self._cleanup))

    def wait(self, msecs: int = -1) -> bool:
        return self._pool.waitForDone(msecs)


@dataclass
class _SyncRequest:
    account: str
    fn: SyncFn
    retries: int


class SyncManager(QObject):
    """One queue per mail account; many accounts may sync side by side.

    ``submit`` while the account is already syncing queues at most one
    follow-up run (a second "sync now" click does not pile up work).
    """

    started = Signal(str)
    progress = Signal(str, str, int, int)  # account, folder, done, total
    finished = Signal(str, object)  # account, the sync's result
    failed = Signal(str, str)  # account, one-line message saying what to do
    idle = Signal()  # no account syncing any more

    def __init__(
        self,
        cleanup: Callable[[], None] | None = None,
        *,
        max_threads: int = 3,
        backoff_ms: int = 5000,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._cleanup = cleanup
        self._backoff_ms = backoff_ms
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(max_threads)
        self._queues: dict[str, deque[_SyncRequest]] = {}
        self._running: dict[str, threading.Event] = {}
        self._relays: set[_Relay] = set()

    def is_busy(self, account: str) -> bool:
        return account in self._running

    def busy_accounts(self) -> list[str]:
        return sorted(self._running)

    def submit(self, account: str, fn: SyncFn, *, retries: int = 0) -> bool:
        """Queue a sync of ``account``; False if one is already waiting behind a running one."""
        queue = self._queues.setdefault(account, deque())
        if account in self._running and queue:
            return False
        queue.append(_SyncRequest(account, fn, retries))
        if account not in self._running:
            self._start_next(account)
        return True

    def cancel(self, account: str) -> None:
        self._queues.pop(account, None)
        event = self._running.get(account)
        if event is not None:
            event.set()

    def shutdown(self, msecs: int = 10_000) -> bool:
        """Cancel everything and wait for running jobs (call before closing the store)."""
        for account in list(self._running):
            self.cancel(account)
        self._queues.clear()
        return self._pool.waitForDone(msecs)

    def _start_next(self, account: str) -> None:
        queue = self._queues.get(account)
        if not queue:
            self._queues.pop(account, None)
            if not self._running:
                self.idle.emit()
            return
        request = queue.popleft()
        cancel = threading.Event()
        self._running[account] = cancel
        relay = _Relay()
        relay.progress.connect(self.progress)
        relay.result.connect(lambda value: self._on_result(account, value))
        relay.error.connect(lambda exc: self._on_error(request, exc))
        relay.done.connect(lambda: self._on_done(relay, account))
        self._relays.add(relay)

        def progress(acct: str, folder: str, done: int, total: int) -> None:
            relay.progress.emit(acct or account, folder, done, total)

        self.started.emit(account)
        self._pool.start(_Job(lambda: request.fn(progress, cancel), relay, self._cleanup))

    def _on_result(self, account: str, value: object) -> None:
        self.finished.emit(account, value)

    def _on_error(self, request: _SyncRequest, exc: BaseException) -> None:
        transient = isinstance(exc, (OSError, TimeoutError)) and "auth" not in type(
            exc
        ).__name__.lower()
        if request.retries > 0 and transient:
            delay = self._backoff_ms
            retry = _SyncRequest(request.account, request.fn, request.retries - 1)
            # Back off before trying again: a flaky network often recovers in seconds.
            QTimer.singleShot(delay, self, lambda: self._retry(retry))
            return
        self.failed.emit(request.account, user_message(exc))

    def _retry(self, request: _SyncRequest) -> None:
        self._queues.setdefault(request.account, deque()).appendleft(request)
        if request.account not in self._running:
            self._start_next(request.account)

    def _on_done(self, relay: _Relay, account: str) -> None:
        self._relays.discard(relay)
        self._running.pop(account, None)
        self._start_next(account)
