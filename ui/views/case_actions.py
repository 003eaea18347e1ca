"""Actions on the household view's case list: rename, set agency, close, reopen.

A context menu (and the same actions as methods, for tests and shortcuts) over
the use cases in :mod:`helperdesk.app.cases`; the view reloads after each.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QPoint, Qt, Signal
from PySide6.QtWidgets import QInputDialog, QMenu, QTableView, QWidget

from helperdesk.app.cases import close_case, rename_case, reopen_case, set_case_agency
from helperdesk.model import Case, CaseStatus
from i18n import _
from storage.errors import StoreError
from storage.store import Store


class CaseActions(QObject):
    changed = Signal(int)  # the case id
    status_message = Signal(str)

    def __init__(
        self, table: QTableView, store: Callable[[], Store | None],
        current: Callable[[], int | None],
    ) -> None:
        super().__init__(table)
        self._table = table
        self._store = store
        self._current = current
        table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        table.customContextMenuRequested.connect(self._menu_at)

    # -- the actions ---------------------------------------------------------

    def _run(self, case_id: int, action: Callable[[Store], Case], done: str) -> bool:
        store = self._store()
        if store is None:
            return False
        try:
            case = action(store)
        except (StoreError, ValueError) as exc:
            self.status_message.emit(str(exc))
            return False
        self.status_message.emit(done.format(title=case.title))
        self.changed.emit(case_id)
        return True

    def rename(self, case_id: int, title: str) -> bool:
        return self._run(case_id, lambda s: rename_case(s, case_id, title),
                         _("Case renamed: {title}"))

    def set_agency(self, case_id: int, agency_name: str | None) -> bool:
        return self._run(case_id, lambda s: set_case_agency(s, case_id, agency_name),
                         _("Agency set for {title}"))

    def close(self, case_id: int) -> bool:
        return self._run(case_id, lambda s: close_case(s, case_id), _("Case closed: {title}"))

    def reopen(self, case_id: int) -> bool:
        return self._run(case_id, lambda s: reopen_case(s, case_id),
                         _("Case reopened: {title}"))

    # -- the menu ------------------------------------------------------------

    def menu(self, parent: QWidget | None = None) -> QMenu | None:
        """The context menu for the selected case (None on the "no case" row)."""
        store, case_id = self._store(), self._current()
        if store is None or case_id is None:
            return None
        case = store.cases.get(case_id)
        menu = QMenu(parent or self._table)
        menu.addAction(_("&Rename…"), lambda: self._ask_title(case))
        menu.addAction(_("Set &agency…"), lambda: self._ask_agency(case))
        if case.status is CaseStatus.OPEN:
            menu.addAction(_("&Close case"), lambda: self.close(case_id))
        else:
            menu.addAction(_("Re&open case"), lambda: self.reopen(case_id))
        return menu

    def _menu_at(self, pos: QPoint) -> None:
        menu = self.menu()
        if menu is not None:
            menu.exec(self._table.viewport().mapToGlobal(pos))

    def _ask_title(self, case: Case) -> None:
        title, ok = QInputDialog.getText(self._table, _("Rename case"),
                                         _("Title:"), text=case.title)
        if ok and case.id is not None:
            self.rename(case.id, title)

    def _ask_agency(self, case: Case) -> None:
        store = self._store()
        if store is None or case.id is None:
            return
        none = _("(no agency)")
        names = [none, *(a.name for a in store.agencies.list_all())]
        current = next((a.name for a in store.agencies.list_all() if a.id == case.agency_id), none)
        name, ok = QInputDialog.getItem(self._table, _("Agency of the case"),
                                        _("Agency:"), names, names.index(current), False)
        if ok:
            self.set_agency(case.id, None if name == none else name)
