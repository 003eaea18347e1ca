"""Deadline reminders: a tray notification and an in-app banner, with snooze and done.

The decision *which* deadlines to remind about is the pure function in
``helperdesk.reminders.rules``; this module feeds it from the store, remembers what was
already shown (inside the encrypted store) and shows it.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QSystemTrayIcon

from helperdesk.app import deadlines as deadline_uc
from helperdesk.app.deadlines import past_when_imported
from helperdesk.app.followups import dismiss_follow_up, follow_ups
from helperdesk.model import DeadlineStatus
from helperdesk.reminders.rules import (
    DueItem,
    Reminder,
    ReminderId,
    banner_reminders,
    due_reminders,
)
from i18n import _, format_day
from storage.deadlines import DeadlineView
from storage.store import Store
from ui.models.deadlines import kind_label

NOTIFIED_KEY = "reminders.notified"
SNOOZED_KEY = "reminders.snoozed"
CHECK_INTERVAL_MS = 30 * 60_000


class ReminderService(QObject):
    """Checks at start and every half hour; emits what the banner should show."""

    changed = Signal(list)  # list[tuple[Reminder, DeadlineView]] currently to show

    def __init__(
        self, store: Store, icon: QIcon | None = None, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._store: Store | None = store
        self.active: list[tuple[Reminder, DeadlineView]] = []
        self.tray: QSystemTrayIcon | None = None
        if QSystemTrayIcon.isSystemTrayAvailable():
            self.tray = QSystemTrayIcon(icon or QIcon(), self)
            self.tray.setToolTip("HelperDesk")
            self.tray.show()
        self.timer = QTimer(self)
        self.timer.setInterval(CHECK_INTERVAL_MS)
        self.timer.timeout.connect(lambda: self.check(None))
        self.timer.start()

    def set_store(self, store: Store | None) -> None:
        self._store = store

    def check(self, today: dt.date | None = None) -> list[tuple[Reminder, DeadlineView]]:
        store = self._store
        if store is None:
            return []
        today = today or dt.date.today()
        until = today + dt.timedelta(days=7)
        views: dict[ReminderId, DeadlineView] = {
            v.deadline.id: v for v in store.deadlines.matching(status=DeadlineStatus.OPEN,
                                                               until=until)
            if v.deadline.id is not None}
        # Follow-ups (a Vollmacht expiring, no answer …) remind by their key.
        views.update({it.follow_up.key: it.as_view()
                      for it in follow_ups(store, today, until=until)})
        notified = {(_rid(a), int(b)) for a, b in store.settings.get(NOTIFIED_KEY, [])}
        snoozed = {_rid(k): dt.date.fromisoformat(v)
                   for k, v in store.settings.get(SNOOZED_KEY, {}).items()}
        items = [DueItem(i, v.deadline.date, past_when_imported(v.deadline))
                 for i, v in views.items()]
        new = due_reminders(today, items, notified, snoozed=snoozed)
        if new:
            notified |= {(r.deadline_id, r.window) for r in new}
            store.settings.set(NOTIFIED_KEY, sorted(notified, key=str))
            self._notify([(r, views[r.deadline_id]) for r in new])
        self.active = [(r, views[r.deadline_id])
                       for r in banner_reminders(today, items, snoozed=snoozed)]
        self.changed.emit(self.active)
        return self.active

    def _notify(self, items: list[tuple[Reminder, DeadlineView]]) -> None:
        if self.tray is None:
            return
        _first, view = items[0]
        # Names stay inside the app window; the OS notification shows no household.
        text = _("{n} deadlines need attention. The next: {kind} on {date}.").format(
            n=len(items), kind=kind_label(view.deadline.kind),
            date=format_day(view.deadline.date))
        self.tray.showMessage(_("HelperDesk – deadlines"), text)

    def snooze(
        self, deadline_id: ReminderId, days: int = 1, today: dt.date | None = None
    ) -> None:
        store = self._store
        if store is None:
            return
        until = (today or dt.date.today()) + dt.timedelta(days=days)
        snoozed = dict(store.settings.get(SNOOZED_KEY, {}))
        snoozed[str(deadline_id)] = until.isoformat()
        store.settings.set(SNOOZED_KEY, snoozed)
        self.check(today)

    def done(self, deadline_id: ReminderId, today: dt.date | None = None) -> None:
        if self._store is None:
            return
        if isinstance(deadline_id, str):
            dismiss_follow_up(self._store, deadline_id)
        else:
            deadline_uc.mark_done(self._store, deadline_id)
        self.check(today)


def _rid(value: object) -> ReminderId:
    """A reminder id read back from settings: ints stay ints (JSON keys come back as text)."""
    text = str(value)
    return int(text) if text.isdigit() else text
