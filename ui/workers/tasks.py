"""Background work off the GUI thread, with results delivered on the main thread.

Two pieces (after Picard's ``util/thread.py`` and Vorta's jobs manager):

* ``TaskRunner`` runs one-off callables (open a PDF, file a dropped letter,
  test a connection, search) in worker threads and calls back on the main thread.
* ``SyncManager`` keeps one queue per mail account, so one mailbox never syncs
  twice at once; it relays progress, results and one-line errors as signals.

Worker threads use their own store connection (the store is thread-local) and
close it when their job ends. Signals are emitted on one long-lived ``QObject``
per runner that lives in the main thread, so Qt queues every delivery onto
the GUI event loop and no Qt object is ever freed in a worker thread.
"""

from __future__ import annotations

import concurrent.futures
import itertools
import logging
import threading
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from helperdesk.app import errorlog
from i18n import _
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
            text += " " + _("(Edit → Mail accounts.)"
            )
        return text
    text = _("Internal error ({name}).").format(
        name=type(exc).__name__
    )
    where = errorlog.current_log()
    if where is not None:
        text += " " + _("Details (without any personal data) are in {path}.").format(path=where)
    return text


class _Relay(QObject):
    """One per runner, created on the main thread and living as long as the runner.

    Workers emit on it with a job number and Qt queues each delivery onto the
    GUI thread. A worker never holds the last reference to a Qt object: a
    QObject freed in a worker thread crashes the interpreter ("deallocating
    None"), which is what per-job relays did under load.
    """

    result = Signal(int, object)
    error = Signal(int, object)
    progress = Signal(int, str, str, int, int)
    done = Signal(int)


def _run_job(
    job: int, fn: Callable[[], object], relay: _Relay, cleanup: Callable[[], None] | None
) -> None:
    """In a worker thread: run ``fn`` and report through ``relay``."""
    try:
        value = fn()
    except BaseException as exc:  # delivered to the main thread, not lost
        if not isinstance(exc, StoreError | SyncError):  # expected ones explain themselves
            log.error("background task failed", exc_info=exc)
        relay.error.emit(job, exc)
    else:
        relay.result.emit(job, value)
    finally:
        if cleanup is not None:
            try:
                cleanup()
            except Exception:  # closing a connection must not hide the result
                log.warning("worker cleanup failed", exc_info=True)
        relay.done.emit(job)


class _Threads:
    """A small thread pool that can be waited for, like QThreadPool.waitForDone."""

    def __init__(self, max_threads: int) -> None:
        self._pool = concurrent.futures.ThreadPoolExecutor(
            max_threads, thread_name_prefix="helperdesk-worker")
        self._futures: set[concurrent.futures.Future[None]] = set()

    def start(self, fn: Callable[[], None]) -> None:
        future = self._pool.submit(fn)
        self._futures.add(future)
        future.add_done_callback(self._futures.discard)

    def wait(self, msecs: int = -1) -> bool:
        timeout = None if msecs < 0 else msecs / 1000
        _done, pending = concurrent.futures.wait(list(self._futures), timeout=timeout)
        return not pending


_job_numbers = itertools.count(1)


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
        self._threads = _Threads(2)
        self._relay = _Relay(self)
        self._callbacks: dict[
            int, tuple[Callable[[Any], None] | None, Callable[[BaseException], None] | None]
        ] = {}
        self._relay.result.connect(self._on_result)
        self._relay.error.connect(self._on_error)
        self._relay.done.connect(lambda job: self._callbacks.pop(job, None))

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
        job = next(_job_numbers)
        self._callbacks[job] = (on_result, on_error)
        relay, cleanup = self._relay, self._cleanup
        self._threads.start(lambda: _run_job(job, fn, relay, cleanup))

    def _on_result(self, job: int, value: object) -> None:
        on_result = self._callbacks.get(job, (None, None))[0]
        if on_result is not None:
            on_result(value)

    def _on_error(self, job: int, exc: BaseException) -> None:
        on_error = self._callbacks.get(job, (None, None))[1]
        if on_error is not None:
            on_error(exc)
        else:
            log.warning("background task failed, nobody was waiting: %s", type(exc).__name__)

    def wait(self, msecs: int = -1) -> bool:
        return self._threads.wait(msecs)


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
        self._threads = _Threads(max_threads)
        self._queues: dict[str, deque[_SyncRequest]] = {}
        self._running: dict[str, threading.Event] = {}
        self._jobs: dict[int, _SyncRequest] = {}
        self._relay = _Relay(self)
        self._relay.progress.connect(lambda _job, *args: self.progress.emit(*args))
        self._relay.result.connect(
            lambda job, value: self.finished.emit(self._jobs[job].account, value))
        self._relay.error.connect(lambda job, exc: self._on_error(self._jobs[job], exc))
        self._relay.done.connect(self._on_done)

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
        return self._threads.wait(msecs)

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
        job = next(_job_numbers)
        self._jobs[job] = request
        relay, cleanup = self._relay, self._cleanup

        def progress(acct: str, folder: str, done: int, total: int) -> None:
            relay.progress.emit(job, acct or account, folder, done, total)

        self.started.emit(account)
        self._threads.start(
            lambda: _run_job(job, lambda: request.fn(progress, cancel), relay, cleanup))

    def _on_error(self, request: _SyncRequest, exc: BaseException) -> None:
        # The sync engine says which of its errors may pass (network trouble);
        # a rejected password or a refused certificate will not fix itself.
        transient = bool(getattr(exc, "retryable", False)) or isinstance(
            exc, (ConnectionError, TimeoutError))
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

    def _on_done(self, job: int) -> None:
        account = self._jobs.pop(job).account
        self._running.pop(account, None)
        self._start_next(account)
