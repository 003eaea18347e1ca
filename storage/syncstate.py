"""IMAP sync bookkeeping: per-folder state, provenance slots, flags, deletions, locks.

The sync engine (``sync/engine.py``) talks to the store only through this
repository and ``helperdesk.app.ingest``. A *slot* is one provenance row of source
``imap``: (account, folder, UIDVALIDITY, UID) -> message. Slots whose
UIDVALIDITY is not the folder's current one are history: they are kept, never
reused, and ignored when looking for deletions.

Methods that take a ``conn`` run inside the caller's transaction, so the
engine can commit a batch of mails together with the folder's progress.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from storage._rows import now_iso, to_json

if TYPE_CHECKING:
    from storage.connection import Connection
    from storage.store import Store


@dataclass
class FolderState:
    """What the store knows about one folder after the last (partial) sync."""

    folder: str
    uidvalidity: int | None = None
    highest_uid: int = 0  # every UID up to this one is stored (or was skipped as known)
    highestmodseq: int | None = None
    uidnext: int | None = None  # set only when a sync of the folder completed
    exists_count: int | None = None  # likewise


class SyncState:
    def __init__(self, store: Store) -> None:
        self._store = store

    # -- folder state ----------------------------------------------------------

    def folder(self, account_id: int, folder: str) -> FolderState:
        with self._store.reading() as conn:
            row = conn.execute(
                "SELECT uidvalidity, highest_uid, highestmodseq, uidnext, exists_count"
                " FROM folder_state WHERE account_id=? AND folder=?",
                (account_id, folder),
            ).fetchone()
        if row is None:
            return FolderState(folder)
        return FolderState(folder, row[0], int(row[1]), row[2], row[3], row[4])

    def save_folder(self, conn: Connection, account_id: int, state: FolderState) -> None:
        conn.execute(
            "INSERT INTO folder_state(account_id, folder, uidvalidity, highest_uid,"
            " highestmodseq, uidnext, exists_count, last_sync) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
            " ON CONFLICT(account_id, folder) DO UPDATE SET uidvalidity=excluded.uidvalidity,"
            " highest_uid=excluded.highest_uid, highestmodseq=excluded.highestmodseq,"
            " uidnext=excluded.uidnext, exists_count=excluded.exists_count,"
            " last_sync=excluded.last_sync",
            (
                account_id, state.folder, state.uidvalidity, state.highest_uid,
                state.highestmodseq, state.uidnext, state.exists_count, now_iso(),
            ),
        )

    # -- slots -------------------------------------------------------------------

    def live_slots(self, account: str, folder: str, uidvalidity: int) -> dict[int, str]:
        """UID -> stored flags (JSON) of the slots not yet marked deleted on the server."""
        with self._store.reading() as conn:
            return {
                int(r[0]): str(r[1])
                for r in conn.execute(
                    "SELECT uid, flags FROM provenance WHERE source='imap' AND account=?"
                    " AND folder=? AND uidvalidity=? AND deleted_on_server IS NULL",
                    (account, folder, uidvalidity),
                )
            }

    def known_uids(self, account: str, folder: str, uidvalidity: int) -> set[int]:
        """Every UID of this UIDVALIDITY already stored, deleted or not."""
        with self._store.reading() as conn:
            return {
                int(r[0])
                for r in conn.execute(
                    "SELECT uid FROM provenance WHERE source='imap' AND account=?"
                    " AND folder=? AND uidvalidity=?",
                    (account, folder, uidvalidity),
                )
            }

    @staticmethod
    def message_by_hash(conn: Connection, content_hash: str) -> int | None:
        row = conn.execute(
            "SELECT id FROM messages WHERE content_hash=?", (content_hash,)
        ).fetchone()
        return None if row is None else int(row[0])

    @staticmethod
    def add_slot(
        conn: Connection,
        message_id: int,
        *,
        account: str,
        folder: str,
        uidvalidity: int,
        uid: int,
        flags: Iterable[str],
        internaldate: dt.datetime | None,
    ) -> None:
        """Point a slot at a stored message, or refresh the slot's flags if it exists."""
        conn.execute(
            "INSERT INTO provenance(message_ref, source, account, folder, uidvalidity, uid,"
            " seen, flags, internaldate) VALUES (?, 'imap', ?, ?, ?, ?, ?, ?, ?)"
            " ON CONFLICT(account, folder, uidvalidity, uid) WHERE source = 'imap'"
            " DO UPDATE SET flags=excluded.flags, internaldate=excluded.internaldate",
            (
                message_id, account, folder, uidvalidity, uid, now_iso(),
                flags_json(flags), internaldate.isoformat() if internaldate else None,
            ),
        )

    @staticmethod
    def update_flags(
        conn: Connection, account: str, folder: str, uidvalidity: int,
        changes: dict[int, str],
    ) -> None:
        """Store new flags (already JSON, see ``flags_json``) for existing slots."""
        conn.executemany(
            "UPDATE provenance SET flags=? WHERE source='imap' AND account=? AND folder=?"
            " AND uidvalidity=? AND uid=?",
            [(flags, account, folder, uidvalidity, uid) for uid, flags in changes.items()],
        )

    @staticmethod
    def mark_deleted(
        conn: Connection, account: str, folder: str, uidvalidity: int, uids: Iterable[int]
    ) -> int:
        when = now_iso()
        cur = conn.executemany(
            "UPDATE provenance SET deleted_on_server=? WHERE source='imap' AND account=?"
            " AND folder=? AND uidvalidity=? AND uid=? AND deleted_on_server IS NULL",
            [(when, account, folder, uidvalidity, uid) for uid in uids],
        )
        return int(cur.rowcount)

    @staticmethod
    def retire_old_uidvalidity(
        conn: Connection, account: str, folder: str, uidvalidity: int
    ) -> int:
        """After a full sync under a new UIDVALIDITY, close the old slots of the folder.

        Old slots whose message came back under the new UIDVALIDITY stay as
        history; the others point to mails that are really gone from the
        folder and are marked deleted on the server. Returns how many.
        """
        cur = conn.execute(
            "UPDATE provenance SET deleted_on_server=? WHERE source='imap' AND account=?"
            " AND folder=? AND uidvalidity<>? AND deleted_on_server IS NULL"
            " AND message_ref NOT IN (SELECT message_ref FROM provenance WHERE source='imap'"
            "  AND account=? AND folder=? AND uidvalidity=?)",
            (now_iso(), account, folder, uidvalidity, account, folder, uidvalidity),
        )
        return int(cur.rowcount)

    # -- one sync at a time per account ------------------------------------------

    def acquire_lock(
        self, account_id: int, pid: int, host: str, is_stale: Callable[[int, str], bool]
    ) -> tuple[int, str] | None:
        """Take the account's sync lock; return the live holder (pid, host) if taken."""
        with self._store.transaction() as conn:
            row = conn.execute(
                "SELECT pid, host FROM sync_locks WHERE account_id=?", (account_id,)
            ).fetchone()
            if row is not None:
                holder = (int(row[0]), str(row[1]))
                if not is_stale(*holder):
                    return holder
                conn.execute("DELETE FROM sync_locks WHERE account_id=?", (account_id,))
            conn.execute(
                "INSERT INTO sync_locks(account_id, pid, host, started) VALUES (?, ?, ?, ?)",
                (account_id, pid, host, now_iso()),
            )
        return None

    def release_lock(self, account_id: int, pid: int, host: str) -> None:
        with self._store.transaction() as conn:
            conn.execute(
                "DELETE FROM sync_locks WHERE account_id=? AND pid=? AND host=?",
                (account_id, pid, host),
            )


def flags_json(flags: Iterable[str]) -> str:
    """Flags in a canonical form (sorted JSON list) so equal sets compare equal."""
    return to_json(sorted(set(flags)))
