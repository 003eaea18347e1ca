"""Hostile-input benchmark (run by hand): each pathological mail of issue 11 through the sandbox.

    PYTHONPATH=. python benchmarks/hostile_bench.py [--case SUBSTRING]

Every case runs in a fresh process of its own (so peaks do not mix) that
plays the part of the app: it generates starts a sandbox with one
worker and the default limits, waits for it, generates the input in memory, resets its
own peak-memory mark (``/proc/self/clear_refs``), then prepares the mail
exactly as import and sync do (``Preparer``; a mail over a limit is stored
raw with its header read in a second small task). Reported per case: wall
time from hand-over to result, the peak resident memory of that process
plus the largest peak of its worker processes (the replaced ones included:
``RUSAGE_CHILDREN``), whether a worker was replaced and the problem noted.

Targets (issue 11): each case <= 2 s and <= 300 MB for the whole process tree.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

from helperdesk.samples import hostile

TARGET_SECONDS = 2.0
TARGET_MB = 300


def _peak_kb() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return 0


def run_case(name: str) -> dict[str, object]:
    from helperdesk.app.batch import Context, Preparer
    from helperdesk.app.sandbox import Sandbox
    from helperdesk.model import Direction

    with Sandbox(1) as box:
        # Started before the input exists, as in the app (and so the worker's
        # peak does not count pages it shared with this process before exec).
        box.start(wait=True)
        raw = hostile.CASES[name]()
        assert box.call("echo", 0) == 0
        Path("/proc/self/clear_refs").write_text("5")
        start = time.perf_counter()
        with Preparer(Context(), sandbox=box) as preparer:
            prepared = preparer.submit([(raw, Direction.IN, None)])()[0]
        seconds = time.perf_counter() - start
        parent_kb = _peak_kb()
        worker_kb = max((_worker_hwm(pid) for pid in box.worker_pids()), default=0)
        replaced = box.replaced
    dead_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return {"case": name, "seconds": seconds, "input_mb": len(raw) / 2**20,
            "tree_mb": (parent_kb + max(worker_kb, dead_kb)) / 1024,
            "parent_mb": parent_kb / 1024, "worker_mb": max(worker_kb, dead_kb) / 1024,
            "replaced": replaced, "subject": prepared.message.subject[:20],
            "problem": (prepared.message.problems or [""])[0][:60]}


def _worker_hwm(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--case", default="", help="only cases whose name contains this")
    parser.add_argument("--one", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(run_case(args.one)))
        return
    print(f"{'case':<28} {'seconds':>8} {'input MB':>9} {'tree MB':>8} {'app MB':>7} "
          f"{'worker MB':>10} {'replaced':>8}  ok   problem noted")
    failures = 0
    for name in hostile.CASES:
        if args.case not in name:
            continue
        out = subprocess.run([sys.executable, __file__, "--one", name], capture_output=True,
                             text=True, check=True)
        row = json.loads(out.stdout.strip().splitlines()[-1])
        ok = row["seconds"] <= TARGET_SECONDS and row["tree_mb"] <= TARGET_MB
        failures += not ok
        print(f"{name:<28} {row['seconds']:>8.2f} {row['input_mb']:>9.1f} {row['tree_mb']:>8.0f} "
              f"{row['parent_mb']:>7.0f} {row['worker_mb']:>10.0f} {row['replaced']:>8}  "
              f"{'yes' if ok else 'NO ':<4} {row['problem']}")
    print(f"targets: <= {TARGET_SECONDS} s and <= {TARGET_MB} MB per case; "
          f"{'all met' if not failures else f'{failures} missed'}")


if __name__ == "__main__":
    main()
