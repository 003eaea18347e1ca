"""Preparing many mails in the sandbox workers: input order, start-up, ending with the caller."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from helperdesk.app.batch import Context, Preparer, prepare_safely
from helperdesk.intake.prepare import Prepared
from helperdesk.model import Direction
from helperdesk.samples.sample_data import bulk_mails

from proc_table import alive, children


def _key(p: Prepared) -> object:
    return (p.message.subject, p.message.content_hash, p.message.raw, p.analysis.to_json())


def test_sandbox_results_equal_inline_results_in_input_order() -> None:
    mails = bulk_mails(63, size=2000, seed=5)
    items = [(raw, Direction.IN, None) for raw in mails]
    context = Context(state="BY")
    expected = [_key(prepare_safely(*item, context)) for item in items]
    with Preparer(context, workers=2) as preparer:
        preparer.use_pool()
        first = preparer.submit(items)()
        pending = preparer.submit(items)
        second = pending()
    assert [_key(p) for p in first] == expected
    assert [_key(p) for p in second] == expected


@pytest.mark.skipif(not os.path.isdir("/proc"), reason="reads /proc to find the workers")
def test_workers_start_when_the_pool_is_asked_for() -> None:
    # They import the analysis while the caller fetches its first mails,
    # instead of after the first batch has been handed to them.
    before = children(os.getpid())
    with Preparer(Context(), workers=2) as preparer:
        preparer.use_pool()
        # Started by the sandbox's threads: look until they are there (a busy
        # machine starts processes slowly), without handing them any work.
        deadline = time.monotonic() + 30
        while len(children(os.getpid()) - before) < 2 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert len(children(os.getpid()) - before) >= 2


_CHILD = """
import sys
from helperdesk.app.batch import Context, Preparer
from helperdesk.model import Direction

if __name__ == "__main__":
    preparer = Preparer(Context(), workers=2)
    preparer.use_pool()
    pending = preparer.submit([(b"Subject: Test\\n\\nHallo", Direction.IN, None)] * 60)
    pending()
    print("ready", flush=True)
    sys.stdin.read()  # until killed
"""


@pytest.mark.skipif(not os.path.isdir("/proc"), reason="reads /proc to find the workers")
def test_workers_end_when_their_process_is_killed(tmp_path: Path) -> None:
    script = tmp_path / "child.py"
    script.write_text(_CHILD)
    with subprocess.Popen([sys.executable, str(script)], stdin=subprocess.PIPE,
                          stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True) as child:
        try:
            assert child.stdout is not None and child.stdout.readline().strip() == "ready"
            workers = children(child.pid)
            assert len(workers) >= 2  # the two sandbox workers
        finally:
            child.kill()
            child.wait()
    deadline = time.monotonic() + 20
    while any(alive(p) for p in workers) and time.monotonic() < deadline:
        time.sleep(0.05)  # polling a process table; there is no event to wait on
    assert not any(alive(p) for p in workers), "workers outlived the killed process"
