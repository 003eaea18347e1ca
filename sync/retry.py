"""Retry with exponential backoff, for the app's background sync worker.

Only errors marked ``retryable`` (network trouble, server hiccups) are tried
again; a rejected password or an untrusted certificate is reported at once,
because repeating it cannot help and may lock the account at the provider.
"""

from __future__ import annotations

import random
import threading
from collections.abc import Callable
from typing import TypeVar

from sync.errors import Cancelled, SyncError

T = TypeVar("T")


def backoff_delays(
    attempts: int, *, base: float = 2.0, cap: float = 300.0, jitter: float = 0.25
) -> list[float]:
    """Delays before attempt 2, 3, …: base·2ⁿ capped, with ± jitter so clients spread out."""
    delays = []
    for n in range(max(0, attempts - 1)):
        delay = min(cap, base * 2**n)
        delays.append(delay * (1 + random.uniform(-jitter, jitter)))  # noqa: S311
    return delays


def with_retries(
    func: Callable[[], T],
    *,
    attempts: int = 4,
    base: float = 2.0,
    cap: float = 300.0,
    cancel: threading.Event | None = None,
    is_retryable: Callable[[BaseException], bool] | None = None,
    on_retry: Callable[[int, float, BaseException], None] | None = None,
) -> T:
    """Call ``func`` until it succeeds, fails for good, or ``attempts`` run out.

    Waiting happens on ``cancel`` so the GUI can stop a waiting worker at once
    (raises ``Cancelled``). ``on_retry(attempt, delay, error)`` lets the
    caller show "retrying in 8 s…".
    """
    check = is_retryable or (lambda exc: isinstance(exc, SyncError) and exc.retryable)
    waiter = cancel or threading.Event()
    delays = backoff_delays(attempts, base=base, cap=cap)
    for attempt in range(1, attempts + 1):
        try:
            return func()
        except Exception as exc:
            if attempt >= attempts or not check(exc):
                raise
            delay = delays[attempt - 1]
            if on_retry is not None:
                on_retry(attempt, delay, exc)
            if waiter.wait(delay):
                raise Cancelled() from None
    raise AssertionError("unreachable")  # pragma: no cover
