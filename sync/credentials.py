"""Where an account's password lives: the OS keyring, else inside the encrypted store.

CalDAV calendars follow the same rule under service ``helperdesk-caldav``.

Keyring entries use service ``helperdesk-imap`` and user ``<account>@<store id>``
so two stores on one computer never share or overwrite each other's entries.
There is no plaintext fallback.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from storage import secrets

if TYPE_CHECKING:
    from storage.accounts import Account
    from storage.calendars import CalendarAccount
    from storage.store import Store


def keyring_user(store: Store, account_name: str) -> str:
    return f"{account_name}@{store.store_id}"


def save_password(store: Store, account: Account, password: str) -> str:
    """Store the password; return where it went: ``"keyring"`` or ``"store"``."""
    assert account.id is not None
    try:
        secrets.put(secrets.IMAP_SERVICE, keyring_user(store, account.name), password)
    except secrets.KeyringUnavailable:
        store.accounts.set_stored_password(account.id, password)
        return "store"
    # A password kept in the store earlier (no keyring then) must not linger.
    store.accounts.set_stored_password(account.id, None)
    return "keyring"


def load_password(store: Store, account: Account) -> str | None:
    assert account.id is not None
    found = secrets.get(secrets.IMAP_SERVICE, keyring_user(store, account.name))
    if found is not None:
        return found
    return store.accounts.stored_password(account.id)


def forget_password(store: Store, account: Account) -> None:
    """Remove the keyring entry (the store copy goes with the account row)."""
    secrets.delete(secrets.IMAP_SERVICE, keyring_user(store, account.name))
    if account.id is not None:
        store.accounts.set_stored_password(account.id, None)


# -- CalDAV calendars: the same rule, their own keyring service ----------------------


def calendar_keyring_user(store: Store, calendar_name: str) -> str:
    return f"{calendar_name}@{store.store_id}"


def save_calendar_password(store: Store, calendar: CalendarAccount, password: str) -> str:
    """Store a calendar's password; return ``"keyring"`` or ``"store"``."""
    assert calendar.id is not None
    try:
        secrets.put(secrets.CALDAV_SERVICE, calendar_keyring_user(store, calendar.name),
                    password)
    except secrets.KeyringUnavailable:
        store.calendars.set_stored_password(calendar.id, password)
        return "store"
    store.calendars.set_stored_password(calendar.id, None)
    return "keyring"


def load_calendar_password(store: Store, calendar: CalendarAccount) -> str | None:
    assert calendar.id is not None
    found = secrets.get(secrets.CALDAV_SERVICE, calendar_keyring_user(store, calendar.name))
    if found is not None:
        return found
    return store.calendars.stored_password(calendar.id)


def forget_calendar_password(store: Store, calendar: CalendarAccount) -> None:
    secrets.delete(secrets.CALDAV_SERVICE, calendar_keyring_user(store, calendar.name))
    if calendar.id is not None:
        store.calendars.set_stored_password(calendar.id, None)
