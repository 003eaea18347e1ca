"""IMAP sync of one account into the store: nothing lost, nothing twice, nothing changed.

Public API (used by the CLI and the GUI's sync worker)::

    sync_account(store, account, *, progress=None, cancel=None, password=None) -> AccountResult

Guarantees and how they are kept:

- *Read-only on the server*: folders are opened with EXAMINE, bodies fetched
  with ``BODY.PEEK[]`` (never sets ``\\Seen``); the code issues no STORE,
  COPY, MOVE, EXPUNGE or DELETE.
- *Exactly once*: a mail's identity is the SHA-256 of its bytes; each server
  copy is a provenance *slot* (account, folder, UIDVALIDITY, UID). New mails
  are written in batches, each batch in one transaction together with the
  folder's progress, so a process killed at any moment leaves whole batches
  only; the next run skips every slot already stored.
- *Fast when nothing changed*: EXAMINE returns UIDVALIDITY, UIDNEXT, EXISTS and
  (with CONDSTORE) HIGHESTMODSEQ; if they equal what the last complete sync
  saw, the folder is done after that one command.
- *Changes*: with CONDSTORE only flags changed since the saved HIGHESTMODSEQ
  are fetched; deletions are found by comparing ``UID SEARCH ALL`` with the
  stored slots, and marked (``deleted_on_server``), never removed from the store.
- *UIDVALIDITY reset*: the folder is read again under the new value; content
  already stored gets a new slot pointing at the same message; old slots stay
  as history (marked deleted only if their mail did not come back).
- *Faults*: network errors and NO/BAD/BYE end the folder's run with a one-line
  error in its ``FolderResult``; what was committed stays, the next run resumes.
  Account-level failures (no password, bad password, TLS refused, server
  unreachable, already syncing) raise a ``SyncError`` subclass instead.

Threads: ``sync_account`` may run in a worker thread. The store gives each
thread its own connection; when called outside the main thread, the function
closes that thread's connection (``store.close_thread_connection()``) before
returning, so a thread pool does not keep connections open. Inside, one
helper thread fetches bodies while the calling thread prepares and writes
them; for large syncs, preparing (parsing, attachment text) runs in a small
process pool.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import os
import socket
import threading
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

import imapclient

from helperdesk.app.batch import POOL_THRESHOLD, Context, Preparer, raw_only
from helperdesk.app.ingest import store_prepared
from helperdesk.app.sync_results import AccountResult, FolderResult
from helperdesk.intake.prepare import Prepared
from helperdesk.model import Direction, Provenance, Source
from storage.accounts import Account
from storage.syncstate import FolderState, SyncState, flags_json
from sync.connection import check_account, close, connect, translate
from sync.credentials import load_password
from sync.errors import AlreadySyncing, Cancelled, NoPassword, SyncError
from sync.fetcher import (
    DONE,
    Fetched,
    Fetcher,
    enable_condstore,
    flag_strings,
    resolve_folders,
    uid_ranges,
)
from sync.fetchparse import uid_fetch

if TYPE_CHECKING:
    from storage.store import Store

ProgressCallback = Callable[[str, str, int, int], None]
"""(account name, folder, done, total): called as each batch of a folder is stored."""

# Batches being prepared while the oldest of them is written, and batches
# fetched ahead of those (memory ~ (IN_FLIGHT + fetcher.QUEUE_DEPTH + 1) x BATCH_MAX_BYTES
# of mails, plus their parsed forms). A deep enough window gives the preparer
# chunks to share out while the writer works, so no core waits for another.
IN_FLIGHT = 4


# -- locking ------------------------------------------------------------------


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # exists, owned by someone else
    return True


@contextlib.contextmanager
def account_lock(store: Store, account: Account) -> Iterator[None]:
    """One sync at a time per account, across threads, processes and (shared) hosts."""
    assert account.id is not None
    pid, host = os.getpid(), socket.gethostname()

    def stale(holder_pid: int, holder_host: str) -> bool:
        # A holder on this host whose process is gone (crash, SIGKILL) is stale.
        # Another host's lock cannot be checked from here and is respected.
        return holder_host == host and holder_pid != pid and not _pid_alive(holder_pid)

    holder = store.sync_state.acquire_lock(account.id, pid, host, stale)
    if holder is not None:
        where = "by this program" if holder == (pid, host) else (
            f"by process {holder[0]} on {holder[1]}"
        )
        raise AlreadySyncing(account.name, where)
    try:
        yield
    finally:
        store.sync_state.release_lock(account.id, pid, host)


# -- IMAP helpers -------------------------------------------------------------


class _FolderSync:
    def __init__(
        self, store: Store, account: Account, client: imapclient.IMAPClient, *, folder: str,
        direction: Direction, condstore: bool, progress: ProgressCallback | None,
        cancel: threading.Event, preparer: Preparer,
    ) -> None:
        self.store = store
        self.state_repo: SyncState = store.sync_state
        self.account = account
        assert account.id is not None
        self.account_id: int = account.id
        self.client = client
        self.folder = folder
        self.direction = direction
        self.condstore = condstore
        self.progress = progress
        self.cancel = cancel
        self.preparer = preparer
        self.result = FolderResult(folder)
        self.uidvalidity = 0

    def _report(self, done: int, total: int) -> None:
        if self.progress is not None:
            self.progress(self.account.name, self.folder, done, total)

    def run(self) -> FolderResult:
        info = self.client.select_folder(self.folder, readonly=True)
        uidvalidity = self.uidvalidity = int(info[b"UIDVALIDITY"])
        uidnext = info.get(b"UIDNEXT")
        exists = int(info.get(b"EXISTS", 0))
        modseq = info.get(b"HIGHESTMODSEQ") if self.condstore else None
        state = self.state_repo.folder(self.account_id, self.folder)

        if (
            state.uidvalidity == uidvalidity and uidnext is not None
            and state.uidnext == uidnext and state.exists_count == exists
            and state.highestmodseq == modseq
        ):
            self._report(0, 0)
            return self.result  # nothing changed since the last complete sync

        reset = state.uidvalidity is not None and state.uidvalidity != uidvalidity
        if reset:
            # Old slots stay (history); the folder is read again from UID 1.
            state = FolderState(self.folder, uidvalidity)
        elif state.uidvalidity is None:
            state.uidvalidity = uidvalidity

        server_uids: set[int] = set(self.client.search(["ALL"])) if exists else set()
        self._changes(state, server_uids, reset)
        self._new_mails(state, server_uids)
        if self.cancel.is_set():
            raise Cancelled()

        with self.store.transaction() as conn:
            if reset:
                self.result.deleted_on_server += self.state_repo.retire_old_uidvalidity(
                    conn, self.account.name, self.folder, uidvalidity
                )
            state.uidnext, state.exists_count, state.highestmodseq = uidnext, exists, modseq
            self.state_repo.save_folder(conn, self.account_id, state)
        return self.result

    def _changes(self, state: FolderState, server_uids: set[int], reset: bool) -> None:
        """Flag changes and deletions of slots already stored."""
        assert state.uidvalidity is not None
        live = self.state_repo.live_slots(self.account.name, self.folder, state.uidvalidity)
        if not live:
            return
        gone = [uid for uid in live if uid not in server_uids]
        if self.condstore and state.highestmodseq is not None and not reset:
            changed = uid_fetch(self.client, "1:*", "(UID FLAGS)",
                                 f"(CHANGEDSINCE {state.highestmodseq})")
        else:
            # Without CONDSTORE, flags of every stored slot are compared.
            changed = {}
            for uid_set in uid_ranges(uid for uid in live if uid in server_uids):
                changed.update(uid_fetch(self.client, uid_set, "(UID FLAGS)"))
        updates: dict[int, str] = {}
        for uid, data in changed.items():
            if uid in live and b"FLAGS" in data:
                new_flags = flags_json(flag_strings(data[b"FLAGS"]))
                if new_flags != live[uid]:
                    updates[uid] = new_flags
        if not updates and not gone:
            return
        with self.store.transaction() as conn:
            self.state_repo.update_flags(
                conn, self.account.name, self.folder, state.uidvalidity, updates
            )
            self.result.updated += len(updates)
            self.result.deleted_on_server += self.state_repo.mark_deleted(
                conn, self.account.name, self.folder, state.uidvalidity, gone
            )

    def _new_mails(self, state: FolderState, server_uids: set[int]) -> None:
        assert state.uidvalidity is not None
        known = self.state_repo.known_uids(self.account.name, self.folder, state.uidvalidity)
        todo = sorted(uid for uid in server_uids if uid not in known)
        total = len(todo)
        self._report(0, total)
        if not todo:
            return
        if total >= POOL_THRESHOLD:
            self.preparer.use_pool()
        stop = threading.Event()
        fetcher = Fetcher(self.client, todo, stop)
        fetcher.start()
        done = 0
        # A window of batches being prepared while the oldest one is written.
        pending: deque[tuple[list[Fetched], dict[str, int], Callable[[], dict[str, Prepared]]]]
        pending = deque()
        try:
            finished = False
            while not finished or pending:
                if not finished and len(pending) < IN_FLIGHT:
                    item = fetcher.out.get()
                    if item is DONE:
                        finished = True
                    elif isinstance(item, BaseException):
                        raise item
                    else:
                        assert isinstance(item, list)
                        pending.append(self._start_prepare(item))
                    if not finished and len(pending) < IN_FLIGHT:
                        continue
                if pending:
                    fetched, known_hashes, results = pending.popleft()
                    self._write(state, fetched, known_hashes, results())
                    done += len(fetched)
                    self._report(done, total)
                if self.cancel.is_set():
                    raise Cancelled()
        finally:
            stop.set()
            fetcher.join()

    def _start_prepare(
        self, fetched: list[Fetched]
    ) -> tuple[list[Fetched], dict[str, int], Callable[[], dict[str, Prepared]]]:
        for f in fetched:
            f.digest = hashlib.sha256(f.raw).hexdigest()
        with self.store.reading() as conn:
            known = {
                f.digest: mid for f in fetched
                if (mid := SyncState.message_by_hash(conn, f.digest)) is not None
            }
        # Each unknown content once: a mail delivered twice into the folder is
        # one message with two slots.
        first = {f.digest: f for f in reversed(fetched) if f.digest not in known}
        firsts = [f for f in fetched if first.get(f.digest) is f]
        results = self.preparer.submit(
            [(f.raw, self.direction, self._provenance(f.uid)) for f in firsts])

        def by_digest() -> dict[str, Prepared]:
            return dict(zip((f.digest for f in firsts), results(), strict=True))

        return fetched, known, by_digest

    def _provenance(self, uid: int) -> Provenance:
        return Provenance(source=Source.IMAP, account=self.account.name, folder=self.folder,
                          uidvalidity=self.uidvalidity, uid=uid)

    def _write(
        self, state: FolderState, fetched: list[Fetched], known: dict[str, int],
        prepared: dict[str, Prepared],
    ) -> None:
        try:
            # Fast path: the batch is one unit, so the full-text index takes
            # it in one flush (a savepoint per mail would flush per mail).
            written = self._write_batch(state, fetched, dict(known), prepared, isolate=False)
        except _MailNotStorable:
            # One mail failed and the batch was rolled back: write it again with
            # a savepoint per mail, so that mail alone is kept raw.
            written = self._write_batch(state, fetched, known, prepared, isolate=True)
        known.update(written.known)
        self.result.new += written.new
        self.result.stored += written.stored
        state.highest_uid = max(state.highest_uid, written.highest_uid)

    def _write_batch(
        self, state: FolderState, fetched: list[Fetched], known: dict[str, int],
        prepared: dict[str, Prepared], *, isolate: bool,
    ) -> _Written:
        assert state.uidvalidity is not None
        written = _Written(known, highest_uid=state.highest_uid)
        with self.store.transaction() as conn, (
            contextlib.nullcontext() if isolate else self.store.unit()
        ):
            for f in fetched:
                h = f.digest
                mid = known.get(h)
                if mid is None:
                    p = prepared[h]
                    mid, is_new = self._store_one(p, f) if isolate else self._store_fast(p)
                    known[h] = mid
                    written.stored += is_new
                SyncState.add_slot(
                    conn, mid, account=self.account.name, folder=self.folder,
                    uidvalidity=state.uidvalidity, uid=f.uid, flags=f.flags,
                    internaldate=f.internaldate,
                )
                written.new += 1
                written.highest_uid = max(written.highest_uid, f.uid)
            saved = dataclasses.replace(state, highest_uid=written.highest_uid)
            self.state_repo.save_folder(conn, self.account_id, saved)
        return written

    def _store_fast(self, prepared: Prepared) -> tuple[int, bool]:
        try:
            added = store_prepared(self.store, prepared, household_id=self.account.household_id)
        except Exception as exc:
            raise _MailNotStorable() from exc
        return added.id, added.new

    def _store_one(self, prepared: Prepared, fetched: Fetched) -> tuple[int, bool]:
        try:
            # store_prepared runs in a savepoint of the batch's transaction: a
            # failure here undoes this mail only.
            added = store_prepared(self.store, prepared, household_id=self.account.household_id)
            return added.id, added.new
        except Exception as exc:
            # Storing the parsed form failed (e.g. a value the schema refuses):
            # keep the raw mail so nothing is lost, and say why.
            prov = prepared.message.provenance[0] if prepared.message.provenance else None
            assert prov is not None
            fallback = raw_only(
                fetched.raw, self.direction, prov, Source.IMAP,
                f"mail could not be stored in parsed form ({type(exc).__name__})",
            )
            added = store_prepared(self.store, fallback, household_id=self.account.household_id)
            return added.id, added.new


@dataclass
class _Written:
    """What one batch wrote; applied to the folder's result once it is committed."""

    known: dict[str, int]
    highest_uid: int
    new: int = 0
    stored: int = 0


