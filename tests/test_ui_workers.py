"""Background work: real threads, results on the main thread, the GUI loop keeps running."""

from __future__ import annotations

import threading
from typing import Any

from PySide6.QtCore import QThread, QTimer

from sync.errors import AuthFailed
from ui.workers.tasks import SyncManager, TaskRunner


def test_sync_worker_reports_progress_without_blocking(qtbot: Any) -> None:
    manager = SyncManager()
    ticks: list[int] = []
    timer = QTimer()
    timer.setInterval(5)
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start()
    release = threading.Event()
    seen_threads: list[QThread] = []
    progress: list[tuple[str, str, int, int]] = []
    main_thread = QThread.currentThread()

    def slow_sync(report: Any, cancel: threading.Event) -> str:
        seen_threads.append(QThread.currentThread())
        for i in range(1, 4):
            report("", "INBOX", i, 3)
        # Keep running until the main thread has proven it is still responsive.
        assert release.wait(30)
        return "synced"

    def on_progress(*args: Any) -> None:
        progress.append(args)
        assert QThread.currentThread() is main_thread  # delivered on the GUI thread
        if len(progress) == 3:
            # Release the worker only after the event loop has ticked a few times.
            qtbot.waitUntil(lambda: len(ticks) >= 3, timeout=5000)
            release.set()

    manager.progress.connect(on_progress)
    with qtbot.waitSignal(manager.finished, timeout=10_000) as blocker:
        assert manager.submit("acct", slow_sync)
    assert blocker.args == ["acct", "synced"]
    assert progress == [("acct", "INBOX", i, 3) for i in (1, 2, 3)]
    assert seen_threads and seen_threads[0] is not main_thread
    assert len(ticks) >= 3
    timer.stop()
    manager.shutdown()


def test_one_queue_per_account(qtbot: Any) -> None:
    manager = SyncManager(max_threads=4)
    gate = threading.Event()
    running = 0
    peak = 0
    lock = threading.Lock()

    def job(_report: Any, _cancel: threading.Event) -> int:
        nonlocal running, peak
        with lock:
            running += 1
            peak = max(peak, running)
        gate.wait(10)
        with lock:
            running -= 1
        return 1

    finished: list[str] = []
    manager.finished.connect(lambda acct, _r: finished.append(acct))
    assert manager.submit("a", job)
    assert manager.submit("a", job)  # queued behind the running one
    assert not manager.submit("a", job)  # a third request does not pile up
    assert manager.is_busy("a")
    gate.set()
    with qtbot.waitSignal(manager.idle, timeout=10_000):
        pass
    assert finished == ["a", "a"]
    assert peak == 1  # never two syncs of the same mailbox at once
    manager.shutdown()


def test_sync_error_becomes_a_message_with_advice(qtbot: Any) -> None:
    manager = SyncManager()

    def failing(_report: Any, _cancel: threading.Event) -> None:
        raise AuthFailed()

    with qtbot.waitSignal(manager.failed, timeout=10_000) as blocker:
        manager.submit("acct", failing)
    account, message = blocker.args
    assert account == "acct"
    assert "password rejected by the server" in message
    assert "Mail accounts" in message  # says what to do
    manager.shutdown()


def test_unexpected_error_names_only_its_type(qtbot: Any) -> None:
    manager = SyncManager()

    def failing(_report: Any, _cancel: threading.Event) -> None:
        raise RuntimeError("Betreff: private Angelegenheit")

    with qtbot.waitSignal(manager.failed, timeout=10_000) as blocker:
        manager.submit("acct", failing)
    assert "private" not in blocker.args[1]
    assert "RuntimeError" in blocker.args[1]
    manager.shutdown()


def test_cancel_reaches_the_job(qtbot: Any) -> None:
    manager = SyncManager()
    started = threading.Event()

    def waits_for_cancel(_report: Any, cancel: threading.Event) -> str:
        started.set()
        return "cancelled" if cancel.wait(10) else "timeout"

    with qtbot.waitSignal(manager.finished, timeout=10_000) as blocker:
        manager.submit("acct", waits_for_cancel)
        assert started.wait(5)
        manager.cancel("acct")
    assert blocker.args == ["acct", "cancelled"]
    manager.shutdown()


def test_task_runner_delivers_on_main_thread(qtbot: Any) -> None:
    cleaned: list[bool] = []
    runner = TaskRunner(lambda: cleaned.append(True))
    main_thread = QThread.currentThread()
    results: list[Any] = []

    def done(value: Any) -> None:
        results.append((value, QThread.currentThread() is main_thread))

    errors: list[BaseException] = []
    runner.run(lambda: 6 * 7, done)
    runner.run(lambda: 1 / 0, None, errors.append)
    qtbot.waitUntil(lambda: len(results) == 1 and len(errors) == 1, timeout=5000)
    assert results == [(42, True)]
    assert isinstance(errors[0], ZeroDivisionError)
    assert runner.wait(5000)
    assert cleaned == [True, True]  # each worker closed its store connection
