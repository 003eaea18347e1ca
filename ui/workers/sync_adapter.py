"""The UI's small door into ``sync``: presets, passwords, login test, sync jobs.

Keeps the dialogs and the main window free of sync details; everything here
delegates to ``sync`` and returns one-line, translatable results.
"""

from __future__ import annotations

import threading

from helperdesk.app.mail_sync import sync_account
from i18n import _
from storage.accounts import Account
from storage.store import Store
from sync import credentials, providers
from sync.connection import check_login
from sync.providers import Preset
from ui.workers.tasks import ProgressFn, SyncFn

__all__ = [
    "Preset",
    "check_connection",
    "forget_password",
    "has_password",
    "load_password",
    "make_sync_job",
    "preset_for",
    "save_password",
]


def preset_for(address: str) -> Preset | None:
    """Server settings for a mail address of a known provider."""
    return providers.preset_for_address(address)


def save_password(store: Store, account: Account, password: str) -> str:
    """Keep the password in the keyring, else inside the encrypted store; say which."""
    return credentials.save_password(store, account, password)


def load_password(store: Store, account: Account) -> str | None:
    """The account's password from the keyring or the store (for a login test)."""
    return credentials.load_password(store, account)


def has_password(store: Store, account: Account) -> bool:
    """Whether a password is kept for the account (the password itself is not kept here)."""
    return credentials.load_password(store, account) is not None


def forget_password(store: Store, account: Account) -> None:
    """Remove the account's keyring entry and any copy inside the store."""
    credentials.forget_password(store, account)


def make_sync_job(store: Store, account_name: str) -> SyncFn:
    """A callable for SyncManager that syncs one account off the GUI thread."""

    def job(progress: ProgressFn, cancel: threading.Event) -> object:
        return sync_account(store, account_name, progress=progress, cancel=cancel)

    return job


def check_connection(account: Account, password: str) -> str:
    """Try to log in; return a one-line result or raise the engine's SyncError."""
    folders = check_login(account, password)
    return _("Connection works: the server accepted the login ({count} folders)."
    ).format(count=len(folders))
