"""Mail accounts and their per-folder sync state (the IMAP sync lives in ``sync/``)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from i18n import _
from storage._rows import from_json, now_iso, to_json
from storage.connection import IntegrityError
from storage.errors import Conflict, NotFound

if TYPE_CHECKING:
    from storage.store import Store


@dataclass
class Account:
    name: str
    host: str
    port: int
    security: str  # "ssl", "starttls" or "none"
    username: str
    folders: list[str] = field(default_factory=list)  # empty: INBOX and the \Sent folder
    household_id: int | None = None
    allow_insecure: bool = False
    pin_fingerprint: str | None = None
    smtp_host: str | None = None  # None: the provider preset, else the IMAP host
    smtp_port: int | None = None
    smtp_security: str | None = None  # "ssl", "starttls" or "none"
    files_sent: bool | None = None  # the server files sent mail itself; None: the preset says
    id: int | None = None


_COLUMNS = (
    "id, name, host, port, security, username, folders, household_id, allow_insecure,"
    " pin_fingerprint, smtp_host, smtp_port, smtp_security, files_sent"
)


class Accounts:
    def __init__(self, store: Store) -> None:
        self._store = store

    def add(self, account: Account) -> Account:
        try:
            with self._store.transaction() as conn:
                cur = conn.execute(
                    "INSERT INTO accounts(name, host, port, security, username, folders,"
                    " household_id, allow_insecure, pin_fingerprint, created, smtp_host,"
                    " smtp_port, smtp_security, files_sent)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        account.name, account.host, account.port, account.security,
                        account.username, to_json(account.folders), account.household_id,
                        int(account.allow_insecure), account.pin_fingerprint, now_iso(),
                        account.smtp_host, account.smtp_port, account.smtp_security,
                        None if account.files_sent is None else int(account.files_sent),
                    ),
                )
        except IntegrityError:
            raise Conflict(_(
                "An account named {name!r} already exists.").format(
                name=account.name)) from None
        account.id = int(cur.lastrowid or 0)
        return account

    def update(self, account: Account) -> None:
        """Save an account's server settings, folders and household (not its name).

        The name is the account's key for its keyring entry and for where each
        stored mail was seen, so renaming is not supported here.
        """
        assert account.id is not None
        with self._store.transaction() as conn:
            cur = conn.execute(
                "UPDATE accounts SET host=?, port=?, security=?, username=?, folders=?,"
                " household_id=?, allow_insecure=?, pin_fingerprint=?, smtp_host=?, smtp_port=?,"
                " smtp_security=?, files_sent=? WHERE id=?",
                (
                    account.host, account.port, account.security, account.username,
                    to_json(account.folders), account.household_id,
                    int(account.allow_insecure), account.pin_fingerprint, account.smtp_host,
                    account.smtp_port, account.smtp_security,
                    None if account.files_sent is None else int(account.files_sent),
                    account.id,
                ),
            )
        if cur.rowcount == 0:
            raise NotFound(_("No mail account with id {id}.").format(id=account.id))

    def list_all(self) -> list[Account]:
        with self._store.reading() as conn:
            rows = conn.execute(f"SELECT {_COLUMNS} FROM accounts ORDER BY name").fetchall()
        return [_from_row(r) for r in rows]

    def by_name(self, name: str) -> Account:
        with self._store.reading() as conn:
            row = conn.execute(
                f"SELECT {_COLUMNS} FROM accounts WHERE name=? COLLATE NOCASE", (name,)
            ).fetchone()
        if row is None:
            raise NotFound(_(
                "No mail account named {name!r}. See 'helperdesk account list'.").format(
                name=name))
        return _from_row(row)

    def remove(self, account_id: int) -> None:
        with self._store.transaction() as conn:
            conn.execute("DELETE FROM accounts WHERE id=?", (account_id,))

    def set_stored_password(self, account_id: int, password: str | None) -> None:
        """Keep the password inside the encrypted store (only when no keyring is usable)."""
        with self._store.transaction() as conn:
            conn.execute("UPDATE accounts SET password=? WHERE id=?", (password, account_id))

    def stored_password(self, account_id: int) -> str | None:
        with self._store.reading() as conn:
            row = conn.execute("SELECT password FROM accounts WHERE id=?", (account_id,)).fetchone()
        return None if row is None or row[0] is None else str(row[0])


def _from_row(r: tuple[object, ...]) -> Account:
    return Account(
        id=int(r[0]),  # type: ignore[call-overload]
        name=str(r[1]), host=str(r[2]), port=int(r[3]),  # type: ignore[call-overload]
        security=str(r[4]), username=str(r[5]), folders=list(from_json(str(r[6]), [])),
        household_id=None if r[7] is None else int(r[7]),  # type: ignore[call-overload]
        allow_insecure=bool(r[8]),
        pin_fingerprint=None if r[9] is None else str(r[9]),
        smtp_host=None if r[10] is None else str(r[10]),
        smtp_port=None if r[11] is None else int(r[11]),  # type: ignore[call-overload]
        smtp_security=None if r[12] is None else str(r[12]),
        files_sent=None if r[13] is None else bool(r[13]),
    )
