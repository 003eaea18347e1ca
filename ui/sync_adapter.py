"""The one place the UI touches ``sync``: imported lazily and guarded.

The IMAP engine and provider presets come from ``sync.engine`` and
``sync.providers``. If they are missing (an older build, or a test without
them) the app still runs: sync and "test connection" say they are not
available, and the account dialog falls back to a small built-in preset list.
"""

from __future__ import annotations

import importlib
import threading
from dataclasses import dataclass
from types import ModuleType
from typing import Any

from PySide6.QtCore import QCoreApplication

from storage import secrets
from storage.accounts import Account
from storage.store import Store
from ui.workers import ProgressFn, SyncFn


class SyncUnavailable(Exception):
    """The sync engine is not part of this build."""


@dataclass(frozen=True)
class Preset:
    name: str
    host: str
    port: int
    security: str  # "ssl", "starttls" or "none"


# Used only when sync.providers is absent; common German consumer mail providers.
BUILTIN_PRESETS: dict[str, Preset] = {
    "gmx.de": Preset("GMX", "imap.gmx.net", 993, "ssl"),
    "gmx.net": Preset("GMX", "imap.gmx.net", 993, "ssl"),
    "web.de": Preset("WEB.DE", "imap.web.de", 993, "ssl"),
    "t-online.de": Preset("Telekom", "secureimap.t-online.de", 993, "ssl"),
    "gmail.com": Preset("Gmail", "imap.gmail.com", 993, "ssl"),
    "outlook.com": Preset("Outlook", "outlook.office365.com", 993, "ssl"),
    "posteo.de": Preset("Posteo", "posteo.de", 993, "ssl"),
    "mailbox.org": Preset("mailbox.org", "imap.mailbox.org", 993, "ssl"),
}


def _module(name: str) -> ModuleType | None:
    try:
        return importlib.import_module(name)
    except ImportError:
        return None


def sync_available() -> bool:
    return _module("sync.engine") is not None


def preset_for(address: str) -> Preset | None:
    """Server settings for a mail address, from sync.providers if present."""
    domain = address.rsplit("@", 1)[-1].strip().lower()
    if not domain:
        return None
    providers = _module("sync.providers")
    lookup = None
    if providers is not None:
        lookup = next((getattr(providers, n) for n in ("lookup", "for_domain", "by_domain")
                       if callable(getattr(providers, n, None))), None)
    if lookup is not None:
        try:
            found: Any = lookup(domain)
        except Exception:
            found = None
        if found is not None:
            get = found.get if isinstance(found, dict) else lambda k, d=None: getattr(found, k, d)
            host = get("host")
            if host:
                return Preset(str(get("name", domain)), str(host), int(get("port", 993)),
                              str(get("security", "ssl")))
    return BUILTIN_PRESETS.get(domain)


def imap_user(store: Store, account_name: str) -> str:
    return f"{account_name}@{store.store_id}"


def save_password(store: Store, account: Account, password: str) -> str:
    """Keep the password in the keyring, else inside the encrypted store; say which."""
    try:
        secrets.put(secrets.IMAP_SERVICE, imap_user(store, account.name), password)
    except secrets.KeyringUnavailable:
        assert account.id is not None
        store.accounts.set_stored_password(account.id, password)
        return "store"
    return "keyring"


def make_sync_job(store: Store, account_name: str) -> SyncFn:
    """A callable for SyncManager that syncs one account with the real engine."""
    engine = _module("sync.engine")
    if engine is None:
        raise SyncUnavailable(QCoreApplication.translate(
            "sync", "Mail sync is not available in this version of HelperDesk."))

    def job(progress: ProgressFn, cancel: threading.Event) -> object:
        return engine.sync_account(store, account_name, progress=progress, cancel=cancel)

    return job


def test_connection(account: Account, password: str) -> str:
    """Try to log in; return a one-line result or raise the engine's error."""
    engine = _module("sync.engine")
    fn = None
    if engine is not None:
        fn = next((getattr(engine, n) for n in ("test_connection", "check_connection",
                                                 "check_account")
                   if callable(getattr(engine, n, None))), None)
    if fn is None:
        raise SyncUnavailable(QCoreApplication.translate(
            "sync", "Testing the connection is not available in this version of HelperDesk."))
    result = fn(account, password)
    return str(result) if result else QCoreApplication.translate(
        "sync", "Connection works: the server accepted the login.")
