"""Open SQLCipher connections with HelperDesk's settings and classify failures.

Keyed from the passphrase with SQLCipher 4 defaults (PBKDF2-HMAC-SHA512, 256,000
iterations, AES-256 with per-page HMAC); WAL journal; temporary tables and
indices in memory so no decrypted data reaches a temp file.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import sqlite3
from pathlib import Path
from typing import TypeAlias, cast

import sqlcipher3

from i18n import _
from storage.errors import (
    BadPassphrase,
    StoreCorrupt,
    StoreError,
    StoreLocked,
    StoreMissing,
    WrongPassphrase,
)

# SQLCipher 4's default page size: an intact encrypted file is a whole number of pages.
PAGE_SIZE = 4096
SQLITE_PLAIN_HEADER = b"SQLite format 3\x00"

# sqlcipher3 mirrors the sqlite3 module's API and ships no type hints.
Connection: TypeAlias = sqlite3.Connection

# Page cache per connection, in KiB (see open_connection).
CACHE_KIB = 16 * 1024

DatabaseError = sqlcipher3.DatabaseError
OperationalError = sqlcipher3.OperationalError
IntegrityError = sqlcipher3.IntegrityError


def cipher_version() -> str:
    """The linked SQLCipher's version (asked of an in-memory database)."""
    conn = sqlcipher3.connect(":memory:")
    try:
        row = conn.execute("PRAGMA cipher_version").fetchone()
    finally:
        conn.close()
    return str(row[0]) if row else "unknown"


def check_passphrase(passphrase: str) -> None:
    if not passphrase:
        raise BadPassphrase(_("The passphrase must not be empty."))
    if "\x00" in passphrase:
        raise BadPassphrase(_("The passphrase must not contain a NUL character."))


# SQLCipher 4 defaults: PBKDF2-HMAC-SHA512, 256,000 iterations, 256-bit key,
# salted with the file's first 16 bytes.
KDF_ITERATIONS = 256_000
SALT_BYTES = 16


# SQLCipher 4 page layout: each page ends with a 16-byte IV and a 64-byte
# HMAC-SHA512 over the page's ciphertext, its IV and its number; page 1
# begins with the salt. The HMAC key is derived from the encryption key with
# two PBKDF2 rounds and the salt XOR 0x3a.
_IV_BYTES = 16
_HMAC_BYTES = 64
_HMAC_SALT_MASK = 0x3A
_HMAC_KDF_ITERATIONS = 2


def derive_key(passphrase: str, path: Path) -> bytearray:
    """The key SQLCipher derives from ``passphrase`` for the file at ``path``.

    Deriving costs about 0.2 s on purpose (it slows down guessing). Done once
    per unlock, every further connection (one per worker thread) opens with
    the raw key in under a millisecond instead of paying it again. A
    bytearray, so the owner can overwrite it when the store is locked.
    """
    with path.open("rb") as fh:
        salt = fh.read(SALT_BYTES)
    return bytearray(hashlib.pbkdf2_hmac("sha512", passphrase.encode("utf-8"), salt,
                                         KDF_ITERATIONS, 32))


def key_opens(path: Path, key: bytes | bytearray) -> bool:
    """Whether ``key`` is the store's key: checks page 1's HMAC, reading only.

    Nothing is opened with SQLite, so a wrong key cannot make SQLite write
    (closing a connection may checkpoint a ``-wal`` file into the store).
    """
    with path.open("rb") as fh:
        page = fh.read(PAGE_SIZE)
    if len(page) < PAGE_SIZE:
        return False
    salt = page[:SALT_BYTES]
    hmac_key = hashlib.pbkdf2_hmac("sha512", bytes(key),
                                   bytes(b ^ _HMAC_SALT_MASK for b in salt),
                                   _HMAC_KDF_ITERATIONS, 32)
    body = page[SALT_BYTES : PAGE_SIZE - _HMAC_BYTES] + (1).to_bytes(4, "little")
    expected = hmac.new(hmac_key, body, "sha512").digest()
    return hmac.compare_digest(expected, page[PAGE_SIZE - _HMAC_BYTES :])


def key_literal(key: bytes | bytearray, salt: bytes | None = None) -> str:
    """``PRAGMA key`` text for a raw key (with the salt, for a new file such as a backup)."""
    return f"\"x'{bytes(key).hex()}{salt.hex() if salt else ''}'\""


def file_salt(path: Path) -> bytes:
    with path.open("rb") as fh:
        return fh.read(SALT_BYTES)


def derive_raw_key(passphrase: str, path: Path) -> str:
    """The key SQLCipher would derive from ``passphrase``, as a raw-key literal."""
    return key_literal(derive_key(passphrase, path))


