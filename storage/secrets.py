"""The OS keyring behind a small interface that says whether it can be used.

Used for "remember the store passphrase on this computer" and for mail account
passwords. There is deliberately no plaintext fallback: when no usable backend
exists, callers ask the user (store passphrase) or keep the secret inside the
encrypted store (account passwords).
"""

from __future__ import annotations

from dataclasses import dataclass

import keyring
import keyring.backend
import keyring.errors

from i18n import _

STORE_SERVICE = "helperdesk"
IMAP_SERVICE = "helperdesk-imap"
CALDAV_SERVICE = "helperdesk-caldav"


@dataclass(frozen=True)
class KeyringStatus:
    usable: bool
    backend: str
    reason: str  # why it cannot be used, in words a volunteer understands


def status() -> KeyringStatus:
    try:
        backend = keyring.get_keyring()
    except Exception as exc:  # a broken keyring configuration must not stop the app
        return KeyringStatus(False, "none", _("the keyring could not be loaded ({error})").format(
            error=exc))
    name = f"{type(backend).__module__}.{type(backend).__name__}"
    # fail.Keyring and null.Keyring have priority 0 or below; chainer with no
    # members likewise. Anything positive is a real store of secrets.
    try:
        priority = float(backend.priority)
    except Exception:
        priority = 0.0
    if priority <= 0 or name.startswith(("keyring.backends.fail", "keyring.backends.null")):
        return KeyringStatus(
            False,
            name,
            _("this computer has no password store (keyring) that HelperDesk can use, "
              "so the passphrase must be typed each time"),
        )
    return KeyringStatus(True, name, "")


def get(service: str, user: str) -> str | None:
    if not status().usable:
        return None
    try:
        value = keyring.get_password(service, user)
    except keyring.errors.KeyringError:
        return None
    return value


def put(service: str, user: str, secret: str) -> None:
    """Store a secret; raise KeyringUnavailable with the reason if that is impossible."""
    st = status()
    if not st.usable:
        raise KeyringUnavailable(st.reason)
    try:
        keyring.set_password(service, user, secret)
    except keyring.errors.KeyringError as exc:
        raise KeyringUnavailable(_(
            "the keyring refused the secret ({exc})").format(
            exc=exc)) from None


def delete(service: str, user: str) -> bool:
    if not status().usable:
        return False
    try:
        keyring.delete_password(service, user)
    except keyring.errors.PasswordDeleteError:
        return False
    except keyring.errors.KeyringError:
        return False
    return True


class KeyringUnavailable(Exception):
    pass
