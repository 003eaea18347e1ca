"""Where an account's password lives: the OS keyring, else inside the encrypted store.

CalDAV calendars follow the same rule under service ``helperdesk-caldav``.

Keyring entries use service ``helperdesk-imap`` and user ``<account>@<store id>``
so two stores on one computer never share or overwrite each other's entries.
There is no plaintext fallback.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from storage import secrets

if TYPE_CHECKING:
    from storage.accounts import Account
    from storage.calendars import CalendarAccount
    from storage.store import Store


def keyring_user(store: Store, account_name: str) -> str:
    return f"{account_name}@{store.store_id}"


class _PasswordRows(Protocol):
    """The repository that keeps a password inside the store when no keyring is usable."""

    def set_stored_password(self, row_id: int, password: str | None) -> None: ...
    def stored_password(self, row_id: int) -> str | None: ...


def _save(service: str, user: str, rows: _PasswordRows, row_id: int, password: str) -> str:
    try:
        secrets.put(service, user, password)
    except secrets.KeyringUnavailable:
        rows.set_stored_password(row_id, password)
        return "store"
    # A password kept in the store earlier (no keyring then) must not linger.
    rows.set_stored_password(row_id, None)
    return "keyring"


def _load(service: str, user: str, rows: _PasswordRows, row_id: int) -> str | None:
    found = secrets.get(service, user)
    return found if found is not None else rows.stored_password(row_id)


def _forget(service: str, user: str, rows: _PasswordRows, row_id: int | None) -> None:
    secrets.delete(service, user)
    if row_id is not None:
        rows.set_stored_password(row_id, None)


def save_password(store: Store, account: Account, password: str) -> str:
    """Store the password; return where it went: ``"keyring"`` or ``"store"``."""
    assert account.id is not None
    return _save(secrets.IMAP_SERVICE, keyring_user(store, account.name), store.accounts,
                 account.id, password)


def load_password(store: Store, account: Account) -> str | None:
    assert account.id is not None
    return _load(secrets.IMAP_SERVICE, keyring_user(store, account.name), store.accounts,
                 account.id)


def forget_password(store: Store, account: Account) -> None:
    """Remove the keyring entry (the store copy goes with the account row)."""
    _forget(secrets.IMAP_SERVICE, keyring_user(store, account.name), store.accounts,
            account.id)


# -- CalDAV calendars: the same rule, their own keyring service ----------------------


def save_calendar_password(store: Store, calendar: CalendarAccount, password: str) -> str:
    """Store a calendar's password; return ``"keyring"`` or ``"store"``."""
    assert calendar.id is not None
    return _save(secrets.CALDAV_SERVICE, keyring_user(store, calendar.name), store.calendars,
                 calendar.id, password)


def load_calendar_password(store: Store, calendar: CalendarAccount) -> str | None:
    assert calendar.id is not None
    return _load(secrets.CALDAV_SERVICE, keyring_user(store, calendar.name), store.calendars,
                 calendar.id)


def forget_calendar_password(store: Store, calendar: CalendarAccount) -> None:
    _forget(secrets.CALDAV_SERVICE, keyring_user(store, calendar.name), store.calendars,
            calendar.id)
