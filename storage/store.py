"""The Store: one encrypted SQLCipher file, a connection per thread, repositories.

``Store.create`` / ``Store.open`` key and verify the file and migrate its
schema; ``store.transaction()`` wraps every write. Repositories hang off the
store as attributes (``store.households`` …) so callers need one object only.
"""

from __future__ import annotations

import contextlib
import os
import threading
import uuid
from collections.abc import Iterator
from pathlib import Path

from i18n import _
from storage import migrations
from storage._rows import now_iso
from storage.accounts import Accounts
from storage.agencies import Agencies
from storage.calendars import Calendars
from storage.case_waits import CaseWaits
from storage.cases import Cases
from storage.connection import (
    Connection,
    DatabaseError,
    IntegrityError,
    check_passphrase,
    check_store_file,
    classify,
    derive_key,
    file_salt,
    key_literal,
    key_opens,
    open_connection,
)
from storage.correspondence import Correspondence
from storage.deadlines import Deadlines
from storage.errors import StoreCorrupt, StoreError, StoreExists, StoreTooNew, WrongPassphrase
from storage.households import Households
from storage.integrity import PageCheck, check_pages
from storage.messages import Messages
from storage.outbox import Outbox, ReplyLinks
from storage.search import Search
from storage.settings import Settings
from storage.syncstate import SyncState


