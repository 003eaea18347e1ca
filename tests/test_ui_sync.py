"""The app's sync worker against a real Dovecot: progress arrives, the GUI keeps running."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QTimer

from helperdesk.app.sync_results import AccountResult
from helperdesk.samples.sample_data import bulk_mails
from storage.accounts import Account
from storage.store import Store
from sync.credentials import save_password
from ui.workers.sync_adapter import make_sync_job
from ui.workers.tasks import SyncManager

from dovecot_server import PASSWORD, DovecotServer


def test_sync_worker_with_real_server(qtbot: Any, store: Store, dovecot: DovecotServer) -> None:
    dovecot.add_mails(bulk_mails(600, size=4000))
    account = store.accounts.add(Account(name="familie", **dovecot.account_kwargs()))  # type: ignore[arg-type]
    save_password(store, account, PASSWORD)
    manager = SyncManager()
    ticks: list[int] = []
    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start()
    progress: list[tuple[str, str, int, int]] = []
    manager.progress.connect(lambda *args: progress.append(args))
    ticks_at_first_progress: list[int] = []
    manager.progress.connect(lambda *_: ticks_at_first_progress.append(len(ticks)))
    results: list[tuple[str, object]] = []
    manager.finished.connect(lambda *args: results.append(args))
    with qtbot.waitSignal(manager.idle, timeout=120_000):
        assert manager.submit("familie", make_sync_job(store, "familie"))
        assert manager.is_busy("familie")
        # One sync per mailbox at a time: one more may wait in the queue, no more.
        assert manager.submit("familie", make_sync_job(store, "familie"))
        assert not manager.submit("familie", make_sync_job(store, "familie"))
    timer.stop()
    assert [name for name, _ in results] == ["familie", "familie"]
    first, second = (r for _, r in results)
    assert isinstance(first, AccountResult) and first.ok
    assert isinstance(second, AccountResult) and second.ok
    assert sum(f.new for f in first.folders) == 600
    assert sum(f.new for f in second.folders) == 0  # the queued re-sync found nothing new
    assert store.messages.count() == 600
    assert progress and progress[-1][2] == progress[-1][3]  # done == total at the end
    # The event loop kept running while the worker synced: the timer ticked in between.
    assert len(ticks) > ticks_at_first_progress[0]
    manager.shutdown()
