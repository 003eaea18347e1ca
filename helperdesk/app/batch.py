"""Prepare many mails (parse, attachment text, analysis), in worker processes when many.

Shared by IMAP sync and bulk file import. Parsing and analysis are pure CPU
work and Python threads share one core, so large batches go to a process
pool while the caller fetches and writes. Mail bytes travel through pipes in
memory, never through temporary files. Every function here is top-level so a
``spawn`` pool can import it; one bad mail never raises, it comes back
"stored raw" with its problem named.
"""

from __future__ import annotations

import multiprocessing
import multiprocessing.connection
import os
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, wait
from dataclasses import dataclass
from itertools import islice

from helperdesk.analysis.analyze import Analysis
from helperdesk.intake.prepare import Prepared, content_hash, prepare_mail
from helperdesk.model import Agency, Direction, Message, Provenance, Source

# At and above this size a mail is stored whole but only its header is read:
# parsing 25 MB of attachments would take long and much memory, and the
# helper still sees sender, subject and date.
HUGE_BYTES = 25 * 1024 * 1024
# Below this many mails starting worker processes costs more than it saves.
POOL_THRESHOLD = 400
# The process that hands out the work (the sync, the import) keeps one core
# busy itself (fetching, writing, and preparing whatever no worker has started),
# so workers go to the other cores: none on one core, one on two. More workers
# than cores only add switching and memory.
WORKERS = max(0, min(2, (os.cpu_count() or 1) - 1))
CHUNK = 25
# How often a wait for a worker's chunk looks whether the caller gave up (seconds).
STOP_POLL = 0.05
# Unstarted chunks per worker that the caller never takes over (see Preparer._take_one).
WORKER_RESERVE = 4

Item = tuple[bytes, Direction, Provenance | None]


@dataclass(frozen=True)
class Context:
    """What analysis needs to know: the known agencies and the household's state."""

    source: Source = Source.FILE
    directory: Sequence[Agency] = ()
    state: str | None = None


def prepare_safely(
    raw: bytes, direction: Direction, provenance: Provenance | None, context: Context
) -> Prepared:
    """prepare_mail with HelperDesk's limits; never raises for a bad mail."""
    try:
        if len(raw) >= HUGE_BYTES:
            return _prepare_huge(raw, direction, provenance, context)
        return prepare_mail(raw, source=context.source, direction=direction,
                            provenance=provenance, directory=context.directory,
                            state=context.state)
    except Exception as exc:  # one bad mail must never stop an import or a sync
        return raw_only(raw, direction, provenance, context.source,
                        f"mail could not be read ({type(exc).__name__})")


def _prepare_huge(
    raw: bytes, direction: Direction, provenance: Provenance | None, context: Context
) -> Prepared:
    end = raw.find(b"\r\n\r\n")
    end = raw.find(b"\n\n") if end < 0 else end
    head = raw[: end if end >= 0 else min(len(raw), 256 * 1024)]
    # Only the header block goes through the normal parser (so analysis sees
    # subject and sender); raw and hash are then those of the whole mail.
    prepared = prepare_mail(head + b"\r\n\r\n", source=context.source, direction=direction,
                            provenance=provenance, directory=context.directory,
                            state=context.state)
    msg = prepared.message
    msg.raw = raw
    msg.content_hash = content_hash(raw)
    msg.attachments = []
    msg.text = ""
    msg.problems.append(
        f"mail too large to read ({len(raw) // (1024 * 1024)} MB): stored unread, "
        "open or export it to see its content"
    )
    return prepared


def raw_only(
    raw: bytes, direction: Direction, provenance: Provenance | None, source: Source,
    problem: str,
) -> Prepared:
    """A mail kept exactly as received, with no parsed fields, and why."""
    message = Message(
        raw=raw, content_hash=content_hash(raw), subject="", date=None, from_addr="",
        direction=direction, source=source, problems=[problem],
        provenance=[provenance] if provenance else [],
    )
    return Prepared(message, Analysis.nothing([problem]))


def _exit_with_parent() -> None:
    """In a worker: end when the process that started it ends, however it ends.

    A pool's workers wait for work on a pipe that they themselves hold open,
    so after a crash or a kill of HelperDesk they would wait forever.
    """
    parent = multiprocessing.parent_process()
    if parent is None:
        return

    def watch() -> None:
        multiprocessing.connection.wait([parent.sentinel])
        os._exit(0)

    threading.Thread(target=watch, name="exit-with-parent", daemon=True).start()


def _ready() -> None:
    """A first task for a new worker: its start-up is the point."""


def _prepare_chunk(chunk: Sequence[Item], context: Context) -> list[Prepared]:
    """In a worker: the results without the raw bytes (the parent has them)."""
    out = []
    for item in chunk:
        prepared = prepare_safely(*item, context)
        prepared.message.raw = b""
        out.append(prepared)
    return out


@dataclass(eq=False)
class _Chunk:
    """Up to CHUNK items handed to the pool; ``taken`` holds results done by the caller."""

    items: Sequence[Item]
    future: Future[list[Prepared]]
    taken: list[Prepared] | None = None
    collected: bool = False


