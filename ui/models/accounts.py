"""Mail accounts for the accounts list: server, user, security, household, password kept?

Never holds a password: only whether one is kept (keyring or encrypted store).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

from i18n import _
from storage.accounts import Account
from storage.store import Store
from ui.models import ID_ROLE, OBJECT_ROLE, SORT_ROLE
from ui.models.rows import RowTableModel

_Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class AccountRow:
    account: Account
    household: str | None
    has_password: bool


def security_label(security: str) -> str:
    labels = {
        "ssl": _("SSL/TLS"),
        "starttls": _("STARTTLS"),
        "none": _("None (unencrypted)"),
    }
    return labels.get(security, security)


class AccountListModel(RowTableModel):
    NAME, SERVER, USER, SECURITY, HOUSEHOLD, PASSWORD = range(6)
    COLUMNS = 6

    def __init__(
        self, store: Store | None, has_password: Callable[[Account], bool],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._store = store
        self._has_password = has_password
        self._rows: list[AccountRow] = []

    def reload(self) -> None:
        self.beginResetModel()
        self._rows = []
        if self._store is not None:
            names = {h.id: h.name for h in self._store.households.list_all()}
            self._rows = [
                AccountRow(a, names.get(a.household_id) if a.household_id else None,
                           self._has_password(a))
                for a in self._store.accounts.list_all()
            ]
        self.endResetModel()

    def row_at(self, row: int) -> AccountRow:
        return self._rows[row]

    def row_of(self, account_id: int | None) -> int:
        return next((i for i, r in enumerate(self._rows) if r.account.id == account_id), -1)

    def _display(self, r: AccountRow, col: int) -> str:
        a = r.account
        if col == self.NAME:
            return a.name
        if col == self.SERVER:
            return f"{a.host}:{a.port}"
        if col == self.USER:
            return a.username
        if col == self.SECURITY:
            return security_label(a.security)
        if col == self.HOUSEHOLD:
            return r.household or _("(several households)")
        if col == self.PASSWORD:
            return _("kept") if r.has_password else _("missing")
        return ""

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        r = self._rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(r, col)
        if role == SORT_ROLE:
            if col == self.PASSWORD:
                return int(r.has_password)
            return self._display(r, col).casefold()
        if role == Qt.ItemDataRole.ToolTipRole and col == self.PASSWORD:
            return (_("A password is kept for this account (it is never shown).")
                    if r.has_password else
                    _("No password is kept: use “Change password…”."))
        if role == ID_ROLE:
            return r.account.id
        if role == OBJECT_ROLE:
            return r
        return None

    def headers(self) -> tuple[str, ...]:
        return (_("Name"), _("Server"), _("User name"), _("Security"),
                _("Household"), _("Password"))
