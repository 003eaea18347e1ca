"""Prepare many mails in parallel worker processes, results in input order.

Parsing and analysis are pure CPU work; Python threads would share one core,
so bulk import (mbox files, first syncs, benchmarks) fans them out to worker
processes while the caller writes results to the store. Mail bytes travel
through pipes in memory, never through temporary files. Small inputs are
prepared inline: starting workers costs more than it saves.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from itertools import islice

from helperdesk.model import Agency, Direction, Provenance, Source
from helperdesk.prepare import Prepared, prepare_mail

INLINE_BELOW = 64
CHUNK = 32


def _prepare_one(
    item: tuple[bytes, Provenance | None],
    source: Source,
    direction: Direction,
    directory: Sequence[Agency],
    state: str | None,
) -> Prepared:
    raw, provenance = item
    return prepare_mail(raw, source=source, direction=direction, provenance=provenance,
                        directory=directory, state=state)


def _prepare_chunk(
    chunk: list[tuple[bytes, Provenance | None]],
    source: Source,
    direction: Direction,
    directory: Sequence[Agency],
    state: str | None,
) -> list[Prepared]:
    return [_prepare_one(item, source, direction, directory, state) for item in chunk]


def default_workers() -> int:
    return max(1, min(4, os.cpu_count() or 1))


def prepare_many(
    items: Iterable[tuple[bytes, Provenance | None]],
    *,
    source: Source = Source.FILE,
    direction: Direction = Direction.IN,
    directory: Sequence[Agency] = (),
    state: str | None = None,
    workers: int | None = None,
) -> Iterator[Prepared]:
    """Yield a Prepared for each (raw, provenance) pair, in order."""
    args = (source, direction, tuple(directory), state)
    it = iter(items)
    head = list(islice(it, INLINE_BELOW))
    n = workers or default_workers()
    if len(head) < INLINE_BELOW or n == 1:
        for item in head:
            yield _prepare_one(item, *args)
        for item in it:
            yield _prepare_one(item, *args)
        return
    # forkserver: never fork a process that may hold Qt or SQLCipher state.
    context = multiprocessing.get_context("forkserver")
    chunks = _chunks(head, it)
    with ProcessPoolExecutor(max_workers=n, mp_context=context) as pool:
        # A bounded window of chunks in flight keeps memory flat for huge mailboxes
        # (Executor.map would read the whole input at once).
        window: deque[Future[list[Prepared]]] = deque()
        for chunk in chunks:
            window.append(pool.submit(_prepare_chunk, chunk, *args))
            if len(window) >= 2 * n:
                yield from window.popleft().result()
        while window:
            yield from window.popleft().result()


def _chunks(head: list[tuple[bytes, Provenance | None]],
            rest: Iterator[tuple[bytes, Provenance | None]]
            ) -> Iterator[list[tuple[bytes, Provenance | None]]]:
    for i in range(0, len(head), CHUNK):
        yield head[i : i + CHUNK]
    while chunk := list(islice(rest, CHUNK)):
        yield chunk
