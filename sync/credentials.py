"""Where an account's password lives: the OS keyring, else inside the encrypted store.

Keyring entries use service ``helperdesk-imap`` and user ``<account>@<store id>``
so two stores on one computer never share or overwrite each other's entries.
There is no plaintext fallback.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from storage import secrets

if TYPE_CHECKING:
    from storage.accounts import Account
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