class _MailNotStorable(Exception):
    """A mail of a fast-path batch could not be stored: redo the batch mail by mail."""


# -- the public entry point ------------------------------------------------------


def sync_account(
    store: Store,
    account: Account | str,
    *,
    progress: ProgressCallback | None = None,
    cancel: threading.Event | None = None,
    password: str | None = None,
) -> AccountResult:
    """Sync every folder of ``account`` (an Account or its name) into ``store``.

    Returns per-folder results; a folder that failed (network fault, server
    NO/BAD/BYE) has a one-line entry in its ``errors`` and resumes next time.
    Raises a ``SyncError`` (``NoPassword``, ``AuthFailed``, ``TlsRefused``,
    ``ConnectFailed``, ``AlreadySyncing``, ``AccountInvalid``) when the account
    cannot be synced at all. ``password`` overrides the stored one (e.g. the
    account dialog's "test" before saving). Safe to call from a worker thread
    (see the module docstring); ``cancel`` stops after the current batch.
    """
    try:
        acct = store.accounts.by_name(account) if isinstance(account, str) else account
        check_account(acct)
        cancel = cancel or threading.Event()
        with account_lock(store, acct):
            secret = password if password is not None else load_password(store, acct)
            if not secret:
                raise NoPassword(acct.name)
            return _sync_locked(store, acct, secret, progress, cancel)
    finally:
        if threading.current_thread() is not threading.main_thread():
            store.close_thread_connection()


