"""Search runs in a worker thread; results for an older text, or after locking, are dropped."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from PySide6.QtWidgets import QLineEdit

from storage.messages import MessageSummary
from storage.store import Store
from ui.main_window import MainWindow
from ui.views.search import SearchController, SearchResultsView
from ui.workers.tasks import TaskRunner

from ui_fixtures import Filled, QueuedRunner


def _controller(qtbot: Any, store: Store, runner: TaskRunner) -> SearchController:
    box = QLineEdit()
    results = SearchResultsView()
    qtbot.addWidget(box)
    qtbot.addWidget(results)
    return SearchController(store, box, results, runner=runner)


def test_search_runs_in_a_worker_thread(qtbot: Any, filled: Filled,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    store = filled.store
    threads: list[str] = []
    real = store.search

    class Spy:
        def __call__(self, text: str, **kw: Any) -> list[MessageSummary]:
            threads.append(threading.current_thread().name)
            return real(text, **kw)

    monkeypatch.setattr(store, "search", Spy())
    runner = TaskRunner(store.close_thread_connection)
    search = _controller(qtbot, store, runner)
    search.box.setText("Einladung")
    with qtbot.waitSignal(search.searched, timeout=10_000) as blocker:
        search.run_now()
        assert "Searching" in search.results.summary.text()
    assert blocker.args == ["Einladung", 1]
    assert threads and threads[0] != threading.main_thread().name
    assert search.results.model.summary_at(0).id == filled.thread[2]
    runner.wait()


def test_stale_results_are_dropped(qtbot: Any, filled: Filled) -> None:
    runner = QueuedRunner()
    search = _controller(qtbot, filled.store, runner)
    shown: list[tuple[str, int]] = []
    search.searched.connect(lambda text, n: shown.append((text, n)))
    search.box.setText("Einladung")
    search.run_now()
    search.box.setText("Aufforderung")  # the user kept typing
    search.run_now()
    runner.deliver(1)
    runner.deliver(0)  # the older search answers last: ignored
    expected = len(filled.store.search("Aufforderung", limit=100))
    assert shown == [("Aufforderung", expected)]
    subjects = {search.results.model.summary_at(r).subject
                for r in range(search.results.model.rowCount())}
    assert "Einladung" not in subjects and "AW: Aufforderung" in subjects

    search.box.setText("Einladung")
    search.run_now()
    search.box.setText("Einladung ")  # typing again while the search runs
    runner.deliver(2)
    assert shown == [("Aufforderung", expected)]
    assert search.timer.isActive()  # the new text will be searched after the pause


def test_lock_drops_a_running_search(qtbot: Any, window: MainWindow) -> None:
    runner = QueuedRunner()
    window.search._runner = runner
    window.search_box.setText("Einladung")
    window.search.run_now()
    window.lock()
    runner.deliver(0)
    assert window.results.model.rowCount() == 0
    assert not window.search.timer.isActive()


def test_empty_text_clears_without_a_worker(qtbot: Any, filled: Filled) -> None:
    runner = QueuedRunner()
    search = _controller(qtbot, filled.store, runner)
    with qtbot.waitSignal(search.searched) as blocker:
        search.run_now()
    assert blocker.args == ["", 0] and runner.jobs == []
    assert "Type in the search box" in search.results.summary.text()