class Stopped(Exception):
    """The preparer's ``stop`` was set while results were awaited."""


class Preparer:
    """Prepare batches inline, or in a process pool once ``use_pool`` was called.

    With a pool, the caller does not sit idle while it waits for a batch: it
    prepares chunks that no worker has started yet, newest first (workers
    take chunks oldest first), from any batch submitted so far. So both the
    workers and the caller stay busy however the work is split between them,
    e.g. one worker plus the syncing process on a two-core machine.
    """

    def __init__(self, context: Context, workers: int | None = None,
                 stop: threading.Event | None = None) -> None:
        self.context = context
        # Set when the caller gives up (the app quits): waits end with ``Stopped``.
        self.stop = stop or threading.Event()
        self.workers = WORKERS if workers is None else workers
        self.pool: ProcessPoolExecutor | None = None
        self._queued: deque[_Chunk] = deque()  # in submission order, until collected
        self.prepared_here = 0  # mails of pool chunks the caller took over

    def use_pool(self) -> None:
        if self.pool is None and self.workers > 0:
            # spawn: safe from a threaded (GUI) process, and portable.
            self.pool = ProcessPoolExecutor(
                self.workers, mp_context=multiprocessing.get_context("spawn"),
                initializer=_exit_with_parent,
            )
            # Workers start (and import the analysis) on the first task each:
            # start them now, while the caller is still fetching the first mails.
            for _ in range(self.workers):
                self.pool.submit(_ready)

    def submit(self, items: Sequence[Item]) -> Callable[[], list[Prepared]]:
        """Start preparing; return a function that waits for the results in order."""
        pool = self.pool
        if pool is None or not items:
            return lambda: [prepare_safely(*item, self.context) for item in items]
        chunks = [
            _Chunk(part, pool.submit(_prepare_chunk, part, self.context))
            for part in (items[i : i + CHUNK] for i in range(0, len(items), CHUNK))
        ]
        self._queued.extend(chunks)

        def results() -> list[Prepared]:
            out: list[Prepared] = []
            for chunk in chunks:
                while chunk.taken is None and not chunk.future.done() and self._take_one():
                    pass
                out.extend(self._collect(chunk))
            while self._queued and self._queued[0].collected:
                self._queued.popleft()
            return out

        return results

    def _take_one(self) -> bool:
        """Prepare here the newest chunk no worker has started; False if there is none.

        Chunks enough to keep each worker busy while the caller writes stay
        with the workers: a caller that takes them all leaves the workers idle
        and becomes the slower side itself.
        """
        unstarted = [c for c in self._queued if c.taken is None and not c.collected
                     and not c.future.running() and not c.future.done()]
        if len(unstarted) <= WORKER_RESERVE * self.workers:
            return False
        chunk = unstarted[-1]
        if self.stop.is_set() or not chunk.future.cancel():
            return False  # a worker picked it up just now
        taken = []
        for item in chunk.items:
            if self.stop.is_set():
                raise Stopped()
            taken.append(prepare_safely(*item, self.context))
        chunk.taken = taken
        self.prepared_here += len(chunk.items)
        return True

    def _collect(self, chunk: _Chunk) -> list[Prepared]:
        chunk.collected = True
        if chunk.taken is not None:
            return chunk.taken
        while not chunk.future.done():
            if self.stop.is_set():
                raise Stopped()
            wait([chunk.future], timeout=STOP_POLL)
        try:
            prepared = chunk.future.result()
        except Exception:
            # A crashed worker (e.g. out of memory on one mail): do it here.
            return [prepare_safely(*item, self.context) for item in chunk.items]
        for p, item in zip(prepared, chunk.items, strict=True):
            p.message.raw = item[0]
        return prepared

    def close(self, *, wait: bool = True) -> None:
        """Stop the workers; ``wait=False`` returns at once (they end after their chunk)."""
        if self.pool is not None:
            self.pool.shutdown(wait=wait, cancel_futures=True)
            self.pool = None
        self._queued.clear()

    def __enter__(self) -> Preparer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def prepare_many(
    items: Iterable[Item], context: Context, *, workers: int | None = None, batch: int = 200
) -> Iterator[Prepared]:
    """Yield a Prepared for each (raw, direction, provenance), in input order.

    Reads the input in batches and keeps two batches in flight, so memory
    stays flat for huge mailboxes.
    """
    it = iter(items)
    first = list(islice(it, POOL_THRESHOLD))
    with Preparer(context, workers) as preparer:
        if len(first) >= POOL_THRESHOLD:
            preparer.use_pool()
        pending: deque[Callable[[], list[Prepared]]] = deque()
        batches = _batches(first, it, batch)
        for chunk in batches:
            pending.append(preparer.submit(chunk))
            if len(pending) >= 2:
                yield from pending.popleft()()
        while pending:
            yield from pending.popleft()()


def _batches(first: list[Item], rest: Iterator[Item], size: int) -> Iterator[list[Item]]:
    for i in range(0, len(first), size):
        yield first[i : i + size]
    while chunk := list(islice(rest, size)):
        yield chunk

