"""The main window: households on the left, Due soon / Unfiled / Waits for an answer /
a household / search.

It wires the pages together, owns the background workers (sync, paper
import), the reminder service and locking. All household data lives in the
item models of the pages; ``lock()`` clears them and hides the content.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QByteArray, QItemSelectionModel, QModelIndex, QSettings, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent
from PySide6.QtWidgets import (
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from helperdesk.app.ingest import import_files
from helperdesk.reminders import ReminderId
from i18n import _
from storage.messages import MessageSummary
from storage.store import Store
from ui.calendar_controller import CalendarController
from ui.dialogs.accounts.account_dialog import AccountDialog
from ui.dialogs.accounts.accounts_dialog import AccountsDialog
from ui.dialogs.agencies.agencies_dialog import AgenciesDialog
from ui.dialogs.agencies.agency_dialog import AgencyDialog
from ui.dialogs.compose.compose_dialog import ComposeDialog, open_reply
from ui.dialogs.households.household_dialog import HouseholdDialog
from ui.dialogs.importing import ImportController
from ui.dialogs.unlock.lock import (
    DEFAULT_LOCK_MINUTES,
    LOCK_MINUTES_KEY,
    IdleWatcher,
    LockScreen,
)
from ui.main_menu import build_actions
from ui.models.households import HouseholdModel
from ui.reminders import ReminderService
from ui.views.attention import AttentionView
from ui.views.due_soon import DueSoonView
from ui.views.household import HouseholdView
from ui.views.search import SearchController, SearchResultsView
from ui.views.unfiled import UnfiledView
from ui.views.waiting import WaitingView
from ui.widgets.announce import announce
from ui.widgets.banner import MessageStrip, ReminderBanner
from ui.widgets.household_list import HouseholdList
from ui.widgets.sync_status import SyncStatus
from ui.workers.store_watcher import StoreWatcher
from ui.workers.sync_adapter import make_sync_job
from ui.workers.tasks import SyncManager, TaskRunner, user_message

log = logging.getLogger(__name__)

SYNC_INTERVAL_MS = 15 * 60_000
NAV_DUE, NAV_UNFILED, NAV_WAITING, NAV_ATTENTION = range(4)


class MainWindow(QMainWindow):
    lock_action: QAction  # made by build_actions
    sync_action: QAction
    def __init__(
        self, store: Store, *, demo: bool = False, synchronous_tasks: bool = False
    ) -> None:
        super().__init__()
        self.store = store
        self.demo = demo
        self.locked = False
        self._switching = False
        self.setWindowTitle(_("HelperDesk – Demo") if demo else _("HelperDesk"))
        self.runner = TaskRunner(store.close_thread_connection,
                                 synchronous=synchronous_tasks, parent=self)
        self.sync = SyncManager(store.close_thread_connection, parent=self)
        self.calendars = CalendarController(store, self.runner, self)

        # -- pages ---------------------------------------------------------
        self.due = DueSoonView(store, self)
        self.unfiled = UnfiledView(store, self)
        self.waiting = WaitingView(store, self.runner, self)
        self.household = HouseholdView(store, self)
        self.results = SearchResultsView(self)
        self.attention = AttentionView(store, self.runner, self)
        self.compose: ComposeDialog | None = None
        self.pages = QStackedWidget(self)
        for page in (self.due, self.unfiled, self.waiting, self.household, self.results,
                     self.attention):
            self.pages.addWidget(page)

        # -- sidebar -------------------------------------------------------
        self.nav = QListWidget(self)
        self.nav.setAccessibleName(_("Overview"))
        self.nav.addItem(QListWidgetItem(_("Due soon")))
        self.nav.addItem(QListWidgetItem(_("Unfiled")))
        self.nav.addItem(QListWidgetItem(_("Waits for an answer")))
        self.nav.addItem(QListWidgetItem(_("Needs attention")))
        self.nav.setMaximumHeight(self.nav.sizeHintForRow(0) * self.nav.count()
                                  + 8 * self.nav.frameWidth())
        self.households_model = HouseholdModel(store, self)
        self.households = HouseholdList(self.households_model, self)
        self.new_household_button = QPushButton(_("&New household…"), self)
        self.new_household_button.clicked.connect(lambda: self.new_household(None))
        sidebar = QWidget(self)
        side = QVBoxLayout(sidebar)
        side.setContentsMargins(0, 0, 0, 0)
        side.addWidget(self.nav)
        households_label = QLabel(_("<b>&Households</b>"), sidebar)
        households_label.setBuddy(self.households)
        side.addWidget(households_label)
        side.addWidget(self.households, 1)
        side.addWidget(self.new_household_button)

        # -- content, banners, lock ----------------------------------------
        self.reminder_banner = ReminderBanner(self)
        self.errors = MessageStrip(self)
        split = QSplitter(Qt.Orientation.Horizontal, self)
        split.addWidget(sidebar)
        split.addWidget(self.pages)
        split.setStretchFactor(0, 0)
        split.setStretchFactor(1, 1)
        split.setSizes([300, 1100])
        self.content = QWidget(self)
        content = QVBoxLayout(self.content)
        content.setContentsMargins(6, 6, 6, 6)
        content.addWidget(self.reminder_banner)
        content.addWidget(self.errors)
        content.addWidget(split, 1)
        # Unlock derives the key again (Lock forgot it); checked against the file only.
        self.lock_screen = LockScreen(store.unlock, demo=demo, parent=self)
        self.lock_screen.unlocked.connect(self.unlock)
        self.central = QStackedWidget(self)
        self.central.addWidget(self.content)
        self.central.addWidget(self.lock_screen)
        self.setCentralWidget(self.central)

        # -- toolbar, menus, status bar -------------------------------------
        self.search_box = QLineEdit(self)
        self.search_box.setAccessibleName(_("Search all households"))
        self.search_box.setPlaceholderText(_("Search all households… (Ctrl+F)"))
        self.search_box.setClearButtonEnabled(True)
        self.search = SearchController(store, self.search_box, self.results, self,
                                       runner=self.runner)
        self.search.searched.connect(self._on_searched)
        self.importer = ImportController(store, self, synchronous=synchronous_tasks,
                                         current_household=lambda: self.household.household_id)
        self.importer.imported.connect(self.refresh_counts)
        self.importer.status.connect(lambda t: self.statusBar().showMessage(t, 6000))
        self._build_actions()
        self.sync_status = SyncStatus(self)
        self.statusBar().addPermanentWidget(self.sync_status)

        # -- signals --------------------------------------------------------
        self.nav.currentRowChanged.connect(self._on_nav)
        self.households.selectionModel().currentRowChanged.connect(self._on_household)
        self.households.pdfs_dropped.connect(self.importer.import_into)
        self.due.changed.connect(self.refresh_counts)
        self.due.changed.connect(self.calendars.deadlines_changed)
        self.due.open_message.connect(self.open_message_id)
        self.waiting.open_message.connect(self.open_message_id)
        self.waiting.loaded.connect(lambda _n: self._update_nav())
        self.unfiled.filed.connect(lambda _r: self.refresh_counts())
        self.household.status_message.connect(lambda t: self.statusBar().showMessage(t, 4000))
        self.statusBar().messageChanged.connect(lambda t: announce(self, t))  # screen readers
        self.household.reader.deadline_accepted.connect(lambda _i: self.refresh_counts())
        self.unfiled.reader.deadline_accepted.connect(lambda _i: self.refresh_counts())
        for reader in (self.household.reader, self.unfiled.reader):
            reader.deadline_accepted.connect(lambda _i: self.calendars.deadlines_changed())
        self.calendars.status.connect(lambda t: self.statusBar().showMessage(t, 6000))
        self.calendars.problem.connect(self.errors.show_message)
        self.results.open_message.connect(self.open_message)
        self.attention.open_message.connect(self.open_message_id)
        for source in (self.attention, self.household.reader, self.unfiled.reader):
            source.reply_requested.connect(self.reply_to)
        self.sync.started.connect(self.sync_status.started)
        self.sync.progress.connect(self.sync_status.advanced)
        self.sync.finished.connect(self._on_sync_finished)
        self.sync.failed.connect(self._on_sync_failed)
        self.sync.idle.connect(self.sync_status.idle)

        self.reminders = ReminderService(store, self.windowIcon(), self)
        self.reminders.changed.connect(self.reminder_banner.set_reminders)
        self.reminder_banner.snooze.connect(lambda i: self.reminders.snooze(i, 1))
        self.reminder_banner.done.connect(self._reminder_done)
        self.reminder_banner.show_all.connect(lambda: self.nav.setCurrentRow(NAV_DUE))
        self.reminder_banner.open_letter.connect(self.open_message_id)

        minutes = float(store.settings.get(LOCK_MINUTES_KEY, DEFAULT_LOCK_MINUTES))
        self.idle = IdleWatcher(minutes, self)
        self.watcher = StoreWatcher(store, self)
        self.watcher.changed.connect(self.refresh_counts)
        self.watcher.start()
        self.idle.idle.connect(self.lock)
        self.sync_timer = QTimer(self)
        self.sync_timer.setInterval(SYNC_INTERVAL_MS)
        self.sync_timer.timeout.connect(lambda: self.sync_all(quiet=True))
        self.sync_timer.start()

        self._restore_geometry()
        self.load_all()
        self.nav.setCurrentRow(NAV_DUE)
        self.importer.read_backlog()  # letters stored as "needs OCR", e.g. before an upgrade

    # -- building -----------------------------------------------------------

    def _build_actions(self) -> None:
        self._actions = build_actions(self)

    def _restore_geometry(self) -> None:
        # Window geometry is not personal, so it may live in QSettings.
        geometry = QSettings().value("mainwindow/geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        else:
            self.resize(1280, 800)

    # -- data -----------------------------------------------------------------

    def load_all(self) -> None:
        self.households_model.reload()
        self.due.reload()
        if self.pages.currentWidget() is self.unfiled:
            self.unfiled.reload()
        self.waiting.reload()
        self._update_nav()
        self.reminders.check()

    def refresh_counts(self) -> None:
        """Re-read counts and lists after a change, keeping the current selection."""
        hid = self.household.household_id
        self.households_model.reload()
        if hid is not None:
            row = self.households_model.row_of(hid)
            if row >= 0:
                self.households.selectionModel().blockSignals(True)
                self.households.selectRow(row)
                self.households.selectionModel().blockSignals(False)
            self.household.reload()
        self.due.reload()
        if self.pages.currentWidget() is self.unfiled:
            self.unfiled.reload()
        self.waiting.reload()
        self._update_nav()
        self.reminders.check()

    def _update_nav(self) -> None:
        if self.locked or self.store.locked:
            return  # a background result after locking or closing: nothing to read
        due_item, unfiled_item = self.nav.item(NAV_DUE), self.nav.item(NAV_UNFILED)
        self.nav.item(NAV_WAITING).setText(
            _("Waits for an answer ({n})").format(n=self.waiting.count()))
        due_n, overdue = self.due.model.rowCount(), self.due.model.overdue_count()
        due_item.setText(_("Due soon ({n}, {o} overdue)").format(n=due_n, o=overdue)
                         if overdue else _("Due soon ({n})").format(n=due_n))
        unfiled_item.setText(_("Unfiled ({n})").format(n=self.unfiled.count()))

    # -- navigation -------------------------------------------------------------

    def _on_nav(self, row: int) -> None:
        if row < 0 or self._switching:
            return
        self.households.selectionModel().clearSelection()
        self.households.setCurrentIndex(QModelIndex())
        if row == NAV_UNFILED:
            self.unfiled.reload()
        if row == NAV_ATTENTION:
            self.attention.reload()
        page = {NAV_DUE: self.due, NAV_UNFILED: self.unfiled, NAV_WAITING: self.waiting,
                NAV_ATTENTION: self.attention}[row]
        self._switching = True
        try:
            self.pages.setCurrentWidget(page)
        finally:
            self._switching = False

    def _on_household(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid() or self._switching:
            return
        row = self.households_model.household_at(current.row())
        self.household.show_household(row.id, row.name)
        self._show_page(self.household)

    def _show_page(self, page: QWidget) -> None:
        # Hiding the old page moves keyboard focus; landing on the overview list
        # would make it pick "Due soon" and switch pages in the middle of this.
        self._switching = True
        try:
            self.pages.setCurrentWidget(page)
            self.nav.blockSignals(True)
            self.nav.setCurrentRow(-1)
            self.nav.blockSignals(False)
        finally:
            self._switching = False

    def select_household(self, household_id: int) -> None:
        row = self.households_model.row_of(household_id)
        if row >= 0:
            self.households.selectionModel().setCurrentIndex(
                self.households_model.index(row, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows)

    def _focus_search(self) -> None:
        self.search_box.setFocus()
        self.search_box.selectAll()

    def _on_searched(self, text: str, _count: int) -> None:
        if text:
            self._show_page(self.results)

    def open_message(self, summary: MessageSummary) -> None:
        """Open a mail where it lives: its household and case (or Unfiled)."""
        if summary.household_id is None:
            self.nav.setCurrentRow(NAV_UNFILED)
            row = self.unfiled.model.row_of(summary.id)
            if row >= 0:
                self.unfiled.table.selectRow(row)
            else:
                self.unfiled.reader.show_message(summary.id)
            return
        self.select_household(summary.household_id)
        self.household.select_case(summary.case_id)
        self.household.select_message(summary.id)

    def open_message_id(self, message_id: int) -> None:
        msg = self.store.messages.get(message_id)
        assert msg.id is not None
        self.open_message(MessageSummary(
            id=msg.id, message_id=msg.message_id, subject=msg.subject, date=msg.date,
            from_addr=msg.from_addr, direction=msg.direction, source=msg.source,
            household_id=msg.household_id, household=None, case_id=msg.case_id, case=None))

    # -- editing --------------------------------------------------------------------

    def new_household(self, dialog: HouseholdDialog | None) -> None:
        dialog = dialog or HouseholdDialog(self.store, None, self)
        if dialog.exec() == HouseholdDialog.DialogCode.Accepted and dialog.saved is not None:
            self.households_model.reload()
            assert dialog.saved.id is not None
            self.select_household(dialog.saved.id)

    def edit_household(self) -> None:
        hid = self.household.household_id
        if hid is None:
            QMessageBox.information(self, _("Edit household"),
                                    _("Select a household first."))
            return
        dialog = HouseholdDialog(self.store, self.store.households.get(hid), self)
        if dialog.exec() == HouseholdDialog.DialogCode.Accepted:
            self.refresh_counts()

    def new_agency(self) -> None:
        AgencyDialog(self.store, None, self).exec()

    def show_agencies(self, dialog: AgenciesDialog | None = None) -> None:
        dialog = dialog or AgenciesDialog(self.store, self)
        dialog.exec()
        self.refresh_counts()  # case lists show agency names

    def new_account(self) -> None:
        dialog = AccountDialog(self.store, self.runner, self)
        if dialog.exec() == AccountDialog.DialogCode.Accepted:
            self.statusBar().showMessage(_("Mail account added."), 4000)

    def show_accounts(self, dialog: AccountsDialog | None = None) -> None:
        dialog = dialog or AccountsDialog(self.store, self.runner, self,
                                          is_busy=self.sync.is_busy)
        dialog.exec()

    def add_paper(self, household_id: int, paths: list[Path]) -> None:
        store = self.store
        self.statusBar().showMessage(_("Adding the letter…"))
        self.runner.run(lambda: import_files(store, paths, household_id=household_id).new,
                        self._paper_added, self._paper_failed)

    def _paper_added(self, added: object) -> None:
        self.statusBar().showMessage(_("{n} letters added.").format(n=added), 5000)
        self.refresh_counts()

    def _paper_failed(self, exc: BaseException) -> None:
        self.statusBar().clearMessage()
        text = _("The file could not be read.") if isinstance(exc, OSError) \
            else user_message(exc)
        self.errors.show_message(_("The letter was not added: {reason}").format(
            reason=text))

    def _reminder_done(self, deadline_id: ReminderId) -> None:
        self.reminders.done(deadline_id)
        self.refresh_counts()
        self.calendars.deadlines_changed()

    # -- sync -------------------------------------------------------------------------

    def sync_all(self, *, quiet: bool) -> None:
        if self.locked:
            return
        accounts = self.store.accounts.list_all()
        if not accounts:
            if not quiet:
                self.statusBar().showMessage(
                    _("No mail account yet: add one under Edit → Add mail account."), 6000)
            return
        for account in accounts:
            self.sync.submit(account.name, make_sync_job(self.store, account.name), retries=1)

    def _on_sync_finished(self, account: str, _result: object) -> None:
        self.statusBar().showMessage(_("Mail fetched ({account}).").format(
            account=account), 5000)
        if not self.locked:
            self.refresh_counts()

    def _on_sync_failed(self, account: str, message: str) -> None:
        self.errors.show_message(_("Fetching mail for {account} failed: {message}")
                                 .format(account=account, message=message))

    def reply_to(self, message_id: int) -> None:
        self.compose = open_reply(self.store, message_id, self.runner, self,
                                  self.errors.show_message)
        if self.compose is not None:
            self.compose.sent.connect(lambda _outcome: self.refresh_counts())

    # -- locking --------------------------------------------------------------------------

    def lock(self) -> None:
        if self.locked:
            return
        self.locked = True
        self.idle.pause()
        # Detach every view from household data, not only hide it.
        self.search_box.clear()
        self.search.cancel()
        for view in (self.due, self.unfiled, self.waiting, self.household, self.results,
                     self.attention):
            view.clear()
        if self.compose is not None:  # a half-written reply holds household data
            self.compose.reject()
        self.households_model.clear()
        self.reminder_banner.set_reminders([])
        self.reminders.set_store(None)
        self.watcher.stop()
        self.errors.hide()
        self.content.hide()
        self.search_box.setEnabled(False)
        for action in self._actions:
            action.setEnabled(action is self.lock_action)
        self.central.setCurrentWidget(self.lock_screen)
        self.lock_screen.reset()
        if not self.demo:  # the demo's throwaway store has no passphrase to ask for
            self.store.lock()  # every connection closed, the key overwritten

    def unlock(self) -> None:
        if not self.locked:
            return
        self.locked = False
        self.central.setCurrentWidget(self.content)
        self.content.show()
        self.search_box.setEnabled(True)
        for action in self._actions:
            action.setEnabled(True)
        self.reminders.set_store(self.store)
        self.watcher.start(self.store)
        self.load_all()
        self.nav.setCurrentRow(-1)
        self.nav.setCurrentRow(NAV_DUE)
        self.idle.resume()
        self.importer.read_backlog()

    # -- closing ------------------------------------------------------------------------------

    def shutdown(self, wait_ms: int = 10_000) -> bool:
        """Stop background work before the store closes; True when all of it has ended."""
        self.hide()  # the person sees Quit take effect at once
        self.sync_timer.stop()
        self.watcher.stop()
        self.calendars.stop()
        self.idle.detach()
        self.waiting.stop()  # ask every job to stop first, then wait for them
        self.importer.shutdown()
        stopped = self.sync.shutdown(wait_ms)
        stopped = self.runner.wait(wait_ms) and stopped
        if self.reminders.tray is not None:
            self.reminders.tray.hide()
        return stopped

    def closeEvent(self, event: QCloseEvent) -> None:
        QSettings().setValue("mainwindow/geometry", self.saveGeometry())
        self.shutdown()
        super().closeEvent(event)