def _sync_locked(
    store: Store, account: Account, password: str, progress: ProgressCallback | None,
    cancel: threading.Event,
) -> AccountResult:
    result = AccountResult(account.name)
    client: imapclient.IMAPClient | None = connect(account, password)
    household = (
        store.households.get(account.household_id) if account.household_id is not None else None
    )
    preparer = Preparer(Context(
        source=Source.IMAP, directory=tuple(store.agencies.list_all()),
        state=household.state if household else None))
    try:
        condstore = enable_condstore(client)
        try:
            folders = resolve_folders(client, account)
        except Exception as exc:
            raise translate(exc, account) from None
        for index, (folder, direction) in enumerate(folders):
            if cancel.is_set():
                result.cancelled = True
                break
            if client is None:
                # The previous folder's connection broke: one fresh try per folder.
                try:
                    client = connect(account, password)
                    condstore = enable_condstore(client)
                except SyncError as exc:
                    for name, _ in folders[index:]:
                        result.folders.append(FolderResult(name, errors=[str(exc)]))
                    break
            job = _FolderSync(store, account, client, folder=folder, direction=direction,
                              condstore=condstore, progress=progress, cancel=cancel,
                              preparer=preparer)
            try:
                job.run()
            except Cancelled as exc:
                job.result.errors.append(str(exc))
                result.cancelled = True
            except Exception as exc:
                err = translate(exc, account)
                if not isinstance(err, SyncError):
                    raise
                job.result.errors.append(str(err))
                # After a network fault the connection's state is unknown: drop it.
                close(client)
                client = None
            result.folders.append(job.result)
            if result.cancelled:
                break
    finally:
        preparer.close()
        close(client)
    return result