def check_store_file(path: Path, *, encrypted: bool = True) -> None:
    """Clear errors for what is not a store file at all, before SQLite sees it."""
    if not path.exists():
        raise StoreMissing(path)
    if path.is_dir():
        raise StoreError(f"{path} is a folder, not a store file; pass the store file itself "
                         "(e.g. {path}/helperdesk.db).".replace("{path}", str(path)))
    if not os.access(path, os.R_OK):
        raise StoreError(_(
            "No permission to read the store {path}; check who owns it.").format(
            path=path))
    size = path.stat().st_size
    with path.open("rb") as fh:
        head = fh.read(16)
    if encrypted and head == SQLITE_PLAIN_HEADER:
        raise StoreCorrupt(path, "it is an unencrypted SQLite file, not a HelperDesk store")
    if size == 0 or size % PAGE_SIZE:
        raise StoreCorrupt(path, "the file has been cut short")


def _quote(passphrase: str) -> str:
    # PRAGMA key takes no bound parameters; a doubled quote is SQL's only escape.
    return "'" + passphrase.replace("'", "''") + "'"


def _writable(path: Path) -> bool:
    """Whether the store and its folder (for -wal and -shm) can be written here."""
    try:
        return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)
    except OSError:
        return False


def classify(exc: Exception, path: Path) -> StoreError:
    """Map a driver error on an opened store to a typed storage error."""
    text = str(exc).lower()
    if "locked" in text or "busy" in text:
        return StoreLocked(path)
    if "readonly" in text or "read-only" in text or (
            "unable to open" in text and not _writable(path)):
        return StoreError(_(
            "The store {path} is read-only here: HelperDesk cannot save to it. Check the "
            "file's permissions or the disk.").format(
            path=path))
    if "disk is full" in text or "disk i/o error" in text:
        return StoreError(_(
            "The disk holding {path} is full or failing: nothing of the last step was saved. "
            "Free some space and try again.").format(
            path=path))
    if "not a database" in text or "malformed" in text or "corrupt" in text:
        return StoreCorrupt(path, "pages fail their integrity check")
    if isinstance(exc, StoreError):
        return exc
    return StoreError(_("The store {path} could not be used: {exc}").format(path=path, exc=exc))


def open_connection(
    path: Path,
    passphrase: str | None,
    *,
    create: bool = False,
    busy_timeout: float = 5.0,
    raw_key: str | None = None,
) -> Connection:
    """Open and key a connection; verify the key by reading the schema.

    ``raw_key`` (from key_literal) is used instead of the passphrase when
    given; a passphrase is first checked against page 1 (key_opens).
    ``passphrase=None`` without a raw key opens an unencrypted database; only
    benchmarks do that, to compare the same code path with and without
    encryption.
    """
    encrypted = passphrase is not None or raw_key is not None
    if not create:
        check_store_file(path, encrypted=encrypted)
        if raw_key is None and passphrase is not None:
            check_passphrase(passphrase)
            # The key is checked against page 1's HMAC before SQLite opens
            # the file: a wrong passphrase then changes no file at all.
            key = derive_key(passphrase, path)
            if not key_opens(path, key):
                raise WrongPassphrase(path)
            raw_key = key_literal(key)
            key[:] = bytes(len(key))
    conn = cast(
        Connection,
        sqlcipher3.connect(
            str(path), timeout=busy_timeout, isolation_level=None, check_same_thread=True
        ),
    )
    try:
        # SQLCipher would print decryption failures to stderr; we report them ourselves.
        conn.execute("PRAGMA cipher_log_level = NONE")
        if raw_key is not None:
            conn.execute(f"PRAGMA key = {raw_key}")
        elif passphrase is not None:
            check_passphrase(passphrase)
            conn.execute(f"PRAGMA key = {_quote(passphrase)}")
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except DatabaseError as exc:
            if "not a database" in str(exc).lower():
                raise WrongPassphrase(path) from None
            raise classify(exc, path) from None
        conn.execute("PRAGMA temp_store = MEMORY")
        # 16 MiB of decrypted pages per connection (SQLite's default is 2 MiB):
        # every page read again from the file is decrypted and checked again,
        # and writing a synced mail touches index pages all over the file.
        # Measured: storing costs ~5% less; the cache fills only as it is used.
        conn.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute(f"PRAGMA busy_timeout = {int(busy_timeout * 1000)}")
        if create:
            conn.execute("PRAGMA journal_mode = WAL")
        # NORMAL is durable across application crashes in WAL mode; only a power
        # loss may drop the last transactions, never corrupt the file.
        conn.execute("PRAGMA synchronous = NORMAL")
    except BaseException:
        conn.close()
        raise
    return conn
