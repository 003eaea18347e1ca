"""Restore a store from a backup file: check it first, then put it in place, never over another.

The backup (``helperdesk backup`` or a copy of a store file) is copied next to
the target under a temporary name and opened there with the given passphrase:
that checks the key, reads every page (an integrity check) and brings an older
schema up to date, all without changing the person's backup file. Only a copy
that passed is put in place, by a hard link that fails if a store appeared at
the target in the meantime. Any failure leaves nothing behind.
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
from pathlib import Path

from i18n import _
from storage.errors import StoreError, StoreExists
from storage.store import Store


class BackupMissing(StoreError):
    """The chosen backup file does not exist or is not a file."""


def _sidecars(path: Path) -> list[Path]:
    return [path, Path(f"{path}-wal"), Path(f"{path}-shm"), Path(f"{path}-journal")]


def _remove(path: Path) -> None:
    for leftover in _sidecars(path):
        leftover.unlink(missing_ok=True)


def _place(partial: Path, target: Path) -> None:
    """Move ``partial`` to ``target`` unless something is there (atomically where possible)."""
    try:
        os.link(partial, target)  # fails with EEXIST: never replaces a store
    except OSError as exc:
        if exc.errno == errno.EEXIST:
            raise StoreExists(target) from None
        # No hard links on this file system (FAT, some network shares): exclusive create.
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as out, partial.open("rb") as src:
            shutil.copyfileobj(src, out)
            out.flush()
            os.fsync(out.fileno())
    partial.unlink()


def restore_backup(backup: Path, target: Path, passphrase: str) -> Store:
    """Put a checked copy of ``backup`` at ``target`` and return it opened.

    Raises ``StoreExists`` when anything is at ``target``, ``BackupMissing``,
    ``WrongPassphrase`` or ``StoreCorrupt`` for a backup that does not open.
    """
    backup = Path(backup).expanduser().absolute()
    target = Path(target).expanduser().absolute()
    if any(p.exists() for p in _sidecars(target)[:2]):
        raise StoreExists(target)
    if not backup.is_file():
        raise BackupMissing(_("There is no backup file at {path}.").format(path=backup))
    target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    partial = target.with_name(target.name + ".restoring")
    _remove(partial)  # a leftover of an interrupted restore of ours
    try:
        fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as out, backup.open("rb") as src:
            shutil.copyfileobj(src, out)
            out.flush()
            os.fsync(out.fileno())
        with Store.open(partial, passphrase) as store:  # key, schema migration
            store.check_integrity()
        # A clean close checkpoints the WAL into the file and removes it.
        if Path(f"{partial}-wal").exists():
            raise StoreError(_("The restored copy could not be completed; nothing was changed."))
        _place(partial, target)
    except BaseException:
        with contextlib.suppress(OSError):
            _remove(partial)
        raise
    return Store.open(target, passphrase)
