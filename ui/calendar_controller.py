"""Calendars in the app: File → Export calendar…, Edit → Calendars…, and keeping
CalDAV calendars up to date after every change to a deadline, off the GUI thread.

Changes come in bursts (done, dismiss, accept …): a push starts a few seconds
after the last one, never two at a time, and a failure is one line in the
window's message strip. The use cases are ``helperdesk.app.calendar_export``
and ``helperdesk.app.calendar_push``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QWidget

from helperdesk.app.calendar_export import ExportResult, export_ics
from helperdesk.app.calendar_push import PushReport, push
from i18n import _
from storage.store import Store
from ui.dialogs.calendar.calendars_dialog import CalendarsDialog
from ui.dialogs.calendar.export_dialog import ExportCalendarDialog
from ui.workers.tasks import TaskRunner, user_message

PUSH_DELAY_MS = 3000
# Follow-ups move on with the calendar and the command line changes deadlines
# too: besides after each change in the app, push at start and now and then.
PERIODIC_PUSH_MS = 30 * 60_000


class CalendarController(QObject):
    status = Signal(str)  # a short note for the status bar
    problem = Signal(str)  # one line for the message strip

    def __init__(self, store: Store, runner: TaskRunner, parent: QWidget) -> None:
        super().__init__(parent)
        self._store = store
        self._runner = runner
        self._window = parent
        self._pushing = False
        self._again = False
        self.push_timer = QTimer(self)
        self.push_timer.setSingleShot(True)
        self.push_timer.setInterval(PUSH_DELAY_MS)
        self.push_timer.timeout.connect(self.push_now)
        self.periodic = QTimer(self)
        self.periodic.setInterval(PERIODIC_PUSH_MS)
        self.periodic.timeout.connect(self.push_now)
        self.periodic.start()
        self.push_timer.start()  # once at start

    # -- export ----------------------------------------------------------------

    def export_calendar(
        self, dialog: ExportCalendarDialog | None = None, path: Path | None = None
    ) -> None:
        """Options, then where to write, then the export off the GUI thread."""
        dialog = dialog or ExportCalendarDialog(self._window)
        if dialog.exec() != ExportCalendarDialog.DialogCode.Accepted:
            return
        path = path or dialog.ask_path()
        if path is None:
            return
        store, options = self._store, dialog.options()
        suggested = dialog.include_suggested.isChecked()
        self._runner.run(
            lambda: export_ics(store, path, include_suggested=suggested, options=options),
            self._exported, self._failed(_("The calendar was not exported: {reason}")))

    def _exported(self, result: object) -> None:
        assert isinstance(result, ExportResult)
        self.status.emit(_("{n} deadlines written to {path}.").format(
            n=result.events, path=result.path.name))

    def _failed(self, template: str) -> Callable[[BaseException], None]:
        def report(exc: BaseException) -> None:
            if isinstance(exc, OSError):
                text = _("The file could not be written.")
            elif isinstance(exc, ValueError):  # a sentence of ours: missing folder, alarms
                text = str(exc)
            else:
                text = user_message(exc)
            self.problem.emit(template.format(reason=text))
        return report

    # -- CalDAV ----------------------------------------------------------------

    def show_calendars(self, dialog: CalendarsDialog | None = None) -> None:
        dialog = dialog or CalendarsDialog(self._store, self._window)
        dialog.exec()
        self.deadlines_changed()

    def stop(self) -> None:
        """No more pushes (the window closes; the store is about to close)."""
        self.push_timer.stop()
        self.periodic.stop()

    def deadlines_changed(self) -> None:
        """Call after any change to a deadline: a push follows shortly (if calendars exist)."""
        self.push_timer.start()

    def push_now(self) -> None:
        if self._pushing:
            self._again = True
            return
        store = self._store
        if not store.calendars.list_all():
            return
        self._pushing = True
        self._runner.run(lambda: push(store), self._pushed, self._push_failed)

    def _pushed(self, report: object) -> None:
        assert isinstance(report, PushReport)
        self._done()
        for r in report.results:
            if r.error:
                self.problem.emit(_("Calendar {name}: {reason}").format(
                    name=r.calendar, reason=r.error))
        changed = sum(r.created + r.updated + r.deleted for r in report.results)
        if report.ok and changed:
            self.status.emit(_("Calendars updated ({n} changes).").format(n=changed))

    def _push_failed(self, exc: BaseException) -> None:
        self._done()
        self.problem.emit(_("The calendars were not updated: {reason}").format(
            reason=user_message(exc)))

    def _done(self) -> None:
        self._pushing = False
        if self._again:
            self._again = False
            self.push_timer.start()
