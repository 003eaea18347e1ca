"""Prepare mails and letters (parse, attachment text, analysis) in the sandbox.

Shared by IMAP sync, file import and drops in the app. Every mail goes to a
sandbox worker (``helperdesk.app.sandbox``), never parsed in the process
that holds the store key; while the workers parse, the caller fetches and
writes. Mail bytes travel through pipes in memory, never through temporary
files. One bad mail never raises: when its worker hits a limit or crashes,
the worker is replaced and the mail comes back stored raw with a problem
note ("too complex to read safely"), its header read in a second, small
task so it stays searchable by sender and subject.
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, wait
from itertools import islice

from helperdesk.app import sandbox
from helperdesk.app.sandbox import Sandbox, SandboxFailure
from helperdesk.app.untrusted import (
    HUGE_BYTES,
    TOO_COMPLEX,
    Context,
    head_block,
    paper_unread,
    prepare_safely,
    raw_only,
)
from helperdesk.intake.prepare import Prepared, content_hash
from helperdesk.intake.scan import Recognised
from helperdesk.model import Direction, Provenance

__all__ = ["HUGE_BYTES", "POOL_THRESHOLD", "TOO_COMPLEX", "WORKERS", "Context", "Preparer",
           "prepare_in_sandbox", "prepare_many", "prepare_paper_in_sandbox", "prepare_safely",
           "raw_only"]

# Kept for callers that size their batches: from this many mails a sync or an
# import keeps several batches in flight.
POOL_THRESHOLD = 400
WORKERS = sandbox.DEFAULT_WORKERS
# How often a wait for prepared mails looks whether the caller gave up (seconds).
STOP_POLL = 0.05

Item = tuple[bytes, Direction, Provenance | None]


def _own_bytes(prepared: Prepared, raw: bytes) -> Prepared:
    """The raw bytes and their hash come from this side, not from the worker's answer."""
    prepared.message.raw = raw
    prepared.message.content_hash = content_hash(raw)
    return prepared


def _after_failure(box: Sandbox, item: Item, context: Context, exc: SandboxFailure) -> Prepared:
    raw, direction, provenance = item
    if isinstance(exc.partial, Prepared):  # the header, sent ahead by the worker
        return _own_bytes(exc.partial, raw)
    try:
        head = box.call("head", head_block(raw), direction, provenance, context, TOO_COMPLEX)
        return _own_bytes(head, raw)
    except SandboxFailure:
        return raw_only(raw, direction, provenance, context.source, TOO_COMPLEX)


def _result(box: Sandbox, item: Item, context: Context, future: Future[Prepared]) -> Prepared:
    try:
        return _own_bytes(future.result(), item[0])
    except SandboxFailure as exc:
        return _after_failure(box, item, context, exc)


def prepare_in_sandbox(
    raw: bytes, direction: Direction, provenance: Provenance | None, context: Context,
    *, box: Sandbox | None = None,
) -> Prepared:
    """One mail, prepared in a sandbox worker (the shared one unless ``box``)."""
    return Preparer(context, sandbox=box or sandbox.shared()).submit(
        [(raw, direction, provenance)])()[0]


def prepare_paper_in_sandbox(
    pdf: bytes, filename: str, context: Context, *, box: Sandbox | None = None,
    recognised: Recognised | None = None,
) -> Prepared:
    """One paper letter (PDF), its text read in a sandbox worker (with what OCR read)."""
    box = box or sandbox.shared()
    try:
        prepared: Prepared = box.call("paper", pdf, filename, context, recognised)
    except SandboxFailure:
        return paper_unread(pdf, filename, TOO_COMPLEX)
    prepared.message.raw = pdf
    prepared.message.content_hash = content_hash(pdf)
    for att in prepared.message.attachments:
        att.data = pdf
    return prepared


class Stopped(Exception):
    """The preparer's ``stop`` was set while results were awaited."""


class Preparer:
    """Hand batches of mails to sandbox workers; collect the results in order.

    Uses the process's shared sandbox unless ``workers`` asks for an own one
    (closed with the Preparer) or a ``sandbox`` is given.
    """

    def __init__(self, context: Context, workers: int | None = None,
                 sandbox: Sandbox | None = None, stop: threading.Event | None = None) -> None:
        self.context = context
        # Set when the caller gives up (the app quits): waits end with ``Stopped``.
        self.stop = stop or threading.Event()
        self._own = sandbox is None and workers is not None
        if sandbox is not None:
            self.sandbox = sandbox
        elif workers is not None:
            self.sandbox = Sandbox(workers)
        else:
            self.sandbox = _shared_sandbox()
        self.workers = self.sandbox.size

    def use_pool(self) -> None:
        """Start the workers now, while the caller is still fetching the first mails."""
        self.sandbox.start()

    def submit(self, items: Sequence[Item]) -> Callable[[], list[Prepared]]:
        """Start preparing; return a function that waits for the results in order."""
        box, context = self.sandbox, self.context
        sent = []
        for raw, direction, provenance in items:
            item = (raw, direction, provenance)
            if len(raw) >= HUGE_BYTES:
                future = box.submit("head", head_block(raw), direction, provenance, context,
                                    f"mail too large to read ({len(raw) // (1024 * 1024)} MB): "
                                    "stored unread, open or export it to see its content")
            else:
                future = box.submit("mail", raw, direction, provenance, context)
            sent.append((item, future))

        stop = self.stop

        def results() -> list[Prepared]:
            for _item, future in sent:
                while not future.done():
                    if stop.is_set():
                        raise Stopped()
                    wait([future], timeout=STOP_POLL)
            return [_result(box, item, context, future) for item, future in sent]

        return results

    def close(self) -> None:
        if self._own:
            self.sandbox.close()

    def __enter__(self) -> Preparer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _shared_sandbox() -> Sandbox:
    return sandbox.shared()


def prepare_many(
    items: Iterable[Item], context: Context, *, workers: int | None = None, batch: int = 200
) -> Iterator[Prepared]:
    """Yield a Prepared for each (raw, direction, provenance), in input order.

    Reads the input in batches and keeps two batches in flight, so memory
    stays flat for huge mailboxes.
    """
    it = iter(items)
    with Preparer(context, workers) as preparer:
        pending: deque[Callable[[], list[Prepared]]] = deque()
        while chunk := list(islice(it, batch)):
            pending.append(preparer.submit(chunk))
            if len(pending) >= 2:
                yield from pending.popleft()()
        while pending:
            yield from pending.popleft()()
