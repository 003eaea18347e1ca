"""Typed storage errors, each with a one-line message a volunteer can act on.

The CLI prints ``str(error)`` and exits 1; the GUI shows the same sentence.
Messages never contain personal data, only the store's path.
"""

from __future__ import annotations

from pathlib import Path

from i18n import _


class StoreError(Exception):
    """Base class: something is wrong with the store; the file was not changed."""


class WrongPassphrase(StoreError):
    def __init__(self, path: Path) -> None:
        super().__init__(
            _("Wrong passphrase for the store {path} (or the file is not a HelperDesk "
              "store).").format(path=path)
        )


class StoreMissing(StoreError):
    def __init__(self, path: Path) -> None:
        super().__init__(
            _("No store at {path}. Create one with 'helperdesk init' or pass "
              "--store PATH.").format(path=path)
        )


class StoreExists(StoreError):
    def __init__(self, path: Path) -> None:
        super().__init__(_(
            "A file already exists at {path}; HelperDesk will not overwrite it.").format(
            path=path))


class StoreLocked(StoreError):
    def __init__(self, path: Path) -> None:
        super().__init__(
            _(
                "The store {path} is busy: another HelperDesk window or command is writing to it."
                " Wait for it to finish or close it, then try again.").format(
                path=path)
        )


class StoreCorrupt(StoreError):
    def __init__(self, path: Path, detail: str = "") -> None:
        extra = f" ({detail})" if detail else ""
        super().__init__(
            _(
                "The store {path} is damaged and cannot be read{extra}. Restore it from a backup "
                "('helperdesk backup' makes one).").format(
                path=path, extra=extra)
        )


class StoreTooNew(StoreError):
    def __init__(self, path: Path, version: int, supported: int) -> None:
        super().__init__(
            _(
                "The store {path} was written by a newer HelperDesk (schema {version}, this "
                "version knows {supported}). Update HelperDesk.").format(
                path=path, version=version, supported=supported)
        )


class NotFound(StoreError):
    """A named household, agency, case, message or account does not exist."""


class Conflict(StoreError):
    """A uniqueness rule was broken, e.g. a household name that is taken."""


class BadPassphrase(StoreError):
    """A new passphrase was refused (empty or containing a NUL character)."""
