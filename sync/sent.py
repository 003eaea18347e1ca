"""The account's Sent folder: find it, look for a Message-ID, file a sent copy.

SMTP cannot file a copy of what it sent; the client appends it with ``\\Seen``
to the folder marked ``\\Sent`` (RFC 6154), else to a folder with a usual
name. Providers that file sent mail themselves (Gmail, Outlook, iCloud) get no
APPEND, and nothing is appended when a mail with the same Message-ID is there
already, so a retry after a crash never files twice.
"""

from __future__ import annotations

from typing import Any

from i18n import _
from storage.accounts import Account
from sync.connection import close, connect, translate
from sync.errors import ServerError

_USUAL_NAMES = ("Sent", "Gesendet", "Gesendete Objekte", "Gesendete Elemente", "Sent Items",
                "Sent Messages", "INBOX.Sent", "INBOX/Sent", "[Gmail]/Sent Mail")


def sent_folder(client: Any) -> str | None:
    """The ``\\Sent`` special-use folder, else one with a usual name."""
    names: list[str] = []
    for flags, _delim, name in client.list_folders():
        marks = {f.decode() if isinstance(f, bytes) else str(f) for f in flags}
        if "\\Sent" in marks:
            return str(name)
        names.append(str(name))
    lower = {n.lower(): n for n in names}
    return next((lower[u.lower()] for u in _USUAL_NAMES if u.lower() in lower), None)


def _has(client: Any, folder: str, message_id: str) -> bool:
    client.select_folder(folder, readonly=True)
    try:
        return bool(client.search(["HEADER", "Message-ID", message_id]))
    finally:
        client.unselect_folder() if client.has_capability("UNSELECT") else client.close_folder()


def in_sent(account: Account, password: str, message_id: str) -> bool:
    """Whether the account's Sent folder holds a mail with ``message_id``."""
    client = connect(account, password)
    try:
        folder = sent_folder(client)
        return folder is not None and _has(client, folder, message_id)
    except Exception as exc:
        raise translate(exc, account) from None
    finally:
        close(client)


def file_sent(account: Account, password: str, raw: bytes, message_id: str,
              *, provider_files: bool) -> str:
    """Put the sent copy into Sent: ``appended``, ``present`` (already there) or ``provider``."""
    if provider_files:
        return "provider"
    client = connect(account, password)
    try:
        folder = sent_folder(client)
        if folder is None:
            raise ServerError(_(
                "{host}: the account has no Sent folder").format(
                host=account.host))
        if _has(client, folder, message_id):
            return "present"
        client.append(folder, raw, flags=(b"\\Seen",))
        return "appended"
    except Exception as exc:
        raise translate(exc, account) from None
    finally:
        close(client)
