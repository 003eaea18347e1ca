"""Open SQLCipher connections with HelperDesk's settings and classify failures.

Keyed from the passphrase with SQLCipher 4 defaults (PBKDF2-HMAC-SHA512, 256,000
iterations, AES-256 with per-page HMAC); WAL journal; temporary tables and
indices in memory so no decrypted data reaches a temp file.
"""

from __future__ import annotations

import hashlib
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


def check_passphrase(passphrase: str) -> None:
    if not passphrase:
        raise BadPassphrase(_("The passphrase must not be empty."))
    if "\x00" in passphrase:
        raise BadPassphrase(_("The passphrase must not contain a NUL character."))


# SQLCipher 4 defaults: PBKDF2-HMAC-SHA512, 256,000 iterations, 256-bit key,
# salted with the file's first 16 bytes.
KDF_ITERATIONS = 256_000
SALT_BYTES = 16


def derive_raw_key(passphrase: str, path: Path) -> str:
    """The key SQLCipher would derive from ``passphrase``, as a raw-key literal.

    Deriving costs about 0.2 s on purpose (it slows down guessing). Done once
    per unlock, every further connection (one per worker thread) opens with
    the raw key in under a millisecond instead of paying it again.
    """
    with path.open("rb") as fh:
        salt = fh.read(SALT_BYTES)
    key = hashlib.pbkdf2_hmac("sha512", passphrase.encode("utf-8"), salt, KDF_ITERATIONS, 32)
    return f"\"x'{key.hex()}'\""


def _quote(passphrase: str) -> str:
    # PRAGMA key takes no bound parameters; a doubled quote is SQL's only escape.
    return "'" + passphrase.replace("'", "''") + "'"


def classify(exc: Exception, path: Path) -> StoreError:
    """Map a driver error on an opened store to a typed storage error."""
    text = str(exc).lower()
    if "locked" in text or "busy" in text:
        return StoreLocked(path)
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

    ``raw_key`` (from derive_raw_key) is used instead of the passphrase when
    given. ``passphrase=None`` opens an unencrypted database; only benchmarks
    do that, to compare the same code path with and without encryption.
    """
    if not create:
        if not path.exists():
            raise StoreMissing(path)
        size = path.stat().st_size
        with path.open("rb") as fh:
            head = fh.read(16)
        if passphrase is not None and head == SQLITE_PLAIN_HEADER:
            raise StoreCorrupt(path, "it is an unencrypted SQLite file, not a HelperDesk store")
        if size == 0 or size % PAGE_SIZE:
            raise StoreCorrupt(path, "the file has been cut short")
    conn = cast(
        Connection,
        sqlcipher3.connect(
            str(path), timeout=busy_timeout, isolation_level=None, check_same_thread=True
        ),
    )
    try:
        # SQLCipher would print decryption failures to stderr; we report them ourselves.
        conn.execute("PRAGMA cipher_log_level = NONE")
        if passphrase is not None:
            check_passphrase(passphrase)
            conn.execute(f"PRAGMA key = {raw_key or _quote(passphrase)}")
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
