"""UI benchmark (not a test): 50,000 mails over 30 households.

    PYTHONPATH=. QT_QPA_PLATFORM=offscreen python benchmarks/ui_bench.py

Builds the store once and caches it in /tmp (fixed passphrase; only the
fictional bulk sample data is in it). Measures: unlock to a usable main
window, switching household, search results, and peak RSS.
"""

from __future__ import annotations

import os
import resource
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

CACHE = Path("/tmp/helperdesk-ui-bench/store.db")  # noqa: S108 (fictional data, by design)
PASSPHRASE = "bench only, fictional data"  # noqa: S105 (benchmark cache only)
MAILS, HOUSEHOLDS = 50_000, 30


def build(path: Path) -> None:
    from helperdesk.intake.prepare import prepare_mail
    from helperdesk.model import Agency, Case, Household
    from helperdesk.samples.sample_data import AGENCIES, bulk_mails
    from storage.store import Store

    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".building")
    for leftover in (tmp, Path(f"{tmp}-wal"), Path(f"{tmp}-shm")):
        leftover.unlink(missing_ok=True)
    store = Store.create(tmp, PASSPHRASE)
    agencies = [store.agencies.add(Agency(name=a.name, kind=a.kind, emails=list(a.emails)))
                for a in AGENCIES]
    households = [store.households.add(Household(name=f"Haushalt {i:02d}"))
                  for i in range(HOUSEHOLDS)]
    cases = {(h.id, a.id): store.cases.add(Case(household_id=h.id or 0, agency_id=a.id,
                                                title=a.name)).id
             for h in households for a in agencies}
    done = 0
    for start in range(0, MAILS, 2000):
        raws = bulk_mails(min(2000, MAILS - start), seed=start + 1)
        with store.transaction():
            for j, raw in enumerate(raws):
                i = start + j
                msg = prepare_mail(raw).message
                h = households[i % HOUSEHOLDS]
                a = agencies[i % len(agencies)]
                msg.household_id = h.id
                # Most mail is filed; every 50th waits in Unfiled.
                msg.case_id = None if i % 50 == 0 else cases[(h.id, a.id)]
                store.messages.add(msg)
        done += len(raws)
        print(f"  {done} mails", file=sys.stderr, flush=True)
    store.close()
    os.replace(tmp, path)
    for suffix in ("-wal", "-shm"):
        Path(f"{tmp}{suffix}").unlink(missing_ok=True)


def main() -> int:
    if not CACHE.exists():
        print("building the benchmark store (once)…", file=sys.stderr)
        build(CACHE)
    from PySide6.QtCore import QModelIndex
    from PySide6.QtWidgets import QApplication

    from storage.store import Store
    from ui.app import application
    from ui.main_window import MainWindow

    application()
    # Migrate the cached store (new indexes) before timing; a real store does it once too.
    Store.open(CACHE, PASSPHRASE).close()
    t0 = time.perf_counter()
    store = Store.open(CACHE, PASSPHRASE)
    window = MainWindow(store)
    window.show()
    QApplication.processEvents()
    unlock = time.perf_counter() - t0

    switches = []
    ids = [window.households_model.household_at(r).id
           for r in range(window.households_model.rowCount())]
    for hid in ids[:10]:
        t = time.perf_counter()
        window.select_household(hid)
        QApplication.processEvents()
        switches.append(time.perf_counter() - t)
    view = window.household
    busiest = max(range(view.cases_model.rowCount()),
                  key=lambda r: view.cases_model.row_at(r).messages)
    t = time.perf_counter()
    view.cases.selectRow(busiest)
    QApplication.processEvents()
    open_case = time.perf_counter() - t
    assert view.thread_model.rowCount() > 0
    fetch_t = time.perf_counter()
    window.household.thread_model.fetchMore(QModelIndex())
    fetch_more = time.perf_counter() - fetch_t

    searches = []
    for word in ("Mitwirkung", "Kindergeld", "Vorgang 4711", "Aufenthaltstitel", "Bescheid"):
        window.search_box.setText(word)
        done: list[str] = []
        window.search.searched.connect(lambda text, _n, done=done: done.append(text))
        t = time.perf_counter()
        window.search.run_now()
        # Search runs in a worker thread: time until its results are shown.
        while not done:
            QApplication.processEvents()
        searches.append(time.perf_counter() - t)
        window.search.searched.disconnect()
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    window.close()
    store.close()
    print(f"mails={MAILS} households={HOUSEHOLDS}")
    print(f"unlock to usable window: {unlock * 1000:.0f} ms (target <= 1500)")
    print(f"switch household: median {sorted(switches)[len(switches) // 2] * 1000:.1f} ms, "
          f"max {max(switches) * 1000:.1f} ms (target <= 100)")
    print(f"open a case with {view.thread_model.total} mails: {open_case * 1000:.1f} ms")
    print(f"next page of 200 mails: {fetch_more * 1000:.1f} ms")
    print(f"search: median {sorted(searches)[len(searches) // 2] * 1000:.1f} ms, "
          f"max {max(searches) * 1000:.1f} ms (target <= 100)")
    print(f"peak RSS: {rss_mb:.0f} MB (target <= 400)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
