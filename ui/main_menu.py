"""The main window's actions, menus and toolbar: what the helper can do, and its shortcut."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QToolBar

from i18n import _
from ui.dialogs.language.language_dialog import LanguageDialog
from ui.dialogs.summary.summary_dialog import open_summary
from ui.dialogs.unlock.lock import ask_lock_minutes

if TYPE_CHECKING:
    from ui.main_window import MainWindow


def build_actions(w: MainWindow) -> list[QAction]:
    """Create the window's actions, put them in its menus and toolbar; return them all.

    Locking disables every action but Lock, so the list is kept by the window.
    """
    # The window's module is loaded by now (it calls this); a top-level import
    # would be circular.
    from ui.main_window import NAV_DUE, NAV_UNFILED, NAV_WAITING  # noqa: PLC0415

    w.lock_action = QAction(_("&Lock"), w)
    w.lock_action.setShortcut(QKeySequence("Ctrl+L"))
    w.lock_action.triggered.connect(w.lock)
    w.sync_action = QAction(_("&Fetch mail"), w)
    # Thunderbird's "Get Messages"; F5 refreshes, as everywhere else.
    w.sync_action.setShortcut(QKeySequence("Ctrl+T"))
    w.sync_action.triggered.connect(lambda: w.sync_all(quiet=False))
    refresh = QAction(_("&Refresh"), w)
    refresh.setShortcut(QKeySequence.StandardKey.Refresh)
    refresh.triggered.connect(w.refresh_counts)
    find = QAction(_("&Search"), w)
    find.setShortcut(QKeySequence.StandardKey.Find)
    find.triggered.connect(w._focus_search)
    quit_action = QAction(_("&Quit"), w)
    quit_action.setShortcut(QKeySequence.StandardKey.Quit)
    quit_action.triggered.connect(w.close)
    due = QAction(_("&Due soon"), w)
    due.setShortcut(QKeySequence("Ctrl+1"))
    due.triggered.connect(lambda: w.nav.setCurrentRow(NAV_DUE))
    unfiled = QAction(_("&Unfiled"), w)
    unfiled.setShortcut(QKeySequence("Ctrl+2"))
    unfiled.triggered.connect(lambda: w.nav.setCurrentRow(NAV_UNFILED))
    waiting = QAction(_("&Waits for an answer"), w)
    waiting.setShortcut(QKeySequence("Ctrl+4"))
    waiting.triggered.connect(lambda: w.nav.setCurrentRow(NAV_WAITING))
    households = QAction(_("&Households list"), w)
    households.setShortcut(QKeySequence("Ctrl+3"))
    households.triggered.connect(
        lambda: w.households.setFocus(Qt.FocusReason.ShortcutFocusReason))
    new_household = QAction(_("&New household…"), w)
    new_household.setShortcut(QKeySequence.StandardKey.New)
    new_household.triggered.connect(lambda: w.new_household(None))
    edit_household = QAction(_("&Edit household…"), w)
    edit_household.triggered.connect(w.edit_household)
    print_summary = QAction(_("&Print summary…"), w)
    print_summary.setShortcut(QKeySequence.StandardKey.Print)
    print_summary.triggered.connect(
        lambda: open_summary(w.store, w.household.household_id, w))
    new_agency = QAction(_("New &agency…"), w)
    new_agency.triggered.connect(w.new_agency)
    agencies = QAction(_("A&gencies…"), w)
    agencies.triggered.connect(lambda: w.show_agencies(None))
    new_account = QAction(_("Add &mail account…"), w)
    new_account.triggered.connect(w.new_account)
    accounts = QAction(_("Mail a&ccounts…"), w)
    accounts.triggered.connect(lambda: w.show_accounts(None))
    export_calendar = QAction(_("&Export calendar…"), w)
    export_calendar.triggered.connect(lambda: w.calendars.export_calendar(None))
    calendars = QAction(_("Ca&lendars…"), w)
    calendars.triggered.connect(lambda: w.calendars.show_calendars(None))
    lock_after = QAction(_("Lock &after…"), w)
    lock_after.triggered.connect(lambda: ask_lock_minutes(w, w.store, w.idle))
    language = QAction(_("&Language…"), w)
    language.triggered.connect(lambda: LanguageDialog(w).exec())

    bar = w.menuBar()
    file_menu = bar.addMenu(_("&File"))
    for a in (w.importer.files_action, w.importer.folder_action, w.sync_action,
              export_calendar, w.lock_action, quit_action):
        file_menu.addAction(a)
    edit_menu = bar.addMenu(_("&Edit"))
    for a in (new_household, edit_household, print_summary, new_agency, agencies, new_account,
              accounts, calendars, lock_after, language):
        edit_menu.addAction(a)
    view_menu = bar.addMenu(_("&View"))
    for a in (due, unfiled, waiting, households, find, refresh):
        view_menu.addAction(a)
    toolbar = QToolBar(_("Main"), w)
    toolbar.setObjectName("mainToolbar")
    toolbar.setMovable(False)
    toolbar.addWidget(w.search_box)
    toolbar.addSeparator()
    toolbar.addAction(w.sync_action)
    toolbar.addAction(w.lock_action)
    w.addToolBar(toolbar)
    return [w.lock_action, w.sync_action, find, refresh, quit_action, due,
                     unfiled, waiting, households, new_household, edit_household, new_agency,
                     agencies, new_account, accounts, lock_after, language, print_summary,
                     export_calendar, calendars, w.importer.files_action,
                     w.importer.folder_action]
