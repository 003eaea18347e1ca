"""IMAP side of a sync: folders to read, UID sets, and batches fetched in the background.

Read-only on the server: bodies are fetched with ``BODY.PEEK[]`` (never sets
``\\Seen``); nothing here issues STORE, COPY, MOVE, EXPUNGE or DELETE.
Batches are bounded by count and by bytes (RFC822.SIZE), so memory stays
bounded whatever the mails weigh.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

import imapclient

from helperdesk.model import Direction
from storage.accounts import Account
from sync.fetchparse import BODY_ITEMS, SIZE_ITEMS, uid_fetch

# Batches: by count and by bytes (RFC822.SIZE), so memory stays bounded
# whatever the mails weigh; anything at or above BIG_MAIL goes alone.
BATCH_MAX_MAILS = 150
BATCH_MAX_BYTES = 2 * 1024 * 1024
BIG_MAIL = 2 * 1024 * 1024
# Mails whose sizes are asked for at once (see Fetcher).
SIZE_WINDOW = 1000
# Batches fetched ahead of the one being prepared.
QUEUE_DEPTH = 2


def uid_ranges(uids: Iterable[int], max_len: int = 8000) -> list[str]:
    """Compress UIDs to IMAP sets ("1:500,502,510:900"), split to keep lines short."""
    parts: list[str] = []
    run_start = prev = None
    for uid in sorted(set(uids)):
        if prev is not None and uid == prev + 1:
            prev = uid
            continue
        if run_start is not None:
            parts.append(f"{run_start}:{prev}" if prev != run_start else str(run_start))
        run_start = prev = uid
    if run_start is not None:
        parts.append(f"{run_start}:{prev}" if prev != run_start else str(run_start))
    out: list[str] = []
    current: list[str] = []
    size = 0
    for part in parts:
        if current and size + len(part) + 1 > max_len:
            out.append(",".join(current))
            current, size = [], 0
        current.append(part)
        size += len(part) + 1
    if current:
        out.append(",".join(current))
    return out


def flag_strings(flags: Iterable[bytes | str]) -> list[str]:
    return [f.decode("utf-8", "replace") if isinstance(f, bytes) else str(f) for f in flags]


def resolve_folders(
    client: imapclient.IMAPClient, account: Account
) -> list[tuple[str, Direction]]:
    """The folders to sync with their direction (the ``\\Sent`` folder's mails go out)."""
    sent: set[str] = set()
    listed: list[str] = []
    for flags, _delim, name in client.list_folders():
        folder = name.decode() if isinstance(name, bytes) else str(name)
        listed.append(folder)
        if b"\\Sent" in flags or "\\Sent" in flags:
            sent.add(folder)
    wanted = list(account.folders) or ["INBOX", *sorted(sent)[:1]]
    result: list[tuple[str, Direction]] = []
    for folder in wanted:
        if folder not in result_names(result):
            result.append((folder, Direction.OUT if folder in sent else Direction.IN))
    return result


def result_names(items: list[tuple[str, Direction]]) -> list[str]:
    return [name for name, _ in items]


# -- fetching, preparing, writing -----------------------------------------------


@dataclass
class Fetched:
    uid: int
    raw: bytes
    flags: list[str]
    internaldate: Any
    digest: str = ""  # content hash, filled in once before preparing


DONE = object()


def split_batches(uids: list[int], sizes: dict[int, int]) -> list[list[int]]:
    """Batches of ``uids`` in order, bounded by count and bytes; big mails alone."""
    batches: list[list[int]] = []
    current: list[int] = []
    current_bytes = 0
    for uid in uids:
        size = sizes.get(uid, 0)
        if size >= BIG_MAIL:
            batches.append([uid])  # big mails alone: bounded memory
            continue
        if current and (
            len(current) >= BATCH_MAX_MAILS or current_bytes + size > BATCH_MAX_BYTES
        ):
            batches.append(current)
            current, current_bytes = [], 0
        current.append(uid)
        current_bytes += size
    if current:
        batches.append(current)
    return batches


class Fetcher(threading.Thread):
    """Fetch batches in the background so network waits overlap parsing and writing.

    Sizes (to cut batches) are asked for SIZE_WINDOW mails at a time, not for
    the whole folder first: reading 10,000 size lines takes ~0.3 s, during
    which nothing could be prepared.
    """

    def __init__(
        self, client: imapclient.IMAPClient, todo: list[int], stop: threading.Event,
    ) -> None:
        super().__init__(name="imap-fetch", daemon=True)
        self.client = client
        self.todo = todo
        self.stop = stop
        self.out: queue.Queue[object] = queue.Queue(maxsize=QUEUE_DEPTH)

    def _sizes(self, uids: list[int]) -> dict[int, int]:
        sizes: dict[int, int] = {}
        for uid_set in uid_ranges(uids):
            for uid, data in uid_fetch(self.client, uid_set, SIZE_ITEMS).items():
                sizes[uid] = int(data.get(b"RFC822.SIZE", 0))
        return sizes

    def _batches(self) -> Iterator[list[int]]:
        for i in range(0, len(self.todo), SIZE_WINDOW):
            window = self.todo[i : i + SIZE_WINDOW]
            yield from split_batches(window, self._sizes(window))

    def _put(self, item: object) -> bool:
        while not self.stop.is_set():
            try:
                self.out.put(item, timeout=0.2)
                return True
            except queue.Full:
                continue
        return False

    def run(self) -> None:
        try:
            for batch in self._batches():
                if self.stop.is_set():
                    return
                # BODY.PEEK[] never sets \Seen.
                response: dict[int, dict[bytes, Any]] = {}
                for uid_set in uid_ranges(batch):
                    response.update(uid_fetch(self.client, uid_set, BODY_ITEMS))
                fetched = []
                for uid in batch:
                    data = response.get(uid, {})
                    body = data.get(b"BODY[]")
                    if body is None:
                        continue  # expunged meanwhile; the next sync sees it gone
                    fetched.append(Fetched(
                        uid, bytes(body), flag_strings(data.get(b"FLAGS", ())),
                        data.get(b"INTERNALDATE"),
                    ))
                if not self._put(fetched):
                    return
            self._put(DONE)
        except BaseException as exc:  # handed to the consumer, which raises it
            self._put(exc)


def enable_condstore(client: imapclient.IMAPClient) -> bool:
    """Turn on CONDSTORE where offered so EXAMINE reports HIGHESTMODSEQ."""
    if not client.has_capability("CONDSTORE"):
        return False
    if client.has_capability("ENABLE"):
        client.enable("CONDSTORE")
    return True
