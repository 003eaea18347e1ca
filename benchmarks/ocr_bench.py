"""OCR benchmark: seconds per A4 page at 300 dpi on one core, peak memory, accuracy.

Run by hand (``PYTHONPATH=. .venv/bin/python benchmarks/ocr_bench.py``):

* speed: corpus letters rendered at 300 dpi (A4, 2480 x 3508 pixels) are read
  one page per worker through ``helperdesk.app.ocr.engine`` (Tesseract with
  ``OMP_THREAD_LIMIT=1``: one core). Wall time and CPU time of the worker
  tree are reported, with a reference measured in the same run: bare
  ``tesseract stdin stdout -l deu`` on the same page without any preparation
  (this machine is shared; the ratio says what HelperDesk adds);
* memory: the resident memory of the worker plus its Tesseract, sampled
  every 10 ms, summed over the tree, peak over all pages;
* ``--accuracy``: every corpus letter through every degradation of
  ``tests/ocr_letters.py`` (200 dpi, 1-3°, uneven light, JPEG 70, upside down,
  on its side): share with exactly the IDs and deadlines of the letter's
  text, and extra IDs from noise, per degradation.

Targets (issue 16): <= 3 s per page on one core, <= 500 MB for the tree.
"""

from __future__ import annotations

import argparse
import io
import os
import resource
import subprocess
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from helperdesk.app.ocr import engine
from helperdesk.app.ocr.letters import Reader, read_photos

from ocr_letters import (
    DEGRADATIONS,
    LETTERS,
    findings,
    letter_pdf,
    photographed,
    render,
    truth,
)
from proc_table import children, rss_kb


def _tree_rss_kb(root: int) -> int:
    total, todo, seen = 0, [root], set()
    while todo:
        pid = todo.pop()
        if pid in seen:
            continue
        seen.add(pid)
        total += rss_kb(pid)
        todo.extend(children(pid))
    return total


class PeakSampler:
    """Peak summed resident memory of this process's children and their children."""

    def __init__(self) -> None:
        self.peak_kb = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        me = os.getpid()
        while not self._stop.wait(0.01):
            now = sum(_tree_rss_kb(pid) for pid in children(me))
            self.peak_kb = max(self.peak_kb, now)

    def __enter__(self) -> PeakSampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def _child_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def speed(pages: int) -> None:
    images = []
    for name in LETTERS[:pages]:
        buffer = io.BytesIO()
        render(letter_pdf(name), 300).save(buffer, "PNG")
        images.append(buffer.getvalue())
    print(f"speed: {len(images)} A4 pages at 300 dpi (2480 x 3508), one page per worker")
    walls, cpus, bare_walls, bare_cpus = [], [], [], []
    with PeakSampler() as sampler:
        for png in images:
            cpu0, t0 = _child_cpu(), time.perf_counter()
            reading = engine.recognise_images([png])
            walls.append(time.perf_counter() - t0)
            cpus.append(_child_cpu() - cpu0)
            assert not reading.pages[0].error, reading.pages[0].error
            cpu0, t0 = _child_cpu(), time.perf_counter()
            subprocess.run(["tesseract", "stdin", "stdout", "-l", "deu"], input=png,
                           capture_output=True, check=True,
                           env={"PATH": "/usr/bin:/bin", "OMP_THREAD_LIMIT": "1"})
            bare_walls.append(time.perf_counter() - t0)
            bare_cpus.append(_child_cpu() - cpu0)
    n = len(images)
    print(f"  HelperDesk worker: {sum(walls) / n:.2f} s wall, {sum(cpus) / n:.2f} s CPU per page"
          f" (max {max(walls):.2f} s wall)")
    print(f"  bare tesseract:    {sum(bare_walls) / n:.2f} s wall, {sum(bare_cpus) / n:.2f} s CPU"
          " per page")
    print(f"  ratio HelperDesk / bare tesseract (CPU): {sum(cpus) / sum(bare_cpus):.2f}")
    print(f"  peak memory of the process tree: {sampler.peak_kb / 1024:.0f} MB"
          f" (largest single process: "
          f"{resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024:.0f} MB)")
    print(f"  load average during the run: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")


def accuracy(letters: list[str], names: list[str] | None) -> None:
    print(f"accuracy: {len(letters)} letters per degradation")
    by_name = {d.name: d for d in DEGRADATIONS}
    for degradation in [by_name[n] for n in names] if names else DEGRADATIONS:
        right, extra, misses = 0, 0, []
        t0 = time.perf_counter()
        for name in letters:
            prepared = read_photos([("letter.jpg", photographed(name, degradation))],
                                   reader=Reader())
            got = findings(prepared.analysis_json())
            want = truth(letter_pdf(name))
            extra += len(got[0] - want[0])
            if got == want:
                right += 1
            else:
                misses.append(name)
        seconds = (time.perf_counter() - t0) / len(letters)
        share = 100 * right / len(letters)
        print(f"  {degradation.name:<42} {right}/{len(letters)} = {share:5.1f} %"
              f"  extra IDs {extra}  ({seconds:.1f} s/page)  misses: {', '.join(misses) or '-'}",
              flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=5, help="pages for the speed run (0: none)")
    parser.add_argument("--accuracy", action="store_true", help="also the accuracy report")
    parser.add_argument("--letters", type=int, default=len(LETTERS))
    parser.add_argument("--degradation", action="append", help="only these (by name)")
    args = parser.parse_args()
    if not engine.status().available:
        sys.exit(engine.status().reason)
    if args.pages > 0:
        speed(args.pages)
    if args.accuracy:
        accuracy(LETTERS[: args.letters], args.degradation)


if __name__ == "__main__":
    main()