class Store:
    """An opened store. Thread-safe in the sense that each thread gets its own connection."""

    def __init__(self, path: Path, passphrase: str | None, busy_timeout: float) -> None:
        self.path = path
        # Only the derived key is kept (never the passphrase), here and nowhere
        # else; overwritten by lock() and close().
        self.encrypted = passphrase is not None
        self._key: bytearray | None = None
        if passphrase is not None:
            self._key = self._checked_key(passphrase)
        self._busy_timeout = busy_timeout
        self._local = threading.local()
        self._all: list[Connection] = []
        self._all_lock = threading.Lock()
        self.households = Households(self)
        self.agencies = Agencies(self)
        self.cases = Cases(self)
        self.messages = Messages(self)
        self.deadlines = Deadlines(self)
        self.settings = Settings(self)
        self.search = Search(self)
        self.accounts = Accounts(self)
        self.sync_state = SyncState(self)
        self.calendars = Calendars(self)
        self.correspondence = Correspondence(self)
        self.outbox = Outbox(self)
        self.reply_links = ReplyLinks(self)
        self.case_waits = CaseWaits(self)

    # -- opening -------------------------------------------------------------

    @classmethod
    def create(
        cls, path: Path, passphrase: str | None, *, encrypted: bool = True
    ) -> Store:
        """Create a new store; refuse to overwrite anything at ``path``.

        ``encrypted=False`` (with ``passphrase=None``) exists only so benchmarks
        can run the same code path on a plain database.
        """
        path = Path(path).absolute()
        if encrypted:
            if passphrase is None:
                raise ValueError("an encrypted store needs a passphrase")
            check_passphrase(passphrase)
        elif passphrase is not None:
            raise ValueError("a plain store takes no passphrase")
        if path.exists() or Path(f"{path}-wal").exists():
            raise StoreExists(path)
        if not path.parent.exists():
            # Only the user may list a new store folder (backups and -wal files go there too).
            path.parent.mkdir(parents=True, mode=0o700)
        # O_EXCL: two creators racing must not both succeed.
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        os.close(fd)
        try:
            conn = open_connection(path, passphrase, create=True)
            try:
                migrations.migrate(conn)
                conn.execute("BEGIN IMMEDIATE")
                conn.execute(
                    "INSERT INTO meta(key, value) VALUES ('store_id', ?), ('created', ?)",
                    (uuid.uuid4().hex, now_iso()),
                )
                conn.execute("COMMIT")
            finally:
                conn.close()
        except BaseException:
            for leftover in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
                leftover.unlink(missing_ok=True)
            raise
        return cls.open(path, passphrase)

    @classmethod
    def open(cls, path: Path, passphrase: str | None, *, busy_timeout: float = 5.0) -> Store:
        path = Path(path).absolute()
        check_store_file(path, encrypted=passphrase is not None)
        store = cls(path, passphrase, busy_timeout)
        conn = store.conn  # keys and verifies the passphrase
        version = migrations.current_version(conn)
        if version > migrations.LATEST:
            store.close()
            raise StoreTooNew(path, version, migrations.LATEST)
        if version < migrations.LATEST:
            try:
                migrations.migrate(conn)
            except DatabaseError as exc:
                store.close()
                raise classify(exc, path) from None
        return store

    def _checked_key(self, passphrase: str) -> bytearray:
        check_passphrase(passphrase)
        check_store_file(self.path)
        key = derive_key(passphrase, self.path)
        if not key_opens(self.path, key):
            key[:] = bytes(len(key))
            raise WrongPassphrase(self.path)
        return key

    @property
    def locked(self) -> bool:
        return self.encrypted and self._key is None

    def lock(self) -> None:
        """Close every connection and overwrite the key; unlock() derives it again."""
        self.close()

    def unlock(self, passphrase: str) -> bool:
        """Derive the key again; False (and nothing opened or changed) if it is wrong."""
        if not self.encrypted:
            return True
        try:
            key = self._checked_key(passphrase)
        except (WrongPassphrase, ValueError):
            return False
        self._forget_key()
        self._key = key
        return True

    def check_pages(self, budget_seconds: float) -> PageCheck:
        """Verify page HMACs of the file (see storage.integrity.check_pages)."""
        key = self._key
        if key is None:
            return PageCheck()
        return check_pages(self.path, key, budget_seconds)

    def _forget_key(self) -> None:
        if self._key is not None:
            self._key[:] = bytes(len(self._key))
            self._key = None

    def _key_text(self) -> str | None:
        if not self.encrypted:
            return None
        if self._key is None:
            raise StoreError(_(
                "The store {path} is locked; unlock it with its passphrase.").format(
                path=self.path))
        return key_literal(self._key)

    @property
    def conn(self) -> Connection:
        conn: Connection | None = getattr(self._local, "conn", None)
        if conn is None:
            conn = open_connection(self.path, None, busy_timeout=self._busy_timeout,
                                   raw_key=self._key_text())
            self._local.conn = conn
            with self._all_lock:
                self._all.append(conn)
        return conn

    def close(self) -> None:
        """Close every thread's connection and forget the key (from the owning thread)."""
        with self._all_lock:
            conns, self._all = self._all, []
        for conn in conns:
            with contextlib.suppress(Exception):
                conn.close()
        self._local = threading.local()
        self._forget_key()

    def close_thread_connection(self) -> None:
        """Close this thread's connection, e.g. at the end of a worker thread."""
        conn = getattr(self._local, "conn", None)
        if conn is not None:
            with self._all_lock:
                if conn in self._all:
                    self._all.remove(conn)
            conn.close()
            self._local.conn = None

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- transactions --------------------------------------------------------

    @contextlib.contextmanager
    def transaction(self) -> Iterator[Connection]:
        """A write transaction; nested use becomes a savepoint. Typed errors out."""
        conn = self.conn
        if getattr(self._local, "unit_depth", 0):
            # Inside unit(): its savepoint already makes this part of one
            # all-or-nothing step, and every further savepoint would make FTS5
            # flush its buffered index data (a flush per stored mail).
            yield conn
            return
        nested = conn.in_transaction
        begin, commit, rollback = (
            ("SAVEPOINT tx", "RELEASE tx", "ROLLBACK TO tx")
            if nested
            else ("BEGIN IMMEDIATE", "COMMIT", "ROLLBACK")
        )
        try:
            conn.execute(begin)
        except DatabaseError as exc:
            raise classify(exc, self.path) from None
        try:
            yield conn
            conn.execute(commit)
        except IntegrityError:
            # Repositories turn constraint failures into Conflict with a good message.
            conn.execute(rollback)
            if nested:
                conn.execute("RELEASE tx")
            raise
        except DatabaseError as exc:
            conn.execute(rollback)
            if nested:
                conn.execute("RELEASE tx")
            raise classify(exc, self.path) from None
        except BaseException:
            conn.execute(rollback)
            if nested:
                conn.execute("RELEASE tx")
            raise

    @contextlib.contextmanager
    def unit(self) -> Iterator[Connection]:
        """One all-or-nothing step: a transaction whose nested transactions join it.

        For hot paths that write several repositories per item (storing mails):
        an error anywhere undoes the whole unit, and only the unit's own
        savepoint is paid for, not one per repository call.
        """
        with self.transaction() as conn:
            self._local.unit_depth = getattr(self._local, "unit_depth", 0) + 1
            try:
                yield conn
            finally:
                self._local.unit_depth -= 1

    @contextlib.contextmanager
    def reading(self) -> Iterator[Connection]:
        """A consistent read snapshot (joins an open transaction); typed errors out."""
        conn = self.conn
        joined = conn.in_transaction
        if joined:
            yield conn
            return
        try:
            conn.execute("BEGIN")
            yield conn
        except DatabaseError as exc:
            raise classify(exc, self.path) from None
        finally:
            if conn.in_transaction:
                # A read-only transaction: ending it can only fail on a damaged
                # file, which the typed error above already reports.
                with contextlib.suppress(DatabaseError):
                    conn.execute("ROLLBACK")

    # -- whole-store operations ---------------------------------------------

    def data_version(self) -> int:
        """A number that changes when another connection (thread or process) commits.

        SQLite's ``PRAGMA data_version``: cheap, takes no lock; views poll it to
        follow writes they did not make themselves (a CLI import, a sync).
        """
        row = self.conn.execute("PRAGMA data_version").fetchone()
        return int(row[0])

    @property
    def store_id(self) -> str:
        row = self.conn.execute("SELECT value FROM meta WHERE key = 'store_id'").fetchone()
        return str(row[0])

    @property
    def schema_version(self) -> int:
        return migrations.current_version(self.conn)

    def check_integrity(self) -> None:
        """Read every page and check the file's structure; ``StoreCorrupt`` if it fails."""
        try:
            rows = self.conn.execute("PRAGMA quick_check").fetchall()
        except DatabaseError as exc:
            raise classify(exc, self.path) from None
        if [tuple(r) for r in rows] != [("ok",)]:
            raise StoreCorrupt(self.path, _("its structure check failed"))

    def change_passphrase(self, new_passphrase: str) -> None:
        """Re-key the whole file in place (SQLCipher ``PRAGMA rekey``)."""
        if not self.encrypted:
            raise StoreError(_("This store is not encrypted."))
        check_passphrase(new_passphrase)
        # Other threads' connections still use the old key: close them first.
        mine = self.conn
        with self._all_lock:
            others = [c for c in self._all if c is not mine]
            self._all = [mine]
        for c in others:
            c.close()
        quoted = "'" + new_passphrase.replace("'", "''") + "'"
        try:
            mine.execute(f"PRAGMA rekey = {quoted}")
        except DatabaseError as exc:
            raise classify(exc, self.path) from None
        # The salt stays; only the key derived from it changes.
        self._forget_key()
        self._key = derive_key(new_passphrase, self.path)

    def backup(self, dest: Path) -> Path:
        """Write an encrypted, consistent copy that opens with the same passphrase."""
        dest = Path(dest).absolute()
        if dest.exists():
            raise StoreExists(dest)
        partial = dest.with_name(dest.name + ".partial")
        partial.unlink(missing_ok=True)
        # The copy gets the store's key and salt, so it opens with the same passphrase.
        key = "''" if self._key is None else key_literal(self._key, file_salt(self.path))
        # 0600 from the first byte: created empty with O_EXCL before SQLite writes it.
        os.close(os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
        conn = self.conn
        try:
            conn.execute(
                f"ATTACH DATABASE ? AS backup KEY {key}", (str(partial),)
            )
            try:
                # sqlcipher_export copies schema and data inside one read
                # transaction, so the copy is consistent even while syncing.
                conn.execute("SELECT sqlcipher_export('backup')")
                conn.execute(f"PRAGMA backup.user_version = {self.schema_version}")
            finally:
                conn.execute("DETACH DATABASE backup")
        except DatabaseError as exc:
            partial.unlink(missing_ok=True)
            raise classify(exc, self.path) from None
        os.chmod(partial, 0o600)
        os.replace(partial, dest)
        return dest
